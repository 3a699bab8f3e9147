"""ISO 20022 camt.053 (statements) and camt.054 (notifications), versions .001.02 to .001.08
and later, parsed with ``defusedxml``.

The parser refuses any document type declaration: a bank statement never needs one, and
entity bombs ("billion laughs") and external entities (a reference to a local file or a
URL) both need one. Tag names are read without their namespace, so each version's
differences are a few alternatives (``Sts`` or ``Sts/Cd``; ``Dbtr/Nm`` or ``Dbtr/Pty/Nm``;
``AmtDtls/TxAmt/Amt`` or ``Amt`` of a transaction).

Kept of each entry: the amount and its sign, booking and value dates, the bank's
reference, and per transaction the structured reference
(``RmtInf/Strd/CdtrRefInf/Ref`` whose issuer is ``BBA`` or type ``SCOR``), the free text,
the payer's (or payee's) name, IBAN, BIC and enterprise number, and the end-to-end id.
An entry of several transactions (a batch) is a bundle: one movement for the entry and
one per transaction, or, without the transactions, the entry alone, marked as a bundle.

>>> sniff_camt(b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">')
'camt.053'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as SafeET

from importers.statements.common import cents, iban_or_none, kbo_or_none, refuse
from ledger.payments import ogm
from ledger.payments.statement import Movement, Statement
from ledger.problems import Location

_KIND = re.compile(rb"urn:iso:std:iso:20022:tech:xsd:(camt\.05[34])\.\d{3}\.\d{2}")
_OPENING = ("OPBD", "PRCD")
_CLOSING = ("CLBD",)


def sniff_camt(data: bytes) -> str | None:
    """``camt.053`` or ``camt.054`` when the first kilobytes name that namespace."""
    found = _KIND.search(data[:4096])
    return found.group(1).decode() if found else None


def _strip_namespaces(root: Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rsplit("}", 1)[1]


def _text(element: Element | None, *paths: str) -> str | None:
    """The stripped text of the first of ``paths`` that is there and not empty."""
    if element is None:
        return None
    for path in paths:
        found = element.find(path)
        if found is not None and found.text and found.text.strip():
            return found.text.strip()
    return None


def read_camt(data: bytes, name: str) -> list[Statement]:
    """The statements (camt.053) or notifications (camt.054) of a camt file.

    Raises:
        importers.statements.common.Refusal: unsafe XML, not well-formed, not camt, or an
            element without what it must hold.
    """
    where = Location(file=name)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True)
    except defusedxml.DTDForbidden:
        raise refuse("camt.unsafe", where, what="a document type (DTD)") from None
    except defusedxml.EntitiesForbidden:
        raise refuse("camt.unsafe", where, what="entities") from None
    except defusedxml.ExternalReferenceForbidden:
        raise refuse("camt.unsafe", where, what="an external reference") from None
    except ET.ParseError as exc:
        raise refuse("camt.xml", where, reason=str(exc)) from None
    except (LookupError, ValueError) as exc:  # an unknown encoding in the XML declaration
        raise refuse("camt.xml", where, reason=str(exc)) from None
    kind = sniff_camt(data)
    _strip_namespaces(root)
    if kind is None or root.tag != "Document":
        raise refuse("statement.format", where, found="XML that is not camt.053 or camt.054")
    body = root.find("BkToCstmrStmt") if kind == "camt.053" else root.find("BkToCstmrDbtCdtNtfctn")
    if body is None:
        raise refuse("camt.missing", where, place=kind, element="its message body")
    tag = "Stmt" if kind == "camt.053" else "Ntfctn"
    statements = [
        _statement(element, kind, name, index)
        for index, element in enumerate(body.findall(tag), start=1)
    ]
    if not statements:
        raise refuse("statement.empty", where)
    return statements


def _day(text: str | None, where: Location, what: str, element: str) -> date:
    if text is None:
        raise refuse("camt.missing", where, place=what, element=element)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise refuse(
            "camt.value", where, place=what, element=element, found=text, expected="a date"
        ) from None


def _signed(element: Element, where: Location, what: str) -> tuple[int, str]:
    """An ``Amt`` beside its ``CdtDbtInd`` as signed cents, and the amount's currency."""
    amount = element.find("Amt")
    if amount is None or not (amount.text or "").strip():
        raise refuse("camt.missing", where, place=what, element="Amt")
    indicator = _text(element, "CdtDbtInd")
    if indicator not in ("CRDT", "DBIT"):
        raise refuse(
            "camt.value",
            where,
            place=what,
            element="CdtDbtInd",
            found=indicator or "",
            expected="CRDT or DBIT",
        )
    value = cents((amount.text or "").strip(), where)
    return (value if indicator == "CRDT" else -value), amount.get("Ccy", "")


