"""Where the summary's time goes: the work of ``summarise_all.py``, its parts timed.

It exists so the report can say what dominates, and keep saying it as the code changes:
the parts are found, not named. Every query in ``ledger.queries`` that takes a session,
every function ``ledger.summary`` calls by its own name (``_facts``, ``match_year``,
...) and every read of ``ledger.summary_reads`` (where the version has it) is wrapped
with a timer that counts the outermost call only, so nested parts are not counted twice. Usage::

    python summary_breakdown.py DB totals|shares

Prints one JSON line: the total time of the summaries and the seconds of each part.
"""

import inspect
import json
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ledger import queries, state, summary
from ledger.session import Ledger

spent: defaultdict[str, float] = defaultdict(float)
depth = 0


def timed(module: types.ModuleType, name: str, inner: Callable[..., Any]) -> None:
    """Replace ``module.name`` with a wrapper that adds its outermost calls' time to ``spent``."""
    label = module.__name__.rsplit(".", 1)[-1] + "." + name

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global depth
        depth += 1
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            depth -= 1
            if depth == 0:
                spent[label] += time.perf_counter() - t

    setattr(module, name, wrapper)


for name, f in list(vars(queries).items()):
    if (
        isinstance(f, types.FunctionType)
        and f.__module__ == queries.__name__
        and "session" in inspect.signature(f).parameters
    ):
        timed(queries, name, f)
for name, f in list(vars(state).items()):
    if isinstance(f, types.FunctionType) and f.__module__ == state.__name__:
        timed(state, name, f)
try:  # versions that read on SQLAlchemy Core: the reads are the parts
    from ledger import summary_reads
except ImportError:
    summary_reads = None
if summary_reads is not None:
    for name, f in list(vars(summary_reads).items()):
        if isinstance(f, types.FunctionType) and f.__module__ == summary_reads.__name__:
            timed(summary_reads, name, f)
for name, f in list(vars(summary).items()):
    outer = ("cluster_summaries", "every_summary", "every_summary_of", "summaries_of", "as_dict")
    if isinstance(f, types.FunctionType) and f.__module__ == summary.__name__ and name not in outer:
        timed(summary, name, f)

ledger = Ledger.open(sys.argv[1])
options = {} if sys.argv[2] == "shares" else {"with_shares": False}
t = time.perf_counter()
if hasattr(summary, "every_summary_of"):  # one pass, on a plain connection
    with ledger.connect() as connection:
        summary.every_summary_of(connection, with_shares=sys.argv[2] == "shares")
    print(json.dumps({"total_s": time.perf_counter() - t, "parts": spent}))
    sys.exit()
with ledger.read() as session:
    if hasattr(summary, "every_summary"):  # one pass over the whole ledger
        summary.every_summary(session=session, with_shares=sys.argv[2] == "shares")
    else:
        for cluster in queries.list_clusters(session=session):
            summary.cluster_summaries(cluster, session=session, **options)
print(json.dumps({"total_s": time.perf_counter() - t, "parts": spent}))
