"""The ledger's schema migrations (Alembic), the only way its schema is created or changed.

``HEAD_REVISION`` names the newest migration, so opening a ledger can check its schema
without loading Alembic; a test keeps it equal to Alembic's own head.
"""

HEAD_REVISION = "0009"
