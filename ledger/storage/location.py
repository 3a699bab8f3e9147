"""Where the ledger lives when the user does not say: the platform's user data directory.

``CLUSTER_LEDGER_HOME`` moves it (tests and portable installs use that).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cluster-ledger"


def data_dir() -> Path:
    """The folder for the default database and the user's own rule sets."""
    override = os.environ.get("CLUSTER_LEDGER_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "ledger.sqlite"
