"""Costs: each program year's coordination costs (which bound the aid) and the fees expected
of each kind of member; set them for the selected year.

The list is :func:`ledger.lists.costs.costs`, which ``costs list`` prints too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session

from ledger import fees, operations
from ledger.kinds import MemberKind
from ledger.lists import Listing
from ledger.lists.costs import YearCosts, costs
from ledger.money import format_eur, format_plain, from_cents, parse_amount, to_cents
from ledger.session import Tx
from ledger.storage.tables import Cluster
from tui.app.formats import eur
from tui.app.screens.forms import Field, FormScreen, Values
from tui.app.screens.table import Want, YearTableScreen
from tui.app.widgets import validators
from tui.app.widgets.paged_table import Column


def _fee(row: YearCosts, kind: str) -> Decimal | None:
    return from_cents(row.fees[kind]) if kind in row.fees else None


class CostsScreen(YearTableScreen[YearCosts]):
    """Coordination costs and expected fees, a program year a row."""

    NAME = "costs"
    KEYS = (("e", "costs", "set-costs"), ("f", "fees", "set-kind-fees"))

    def columns(self) -> list[Column[YearCosts]]:
        t = self.labels
        cols: list[Column[YearCosts]] = [
            *self.year_columns(state_keep=5),
            Column(
                t("costs"),
                lambda r: None if r.costs_cents is None else from_cents(r.costs_cents),
                text=lambda r: (
                    eur(r.costs_cents) if r.costs_cents is not None else t("not-recorded")
                ),
                keep=8,
            ),
            Column(
                t("ceiling"),
                lambda r: from_cents(r.ceiling_share_cents),
                text=lambda r: eur(r.ceiling_share_cents),
                keep=7,
            ),
        ]
        for keep, kind in zip((6, 2, 2, 1), MemberKind, strict=True):
            cols.append(
                Column(
                    t("fee-of", kind=t.word(kind.value)),
                    lambda r, k=kind.value: _fee(r, k),
                    text=lambda r, k=kind.value: eur(r.fees.get(k)),
                    keep=keep,
                    optional=keep < 6,
                )
            )
        return cols

    def read(
        self, session: Session, cluster: Cluster, want: Want
    ) -> tuple[Listing[YearCosts], Any]:
        return want.pick(costs(cluster, session=session).rows, lambda r: str(r.year)), None

    def _open_row(self) -> YearCosts | None:
        row = self.selected()
        if row is not None and row.locked:
            self.refuse("year-locked-costs", year=row.year)
            return None
        return row

    def action_costs(self) -> None:
        row = self._open_row()
        if row is None:
            return
        t, year = self.labels, row.year
        value = "" if row.costs_cents is None else format_plain(row.costs_cents)

        def submit(values: Values) -> str:
            amount = parse_amount(values["amount"])
            self.write(
                lambda tx: operations.set_costs(tx, self.cluster_in(tx), year=year, amount=amount)
            )
            return t("costs-set", year=year, amount=format_eur(to_cents(amount)))

        fields = [Field("amount", t("costs"), value, validators.amount())]
        lines = [t("costs-what", year=year)]
        form = FormScreen(t, t("set-costs-title", year=year), fields, submit, lines=lines)
        self.app.push_screen(form, self.done)

    def action_fees(self) -> None:
        row = self._open_row()
        if row is None:
            return
        t, year = self.labels, row.year
        fields = [
            Field(
                k.value,
                t.word(k.value),
                format_plain(row.fees[k.value]) if k.value in row.fees else "",
                validators.amount(required=False),
            )
            for k in MemberKind
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> int:
                cluster = self.cluster_in(tx)
                changed = 0
                for kind in MemberKind:
                    text = values[kind.value].strip()
                    amount = parse_amount(text) if text else None
                    before = row.fees.get(kind.value)
                    after = None if amount is None else to_cents(amount)
                    if before != after:
                        fees.set_fee(tx, cluster, year=year, amount=amount, kind=kind)
                        changed += 1
                return changed

            changed = self.write(change)
            return t("fees-set", year=year, count=changed)

        lines = [t("kind-fees-what", year=year)]
        form = FormScreen(t, t("set-kind-fees-title", year=year), fields, submit, lines=lines)
        self.app.push_screen(form, self.done)
