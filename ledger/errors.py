"""Errors a user can cause, and the words the front ends show for them.

Every error the ledger raises for bad input subclasses :class:`LedgerError`, so the
command line and the terminal UI can catch one type, print one line and exit 1,
while anything else is a bug and keeps its traceback.

>>> str(LedgerError("the amount has three decimals", location="contribution --amount"))
'contribution --amount: the amount has three decimals'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ledger.problems import Problem


class LedgerError(Exception):
    """A problem with the user's input or the ledger's state, never a bug.

    Args:
        message: what is wrong, and where useful what to do about it.
        location: where it was found (a file, sheet and row, or an option name).
        problem: the same as data, when a check found it: a face words it in its own
            language from the code and facts rather than showing ``message``.
    """

    def __init__(
        self, message: str, *, location: str | None = None, problem: Problem | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(LedgerError):
    """A value that cannot be read: an amount, a date, an enterprise number, a postcode."""


class NotFoundError(LedgerError):
    """A cluster, member, contribution or rule set that does not exist."""


class ConflictError(LedgerError):
    """A write that contradicts what is already recorded (a duplicate, a second reversal)."""


class LockedYearError(LedgerError):
    """A write into a year that has been locked."""


class RuleSetError(LedgerError):
    """A rule set file that cannot be loaded."""


class DatabaseError(LedgerError):
    """The database cannot be opened, is not a ledger, or was written by a newer version."""
