"""The multi-year overview: one row per program year against the maximum duration,
totals as live formulas, and a chart of contributions, matched aid and cap per year.

Years beyond the program that hold entries or costs are listed too (they earn nothing,
and the reader should see why). The checksum covers the whole cluster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from ledger.money import from_cents
from ledger.report import document, styles, write
from ledger.report.annual import Written
from ledger.report.checksum import StateHash, ledger_checksum
from ledger.report.facts import OverviewFacts, overview_facts
from ledger.report.labels import Labels, labels
from ledger.report.portfolio import portfolio_sheet
from ledger.report.projects import has_portfolio
from ledger.report.styles import EURO, INTEGER, Column
from ledger.storage.tables import Cluster
from ledger.summary import YearSummary

# Columns of the years table the totals row adds up and the chart draws.
SUMMED = (7, 8, 9)  # total contributions, counted contributions, matched aid
CHARTED = (7, 9, 4)  # total contributions, matched aid, annual cap


def _columns(lab: Labels) -> list[Column]:
    return [
        Column(lab["year"], 8, INTEGER),
        Column(lab["program_year"], 18),
        Column(lab["state"], 20),
        Column(lab["annual_cap"], 15, EURO),
        Column(lab["ceiling"], 15, EURO),
        Column(lab["coordination_costs"], 15, EURO),
        Column(lab["total_contributions"], 15, EURO),
        Column(lab["counted_contributions"], 15, EURO),
        Column(lab["matched_aid"], 15, EURO),
        Column(lab["headroom"], 15, EURO),
        Column(lab["surplus"], 15, EURO),
        Column(lab["member_count"], 9, INTEGER),
        Column(lab["mandates"], 12, INTEGER),
    ]


def _year_values(lab: Labels, summary: YearSummary) -> list[Any]:
    r = summary.result
    if r.program_year > r.max_years or r.program_year < 1:
        program = lab["beyond_program"]
    else:
        program = lab.text("program_year_of", n=r.program_year, max=r.max_years)
    state = lab["locked"] if summary.locked else lab["open"]
    return [
        r.year,
        program,
        state,
        from_cents(r.cap_cents),
        from_cents(r.ceiling_cents),
        None if r.costs_cents is None else from_cents(r.costs_cents),
        from_cents(r.total_contributions_cents),
        from_cents(r.counted_contributions_cents),
        from_cents(r.matched_aid_cents),
        from_cents(r.headroom_cents),
        from_cents(r.surplus_cents),
        r.members,
        r.flemish_enterprises_with_mandate,
    ]


def _chart(lab: Labels, ws: Any, years: int, anchor: str) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = lab["chart_title"]
    chart.y_axis.title = lab["euro"]
    chart.x_axis.title = lab["year"]
    chart.y_axis.numFmt = "#,##0"
    first, last = styles.HEADER_ROW, styles.HEADER_ROW + years
    for column in CHARTED:
        data = Reference(ws, min_col=column, min_row=first, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
    chart.width, chart.height = 24, 12
    chart.anchor = anchor
    return chart


def _build(
    wb: Any, lab: Labels, facts: OverviewFacts, state: StateHash, lang: str, session: Session
) -> None:
    """Fill the overview sheet, its chart and the document's properties."""
    cluster, checksum = facts.cluster, state.hexdigest()
    provisional = not all(s.locked for s in facts.years)
    title = lab.text("overview_title", cluster=cluster.name)
    sheet = lab["sheet_overview"]
    ws = wb.create_sheet(sheet)
    columns = _columns(lab)
    styles.set_columns(ws, columns)
    styles.print_setup(
        ws, provisional=provisional, provisional_text=lab["provisional_short"], title=title
    )
    marker = lab["provisional_overview"] if provisional else lab["final_overview"]
    styles.heading(ws, write.text(ws, title), marker, provisional=provisional)
    ws.append(styles.header_row(ws, columns))
    for summary in facts.years:
        ws.append(styles.styled_row(ws, _year_values(lab, summary), columns))
    years = len(facts.years)
    styles.add_table(ws, "Years", columns, years)
    totals: list[Any] = [styles.cell(ws, lab["totals"], font=styles.BOLD)]
    totals += [None] * (len(columns) - 1)
    first, last = styles.FIRST_DATA_ROW, styles.FIRST_DATA_ROW + years - 1
    for column in SUMMED:
        letter = get_column_letter(column)
        totals[column - 1] = styles.cell(ws, f"=SUM({letter}{first}:{letter}{last})", EURO)
    ws.append(totals)
    ws.append([])
    info_row = last + 3
    ws.append([lab["cluster"], write.text(ws, cluster.name)])
    ws.append([lab["rule_set"], facts.rules.id, write.text(ws, facts.rules.name)])
    ws.append([lab["report_scope"], lab["scope_overview"]])
    ws.append([lab["checksum"], checksum, lab["checksum_note"]])
    ws.append([lab["chain"], document.chain_text(facts.chain), lab["chain_note"]])
    document.name_cell(wb, document.NAME_CLUSTER, sheet, 2, info_row)
    document.name_cell(wb, document.NAME_SCOPE, sheet, 2, info_row + 2)
    document.name_cell(wb, document.NAME_CHECKSUM, sheet, 2, info_row + 3)
    ws.add_chart(_chart(lab, ws, years, f"A{info_row + 6}"))
    if has_portfolio(cluster, session=session):
        portfolio_sheet(wb, lab, cluster, not provisional, session=session)

    document.describe(
        wb,
        title=title,
        subject=lab["subject_overview"],
        keywords=[document.PROGRAM, cluster.name, facts.rules.id],
        lang=lang,
    )
    document.record_checksum(wb, state, cluster.name, None, facts.chain)


def write_overview(
    session: Session, cluster: Cluster, output: Path, *, lang: str = "nl", force: bool = False
) -> Written:
    """Write the multi-year overview of ``cluster`` to ``output``.

    Raises:
        InputError: the language is unknown or the output path unusable.
        ConflictError: the output exists and ``force`` is not given.
    """
    lab = labels(lang)
    origin = write.origin(session)
    write.check_output(output, force=force, origin=origin)
    facts = overview_facts(cluster, session=session)
    state = ledger_checksum(cluster, facts.rules, session=session, year=None)
    with write.building(output):
        wb = document.new_workbook()
        try:
            _build(wb, lab, facts, state, lang, session)
        except BaseException:
            write.discard(wb)
            raise
        write.save(wb, output, stamp=facts.stamp, force=force, origin=origin)
    return Written(output, state.hexdigest(), state.entries)
