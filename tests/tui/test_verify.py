"""The Audit screen's ``v``: the whole ledger's history checked from the app."""

from __future__ import annotations

from tests.ledger.test_integrity import behind_the_ledgers_back
from tests.tui.conftest import MakeApp, settle


async def test_verify_from_the_audit_screen(app: MakeApp) -> None:
    tui = app(year=2025)
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        said = [str(n.message) for n in tui._notifications]
        assert any(
            # the network's 110 entries and the spearhead cluster's 9, each cluster's chains
            m.startswith("The ledger checks out: 119 entries and ") and "in 7 hash chains" in m
            for m in said
        ), said
        behind_the_ledgers_back(tui.ledger, "UPDATE contribution SET amount_cents = 7 WHERE id = 9")
        await pilot.press("v")
        await settle(pilot)
        failed = [n for n in tui._notifications if n.severity == "error"]
        assert failed, [str(n.message) for n in tui._notifications]
        assert "- first broken link: entry 9 (link 9 of the entries of" in str(failed[-1].message)
