"""The forms of the Projects screen and a project's page: add or edit a project, record a
decision (a new status), add, edit or remove a partner.

Each form checks its fields with the ledger's parsers as the user types and saves
through :mod:`ledger.operations`; a refusal keeps the form open with the ledger's words.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger import operations, projects, queries, state
from ledger.checks.project_status import back_to
from ledger.dates import parse_date
from ledger.money import format_plain, parse_amount
from ledger.operations.projects import KEEP
from ledger.portfolio import FORWARD, PartnerShare, ProjectState
from ledger.project_terms import PartnerRole, ProjectStatus, ProjectType
from ledger.words import say
from tui.app.screens.base import LedgerScreen
from tui.app.screens.forms import Field, FormScreen, Values, optional_day
from tui.app.widgets import validators


def value_word(screen: LedgerScreen, kind: str, value: str) -> str:
    """A stored value (a type, a status, a role) in the app's language."""
    return say(f"{kind}.{value}", screen.labels.language, face="app")


def _money(text: str) -> Decimal | None:
    return parse_amount(text) if text.strip() else None


def _plain(cents: int | None) -> str:
    return "" if cents is None else format_plain(cents)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _amount_field(name: str, label: str, cents: int | None = None) -> Field:
    return Field(name, label, _plain(cents), validator=validators.amount(required=False))


def _choices(screen: LedgerScreen) -> tuple[list[ProjectType], list[str]]:
    """The types the cluster in view may submit, and its themes (a short read)."""
    name = screen.ledger_app.cluster_name
    assert name is not None
    with screen.ledger_app.ledger.read() as session:
        cluster = queries.get_cluster(name, session=session)
        rules = state.rule_copies(cluster.id, session=session)  # type: ignore[arg-type]
        allowed = list(rules.for_year(date.today().year).project_types)
        return allowed, projects.themes(cluster, session=session)


def _project_fields(
    screen: LedgerScreen, current: ProjectState | None, with_submitted: bool
) -> list[Field]:
    t = screen.labels
    allowed, themes = _choices(screen)
    types = [(value_word(screen, "project_type", k.value), k.value) for k in allowed or ProjectType]
    theme = current.theme if current else None
    theme_field = (
        Field(
            "theme",
            t("project-theme"),
            theme or "",
            options=[(t("project-no-theme"), ""), *((n, n) for n in themes)],
        )
        if themes and (theme is None or theme in themes)
        else Field("theme", t("project-theme"), theme or "")
    )
    fields = [
        Field("type", t("project-type"), current.type.value if current else "", options=types),
        Field("title", t("project-name"), current.title if current else ""),
        Field("acronym", t("project-acronym"), (current.acronym or "") if current else ""),
        theme_field,
        _amount_field("budget", t("project-budget"), current.budget_cents if current else None),
        _amount_field(
            "aid_requested",
            t("project-aid-requested"),
            current.aid_requested_cents if current else None,
        ),
    ]
    if with_submitted:
        fields.append(Field("submitted", t("project-submitted"), validator=validators.day()))
    fields += [
        Field("start", t("project-start"), _day(current.starts_on) if current else "",
              validator=validators.day()),
        Field("end", t("project-end"), _day(current.ends_on) if current else "",
              validator=validators.day()),
    ]  # fmt: skip
    return fields


def add_project(screen: LedgerScreen) -> None:
    t = screen.labels

    def submit(values: Values) -> str:
        project = screen.write(
            lambda tx: operations.add_project(
                tx,
                screen.cluster_in(tx),
                type=ProjectType(values["type"] or "oo"),
                title=values["title"],
                acronym=values["acronym"] or None,
                theme=values["theme"] or None,
                budget=_money(values["budget"]),
                aid_requested=_money(values["aid_requested"]),
                submitted=optional_day(values["submitted"]),
                starts=optional_day(values["start"]),
                ends=optional_day(values["end"]),
            )
        )
        return t("project-added", id=project.id)

    title = t("project-add-title", cluster=screen.ledger_app.cluster_name)
    fields = _project_fields(screen, None, with_submitted=True)
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)


