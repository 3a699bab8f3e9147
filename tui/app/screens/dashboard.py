"""The dashboard: one cluster-year's figures, warnings and the call's deadlines; from 120
columns also who has not paid and which Flemish enterprises still have no mandate.

Every figure comes from the matching engine through :func:`ledger.views.dashboard`;
this screen only lays them out. ``n`` adds a cluster (the first one, on a new ledger).
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, ProgressBar, Select, Static

from ledger import identifiers, operations, queries, views
from ledger.dates import parse_year
from ledger.lists import Listing
from ledger.lists.members import MemberRow, reference_date
from ledger.money import format_eur
from ledger.rules import load_rule_sets
from ledger.session import Tx
from ledger.views import Dashboard, DeadlineLeft
from ledger.words import knows
from tui.app.formats import when
from tui.app.screens.base import LedgerScreen
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets import validators


class DashboardScreen(LedgerScreen):
    """Pick a cluster and a year; see what it earns, how far from the cap, what is due."""

    KEYS = (("n", "add_cluster", "add-cluster"),)
    DEFAULT_CSS = """
    DashboardScreen #panels { height: auto; layout: vertical; }
    DashboardScreen.-wide #panels { layout: horizontal; }
    DashboardScreen.-wide #panels > Vertical { width: 1fr; }
    DashboardScreen #panels > Vertical { height: auto; }
    DashboardScreen #lists { display: none; }
    DashboardScreen.-wide #lists { display: block; }
    DashboardScreen ProgressBar { padding: 0 1; width: 100%; }
    DashboardScreen ProgressBar Bar { width: 1fr; max-width: 120; }
    DashboardScreen #ceiling-line { padding: 0 1; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Horizontal(classes="toolbar", id="picks")
        with VerticalScroll(id="body"):
            yield Static("", classes="title-line", id="title", markup=False)
            yield Static(self.labels("contributions-vs-ceiling"), classes="section section-title")
            yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static("", id="ceiling-line")
            with Horizontal(id="panels"):
                with Vertical():
                    yield Static("", classes="section", id="figures")
                with Vertical():
                    yield Static(self.labels("warnings"), classes="section section-title")
                    yield Static("", classes="section", id="warnings", markup=False)
                    yield Static(self.labels("deadlines"), classes="section section-title")
                    yield Static("", classes="section", id="deadlines", markup=False)
                with Vertical(id="lists"):
                    yield Static("", classes="section section-title", id="unpaid-title")
                    yield Static("", classes="section", id="unpaid", markup=False)
                    yield Static("", classes="section section-title", id="missing-title")
                    yield Static("", classes="section", id="missing", markup=False)
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

    def _picks(self, clusters: list[str], board: Dashboard) -> None:
        """The cluster and year pick lists: made once there is something to pick, so they
        never offer a blank entry."""
        summary = board.summary
        picks = self.query_one("#picks", Horizontal)
        with self.prevent(Select.Changed):
            if not picks.children:
                picks.mount(
                    Select(
                        [(n, n) for n in clusters],
                        value=summary.cluster,
                        id="cluster",
                        allow_blank=False,
                        compact=True,
                    ),
                    Select(
                        [(str(y), y) for y in board.years],
                        value=summary.result.year,
                        id="year",
                        allow_blank=False,
                        compact=True,
                    ),
                )
                return
            cluster_select = self.query_one("#cluster", Select)
            cluster_select.set_options((n, n) for n in clusters)
            cluster_select.value = summary.cluster
            year_select = self.query_one("#year", Select)
            year_select.set_options((str(y), y) for y in board.years)
            year_select.value = summary.result.year

    def show(self, data: tuple[list[str], Dashboard | None]) -> None:
        clusters, board = data
        if board is None:
            self.query_one("#title", Static).update(self.labels("no-clusters"))
            self.shown("dashboard")
            return
        app = self.ledger_app
        summary = board.summary
        app.cluster_name, app.year = summary.cluster, summary.result.year
        app.sub_title = summary.cluster
        self._picks(clusters, board)
        self._figures(board)
        self._lists(board)
        self.shown("dashboard")

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

    def _lists(self, board: Dashboard) -> None:
        t, year = self.labels, board.summary.result.year

        def lines(listing: Listing[MemberRow], amount: bool) -> str:
            rows = [
                f"{r.name} ({identifiers.format_number(r.kbo)})"
                + (
                    f"  {format_eur(r.outstanding_cents or 0)}"
                    if amount and r.expected_cents
                    else ""
                )
                for r in listing.rows
            ]
            if listing.total > len(listing.rows):
                rows.append(t("and-more", count=listing.total - len(listing.rows)))
            return "\n".join(rows) or t("nobody")

        unpaid, missing = board.unpaid, board.missing_mandates
        self.query_one("#unpaid-title", Static).update(
            t("unpaid-title", year=year, count=unpaid.total)
        )
        self.query_one("#unpaid", Static).update(lines(unpaid, True))
        at = reference_date(year, self.ledger_app.now().date()).isoformat()
        self.query_one("#missing-title", Static).update(
            t("missing-title", date=at, count=missing.total)
        )
        self.query_one("#missing", Static).update(lines(missing, False))

    def _deadline(self, item: DeadlineLeft) -> str:
        t = self.labels
        at = when(item.deadline.at, self.ledger_app.zone)
        if item.passed:
            left = t("passed", days=(-item.left).days)
        else:
            left = t("days-left", days=item.left.days, hours=item.left.seconds // 3600)
        code = f"value.deadline.{item.deadline.name}"
        label = t.code(code) if knows(code) else item.deadline.label
        return f"{label}: {at} ({left})"

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

    def action_add_cluster(self) -> None:
        t = self.labels
        rule_sets = sorted(load_rule_sets().values(), key=lambda r: r.id)
        year = self.ledger_app.now().year
        fields = [
            Field("name", t("cluster-name")),
            Field(
                "rules", t("rule-set"), rule_sets[0].id, options=[(r.id, r.id) for r in rule_sets]
            ),
            Field("start", t("start-year"), str(year), validators.year()),
            Field("kbo", t("organisation-kbo"), "", validators.enterprise_number(required=False)),
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                cluster = operations.add_cluster(
                    tx,
                    name=values["name"],
                    rule_set_id=values["rules"],
                    start_year=parse_year(values["start"]),
                    kbo=values["kbo"] or None,
                )
                return cluster.name

            name = self.write(change)
            self.ledger_app.cluster_name, self.ledger_app.year = name, None
            return t("cluster-added", name=name)

        self.app.push_screen(FormScreen(t, t("add-cluster"), fields, submit), self.done)
