"""Languages: chosen by --lang or the locale, and every screen labelled in both."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ledger.words.app import TEXTS as _LABELS
from tests.tui.conftest import MakeApp, settle
from tui.app import NAVIGATION
from tui.app.i18n import Labels, detect_language
from tui.app.screens.base import LedgerScreen
from tui.cli import app as cli


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], language: str) -> None:
    assert detect_language(environ) == language


def test_every_label_has_both_languages() -> None:
    assert all(set(texts) >= {"en", "nl"} and all(texts.values()) for texts in _LABELS.values())
    assert Labels("nl")("program-year", n=2, max=3) == "Programmajaar 2 van 3"


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_every_screen_opens_in_both_languages(app: MakeApp, language: str) -> None:
    tui = app(language=language)
    async with tui.run_test(size=(80, 24)) as pilot:
        for key, action, _label in NAVIGATION:
            if not action.startswith("switch_mode"):
                continue
            await pilot.press("escape", key)  # out of a text field first (Import opens in one)
            await settle(pilot)
            assert isinstance(tui.screen, LedgerScreen)
            assert action == f"switch_mode('{tui.current_mode}')"


def test_an_unknown_language_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "l.sqlite")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "init"]).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "tui", "--lang", "fr"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "cluster-ledger: error: --lang: 'fr' is not a language; expected nl or en\n"
    )


def test_no_ledger_is_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.sqlite"), "tui"])
    assert result.exit_code == 1
    assert result.stderr.startswith("cluster-ledger: error: no ledger at ")
