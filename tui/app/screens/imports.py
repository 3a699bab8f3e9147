"""Import: choose a file, see the dry run (problems, columns, rows), commit, or undo a batch.

All the work is the importers' (:mod:`importers.batches`): reading, mapping, checking
and landing the rows in one transaction. It runs in a worker thread with a progress
bar, so the screen stays responsive on a file of tens of thousands of rows. The file
field has the focus when the screen opens, so typing a path types a path (``escape``
leaves it for the letter keys); the preview's tabs fit an 80x24 terminal. ``f7`` filters
the preview's tables (``/`` is a character of a path, so it cannot be the key here).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Footer,
    Header,
    Input,
    ProgressBar,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from ledger import imports
from ledger.errors import ConflictError, LedgerError
from ledger.text import clean_text
from ledger.words import say
from tui.app.screens import import_tables
from tui.app.screens.base import LedgerScreen, refusal
from tui.app.screens.file_picker import FilePicker
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets import validators
from tui.app.widgets.filter_line import FilterLine
from tui.app.widgets.tick import Tick

if TYPE_CHECKING:  # the importers load the spreadsheet readers: only when this screen works
    from importers.batches import Outcome, Request

WHATS = ("members", "contributions", "costs", "projects", "project-partners")


class ImportScreen(LedgerScreen):
    """Spreadsheets in, for the cluster in view."""

    DEFAULT_CSS = """
    ImportScreen .import-line { height: 1; padding: 0 1; }
    ImportScreen #import-path, ImportScreen #import-map { width: 1fr; }
    ImportScreen #import-year { width: 8; }
    ImportScreen #import-what { width: 20; }
    ImportScreen #import-buttons Button { margin-right: 1; min-width: 0; width: auto; }
    ImportScreen #import-progress { padding: 0 1; }
    ImportScreen Checkbox { margin-left: 1; }
    ImportScreen #outcome { height: auto; max-height: 6; padding: 0 1; }
    ImportScreen TabbedContent { height: 1fr; }
    ImportScreen DataTable { height: 1fr; }
    ImportScreen #rows-sum { height: auto; padding: 0 1; }
    """
    AUTO_FOCUS = "#import-path"
    KEYS = (
        ("f5", "browse", "choose-file"),
        ("f2", "preview", "preview"),
        ("f3", "commit", "commit"),
        ("f4", "undo", "undo-batch"),
        ("f7", "filter", "filter-key"),
    )
    # The preview's tables, whose rows the filter picks from.
    TABLES = ("problems", "columns", "rows", "batches")

    def __init__(self) -> None:
        super().__init__()
        self._bindings.bind("f6", "errors_out", self.say("import.errors-out"))
        self._outcome: Outcome | None = None
        self._rows: dict[str, list[import_tables.Cells]] = {name: [] for name in self.TABLES}
        self._keys: dict[str, list[str] | None] = {name: None for name in self.TABLES}
        self._words = ""

    def say(self, code: str, **facts: object) -> str:
        """Words from the catalogue in the app's language."""
        return say(code, self.labels.language, face="app", **facts)

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Horizontal(classes="import-line"):
            yield Input(placeholder=self.say("import.path-box"), id="import-path", compact=True)
            yield Select(
                [(t(f"what-{w}"), w) for w in WHATS],
                prompt=t("what-guess"),
                id="import-what",
                compact=True,
            )
            yield Input(
                placeholder=t("year"),
                id="import-year",
                compact=True,
                validators=[validators.LedgerParser(validators.parse_year, required=False)],
            )
        with Horizontal(classes="import-line"):
            yield Input(placeholder=self.say("import.map-box"), id="import-map", compact=True)
            yield Tick(self.say("import.skip-invalid"), id="skip-invalid", compact=True)
        with Horizontal(classes="import-line", id="import-buttons"):
            yield Button(t("choose-file"), id="browse", compact=True)
            yield Button(t("preview"), id="preview", compact=True)
            yield Button(t("commit"), id="commit", variant="primary", compact=True)
            yield Button(self.say("import.errors-out"), id="errors-out", compact=True)
        yield ProgressBar(total=1, show_eta=False, id="import-progress")
        yield Static("", id="outcome")
        yield FilterLine(t("filter"), id="import-filter")
        with TabbedContent(id="import-tabs"):
            with TabPane(self.say("import.preview-problems"), id="tab-problems"):
                problems: DataTable[str] = DataTable(id="problems", cursor_type="row")
                problems.add_columns(t("where"), t("problem"))
                yield problems
            with TabPane(self.say("import.columns"), id="tab-columns"):
                columns: DataTable[str] = DataTable(id="columns", cursor_type="row")
                columns.add_columns("", self.say("import.header"), self.say("import.field"))
                yield columns
            with TabPane(self.say("import.preview-rows"), id="tab-rows"):
                rows: DataTable[str] = DataTable(id="rows", cursor_type="row")
                rows.add_columns(
                    self.say("import.row"),
                    self.say("import.fate"),
                    self.say("import.key"),
                    self.say("import.amount"),
                )
                yield rows
                yield Static("", id="rows-sum")
            with TabPane(self.say("import.preview-batches"), id="tab-batches"):
                batches: DataTable[str] = DataTable(id="batches", cursor_type="row")
                batches.add_columns(
                    *(t(k) for k in ("batch", "when", "what", "file", "year", "row-count", "state"))
                )
                yield batches
        yield Footer()

    def reload(self) -> None:
        self.fetch_cluster(
            lambda session, cluster: imports.list_batches(cluster, session=session),
            self.show_batches,
        )

    def show_batches(self, rows: list[imports.BatchRow]) -> None:
        cells = import_tables.batch_rows(rows, self.labels, self.ledger_app.zone)
        self._fill("batches", cells, keys=[c[0] for c in cells])

    def _fill(
        self, name: str, rows: list[import_tables.Cells], keys: list[str] | None = None
    ) -> None:
        self._rows[name], self._keys[name] = rows, keys
        self._refill(name)

    def _refill(self, name: str) -> None:
        table = self.query_one(f"#{name}", DataTable)
        import_tables.show(table, self._rows[name], self._words, self._keys[name])

    def action_filter(self) -> None:
        self.query_one(FilterLine).open()

    def on_filter_line_filtered(self, event: FilterLine.Filtered) -> None:
        event.stop()
        self._words = event.words
        for name in self.TABLES:
            self._refill(name)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "browse": self.action_browse,
            "preview": self.action_preview,
            "commit": self.action_commit,
            "errors-out": self.action_errors_out,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def action_browse(self) -> None:
        typed = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        start = typed if typed.is_dir() else typed.parent if typed.parent.is_dir() else Path.cwd()
        self.app.push_screen(FilePicker(self.labels, start.resolve()), self._chosen)

    def _chosen(self, path: Path | None) -> None:
        if path is not None:
            self.query_one("#import-path", Input).value = str(path)
            self.action_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_preview()

    def _request(self, commit: bool) -> Request | None:
        from importers.batches import Request

        name = self.ledger_app.cluster_name
        path = self.query_one("#import-path", Input).value.strip()
        year_input = self.query_one("#import-year", Input)
        if name is None or not path:
            self.notify(self.say("import.path-box"), severity="warning")
            return None
        result = year_input.validate(year_input.value)
        if result is not None and not result.is_valid:
            self.notify("; ".join(result.failure_descriptions), severity="error")
            return None
        what = self.query_one("#import-what", Select).value
        year = year_input.value.strip()
        mapping = [m.strip() for m in self.query_one("#import-map", Input).value.split(";")]
        return Request(
            Path(path).expanduser(),
            name,
            what=None if what is Select.NULL else str(what),
            year=int(year) if year else None,
            mapping=[m for m in mapping if m],
            commit=commit,
            skip_invalid=self.query_one("#skip-invalid", Checkbox).value,
        )

    def action_preview(self) -> None:
        request = self._request(commit=False)
        if request is not None:
            self.run_import(request)

    def action_commit(self) -> None:
        request = self._request(commit=True)
        if request is not None:
            self.run_import(request)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, request: Request) -> None:
        """Read, check and (on commit) land the file, reporting progress as rows are checked."""
        from importers.batches import run_import

        worker = get_current_worker()
        bar = self.query_one("#import-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        try:
            outcome = run_import(self.ledger_app.ledger, request, progress)
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_failure, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_outcome, outcome)

    def show_failure(self, error: LedgerError) -> None:
        self._outcome = None
        shown = error.problem.text(self.labels.language, face="app") if error.problem else None
        text = f"{error.location}: {shown}" if shown and error.location else shown or str(error)
        self.query_one("#outcome", Static).update(text)
        for name in ("problems", "columns", "rows"):
            self._fill(name, [])
        self.query_one("#rows-sum", Static).update("")
        self.notify(text, severity="error", timeout=8)

    def show_outcome(self, outcome: Outcome) -> None:
        from importers.wording import rows_text

        t, language = self.labels, self.labels.language
        table = outcome.table
        self.query_one("#import-progress", ProgressBar).update(total=1, progress=1)
        self._outcome = outcome if outcome.plan is not None else None
        place = f"{table.file_name}: {self.say('import.where.sheet', sheet=table.sheet)}"
        if outcome.already is not None:
            self.query_one("#outcome", Static).update(
                t("already-imported", where=place, batch=outcome.already)
            )
            return
        assert outcome.plan is not None
        plan = outcome.plan
        self._fill("problems", import_tables.problem_rows(plan, language))
        self._fill("columns", import_tables.column_rows(outcome, language))
        rows, total = import_tables.fate_rows(plan, language)
        self._fill("rows", rows)
        self.query_one("#rows-sum", Static).update(total)
        what = t("what-" + table.what).lower()
        year = (
            f", {t('year').lower()} {table.year}"
            if table.year and table.what == "contributions"
            else ""
        )
        lines = [
            self.say("import.summary", where=place, what=what, row=table.header_row) + year,
            " · ".join(f"{n} {t('status-' + s)}" for s, n in plan.counts().items()),
            rows_text(plan, committed=outcome.committed, language=language, face="app"),
        ]
        landing = len(plan.landing())
        if outcome.committed and outcome.batch_id is not None:
            lines.append(t("imported", rows=landing, batch=outcome.batch_id))
            self.notify(lines[-1])
            self.reload()
        elif outcome.committed:
            lines.append(t("nothing-new"))
        elif outcome.blocked(skip_invalid=self.query_one("#skip-invalid", Checkbox).value):
            lines.append(t("import-blocked"))
        else:
            lines.append(t("dry-run", rows=landing))
        self.query_one("#outcome", Static).update("\n".join(lines))
        if plan.problems:
            self.query_one("#import-tabs", TabbedContent).active = "tab-problems"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a problem shows it whole, however narrow the terminal."""
        if event.data_table.id == "problems":
            where, problem = event.data_table.get_row(event.row_key)
            self.notify(problem, title=where, severity="warning", timeout=15)

    def action_errors_out(self) -> None:
        """Write the problem rows, as they are in the file, to a workbook beside it."""
        outcome = self._outcome
        if outcome is None or outcome.plan is None or not outcome.plan.problems:
            self.notify(self.say("import.no-plan"), severity="warning")
            return
        plan = outcome.plan
        source = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        suggested = source.with_name(f"{source.stem}-problems.xlsx")

        def submit(values: Values) -> str:
            from importers.error_report import write_error_report
            from ledger.files import origin_of_engine

            target = Path(values["path"].strip()).expanduser()
            origin = origin_of_engine(self.ledger_app.ledger.engine)
            try:
                written = write_error_report(
                    plan, target, force=values.get("replace") == "yes", origin=origin
                )
            except ConflictError:  # it exists: say how to replace it here, not on a command line
                raise ConflictError(self.say("import.errors-exists", path=target)) from None
            return self.say("import.errors-written", rows=written, path=target)

        title = self.say("import.errors-out-title")
        replace = [(self.say("import.no"), "no"), (self.say("import.yes"), "yes")]
        fields = [
            Field("path", self.say("import.errors-out"), str(suggested)),
            Field("replace", self.say("import.replace"), "no", options=replace),
        ]
        self.app.push_screen(FormScreen(self.labels, title, fields, submit), self.done)

    def action_undo(self) -> None:
        table = self.query_one("#batches", DataTable)
        if not table.row_count:
            self.notify(self.labels("select-row"), severity="warning")
            return
        self.query_one("#import-tabs", TabbedContent).active = "tab-batches"
        batch_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        t = self.labels

        def submit(values: Values) -> str:
            # The ledger's own check of a reason, so a bad one is refused in the form; the
            # undo itself may reverse tens of thousands of entries, so it runs in a worker.
            return clean_text(values["reason"], what="reason", max_length=2000)

        def undo_with(reason: str | None) -> None:
            if reason:
                self.undo_batch(batch_id, reason)

        form = FormScreen(
            t, t("undo-title", batch=batch_id), [Field("reason", t("reason"))], submit
        )
        self.app.push_screen(form, undo_with)

    @work(thread=True, exclusive=True, group="import")
    def undo_batch(self, batch_id: int, reason: str) -> None:
        """Reverse a batch's entries in one transaction, away from the screen's thread."""
        from importers.batches import undo

        try:
            done = undo(self.ledger_app.ledger, batch_id, reason=reason)
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            self.app.call_from_thread(self.ledger_app.report, exc)
            return
        message = self.labels("undone", batch=batch_id, undo=done.id, rows=done.row_count)
        self.app.call_from_thread(self.done, message)
