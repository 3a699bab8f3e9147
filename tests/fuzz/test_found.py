"""The inputs the fuzz tests found, kept as plain examples with their exact messages.

Each broke something before its fix: it was read as a different value, crashed with
a traceback (or crashed the app), or printed an error over two lines. Hypothesis may
not draw them again, so they stay here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ledger import identifiers
from ledger.dates import parse_date, parse_year
from ledger.errors import InputError
from ledger.kinds import parse_kind
from ledger.money import parse_amount
from ledger.regions import normalise_postcode
from ledger.text import clean_text
from tui.cli import app

FULLWIDTH_KBO = "".join(chr(0xFF10 + int(d)) for d in "0403170701")
DIGIT_RULE = "is a digit of another script; write numbers with the digits 0-9"


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        # Read as 0403170701 by stdnum, which folds fullwidth digits to ASCII.
        (
            identifiers.validate,
            FULLWIDTH_KBO,
            f"enterprise number {FULLWIDTH_KBO!r} is not a number: '\uff10' (U+FF10) at "
            f"position 1 {DIGIT_RULE}",
        ),
        # A ValueError traceback: stdnum turned 12,000 digits into one integer.
        (
            identifiers.validate,
            "0403.170.701" * 1000,
            "enterprise number '0403.170.7010403.170.7010403.170'... has 12000 characters; "
            "expected 10 digits such as 0123.456.749",
        ),
        # Read as 31 March 2026: the pattern's \d took Arabic-Indic digits.
        (
            parse_date,
            "\u0663\u0661/03/2026",
            f"'\u0663\u0661/03/2026' is not a date: '\u0663' (U+0663) at position 1 {DIGIT_RULE}",
        ),
        # Said "does not exist", which a user seeing 2026-03-31 could not make sense of.
        (
            parse_date,
            "\uff12\uff10\uff12\uff16-03-31",
            "'\uff12\uff10\uff12\uff16-03-31' is not a date: '\uff12' (U+FF12) at position 1 "
            f"{DIGIT_RULE}",
        ),
        # Read as 2026 by int() in the contribution form's year field.
        (
            parse_year,
            "\u0662\u0660\u0662\u0666",
            f"'\u0662\u0660\u0662\u0666' is not a year: '\u0662' (U+0662) at position 1 {DIGIT_RULE}",
        ),
        (
            parse_year,
            "2_026",
            "'2_026' is not a year; expected four digits 1990-2200, such as 2026",
        ),
        # Read as an enterprise: everything outside ASCII was dropped before the lookup.
        (
            parse_kind,
            "\u4f01\u696denterprise",
            "member kind '\u4f01\u696denterprise' is unknown; expected enterprise (onderneming), "
            "knowledge_institution (kennisinstelling), public_body (overheid) or other (andere)",
        ),
        (
            parse_kind,
            "ent\u200berprise",
            "member kind 'ent\\u200berprise' is unknown; expected enterprise (onderneming), "
            "knowledge_institution (kennisinstelling), public_body (overheid) or other (andere)",
        ),
        (
            parse_amount,
            "\u0661\u0662\u0663",
            f"'\u0661\u0662\u0663' is not an amount: '\u0661' (U+0661) at position 1 {DIGIT_RULE}",
        ),
        (
            normalise_postcode,
            "\u0669\u0660\u0660\u0660",
            "postcode '\u0669\u0660\u0660\u0660' is not a Belgian postcode: '\u0669' (U+0669) at "
            f"position 1 {DIGIT_RULE}",
        ),
    ],
)
def test_numbers_in_other_scripts_are_refused(
    parse: Callable[[str], Any], text: str, message: str
) -> None:
    with pytest.raises(InputError) as refused:
        parse(text)
    assert refused.value.message == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Accepted before: a right-to-left override makes the rest of a report row read backwards.
        (
            "Beta\u202eVN",
            "the name holds the bidi control character U+202E (right-to-left override) at "
            "position 5; remove it",
        ),
        (
            "Beta\u2066NV",
            "the name holds the bidi control character U+2066 (left-to-right isolate) at "
            "position 5; remove it",
        ),
        # Accepted before, then a UnicodeEncodeError traceback when SQLite stored it.
        (
            "Beta\udc80",
            "the name holds the unpaired surrogate U+DC80 (not text: was the input valid UTF-8?) "
            "at position 5; remove it",
        ),
        # Stripped silently before (str.strip() takes \x1c-\x1f for white space).
        ("\x1fAlfa", "the name holds the control character U+001F at position 1; remove it"),
        (
            "Alfa\x1b[2J",
            "the name holds the control character U+001B (escape) at position 5; remove it",
        ),
    ],
)
def test_text_with_controls_is_refused_with_the_position(text: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        clean_text(text, what="name", max_length=500)
    assert refused.value.message == message


@pytest.mark.parametrize(
    "text",
    ["Alfa\u200fNV", "\u0634\u0631\u0643\u0629", "\u682a\u5f0f\u4f1a\u793e", "e\u0301 \U0001f642"],
)
def test_world_text_and_bidi_marks_are_kept(text: str) -> None:
    assert clean_text(f" {text}\u00a0", what="name", max_length=500) == text


def test_a_pasted_10000_digit_number_is_not_valid() -> None:
    """The member form asks is_valid() on every key: stdnum's ValueError crashed the app."""
    assert identifiers.is_valid("9" * 10_000) is False
    assert identifiers.is_valid(FULLWIDTH_KBO) is False
    assert identifiers.is_valid("BE 0403.170.701") is True


