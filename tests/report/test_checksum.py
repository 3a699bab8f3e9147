"""The checksum's entry lines, built without the JSON encoder, are the encoder's bytes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ledger.report.checksum import _canonical, _flat_line

FIELD = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(),
    st.none(),
    st.dates(),
)
ODD = st.one_of(st.booleans(), st.floats(allow_nan=False), st.datetimes())  # to the encoder


@given(st.lists(FIELD, max_size=13))
def test_an_entry_line_is_the_canonical_encoding(values: list[Any]) -> None:
    assert _flat_line(values) == _canonical(values)


@given(st.lists(FIELD, max_size=6), ODD, st.lists(FIELD, max_size=6))
def test_any_other_value_goes_to_the_encoder(before: list[Any], odd: Any, after: list[Any]) -> None:
    values = [*before, odd, *after]
    assert _flat_line(values) == _canonical(values)


def test_texts_and_days_as_the_encoder_writes_them() -> None:
    values = [1, 'a "quoted" \\ note\n\t\x07 é 🙂', None, date(2026, 3, 1), True]
    assert _flat_line(values) == _canonical(values)
    assert _flat_line([datetime(2026, 3, 1, 12, 0)]) == b'["2026-03-01T12:00:00"]\n'
