"""Spreadsheets in: ``import`` (dry run or commit), ``import list`` and ``import undo``."""

from __future__ import annotations

import typer

import_app = typer.Typer(help="Import members, contributions or costs from a spreadsheet.")
