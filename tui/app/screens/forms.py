"""Modal forms (a member, a contribution, a reason, a date) and confirmations.

A form checks each field with the ledger's own parsers as the user types, and on
save hands the values to a ``submit`` callback that writes through the ledger's
operations. If the ledger refuses (a ``LedgerError``), the form stays open and says why
in the app's language; on success it closes with the callback's result.

A confirmation shows what an action will do (the company, the amount, the year, the
rows) on a button named for the action, before anything is written.
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
from tui.app.i18n import Labels, refusal
from tui.app.widgets.tick import Tick
from tui.app.widgets.validators import LedgerParser

Values = dict[str, str]

MODAL_CSS = """
    {name} {{ align: center middle; }}
    {name} #form {{
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }}
    {name} .form-title {{ text-style: bold; height: auto; margin-bottom: 1; }}
    {name} .buttons {{ height: auto; align-horizontal: right; margin-top: 1; }}
    {name} Button {{ margin-left: 1; min-width: 10; }}
"""


def optional_day(text: str) -> date | None:
    """A date field's value, where an empty field means no date."""
    return parse_date(text) if text.strip() else None


@dataclass
class Field:
    """One field of a form: an input, a choice when ``options`` are given, or a tick box.

    A choice never offers a blank entry: an optional one lists its "none" as an option.
    """

    name: str
    label: str
    value: str = ""
    validator: Validator | None = None
    options: Sequence[tuple[str, str]] | None = None
    disabled: bool = False
    check: bool = False
    hint: str = ""  # a line under the field from the start (whose number this is)


class FormScreen(ModalScreen[object]):
    """A modal form; Enter or Ctrl+S saves, Escape cancels."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="FormScreen")
        + """
    FormScreen .field { height: 1; }
    FormScreen .field Label { width: 22; }
    FormScreen .field Input, FormScreen .field Select { width: 1fr; }
    FormScreen Tick { margin-left: 22; }
    FormScreen .field-error { color: $error; height: auto; padding-left: 22; display: none; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen .field-hint { color: $text-muted; height: auto; padding-left: 22; display: none; }
    FormScreen .field-hint.-shown { display: block; }
    FormScreen #form-error { color: $error; height: auto; }
    FormScreen .what { height: auto; margin-bottom: 1; }
    """
    )

    def __init__(
        self,
        labels: Labels,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
        *,
        save: str | None = None,
        lines: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.labels = labels
        self.form_title = title
        self.lines = list(lines)
        self.fields = list(fields)
        self.submit = submit
        self.save_label = save or labels("save")
        self._bindings.bind("escape", "cancel", labels("cancel"))
        self._bindings.bind("ctrl+s", "save", self.save_label)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.form_title, classes="form-title", markup=False)
            if self.lines:
                yield Static("\n".join(self.lines), classes="what", markup=False)
            for f in self.fields:
                if f.check:
                    yield Tick(f.label, f.value == "1", id=f.name, compact=True)
                    continue
                with Horizontal(classes="field"):
                    yield Label(f.label)
                    if f.options is not None:
                        yield Select(
                            f.options,
                            value=f.value
                            if f.value in {v for _, v in f.options}
                            else f.options[0][1],
                            id=f.name,
                            compact=True,
                            allow_blank=False,
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
                yield Static("", classes="field-error", id=f"{f.name}-error", markup=False)
                hint = Static(f.hint, classes="field-hint", id=f"{f.name}-hint", markup=False)
                hint.set_class(bool(f.hint), "-shown")
                yield hint
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.save_label, variant="primary", id="save")
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
            elif isinstance(widget, Tick):
                found[f.name] = "1" if widget.value else ""
            else:
                assert isinstance(widget, Input)
                found[f.name] = widget.value
        return found

    def hint(self, name: str, text: str) -> None:
        """Say something under a field as the user types (whose number this is)."""
        widget = self.query_one(f"#{name}-hint", Static)
        widget.update(text)
        widget.set_class(bool(text), "-shown")

    def _show_error(self, name: str, messages: Sequence[str]) -> None:
        validator = next((f.validator for f in self.fields if f.name == name), None)

        def worded(message: str) -> str:
            if message == "required":
                return self.labels("required")
            refusal = validator.refusal(message) if isinstance(validator, LedgerParser) else None
            return self.labels.error(refusal) if refusal is not None else message

        text = "; ".join(worded(m) for m in messages)
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
        except Exception as caught:  # a user's mistake, or the machine's failure
            if (exc := refusal(caught)) is None:
                raise  # a bug
            self.query_one("#form-error", Static).update(self.labels.error(exc))
            return
        self.dismiss(result)


class ConfirmScreen(ModalScreen[bool]):
    """What an action will do, line by line, and a button named for it; Escape cancels."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ConfirmScreen")
        + """
    ConfirmScreen .what { height: auto; }
    """
    )

    def __init__(
        self, labels: Labels, title: str, lines: Sequence[str], action: str, *, danger: bool
    ) -> None:
        super().__init__()
        self.labels = labels
        self.title_text = title
        self.lines = list(lines)
        self.action_label = action
        self.danger = danger
        self._bindings.bind("escape", "cancel", labels("cancel"))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.title_text, classes="form-title", markup=False)
            yield Static("\n".join(self.lines), classes="what", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    self.action_label, variant="error" if self.danger else "primary", id="do"
                )
                yield Button(self.labels("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "do")

    def action_cancel(self) -> None:
        self.dismiss(False)
