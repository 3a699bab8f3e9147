"""Many entries checked at once give exactly what checking them one by one gives.

``check_entries`` first asks whether any entry can have a problem, on each column's
distinct values; only then does it walk the entries one by one. These tests draw
batches with every kind of problem (a zero, negative or too large amount, a total past
the bound, a stranger, a year before the start, past the last or locked, a note too
long or with control characters) mixed among good entries, and hold the quick answer to
the walk's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.checks import contributions
from ledger.checks.contributions import NewContribution, check_entries
from ledger.money import CLUSTER_TOTAL_BOUND_CENTS, MAX_CENTS
from tests.ledger.test_checks import cluster

MEMBERS = {"0403170701": 7, "0202239951": 8}

entries = st.builds(
    NewContribution,
    st.sampled_from([*MEMBERS, "0477472701"]),
    st.sampled_from([2025, 2026, 2027, 2028, 9999]),
    st.one_of(st.integers(1, 10**7), st.sampled_from([0, -5, MAX_CENTS, MAX_CENTS + 1])),
    st.none(),
    st.one_of(st.none(), st.sampled_from(["bank", "x" * 2001, "a\x00b", "  "])),
)


def walked(*args: object) -> list:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(contributions, "_all_pass", lambda *_: False)
        return check_entries(*args)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(entries, max_size=12),
    st.sampled_from([0, CLUSTER_TOTAL_BOUND_CENTS - 10**7, CLUSTER_TOTAL_BOUND_CENTS]),
    st.sampled_from([(), (2027,)]),
)
def test_the_quick_answer_is_the_walk_s(batch: list, total: int, locked: tuple) -> None:
    years = cluster(*locked)
    found = check_entries(years, MEMBERS, batch, total)
    assert found == walked(years, MEMBERS, batch, total)
    assert contributions._all_pass(years, MEMBERS, batch, total) == (found == [])


def test_a_batch_without_problems_is_not_walked() -> None:
    batch = [NewContribution("0403170701", 2026, 100_00, note="bank")] * 1000
    assert contributions._all_pass(cluster(), MEMBERS, batch, 0)
    assert check_entries(cluster(), MEMBERS, batch) == []
