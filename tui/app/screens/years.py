"""Years: which program years are locked; lock one, or reopen it with a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header

from ledger import operations, views
from ledger.views import YearState
from tui.app.screens.base import TableScreen
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets.paged_table import PagedTable


class YearsScreen(TableScreen):
    """The cluster's program years and their lock state."""

    KEYS = (("l", "lock", "lock"), ("o", "reopen", "reopen"))

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        yield PagedTable(
            [t(k) for k in ("year", "program-year-short", "state", "reason", "when", "by")]
        )
        yield Footer()

    def reload(self) -> None:
        self.fetch_cluster(
            lambda session, cluster: views.year_states(cluster, session=session), self.show
        )

    def show(self, states: list[YearState]) -> None:
        t = self.labels
        rows = [
            (
                str(s.year),
                (
                    str(s.year),
                    str(s.program_year),
                    t("locked") if s.locked else t("open"),
                    s.reason or "",
                    s.changed_at.strftime("%Y-%m-%d %H:%M") if s.changed_at else "",
                    s.changed_by or "",
                ),
            )
            for s in states
        ]
        self.pager.show(rows, len(rows), "")
        years = [s.year for s in states]
        if self.ledger_app.year in years:
            self.pager.table.move_cursor(row=years.index(self.ledger_app.year))

    def _selected(self) -> int | None:
        key = self.pager.selected_key()
        if key is None:
            self.notify(self.labels("select-row"), severity="warning")
            return None
        return int(key)

    def action_lock(self) -> None:
        year = self._selected()
        if year is None:
            return
        done = self.try_write(lambda tx: operations.lock_year(tx, self.cluster_in(tx), year=year))
        if done is not None:
            self.notify(self.labels("locked-year", year=year))
            self.reload()

    def action_reopen(self) -> None:
        year = self._selected()
        if year is None:
            return
        t = self.labels

        def submit(values: Values) -> str:
            self.write(
                lambda tx: operations.reopen_year(
                    tx, self.cluster_in(tx), year=year, reason=values["reason"]
                )
            )
            return t("reopened-year", year=year)

        form = FormScreen(t, t("reopen-title", year=year), [Field("reason", t("reason"))], submit)
        self.app.push_screen(form, self.done)
