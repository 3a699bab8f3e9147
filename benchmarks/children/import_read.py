"""The reading layer alone: ``importers.reading.read_workbook`` on one file, in a fresh process.

Usage::

    python import_read.py FILE

Prints one JSON line: the time of the call and the number of rows and cells read.
"""

import json
import sys
import time

from importers.reading import read_workbook

started = time.perf_counter()
book = read_workbook(sys.argv[1])
seconds = time.perf_counter() - started
rows = sum(len(sheet.rows) for sheet in book.sheets)
cells = sum(len(row) for sheet in book.sheets for row in sheet.rows)
print(json.dumps({"times": [seconds], "rows": rows, "cells": cells, "format": book.format}))
