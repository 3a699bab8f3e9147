"""The annual workbook of one cluster-year: summary, members, entries and checks.

Figures come from :mod:`ledger.report.facts` (the matching engine behind ``summary``);
the key totals on the summary sheet are live formulas over the entries sheet, and the
checks sheet sets each beside the ledger's own figure, so a reader (or LibreOffice, in
the tests) can see they agree. Entries stream from the database into the entries sheet
(written to disk row by row) and into the checksum in one pass.

>>> # write_annual(session, cluster, 2026, Path("report.xlsx"), lang="en")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ledger.identifiers import format_number
from ledger.money import from_cents
from ledger.report import document, styles, write
from ledger.report.checksum import StateHash, start_hash
from ledger.report.facts import AnnualFacts, annual_facts
from ledger.report.labels import Labels, labels
from ledger.report.projects import has_portfolio, projects_sheet
from ledger.report.queries import iter_entries
from ledger.report.sheet import Book, Formula, Sheet
from ledger.report.styles import DATE, EURO, INTEGER, Column
from ledger.storage.tables import Cluster

# Which warning codes of the matching engine belong to which rule condition.
RULE_CONDITIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("rule_duration", frozenset({"beyond_max_duration", "before_start"})),
    ("rule_mandates", frozenset({"mandates_below_minimum", "mandates_below_minimum_at_deadline"})),
    ("rule_costs", frozenset({"no_costs_recorded"})),
    ("rule_non_members", frozenset({"contribution_from_non_member"})),
)
ENTRY_AMOUNT, ENTRY_COUNTED = 4, 6  # columns of the entries sheet that formulas read
MEMBER_CONTRIBUTION, MEMBER_AID = 10, 12


@dataclass(frozen=True)
class Written:
    """What an export wrote: where, the checksum it carries, and how many entries it lists."""

    path: Path
    checksum: str
    entries: int


def _yes(lab: Labels, flag: bool) -> str:
    return lab["yes"] if flag else lab["no"]


def _quote(text: str) -> str:
    """A text constant inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def _state(lab: Labels, facts: AnnualFacts) -> str:
    return lab["final"] if facts.summary.locked else lab["provisional"]


def _sheet(wb: Book, lab: Labels, key: str, columns: list[Column], facts: AnnualFacts) -> Sheet:
    ws = wb.sheet(lab[key])
    styles.set_columns(ws, columns)
    provisional = not facts.summary.locked
    title = lab.text("annual_title", cluster=facts.cluster.name, year=facts.summary.result.year)
    styles.print_setup(
        ws, provisional=provisional, provisional_text=lab["provisional_short"], title=title
    )
    styles.heading(ws, write.clean(title), _state(lab, facts), provisional=provisional)
    ws.append(styles.header_row(columns))
    return ws


def _entries_sheet(
    ws: Sheet,
    lab: Labels,
    columns: list[Column],
    facts: AnnualFacts,
    session: Session,
    state: StateHash,
) -> int:
    counted = facts.counted_kbos
    yes, no = lab["yes"], lab["no"]
    formats = styles.formats(ws, columns)
    clean, append, add_entry = write.clean, ws.append, state.add_entry
    # Each company's number, name and counted mark are prepared once, not once per entry.
    parties: dict[str, tuple[str, str | None, str]] = {}
    for e in iter_entries(facts.cluster, session=session, year=facts.summary.result.year):
        add_entry(e)
        party = parties.get(e.kbo)
        if party is None:
            party = (format_number(e.kbo), clean(e.name), yes if e.kbo in counted else no)
            parties[e.kbo] = party
        append(
            (
                e.id,
                party[0],
                party[1],
                from_cents(e.amount_cents),
                e.paid_on,
                party[2],
                e.reverses_id,
                e.reversed_by,
                clean(e.note),
                clean(e.source),
                e.batch_id,
                clean(e.batch_file),
                e.source_row,
            ),
            formats,
        )
    styles.add_table(ws, "Entries", columns, state.entries)
    return state.entries


