"""An import's rows get the hashes one link at a time would give them.

``Chains.seal_rows`` seals 100,000 rows at once by putting each row's canonical text
together from its values' texts (each distinct value encoded once) instead of encoding
every row whole. These tests hold it to the definition the stored hashes were made with
(``tests/ledger/test_canonical.py``): rows of awkward values, of mixed types in one
column (``True`` beside ``1``, ``-0.0`` beside ``0.0``), over several chains and chains
that already hold rows.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.integrity.chain import FIELDS, GENESIS, Chains, chain_name
from tests.ledger.test_canonical import reference_link, values

COLUMNS = [f for f in FIELDS["contribution"][1:] if f != "reverses_id"]  # as an import gives
TIPS = {1: (0, GENESIS), 2: (41, "a" * 64), 7: (3, "b" * 64)}


def reference(rows: list[tuple], ends: dict[int, tuple[int, str]]) -> list[tuple]:
    """Each row's place and hash, link by link from its chain's end."""
    ends = dict(ends)
    sealed = []
    at = {name: i for i, name in enumerate(COLUMNS)}
    for row in rows:
        length, tip = ends[row[0]]
        chained = [
            length + 1,
            *(row[at[f]] if f in at else None for f in FIELDS["contribution"][1:]),
        ]
        tip = reference_link(tip, chained)
        ends[row[0]] = (length + 1, tip)
        sealed.append((*row, length + 1, tip))
    return sealed


def sealed_by_chains(rows: list[tuple]) -> list[tuple]:
    chains = Chains(session=None)  # type: ignore[arg-type]  # every chain's end is known
    chains._ends = {chain_name("contribution", key): end for key, end in TIPS.items()}
    columns, sealed = chains.seal_rows("contribution", COLUMNS, rows)
    assert columns == [*COLUMNS, "chain_seq", "chain_hash"]
    return sealed


rows = st.lists(
    st.tuples(st.sampled_from(sorted(TIPS)), *(values for _ in COLUMNS[1:])), max_size=30
)


@settings(max_examples=200, deadline=None)
@given(rows)
def test_a_batch_is_sealed_as_one_link_after_another(batch: list[tuple]) -> None:
    assert sealed_by_chains(batch) == reference(batch, TIPS)


def test_equal_values_of_other_types_keep_their_own_text() -> None:
    batch = [(1, True, 1, 1.0, None, "x", None, None, None, None, None)] * 2 + [
        (1, 1, True, 1, "", None, None, None, None, None, None),
        (1, 0.0, -0.0, False, 0, None, None, None, None, None, None),
        (1, -0.0, 0.0, 0, False, None, None, None, None, None, None),
    ]
    assert sealed_by_chains(batch) == reference(batch, TIPS)
