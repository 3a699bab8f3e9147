"""Write bank statements the way a Belgian bank delivers them: CODA 2.x and camt.053.

The demo's statements (``make_sample_data.py``), the payments benchmark and some tests
write their files with these two functions, so every generated file has the layout of
the real thing: CODA records of 128 characters (Febelfin's standard, version 2), and
ISO 20022 camt.053.001.02 or .001.08 XML. Everything written is fictional.

Example::

    text = coda_statement(ACCOUNT, "Demo vzw", 1, date(2025, 11, 25), 0, [Payment(...)])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Payment:
    """One movement to write: positive cents are money in.

    ``details`` makes it a bundle (one global amount, then one record per detail);
    ``bundled`` writes a bundle of that many payments without its details.
    """

    amount_cents: int
    name: str | None = None
    iban: str | None = None
    bic: str | None = None
    ogm: str | None = None  # the 12 digits
    text: str | None = None
    details: Sequence[Payment] = field(default_factory=tuple)
    bundled: int = 0
    kbo: str | None = None


def _ddmmyy(day: date) -> str:
    return day.strftime("%d%m%y")


def _amount(cents: int) -> str:
    """Sign (0 credit, 1 debit) and 15 digits with three decimals."""
    return ("1" if cents < 0 else "0") + f"{abs(cents) * 10:015d}"


def _fit(text: str | None, width: int) -> str:
    return (text or "")[:width].ljust(width)


def coda_statement(
    account: str,
    holder: str,
    number: int,
    day: date,
    opening_cents: int,
    payments: Sequence[Payment],
    *,
    bank_id: str = "725",
    bic: str = "KREDBEBB",
) -> str:
    """One CODA 2.x file holding one statement of ``day`` (records joined by CRLF)."""
    seq = f"{number % 1000:03d}"
    records = [
        "0"
        + "0000"
        + _ddmmyy(day)
        + bank_id
        + "05"
        + " "
        + " " * 7
        + _fit(f"{day:%y%m%d}{seq}", 10)
        + _fit(holder, 26)
        + _fit(bic, 11)
        + "00213443649"
        + " "
        + "00000"
        + _fit("", 16)
        + " "
        + _fit("", 15)
        + " " * 7
        + "2"
    ]
    account_field = _fit(account, 34) + "EUR"
    records.append(
        "1"
        + "2"
        + seq
        + account_field
        + _amount(opening_cents)
        + _ddmmyy(day)
        + _fit(holder, 26)
        + _fit("Zichtrekening", 35)
        + seq
    )
    debit = credit = 0
    for index, payment in enumerate(payments, start=1):
        kind = "1" if payment.details or payment.bundled else "0"
        records += _movement(index, 0, payment, day, seq, kind)
        for part, detail in enumerate(payment.details, start=1):
            records += _movement(index, part, detail, day, seq, "5")
        if payment.amount_cents < 0:
            debit -= payment.amount_cents
        else:
            credit += payment.amount_cents
    closing = opening_cents + credit - debit
    records.append("8" + seq + account_field + _amount(closing) + _ddmmyy(day) + " " * 64 + "0")
    counted = len(records) - 1  # the trailer counts every record but the header (and itself)
    records.append(
        "9"
        + " " * 15
        + f"{counted:06d}"
        + f"{debit * 10:015d}"
        + f"{credit * 10:015d}"
        + " " * 75
        + "2"
    )
    for record in records:
        assert len(record) == 128, (len(record), record)
    return "\r\n".join(records) + "\r\n"


def _movement(
    index: int, detail: int, payment: Payment, day: date, seq: str, kind: str
) -> list[str]:
    head = f"{index:04d}{detail:04d}"
    reference = _fit(f"{day:%Y%m%d}{index:04d}{detail:03d}REF", 21)
    family = "01" if payment.amount_cents > 0 else "13"
    code = kind + family + ("50" if payment.amount_cents > 0 else "37") + "000"
    if payment.ogm:
        communication = "1" + "101" + payment.ogm + " " * 38
        tail = ""
    else:
        text = payment.text or ""
        communication, tail = "0" + _fit(text[:53], 53), text[53:]
    first = (
        "21"
        + head
        + reference
        + _amount(payment.amount_cents)
        + _ddmmyy(day)
        + code
        + communication
        + _ddmmyy(day)
        + seq
        + "0"
        + "1"
        + " "
        + "0"
    )
    second = (
        "22"
        + head
        + _fit(tail[:53], 53)
        + _fit("", 35)
        + _fit(payment.bic, 11)
        + " " * 3
        + " "
        + " " * 4
        + " " * 4
        + " " * 4
        + "1"
        + " "
        + "0"
    )
    third = (
        "23"
        + head
        + _fit(payment.iban, 34)
        + ("EUR" if payment.iban else "   ")
        + _fit(payment.name, 35)
        + _fit(tail[53:96], 43)
        + "0"
        + " "
        + "0"
    )
    return [first, second, third]


def _camt_amount(cents: int) -> str:
    return f"{abs(cents) // 100}.{abs(cents) % 100:02d}"


def camt053_statement(
    account: str,
    holder: str,
    number: int,
    day: date,
    opening_cents: int,
    payments: Sequence[Payment],
    *,
    version: str = "08",
) -> str:
    """One camt.053.001.02 or .001.08 document holding one statement of ``day``."""
    new = version >= "08"
    closing = opening_cents + sum(p.amount_cents for p in payments)
    entries = "".join(_entry(i, p, day, new) for i, p in enumerate(payments, start=1))
    iso = day.isoformat()
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>{iso.replace("-", "")}{number:04d}</MsgId>
      <CreDtTm>{iso}T06:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>{day.year}-{number:04d}</Id>
      <ElctrncSeqNb>{number}</ElctrncSeqNb>
      <CreDtTm>{iso}T06:00:00</CreDtTm>
      <Acct>
        <Id><IBAN>{account}</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>{escape(holder)}</Nm></Ownr>
      </Acct>
{_balance("OPBD", opening_cents, iso)}{_balance("CLBD", closing, iso)}{entries}    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def _balance(code: str, cents: int, iso: str) -> str:
    sign = "DBIT" if cents < 0 else "CRDT"
    return f"""      <Bal>
        <Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{_camt_amount(cents)}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        <Dt><Dt>{iso}</Dt></Dt>
      </Bal>
