"""Storage: SQLModel tables, the database connection and the Alembic migrations.

The schema is only ever created or changed by the migrations in ``migrations/``;
the tables here describe it for queries and must match it (a test checks).
"""
