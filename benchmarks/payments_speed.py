"""Payments speed: a year of bank statements imported and matched, against parsing alone.

Why it exists: a cluster's account brings a statement a day, and a coordinator catching
up imports a year of them at once. This script prepares a 300-member cluster with its
account (with the ledger's own operations, not timed) and writes one year of its
statements, 250 daily statements of 20 movements (5,000 in all: credits quoting a
member's structured communication, credits from known and unknown payers, bank costs and
a few returns), twice: as one CODA 2.x file and as one camt.053.001.08 document. Then it
times whole processes in one run:

1. ``cluster-ledger --db X payments import year.cod --cluster C --commit`` on a fresh copy
   of the ledger (read, check, match, book 250 statements in 250 transactions);
2. the same for ``year.xml`` (camt.053);
3. ``febelfin-coda`` parsing ``year.cod`` alone, and 4. a bare ``defusedxml`` pass over
   every entry of ``year.xml``.

Goal: each import within 2x its bare parse::

    .venv/bin/python benchmarks/payments_speed.py             # writes RESULTS.md
    .venv/bin/python benchmarks/payments_speed.py --days 20   # quick; prints only
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from harness import REPO, Bench, Measure, add_common_options, check, child, cli_argv
from results import PROCESS_ALIGN, markdown_table, method_note, process_header, process_row

sys.path.insert(0, str(REPO / "sample_data"))

HEADING = "## Payments speed (payments_speed.py)"
CLUSTER = "Bench Cluster"
ACCOUNT = "BE43068999999501"
YEAR = 2026
SEED = 20261204


def members(count: int) -> list[tuple[str, str, str]]:
    """(enterprise number, name, payer IBAN) for ``count`` members."""
    from stdnum import iban

    rng = random.Random(SEED)
    numbers: set[str] = set()
    while len(numbers) < count:
        body = f"0{rng.randrange(1, 10**7):07d}"
        numbers.add(f"{body}{97 - int(body) % 97:02d}")
    out = []
    for index, kbo in enumerate(sorted(numbers)):
        account = f"{rng.randrange(10**11, 10**12):012d}"
        payer = "BE" + iban.calc_check_digits("BE00" + account) + account
        out.append((kbo, f"Lid {index:03d} BV", payer))
    return out


def prepare_ledger(path: Path, people: list[tuple[str, str, str]]) -> None:
    from ledger import operations
    from ledger.payments.actions import add_account
    from ledger.session import Ledger

    path.unlink(missing_ok=True)
    ledger = Ledger.open(path, create=True, origin="benchmark")
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=YEAR)
        for index, (kbo, name, _) in enumerate(people):
            operations.add_member(
                tx, cluster, kbo=kbo, name=name, postcode=("9000", "2000", "3000")[index % 3]
            )
        add_account(tx, cluster, iban=ACCOUNT)
    ledger.engine.dispose()


def year_of_statements(days: int, per_day: int, people: list[tuple[str, str, str]]):
    """The statements as (day, payments): company ids follow the member order (1..N)."""
    from statement_files import Payment

    from ledger.payments.ogm import derive

    rng = random.Random(SEED + 1)
    day, out = date(YEAR, 1, 2), []
    for number in range(1, days + 1):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        payments = []
        for _ in range(per_day):
            company = rng.randrange(len(people))
            _, name, payer = people[company]
            cents = rng.choice((150_000, 200_000, 375_000, 650_000, 1_000_000))
            draw = rng.random()
            if draw < 0.70:  # quotes its communication
                ref = derive(cluster_id=1, company_id=company + 1, year=YEAR)
                payments.append(Payment(cents, name, payer, "GKCCBEBB", ref))
            elif draw < 0.85:  # no communication, a payer the ledger may know by now
                payments.append(Payment(cents, name, payer, text=f"lidgeld {YEAR} {name}"))
            elif draw < 0.93:  # someone else: waits in the queue
                payments.append(Payment(cents, "Sponsor NV", "BE68539007547034", text="event"))
            elif draw < 0.97 and payments and payments[0].ogm:  # a return of today's first
                first = payments[0]
                payments.append(Payment(-first.amount_cents, first.name, first.iban, text="retour"))
            else:
                payments.append(Payment(-rng.randrange(100, 5_000), text="bankkosten"))
        out.append((number, day, payments))
        day += timedelta(days=1)
    return out


def write_files(work: Path, statements) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    from statement_files import camt053_statement, coda_statement

    coda_parts, camt_parts = [], []
    balance = 0
    for number, day, payments in statements:
        coda_parts.append(coda_statement(ACCOUNT, "BENCH VZW", number, day, balance, payments))
        camt_parts.append(camt053_statement(ACCOUNT, "BENCH VZW", number, day, balance, payments))
        balance += sum(p.amount_cents for p in payments)
    coda = work / "year.cod"
    coda.write_text("".join(coda_parts), encoding="cp1252", newline="")
    # One camt.053 document holding every day's statement.
    head, _, _ = camt_parts[0].partition("    <Stmt>")
    bodies = [
        "    <Stmt>" + part.partition("    <Stmt>")[2].partition("  </BkToCstmrStmt>")[0]
        for part in camt_parts
    ]
    camt = work / "year.xml"
    camt.write_text(head + "".join(bodies) + "  </BkToCstmrStmt>\n</Document>\n", encoding="utf-8")
    return coda, camt


def import_argv(db: Path, path: Path) -> list[str]:
    return [
        *cli_argv(),
        "--db",
        str(db),
        "payments",
        "import",
        str(path),
        "--cluster",
        CLUSTER,
        "--commit",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=250, help="daily statements")
    parser.add_argument("--per-day", type=int, default=20, help="movements a statement")
    add_common_options(parser, write_default="only with the default --days (250)")
    args = parser.parse_args()
    bench = Bench.start(args, __file__)
    work = bench.work / "payments_speed"
    work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    people = members(300)
    statements = year_of_statements(args.days, args.per_day, people)
    coda, camt = write_files(work, statements)
    template = work / "members.sqlite"
    prepare_ledger(template, people)
    setup = time.perf_counter() - started
    movements = args.days * args.per_day

    fresh = [work / "coda.sqlite", work / "camt.sqlite"]
    imports = [
        Measure(
            f"payments import {path.name}, --commit",
            child("import_fresh_ledger", str(template), str(db), "--", *import_argv(db, path)),
        )
        for path, db in zip((coda, camt), fresh, strict=True)
    ]
    bare_coda = Measure("febelfin-coda alone", child("payments_parse", str(coda), "coda"))
    bare_camt = Measure("defusedxml pass alone", child("payments_parse", str(camt), "camt"))
    bench.launcher.measure([*imports, bare_coda, bare_camt], bench.repeat)
    for measure in imports:
        check(all("Booked " in run.stdout for run in measure.runs), "an import did not book")
    check(
        all(f'"movements": {movements}' in run.stdout for run in bare_coda.runs),
        f"febelfin-coda did not see {movements} movements",
    )

    last = imports[0].runs[-1].stdout.strip().splitlines()[-1]
    rows = [
        process_row(imports[0].label, imports[0], bare_coda, bold=True),
        process_row(bare_coda.label, bare_coda, bare_coda, f"{bare_coda.inner_all():.3f} s"),
        process_row(imports[1].label, imports[1], bare_camt, bold=True),
        process_row(bare_camt.label, bare_camt, bare_camt, f"{bare_camt.inner_all():.3f} s"),
    ]
    table = markdown_table(process_header("bare parse"), rows, PROCESS_ALIGN)
    goals = [
        (
            f"{m.label.split(',')[0]} <= 2x {b.label}",
            m.median <= 2 * b.median,
            f"{m.median / b.median:.2f}x",
        )
        for m, b in ((imports[0], bare_coda), (imports[1], bare_camt))
    ]
    body = [
        f"Input: {args.days} daily statements of {args.per_day} movements ({movements:,}) for a "
        f"300-member cluster, as one CODA file ({coda.stat().st_size / 1e6:.1f} MB) and one "
        f"camt.053.001.08 document ({camt.stat().st_size / 1e6:.1f} MB); the ledger holds the "
        f"cluster, its members and account (set up in {setup:.0f} s, not timed). What the "
        f"CODA import printed last: `{last}`. Each row's x column is against its own format's "
        "bare parse.",
        "",
        table,
        "",
        *[f"- {name}: **{'met' if ok else 'NOT met'}** ({figure})" for name, ok, figure in goals],
        "",
        method_note(bench.repeat),
    ]
    write = args.write if args.write is not None else args.days == 250
    bench.finish(HEADING, body, write=write)


if __name__ == "__main__":
    main()
