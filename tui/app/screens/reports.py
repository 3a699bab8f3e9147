"""Reports: write the annual workbook of a year, or the overview of all years, to a path.

The workbook is the report's business (:mod:`ledger.report`); this screen picks what and
where, writes it in a worker thread, and says where it went.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from ledger import queries, views
from ledger.errors import LedgerError
from tui.app.screens.base import LedgerScreen, refusal
from tui.app.widgets.tick import Tick
from tui.table_file import check_output

if TYPE_CHECKING:  # the report's modules load openpyxl: only when a report is written
    from ledger.report.annual import Written

OVERVIEW = 0  # the year pick list's value for "every year"


def default_name(cluster: str, year: int | None) -> str:
    """A file name from the cluster's name: ``circulaire-kunststoffen-vlaanderen-2024.xlsx``."""
    slug = re.sub(r"[^a-z0-9]+", "-", cluster.lower()).strip("-") or "cluster"
    return f"{slug}-{year if year else 'overview'}.xlsx"


class ReportsScreen(LedgerScreen):
    """Export the cluster in view: a year's report or the overview."""

    DEFAULT_CSS = """
    ReportsScreen #report-form { height: auto; padding: 1 2; }
    ReportsScreen .field { height: 1; margin-bottom: 1; }
    ReportsScreen .field Label { width: 24; }
    ReportsScreen .field Input, ReportsScreen .field Select { width: 1fr; max-width: 80; }
    ReportsScreen #report-path-label { height: 1; }
    ReportsScreen #report-path { width: 1fr; margin-bottom: 1; }
    ReportsScreen #report-result { padding: 0 2; height: auto; }
    """
    AUTO_FOCUS = "#report-year"
    KEYS = (("f2", "export", "export"),)

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Vertical(id="report-form"):
            with Horizontal(classes="field"):
                yield Label(t("report-kind"))
                yield Select[int](
                    [(t("report-overview"), OVERVIEW)],
                    value=OVERVIEW,
                    id="report-year",
                    compact=True,
                    allow_blank=False,
                )
            # The path has a line of its own: a long folder must not hide the file's name.
            yield Label(t("report-path"), id="report-path-label")
            yield Input(id="report-path", compact=True)
            with Horizontal(classes="field"):
                yield Label(t("report-lang"))
                yield Select(
                    [("Nederlands", "nl"), ("English", "en")],
                    value=self.labels.language,
                    id="report-lang",
                    compact=True,
                    allow_blank=False,
                )
            yield Tick(t("overwrite"), id="report-force", compact=True)
            yield Button(t("export"), id="export", variant="primary", compact=True)
        yield Static("", id="report-result")
        yield Footer()

    def reload(self) -> None:
        self.fetch_cluster(
            lambda session, cluster: views.cluster_years(cluster, session=session),
            self.show_years,
        )

    def show_years(self, years: list[int]) -> None:
        t = self.labels
        select = self.query_one("#report-year", Select)
        options = [(f"{t('report-year')} {y}", y) for y in years]
        options.append((t("report-overview"), OVERVIEW))
        with self.prevent(Select.Changed):
            select.set_options(options)
            year = self.ledger_app.year
            select.value = year if year in years else years[-1]
        self._suggest_path()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "report-year":
            self._suggest_path()

    def _suggest_path(self) -> None:
        name = self.ledger_app.cluster_name or ""
        value = self.query_one("#report-year", Select).value
        year = None if value in (OVERVIEW, Select.NULL) else int(value)  # type: ignore[arg-type]
        path = self.query_one("#report-path", Input)
        folder = Path(path.value).expanduser().parent if path.value else Path.cwd()
        path.value = str(folder / default_name(name, year))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()

    def action_export(self) -> None:
        name = self.ledger_app.cluster_name
        if name is None:
            return
        value = self.query_one("#report-year", Select).value
        year = None if value in (OVERVIEW, Select.NULL) else int(value)  # type: ignore[arg-type]
        output = Path(self.query_one("#report-path", Input).value.strip()).expanduser()
        lang = str(self.query_one("#report-lang", Select).value)
        force = self.query_one("#report-force", Tick).value
        try:  # said in the app's words before any work: no option names in them
            check_output(output, force=force, suffixes=(".xlsx",))
        except LedgerError as exc:
            self.show_failure(exc)
            return
        self.write_report(name, year, output, lang, force)

    @work(thread=True, exclusive=True, group="export")
    def write_report(
        self, name: str, year: int | None, output: Path, lang: str, force: bool
    ) -> None:
        from ledger.report.annual import write_annual
        from ledger.report.overview import write_overview

        worker = get_current_worker()
        try:
            with self.ledger_app.ledger.read() as session:
                cluster = queries.get_cluster(name, session=session)
                if year is None:
                    written = write_overview(session, cluster, output, lang=lang, force=force)
                else:
                    written = write_annual(session, cluster, year, output, lang=lang, force=force)
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_failure, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_written, written, year)

    def show_failure(self, error: LedgerError) -> None:
        self.query_one("#report-result", Static).update(self.labels.error(error))
        self.ledger_app.report(error)

    def show_written(self, written: Written, year: int | None) -> None:
        t = self.labels
        what = f"{t('report-year')} {year}" if year else t("report-overview")
        message = t("exported", path=written.path, what=what, entries=written.entries)
        self.query_one("#report-result", Static).update(message)
        self.notify(message, timeout=10)
        self.shown("reports")