def _members_sheet(ws: Sheet, lab: Labels, columns: list[Column], facts: AnnualFacts) -> None:
    formats = styles.formats(ws, columns)
    for m in facts.members:
        values = [
            format_number(m.kbo),
            write.clean(m.name),
            m.postcode,
            lab[f"region_{m.region.value}"],
            lab[f"kind_{m.kind.value}"],
            m.joined,
            m.left,
            m.mandate,
            _yes(lab, m.active),
            from_cents(m.contribution_cents),
            _yes(lab, m.counted),
            from_cents(m.aid_cents),
            m.communication,
        ]
        ws.append(values, formats)
    styles.add_table(ws, "Members", columns, len(facts.members))


def _entry_sums(lab: Labels, entries: int) -> tuple[str, str]:
    """The total and the counted total over the entries sheet, as formulas (no ``=``): the
    summary sheet shows them and the checks sheet sets them beside the ledger's figures."""
    amounts = styles.data_range(lab["sheet_entries"], ENTRY_AMOUNT, entries)
    counted = styles.data_range(lab["sheet_entries"], ENTRY_COUNTED, entries)
    return f"SUM({amounts})", f"SUMIFS({amounts},{counted},{_quote(lab['yes'])})"


class _SummaryRows:
    """The summary sheet's rows, numbered as they are added so formulas can point at them."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, Any, str | None, Any]] = []
        self.at: dict[str, int] = {}

    def add(
        self, key: str, label: str, value: Any, fmt: str | None = None, note: Any = None
    ) -> str:
        self.rows.append((label, value, fmt, note))
        row = styles.FIRST_DATA_ROW + len(self.rows) - 1
        self.at[key] = row
        return f"$B${row}"


def _summary_rows(lab: Labels, facts: AnnualFacts, entries: int, checksum: str) -> _SummaryRows:
    r, rules = facts.summary.result, facts.rules
    total, counted = _entry_sums(lab, entries)
    rows = _SummaryRows()
    rows.add("cluster", lab["cluster"], write.clean(facts.cluster.name))
    kbo = format_number(facts.cluster.kbo) if facts.cluster.kbo else lab["none"]
    rows.add("kbo", lab["organisation_kbo"], kbo)
    rows.add("rules", lab["rule_set"], rules.id, None, write.clean(rules.name))
    rows.add("year", lab["year"], r.year, INTEGER)
    program = lab.text("program_year_of", n=r.program_year, max=r.max_years)
    rows.add("program_year", lab["program_year"], program)
    rows.add("cap", lab["annual_cap"], from_cents(r.cap_cents), EURO)
    ceiling = rows.add("ceiling", lab["ceiling"], from_cents(r.ceiling_cents), EURO)
    if r.costs_cents is None:
        rows.add("costs", lab["coordination_costs"], lab["not_recorded"])
    else:
        rows.add("costs", lab["coordination_costs"], from_cents(r.costs_cents), EURO)
    rows.add("total", lab["total_contributions"], Formula(f"={total}"), EURO)
    count = rows.add("counted", lab["counted_contributions"], Formula(f"={counted}"), EURO)
    ratio = rules.matching_ratio
    if ratio == 1:
        aid, needed = f"=MIN(MAX({count},0),{ceiling})", ceiling
    else:
        aid = f"=MIN(ROUNDDOWN(MAX({count},0)*{ratio},2),{ceiling})"
        needed = f"ROUNDUP({ceiling}/{ratio},2)"
    rows.add("aid", lab["matched_aid"], Formula(aid), EURO)
    headroom = f"=MAX({needed}-MAX({count},0),0)"
    rows.add("headroom", lab["headroom"], Formula(headroom), EURO)
    rows.add("surplus", lab["surplus"], Formula(f"=MAX({count}-{needed},0)"), EURO)
    rows.add("members", lab["member_count"], r.members, INTEGER)
    rows.add("mandates", lab["mandates"], r.flemish_enterprises_with_mandate, INTEGER)
    if r.mandate_deadline is not None:
        rows.add(
            "mandates_deadline",
            lab.text("mandates_deadline", day=r.mandate_deadline.isoformat()),
            r.flemish_enterprises_with_mandate_at_deadline,
            INTEGER,
        )
    rows.add("minimum", lab["mandates_minimum"], r.min_flemish_enterprises_with_mandate, INTEGER)
    state = lab["locked"] if facts.summary.locked else lab["open"]
    rows.add("state", lab["year_state"], state)
    if not r.warnings:
        rows.add("warnings", lab["warnings"], lab["none"])
    for i, w in enumerate(r.warnings):
        rows.add(f"warning{i}", lab["warnings"] if i == 0 else "", write.clean(w.text(lab.lang)))
    rows.add("scope", lab["report_scope"], lab["scope_year"])
    rows.add("checksum", lab["checksum"], checksum, None, lab["checksum_note"])
    rows.add("chain", lab["chain"], document.chain_text(facts.chain), None, lab["chain_note"])
    return rows


def _summary_sheet(
    wb: Book, ws: Sheet, lab: Labels, columns: list[Column], rows: _SummaryRows
) -> None:
    for label, value, fmt, note in rows.rows:
        ws.append([label, styles.cell(value, fmt), note])
    styles.add_table(ws, "Summary", columns, len(rows.rows))
    sheet = lab["sheet_summary"]
    for name, key in (
        (document.NAME_CHECKSUM, "checksum"),
        (document.NAME_CLUSTER, "cluster"),
        (document.NAME_YEAR, "year"),
        (document.NAME_SCOPE, "scope"),
    ):
        document.name_cell(wb, name, sheet, 2, rows.at[key])


def _checks_sheet(
    ws: Sheet,
    lab: Labels,
    columns: list[Column],
    facts: AnnualFacts,
    summary: _SummaryRows,
    entries: int,
) -> None:
    r = facts.summary.result
    members_sheet = lab["sheet_members"]
    total, counted = _entry_sums(lab, entries)
    contributions = styles.data_range(members_sheet, MEMBER_CONTRIBUTION, len(facts.members))
    shares = styles.data_range(members_sheet, MEMBER_AID, len(facts.members))
    ok, bad = _quote(lab["pass"]), _quote(lab["fail"])
    summary_sheet = f"'{lab['sheet_summary']}'!"
    figures = [
        ("check_total", r.total_contributions_cents, f"={total}"),
        ("check_counted", r.counted_contributions_cents, f"={counted}"),
        ("check_members", r.total_contributions_cents, f"=SUM({contributions})"),
        ("check_shares", r.matched_aid_cents, f"=SUM({shares})"),
        ("check_ceiling", r.matched_aid_cents, f"={summary_sheet}$B${summary.at['aid']}"),
    ]
    row = styles.FIRST_DATA_ROW
    formats = styles.formats(ws, columns)
    for key, cents, formula in figures:
        if key == "check_ceiling":
            test = f"=IF(C{row}<={summary_sheet}$B${summary.at['ceiling']}+0.001,{ok},{bad})"
        else:
            test = f"=IF(ABS(C{row}-B{row})<0.005,{ok},{bad})"
        values = [lab[key], from_cents(cents), Formula(formula), Formula(test), None]
        ws.append(values, formats)
        row += 1
    codes = {w.code for w in r.warnings}
    known = set().union(*(c for _, c in RULE_CONDITIONS))
    conditions = [
        (lab.text(key, max=facts.rules.max_years, min=r.min_flemish_enterprises_with_mandate), c)
        for key, c in RULE_CONDITIONS
        # A rule set without a mandate minimum has no such condition to pass.
        if key != "rule_mandates" or r.min_flemish_enterprises_with_mandate
    ]
    conditions += [(lab["rule_other"], frozenset({code})) for code in sorted(codes - known)]
    for label, group in conditions:
        messages = "; ".join(w.text(lab.lang) for w in r.warnings if w.code in group)
        result = lab["fail"] if messages else lab["pass"]
        ws.append([label, None, None, result, write.clean(messages or None)])
    styles.add_table(ws, "Checks", columns, len(figures) + len(conditions))


def _build(
    wb: Book, lab: Labels, facts: AnnualFacts, state: StateHash, session: Session, lang: str
) -> tuple[str, int]:
    """Fill the four sheets; returns the checksum and the number of entries."""
    cluster, year = facts.cluster, facts.summary.result.year
    summary_cols = [Column(lab["label"], 40), Column(lab["value"], 30), Column(lab["detail"], 50)]
    member_cols = [
        Column(lab["kbo"], 16),
        Column(lab["name"], 40),
        Column(lab["postcode"], 9),
        Column(lab["region"], 12),
        Column(lab["kind"], 20),
        Column(lab["joined"], 12, DATE),
        Column(lab["left"], 12, DATE),
        Column(lab["mandate"], 12, DATE),
        Column(lab["active_member"], 10),
        Column(lab["contribution"], 15, EURO),
        Column(lab["counted"], 10),
        Column(lab["aid_share"], 15, EURO),
        Column(lab["communication"], 22),
    ]
    entry_cols = [
        Column(lab["entry"], 9),
        Column(lab["kbo"], 16),
        Column(lab["name"], 36),
        Column(lab["amount"], 15, EURO),
        Column(lab["paid_on"], 12, DATE),
        Column(lab["counted"], 9),
        Column(lab["reverses"], 11),
        Column(lab["reversed_by"], 11),
        Column(lab["note"], 30),
        Column(lab["source"], 30),
        Column(lab["batch"], 11),
        Column(lab["batch_file"], 24),
        Column(lab["source_row"], 7),
    ]
    check_cols = [
        Column(lab["check"], 50),
        Column(lab["ledger_figure"], 16, EURO),
        Column(lab["report_figure"], 16, EURO),
        Column(lab["result"], 10),
        Column(lab["detail"], 60),
    ]
    summary_ws = _sheet(wb, lab, "sheet_summary", summary_cols, facts)
    members_ws = _sheet(wb, lab, "sheet_members", member_cols, facts)
    entries_ws = _sheet(wb, lab, "sheet_entries", entry_cols, facts)
    checks_ws = _sheet(wb, lab, "sheet_checks", check_cols, facts)

    _members_sheet(members_ws, lab, member_cols, facts)
    entries = _entries_sheet(entries_ws, lab, entry_cols, facts, session, state)
    checksum = state.hexdigest()
    rows = _summary_rows(lab, facts, entries, checksum)
    _summary_sheet(wb, summary_ws, lab, summary_cols, rows)
    _checks_sheet(checks_ws, lab, check_cols, facts, rows, entries)
    if has_portfolio(cluster, session=session):
        projects_sheet(wb, lab, cluster, year, facts.summary.locked, session=session)

    name = cluster.name
    document.describe(
        wb,
        title=lab.text("annual_title", cluster=name, year=year),
        subject=lab.text("subject_annual", year=year),
        keywords=[document.PROGRAM, name, str(year), facts.rules.id],
        lang=lang,
    )
    document.record_checksum(wb, state, name, year, facts.chain)
    return checksum, entries


def write_annual(
    session: Session,
    cluster: Cluster,
    year: int,
    output: Path,
    *,
    lang: str = "nl",
    force: bool = False,
) -> Written:
    """Write the annual workbook of ``cluster`` for ``year`` to ``output``.

    Raises:
        InputError: the year is outside the program, the language unknown, or the output
            path unusable.
        ConflictError: the output exists and ``force`` is not given.
    """
    lab = labels(lang)
    origin = write.origin(session)
    write.check_output(output, force=force, origin=origin)
    facts = annual_facts(cluster, year, session=session)
    state = start_hash(cluster, facts.rules, session=session, year=year, histories=facts.histories)

    with write.building(output):
        wb = write.new_book()
        try:
            checksum, entries = _build(wb, lab, facts, state, session, lang)
        except BaseException:
            write.discard(wb)
            raise
        write.save(wb, output, stamp=facts.stamp, force=force, origin=origin)
    return Written(output, checksum, entries)
