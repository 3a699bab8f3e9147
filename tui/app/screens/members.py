"""Members: a searchable, filterable table; add, edit, leave, record a mandate.

The table holds one page of the matching members (see :mod:`tui.app.widgets.paged_table`);
the search and the filter run in the database, in :func:`ledger.views.member_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Select

from ledger import identifiers, operations, views
from ledger.dates import parse_date
from ledger.kinds import MemberKind
from ledger.regions import Region
from ledger.session import Tx
from ledger.views import MemberRow, company_details
from tui.app.i18n import Labels
from tui.app.screens.base import TableScreen
from tui.app.screens.forms import Field, FormScreen, Values, optional_day
from tui.app.widgets import validators
from tui.app.widgets.paged_table import PagedTable


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class MembersScreen(TableScreen):
    """Who is a member of the cluster in view, and the forms that change it."""

    KEYS = (
        ("slash", "search", "search-key"),
        ("n", "add", "add-member"),
        ("e", "edit", "edit-member"),
        ("l", "leave", "leave"),
        ("o", "mandate", "record-mandate"),
        *TableScreen.PAGE_KEYS,
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, MemberRow] = {}

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Horizontal(classes="toolbar"):
            yield Input(placeholder=t("search"), id="search", compact=True)
            yield Select(
                [(t(f"filter-{name}"), name) for name in views.MEMBER_FILTERS],
                value="all",
                allow_blank=False,
                id="show",
                compact=True,
            )
        yield PagedTable(
            [
                t(k)
                for k in ("kbo", "name", "kind", "postcode", "region", "joined", "left", "mandate")
            ]
        )
        yield Footer()

    def reload(self) -> None:
        year = self.ledger_app.year
        search = self.query_one("#search", Input).value
        show = str(self.query_one("#show", Select).value)
        limit, offset = self.pager.page_size, self.pager.start

        def read(session, cluster):  # type: ignore[no-untyped-def]
            found = dict(session=session, search=search, show=show, year=year)
            total = views.count_members(cluster, **found)
            return total, views.member_page(cluster, **found, limit=limit, offset=offset)

        self.fetch_cluster(read, self.show)

    def show(self, data: tuple[int, list[MemberRow]]) -> None:
        total, rows = data
        self.rows = {r.kbo: r for r in rows}
        first, last = self.pager.span(len(rows))
        line = (
            self.labels("rows", first=first, last=last, total=total)
            if rows
            else self.labels("no-rows")
        )
        self.pager.show(
            (
                (
                    r.kbo,
                    (
                        identifiers.format_number(r.kbo),
                        r.name,
                        self.labels.word(r.kind),
                        r.postcode,
                        self.labels.word(r.region),
                        _day(r.joined),
                        _day(r.left),
                        _day(r.mandate),
                    ),
                )
                for r in rows
            ),
            total,
            line,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.pager.start = 0
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.pager.table.focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "show":
            self.pager.start = 0
            self.reload()

    def _selected(self) -> MemberRow | None:
        key = self.pager.selected_key()
        if key is None or key not in self.rows:
            self.notify(self.labels("select-row"), severity="warning")
            return None
        return self.rows[key]

    def _company_fields(self, row: MemberRow | None) -> list[Field]:
        t = self.labels
        kinds = [(t.word(k.value), k.value) for k in MemberKind]
        regions = [(t.word(r.value), r.value) for r in Region]
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
        row = self._selected()
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
        self.app.push_screen(FormScreen(t, t("edit-member"), fields, submit), self.done)

    def _date_form(self, title: str, label: str, apply: Callable[[Tx, date], object]) -> None:
        today = self.ledger_app.now().date().isoformat()
        fields = [Field("date", label, today, validators.day(required=True))]
        self.app.push_screen(
            FormScreen(
                self.labels,
                title,
                fields,
                lambda v: self.write(lambda tx: apply(tx, parse_date(v["date"]))),
            ),
            self.done,
        )

    def action_leave(self) -> None:
        row = self._selected()
        if row is None:
            return

        def apply(tx: Tx, day: date) -> str:
            operations.leave(
                tx,
                self.cluster_in(tx),
                kbo=row.kbo,
                left=day,
                expected_version=row.membership_version,
            )
            return self.labels("left-on", name=row.name, date=day.isoformat())

        self._date_form(f"{self.labels('leave')}: {row.name}", self.labels("left"), apply)

    def action_mandate(self) -> None:
        """A mandate given, its date corrected (with a reason), or a withdrawal: the form
        says which, so a second date never silently replaces the first."""
        row = self._selected()
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

        self.app.push_screen(
            FormScreen(t, f"{t('record-mandate')}: {row.name}", fields, submit), self.done
        )


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
        with self.owner.ledger_app.ledger.read() as session:
            known = company_details(number, session=session, day=self.owner.ledger_app.now().date())
        if known is None:
            return
        name, postcode, kind, region = known
        self.query_one("#name", Input).value = name
        self.query_one("#postcode", Input).value = postcode
        self.query_one("#kind", Select).value = kind
        if region:
            self.query_one("#region", Select).value = region
        self.notify(self.labels("known-company"))
