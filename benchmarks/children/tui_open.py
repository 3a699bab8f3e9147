"""The terminal app opened headless on a ledger until one screen shows its data, then exit.

It exists to time what a coordinator waits for: from launch to the first full dashboard,
or on to the contributions table of a year. Usage::

    python tui_open.py DB CLUSTER YEAR SCREEN        # SCREEN: dashboard or contributions

The app itself knows nothing of this: every screen posts a ``DataShown`` message once its
data is on it, and the subclass here listens for the one it waits for.

Prints one JSON line: seconds spent importing, and in the app until the screen was ready.
"""

import json
import sys
import time

start = time.perf_counter()
from tui.app import ClusterLedgerApp, make_app  # noqa: E402  (the import is part of what is timed)
from tui.app.screens.base import DataShown  # noqa: E402

imported = time.perf_counter()
db, name, year, screen = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


class Timed(ClusterLedgerApp):
    """The app, leaving as soon as ``screen`` shows its data."""

    def on_data_shown(self, message: DataShown) -> None:
        if message.screen == screen:
            self.exit()
        elif screen == "contributions" and message.screen == "dashboard":
            self.switch_mode("contributions")


made = make_app(db, language="en", cluster=name, year=year, poll=None)
app = Timed(
    made.ledger, language="en", now=made.now, zone=made.zone, cluster=name, year=year, poll=None
)
app.run(headless=True, size=(160, 48))
done = time.perf_counter()
if app.return_code not in (0, None):
    sys.exit(f"the app ended with {app.return_code}")
print(json.dumps({"import": imported - start, "app": done - imported, "year": app.year}))
