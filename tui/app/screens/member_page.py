"""A member's page (``enter`` on the Members screen): everything the ledger knows of one
member of the cluster in view.

Its contributions per year with the totals, the corrections and the fee expected; every
entry; the import batches its entries came from; its membership's days and mandates as
they were given, withdrawn or corrected; the company's dated facts, each with who
recorded it and when; and the projects it takes part in, in any spearhead cluster, with
its role. ``/`` filters every section to the lines that hold its words (a year, an
amount, a file, a project), accents and case ignored. The history is the one ``member
show`` prints (:func:`ledger.company_record.company_record`), the money
:mod:`ledger.lists.member`, the projects :func:`ledger.projects.company_projects`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from ledger import identifiers
from ledger.company_record import CompanyRecord, SetBy, company_record
from ledger.lists.member import MemberMoney, member_money
from ledger.money import format_eur, format_plain
from ledger.projects import CompanyProject, company_projects
from tui.app.formats import day, when
from tui.app.screens.base import LedgerScreen
from tui.app.widgets.filter_line import FilterLine, matches


@dataclass(frozen=True)
class Page:
    record: CompanyRecord
    money: MemberMoney
    projects: list[CompanyProject]


class MemberPage(LedgerScreen):
    """One member, whole; ``escape`` goes back to the list."""

    KEYS = (("escape", "back", "back"), ("slash", "filter", "filter-key"))
    # The page scrolls with the arrow keys, and a key the page binds (``/``) is its own,
    # never typed into the filter line it opens.
    AUTO_FOCUS = "#page-body"
    DEFAULT_CSS = """
    MemberPage #page-body { height: 1fr; }
    MemberPage #page-columns { height: auto; layout: vertical; }
    MemberPage.-wide #page-columns { layout: horizontal; }
    MemberPage #page-columns > Vertical { height: auto; }
    MemberPage.-wide #page-columns > Vertical { width: 1fr; }
    MemberPage .section { margin-bottom: 1; }
    """

    def __init__(self, kbo: str) -> None:
        super().__init__()
        self.kbo = kbo
        self._page: Page | None = None
        self._words = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterLine(self.labels("filter"), id="page-filter")
        with VerticalScroll(id="page-body"):
            yield Static("", classes="title-line", id="page-title", markup=False)
            with Horizontal(id="page-columns"):
                with Vertical():
                    yield Static(self.labels("per-year"), classes="section section-title")
                    yield Static("", classes="section", id="page-years")
                    yield Static(self.labels("entries"), classes="section section-title")
                    yield Static("", classes="section", id="page-entries")
                    yield Static(self.labels("batches"), classes="section section-title")
                    yield Static("", classes="section", id="page-batches", markup=False)
                with Vertical():
                    yield Static(self.labels("membership"), classes="section section-title")
                    yield Static("", classes="section", id="page-membership", markup=False)
                    yield Static(self.labels("company-facts"), classes="section section-title")
                    yield Static("", classes="section", id="page-facts", markup=False)
                    yield Static(self.labels("member-projects"), classes="section section-title")
                    yield Static("", classes="section", id="page-projects", markup=False)
        yield Footer()

    def reload(self) -> None:
        kbo, name, year = self.kbo, self.ledger_app.cluster_name, self.ledger_app.year

        def read(session, cluster):  # type: ignore[no-untyped-def]
            record = company_record(kbo, session=session, cluster=name)
            money = member_money(cluster, kbo, session=session, year=year)
            return Page(record, money, company_projects(kbo, session=session))

        self.fetch_cluster(read, self.show)

    def action_back(self) -> None:
        self.dismiss()

    def action_filter(self) -> None:
        self.query_one(FilterLine).open(back=self.query_one("#page-body"))

    def on_filter_line_filtered(self, event: FilterLine.Filtered) -> None:
        event.stop()
        self._words = event.words
        if self._page is not None:
            self._show_page(self._page)

    def _kept(self, lines: list[str]) -> str:
        """The lines that match the filter, or a word that none do."""
        kept = [line for line in lines if matches(self._words, [line])]
        return "\n".join(kept) or (self.labels("no-rows-filtered") if lines else "")

    def _by(self, set_by: SetBy) -> str:
        if set_by.event is None:
            return ""
        at = when(set_by.at, self.ledger_app.zone)
        return self.labels("recorded-by", who=set_by.actor or "?", at=at)

    def show(self, page: Page) -> None:
        self._page = page
        self._show_page(page)
        self.shown("member")

    def _table(self, columns: list[tuple[str, str]], rows: list[list[str]]) -> Table | str:
        """A section's table of the rows that match the filter (``columns``: label key and
        justification), or a word that there are none."""
        kept = [cells for cells in rows if matches(self._words, cells)]
        if not kept:
            return self.labels("no-rows-filtered" if rows else "no-rows")
        table = Table(box=None, padding=(0, 1), show_edge=False)
        for title, justify in columns:
            table.add_column(self.labels(title), justify=justify)  # type: ignore[arg-type]
        for cells in kept:
            table.add_row(*cells[: len(columns)])
        return table

    def _show_page(self, page: Page) -> None:
        t, money, record = self.labels, page.money, page.record
        title = (
            f"{record.name} ({identifiers.format_number(record.kbo)}) · "
            f"{t('net-total', amount=format_eur(money.net_cents))}"
        )
        if money.ogm is not None:
            title += "\n" + t("ogm-line", year=money.ogm[0], ogm=money.ogm[1])
        self.query_one("#page-title", Static).update(title)
        # The fee columns only when a fee is expected in some year.
        with_fees = any(y.expected_cents is not None for y in money.years)
        titles = ["year", "entries", "paid", "reversed-sum", "net"]
        titles += ["expected", "outstanding"] if with_fees else []
        years = []
        for y in money.years:
            cells = [
                str(y.year),
                str(y.entries),
                format_eur(y.paid_cents),
                format_eur(y.reversed_cents) if y.reversed_cents else "",
                format_eur(y.net_cents),
            ]
            if with_fees:
                cells.append("" if y.expected_cents is None else format_eur(y.expected_cents))
                cells.append("" if y.outstanding_cents is None else format_eur(y.outstanding_cents))
            years.append(cells)
        columns = [(c, "left" if c == "year" else "right") for c in titles]
        self.query_one("#page-years", Static).update(self._table(columns, years))
        entries = []
        for r in money.entries:
            e = r.entry
            if e.reverses_id is not None:
                link = t("reverses", id=e.reverses_id)
            else:
                link = t("reversed-by", id=r.reversed_by) if r.reversed_by else ""
            amount = format_eur(e.amount_cents)
            # the plain amount too, so 1250 finds € 1.250,00 (a hidden cell)
            cells = [str(e.id), str(e.year), amount, day(e.paid_on), link]
            entries.append([*cells, format_plain(e.amount_cents)])
        titles = ["id", "year", "amount", "paid-on", "correction"]
        columns = [(c, "right" if c == "amount" else "left") for c in titles]
        self.query_one("#page-entries", Static).update(self._table(columns, entries))
        batches = [
            t(
                "batch-line-one" if b.entries == 1 else "batch-line",
                batch=b.batch,
                file=b.file_name,
                sheet=b.sheet or "",
                at=when(b.at, self.ledger_app.zone),
                entries=b.entries,
            )
            + (f" ({t('undone-by', id=b.undone_by)})" if b.undone_by else "")
            for b in money.batches
        ]
        self.query_one("#page-batches", Static).update(self._kept(batches) or t("typed-in"))
        self.query_one("#page-membership", Static).update(self._kept(self._membership(record)))
        self.query_one("#page-facts", Static).update(self._kept(self._facts(record)))
        projects = self._projects(page.projects)
        self.query_one("#page-projects", Static).update(
            self._kept(projects) or t("member-no-projects")
        )

    def _membership(self, record: CompanyRecord) -> list[str]:
        t = self.labels
        lines: list[str] = []
        for m in record.memberships:
            lines.append(
                t(
                    "member-days",
                    joined=day(m.joined) or t("from-start"),
                    left=day(m.left) or t("now"),
                )
            )
            for e in m.mandates:
                text = t(f"mandate-{e.action}-line", on=e.on.isoformat())
                if e.corrects:
                    text += f" ({t('was', day=e.corrects.isoformat())})"
                if e.reason:
                    text += f": {e.reason}"
                lines.append(f"  {text} · {self._by(e.set_by)}")
            if not m.mandates:
                lines.append(f"  {t('no-mandate')}")
            for p in m.periods:
                span = f"{day(p.joined) or t('from-start')} - {day(p.left) or t('now')}"
                lines.append(f"  {t('days-line', span=span)} · {self._by(p.set_by)}")
        return lines

    def _projects(self, taking_part: list[CompanyProject]) -> list[str]:
        """The projects the company takes part in, in any spearhead cluster, and its role."""
        t = self.labels
        lines = [
            t(
                "member-project-line",
                project=f"{p.project_id} ({p.acronym})" if p.acronym else str(p.project_id),
                title=p.title,
                cluster=p.cluster,
                role=t.code(f"partner_role.{p.role.value}"),
                type=t.code(f"project_type.{p.type.value}"),
                status=t.code(f"project_status.{p.status.value}"),
            )
            for p in taking_part
        ]
        return lines

    def _facts(self, record: CompanyRecord) -> list[str]:
        t = self.labels
        names = {"kind": t("kind"), "postcode": t("postcode"), "region_override": t("region")}
        lines = []
        for f in record.facts:
            value = t.word(f.value) if f.value else t("region-from-postcode")
            span = t("from-day", day=day(f.valid_from) or t("from-start"))
            if f.until:
                span += f" {t('until-day', day=f.until.isoformat())}"
            if not f.in_force:
                span += f" ({t('overtaken')})"
            line = f"{names[f.field]}: {value} · {span} · {self._by(f.set_by)}"
            lines.append(line + (f" · {f.reason}" if f.reason else ""))
        return lines
