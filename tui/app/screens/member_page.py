"""A member's page (``enter`` on the Members screen): everything the ledger knows of one
member of the cluster in view.

Its contributions per year with the totals, the corrections and the fee expected; every
entry; the import batches its entries came from; its membership's days and mandates as
they were given, withdrawn or corrected; the company's dated facts, each with who
recorded it and when; and the projects it takes part in, in any spearhead cluster, with
its role. The history is the one ``member show`` prints
(:func:`ledger.company_record.company_record`), the money :mod:`ledger.lists.member`, the
projects :func:`ledger.projects.company_projects`.
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
from ledger.money import format_eur
from ledger.projects import CompanyProject, company_projects
from tui.app.formats import day, when
from tui.app.screens.base import LedgerScreen


@dataclass(frozen=True)
class Page:
    record: CompanyRecord
    money: MemberMoney
    projects: list[CompanyProject]


class MemberPage(LedgerScreen):
    """One member, whole; ``escape`` goes back to the list."""

    KEYS = (("escape", "back", "back"),)
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

    def compose(self) -> ComposeResult:
        yield Header()
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

    def _by(self, set_by: SetBy) -> str:
        if set_by.event is None:
            return ""
        at = when(set_by.at, self.ledger_app.zone)
        return self.labels("recorded-by", who=set_by.actor or "?", at=at)

    def show(self, page: Page) -> None:
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
        years = Table(box=None, padding=(0, 1), show_edge=False)
        for title in titles + (["expected", "outstanding"] if with_fees else []):
            years.add_column(t(title), justify="left" if title == "year" else "right")
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
            years.add_row(*cells)
        self.query_one("#page-years", Static).update(years if money.years else t("no-rows"))
        entries = Table(box=None, padding=(0, 1), show_edge=False)
        for title in ("id", "year", "amount", "paid-on", "correction"):
            entries.add_column(t(title), justify="right" if title == "amount" else "left")
        for r in money.entries:
            e = r.entry
            if e.reverses_id is not None:
                link = t("reverses", id=e.reverses_id)
            else:
                link = t("reversed-by", id=r.reversed_by) if r.reversed_by else ""
            entries.add_row(
                str(e.id), str(e.year), format_eur(e.amount_cents), day(e.paid_on), link
            )
        self.query_one("#page-entries", Static).update(entries if money.entries else t("no-rows"))
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
        self.query_one("#page-batches", Static).update("\n".join(batches) or t("typed-in"))
        self.query_one("#page-membership", Static).update("\n".join(self._membership(record)))
        self.query_one("#page-facts", Static).update("\n".join(self._facts(record)))
        self.query_one("#page-projects", Static).update(self._projects(page.projects))
        self.shown("member")

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

    def _projects(self, taking_part: list[CompanyProject]) -> str:
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
        return "\n".join(lines) or t("member-no-projects")

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
