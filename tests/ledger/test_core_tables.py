"""The read paths' Core names (``ledger.storage.core``) hold to the table models.

The models are the one description of the schema (another test holds them to the
migrations); the Core clauses only name columns for reads that skip the models. A column
renamed or retyped in the models must not leave a read querying a stale name or reading
a date as text.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlmodel import SQLModel

import ledger.storage.tables  # noqa: F401  (registers the models on the metadata)
from ledger.storage import core


@pytest.mark.parametrize("clause", core.TABLES, ids=lambda t: t.name)
def test_every_core_column_is_the_models_column(clause) -> None:  # type: ignore[no-untyped-def]
    model = SQLModel.metadata.tables[clause.name]
    for column in clause.columns:
        assert column.name in model.columns, f"{clause.name}.{column.name} is not in the schema"
        stored = model.columns[column.name].type
        assert column.type._type_affinity is stored._type_affinity, f"{clause.name}.{column.name}"


def test_a_summary_reads_without_the_models() -> None:
    """The summary's read path imports neither SQLModel nor the table models: that
    import is most of a short command's start-up."""
    code = (
        "import sys\n"
        "import ledger.summary, ledger.summary_reads, ledger.session\n"
        "print(sorted(m for m in ('sqlmodel', 'ledger.storage.tables') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
