"""A bank statement as plain values, whatever file it came in (CODA, camt.053, camt.054).

The readers in ``importers.statements`` build these; the ledger checks them
(:mod:`ledger.payments.checks`), matches their movements to members
(:mod:`ledger.payments.matching`) and books them (:mod:`ledger.payments.booking`).
Amounts are integer cents, signed: a credit (money in) is positive, a debit negative.

>>> m = Movement(line="1", booking_date=date(2026, 3, 2), value_date=None, amount_cents=125000)
>>> m.is_credit, m.key_parts()[1]
(True, 125000)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Movement:
    """One movement of a statement: a single amount, or one detail of a bundle.

    Args:
        line: where it is in the file, as the user can find it (CODA ``0003/0000``, camt
            ``Ntry 3``, ``Ntry 3 TxDtls 2``).
        structured_ref: the structured communication's 12 digits as the payer gave them
            (checked later: a bad check digit is kept, never matched).
        bundle: ``"global"`` for a bundled amount whose details follow as movements of
            their own, ``"detail"`` for such a detail, None for a plain movement.
        bundle_count: how many details a global amount announces (None: not said).
    """

    line: str
    booking_date: date
    value_date: date | None
    amount_cents: int
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    counterparty_bic: str | None = None
    counterparty_kbo: str | None = None
    structured_ref: str | None = None
    free_text: str | None = None
    bank_ref: str | None = None
    end_to_end_id: str | None = None
    bundle: str | None = None
    bundle_count: int | None = None
    parent_line: str | None = None

    @property
    def is_credit(self) -> bool:
        return self.amount_cents > 0

    def key_parts(self) -> tuple[str, int, str, str]:
        """What identifies this movement whichever format reported it: the booking date,
        the amount, the counterparty's account and the structured communication.

        CODA and camt.053 of the same day report the same movements with different line
        numbers and bank references, so neither is part of the key; two equal movements
        on one day are told apart by their occurrence (see :func:`movement_keys`).
        """
        return (
            self.booking_date.isoformat(),
            self.amount_cents,
            self.counterparty_iban or "",
            self.structured_ref or "",
        )


@dataclass(frozen=True)
class Statement:
    """One account's statement for a period (usually a day).

    Args:
        format: ``coda``, ``camt.053`` or ``camt.054``.
        number: the statement's number as the bank gives it (CODA's sequence number, camt's
            ``ElctrncSeqNb`` or ``LglSeqNb``, else its ``Id``).
        opening_cents, closing_cents: the booked balances before and after; None where the
            format carries none (camt.054 notifications).
    """

    format: str
    account_iban: str
    currency: str
    number: str
    opening_date: date | None
    closing_date: date
    opening_cents: int | None
    closing_cents: int | None
    movements: tuple[Movement, ...] = field(default_factory=tuple)
    file_line: str | None = None  # where in a multi-statement file it starts

    @property
    def booked(self) -> tuple[Movement, ...]:
        """The movements that move the balance: plain and global ones, not the details."""
        return tuple(m for m in self.movements if m.bundle != "detail")

    def movements_hash(self) -> str:
        """A digest of the movements' keys in order: with the account, the number and the
        dates it identifies a statement (banks reuse numbers across years)."""
        text = "\n".join("|".join(map(str, k)) for k in movement_keys(self.movements))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def identity(self) -> str:
        """The statement's identity in the ledger; the same statement again has the same."""
        parts = [
            self.account_iban,
            self.number,
            self.opening_date.isoformat() if self.opening_date else "",
            self.closing_date.isoformat(),
            self.movements_hash(),
        ]
        return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def movement_keys(movements: tuple[Movement, ...] | list[Movement]) -> list[tuple[object, ...]]:
    """Each movement's key with its occurrence: the second equal payment of a day is
    ``(..., 2)``, so two real payments are never taken for one seen twice.

    A bundle's global amount and its details are keyed apart (``g``, ``d``, ``s``): a
    detail of 100.00 is not the same movement as a plain payment of 100.00.
    """
    seen: dict[tuple[object, ...], int] = {}
    keys: list[tuple[object, ...]] = []
    for movement in movements:
        base = (*movement.key_parts(), (movement.bundle or "single")[0])
        seen[base] = seen.get(base, 0) + 1
        keys.append((*base, seen[base]))
    return keys


def key_text(key: tuple[object, ...]) -> str:
    """A movement key as stored (one text column, indexed)."""
    return "|".join(map(str, key))
