"""The multi-year overview: one row per program year against the maximum duration,
totals as live formulas, and a chart of contributions, matched aid and cap per year.

Years beyond the program that hold entries or costs are listed too (they earn nothing,
and the reader should see why). The checksum covers the whole cluster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session

from ledger.money import from_cents
from ledger.report import document, styles, write
from ledger.report.annual import Written
from ledger.report.checksum import StateHash, ledger_checksum
from ledger.report.facts import OverviewFacts, overview_facts
from ledger.report.labels import Labels, labels
from ledger.report.portfolio import portfolio_sheet
from ledger.report.projects import has_portfolio
from ledger.report.sheet import Book, Formula, Sheet
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


# The chart's size: 24 by 12 cm, in pixels at 96 per inch.
CHART_WIDTH, CHART_HEIGHT = round(24 / 2.54 * 96), round(12 / 2.54 * 96)


def _chart(wb: Book, lab: Labels, ws: Sheet, years: int, anchor: str) -> None:
    """Contributions, matched aid and cap per year, as columns."""
    chart = wb.wb.add_chart({"type": "column"})
    header, first, last = styles.HEADER_ROW - 1, styles.HEADER_ROW, styles.HEADER_ROW + years - 1
    for column in CHARTED:
        chart.add_series(
            {
                "name": [ws.name, header, column - 1],
                "categories": [ws.name, first, 0, last, 0],
                "values": [ws.name, first, column - 1, last, column - 1],
            }
        )
    chart.set_title({"name": lab["chart_title"]})
    chart.set_y_axis({"name": lab["euro"], "num_format": "#,##0"})
    chart.set_x_axis({"name": lab["year"]})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    ws.ws.insert_chart(anchor, chart)


def _build(
    wb: Book, lab: Labels, facts: OverviewFacts, state: StateHash, lang: str, session: Session
) -> None:
    """Fill the overview sheet, its chart and the document's properties."""
    cluster, checksum = facts.cluster, state.hexdigest()
    provisional = not all(s.locked for s in facts.years)
    title = lab.text("overview_title", cluster=cluster.name)
    sheet = lab["sheet_overview"]
    ws = wb.sheet(sheet)
    columns = _columns(lab)
    styles.set_columns(ws, columns)
    styles.print_setup(
        ws, provisional=provisional, provisional_text=lab["provisional_short"], title=title
    )
    marker = lab["provisional_overview"] if provisional else lab["final_overview"]
    styles.heading(ws, write.clean(title), marker, provisional=provisional)
    ws.append(styles.header_row(columns))
    formats = styles.formats(ws, columns)
    for summary in facts.years:
        ws.append(_year_values(lab, summary), formats)
    years = len(facts.years)
    styles.add_table(ws, "Years", columns, years)
    totals: list[Any] = [styles.cell(lab["totals"], font=styles.BOLD)]
    totals += [None] * (len(columns) - 1)
    first, last = styles.FIRST_DATA_ROW, styles.FIRST_DATA_ROW + years - 1
    for column in SUMMED:
        letter = styles.column_letter(column)
        totals[column - 1] = styles.cell(Formula(f"=SUM({letter}{first}:{letter}{last})"), EURO)
    ws.append(totals)
    ws.append([])
    info_row = last + 3
    ws.append([lab["cluster"], write.clean(cluster.name)])
    ws.append([lab["rule_set"], facts.rules.id, write.clean(facts.rules.name)])
    ws.append([lab["report_scope"], lab["scope_overview"]])
    ws.append([lab["checksum"], checksum, lab["checksum_note"]])
    ws.append([lab["chain"], document.chain_text(facts.chain), lab["chain_note"]])
    document.name_cell(wb, document.NAME_CLUSTER, sheet, 2, info_row)
    document.name_cell(wb, document.NAME_SCOPE, sheet, 2, info_row + 2)
    document.name_cell(wb, document.NAME_CHECKSUM, sheet, 2, info_row + 3)
    _chart(wb, lab, ws, years, f"A{info_row + 6}")
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
        wb = write.new_book()
        try:
            _build(wb, lab, facts, state, lang, session)
        except BaseException:
            write.discard(wb)
            raise
        write.save(wb, output, stamp=facts.stamp, force=force, origin=origin)
    return Written(output, state.hexdigest(), state.entries)
