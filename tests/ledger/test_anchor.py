"""Anchors kept outside the ledger find what verify cannot: a history rewritten with every
hash and tip after it (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from ledger.files import Origin
from ledger.integrity import guards
from ledger.integrity.anchor import Anchor, anchor_now, append, extends, parse_text, read
from ledger.integrity.chain import GENESIS, chain_rows, link
from ledger.integrity.verify import verify
from ledger.session import Ledger
from tests.ledger.test_integrity import booked  # noqa: F401  (the fixture)
from tui.cli import app


def rewrite_everything(ledger: Ledger) -> None:
    """The attacker the issue describes: an amount changed, then every hash after it and
    the tip recomputed, the guards put back. verify alone sees nothing."""
    with ledger.engine.begin() as connection:
        guards.drop(connection)
        connection.execute(text("UPDATE contribution SET amount_cents = 99999 WHERE id = 2"))
    hashes, tip = [], GENESIS
    with ledger.read() as session:
        for row in chain_rows(session, "contribution", cluster_id=1):
            tip = link(tip, list(row[1:-1]))  # rows are (id, *fields, chain_hash)
            hashes.append({"h": tip, "i": row[0]})
    with ledger.engine.begin() as connection:
        update = "UPDATE contribution SET chain_hash = :h WHERE id = :i"
        connection.execute(text(update), hashes)
        connection.execute(
            text("UPDATE chain_tip SET tip = :t WHERE chain = 'contribution:1'"), {"t": tip}
        )
        guards.create(connection)


def test_an_anchor_finds_a_history_rewritten_with_its_hashes(
    booked: Ledger,  # noqa: F811
    tmp_path: Path,
) -> None:
    verdict = verify(booked)
    kept = tmp_path / "anchors.jsonl"
    append(
        kept, anchor_now(((c.name, c.length, c.tip) for c in verdict.chains), "l"), origin=Origin()
    )
    with booked.read() as session:
        assert extends(session, read(kept)) == []
    rewrite_everything(booked)
    assert verify(booked).problems == []  # what verify cannot see from inside
    with booked.read() as session:
        (problem,) = extends(session, read(kept))
    assert problem.startswith("chain contribution:1 no longer extends the anchor of ")
    assert problem.endswith("the history before the anchor was rewritten")


def test_a_chain_cut_short_is_found_and_a_printed_anchor_reads_back(
    booked: Ledger,  # noqa: F811
) -> None:
    verdict = verify(booked)
    made = anchor_now(((c.name, c.length, c.tip) for c in verdict.chains), "l")
    (again,) = parse_text("\n".join(made.paper()))
    assert again.chains == made.chains
    longer = Anchor(
        "then", "l", {"contribution:1": (made.chains["contribution:1"][0] + 5, "a" * 64)}
    )
    with booked.read() as session:
        (problem,) = extends(session, [longer])
    assert "links, but the anchor of then recorded" in problem


def test_the_command_anchors_and_checks(booked: Ledger, db_target: str, tmp_path: Path) -> None:  # noqa: F811
    runner = CliRunner()
    kept = tmp_path / "anchors.jsonl"
    made = runner.invoke(app, ["--db", db_target, "verify", "--anchor", str(kept)])
    assert made.exit_code == 0, made.stderr
    assert made.stdout.splitlines()[-1].startswith("Anchored ")
    printed = runner.invoke(app, ["--db", db_target, "verify", "--anchor", "-"])
    assert printed.stdout.splitlines()[-1].count(" ") == 2  # CHAIN LENGTH TIP
    ok = runner.invoke(app, ["--db", db_target, "verify", "--against", str(kept)])
    assert ok.exit_code == 0 and "Note: the ledger extends the 1 anchor(s) in" in ok.stdout
    rewrite_everything(booked)
    bad = runner.invoke(
        app, ["--db", db_target, "verify", "--against", str(kept), "--anchor", str(kept)]
    )
    assert bad.exit_code == 1
    assert f"cluster-ledger: problem: {kept}: chain contribution:1 no longer extends" in bad.stderr
    assert bad.stderr.splitlines()[-1].endswith("(nothing was anchored)")
    assert len(kept.read_text().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not an anchor\n", "line 1 is neither an anchor nor a CHAIN LENGTH TIP line"),
        ('{"chains": 5}\n', "line 1 is not an anchor written by 'verify --anchor'"),
        ("", "holds no anchor"),
    ],
)
def test_a_file_that_is_no_anchor_is_refused(tmp_path: Path, content: str, message: str) -> None:
    from ledger.errors import InputError

    path = tmp_path / "a.txt"
    path.write_text(content)
    with pytest.raises(InputError) as refused:
        read(path)
    assert str(refused.value).endswith(message)
