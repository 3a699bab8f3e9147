"""Projects: a spearhead cluster's portfolio, filtered by status, type and year; add a
project, edit it, record a decision; ``enter`` opens a project's page (its partners and
status history, :mod:`tui.app.screens.project_page`).

The list comes from :func:`ledger.projects.portfolio`, the read behind ``project list``;
with the year filter, it holds the projects that year's annual report lists, each with
the status it had at the year's end.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Select, Static

from ledger import projects, state
from ledger.money import format_eur
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.projects import ProjectLine
from tui.app.screens import project_forms as forms
from tui.app.screens.base import TableScreen
from tui.app.widgets.paged_table import PagedTable

ALL = "all"
_STATUS_STYLE = {
    "approved": "green",
    "running": "bold green",
    "rejected": "red",
    "withdrawn": "dim",
    "closed": "dim",
    "draft": "italic",
}
COLUMNS = (
    "project-id", "project-type", "project-acronym", "project-name", "project-status",
    "project-submitted", "project-decided", "project-budget", "project-aid-granted",
    "project-partners", "project-members",
)  # fmt: skip


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _money(cents: int | None) -> Text:
    return Text("" if cents is None else format_eur(cents), justify="right")


class ProjectsScreen(TableScreen):
    """The portfolio of the cluster in view, and the forms that change it."""

    DEFAULT_CSS = """
    ProjectsScreen #projects-title { margin-right: 2; }
    """

    KEYS = (
        ("n", "add", "project-add"),
        ("e", "edit", "project-edit"),
        ("s", "decide", "project-decide"),
        *TableScreen.PAGE_KEYS,
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, ProjectLine] = {}

    def compose(self) -> ComposeResult:
        t = self.labels
        yield Header()
        with Horizontal(classes="toolbar"):
            yield Static("", id="projects-title")
            statuses = [(forms.value_word(self, "project_status", s.value), s.value)
                        for s in ProjectStatus]  # fmt: skip
            types = [
                (forms.value_word(self, "project_type", k.value), k.value) for k in ProjectType
            ]
            for name, first, options in (
                ("status", t("project-all-statuses"), statuses),
                ("type", t("project-all-types"), types),
                ("scope", t("project-all-years"), []),
            ):
                yield Select(
                    [(first, ALL), *options],
                    value=ALL,
                    allow_blank=False,
                    id=f"project-{name}",
                    compact=True,
                )
        yield PagedTable([t(k) for k in COLUMNS])
        yield Footer()

    def on_screen_resume(self) -> None:
        year = self.ledger_app.year
        scope = self.query_one("#project-scope", Select)
        options = [(self.labels("project-all-years"), ALL)]
        if year is not None:
            options.append((self.labels("project-in-year", year=year), str(year)))
        chosen = scope.value if scope.value in {v for _, v in options} else ALL
        scope.set_options(options)
        scope.value = chosen
        super().on_screen_resume()

    def _filter(self, name: str) -> str:
        return str(self.query_one(f"#project-{name}", Select).value)

    def reload(self) -> None:
        status, kind, scope = self._filter("status"), self._filter("type"), self._filter("scope")
        start, size = self.pager.start, self.pager.page_size

        def read(session, cluster):  # type: ignore[no-untyped-def]
            rules = state.rule_copies(cluster.id, session=session).first
            lines = projects.portfolio(
                cluster,
                session=session,
                year=None if scope == ALL else int(scope),
                status=None if status == ALL else ProjectStatus(status),
                kind=None if kind == ALL else ProjectType(kind),
            )
            total = len(projects.portfolio(cluster, session=session))
            return cluster.name, rules, total, len(lines), lines[start : start + size]

        self.fetch_cluster(read, self.show)

    def show(self, data: tuple) -> None:  # type: ignore[type-arg]
        name, rules, total, shown, lines = data
        t = self.labels
        title = t("project-title")
        if not rules.project_types and not total:
            title = t("project-none-allowed", cluster=name, rule_set=rules.id)
        self.query_one("#projects-title", Static).update(Text(title, style="bold"))
        self.rows = {str(line.state.id): line for line in lines}
        line = t("project-line", shown=shown, total=total) if total else t("project-empty")
        self.pager.show(((str(x.state.id), self._cells(x)) for x in lines), shown, line)
        self.ledger_app.ready("projects")

    def _cells(self, line: ProjectLine) -> tuple[str | Text, ...]:
        p = line.state
        status = forms.value_word(self, "project_status", p.status.value)
        return (
            str(p.id),
            forms.value_word(self, "project_type", p.type.value),
            p.acronym or "",
            p.title,
            Text(status, style=_STATUS_STYLE.get(p.status.value, "")),
            _day(p.submitted_on),
            _day(p.decided_on),
            _money(p.budget_cents),
            _money(p.aid_granted_cents),
            str(line.partners),
            str(line.members),
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if (event.select.id or "").startswith("project-"):
            self.pager.start = 0
            self.reload()

    def _selected(self) -> ProjectLine | None:
        key = self.pager.selected_key()
        if key is None or key not in self.rows:
            self.notify(self.labels("select-row"), severity="warning")
            return None
        return self.rows[key]

    def action_add(self) -> None:
        if self.ledger_app.cluster_name is not None:
            forms.add_project(self)

    def _current(self):  # type: ignore[no-untyped-def]
        """The selected project as it stands now (a filtered row may show a year's end)."""
        line = self._selected()
        if line is None:
            return None
        with self.ledger_app.ledger.read() as session:
            found = projects.get_project(line.state.id, session=session)
            return projects.project_state(found, session=session)

    def action_edit(self) -> None:
        current = self._current()
        if current is not None:
            forms.edit_project(self, current)

    def action_decide(self) -> None:
        current = self._current()
        if current is not None:
            forms.record_status(self, current)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if key in self.rows:
            from tui.app.screens.project_page import ProjectPage

            self.app.push_screen(ProjectPage(int(key)), lambda _: self.reload())
