"""Dependencies point one way: tui -> importers -> ledger. Checked on the real imports."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

FORBIDDEN = {
    "ledger": ["importers", "tui", "pandas", "textual", "typer", "openpyxl", "python_calamine"],
    # The annual reports are the one part of the ledger that writes workbooks.
    "ledger.report": ["importers", "tui", "pandas", "textual", "typer", "python_calamine"],
    "importers": ["tui", "textual", "typer"],
}


def modules_of(package: str) -> list[str]:
    module = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        # A subpackage with rules of its own is checked on its own.
        own = [p for p in FORBIDDEN if p.startswith(f"{package}.")]
        if ".migrations" not in info.name and not any(
            info.name == p or info.name.startswith(f"{p}.") for p in own
        ):
            found.append(info.name)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_upwards(package: str) -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {modules_of(package)!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in {FORBIDDEN[package]!r} if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{package} imports {result.stdout.strip()}"
