"""The obvious alternative: parse a statement file and nothing else, in a fresh process.

Usage::

    python payments_parse.py FILE coda     # febelfin-coda alone
    python payments_parse.py FILE camt     # a bare defusedxml pass over every entry

Prints one JSON line: the time of the parse and the number of movements it saw.
"""

import json
import sys
import time

started = time.perf_counter()
path, kind = sys.argv[1], sys.argv[2]
if kind == "coda":
    from coda import CODA

    parsed = CODA(path)
    count = sum(len(list(s.all_moves)) for s in parsed.statements)
else:
    import defusedxml.ElementTree as SafeET

    root = SafeET.parse(path, forbid_dtd=True).getroot()
    count = 0
    for element in root.iter():
        if element.tag.endswith("}Ntry"):
            count += 1
            for child in element.iter():  # touch what an importer reads
                _ = child.text
seconds = time.perf_counter() - started
print(json.dumps({"times": [seconds], "movements": count}))
