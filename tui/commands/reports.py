"""Workbooks out: ``export`` writes the annual report or the overview, ``verify-report``
ties a report to the ledger."""

from __future__ import annotations