def _statement(element: Element, kind: str, name: str, index: int) -> Statement:
    what = f"{'Stmt' if kind == 'camt.053' else 'Ntfctn'} {index}"
    where = Location(file=name, field=what)
    account = _text(element, "Acct/Id/IBAN", "Acct/Id/Othr/Id")
    if account is None:
        raise refuse("camt.missing", where, place=what, element="Acct/Id/IBAN")
    currency = _text(element, "Acct/Ccy")
    iban = iban_or_none(account) or account
    if currency and currency.upper() != "EUR":
        raise refuse("statement.currency", where, currency=currency, account=iban)
    opening = closing = None
    opening_date = closing_date = None
    for balance in element.findall("Bal"):
        code = _text(balance, "Tp/CdOrPrtry/Cd")
        if code in _OPENING and opening is None:
            opening, currency_b = _signed(balance, where, f"{what} Bal {code}")
            opening_date = _day(_text(balance, "Dt/Dt", "Dt/DtTm"), where, what, "Bal/Dt")
            currency = currency or currency_b
        elif code in _CLOSING:
            closing, currency_b = _signed(balance, where, f"{what} Bal {code}")
            closing_date = _day(_text(balance, "Dt/Dt", "Dt/DtTm"), where, what, "Bal/Dt")
            currency = currency or currency_b
    if kind == "camt.053" and (opening is None or closing is None):
        raise refuse("camt.missing", where, place=what, element="an opening and a closing Bal")
    movements: list[Movement] = []
    for number, entry in enumerate(element.findall("Ntry"), start=1):
        where_entry = Location(file=name, field=f"{what} Ntry {number}")
        movements += _entry(entry, where_entry, number, iban)
    if closing_date is None:
        stamp = _text(element, "FrToDt/ToDtTm", "CreDtTm")
        dates = [m.booking_date for m in movements]
        closing_date = max(dates) if dates else _day(stamp, where, what, "CreDtTm")
    number = _text(element, "ElctrncSeqNb", "LglSeqNb", "Id") or str(index)
    return Statement(
        format=kind,
        account_iban=iban,
        currency=currency or "",
        number=number,
        opening_date=opening_date,
        closing_date=closing_date,
        opening_cents=opening,
        closing_cents=closing,
        movements=tuple(movements),
        file_line=what,
    )


