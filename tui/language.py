"""Which language a face speaks: ``--lang`` or, failing that, the system locale.

Shared by the command line and the app, so neither has to import the other to agree
on what ``--lang nl`` means.

>>> detect_language({"LANG": "nl_BE.UTF-8"})
'nl'
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("en", "nl")


def detect_language(environ: dict[str, str] | None = None) -> str:
    """``nl`` when the locale says Dutch (``nl_BE``, ``nl_NL``), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    if environ is None:
        code = locale.getlocale()[0] or ""
        return "nl" if code.lower().startswith("nl") else "en"
    return "en"
