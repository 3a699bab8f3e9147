"""The ledger's checks: pure functions from a snapshot and an input to problems.

Each check takes plain values (a :mod:`ledger.snapshot` of the cluster or company, and
what the user asks to record) and returns a list of :class:`~ledger.problems.Problem`,
empty when all is well. Nothing here reads or writes the database, so the command
line, the app and the importers run the very same checks (an import runs them on a
read snapshot for its dry run, and again under the write lock for its commit), and
they can be tested exhaustively without one.

One module per entity: :mod:`.years`, :mod:`.amounts`, :mod:`.clusters`,
:mod:`.companies`, :mod:`.memberships`, :mod:`.mandates`, :mod:`.contributions`,
:mod:`.costs`; :mod:`.effects` holds the rule every dated change obeys: it may not move
the figures of a locked year.
"""
