"""Members: who is a member, who has not paid, whose mandate is still missing; add, edit,
leave, record a mandate, set the fee a member is expected to pay.

The table reads :func:`ledger.lists.members.members` (the same list ``member list``
prints) for the year in view: the filters, what each member paid that year and the fee
expected of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session
from textual.widgets import Input, Select

from ledger import fees, identifiers, operations, views
from ledger.dates import parse_date
from ledger.kinds import MemberKind
from ledger.lists import Listing
from ledger.lists.members import FILTERS, MemberRow, members
from ledger.money import format_eur, from_cents, parse_amount, to_cents
from ledger.regions import Region
from ledger.session import Tx
from ledger.storage.tables import Cluster
from tui.app.formats import day, eur
from tui.app.i18n import Labels
from tui.app.screens.forms import Field, FormScreen, Values, optional_day
from tui.app.screens.member_page import MemberPage
from tui.app.screens.table import TableScreen, Want
from tui.app.widgets import validators
from tui.app.widgets.paged_table import Column


def _amount(cents: int | None) -> object:
    return None if cents is None else from_cents(cents)


class MembersScreen(TableScreen[MemberRow]):
    """Who is a member of the cluster in view, and the forms that change it."""

    NAME = "members"
    HINT = "enter-hint"  # the table keeps enter for itself, so the footer cannot show it
    KEYS = (
        ("enter", "open_row", "member-page"),
        ("n", "add", "add-member"),
        ("e", "edit", "edit-member"),
        ("l", "leave", "leave"),
        ("o", "mandate", "record-mandate"),
        ("f", "fee", "set-fee"),
    )

    def toolbar(self):  # type: ignore[no-untyped-def]
        t = self.labels
        year = self.ledger_app.year or self.ledger_app.now().year
        yield Select[int](
            [(str(year), year)], value=year, id="year", allow_blank=False, compact=True
        )
        yield Select(
            [(t(f"filter-{name}"), name) for name in FILTERS],
            value="all",
            allow_blank=False,
            id="show",
            compact=True,
        )

    def columns(self) -> list[Column[MemberRow]]:
        t = self.labels
        return [
            Column(t("kbo"), lambda r: identifiers.format_number(r.kbo), keep=6),
            Column(t("name"), lambda r: r.name, keep=9, flex=True, min_width=30),
            Column(t("kind"), lambda r: t.word(r.kind), keep=1),
            Column(t("postcode"), lambda r: r.postcode, keep=2),
            Column(t("region"), lambda r: t.word(r.region), keep=3),
            Column(t("joined"), lambda r: day(r.joined), keep=2, optional=True),
            Column(t("left"), lambda r: day(r.left), keep=2, optional=True),
            Column(t("mandate"), lambda r: day(r.mandate), keep=5, optional=True),
            Column(
                t("paid"), lambda r: _amount(r.paid_cents), text=lambda r: eur(r.paid_cents), keep=7
            ),
            Column(
                t("expected"),
                lambda r: _amount(r.expected_cents),
                text=lambda r: eur(r.expected_cents),
                keep=3,
                optional=True,
            ),
            Column(t("communication"), lambda r: r.communication or "", keep=1, optional=True),
        ]

    def row_key(self, row: MemberRow) -> str:
        return row.kbo

    def params(self) -> Any:
        show = str(self.query_one("#show", Select).value)
        return self.ledger_app.year, self.ledger_app.now().date(), show

    def read(
        self, session: Session, cluster: Cluster, want: Want
    ) -> tuple[Listing[MemberRow], Any]:
        year, today, show = want.params
        years, chosen = views.year_choice(cluster, year, session=session, today=today)
        listing = members(
            cluster,
            session=session,
            year=chosen,
            today=today,
            show=show,
            **want.page,
        )
        return listing, (years, chosen)

    def present(self, extra: Any) -> None:
        years, year = extra
        self.ledger_app.year = year
        with self.prevent(Select.Changed):
            select = self.query_one("#year", Select)
            select.set_options((str(y), y) for y in years)
            select.value = year

    def export_parts(self) -> tuple[object, ...]:
        show = str(self.query_one("#show", Select).value)
        return self.ledger_app.cluster_name, self.ledger_app.year, "" if show == "all" else show

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        if event.select.id == "year" and event.value != self.ledger_app.year:
            self.ledger_app.year = int(event.value)  # type: ignore[arg-type]
        elif event.select.id != "show":
            return
        self.pager.start = 0
        self.reload()

    def open_row(self, row: MemberRow) -> None:
        self.app.push_screen(MemberPage(row.kbo))

    def _company_fields(self, row: MemberRow | None) -> list[Field]:
        t = self.labels
        kinds = [(t.word(k.value), k.value) for k in MemberKind]
        regions = [(t("region-from-postcode"), ""), *((t.word(r.value), r.value) for r in Region)]
        return [
            Field(
                "kbo",
                t("kbo"),
                identifiers.format_number(row.kbo) if row else "",
                validators.enterprise_number(),
                disabled=row is not None,
            ),
            Field("name", t("name"), row.name if row else ""),
            Field("postcode", t("postcode"), row.postcode if row else "", validators.postcode()),
            Field(
                "kind", t("kind"), row.kind if row else MemberKind.ENTERPRISE.value, options=kinds
            ),
            Field(
                "region", t("region"), (row.region_override or "") if row else "", options=regions
            ),
        ]

    def action_add(self) -> None:
        if self.ledger_app.cluster_name is None:
            return
        t = self.labels
        fields = [
            *self._company_fields(None),
            Field("joined", t("joined"), "", validators.day()),
            Field("mandate", t("mandate"), "", validators.day()),
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                operations.add_member(
                    tx,
                    self.cluster_in(tx),
                    kbo=values["kbo"],
                    name=values["name"],
                    postcode=values["postcode"],
                    kind=MemberKind(values["kind"] or MemberKind.ENTERPRISE),
                    region_override=Region(values["region"]) if values["region"] else None,
                    joined=optional_day(values["joined"]),
                    mandate=optional_day(values["mandate"]),
                )
                return t("saved-member", name=values["name"], cluster=self.ledger_app.cluster_name)

            return self.write(change)

        self.app.push_screen(MemberForm(self, t, t("add-member"), fields, submit), self.done)

    def action_edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        t = self.labels

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                operations.update_company(
                    tx,
                    kbo=row.kbo,
                    name=values["name"],
                    postcode=values["postcode"],
                    kind=MemberKind(values["kind"] or row.kind),
                    region_override=Region(values["region"]) if values["region"] else None,
                    clear_region_override=not values["region"],
                    valid_from=optional_day(values["from"]),
                    expected_version=row.version,
                )
                return t("updated-member", name=values["name"])

            return self.write(change)

        today = self.ledger_app.now().date().isoformat()
        fields = [
            *self._company_fields(row),
            Field("from", t("valid-from"), today, validators.day(required=True)),
        ]
        title = f"{t('edit-member')}: {row.name}"
        self.app.push_screen(FormScreen(t, title, fields, submit), self.done)

    def _date_form(
        self, title: str, label: str, apply: Callable[[Tx, date], object], button: str
    ) -> None:
        today = self.ledger_app.now().date().isoformat()
        fields = [Field("date", label, today, validators.day(required=True))]
        self.app.push_screen(
            FormScreen(
                self.labels,
                title,
                fields,
                lambda v: self.write(lambda tx: apply(tx, parse_date(v["date"]))),
                save=button,
            ),
            self.done,
        )

    def action_leave(self) -> None:
        row = self.selected()
        if row is None:
            return
        t = self.labels

        def apply(tx: Tx, when: date) -> str:
            operations.leave(
                tx,
                self.cluster_in(tx),
                kbo=row.kbo,
                left=when,
                expected_version=row.membership_version,
            )
            return t("left-on", name=row.name, date=when.isoformat())

        self._date_form(f"{t('leave')}: {row.name}", t("left"), apply, t("leave"))

    def action_mandate(self) -> None:
        """A mandate given, its date corrected (with a reason), or a withdrawal: the form
        says which, so a second date never silently replaces the first."""
        row = self.selected()
        if row is None:
            return
        t = self.labels
        actions = [(t("mandate-given"), "given"), (t("mandate-correct"), "corrected")]
        actions.append((t("mandate-withdraw"), "withdrawn"))
        fields = [
            Field(
                "action",
                t("mandate-action"),
                "corrected" if row.mandate else "given",
                options=actions,
            ),
            Field(
                "date",
                t("date"),
                self.ledger_app.now().date().isoformat(),
                validators.day(required=True),
            ),
            Field("reason", t("reason"), ""),
        ]

        def submit(values: Values) -> str:
            def change(tx: Tx) -> str:
                cluster, day = self.cluster_in(tx), parse_date(values["date"])
                version = row.membership_version
                if values["action"] == "corrected":
                    operations.correct_mandate(
                        tx,
                        cluster,
                        kbo=row.kbo,
                        mandate=day,
                        reason=values["reason"],
                        expected_version=version,
                    )
                elif values["action"] == "withdrawn":
                    operations.withdraw_mandate(
                        tx, cluster, kbo=row.kbo, withdrawn=day, expected_version=version
                    )
                else:
                    operations.record_mandate(
                        tx, cluster, kbo=row.kbo, mandate=day, expected_version=version
                    )
                return t("mandate-on", name=row.name, date=day.isoformat())

            return self.write(change)

        title = f"{t('record-mandate')}: {row.name}"
        self.app.push_screen(FormScreen(t, title, fields, submit), self.done)

    def action_fee(self) -> None:
        row = self.selected()
        year = self.ledger_app.year
        if row is None or year is None:
            return
        t = self.labels
        now = "" if row.expected_cents is None else format_eur(row.expected_cents)
        lines = [t("fee-what", who=row.name, year=year), t("fee-now", fee=now or t("no-fee"))]
        if row.expected_cents is not None:
            lines.append(t("fee-clear"))

        def submit(values: Values) -> str:
            text = values["amount"].strip()
            amount = parse_amount(text) if text else None

            def change(tx: Tx) -> object:
                return fees.set_fee(tx, self.cluster_in(tx), year=year, amount=amount, kbo=row.kbo)

            self.write(change)
            if amount is None:
                return t("fee-cleared", who=row.name, year=year)
            return t("fee-set", who=row.name, year=year, fee=format_eur(to_cents(amount)))

        fields = [Field("amount", t("amount"), "", validators.amount(required=False))]
        form = FormScreen(t, f"{t('set-fee')}: {row.name}", fields, submit, lines=lines)
        self.app.push_screen(form, self.done)


class MemberForm(FormScreen):
    """The add form: a known enterprise number fills in the company's details."""

    def __init__(
        self,
        owner: MembersScreen,
        labels: Labels,
        title: str,
        fields: list[Field],
        submit: Callable[[Values], object],
    ) -> None:
        super().__init__(labels, title, fields, submit)
        self.owner = owner

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id != "kbo" or not identifiers.is_valid(event.value):
            return
        number = identifiers.validate(event.value)
        day = self.owner.ledger_app.now().date()
        with self.owner.ledger_app.ledger.read() as session:
            known = views.company_details(number, session=session, day=day)
        if known is None:
            return
        name, postcode, kind, region = known
        self.query_one("#name", Input).value = name
        self.query_one("#postcode", Input).value = postcode
        self.query_one("#kind", Select).value = kind
        self.query_one("#region", Select).value = region or ""
        self.notify(self.labels("known-company"))
