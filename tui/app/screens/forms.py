"""Modal forms: a member, a contribution, a reason, a date.

A form checks each field with the ledger's own parsers as the user types, and on
save hands the values to a ``submit`` callback that writes through
``ledger.operations``. If the ledger refuses (a ``LedgerError``), the form stays open
and shows why; on success it closes with the callback's result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Validator
from textual.widgets import Button, Input, Label, Select, Static

from ledger.dates import parse_date
from ledger.errors import LedgerError
from tui.app.i18n import Labels

Values = dict[str, str]


def optional_day(text: str) -> date | None:
    """A date field's value, where an empty field means no date."""
    return parse_date(text) if text.strip() else None


@dataclass
class Field:
    """One field of a form: an input, or a choice when ``options`` are given."""

    name: str
    label: str
    value: str = ""
    validator: Validator | None = None
    options: Sequence[tuple[str, str]] | None = None
    disabled: bool = False


class FormScreen(ModalScreen[object]):
    """A modal form; Enter or Ctrl+S saves, Escape cancels."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen #form {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormScreen .form-title { text-style: bold; height: 1; margin-bottom: 1; }
    FormScreen .field { height: 1; }
    FormScreen .field Label { width: 22; }
    FormScreen .field Input, FormScreen .field Select { width: 1fr; }
    FormScreen .field-error { color: $error; height: auto; padding-left: 22; display: none; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen #form-error { color: $error; height: auto; }
    FormScreen .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormScreen Button { margin-left: 1; min-width: 10; }
    """

    def __init__(
        self,
        labels: Labels,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
    ) -> None:
        super().__init__()
        self.labels = labels
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit
        self._bindings.bind("escape", "cancel", labels("cancel"))
        self._bindings.bind("ctrl+s", "save", labels("save"))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.form_title, classes="form-title")
            for f in self.fields:
                with Horizontal(classes="field"):
                    yield Label(f.label)
                    if f.options is not None:
                        yield Select(
                            f.options,
                            value=f.value if f.value else Select.NULL,
                            id=f.name,
                            compact=True,
                            allow_blank=True,
                            disabled=f.disabled,
                        )
                    else:
                        yield Input(
                            f.value,
                            id=f.name,
                            compact=True,
                            validators=[f.validator] if f.validator else None,
                            validate_on=["changed", "submitted"],
                            disabled=f.disabled,
                        )
                yield Static("", classes="field-error", id=f"{f.name}-error")
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(self.labels("save"), variant="primary", id="save")
                yield Button(self.labels("cancel"), id="cancel")

    def on_mount(self) -> None:
        for widget in self.query("Input, Select"):
            if not widget.disabled:
                widget.focus()
                break

    def values(self) -> Values:
        found: Values = {}
        for f in self.fields:
            widget = self.query_one(f"#{f.name}")
            if isinstance(widget, Select):
                found[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                assert isinstance(widget, Input)
                found[f.name] = widget.value
        return found

    def _show_error(self, name: str, messages: Sequence[str]) -> None:
        text = "; ".join(self.labels("required") if m == "required" else m for m in messages)
        error = self.query_one(f"#{name}-error", Static)
        error.update(text)
        error.set_class(bool(text), "-shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.validation_result is not None:
            self._show_error(event.input.id, event.validation_result.failure_descriptions)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        first_bad: Input | None = None
        for widget in self.query(Input):
            if widget.disabled:
                continue
            result = widget.validate(widget.value)
            if result is not None and not result.is_valid:
                assert widget.id is not None
                self._show_error(widget.id, result.failure_descriptions)
                first_bad = first_bad or widget
        if first_bad is not None:
            first_bad.focus()
            return
        try:
            result = self.submit(self.values())
        except LedgerError as exc:
            self.query_one("#form-error", Static).update(str(exc))
            return
        self.dismiss(result)
