"""The status road as plain values: the path the steps leave, the status on a day, the
years a project shows in, and (by property) that the checks keep every history sound."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ledger.checks.project_status import check_status
from ledger.cluster_rules import ClusterRules, RuleCopy
from ledger.portfolio import (
    FORWARD,
    ProjectState,
    Step,
    dated,
    derived,
    path,
    status_on,
    years_shown,
)
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.rules import SHIPPED_DIR, text_hash
from ledger.snapshot import ClusterYears

S = ProjectStatus
_TEXT = (SHIPPED_DIR / "spearhead-2020.toml").read_text(encoding="utf-8")
CLUSTER = ClusterYears(
    1,
    "Flux",
    2020,
    frozenset({2021}),
    ClusterRules((RuleCopy(1, "spearhead-2020", 2020, _TEXT, text_hash(_TEXT)),)),
)


def project(*steps: Step) -> ProjectState:
    status = path(steps)[-1][0]
    submitted, decided, granted = derived(steps)
    return ProjectState(
        1, 1, ProjectType.ICON, "T", "ACRO", None, status, submitted, decided, None, None,
        None, None, granted, 1, tuple(steps),
    )  # fmt: skip


def test_a_step_back_takes_the_last_step_off_the_path() -> None:
    steps = (
        Step(1, None, S.DRAFT, date(2026, 5, 1)),
        Step(2, S.DRAFT, S.SUBMITTED, date(2025, 2, 1)),
        Step(3, S.SUBMITTED, S.APPROVED, date(2025, 6, 1), 10_00),
        Step(4, S.APPROVED, S.SUBMITTED, date(2025, 7, 1), reason="wrong project"),
        Step(5, S.SUBMITTED, S.REJECTED, date(2025, 8, 1)),
    )
    assert [status for status, _ in path(steps)] == [S.DRAFT, S.SUBMITTED, S.REJECTED]
    assert derived(steps) == (date(2025, 2, 1), date(2025, 8, 1), None)
    assert status_on(steps, date(2025, 6, 30)) == S.APPROVED
    assert status_on(steps, date(2025, 1, 31)) == S.DRAFT
    # the first draft's day is the day it was typed in, not a day of the project
    assert dated(steps)[0].id == 2
    assert years_shown(steps, 2026) == {2025}


def test_a_running_project_shows_every_year_it_runs() -> None:
    steps = (
        Step(1, None, S.SUBMITTED, date(2021, 11, 1)),
        Step(2, S.SUBMITTED, S.APPROVED, date(2022, 3, 1)),
        Step(3, S.APPROVED, S.RUNNING, date(2022, 4, 1)),
        Step(4, S.RUNNING, S.CLOSED, date(2025, 3, 31)),
    )
    assert years_shown(steps, 2030) == {2021, 2022, 2023, 2024, 2025}
    assert years_shown(steps[:3], 2026) == {2021, 2022, 2023, 2024, 2025, 2026}


# A walk: from the current status, a wish for a status on a day some days later, with or
# without a reason.
WISHES = st.lists(
    st.tuples(st.sampled_from(list(S)), st.integers(-40, 400), st.booleans()), max_size=25
)


@given(WISHES)
def test_every_history_the_checks_let_through_is_sound(wishes: list) -> None:
    """Whatever is asked in whatever order: the status the steps replay to is the status
    held; their days never go back; a step back only ever undoes the step before it;
    nothing is accepted in a locked year or from a closed project other than a reopening."""
    current = project(Step(1, None, S.DRAFT, date(2020, 1, 1)))
    day = date(2020, 1, 1)
    for to, days, with_reason in wishes:
        when = day + timedelta(days=days)
        reason = "correction" if with_reason else None
        before = path(current.steps)
        problems = check_status(CLUSTER, current, to, when, reason=reason)
        if problems:
            continue
        forward = to in FORWARD[current.status]
        assert forward or (len(before) > 1 and to == before[-2][0] and reason)
        assert when.year not in CLUSTER.locked
        assert current.status != S.CLOSED or to == S.RUNNING
        step = Step(len(current.steps) + 1, current.status, to, when, reason=reason)
        current = project(*current.steps, step)
        assert path(current.steps)[-1][0] == to
        day = when
    days = [s.on_date for s in dated(current.steps)]
    assert days == sorted(days)
    submitted, decided, _ = derived(current.steps)
    assert submitted is None or decided is None or submitted <= decided


def test_a_closed_project_takes_nothing_but_its_reopening() -> None:
    closed = project(
        Step(1, None, S.SUBMITTED, date(2022, 1, 1)),
        Step(2, S.SUBMITTED, S.APPROVED, date(2022, 2, 1)),
        Step(3, S.APPROVED, S.RUNNING, date(2022, 3, 1)),
        Step(4, S.RUNNING, S.CLOSED, date(2023, 3, 1)),
    )
    for to in (S.WITHDRAWN, S.APPROVED, S.DRAFT):
        (problem,) = check_status(CLUSTER, closed, to, date(2024, 1, 1), reason="x")
        assert problem.code == "project.closed"
    assert check_status(CLUSTER, closed, S.RUNNING, date(2024, 1, 1), reason="x") == []
    assert replace(closed, status=S.RUNNING).status == S.RUNNING
