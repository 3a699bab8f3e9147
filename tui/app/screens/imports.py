"""Import: choose a file, see the dry run with each row's problems, commit, or undo a batch.

All the work is the importers' (:mod:`importers.batches`): reading, mapping, checking
and landing the rows in one transaction. It runs in a worker thread with a progress
bar, so the screen stays responsive on a file of tens of thousands of rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
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
)
from textual.worker import get_current_worker

from ledger import imports
from ledger.errors import LedgerError
from ledger.text import clean_text
from tui.app.screens.base import LedgerScreen
from tui.app.screens.file_picker import FilePicker
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.widgets import validators

if TYPE_CHECKING:  # the importers load the spreadsheet readers: only when this screen works
    from importers.batches import Outcome, Request

WHATS = ("members", "contributions", "costs")
MAX_PROBLEMS = 1000  # shown in the table; the command line's --errors-out writes them all


class ImportScreen(LedgerScreen):
    """Spreadsheets in, for the cluster in view."""

    DEFAULT_CSS = """
    ImportScreen #import-form { height: auto; padding: 0 1; }
    ImportScreen #import-form Input { width: 1fr; }
    ImportScreen #import-form #import-year { width: 14; }
    ImportScreen #import-form Select { width: 22; }
    ImportScreen #import-buttons { height: auto; padding: 0 1; }
    ImportScreen #import-buttons Button { margin-right: 1; }
    ImportScreen #import-progress { padding: 0 1; }
    ImportScreen .section-title { padding: 0 1; }
    ImportScreen Checkbox { margin-left: 2; }
    ImportScreen #outcome { height: auto; padding: 0 1; }
    ImportScreen #tables { height: 1fr; }
    ImportScreen.-wide #tables { layout: horizontal; }
    ImportScreen #tables > Vertical { height: 1fr; }
    ImportScreen DataTable { height: 1fr; }
    """
    AUTO_FOCUS = "#batches"
    KEYS = (
        ("f5", "browse", "choose-file"),
        ("f2", "preview", "preview"),
        ("f3", "commit", "commit"),
        ("f4", "undo", "undo-batch"),
    )

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Horizontal(id="import-form"):
            yield Input(placeholder=t("import-file"), id="import-path", compact=True)
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
        with Horizontal(id="import-buttons"):
            yield Button(t("choose-file"), id="browse", compact=True)
            yield Button(t("preview"), id="preview", compact=True)
            yield Button(t("commit"), id="commit", variant="primary", compact=True)
            yield Checkbox(t("skip-invalid"), id="skip-invalid", compact=True)
        yield ProgressBar(total=1, show_eta=False, id="import-progress")
        yield Static("", id="outcome")
        with Vertical(id="tables"):
            with Vertical():
                yield Static(t("problems"), classes="section-title")
                problems: DataTable[str] = DataTable(id="problems", cursor_type="row")
                problems.add_columns(t("where"), t("problem"))
                yield problems
            with Vertical():
                yield Static(t("batches"), classes="section-title")
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
        t = self.labels
        table = self.query_one("#batches", DataTable)
        table.clear()
        for r in reversed(rows):
            b = r.batch
            if b.undoes_id:
                state = t("undoes", id=b.undoes_id)
            else:
                state = t("undone-by", id=r.undone_by) if r.undone_by else ""
            table.add_row(
                str(b.id),
                b.at.strftime("%Y-%m-%d %H:%M"),
                t.word(b.what),
                b.file_name,
                str(b.year or ""),
                str(b.row_count),
                state,
                key=str(b.id),
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "browse":
            self.action_browse()
        elif event.button.id == "preview":
            self.action_preview()
        elif event.button.id == "commit":
            self.action_commit()

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
            self.notify(self.labels("import-file"), severity="warning")
            return None
        result = year_input.validate(year_input.value)
        if result is not None and not result.is_valid:
            self.notify("; ".join(result.failure_descriptions), severity="error")
            return None
        what = self.query_one("#import-what", Select).value
        year = year_input.value.strip()
        return Request(
            Path(path).expanduser(),
            name,
            what=None if what is Select.NULL else str(what),
            year=int(year) if year else None,
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
        except LedgerError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_failure, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_outcome, outcome)

    def show_failure(self, error: LedgerError) -> None:
        self.query_one("#outcome", Static).update(str(error))
        self.query_one("#problems", DataTable).clear()
        self.ledger_app.report(error)

    def show_outcome(self, outcome: Outcome) -> None:
        t = self.labels
        table = outcome.table
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=1, progress=1)
        problems = self.query_one("#problems", DataTable)
        problems.clear()
        if outcome.already is not None:
            self.query_one("#outcome", Static).update(
                t("already-imported", where=table.where(), batch=outcome.already)
            )
            return
        assert outcome.plan is not None
        plan = outcome.plan
        counts = " · ".join(f"{n} {t('status-' + s)}" for s, n in plan.counts().items())
        year = f", {t('year').lower()} {table.year}" if table.year else ""
        lines = [
            f"{table.where()}: {t('what-' + table.what)}, {len(table.rows)} {t('rows-word')}{year}"
        ]
        lines.append(counts)
        lines += table.notes
        for problem in plan.problems[:MAX_PROBLEMS]:
            problems.add_row(problem.where(table), problem.error.message)
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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a problem shows it whole, however narrow the terminal."""
        if event.data_table.id == "problems":
            where, problem = event.data_table.get_row(event.row_key)
            self.notify(problem, title=where, severity="warning", timeout=15)

    def action_undo(self) -> None:
        table = self.query_one("#batches", DataTable)
        if not table.row_count:
            self.notify(self.labels("select-row"), severity="warning")
            return
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
        except LedgerError as exc:
            self.app.call_from_thread(self.ledger_app.report, exc)
            return
        message = self.labels("undone", batch=batch_id, undo=done.id, rows=done.row_count)
        self.app.call_from_thread(self.done, message)
