from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.snapshot_app import build_demo, demo_app
from tui.app import ClusterLedgerApp

MakeApp = Callable[..., ClusterLedgerApp]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (pilot tests) in a fresh event loop, without a plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def app(demo_template: Path, tmp_path: Path) -> MakeApp:
    """Build the app on a fresh copy of the demo ledger."""

    def make(**kwargs: object) -> ClusterLedgerApp:
        return demo_app(demo_template, tmp_path, **kwargs)  # type: ignore[arg-type]

    return make


async def settle(pilot: Pilot) -> None:
    """Wait until every read the last key started has shown its result."""
    await pilot.pause()
    # The app's own reads and writes; a directory tree's loader runs until it is closed.
    ours = [
        w for w in pilot.app.workers if w.group in ("read", "import", "export", "verify", "watch")
    ]
    if ours:  # an empty list would mean every worker
        await pilot.app.workers.wait_for_complete(ours)
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False  # a blinking cursor would make screenshots differ


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Replace a field's text as a user would: focus it, clear it, type."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)
    await settle(pilot)
