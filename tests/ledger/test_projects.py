"""The project portfolio on a real database (SQLite, and PostgreSQL when one is given):
each write lands with its audit event and history, each refusal names what is wrong and
leaves the ledger as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlmodel import select

from ledger import operations as ops
from ledger import projects
from ledger.errors import ConflictError, InputError, LockedYearError, NotFoundError
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.rules import SHIPPED_DIR, user_rules_dir
from ledger.session import Ledger
from ledger.storage.project_tables import (
    Project,
    ProjectPartner,
    ProjectStatusChange,
    ProjectTheme,
)
from ledger.storage.tables import AuditEvent, Cluster

ALFA, BETA, GAMMA = "0403170701", "0123456749", "1000000021"
TODAY = date(2026, 6, 1)
S, R = ProjectStatus, PartnerRole


def counts(ledger: Ledger) -> dict[str, int]:
    """How many rows the portfolio and the audit trail hold: a refusal changes none."""
    with ledger.read() as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Project, ProjectPartner, ProjectStatusChange, ProjectTheme, AuditEvent)
        }


@pytest.fixture
def flux(ledger: Ledger) -> Iterator[Ledger]:
    """A spearhead cluster with two members, a theme, and a project submitted in 2025."""
    with ledger.write() as tx:
        cluster = ops.add_cluster(
            tx, name="Flux", rule_set_id="spearhead-2020", start_year=2024, kbo=ALFA
        )
        ops.add_member(tx, cluster, kbo=ALFA, name="Alfa NV", postcode="9000")
        ops.add_member(tx, cluster, kbo=BETA, name="Beta BV", postcode="3000")
        ops.add_theme(tx, cluster, name="Smart grids")
        ops.add_project(
            tx,
            cluster,
            type=ProjectType.ICON,
            title="Grid edge",
            acronym="EDGE",
            theme="Smart grids",
            budget=Decimal("100000"),
            aid_requested=Decimal("50000"),
            submitted=date(2025, 3, 1),
            today=TODAY,
        )
    yield ledger


def cluster_of(ledger: Ledger, name: str = "Flux") -> Cluster:
    with ledger.read() as session:
        found = session.exec(select(Cluster).where(Cluster.name == name)).one()
    return found


def state(ledger: Ledger, project_id: int = 1):  # type: ignore[no-untyped-def]
    with ledger.read() as session:
        return projects.project_state(
            projects.get_project(project_id, session=session), session=session
        )


def refused(ledger: Ledger, error: type[Exception], words: str, change) -> None:  # type: ignore[no-untyped-def]
    """``change`` is refused with exactly ``words`` and writes nothing."""
    before = counts(ledger)
    with pytest.raises(error) as caught, ledger.write() as tx:
        change(tx)
    assert str(caught.value) == words
    assert counts(ledger) == before


def test_a_project_lands_with_its_first_step_and_audit_event(flux: Ledger) -> None:
    project = state(flux)
    assert (project.status, project.submitted_on, project.version) == (
        S.SUBMITTED,
        date(2025, 3, 1),
        1,
    )
    assert [(s.from_status, s.to_status, s.on_date) for s in project.steps] == [
        (None, S.SUBMITTED, date(2025, 3, 1))
    ]
    with flux.read() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "project.add")).one()
        step = session.exec(select(ProjectStatusChange)).one()
    assert step.set_by_event == event.id and event.entity_id == 1


def test_a_draft_is_dated_the_day_it_was_recorded_and_its_day_binds_nothing(flux: Ledger) -> None:
    with flux.write() as tx:
        draft = ops.add_project(
            tx, cluster_of(flux), type=ProjectType.OO, title="Draft", today=TODAY
        )
    assert state(flux, draft.id or 0).status == S.DRAFT
    with flux.write() as tx:  # submitted before the day it was typed in: fine
        ops.change_status(tx, draft.id or 0, to=S.SUBMITTED, on=date(2026, 2, 1))
    assert state(flux, draft.id or 0).submitted_on == date(2026, 2, 1)


def test_the_road_decision_start_close_and_reopen(flux: Ledger) -> None:
    with flux.write() as tx:
        _, notes = ops.change_status(
            tx, 1, to=S.APPROVED, on=date(2025, 9, 1), aid_granted=Decimal("45000")
        )
    assert notes == []
    with flux.write() as tx:
        ops.change_status(tx, 1, to=S.RUNNING, on=date(2025, 10, 1))
        ops.change_status(tx, 1, to=S.CLOSED, on=date(2026, 5, 31))
    project = state(flux)
    assert (project.status, project.decided_on, project.aid_granted_cents) == (
        S.CLOSED,
        date(2025, 9, 1),
        45_000_00,
    )
    refused(
        flux,
        ConflictError,
        "project 1 (EDGE) is closed and read-only; reopen it with "
        "'project status 1 --to running --date D --reason T' first",
        lambda tx: ops.update_project(tx, 1, budget=Decimal("90000"), today=TODAY),
    )
    refused(
        flux,
        InputError,
        "going back from closed to running corrects the history of project 1 (EDGE): give "
        "the reason; add --reason T",
        lambda tx: ops.change_status(tx, 1, to=S.RUNNING, on=TODAY),
    )
    with flux.write() as tx:
        ops.change_status(tx, 1, to=S.RUNNING, on=TODAY, reason="final report was rejected")
    assert state(flux).status == S.RUNNING


def test_a_status_change_that_skips_back_is_refused(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.change_status(tx, 1, to=S.APPROVED, on=date(2025, 9, 1))
    refused(
        flux,
        InputError,
        "project 1 (EDGE) is approved; going back to draft would skip submitted: a step back "
        "goes to submitted only, with a reason",
        lambda tx: ops.change_status(tx, 1, to=S.DRAFT, on=TODAY, reason="oops"),
    )


def test_a_step_back_undoes_the_decision_and_its_aid(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.change_status(tx, 1, to=S.APPROVED, on=date(2025, 9, 1), aid_granted=Decimal("40000"))
        ops.change_status(tx, 1, to=S.SUBMITTED, on=TODAY, reason="the decision was for EDGE-2")
    project = state(flux)
    assert (project.status, project.decided_on, project.aid_granted_cents) == (
        S.SUBMITTED,
        None,
        None,
    )
    assert project.submitted_on == date(2025, 3, 1)


def test_a_step_that_skips_ahead_is_refused(flux: Ledger) -> None:
    refused(
        flux,
        InputError,
        "project 1 (EDGE) is submitted; it goes to approved, rejected or withdrawn next, not "
        "to running",
        lambda tx: ops.change_status(tx, 1, to=S.RUNNING, on=TODAY),
    )


def test_a_status_dated_before_the_last_change_is_refused(flux: Ledger) -> None:
    refused(
        flux,
        InputError,
        "the date 2025-02-01 is before the last change of project 1 (EDGE) (submitted on "
        "2025-03-01); a status changes on that day or later",
        lambda tx: ops.change_status(tx, 1, to=S.REJECTED, on=date(2025, 2, 1)),
    )


def test_aid_granted_above_requested_needs_force_and_a_reason(flux: Ledger) -> None:
    approve = {"to": S.APPROVED, "on": date(2025, 9, 1), "aid_granted": Decimal("55000")}
    refused(
        flux,
        InputError,
        "the aid granted 55000.00 is more than the aid requested 50000.00 for project 1 "
        "(EDGE); if the decision says so, record it with --force --reason T",
        lambda tx: ops.change_status(tx, 1, **approve),
    )
    refused(
        flux,
        InputError,
        "aid granted above the aid requested is recorded with its reason; add --reason T",
        lambda tx: ops.change_status(tx, 1, **approve, force=True),
    )
    with flux.write() as tx:
        ops.change_status(tx, 1, **approve, force=True, reason="indexed budget in the decision")
    step = state(flux).steps[-1]
    assert (step.aid_granted_cents, step.forced, step.reason) == (
        55_000_00,
        True,
        "indexed budget in the decision",
    )


def test_aid_granted_goes_with_the_approval_only(flux: Ledger) -> None:
    refused(
        flux,
        InputError,
        "the aid granted is recorded with the approval; give --aid-granted with --to approved",
        lambda tx: ops.change_status(
            tx, 1, to=S.REJECTED, on=date(2025, 9, 1), aid_granted=Decimal("1")
        ),
    )


def test_a_project_for_a_cluster_that_is_not_a_spearhead_cluster_is_refused(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_cluster(tx, name="Plastics", rule_set_id="ibn-2026", start_year=2026)
    refused(
        flux,
        InputError,
        "Plastics is under ibn-2026 (innovative business network), which submits no projects: "
        "projects go through a spearhead cluster",
        lambda tx: ops.add_project(
            tx, cluster_of(flux, "Plastics"), type=ProjectType.OO, title="X", today=TODAY
        ),
    )


def test_dates_out_of_order_are_refused(flux: Ledger) -> None:
    refused(
        flux,
        InputError,
        "the end date 2026-01-31 is before the start date 2026-03-01",
        lambda tx: ops.add_project(
            tx,
            cluster_of(flux),
            type=ProjectType.OO,
            title="Backwards",
            starts=date(2026, 3, 1),
            ends=date(2026, 1, 31),
            today=TODAY,
        ),
    )


def test_aid_requested_above_the_budget_is_refused(flux: Ledger) -> None:
    refused(
        flux,
        InputError,
        "the aid requested 120000.00 is more than the project's budget 100000.00",
        lambda tx: ops.update_project(tx, 1, aid_requested=Decimal("120000"), today=TODAY),
    )


def test_partners_members_or_not_and_their_shares(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_partner(
            tx, 1, role=R.COORDINATOR, kbo=ALFA, budget=Decimal("60000"), aid=Decimal("30000")
        )
        ops.add_partner(tx, 1, role=R.PARTNER, name="TNO", country="nl", budget=Decimal("30000"))
        ops.add_partner(tx, 1, role=R.USER_GROUP, kbo=GAMMA, name="Gamma Labs")
    with flux.write() as tx:  # a number named once as a partner is known by that name
        other = ops.add_project(tx, cluster_of(flux), type=ProjectType.OO, title="X", today=TODAY)
        again = ops.add_partner(tx, other.id or 0, role=R.PARTNER, kbo=GAMMA)
    assert again.name == "Gamma Labs"
    with flux.read() as session:
        record = projects.project_record(1, session=session)
    assert [(p.share.name, p.share.country, p.share.role, p.member) for p in record.partners] == [
        ("Alfa NV", "BE", R.COORDINATOR, True),
        ("TNO", "NL", R.PARTNER, False),
        ("Gamma Labs", "BE", R.USER_GROUP, False),
    ]
    assert [n.text() for n in record.notes] == [
        "the partners' budgets add up to 90000.00 of the 100000.00 of project 1 (EDGE)",
        "the partners' aid adds up to 30000.00 of the aid requested 50000.00 of project 1 (EDGE)",
    ]


def test_partner_shares_above_the_total_are_refused(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_partner(tx, 1, role=R.COORDINATOR, kbo=ALFA, budget=Decimal("60000"))
    refused(
        flux,
        InputError,
        "the partners' budgets would add up to 100000.01, more than the budget of project 1 "
        "(EDGE), 100000.00",
        lambda tx: ops.add_partner(tx, 1, role=R.PARTNER, kbo=BETA, budget=Decimal("40000.01")),
    )
    refused(
        flux,
        InputError,
        "the partners' aid would add up to 50000.01, more than the aid requested of project 1 "
        "(EDGE), 50000.00",
        lambda tx: ops.add_partner(tx, 1, role=R.PARTNER, kbo=BETA, aid=Decimal("50000.01")),
    )


def test_a_partner_twice_in_the_same_role_is_refused(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_partner(tx, 1, role=R.PARTNER, name="TNO", country="NL")
    refused(
        flux,
        ConflictError,
        "TNO (NL) is already a partner of project 1 (EDGE) (partner 1); change its shares with "
        "'project partner update --project ID --partner 1'",
        lambda tx: ops.add_partner(tx, 1, role=R.PARTNER, name=" tno ", country="nl"),
    )
    with flux.write() as tx:  # the same party in another role is another thing
        ops.add_partner(tx, 1, role=R.SUBCONTRACTOR, name="TNO", country="NL")


def test_one_coordinator_and_user_groups_for_coock_and_icon_only(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_partner(tx, 1, role=R.COORDINATOR, kbo=ALFA)
        oo = ops.add_project(tx, cluster_of(flux), type=ProjectType.OO, title="R&D", today=TODAY)
    refused(
        flux,
        ConflictError,
        "project 1 (EDGE) already has a coordinator, Alfa NV (0403.170.701); a project has one",
        lambda tx: ops.add_partner(tx, 1, role=R.COORDINATOR, kbo=BETA),
    )
    refused(
        flux,
        InputError,
        f"a user group belongs to COOCK and ICON projects; project {oo.id} is oo",
        lambda tx: ops.add_partner(tx, oo.id or 0, role=R.USER_GROUP, kbo=BETA),
    )


@pytest.mark.parametrize(
    ("partner", "words"),
    [
        (
            {"kbo": GAMMA},
            "the ledger does not know 1000.000.021 yet; give the partner's name; add --name T",
        ),
        (
            {"name": "Fraunhofer"},
            "a partner is named by its enterprise number, or (abroad, or without one) by its name "
            "and country; give --kbo N, or --name T --country CC",
        ),
        (
            {"kbo": ALFA, "country": "DE"},
            "0403.170.701 is a Belgian enterprise number, and the country given is DE; leave out "
            "--country, or name a partner abroad by --name and --country",
        ),
        (
            {"name": "X", "country": "Germany"},
            "country 'Germany' is not a two-letter country code; expected an ISO 3166 code such "
            "as BE, NL, DE or FR",
        ),
        (
            {"kbo": ALFA, "budget": Decimal("10"), "aid": Decimal("20")},
            "the aid of Alfa NV (0403.170.701), 20.00, is more than its budget 10.00",
        ),
    ],
)
def test_a_partner_must_be_named_clearly(flux: Ledger, partner: dict, words: str) -> None:
    refused(flux, InputError, words, lambda tx: ops.add_partner(tx, 1, role=R.PARTNER, **partner))


def test_a_locked_year_keeps_what_its_report_shows(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.lock_year(tx, cluster_of(flux), year=2025)
    refused(
        flux,
        LockedYearError,
        "project 1 (EDGE) shows in the annual report of 2025, which is locked for Flux; reopen "
        "2025 with 'year reopen --reason' first",
        lambda tx: ops.update_project(tx, 1, budget=Decimal("90000"), today=TODAY),
    )
    refused(
        flux,
        LockedYearError,
        "2025 of Flux is locked; reopen it with 'year reopen --reason' first",
        lambda tx: ops.change_status(tx, 1, to=S.APPROVED, on=date(2025, 12, 1)),
    )
    with flux.write() as tx:  # a title decides nothing; a decision in 2026 is 2026's
        ops.update_project(tx, 1, title="Grid edge intelligence", today=TODAY)
        ops.change_status(tx, 1, to=S.APPROVED, on=date(2026, 1, 15))
    assert state(flux).title == "Grid edge intelligence"


def test_a_type_the_rule_set_does_not_allow_is_refused(flux: Ledger) -> None:
    folder = user_rules_dir()
    folder.mkdir(parents=True)
    text = (SHIPPED_DIR / "spearhead-2020.toml").read_text(encoding="utf-8")
    (folder / "spearhead-2030.toml").write_text(
        text.replace('id = "spearhead-2020"', 'id = "spearhead-2030"')
        .replace("year = 2020", "year = 2030")
        .replace('["oo", "coock", "csbo", "icon", "cooperative"]', '["icon"]'),
        encoding="utf-8",
    )
    with flux.write() as tx:
        ops.add_cluster(tx, name="Later", rule_set_id="spearhead-2030", start_year=2030)
    refused(
        flux,
        InputError,
        "spearhead-2030 allows icon projects, not csbo",
        lambda tx: ops.add_project(
            tx, cluster_of(flux, "Later"), type=ProjectType.CSBO, title="X", today=TODAY
        ),
    )


def test_a_spearhead_cluster_added_before_project_types_keeps_its_portfolio(
    ledger: Ledger,
) -> None:
    """A cluster added with a rule-set text that did not name project types yet (its copy
    in the ledger lacks the key) still takes the five types of its call."""
    folder = user_rules_dir()
    folder.mkdir(parents=True)
    text = (SHIPPED_DIR / "spearhead-2020.toml").read_text(encoding="utf-8")
    old = "\n".join(line for line in text.splitlines() if not line.startswith("project_types"))
    (folder / "spearhead-2020.toml").write_text(old, encoding="utf-8")
    with ledger.write() as tx:
        cluster = ops.add_cluster(tx, name="Old", rule_set_id="spearhead-2020", start_year=2021)
        project = ops.add_project(tx, cluster, type=ProjectType.CSBO, title="cSBO", today=TODAY)
    assert project.type == "csbo"


def test_themes_are_a_list_per_cluster(flux: Ledger) -> None:
    refused(
        flux,
        ConflictError,
        "Flux already lists the theme 'Smart grids'",
        lambda tx: ops.add_theme(tx, cluster_of(flux), name="Smart grids "),
    )
    with flux.write() as tx:
        project = ops.add_project(
            tx, cluster_of(flux), type=ProjectType.OO, title="X", theme="Hydrogen", today=TODAY
        )
        notes = ops.project_notes(tx, project)
    assert [n.text() for n in notes] == [
        "the theme 'Hydrogen' is not on the list of Flux (Smart grids); add it with 'project "
        "theme add --cluster C --name T' if it belongs there"
    ]


def test_a_form_that_showed_an_older_version_cannot_save_over_a_newer_one(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.update_project(tx, 1, title="First edit", expected_version=1, today=TODAY)
    before = counts(flux)
    words = "you edited version 1, the ledger now holds version 2"
    with pytest.raises(ConflictError, match=words), flux.write() as tx:
        ops.update_project(tx, 1, title="Second edit", expected_version=1, today=TODAY)
    assert counts(flux) == before


def test_an_unknown_project_and_partner_are_named(flux: Ledger) -> None:
    refused(
        flux,
        NotFoundError,
        "project 9 does not exist; see 'project list --cluster C'",
        lambda tx: ops.change_status(tx, 9, to=S.APPROVED, on=TODAY),
    )
    refused(
        flux,
        NotFoundError,
        "project 1 (EDGE) has no partner 4; see 'project show 1'",
        lambda tx: ops.remove_partner(tx, 1, 4, reason="x"),
    )


def test_a_removed_partner_stays_in_the_ledger_but_off_the_project(flux: Ledger) -> None:
    with flux.write() as tx:
        partner = ops.add_partner(tx, 1, role=R.PARTNER, kbo=BETA, budget=Decimal("10"))
    with flux.write() as tx:
        ops.remove_partner(tx, 1, partner.id or 0, reason="added to the wrong project")
    assert state(flux).partners == ()
    with flux.read() as session:
        assert session.get(ProjectPartner, partner.id).removed  # type: ignore[union-attr]
    with flux.write() as tx:  # and it may come back
        ops.add_partner(tx, 1, role=R.PARTNER, kbo=BETA)


def test_a_company_page_lists_its_projects(flux: Ledger) -> None:
    with flux.write() as tx:
        ops.add_partner(tx, 1, role=R.COORDINATOR, kbo=ALFA)
    with flux.read() as session:
        found = projects.company_projects(ALFA, session=session)
    assert [(p.project_id, p.acronym, p.role, p.status) for p in found] == [
        (1, "EDGE", R.COORDINATOR, S.SUBMITTED)
    ]


def test_shares_over_a_cut_grant_come_down_step_by_step(flux: Ledger) -> None:
    """A grant below the partners' aid: each share may come down on its own, and the
    project's other fields stay editable meanwhile; no share may go up."""
    with flux.write() as tx:
        ops.add_partner(tx, 1, role=R.COORDINATOR, kbo=ALFA, aid=Decimal("30000"))
        ops.add_partner(tx, 1, role=R.PARTNER, kbo=BETA, aid=Decimal("20000"))
        ops.change_status(tx, 1, to=S.APPROVED, on=date(2025, 9, 1), aid_granted=Decimal("40000"))
    with flux.write() as tx:
        ops.update_project(tx, 1, title="Grid edge, as granted", today=TODAY)
        ops.update_partner(tx, 1, 1, aid=Decimal("25000"))
    refused(
        flux,
        InputError,
        "the partners' aid would add up to 45000.01, more than the aid granted of project 1 "
        "(EDGE), 40000.00",
        lambda tx: ops.update_partner(tx, 1, 2, aid=Decimal("20000.01")),
    )
    with flux.write() as tx:
        ops.update_partner(tx, 1, 2, aid=Decimal("15000"))
    with flux.read() as session:
        record = projects.project_record(1, session=session)
    assert [n.code for n in record.notes] == ["project.partner_budget_short"]


def test_a_downgrade_would_lose_the_projects_and_is_refused(flux: Ledger) -> None:
    from alembic import command

    from ledger.storage import database

    config = database.alembic_config(flux.engine)
    with pytest.raises(RuntimeError, match="the ledger holds 1 projects, which a version before"):
        command.downgrade(config, "0007")
    assert state(flux).acronym == "EDGE"
    assert database.current_revision(flux.engine) == database.head_revision()
