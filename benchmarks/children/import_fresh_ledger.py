"""A whole ``cluster-ledger`` process on a fresh copy of a prepared ledger.

Each timed import must start from the same ledger, so this child copies the prepared
file into place (a few milliseconds for 500 members) and then replaces itself with
the command line, which the benchmark times to its exit. Usage::

    python import_fresh_ledger.py TEMPLATE DB -- cluster-ledger --db DB import FILE ...
"""

import os
import shutil
import sys

template, db, separator, *command = sys.argv[1:]
assert separator == "--", "usage: TEMPLATE DB -- COMMAND ..."
shutil.copyfile(template, db)
sys.stdout.flush()
os.execv(command[0], command)
