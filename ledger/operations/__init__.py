"""The ledger's writes. Each takes a :class:`~ledger.session.Tx` and goes: load a small
snapshot of the state, check (:mod:`ledger.checks`, pure), raise the first problem,
write, audit. Nothing is written before every check has passed.

One module per entity; the names are gathered here, so callers write
``operations.record_contribution(...)``.

>>> import tempfile, pathlib
>>> from ledger.session import Ledger
>>> ledger = Ledger.open(pathlib.Path(tempfile.mkdtemp()) / "l.sqlite", create=True)
>>> with ledger.write() as tx:
...     add_cluster(tx, name="Demo", rule_set_id="ibn-2026", start_year=2026).name
'Demo'
"""

from ledger.checks.contributions import NewContribution
from ledger.operations.clusters import add_cluster, adopt_rules, cluster_notes, update_cluster
from ledger.operations.companies import update_company, upsert_company
from ledger.operations.contributions import (
    contribution_problems,
    record_contribution,
    record_contributions,
    reverse_contribution,
)
from ledger.operations.costs import set_costs
from ledger.operations.mandates import correct_mandate, record_mandate, withdraw_mandate
from ledger.operations.memberships import add_member, join, leave, update_membership
from ledger.operations.partners import add_partner, remove_partner, update_partner
from ledger.operations.projects import (
    add_project,
    add_theme,
    change_status,
    project_notes,
    update_project,
)
from ledger.operations.years import lock_year, reopen_year

__all__ = [
    "NewContribution",
    "add_cluster",
    "add_member",
    "add_partner",
    "add_project",
    "add_theme",
    "adopt_rules",
    "change_status",
    "cluster_notes",
    "contribution_problems",
    "correct_mandate",
    "join",
    "leave",
    "lock_year",
    "project_notes",
    "record_contribution",
    "record_contributions",
    "record_mandate",
    "remove_partner",
    "reopen_year",
    "reverse_contribution",
    "set_costs",
    "update_cluster",
    "update_company",
    "update_membership",
    "update_partner",
    "update_project",
    "upsert_company",
    "withdraw_mandate",
]
