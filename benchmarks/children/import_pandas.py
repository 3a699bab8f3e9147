"""The obvious alternative: ``pandas.read_excel`` with one engine, in a fresh process.

Usage::

    python import_pandas.py FILE ENGINE      # ENGINE: calamine or openpyxl

Prints one JSON line: the time of the call and the number of rows read.
"""

import json
import sys
import time

import pandas

started = time.perf_counter()
frame = pandas.read_excel(sys.argv[1], engine=sys.argv[2])
seconds = time.perf_counter() - started
print(json.dumps({"times": [seconds], "rows": len(frame)}))
