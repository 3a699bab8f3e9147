"""Reading statements: the hand-written CODA and camt files, and every kind of bad file,
each refused with one line that names the file and the place in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from importers.statements import read_statement_bytes, read_statement_file, sniff
from importers.statements.common import Refusal
from ledger.errors import InputError
from tests.payments.conftest import ACCOUNT, data


def test_coda_file_of_real_layout() -> None:
    found = read_statement_file(data("kbc-statement-061.cod"))
    assert found.format == "coda"
    (statement,) = found.statements
    assert (statement.account_iban, statement.currency, statement.number) == (ACCOUNT, "EUR", "061")
    assert (statement.opening_date, statement.closing_date) == (date(2026, 2, 27), date(2026, 3, 2))
    assert (statement.opening_cents, statement.closing_cents) == (1_234_567, 1_748_317)
    lines = [(m.line, m.amount_cents, m.bundle) for m in statement.movements]
    assert lines == [
        ("0001/0000", 125_000, None),
        ("0002/0000", 90_000, None),
        ("0003/0000", 300_000, "global"),
        ("0003/0001", 100_000, "detail"),
        ("0003/0002", 200_000, "detail"),
        ("0004/0000", -1_250, None),
    ]
    alfa, beta = statement.movements[:2]
    assert (alfa.structured_ref, alfa.counterparty_iban, alfa.counterparty_name) == (
        "001000012608",
        "BE71096123456769",
        "ALFA NV",
    )
    assert alfa.counterparty_bic == "GKCCBEBB"
    # The free communication runs on from record 2.1 into 2.2 and is read whole.
    assert beta.free_text == "LIDGELD 2026 BETA BV KLANTNUMMER 4471 FACTUUR LB2026-017"
    assert statement.movements[2].bundle_count == 2


def test_camt053_v08_gives_the_same_movements_as_the_coda_file() -> None:
    coda = read_statement_file(data("kbc-statement-061.cod")).statements[0]
    camt = read_statement_file(data("kbc-statement-061.camt053.001.08.xml"))
    assert camt.format == "camt.053"
    (statement,) = camt.statements
    assert statement.number == "61"
    assert [m.key_parts() for m in statement.movements] == [m.key_parts() for m in coda.movements]
    assert statement.movements_hash() == coda.movements_hash()
    alfa = statement.movements[0]
    assert (alfa.counterparty_kbo, alfa.counterparty_bic) == ("0403170701", "GKCCBEBB")
    assert statement.movements[-1].free_text == "BEHEERSKOSTEN ZICHTREKENING FEBRUARI 2026"


def test_camt053_v02_layout_and_pending_entries_left_out() -> None:
    (statement,) = read_statement_file(data("bnp-statement-2026-062.camt053.001.02.xml")).statements
    assert (statement.opening_cents, statement.closing_cents) == (1_748_317, 1_708_317)
    moves = [(m.amount_cents, m.counterparty_name, m.structured_ref) for m in statement.movements]
    assert moves == [
        (-125_000, "ALFA NV", None),
        (35_000, "BETA BV", "001000022612"),
        (50_000, "DRUKKERIJ VANDAMME BV", None),
    ]
    assert statement.movements[0].counterparty_iban == "BE71096123456769"  # the payee of a debit
    assert statement.movements[2].end_to_end_id == "SPONS-2026-03"


def test_camt054_notification_has_no_balances() -> None:
    found = read_statement_file(data("notification.camt054.001.08.xml"))
    (statement,) = found.statements
    assert found.format == "camt.054"
    assert (statement.opening_cents, statement.closing_cents) == (None, None)
    assert statement.closing_date == date(2026, 3, 10)
    assert statement.movements[0].amount_cents == 100_000


def _coda_lines() -> list[str]:
    return data("kbc-statement-061.cod").read_text(encoding="cp1252").splitlines()


def _refused(content: bytes | str, name: str = "x.cod") -> str:
    raw = content.encode("cp1252") if isinstance(content, str) else content
    with pytest.raises(InputError) as caught:
        read_statement_bytes(raw, name)
    return str(caught.value)


def test_truncated_coda_is_refused() -> None:
    lines = _coda_lines()[:-3]
    assert _refused("\r\n".join(lines) + "\r\n") == (
        "x.cod: record 15: the file ends here without the trailer record (9) of its statement: "
        "it was cut off; ask the bank for the file again"
    )


def test_coda_record_of_the_wrong_length_is_refused() -> None:
    lines = _coda_lines()
    lines[4] = lines[4][:120]
    assert _refused("\n".join(lines)) == (
        "x.cod: record 5: the record is 120 characters long; CODA records are 128. The file was "
        "cut off or changed: ask the bank for the file again"
    )


def test_coda_record_of_an_unknown_type_is_refused() -> None:
    lines = _coda_lines()
    lines[3] = "7" + lines[3][1:]
    assert _refused("\n".join(lines)) == (
        "x.cod: record 4: the record starts with '7'; CODA records start with 0, 1, 2, 3, 4, 8 or 9"
    )


def test_coda_version_1_is_refused() -> None:
    lines = _coda_lines()
    lines[0] = lines[0][:127] + "1"
    assert "only CODA 2.x is read" in _refused("\n".join(lines))


def test_coda_whose_balances_do_not_follow_from_its_movements_is_refused() -> None:
    lines = _coda_lines()
    # The new balance (record 8) is raised by 1.000,00; the library notices the totals
    # disagree, and so would the ledger's own check.
    eight = next(i for i, line in enumerate(lines) if line.startswith("8"))
    lines[eight] = lines[eight][:41] + "0000000018483170" + lines[eight][57:]
    message = _refused("\n".join(lines))
    assert message.startswith("x.cod: record ")
    assert "cannot be read here" in message


def test_balance_check_of_the_ledger_itself() -> None:
    from ledger.payments.checks import check_balance

    (statement,) = read_statement_file(data("kbc-statement-061.cod")).statements
    broken = type(statement)(**{**statement.__dict__, "closing_cents": statement.closing_cents + 1})
    (problem,) = check_balance(broken)
    assert problem.text() == (
        "statement 061 does not add up: old balance 12345.67 + movements 5137.50 = 17483.17, but "
        "the new balance is 17483.18; nothing of it was booked"
    )


def test_foreign_currency_is_refused() -> None:
    text = data("kbc-statement-061.camt053.001.08.xml").read_text(encoding="utf-8")
    text = text.replace("<Ccy>EUR</Ccy>", "<Ccy>USD</Ccy>").replace('Ccy="EUR"', 'Ccy="USD"')
    assert _refused(text.encode(), "usd.xml") == (
        "usd.xml: Stmt 1: the statement of BE43068999999501 is in USD; contributions are in "
        "euros, and nothing is converted"
    )


def test_foreign_currency_account_in_coda_is_refused() -> None:
    text = data("kbc-statement-061.cod").read_text(encoding="cp1252").replace(" EUR", " USD")
    lines = text.splitlines()
    assert all(len(line) == 128 for line in lines)
    assert _refused("\n".join(lines)) == (
        "x.cod: record 1: the statement of BE43068999999501 is in USD; contributions are in "
        "euros, and nothing is converted"
    )


def test_a_third_decimal_is_refused() -> None:
    text = data("notification.camt054.001.08.xml").read_text(encoding="utf-8")
    text = text.replace(">1000.00<", ">1000.005<")
    assert "has more than two decimals" in _refused(text.encode(), "n.xml")


@pytest.mark.parametrize("amount", ["1\n000.00", "1000,00", "NaN", "EUR 1000.00"])
def test_an_amount_that_is_no_number_is_refused_as_such_on_one_line(amount: str) -> None:
    text = data("notification.camt054.001.08.xml").read_text(encoding="utf-8")
    text = text.replace(">1000.00<", f">{amount}<")
    message = _refused(text.encode(), "n.xml")
    assert f"the amount {amount.strip()!r} is not a number" in message
    assert "\n" not in message


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&lol3;
</BkToCstmrStmt></Document>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
<Id>&secret;</Id></Stmt></BkToCstmrStmt></Document>"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_xml_with_a_document_type_is_refused_before_anything_is_expanded(content: bytes) -> None:
    assert _refused(content, "evil.xml") == (
        "evil.xml: the camt file declares a document type (DTD), which a bank statement never "
        "needs; refused (an entity bomb or a reference to another file)"
    )


def test_broken_xml_is_refused() -> None:
    content = data("notification.camt054.001.08.xml").read_bytes()[:-40]
    assert _refused(content, "cut.xml").startswith("cut.xml: the camt file is not well-formed XML")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n", "a PDF document"),
        (b"<html><body>statement</body></html>", "XML that is not camt.053 or camt.054"),
        (b":20:STARTUMSE\n:25:", "an MT940 statement"),
        (b"Datum;Bedrag\n", "text starting 'Datum;Bedrag\\\\n'"),
    ],
)
def test_files_that_are_no_statement_say_what_they_are(content: bytes, words: str) -> None:
    message = _refused(content, "f.txt")
    assert message.startswith("f.txt: this is not a bank statement: expected a CODA file")
    assert words in message


def test_an_empty_file_and_a_missing_file(tmp_path: Path) -> None:
    assert _refused(b"  \n", "e.cod") == "e.cod: the file holds no statement"
    with pytest.raises(InputError, match="cannot read the file"):
        read_statement_file(tmp_path / "missing.cod")


def test_sniff_tells_the_formats_apart() -> None:
    assert sniff(data("kbc-statement-061.cod").read_bytes()) == "coda"
    assert sniff(data("notification.camt054.001.08.xml").read_bytes()) == "camt.054"
    assert sniff(b"<?xml version='1.0'?><html/>") == "xml"
    with pytest.raises(Refusal):
        sniff(b"")
