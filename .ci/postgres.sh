# Start and stop a throw-away PostgreSQL server for the tests.
# Source this file, then: pg_start (exports TEST_DATABASE_URL) ... pg_stop.
# The server runs as the 'postgres' user on 127.0.0.1 and a free port, in a temporary folder.

pg_bin() {
    local found
    for found in /usr/lib/postgresql/*/bin; do
        if [ -x "$found/initdb" ]; then echo "$found"; return 0; fi
    done
    dirname "$(command -v initdb)"
}

pg_start() {
    local bin port
    bin=$(pg_bin) || { echo "initdb not found: PostgreSQL tests will be skipped" >&2; return 1; }
    PG_DIR=$(mktemp -d /tmp/cluster-ledger-pg.XXXXXX)
    chown postgres:postgres "$PG_DIR" 2>/dev/null || true
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    local as_pg=()
    if [ "$(id -u)" = "0" ]; then as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    "${as_pg[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
        || { cat "$PG_DIR/server.log" >&2; return 1; }
    export PG_DIR PG_BIN="$bin"
    export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL running on 127.0.0.1:$port (data in $PG_DIR)"
}

pg_stop() {
    [ -n "${PG_DIR:-}" ] || return 0
    local as_pg=()
    if [ "$(id -u)" = "0" ]; then as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    unset PG_DIR
}
