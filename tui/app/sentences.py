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
    # A spearhead cluster's projects and partners.
    "title": "project-name",
    "acronym": "project-acronym",
    "theme": "project-theme",
    "type": "project-type",
    "starts_on": "project-start",
    "ends_on": "project-end",
    "budget_cents": "project-budget",
    "aid_requested_cents": "project-aid-requested",
    "aid_granted": "project-aid-granted",
    "budget": "partner-budget",
    "aid": "partner-aid",
    "role": "partner-role",
    "status": "project-status",
    "date": "date",
    "from": "detail-from",
    "to": "project-to",
    "forced": "project-above-request",
    "country": "partner-country",
    "project_id": "detail-project",
}
AMOUNTS = {"amount", "before", "after", "budget_cents", "aid_requested_cents", "aid_granted"}
AMOUNTS |= {"budget", "aid"}
WORDS = {"kind", "region_override", "what"}  # stored values that have words
# Detail keys whose values the catalogue words under a code of their own.
CODED = {
    "type": "project_type",
    "status": "project_status",
    "from": "project_status",
    "to": "project_status",
    "role": "partner_role",
}


def _money(value: object) -> str:
    try:
        return format_eur(to_cents(Decimal(str(value))))
    except (InvalidOperation, ValueError, ArithmeticError):
        return str(value)


def _value(t: Labels, key: str, value: object) -> str:
    """A detail's value as a reader sees it."""
    if value is None or value == "":
        return t.code("audit.none")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if key in AMOUNTS:
        return _money(value)
    if key == "kbo" and isinstance(value, str):
        return format_number(value)
    if key in WORDS and isinstance(value, str):
        return t.word(value)
    if key in CODED and isinstance(value, str) and knows(f"{CODED[key]}.{value}"):
        return t.code(f"{CODED[key]}.{value}")
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
    # What stayed as it was is left out (a partner's change records its whole share).
    return "; ".join(
        f"{_label(t, k)} {_value(t, k, before.get(k))} → {_value(t, k, v)}"
        for k, v in after.items()
        if k not in before or before[k] != v
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
    if e.action.startswith("project."):
        facts |= _portfolio(t, row)
    code = f"audit.{e.action}"
    if 1 in (d.get("rows"), d.get("entries")) and knows(f"{code}.one"):
        code += ".one"  # one row, one entry: the singular
    try:
        return t.code(code, **facts) if knows(code) else _unknown(t, row)
    except (KeyError, IndexError):  # an older event without a detail the sentence names
        return _unknown(t, row)


def _portfolio(t: Labels, row: AuditRow) -> dict[str, object]:
    """What a sentence about a project or a partner names: the project (with its acronym),
    its title and type, the party, and a grant or a reason where the event has one. A
    project's own events keep the whole row under ``~row``."""
    e, d = row.event, row.details
    written = d.get("~row")
    kept: dict[str, Any] = written if isinstance(written, dict) else {}
    if e.entity == "project":
        number, acronym = e.entity_id, kept.get("acronym")
    else:
        number, acronym = d.get("project_id", kept.get("project_id")), None
    name = d.get("name") or kept.get("name") or ""
    kbo, country = d.get("kbo") or kept.get("kbo"), d.get("country") or kept.get("country")
    extra = ""
    if d.get("aid_granted"):
        extra += f", {t('project-aid-granted').lower()} {_money(d['aid_granted'])}"
    if d.get("reason"):
        extra += f": {d['reason']}"
    return {
        "project": f"{number} ({acronym})" if acronym else str(number),
        "title": kept.get("title", ""),
        "type": _value(t, "type", d.get("type") or kept.get("type")),
        "party": f"{name} ({format_number(kbo) if kbo else country})",
        "extra": extra,
    }


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
