"""One cluster-year's figures as readable text, amounts in Belgian format."""

from __future__ import annotations

from ledger.identifiers import format_number
from ledger.money import format_eur
from ledger.summary import YearSummary
from tui.cli.tables import render_table


def render_summary(summary: YearSummary) -> str:
    """A block of labelled lines for one year, warnings last."""
    r = summary.result
    state = "locked" if summary.locked else "open (provisional)"
    head = (
        f"{summary.cluster} · {r.year} · program year {r.program_year} of {r.max_years} "
        f"· {r.rule_set} · {state}"
    )
    if r.costs_cents is None:
        ceiling_note = "(annual cap; no costs recorded)"
    else:
        ceiling_note = f"(coordination costs {format_eur(r.costs_cents)})"
    mandate = f"{r.flemish_enterprises_with_mandate}"
    if r.min_flemish_enterprises_with_mandate:
        mandate += f" of {r.min_flemish_enterprises_with_mandate} required"
    rows = [
        ("Annual cap", format_eur(r.cap_cents), ""),
        ("Ceiling", format_eur(r.ceiling_cents), ceiling_note),
        ("Total contributions", format_eur(r.total_contributions_cents), ""),
        ("Counted contributions", format_eur(r.counted_contributions_cents), ""),
        ("Matched aid", format_eur(r.matched_aid_cents), ""),
        ("Headroom", format_eur(r.headroom_cents), ""),
        ("Surplus", format_eur(r.surplus_cents), ""),
        ("Members", str(r.members), ""),
        ("Flemish enterprises with mandate", mandate, ""),
    ]
    if r.mandate_deadline is not None:
        at_deadline = f"{r.flemish_enterprises_with_mandate_at_deadline}"
        if r.min_flemish_enterprises_with_mandate:
            at_deadline += f" of {r.min_flemish_enterprises_with_mandate} required"
        rows.append(
            ("  at the dossier deadline", at_deadline, f"({r.mandate_deadline.isoformat()})")
        )
    label_width = max(len(label) for label, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    lines = [head, "-" * len(head)]
    lines += [
        f"  {label.ljust(label_width)}  {value.rjust(value_width)}  {note}".rstrip()
        for label, value, note in rows
    ]
    if r.warnings:
        lines.append("  Warnings:")
        lines += [f"  ! {w.message}" for w in r.warnings]
    if r.shares:
        rows = [
            (
                format_number(s.kbo),
                s.name,
                format_eur(s.contribution_cents),
                "yes" if s.counted else "no",
                format_eur(s.aid_cents),
            )
            for s in r.shares
        ]
        table = render_table(
            ("enterprise no.", "name", "contribution", "counted", "aid"), rows, right={2, 4}
        )
        lines += ["", *("  " + line for line in table.splitlines())]
    return "\n".join(lines)
