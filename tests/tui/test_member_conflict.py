"""The app and the command line editing one member from two processes: the app's save over
what its form showed is refused with who changed the member, and the command line's
change stands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import col, select

from ledger import queries
from ledger.session import Ledger
from ledger.storage.tables import AuditEvent, Company
from tests.tui.conftest import MakeApp, settle, type_into
from tui.app.screens.forms import FormScreen
from tui.app.screens.members import MembersScreen


def company_updates(ledger: Ledger, company_id: int) -> list[tuple[str, dict]]:
    """Who changed a company, and to what, oldest first."""
    with ledger.read() as session:
        found = session.exec(
            select(AuditEvent)
            .where(AuditEvent.entity == "company", AuditEvent.entity_id == company_id)
            .where(AuditEvent.action == "company.update")
            .order_by(col(AuditEvent.id))
        ).all()
        return [(e.actor, json.loads(e.details)["after"]) for e in found]


def bert() -> str:
    """Who the audit trail names for a process run with LOGNAME=bert: the user of its uid,
    with the name it gave as a label."""
    import pwd

    real = pwd.getpwuid(os.getuid()).pw_name
    return real if real == "bert" else f"{real} (LOGNAME=bert)"


def cli_update(db: Path, kbo: str, name: str) -> None:
    """``member update`` in a process of its own, as the accountant 'bert'."""
    env = {**os.environ, "LOGNAME": "bert", "USER": "bert"}
    command = [sys.executable, "-m", "tui.cli", "--db", str(db), "member", "update"]
    done = subprocess.run(
        [*command, "--kbo", kbo, "--name", name], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr


async def test_a_save_over_a_member_changed_elsewhere_is_refused(
    app: MakeApp, tmp_path: Path
) -> None:
    tui = app()
    db = tmp_path / "ledger.sqlite"  # the app's private copy of the demo ledger
    async with tui.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")  # the members screen
        await settle(pilot)
        members = tui.screen
        assert isinstance(members, MembersScreen)
        kbo = members.pager.selected_key()
        assert kbo is not None and members.pager.rows[kbo].version == 1
        await pilot.press("e")  # the edit form opens on version 1
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)

        cli_update(db, kbo, "Renamed On The Command Line")

        await type_into(pilot, "#name", "Renamed In The App")
        await pilot.press("ctrl+s")  # save over version 1
        await settle(pilot)
        assert isinstance(tui.screen, FormScreen)  # refused: the form stays open
        error = str(tui.screen.query_one("#form-error").content)
        assert "Renamed On The Command Line" in error and f"was changed by {bert()} (cli@" in error
        assert error.endswith(
            "you edited version 1, the ledger now holds version 2; "
            "reopen the member to see the change, then edit again"
        )
        with tui.ledger.read() as session:
            company = queries.find_company(kbo, session=session)
            assert company is not None and company.id is not None
            assert (company.name, company.version) == ("Renamed On The Command Line", 2)
        assert company_updates(tui.ledger, company.id) == [
            (bert(), {"name": "Renamed On The Command Line"})
        ]

        await pilot.press("escape")  # close the form, find the member again and reopen it
        await settle(pilot)
        assert members.pager.rows[kbo].version == 2  # the table read the member again
        await pilot.press("slash")  # the filter line
        await type_into(pilot, "#filter", "Renamed On")
        await pilot.press("enter")
        await settle(pilot)
        assert members.pager.selected_key() == kbo
        assert members.pager.rows[kbo].name == "Renamed On The Command Line"
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#name", "Renamed In The App")
        await pilot.press("ctrl+s")  # over version 2 now: it lands
        await settle(pilot)
        assert not isinstance(tui.screen, FormScreen)
        with tui.ledger.read() as session:
            stored = session.exec(select(Company).where(Company.kbo == kbo)).one()
        assert (stored.name, stored.version) == ("Renamed In The App", 3)