@pytest.mark.parametrize(
    ("args", "line"),
    [
        # OverflowError tracebacks: the numbers reached SQLite's 64-bit integers.
        (
            ["audit", "--limit", "9" * 20],
            f"--limit: {'9' * 20} is out of range; expected 1-1000000000",
        ),
        (
            ["year", "reopen", "--cluster", "C", "--year", "9" * 20, "--reason", "x"],
            f"--year: {'9' * 20} is out of range; expected 1990-2200",
        ),
        (
            ["contribution", "list", "--cluster", "C", "--year", "9" * 20],
            f"--year: {'9' * 20} is out of range; expected 1990-2200",
        ),
        # Accepted as 2026 by Typer.
        (
            ["cluster", "add", "D", "--rules", "ibn-2026", "--start-year", "2_026"],
            "--start-year: '2_026' is not a whole number; write it with the digits 0-9",
        ),
        # Accepted before: the company name read backwards from the override on.
        (
            [
                "member",
                "add",
                "--cluster",
                "C",
                "--kbo",
                "0403170701",
                "--name",
                "Eta\u202eAV",
                "--postcode",
                "9000",
            ],
            "the company name holds the bidi control character U+202E (right-to-left override) "
            "at position 4; remove it",
        ),
        (
            [
                "costs",
                "set",
                "--cluster",
                "C",
                "--year",
                "\u0662\u0660\u0662\u0667",
                "--amount",
                "5",
            ],
            "--year: '\u0662\u0660\u0662\u0667' is not a whole number: '\u0662' (U+0662) at "
            f"position 1 {DIGIT_RULE}",
        ),
        # The error line began with a carriage return, so a terminal overwrote its start.
        (
            ["import", "\r/no/such/members.csv", "--cluster", "C"],
            "\\r/no/such/members.csv: no such file",
        ),
        # A UnicodeEncodeError traceback from the query.
        (
            ["summary", "--cluster", "C\udc80"],
            "the cluster name holds the unpaired surrogate U+DC80 (not text: was the input valid "
            "UTF-8?) at position 2; remove it",
        ),
    ],
)
def test_command_line_cases(tmp_path: Path, args: list[str], line: str) -> None:
    """Each is refused with one line, and the ledger keeps only what the setup wrote."""
    db = str(tmp_path / "ledger.sqlite")
    runner = CliRunner()
    for setup in (["init"], ["cluster", "add", "C", "--rules", "ibn-2026", "--start-year", "2026"]):
        assert runner.invoke(app, ["--db", db, *setup], catch_exceptions=False).exit_code == 0
    result = runner.invoke(app, ["--db", db, *args], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (1, f"cluster-ledger: error: {line}\n")
    audit = runner.invoke(app, ["--db", db, "audit", "--json"], catch_exceptions=False)
    assert [e["action"] for e in json.loads(audit.stdout)] == ["cluster.add"]


@pytest.mark.parametrize(
    ("db", "line"),
    [
        # A RuntimeError traceback from Path.expanduser().
        (
            "~nobody-here/l.sqlite",
            "--db: '~nobody-here/l.sqlite' starts with ~ but names no known user's home folder",
        ),
        # An OSError traceback from Path.exists().
        ("x" * 5000, f"cannot open {'x' * 80!r}...: File name too long"),
        # The error line was broken in two by the newline it repeated.
        (
            "a\nb",
            "--db: the database path holds the control character U+000A (line feed) at "
            "position 2; remove it",
        ),
    ],
)
def test_database_paths_that_crashed(db: str, line: str) -> None:
    result = CliRunner().invoke(app, ["--db", db, "cluster", "list"], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (1, f"cluster-ledger: error: {line}\n")


def test_a_path_too_long_is_refused_before_the_app_opens() -> None:
    """Without a command the app opens; its path crashed with an OSError traceback."""
    result = CliRunner().invoke(app, ["--db", "x" * 5000], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (
        1,
        f"cluster-ledger: error: cannot open {'x' * 80!r}...: File name too long\n",
    )
