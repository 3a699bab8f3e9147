"""``python -m tui.cli``: the command line, as the ``cluster-ledger`` script runs it."""

from tui.cli import main

main()
