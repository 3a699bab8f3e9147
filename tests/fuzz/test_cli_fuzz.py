"""Every command-line value that takes user text, fed hostile text (see strategies.py).

The property, for each example: the command exits 0 and the value reads back from
the ledger file exactly as given (or as its parser's documented normalisation says,
checked by ``oracles``), or it exits 1 with one line on stderr starting
``cluster-ledger: error:`` that names the field, or 2 with Typer's usage message;
never a traceback (``catch_exceptions=False`` lets any exception fail the test),
and a refused command leaves the audit trail, which every write extends, as it was.

Each test reuses one ledger file (a copy of one made by ``init``); every example
uses fresh names and enterprise numbers, so the examples do not depend on each other.

Examples per property (430 in all, about 35 seconds on two cores for this module):
cluster add 40, member add 50, member update 35, member leave/mandate 30,
contribution add 50, contribution reverse 30, costs set 30, year lock/reopen 30,
summary/audit/export options 30, import options 30, --db 25, --lang 20. The inputs
that broke something before their fix are kept as plain tests in test_found.py.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import chdir, closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select
from typer.testing import CliRunner, Result

from ledger import operations, queries
from ledger.kinds import MemberKind
from ledger.money import parse_amount
from ledger.names import lookalike_key
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent
from tests.fuzz import oracles
from tests.fuzz import strategies as hs
from tests.recorded import recorded
from tui.cli import app
from tui.cli.app_command import language

PREFIX = "cluster-ledger: error: "
CLUSTER = "Fuzz Cluster"
RULES = ["ibn-2026", "ibn-2020", "spearhead-2020"]


def examples(count: int) -> settings:
    """``count`` examples on one ledger per test: the function-scoped fixtures (the
    ledger, the home folder) are shared by the examples on purpose."""
    return settings(max_examples=count, suppress_health_check=[HealthCheck.function_scoped_fixture])


def valid_kbo(serial: int) -> str:
    """A fresh valid enterprise number per serial: eight digits and their mod-97 check."""
    first8 = 1_000_000 + serial  # written 0100...: an older number, starting with 0
    return f"{first8:08d}{97 - first8 % 97:02d}"


@dataclass
class Cli:
    """The real Typer app, run in-process on one ledger file."""

    db: str
    ledger: Ledger
    runner: CliRunner = field(default_factory=CliRunner)
    serials: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(app, ["--db", self.db, *args], catch_exceptions=False)

    def fresh(self) -> int:
        return next(self.serials)

    def audit_count(self) -> int:
        with self.ledger.read() as session:
            return session.exec(select(func.count()).select_from(AuditEvent)).one()

    def outcome(self, args: list[str], words: list[str]) -> Result:
        """Run, check the exit status and the error line, and that a refusal wrote nothing."""
        before = self.audit_count()
        result = self(*args)
        event(f"exit {result.exit_code}")
        check_result(result, words)
        if result.exit_code != 0:
            assert self.audit_count() == before, "a refused command changed the ledger"
        return result


def check_result(result: Result, words: list[str]) -> None:
    """Exit 0 quietly (a warning line at most), or 1 with one error line naming one of
    ``words``, or 2 with usage."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stdout, result.stderr)
    if result.exit_code == 0:
        warnings = [line for line in result.stderr.splitlines() if line]
        assert all(line.startswith("cluster-ledger: warning: ") for line in warnings), warnings
    elif result.exit_code == 1:
        err = result.stderr
        assert err.startswith(PREFIX) and err.endswith("\n"), err
        assert err.count("\n") == 1 and "\r" not in err, f"not one line: {err!r}"
        assert any(w.lower() in err.lower() for w in words), (words, err)
    else:
        assert "Usage:" in result.stderr, result.stderr


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    for word in words:
        assert word in result.stderr, (word, result.stderr)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger made by ``init`` once, copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "ledger.sqlite"
    result = CliRunner().invoke(app, ["--db", str(path), "init"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def cli(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    """One ledger for one test: a cluster starting in 2026 with one member."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "ledger.sqlite"
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)  # whole, even while the template's log is not yet merged
    ledger = Ledger.open(str(path), actor="fuzz", origin="test")
    run = Cli(str(path), ledger)
    assert (
        run("cluster", "add", "--rules", "ibn-2026", "--start-year", "2026", CLUSTER).exit_code == 0
    )
    assert run(*member_args(valid_kbo(0), "Seed NV")).exit_code == 0
    with chdir(folder):  # relative paths from --db, import and export land here
        yield run
    ledger.dispose()


def member_args(kbo: str, name: str, **extra: str) -> list[str]:
    args = ["member", "add", "--cluster", CLUSTER, "--kbo", kbo, "--name", name]
    args += ["--postcode", extra.pop("postcode", "9000")]
    for key, value in extra.items():
        args += [f"--{key}", value]
    return args


@examples(40)
@given(data=st.data())
def test_cluster_add(cli: Cli, data: st.DataObject) -> None:
    serial = cli.fresh()
    values = {"name": f"Cluster {serial}", "rules": "ibn-2026", "start": "2026", "kbo": ""}
    fuzzed = data.draw(st.sampled_from(sorted(values)))
    values[fuzzed] = data.draw(
        {"name": hs.names(), "rules": hs.hostile(RULES), "start": hs.years(), "kbo": hs.kbos()}[
            fuzzed
        ]
    )
    args = ["cluster", "add", "--rules", values["rules"], "--start-year", values["start"]]
    args += ["--kbo", values["kbo"], "--", values["name"]]
    words = {
        "name": ["cluster name", "already exists", "the name holds", "looks the same"],
        "rules": ["rule set"],
        "start": ["--start-year", "start year"],
        "kbo": ["enterprise number"],
    }[fuzzed]
    result = cli.outcome(args, words)
    if fuzzed == "name":
        expected = oracles.cluster_name_refusal(values["name"])
        with cli.ledger.read() as session:
            taken = {lookalike_key(c.name) for c in queries.list_clusters(session=session)}
        # A name is taken when it reads as one already there (spaces, case, look-alikes).
        if expected is None and lookalike_key(values["name"]) in taken and result.exit_code == 1:
            expected = ["already exists"]
        if expected is not None:
            return refused(result, *expected)
        assert result.exit_code == 0, result.stderr  # the text rules are the only ones for names
    if fuzzed in ("start", "kbo") and oracles.foreign_digit(values[fuzzed]):
        return refused(result, "U+")  # the odd digit is named
    if result.exit_code != 0:
        return
    with cli.ledger.read() as session:
        found = queries.get_cluster(values["name"].strip(), session=session)
    oracles.check_cluster_name(values["name"], found.name)
    assert found.rule_set == values["rules"]
    oracles.check_whole_number(values["start"], found.start_year)
    if values["kbo"]:
        assert found.kbo is not None
        oracles.check_kbo(values["kbo"], found.kbo)
    else:
        assert found.kbo is None


MEMBER_FIELDS = {
    "kbo": hs.kbos(),
    "name": hs.names(),
    "postcode": hs.postcodes(),
    "kind": hs.kinds(),
    "region": hs.regions(),
    "joined": hs.dates(),
    "left": hs.dates(),
    "mandate": hs.dates(),
}
MEMBER_WORDS = {
    "kbo": ["enterprise number", "already a member"],
    "name": ["company name"],
    "postcode": ["postcode"],
    "kind": ["member kind"],
    "region": ["region"],
}
DATE_WORDS = ["date", "not plausible", "joining"]


def check_member(cli: Cli, kbo: str, values: dict[str, str]) -> None:
    """Every field of an accepted member reads back as given (or as normalised)."""
    with cli.ledger.read() as session:
        member = recorded(session, kbo, CLUSTER)
    oracles.check_kbo(values["kbo"], member.kbo)
    oracles.check_text(values["name"], member.name)
    oracles.check_postcode(values["postcode"], member.postcode)
    for day in ("joined", "left", "mandate"):
        stored = getattr(member, day)
        if values.get(day):
            oracles.check_date(values[day], stored)
        else:
            assert stored is None


@examples(50)
@given(data=st.data())
def test_member_add(cli: Cli, data: st.DataObject) -> None:
    kbo = valid_kbo(cli.fresh())
    values = {"kbo": kbo, "name": "Gamma NV", "postcode": "9000"}
    fuzzed = data.draw(st.sampled_from(sorted(MEMBER_FIELDS)))
    values[fuzzed] = data.draw(MEMBER_FIELDS[fuzzed])
    extra = {k: v for k, v in values.items() if k not in ("kbo", "name")}
    result = cli.outcome(
        member_args(values["kbo"], values["name"], **extra), MEMBER_WORDS.get(fuzzed, DATE_WORDS)
    )
    if fuzzed == "name":
        if expected := oracles.text_refusal(values["name"], max_length=500):
            return refused(result, "company name", *expected)
        assert result.exit_code == 0, result.stderr
    if fuzzed not in ("name", "kind", "region") and oracles.foreign_digit(values[fuzzed]):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    number = oracles.digits(values["kbo"]).zfill(10)
    check_member(cli, number, values)
    if fuzzed == "name":  # and through the command line's own output
        listed = json.loads(cli("member", "list", "--cluster", CLUSTER, "--json").stdout)
        assert {"kbo": number, "name": values["name"].strip()}.items() <= next(
            m for m in listed if m["kbo"] == number
        ).items()
    with cli.ledger.read() as session:
        company = recorded(session, number, CLUSTER)
    if fuzzed == "kind":
        oracles.check_word(values["kind"])
        assert company.kind in {k.value for k in MemberKind}
    if fuzzed == "region":
        if values["region"]:
            oracles.check_word(values["region"])
        assert (company.region_override is None) == (values["region"] == "")


def seed_member(cli: Cli, name: str, joined: date | None = None) -> str:
    """A fresh member written straight through the ledger (no command-line round trip)."""
    kbo = valid_kbo(cli.fresh())
    with cli.ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        operations.add_member(tx, cluster, kbo=kbo, name=name, postcode="9000", joined=joined)
    return kbo


@examples(35)
@given(data=st.data())
def test_member_update(cli: Cli, data: st.DataObject) -> None:
    kbo = seed_member(cli, "Delta BV")
    fuzzed = data.draw(st.sampled_from(["kbo", "name", "postcode", "kind", "region"]))
    value = data.draw(MEMBER_FIELDS[fuzzed])
    args = ["member", "update", "--kbo", value if fuzzed == "kbo" else kbo]
    if fuzzed != "kbo":
        args += [f"--{fuzzed}", value]
    words = {**MEMBER_WORDS, "kbo": ["enterprise number", "no company"]}[fuzzed]
    result = cli.outcome(args, words)
    if fuzzed == "name":
        if expected := oracles.text_refusal(value, max_length=500):
            return refused(result, "company name", *expected)
        assert result.exit_code == 0, result.stderr
    if fuzzed in ("kbo", "postcode") and oracles.foreign_digit(value):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    with cli.ledger.read() as session:
        company = recorded(session, kbo, CLUSTER)
    if fuzzed == "name":
        oracles.check_text(value, company.name)
    elif fuzzed == "postcode":
        oracles.check_postcode(value, company.postcode)
    elif fuzzed == "kbo":
        oracles.check_kbo(value, kbo)
    elif fuzzed == "region":
        cleared = value.strip().lower() == "postcode" or value == ""  # "" leaves it as it was
        assert (company.region_override is None) == cleared, (value, company.region_override)


@examples(30)
@given(data=st.data(), what=st.sampled_from(["leave", "mandate"]))
def test_member_leave_and_mandate(cli: Cli, data: st.DataObject, what: str) -> None:
    kbo = seed_member(cli, "Epsilon CV", joined=date(2026, 1, 1))
    fuzzed = data.draw(st.sampled_from(["kbo", "date"]))
    value = data.draw(hs.kbos() if fuzzed == "kbo" else hs.dates())
    args = ["member", what, "--cluster", CLUSTER]
    args += ["--kbo", value if fuzzed == "kbo" else kbo]
    args += ["--date", value if fuzzed == "date" else "2026-06-30"]
    words = ["enterprise number", "not a member"] if fuzzed == "kbo" else DATE_WORDS
    result = cli.outcome(args, words)
    if oracles.foreign_digit(value):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    with cli.ledger.read() as session:
        member = recorded(session, kbo, CLUSTER)
    stored = member.left if what == "leave" else member.mandate
    assert stored is not None
    oracles.check_date(value if fuzzed == "date" else "2026-06-30", stored)
    if fuzzed == "kbo":
        oracles.check_kbo(value, kbo)


ENTRY_FIELDS = {
    "kbo": hs.kbos(),
    "year": hs.years(),
    "amount": hs.amounts(),
    "paid": hs.dates(),
    "note": hs.names(),
}
ENTRY_WORDS = {
    "kbo": ["enterprise number", "not a member"],
    "year": ["--year", "year"],
    "amount": ["--amount", "amount"],
    "paid": ["--paid", "date"],
    "note": ["note"],
}


@examples(50)
@given(data=st.data())
def test_contribution_add(cli: Cli, data: st.DataObject) -> None:
    values = {"kbo": valid_kbo(0), "year": "2026", "amount": "1.234,56", "paid": "", "note": ""}
    fuzzed = data.draw(st.sampled_from(sorted(ENTRY_FIELDS)))
    values[fuzzed] = data.draw(ENTRY_FIELDS[fuzzed])
    args = ["contribution", "add", "--cluster", CLUSTER]
    for key, value in values.items():
        if value or key == fuzzed:
            args += [f"--{key}", value]
    result = cli.outcome(args, ENTRY_WORDS[fuzzed])
    if fuzzed == "note" and (
        expected := oracles.text_refusal(values["note"], max_length=2000, required=False)
    ):
        return refused(result, "note", *expected)
    if fuzzed == "note":
        assert result.exit_code == 0, result.stderr
    if fuzzed != "note" and oracles.foreign_digit(values[fuzzed]):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    entry_id = int(re.search(r"Recorded contribution (\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    with cli.ledger.read() as session:
        entry = queries.get_contribution(entry_id, session=session)
    oracles.check_whole_number(values["year"], entry.year)
    oracles.check_cents(values["amount"], entry.amount_cents)
    assert entry.amount_cents == int(parse_amount(values["amount"]) * 100)
    if values["paid"]:
        assert entry.paid_on is not None
        oracles.check_date(values["paid"], entry.paid_on)
    oracles.check_text(values["note"], entry.note)
    assert entry.source == "cli"


def record(cli: Cli, year: int = 2026) -> int:
    """A contribution written straight through the ledger (no CLI round trip)."""
    with cli.ledger.write() as tx:
        cluster = queries.get_cluster(CLUSTER, session=tx.session)
        entry = operations.record_contribution(
            tx, cluster, kbo=valid_kbo(0), year=year, amount=parse_amount("10"), source="test"
        )
    assert entry.id is not None
    return entry.id


def entry_ids(entry_id: int) -> st.SearchStrategy[str]:
    """The fresh entry's id, as is, with an awkward piece spliced in, or any hostile number.

    The draws have the same shape whatever the id, so hypothesis can replay them."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        how = draw(st.sampled_from(["as is", "spliced", "hostile"]))
        ident = str(entry_id)
        if how == "spliced":
            piece = draw(st.sampled_from([*hs.ODD_CHARS, " ", "-", "+", "_", ".0", "0"]))
            at = draw(st.integers(0, 8)) % (len(ident) + 1)
            ident = ident[:at] + piece + ident[at:]
        return draw(hs.years()) if how == "hostile" else ident

    return build()


@examples(30)
@given(data=st.data())
def test_contribution_reverse(cli: Cli, data: st.DataObject) -> None:
    entry_id = record(cli)
    fuzzed = data.draw(st.sampled_from(["id", "reason"]))
    ident = data.draw(entry_ids(entry_id)) if fuzzed == "id" else str(entry_id)
    reason = data.draw(hs.names()) if fuzzed == "reason" else "typing error"
    words = ["ID", "contribution", "reversal", "reversed"] if fuzzed == "id" else ["reason"]
    result = cli.outcome(["contribution", "reverse", "--reason", reason, "--", ident], words)
    if fuzzed == "reason":
        if expected := oracles.text_refusal(reason, max_length=2000):
            return refused(result, "reason", *expected)
        assert result.exit_code == 0, result.stderr
    if oracles.foreign_digit(ident):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    oracles.check_whole_number(ident, int(ident))
    with cli.ledger.read() as session:
        entry = queries.get_contribution(int(ident), session=session)
        reversal = queries.reversal_of(entry, session=session)
    assert reversal is not None
    oracles.check_text(reason, reversal.note)


@examples(30)
@given(data=st.data())
def test_costs_set(cli: Cli, data: st.DataObject) -> None:
    fuzzed = data.draw(st.sampled_from(["year", "amount"]))
    year = data.draw(hs.years()) if fuzzed == "year" else "2027"
    amount = data.draw(hs.amounts()) if fuzzed == "amount" else "300.000,00"
    args = ["costs", "set", "--cluster", CLUSTER, "--year", year, "--amount", amount]
    result = cli.outcome(args, ["--year", "year"] if fuzzed == "year" else ["amount", "costs"])
    if oracles.foreign_digit(year if fuzzed == "year" else amount):
        return refused(result, "U+")
    if result.exit_code != 0:
        return
    with cli.ledger.read() as session:
        costs = queries.costs_by_year(
            queries.get_cluster(CLUSTER, session=session), session=session
        )
    oracles.check_whole_number(year, int(year))
    oracles.check_cents(amount, costs[int(year)])


@examples(30)
@given(year=hs.years(), reason=hs.names())
def test_year_lock_and_reopen(cli: Cli, year: str, reason: str) -> None:
    lock = cli.outcome(["year", "lock", "--cluster", CLUSTER, "--year", year], ["--year", "year"])
    if oracles.foreign_digit(year):
        return refused(lock, "U+")
    if lock.exit_code != 0:
        return
    oracles.check_whole_number(year, int(year))
    args = ["year", "reopen", "--cluster", CLUSTER, "--year", year, "--reason", reason]
    result = cli.outcome(args, ["reason"])
    if expected := oracles.text_refusal(reason, max_length=2000):
        refused(result, "reason", *expected)
        reopen = cli("year", "reopen", "--cluster", CLUSTER, "--year", year, "--reason", "ok")
        assert reopen.exit_code == 0, reopen.stderr
        return
    assert result.exit_code == 0, result.stderr
    with cli.ledger.read() as session:
        history = queries.lock_history(
            queries.get_cluster(CLUSTER, session=session), session=session
        )
    assert history[-1].year == int(year) and not history[-1].locked
    oracles.check_text(reason, history[-1].reason)


@examples(30)
@given(data=st.data(), command=st.sampled_from(["summary", "audit", "export"]))
def test_report_options(cli: Cli, data: st.DataObject, command: str) -> None:
    options = {
        "summary": {"--cluster": [CLUSTER], "--year": ["2026", "2027"]},
        "audit": {"--cluster": [CLUSTER], "--limit": ["5", "50"]},
        "export": {"--cluster": [CLUSTER], "--year": ["2026"], "--lang": ["nl", "en"]},
    }[command]
    option = data.draw(st.sampled_from(sorted(options)))
    value = data.draw(hs.hostile(options[option]) if option != "--cluster" else hs.names())
    args = [command]
    for name, plausible in options.items():
        args += [name, value if name == option else plausible[0]]
    if command == "export":
        args += ["--output", f"report-{cli.fresh()}.xlsx"]
    words = [option, "cluster", "year", "language", "lang"]
    result = cli.outcome(args, words)
    if oracles.foreign_digit(value) and option in ("--year", "--limit"):
        return refused(result, "U+")
    if result.exit_code == 0 and option in ("--year", "--limit"):
        oracles.check_whole_number(value, int(value))
    if result.exit_code == 0 and option == "--cluster":
        # export strips the name as clean_text does; audit reads an empty --cluster as all
        assert (value.strip() if command == "export" else value) in (CLUSTER, "")
        assert value or command == "audit"


@pytest.fixture
def members_csv(cli: Cli) -> Path:
    path = Path("members.csv").absolute()
    path.write_text(
        f"Ondernemingsnummer;Naam;Postcode\n{valid_kbo(900_000)};Import NV;9000\n",
        encoding="utf-8",
    )
    return path


@examples(30)
@given(data=st.data())
def test_import_options(cli: Cli, members_csv: Path, data: st.DataObject) -> None:
    options = {
        "file": [str(members_csv), "members.csv", "./members.csv"],
        "--what": ["members"],
        "--sheet": ["members"],
        "--year": ["2026"],
        "--map": ["Naam=name", "Postcode=postcode"],
        "--cluster": [CLUSTER],
    }
    option = data.draw(st.sampled_from(sorted(options)))
    value = data.draw(hs.hostile(options[option]) if option != "--cluster" else hs.names())
    args = ["import", value if option == "file" else str(members_csv)]
    args += ["--cluster", value if option == "--cluster" else CLUSTER]
    if option not in ("file", "--cluster"):
        args += [option, value]
    words = [option, "file", "sheet", "column", "cluster", "import", "year", "no such"]
    result = cli.outcome(args, words)
    if oracles.foreign_digit(value) and option == "--year":
        return refused(result, "U+")
    if result.exit_code == 0:
        assert "Dry run: nothing written" in result.stdout, result.stdout


DB_PLAUSIBLE = ["ledger.sqlite", ".", "/", "nope/ledger.sqlite", "sqlite://", "mysql://x/y", "~"]


@examples(25)
@given(value=hs.hostile(DB_PLAUSIBLE))
def test_db_option(cli: Cli, value: str) -> None:
    result = cli.runner.invoke(app, ["--db", value, "cluster", "list"], catch_exceptions=False)
    check_result(result, ["--db", "database", "ledger", "sqlite"])
    if re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", value):
        refused(result, "--db", "U+")


@examples(20)
@given(value=hs.anything())
def test_lang_option(cli: Cli, value: str) -> None:
    """Without a command ``--lang`` opens the app, so a valid value is checked directly."""
    if value.strip().lower() in ("nl", "en"):
        assert language(value) == value.strip().lower()
        return
    result = cli.runner.invoke(app, ["--db", cli.db, "--lang", value], catch_exceptions=False)
    refused(result, "--lang", "is not a language")
    check_result(result, ["--lang"])


def test_lang_before_a_command_is_checked(cli: Cli) -> None:
    result = cli("--lang", "fr", "cluster", "list")
    refused(result, "--lang")
