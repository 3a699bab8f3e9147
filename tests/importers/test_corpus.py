"""Every real-world spreadsheet in the shared corpus: read, or refused with one clear line.

The corpus (``../shared/corpus/spreadsheets/`` beside the repository) holds files from
the test suites of other spreadsheet readers: encrypted workbooks, wrong extensions,
files that crash calamine, CSV in every encoding. None is a members list, so each must
end as a :class:`RawWorkbook` or an :class:`InputError` naming the file, within a few
seconds, and ``cluster-ledger import`` must exit 0 or 1 and write nothing.
"""

from __future__ import annotations

import csv
import re
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from importers.reading import RawWorkbook, read_workbook
from ledger.errors import InputError
from tests.importers.broken_files import CORPUS
from tui.cli import app

MANIFEST = CORPUS / "MANIFEST.tsv"
SECONDS_PER_FILE = 20
# What calamine, zip and XML libraries say in their messages: none may reach the user.
LIBRARY_WORDS = re.compile(
    r"calamine|Cfb error|Xls error|Xlsx error|Ods error|Zip error|XmlError|invalid Zip|"
    r"EOCD|Rust|panicked|Traceback|Exception|\bError\(",
    re.IGNORECASE,
)
PASSWORD = (
    "the workbook is password-protected; save an unprotected copy "
    "(File > Info > Protect Workbook) and import that"
)


def _manifest() -> dict[str, dict[str, str]]:
    if not MANIFEST.exists():
        return {}
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


ENTRIES = _manifest()
FILES = sorted(ENTRIES)
needs_corpus = pytest.mark.skipif(
    not FILES,
    reason=f"the spreadsheet corpus is not at {CORPUS} "
    "(a sibling of the repository, or where CLUSTER_LEDGER_CORPUS says)",
)


def _content_format(description: str) -> str | None:
    """The format the manifest's ``file(1)`` description names, when it is a workbook."""
    if description.startswith("Composite Document File"):
        return "xls"
    if description.startswith("OpenDocument Spreadsheet"):
        return "ods"
    if description.startswith("Microsoft Excel 2007+"):
        return "xlsx"
    return None


class _TimedOut(Exception):
    pass


def _read_within_time_limit(path: Path) -> tuple[RawWorkbook | InputError, float]:
    """Read one file; an alarm turns a hang in Python code into a failure, not a stuck run."""

    def alarm(signum: int, frame: object) -> None:
        raise _TimedOut(f"{path.name} took more than {SECONDS_PER_FILE} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(SECONDS_PER_FILE)
    started = time.perf_counter()
    try:
        try:
            outcome: RawWorkbook | InputError = read_workbook(path)
        except InputError as error:
            outcome = error
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return outcome, time.perf_counter() - started


@needs_corpus
@pytest.mark.parametrize("name", FILES)
def test_corpus_file_is_read_or_refused_clearly(name: str) -> None:
    entry = ENTRIES[name]
    path = CORPUS / name
    outcome, seconds = _read_within_time_limit(path)
    assert seconds < SECONDS_PER_FILE
    if isinstance(outcome, InputError):
        assert outcome.location == str(path)
        assert "\n" not in str(outcome)
        assert outcome.message.strip()
    if "PasswordError" in entry["calamine_info"]:
        assert isinstance(outcome, InputError)
        assert outcome.message == PASSWORD
    elif entry["calamine_ok"] == "yes":
        assert isinstance(outcome, RawWorkbook), outcome
        assert outcome.format in ("xlsx", "xlsm", "xlsb", "xls", "ods")
    if entry["note"].startswith("wrong extension") and _content_format(entry["format"]):
        assert isinstance(outcome, RawWorkbook), outcome
        assert outcome.format == _content_format(entry["format"])
    if entry["note"].startswith("wrong extension") and entry["format"].startswith("HTML"):
        # an HTML table saved as .xls (a bank's export) is read as the table it holds
        assert isinstance(outcome, RawWorkbook), outcome
        assert outcome.format == "html"
    if "Cell limit exceeded" in entry["calamine_info"]:
        assert isinstance(outcome, InputError)
        assert re.match(r"(sheet '[^']*': )?the sheet is too large to read \(", outcome.message)
    if isinstance(outcome, InputError):  # the importer's own words, never a library's
        assert not LIBRARY_WORDS.search(outcome.message), outcome.message
        if "gave up" in outcome.message or "does not support" in outcome.message:
            assert "(" not in outcome.message, outcome.message  # no library detail
    if "SIGABRT" in entry["calamine_info"]:
        assert isinstance(outcome, InputError)
        assert outcome.message.startswith("the reader gave up on this file")
    if name.endswith(".csv") and entry["size_bytes"] != "0":
        assert isinstance(outcome, RawWorkbook), outcome
        assert outcome.format == "csv"
        assert [sheet.name for sheet in outcome.sheets] == [path.stem]


@needs_corpus
def test_corpus_sheets_and_cells_as_the_manifest_says() -> None:
    """Spot checks of content: hidden sheets, CSV decoding, a CJK sheet name."""
    visibility = read_workbook(CORPUS / "sheetjs__sheet_visibility.xls")
    assert [(s.name, s.hidden) for s in visibility.sheets] == [
        ("Visible", False),
        ("Hidden", True),
        ("VeryHidden", True),
    ]
    assert read_workbook(CORPUS / "calamine__issue219.xls").sheets[0].name == "工作表1"
    utf16 = read_workbook(CORPUS / "phpss__premiere.utf16be.csv").sheets[0].rows
    win1252 = read_workbook(CORPUS / "phpss__premiere.win1252.csv").sheets[0].rows
    assert utf16 == win1252
    claimed = read_workbook(CORPUS / "calamine__issue_174.xlsx").sheets[0]
    assert len(claimed.rows) == 2


def _table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


@pytest.fixture
def ledger_with_cluster(tmp_path: Path) -> Iterator[Path]:
    """A cluster of each kind: an innovative business network, and a spearhead cluster
    for the project lists."""
    database = tmp_path / "ledger.sqlite"
    runner = CliRunner()
    for args in (
        ["init"],
        ["cluster", "add", "Circular Plastics", "--rules", "ibn-2026", "--start-year", "2026"],
        ["cluster", "add", "Flux", "--rules", "spearhead-2020", "--start-year", "2021"],
    ):
        result = runner.invoke(app, ["--db", str(database), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    yield database


@needs_corpus
@pytest.mark.parametrize(
    ("what", "cluster"),
    [(None, "Circular Plastics"), ("projects", "Flux"), ("project-partners", "Flux")],
)
def test_import_command_on_every_corpus_file_writes_nothing(
    ledger_with_cluster: Path, what: str | None, cluster: str
) -> None:
    database = ledger_with_cluster
    before = _table_counts(database)
    runner = CliRunner()
    problems = []
    asked = ["--what", what] if what else []
    for name in FILES:
        args = ["--db", str(database), "import", str(CORPUS / name), *asked]
        result = runner.invoke(app, [*args, "--cluster", cluster, "--commit"])
        if result.exit_code not in (0, 1) or (result.exception and result.exit_code != 1):
            problems.append(f"{name}: exit {result.exit_code} {result.exception!r}")
        elif result.exit_code == 1 and len(result.stderr.strip().splitlines()) != 1:
            problems.append(f"{name}: error output is not one line: {result.stderr!r}")
    assert problems == []
    assert _table_counts(database) == before
