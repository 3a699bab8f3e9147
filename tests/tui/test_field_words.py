"""A refusal in the Dutch app names its field in Dutch: a field a text speaks of (a check
gives it as its English code, ``mandate``) and the field a check found it in, never as the
ledger's English code."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from ledger.errors import InputError
from ledger.problems import Location, Problem
from ledger.words import say
from tests.tui.conftest import settle, type_into
from tests.tui.snapshot_app import demo_app
from tui.app.i18n import Labels
from tui.app.screens.forms import FormScreen


async def test_the_dutch_mandate_form_names_the_field_in_dutch(
    demo_template: Path, tmp_path: Path
) -> None:
    tui = demo_app(demo_template, tmp_path, language="nl", year=2025)
    async with tui.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("o")  # record a mandate for the first member
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)
        await type_into(pilot, "#date", "1900-01-01")
        await type_into(pilot, "#reason", "tikfout")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)  # refused, and the form says why
        error = str(tui.screen.query_one("#form-error", Static).content)
    assert error.startswith("de datum 1900-01-01 (mandaat) is niet aannemelijk; verwacht ")


def test_a_field_is_worded_in_the_language_of_the_text() -> None:
    facts = {"what": "mandate", "day": "1900-01-01", "first": 2000, "last": 2100}
    # the command line's English is as it was; the Dutch names the field in Dutch
    assert say("date.implausible", "en", **facts) == (
        "the mandate date 1900-01-01 is not plausible; expected 2000-2100"
    )
    assert say("date.implausible", "nl", **facts) == (
        "de datum 1900-01-01 (mandaat) is niet aannemelijk; verwacht 2000-2100"
    )
    # a field the catalogue has no words for is shown as it is
    assert say("date.implausible", "nl", **{**facts, "what": "colour"}).startswith(
        "de datum 1900-01-01 (colour) "
    )


def test_the_field_a_refusal_was_found_in_is_named_in_the_apps_language() -> None:
    negative = Problem(
        "amount.negative", {"what": "amount", "amount": "-5.00"}, Location(field="aid_granted")
    ).error()
    assert Labels("nl").error(negative).startswith("toegekende steun: het bedrag -5.00 is ")
    assert Labels("en").error(negative).startswith("aid granted: the amount -5.00 is negative")
    plain = InputError("x", problem=Problem("text.empty", {"what": "colour"}, Location(field="c")))
    assert Labels("nl").error(plain) == "c: het veld is leeg"
