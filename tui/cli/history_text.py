"""``member show`` as text: a company's facts and memberships, each line with its source."""

from __future__ import annotations

from datetime import date, datetime

from ledger.company_record import CompanyRecord, SetBy
from ledger.identifiers import format_number

_FIELD = {"kind": "kind", "postcode": "postcode", "region_override": "region override"}


def _day(value: date | None, empty: str) -> str:
    return value.isoformat() if value else empty


def _source(set_by: SetBy, recorded_at: datetime) -> str:
    if set_by.event is None:
        return f"recorded {recorded_at:%Y-%m-%d %H:%M} UTC, no audit event"
    at = set_by.at or recorded_at
    return f"audit event {set_by.event} ({set_by.action}, {set_by.actor}, {at:%Y-%m-%d %H:%M} UTC)"


def render_record(record: CompanyRecord) -> str:
    """The history, newest facts last, one line per fact or event."""
    lines = [f"{record.name} ({format_number(record.kbo)}) · version {record.version}", ""]
    lines.append("Facts (each in force from its day until the next one takes over):")
    for f in record.facts:
        span = f"from {_day(f.valid_from, 'the start')}"
        span += f" until {f.until.isoformat()}" if f.until else (" on" if f.in_force else "")
        if not f.in_force:
            span += " (overtaken by a later recording for the same day)"
        value = f.value if f.value is not None else "none (the postcode decides)"
        lines.append(f"  {_FIELD[f.field]:<16} {value:<24} {span}")
        lines.append(f"  {'':<16} {_source(f.set_by, f.recorded_at)}")
        if f.reason:
            lines.append(f"  {'':<16} reason: {f.reason}")
    for m in record.memberships:
        lines += [
            "",
            f"Member of {m.cluster}: {_day(m.joined, 'from the start')} to "
            f"{_day(m.left, 'now')} · version {m.version}",
        ]
        for p in m.periods:
            lines.append(
                f"  days       {_day(p.joined, 'the start')} to {_day(p.left, 'open')}   "
                f"{_source(p.set_by, p.recorded_at)}"
            )
        if not m.mandates:
            lines.append("  mandate    none recorded")
        for e in m.mandates:
            what = {"given": "given", "withdrawn": "withdrawn", "corrected": "corrected to"}[
                e.action
            ]
            text = f"  mandate    {what} {e.on.isoformat()}"
            if e.corrects:
                text += f" (was {e.corrects.isoformat()})"
            lines.append(f"{text}   {_source(e.set_by, e.recorded_at)}")
            if e.reason:
                lines.append(f"             reason: {e.reason}")
    return "\n".join(lines)
