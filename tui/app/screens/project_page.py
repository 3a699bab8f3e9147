"""A project's page: its fields, its partners (members of the cluster marked) and its
status history with who recorded each change, and what is still missing; add, edit or
remove a partner, edit the project, record a decision. ``escape`` goes back.

What it shows is :func:`ledger.projects.project_record`, the read behind ``project show``.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from ledger import projects
from ledger.identifiers import format_number
from ledger.money import format_eur
from ledger.portfolio import PartnerShare
from ledger.projects import ProjectRecord
from tui.app.formats import when
from tui.app.screens import project_forms as forms
from tui.app.screens.base import LedgerScreen

PARTNER_COLUMNS = (
    "partner-id", "partner-role", "partner-kbo", "partner-name", "partner-country",
    "partner-member", "partner-budget", "partner-aid",
)  # fmt: skip
HISTORY_COLUMNS = ("project-date", "project-status", "project-aid-granted", "project-reason")


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def _money(cents: int | None) -> str:
    return "-" if cents is None else format_eur(cents)


class ProjectPage(LedgerScreen):
    """One project, whole."""

    DEFAULT_CSS = """
    ProjectPage #project-body { height: 1fr; padding: 0 1; }
    ProjectPage .project-heading { text-style: bold; margin-top: 1; }
    ProjectPage DataTable { height: auto; max-height: 12; }
    ProjectPage #project-notes { color: $warning; }
    """
    KEYS = (
        ("escape", "back", "project-back"),
        ("n", "add_partner", "partner-add"),
        ("u", "edit_partner", "partner-edit"),
        ("r", "remove_partner", "partner-remove"),
        ("e", "edit", "project-edit"),
        ("s", "decide", "project-decide"),
    )

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id
        self.record: ProjectRecord | None = None

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with VerticalScroll(id="project-body"):
            yield Static("", id="project-fields")
            yield Static(t("project-partners"), classes="project-heading")
            yield DataTable(id="project-partners", cursor_type="row", zebra_stripes=True)
            yield Static(t("project-history"), classes="project-heading")
            yield DataTable(id="project-history", zebra_stripes=True)
            yield Static("", id="project-notes")
        yield Footer()

    def reload(self) -> None:
        project_id = self.project_id
        self.fetch(lambda session: projects.project_record(project_id, session=session), self.show)

    def show(self, record: ProjectRecord) -> None:
        self.record = record
        t, p = self.labels, record.state
        words = forms.value_word
        title = t("project-page-title", project=f"{p.label} · {p.title}")
        lines = [
            f"[b]{title}[/b]",
            f"{t('project-type')}: {words(self, 'project_type', p.type.value)}   "
            f"{t('project-status')}: {words(self, 'project_status', p.status.value)}",
            f"{t('project-theme')}: {p.theme or '-'}",
            f"{t('project-submitted')}: {_day(p.submitted_on)}   "
            f"{t('project-decided')}: {_day(p.decided_on)}   "
            f"{t('project-start')}: {_day(p.starts_on)}   {t('project-end')}: {_day(p.ends_on)}",
            f"{t('project-budget')}: {_money(p.budget_cents)}   "
            f"{t('project-aid-requested')}: {_money(p.aid_requested_cents)}   "
            f"{t('project-aid-granted')}: {_money(p.aid_granted_cents)}",
        ]
        self.query_one("#project-fields", Static).update("\n".join(lines))
        # The columns are laid out anew with the rows, so that the header row is drawn at
        # the widths the rows give it (added before them, it could keep the titles' widths).
        table = self.query_one("#project-partners", DataTable)
        table.clear(columns=True)
        table.add_columns(*[t(k) for k in PARTNER_COLUMNS])
        for line in record.partners:
            s = line.share
            table.add_row(
                str(s.id),
                words(self, "partner_role", s.role.value),
                format_number(s.kbo) if s.kbo else "",
                s.name,
                s.country,
                t("project-yes") if line.member else t("project-no"),
                Text(_money(s.budget_cents), justify="right"),
                Text(_money(s.aid_cents), justify="right"),
                key=str(s.id),
            )
        history = self.query_one("#project-history", DataTable)
        history.clear(columns=True)
        history.add_columns(*[t(k) for k in HISTORY_COLUMNS], "")
        for h in record.history:
            history.add_row(
                h.step.on_date.isoformat(),
                words(self, "project_status", h.step.to_status.value),
                "" if h.step.aid_granted_cents is None else format_eur(h.step.aid_granted_cents),
                h.step.reason or "",
                t("recorded-by", who=h.actor, at=when(h.at, self.ledger_app.zone))
                if h.actor
                else "",
            )
        notes = [n.text(t.language, face="app") for n in record.notes]
        empty = [] if record.partners else [t("project-no-partners")]
        text = "\n".join([f"! {n}" for n in notes] + empty)
        self.query_one("#project-notes", Static).update(text)
        self.shown("project")

    def action_back(self) -> None:
        self.dismiss(None)

    def _partner(self) -> PartnerShare | None:
        table = self.query_one("#project-partners", DataTable)
        if self.record is None or not table.row_count:
            self.notify(self.labels("select-row"), severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p.share for p in self.record.partners if str(p.share.id) == key), None)

    def action_add_partner(self) -> None:
        if self.record is not None:
            forms.add_partner(self, self.record.state)

    def action_edit_partner(self) -> None:
        partner = self._partner()
        if partner is not None and self.record is not None:
            forms.edit_partner(self, self.record.state, partner)

    def action_remove_partner(self) -> None:
        partner = self._partner()
        if partner is not None and self.record is not None:
            forms.remove_partner(self, self.record.state, partner)

    def action_edit(self) -> None:
        if self.record is not None:
            forms.edit_project(self, self.record.state)

    def action_decide(self) -> None:
        if self.record is not None:
            forms.record_status(self, self.record.state)
