"""The Textual app for cluster coordinators: screens, widgets, labels and styles.

A sibling of :mod:`tui.cli`: neither imports the other, except that the command line
imports :func:`make_app` to open the app.
"""

from tui.app.app import ClusterLedgerApp, make_app
from tui.app.navigation import NAVIGATION

__all__ = ["NAVIGATION", "ClusterLedgerApp", "make_app"]
