"""The dashboard: one cluster-year's figures, warnings and the call's deadlines.

Every figure comes from the matching engine through :func:`ledger.views.dashboard`;
this screen only lays them out.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, ProgressBar, Select, Static

from ledger import queries, views
from ledger.money import format_eur
from ledger.views import Dashboard, DeadlineLeft
from tui.app.screens.base import LedgerScreen


class DashboardScreen(LedgerScreen):
    """Pick a cluster and a year; see what it earns, how far from the cap, what is due."""

    DEFAULT_CSS = """
    DashboardScreen #panels { height: auto; layout: vertical; }
    DashboardScreen.-wide #panels { layout: horizontal; }
    DashboardScreen.-wide #panels > Vertical { width: 1fr; }
    DashboardScreen #panels > Vertical { height: auto; }
    DashboardScreen ProgressBar { padding: 0 1; width: 100%; }
    DashboardScreen ProgressBar Bar { width: 1fr; max-width: 120; }
    DashboardScreen #ceiling-line { padding: 0 1; height: 1; }
    DashboardScreen #empty { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="toolbar"):
            yield Select[str](
                [], prompt=self.labels("cluster"), id="cluster", allow_blank=True, compact=True
            )
            yield Select[int](
                [], prompt=self.labels("year"), id="year", allow_blank=True, compact=True
            )
        with VerticalScroll(id="body"):
            yield Static("", classes="title-line", id="title")
            yield Static(self.labels("contributions-vs-ceiling"), classes="section section-title")
            yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static("", id="ceiling-line")
            with Horizontal(id="panels"):
                with Vertical():
                    yield Static("", classes="section", id="figures")
                with Vertical():
                    yield Static(self.labels("warnings"), classes="section section-title")
                    yield Static("", classes="section", id="warnings")
                    yield Static(self.labels("deadlines"), classes="section section-title")
                    yield Static("", classes="section", id="deadlines")
        yield Footer()

    def reload(self) -> None:
        app = self.ledger_app
        cluster, year, now = app.cluster_name, app.year, app.now()

        def read(session):  # type: ignore[no-untyped-def]
            clusters = [c.name for c in queries.list_clusters(session=session)]
            if not clusters:
                return clusters, None
            name = cluster if cluster in clusters else clusters[0]
            return clusters, views.dashboard(name, year, session=session, now=now)

        self.fetch(read, self.show)

    def show(self, data: tuple[list[str], Dashboard | None]) -> None:
        clusters, board = data
        if board is None:
            self.query_one("#title", Static).update(self.labels("no-clusters"))
            return
        app = self.ledger_app
        summary = board.summary
        app.cluster_name, app.year = summary.cluster, summary.result.year
        app.sub_title = summary.cluster
        with self.prevent(Select.Changed):
            cluster_select = self.query_one("#cluster", Select)
            cluster_select.set_options((name, name) for name in clusters)
            cluster_select.value = summary.cluster
            year_select = self.query_one("#year", Select)
            year_select.set_options((str(y), y) for y in board.years)
            year_select.value = summary.result.year
        self._figures(board)
        app.ready("dashboard")

    def _figures(self, board: Dashboard) -> None:
        t = self.labels
        r = board.summary.result
        state = t("locked") if board.summary.locked else t("open")
        self.query_one("#title", Static).update(
            f"{board.summary.cluster} · {r.year} · "
            f"{t('program-year', n=r.program_year, max=r.max_years)} · {r.rule_set} · {state}"
        )
        bar = self.query_one(ProgressBar)
        bar.update(
            total=max(r.ceiling_cents, 1),
            progress=min(r.counted_contributions_cents, r.ceiling_cents),
        )
        self.query_one("#ceiling-line", Static).update(
            f"{format_eur(r.counted_contributions_cents)} / {format_eur(r.ceiling_cents)}"
        )
        mandates = str(r.flemish_enterprises_with_mandate)
        if r.min_flemish_enterprises_with_mandate:
            mandates = t(
                "of-required",
                n=r.flemish_enterprises_with_mandate,
                min=r.min_flemish_enterprises_with_mandate,
            )
        deadline_rows = []
        if r.mandate_deadline is not None:
            deadline_rows.append(
                (
                    t("mandates-at-deadline", day=r.mandate_deadline.isoformat()),
                    str(r.flemish_enterprises_with_mandate_at_deadline),
                )
            )
        costs = t("not-recorded") if r.costs_cents is None else format_eur(r.costs_cents)
        table = Table.grid(padding=(0, 2))
        table.add_column()
        table.add_column(justify="right")
        for label, value in (
            ("matched", format_eur(r.matched_aid_cents)),
            ("headroom", format_eur(r.headroom_cents)),
            ("surplus", format_eur(r.surplus_cents)),
            ("counted", format_eur(r.counted_contributions_cents)),
            ("total", format_eur(r.total_contributions_cents)),
            ("ceiling", format_eur(r.ceiling_cents)),
            ("annual-cap", format_eur(r.cap_cents)),
            ("costs", costs),
            ("member-count", str(r.members)),
            ("mandates", mandates),
        ):
            table.add_row(t(label), value)
        for label, value in deadline_rows:
            table.add_row(label, value)
        self.query_one("#figures", Static).update(table)
        warnings = "\n".join(f"! {w.text(t.language)}" for w in r.warnings) or t("no-warnings")
        self.query_one("#warnings", Static).update(warnings)
        lines = [self._deadline(d) for d in board.deadlines] or [t("no-deadlines")]
        self.query_one("#deadlines", Static).update("\n".join(lines))

    def _deadline(self, item: DeadlineLeft) -> str:
        at = item.deadline.at.strftime("%Y-%m-%d %H:%M")
        if item.passed:
            left = self.labels("passed", days=(-item.left).days)
        else:
            left = self.labels("days-left", days=item.left.days, hours=item.left.seconds // 3600)
        return f"{item.deadline.label}: {at} ({left})"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        app = self.ledger_app
        if event.select.id == "cluster" and event.value != app.cluster_name:
            app.cluster_name, app.year = str(event.value), None
            self.reload()
        elif event.select.id == "year" and event.value != app.year:
            app.year = int(event.value)  # type: ignore[arg-type]
            self.reload()