def edit_project(screen: LedgerScreen, current: ProjectState) -> None:
    t = screen.labels

    def submit(values: Values) -> str:
        screen.write(
            lambda tx: operations.update_project(
                tx,
                current.id,
                type=ProjectType(values["type"]) if values["type"] else KEEP,
                title=values["title"],
                acronym=values["acronym"] or None,
                theme=values["theme"] or None,
                budget=_money(values["budget"]),
                aid_requested=_money(values["aid_requested"]),
                starts=optional_day(values["start"]),
                ends=optional_day(values["end"]),
                expected_version=current.version,
            )
        )
        return t("project-updated", id=current.id)

    title = t("project-edit-title", project=current.label)
    fields = _project_fields(screen, current, with_submitted=False)
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)


def record_status(screen: LedgerScreen, current: ProjectState) -> None:
    """The decision form: the next statuses first, a step back last (it asks a reason)."""
    t = screen.labels
    back = back_to(current)
    choices = [*FORWARD[current.status], *([back] if back else [])]
    options = [(value_word(screen, "project_status", s.value), s.value) for s in choices]
    first = choices[0].value if choices else ""

    def submit(values: Values) -> str:
        to = ProjectStatus(values["to"])
        day = parse_date(values["date"])
        screen.write(
            lambda tx: operations.change_status(
                tx,
                current.id,
                to=to,
                on=day,
                aid_granted=_money(values["aid_granted"]),
                force=values["force"] == "1",
                reason=values["reason"] or None,
                expected_version=current.version,
            )
        )
        status = value_word(screen, "project_status", to.value)
        return t("project-status-changed", id=current.id, status=status, day=day.isoformat())

    status = value_word(screen, "project_status", current.status.value)
    title = t("project-status-title", project=current.label, status=status)
    fields = [
        Field("to", t("project-to"), first, options=options),
        Field("date", t("project-date"), date.today().isoformat(), validator=validators.day(True)),
        _amount_field("aid_granted", t("project-aid-granted")),
        Field("force", t("project-above-request"), check=True),
        Field("reason", t("project-reason")),
    ]
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)


def add_partner(screen: LedgerScreen, current: ProjectState) -> None:
    t = screen.labels
    roles = [(value_word(screen, "partner_role", r.value), r.value) for r in PartnerRole]

    def submit(values: Values) -> str:
        partner = screen.write(
            lambda tx: operations.add_partner(
                tx,
                current.id,
                role=PartnerRole(values["role"] or "partner"),
                kbo=values["kbo"] or None,
                name=values["name"] or None,
                country=values["country"] or None,
                budget=_money(values["budget"]),
                aid=_money(values["aid"]),
            )
        )
        return t("partner-added", name=partner.name, id=partner.id)

    fields = [
        Field("role", t("partner-role"), "partner", options=roles),
        Field("kbo", t("partner-kbo"), validator=validators.enterprise_number(required=False)),
        Field("name", t("partner-name")),
        Field("country", t("partner-country-hint")),
        _amount_field("budget", t("partner-budget")),
        _amount_field("aid", t("partner-aid")),
    ]
    title = t("partner-add-title", project=current.label)
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)


def edit_partner(screen: LedgerScreen, current: ProjectState, partner: PartnerShare) -> None:
    t = screen.labels
    roles = [(value_word(screen, "partner_role", r.value), r.value) for r in PartnerRole]

    def submit(values: Values) -> str:
        changes: dict[str, Any] = {
            "role": PartnerRole(values["role"]) if values["role"] else KEEP,
            "name": values["name"] if values["name"] != partner.name else KEEP,
            "budget": _money(values["budget"]),
            "aid": _money(values["aid"]),
        }
        screen.write(lambda tx: operations.update_partner(tx, current.id, partner.id, **changes))
        return t("partner-updated", id=partner.id)

    fields = [
        Field("role", t("partner-role"), partner.role.value, options=roles),
        Field("name", t("partner-name"), partner.name),
        _amount_field("budget", t("partner-budget"), partner.budget_cents),
        _amount_field("aid", t("partner-aid"), partner.aid_cents),
    ]
    title = t("partner-edit-title", partner=partner.id, project=current.label)
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)


def remove_partner(screen: LedgerScreen, current: ProjectState, partner: PartnerShare) -> None:
    t = screen.labels

    def submit(values: Values) -> str:
        screen.write(
            lambda tx: operations.remove_partner(
                tx, current.id, partner.id, reason=values["reason"]
            )
        )
        return t("partner-removed", id=partner.id)

    title = t("partner-remove-title", name=partner.name, project=current.label)
    fields = [Field("reason", t("project-reason"))]
    screen.app.push_screen(FormScreen(t, title, fields, submit), screen.done)