"""


def _entry(index: int, payment: Payment, day: date, new: bool) -> str:
    iso = day.isoformat()
    sign = "CRDT" if payment.amount_cents > 0 else "DBIT"
    status = "<Sts><Cd>BOOK</Cd></Sts>" if new else "<Sts>BOOK</Sts>"
    parts = list(payment.details) or ([] if payment.bundled else [payment])
    batch = ""
    count = len(payment.details) or payment.bundled
    if count:
        batch = f"<Btch><NbOfTxs>{count}</NbOfTxs></Btch>"
    details = "".join(_transaction(p, new, sign, bool(payment.details)) for p in parts)
    return f"""      <Ntry>
        <NtryRef>{index}</NtryRef>
        <Amt Ccy="EUR">{_camt_amount(payment.amount_cents)}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        {status}
        <BookgDt><Dt>{iso}</Dt></BookgDt>
        <ValDt><Dt>{iso}</Dt></ValDt>
        <AcctSvcrRef>{iso.replace("-", "")}{index:04d}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>{batch}{details}</NtryDtls>
      </Ntry>
"""


def _transaction(payment: Payment, new: bool, sign: str, with_amount: bool) -> str:
    party, account, agent = (
        ("Dbtr", "DbtrAcct", "DbtrAgt")
        if sign == "CRDT"
        else (
            "Cdtr",
            "CdtrAcct",
            "CdtrAgt",
        )
    )
    name = escape(payment.name or "")
    org = ""
    if payment.kbo:
        org = f"<Id><OrgId><Othr><Id>{payment.kbo}</Id><SchmeNm><Cd>COID</Cd></SchmeNm></Othr></OrgId></Id>"
    who = (
        f"<{party}><Pty><Nm>{name}</Nm>{org}</Pty></{party}>"
        if new
        else (f"<{party}><Nm>{name}</Nm>{org}</{party}>")
    )
    if not payment.name:
        who = ""
    iban = f"<{account}><Id><IBAN>{payment.iban}</IBAN></Id></{account}>" if payment.iban else ""
    bic_tag = "BICFI" if new else "BIC"
    agents = (
        f"<RltdAgts><{agent}><FinInstnId><{bic_tag}>{payment.bic}</{bic_tag}></FinInstnId>"
        f"</{agent}></RltdAgts>"
        if payment.bic
        else ""
    )
    amount = ""
    if with_amount:
        value = _camt_amount(payment.amount_cents)
        amount = (
            f'<Amt Ccy="EUR">{value}</Amt><CdtDbtInd>{sign}</CdtDbtInd>'
            if new
            else f'<AmtDtls><TxAmt><Amt Ccy="EUR">{value}</Amt></TxAmt></AmtDtls>'
        )
    if payment.ogm:
        remittance = (
            "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>"
            f"<Issr>BBA</Issr></Tp><Ref>{payment.ogm}</Ref></CdtrRefInf></Strd></RmtInf>"
        )
    elif payment.text:
        remittance = f"<RmtInf><Ustrd>{escape(payment.text)}</Ustrd></RmtInf>"
    else:
        remittance = ""
    return (
        "<TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>"
        f"{amount}<RltdPties>{who}{iban}</RltdPties>{agents}{remittance}</TxDtls>"
    )