def _entry(entry: Element, where: Location, number: int, account: str) -> list[Movement]:
    what = str(where.field)
    status = _text(entry, "Sts/Cd", "Sts")
    if status not in (None, "BOOK"):
        # Pending and informational entries move no balance; a statement holds booked ones.
        return []
    amount, currency = _signed(entry, where, what)
    if currency and currency.upper() != "EUR":
        raise refuse("statement.currency", where, currency=currency, account=account)
    booked = _day(_text(entry, "BookgDt/Dt", "BookgDt/DtTm"), where, what, "BookgDt")
    value_text = _text(entry, "ValDt/Dt", "ValDt/DtTm")
    valued = _day(value_text, where, what, "ValDt") if value_text else None
    bank_ref = _text(entry, "AcctSvcrRef", "NtryRef")
    details = [d for box in entry.findall("NtryDtls") for d in box.findall("TxDtls")]
    announced = _text(entry, "NtryDtls/Btch/NbOfTxs")
    count = int(announced) if announced and announced.isdigit() else len(details)
    line = f"Ntry {number}"
    base = {"booking_date": booked, "value_date": valued, "bank_ref": bank_ref}
    if count <= 1 and len(details) <= 1:
        facts = _transaction(details[0], amount) if details else {}
        if not facts.get("free_text"):
            facts["free_text"] = _text(entry, "AddtlNtryInf")
        return [Movement(line=line, amount_cents=amount, **base, **facts)]
    if len(details) < 2:
        # A batch whose transactions the bank left out: one amount for several payers.
        return [Movement(line=line, amount_cents=amount, bundle="global", **base)]
    sign = 1 if amount > 0 else -1
    out = [Movement(line=line, amount_cents=amount, bundle="global", bundle_count=count, **base)]
    for index, detail in enumerate(details, start=1):
        facts = _transaction(detail, None)
        part = facts.pop("amount_cents", None)
        if part is None:
            raise refuse("camt.missing", where, place=f"{what} TxDtls {index}", element="Amt")
        out.append(
            Movement(
                line=f"{line} TxDtls {index}",
                amount_cents=sign * abs(part),
                bundle="detail",
                parent_line=line,
                **base,
                **facts,
            )
        )
    return out


def _transaction(detail: Element, entry_amount: int | None) -> dict[str, object]:
    """What a ``TxDtls`` says about the payment: counterparty, references, amount."""
    credit = entry_amount is None or entry_amount > 0
    indicator = _text(detail, "CdtDbtInd")
    if indicator is not None:
        credit = indicator == "CRDT"
    party, account, agent = (
        ("Dbtr", "DbtrAcct", "DbtrAgt") if credit else ("Cdtr", "CdtrAcct", "CdtrAgt")
    )
    parties = detail.find("RltdPties")
    facts: dict[str, object] = {
        "counterparty_name": _text(parties, f"{party}/Pty/Nm", f"{party}/Nm"),
        "counterparty_iban": iban_or_none(
            _text(parties, f"{account}/Id/IBAN", f"{account}/Id/Othr/Id")
        ),
        "counterparty_bic": _text(
            detail.find("RltdAgts"), f"{agent}/FinInstnId/BICFI", f"{agent}/FinInstnId/BIC"
        ),
        "counterparty_kbo": _party_kbo(parties, party),
        "end_to_end_id": _text(detail, "Refs/EndToEndId"),
    }
    if facts["end_to_end_id"] == "NOTPROVIDED":
        facts["end_to_end_id"] = None
    structured = None
    for reference in detail.findall("RmtInf/Strd/CdtrRefInf"):
        issuer = _text(reference, "Tp/Issr")
        code = _text(reference, "Tp/CdOrPrtry/Cd")
        ref = _text(reference, "Ref")
        if ref and ((issuer or "").upper() == "BBA" or code == "SCOR"):
            structured = ogm.compact(ref)
            break
    facts["structured_ref"] = structured
    free = " ".join(
        t.text.strip() for t in detail.findall("RmtInf/Ustrd") if t.text and t.text.strip()
    )
    facts["free_text"] = free or None
    amount_text = _text(detail, "Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/InstdAmt/Amt")
    if amount_text is not None:
        facts["amount_cents"] = cents(amount_text)
    if entry_amount is not None:
        facts.pop("amount_cents", None)
    return facts


def _party_kbo(parties: Element | None, party: str) -> str | None:
    """The payer's enterprise number, where its bank identified it as an organisation."""
    if parties is None:
        return None
    for other in parties.findall(f"{party}/Pty/Id/OrgId/Othr") + parties.findall(
        f"{party}/Id/OrgId/Othr"
    ):
        number = kbo_or_none(_text(other, "Id"))
        if number:
            return number
    return None
