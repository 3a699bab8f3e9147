"""The fastest reader: ``fastexcel`` reading every sheet of one file into Arrow, in a fresh process.

fastexcel runs the same calamine as the importer's reader and builds typed Arrow columns
in Rust; the arrays are exported through the Arrow C data interface
(``__arrow_c_array__``), so no Arrow library is imported and nothing is converted to
Python objects: the least any reader of the file can do. Usage::

    python import_fastexcel.py FILE

Prints one JSON line: the time of the call and the number of rows read.
"""

import json
import sys
import time

import fastexcel

started = time.perf_counter()
reader = fastexcel.read_excel(sys.argv[1])
rows = 0
for name in reader.sheet_names:
    sheet = reader.load_sheet(name)
    sheet.__arrow_c_array__()
    rows += sheet.height
seconds = time.perf_counter() - started
print(json.dumps({"times": [seconds], "rows": rows}))
