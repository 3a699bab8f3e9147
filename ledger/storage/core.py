"""The columns the read paths query, named for SQLAlchemy Core without the table models.

Why this exists: building the SQLModel classes of :mod:`ledger.storage.tables` (and
importing SQLModel and pydantic to do it) costs a short command such as ``summary`` more
than the command's own work. A read that needs only columns names them here, as
lightweight ``table()`` clauses: names and column types, nothing else. They describe no
schema (no keys, indexes or constraints): the models stay the one description of the
tables the migrations build, and a test holds every column here to the model's column of
the same name and type, so a renamed or retyped column cannot leave a stale name behind.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Date, Integer, String, column, table

cluster = table(
    "cluster",
    column("id", Integer),
    column("name", String),
    column("rule_set", String),
    column("start_year", Integer),
    column("kbo", String),
)

company = table(
    "company",
    column("id", Integer),
    column("kbo", String),
    column("name", String),
    column("version", Integer),
)

company_fact = table(
    "company_fact",
    column("id", Integer),
    column("company_id", Integer),
    column("field", String),
    column("value", String),
    column("valid_from", Date),
)

membership = table(
    "membership",
    column("id", Integer),
    column("cluster_id", Integer),
    column("company_id", Integer),
    column("joined", Date),
    column("left", Date),
    column("version", Integer),
)

mandate_event = table(
    "mandate_event",
    column("id", Integer),
    column("membership_id", Integer),
    column("cluster_id", Integer),
    column("action", String),
    column("on_date", Date),
    column("corrects_id", Integer),
)

contribution = table(
    "contribution",
    column("id", Integer),
    column("cluster_id", Integer),
    column("company_id", Integer),
    column("year", Integer),
    column("amount_cents", BigInteger),
)

coordination_cost = table(
    "coordination_cost",
    column("cluster_id", Integer),
    column("year", Integer),
    column("amount_cents", BigInteger),
)

year_lock_event = table(
    "year_lock_event",
    column("id", Integer),
    column("cluster_id", Integer),
    column("year", Integer),
    column("locked", Boolean),
)

rule_set_copy = table(
    "rule_set_copy",
    column("id", Integer),
    column("cluster_id", Integer),
    column("rule_set", String),
    column("from_year", Integer),
    column("content", String),
    column("sha256", String),
)

TABLES = (
    cluster,
    company,
    company_fact,
    membership,
    mandate_event,
    contribution,
    coordination_cost,
    year_lock_event,
    rule_set_copy,
)
