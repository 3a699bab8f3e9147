"""The ledger: the domain of cluster co-financing and its storage.

Nothing here imports from ``importers`` or ``tui``; those packages build on this one.
"""
