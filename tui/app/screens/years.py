"""Years: which program years are locked; lock one (after saying what it freezes), or
reopen it with a reason.

A key that cannot do anything for the selected year (lock a locked year, reopen an open
one) says so at once instead of opening a form that would be refused.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from ledger import operations, views
from ledger.lists import Listing
from ledger.money import format_eur, from_cents
from ledger.storage.tables import Cluster
from ledger.views import YearState
from tui.app.formats import eur, when
from tui.app.screens.forms import ConfirmScreen, Field, FormScreen, Values
from tui.app.screens.table import Want, YearTableScreen
from tui.app.widgets.paged_table import Column


class YearsScreen(YearTableScreen[YearState]):
    """The cluster's program years and their lock state."""

    NAME = "years"
    KEYS = (("l", "lock", "lock"), ("o", "reopen", "reopen"))

    def columns(self) -> list[Column[YearState]]:
        t, zone = self.labels, self.ledger_app.zone
        year, state = self.year_columns(state_keep=8)
        return [
            year,
            Column(t("program-year-short"), lambda s: s.program_year, keep=3),
            state,
            Column(t("entries"), lambda s: s.entries, keep=4),
            Column(
                t("net"),
                lambda s: from_cents(s.net_cents),
                text=lambda s: eur(s.net_cents),
                keep=5,
            ),
            Column(t("reason"), lambda s: s.reason, keep=6, flex=True, optional=True),
            Column(t("when"), lambda s: when(s.changed_at, zone), keep=5, optional=True),
            Column(t("by"), lambda s: s.changed_by, keep=2, optional=True),
        ]

    def read(
        self, session: Session, cluster: Cluster, want: Want
    ) -> tuple[Listing[YearState], Any]:
        states = views.year_states(cluster, session=session)
        return want.pick(states, lambda s: f"{s.year} {s.reason or ''} {s.changed_by or ''}"), None

    def cursor_to(self) -> str | None:
        return str(self.ledger_app.year)

    def action_lock(self) -> None:
        state = self.selected()
        if state is None:
            return
        t = self.labels
        if state.locked:
            self.refuse("already-locked", year=state.year)
            return
        lines = [
            t("lock-what", year=state.year, cluster=self.ledger_app.cluster_name),
            t("lock-figures", entries=state.entries, net=format_eur(state.net_cents)),
            t("lock-after"),
        ]

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            done = self.try_write(
                lambda tx: operations.lock_year(tx, self.cluster_in(tx), year=state.year)
            )
            if done is not None:
                self.notify(t("locked-year", year=state.year))
                self.reload()

        title = t("lock-title", year=state.year)
        screen = ConfirmScreen(t, title, lines, t("lock-button", year=state.year), danger=True)
        self.app.push_screen(screen, confirmed)

    def action_reopen(self) -> None:
        state = self.selected()
        if state is None:
            return
        t = self.labels
        if not state.locked:
            self.refuse("not-locked", year=state.year)
            return
        year = state.year

        def submit(values: Values) -> str:
            self.write(
                lambda tx: operations.reopen_year(
                    tx, self.cluster_in(tx), year=year, reason=values["reason"]
                )
            )
            return t("reopened-year", year=year)

        form = FormScreen(
            t,
            t("reopen-title", year=year),
            [Field("reason", t("reason"))],
            submit,
            save=t("reopen-button", year=year),
            lines=[t("reopen-what", year=year, entries=state.entries)],
        )
        self.app.push_screen(form, self.done)
