"""Audit events told in the app's language: one sentence per event, and its details as
lines ("Postcode: 9000 → 1000") for the detail pane.

The facts come from the event's details as the ledger wrote them (amounts as plain
text, dates as ISO) and from :class:`~ledger.lists.audit.AuditRow` (the company's name);
the words from the catalogue (``audit.`` codes).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ledger.identifiers import format_number
from ledger.lists.audit import AuditRow
from ledger.money import format_eur, to_cents
from ledger.words import knows
from tui.app.i18n import Labels

# Detail keys the app has a label for (the rest are shown by their key).
FIELDS = {
    "name": "name",
    "postcode": "postcode",
    "kind": "kind",
    "region_override": "region",
    "joined": "joined",
    "left": "left",
    "mandate": "mandate",
    "year": "year",
    "amount": "amount",
    "reason": "reason",
    "note": "note",
    "source": "source",
    "paid_on": "paid-on",
    "kbo": "kbo",
    "file": "file",
    "sheet": "sheet",
    "rows": "row-count",
    "reverses": "detail-reverses",
    "undoes": "detail-undoes",
    "reversed": "detail-reversed",
    "entries": "entries",
    "years": "years",
    "what": "what",
    "rule_set": "rule-set",
    "start_year": "start-year",
    "version": "detail-version",
    "before": "detail-before",
    "after": "detail-after",
}
AMOUNTS = {"amount", "before", "after"}
WORDS = {"kind", "region_override", "what"}  # stored values that have words


def _money(value: object) -> str:
    try:
        return format_eur(to_cents(Decimal(str(value))))
    except (InvalidOperation, ValueError, ArithmeticError):
        return str(value)


def _value(t: Labels, key: str, value: object) -> str:
    """A detail's value as a reader sees it."""
    if value is None or value == "":
        return t.code("audit.none")
    if key in AMOUNTS:
        return _money(value)
    if key == "kbo" and isinstance(value, str):
        return format_number(value)
    if key in WORDS and isinstance(value, str):
        return t.word(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(t: Labels, key: str) -> str:
    return t(FIELDS[key]) if key in FIELDS else key


def _changes(t: Labels, details: dict[str, Any]) -> str:
    before, after = details.get("before"), details.get("after")
    if not isinstance(after, dict):
        return ""
    before = before if isinstance(before, dict) else {}
    return "; ".join(
        f"{_label(t, k)} {_value(t, k, before.get(k))} → {_value(t, k, v)}"
        for k, v in after.items()
    )


def describe(t: Labels, row: AuditRow) -> str:
    """The event as one sentence in the app's language."""
    e, d = row.event, row.details
    kbo = d.get("kbo")
    number = format_number(kbo) if isinstance(kbo, str) else ""
    who = f"{row.name} ({number})" if row.name and number else row.name or number or ""
    facts: dict[str, object] = {
        key: _value(t, key, value) for key, value in d.items() if not isinstance(value, dict)
    }
    facts |= {"who": who, "id": e.entity_id if e.entity_id is not None else ""}
    facts["changes"] = _changes(t, d)
    facts["before"] = _value(t, "before", d.get("before"))
    facts["after"] = _value(t, "after", d.get("after"))
    dates = [f"{_label(t, k)} {d[k]}" for k in ("joined", "left", "mandate") if d.get(k)]
    facts["dates"] = f" ({', '.join(dates)})" if dates else ""
    if "kind" in d and "kbo" not in d:
        facts["whom"] = t.code("audit.every-kind", kind=t.word(str(d["kind"])))
    else:
        facts["whom"] = who
    code = f"audit.{e.action}"
    if 1 in (d.get("rows"), d.get("entries")) and knows(f"{code}.one"):
        code += ".one"  # one row, one entry: the singular
    try:
        return t.code(code, **facts) if knows(code) else _unknown(t, row)
    except (KeyError, IndexError):  # an older event without a detail the sentence names
        return _unknown(t, row)


def _unknown(t: Labels, row: AuditRow) -> str:
    return t.code("audit.unknown", action=row.event.action, details=row.event.details)


def detail_lines(t: Labels, row: AuditRow, when: str) -> list[str]:
    """Everything the event records, one fact a line, for the detail pane."""
    e = row.event
    lines = [
        describe(t, row),
        f"{t('when')}: {when} · {t('who')}: {e.actor} ({e.origin}) · {t('id')} {e.id}",
    ]
    for key, value in row.details.items():
        if isinstance(value, dict) or key in ("columns", "header_row"):
            continue
        lines.append(f"{_label(t, key)}: {_value(t, key, value)}")
    changes = _changes(t, row.details)
    if changes:
        lines.append(changes)
    return lines + _accounting(t, row.details)


def _accounting(t: Labels, details: dict[str, Any]) -> list[str]:
    """An import's column accounting and its rows' fates, as the batch recorded them."""
    columns, fates = details.get("columns"), details.get("fates")
    if not isinstance(columns, list) or not columns:
        return []
    from importers.wording import fates_text, recorded  # the importers load on demand

    lines = [f"{t('header-row')}: {details.get('header_row', '?')}", f"{t('columns-recorded')}:"]
    for c in columns:
        if isinstance(c, dict):
            said = recorded(c, columns, t.language, "app")
            lines.append(f"  {c.get('column', '')} {c.get('header', '')!r}: {said}")
    if isinstance(fates, dict) and fates:
        lines.append(fates_text(fates, committed=True, language=t.language, face="app"))
    return lines
