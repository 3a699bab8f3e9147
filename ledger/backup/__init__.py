"""Copies of a ledger: backups, restores and the copy taken before every schema upgrade.

Above :mod:`ledger.storage` (which imports nothing from here): :mod:`ledger.session`
hands :func:`ledger.backup.upgrade.before_migration` to the storage layer as a callable,
and the backups themselves use the session and :mod:`ledger.integrity` to check what
they copy. Nothing is imported here, so importing one module loads only what it needs.
"""
