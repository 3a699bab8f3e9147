"""The command line's progress bar: drawn on a terminal for long work only."""

from __future__ import annotations

import io

import pytest

from tui.cli.progress import Progress


class Terminal(io.StringIO):
    """What the bar is written to: a terminal as far as ``isatty`` tells."""

    def isatty(self) -> bool:
        return True


def test_a_long_run_on_a_terminal_draws_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    with Progress("Checking the chains", at_least=100) as progress:
        assert progress is not None
        progress(50, 200)
        progress(200, 200)
    assert "Checking the chains" in screen.getvalue()
    assert "100%" in screen.getvalue()


def test_short_work_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    with Progress("Checking rows", at_least=5000) as progress:
        progress(10, 20)
    assert screen.getvalue() == ""


def test_no_terminal_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with Progress("Checking rows", at_least=1) as progress:
        assert progress is None  # the work then does not report at all
