"""The app on the demo ledger built from sample_data/, with a fixed clock, for tests.

The same data and the same "now" every time, so screenshots compare byte for byte.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from importers.sample import build_demo_ledger, default_sample_dir
from tui.app import ClusterLedgerApp, make_app

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CLUSTER = "Circulaire Kunststoffen Vlaanderen"


def build_demo(folder: Path) -> Path:
    """A demo ledger in ``folder``, built once and copied for each test that changes it."""
    target = folder / "demo.sqlite"
    if not target.exists():
        ledger, _ = build_demo_ledger(str(target), default_sample_dir())
        ledger.dispose()
    return target


def demo_app(
    template: Path,
    folder: Path,
    *,
    language: str = "en",
    year: int | None = None,
    cluster: str | None = None,
) -> ClusterLedgerApp:
    """The app on a private copy of the demo ledger (on its first cluster, or ``cluster``)."""
    target = folder / "ledger.sqlite"
    shutil.copyfile(template, target)
    # No polling for changes made elsewhere: a test that wants it looks itself.
    return make_app(
        str(target), language=language, now=lambda: NOW, year=year, cluster=cluster, poll=None
    )
