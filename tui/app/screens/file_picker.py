"""A modal to choose a spreadsheet from the file system, for the Import screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static

from tui.app.i18n import Labels

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".fods", ".csv", ".tsv")


class SpreadsheetTree(DirectoryTree):
    """Folders, and only the files the importers read."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in SPREADSHEETS)
        ]


class FilePicker(ModalScreen[Path | None]):
    """Enter on a file chooses it; Escape leaves without one."""

    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker #picker {
        width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    FilePicker .form-title { text-style: bold; height: 1; }
    """

    def __init__(self, labels: Labels, start: Path) -> None:
        super().__init__()
        self.labels = labels
        self.start = start
        self._bindings.bind("escape", "cancel", labels("cancel"))

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(f"{self.labels('choose-file')} ({self.start})", classes="form-title")
            yield SpreadsheetTree(self.start)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
