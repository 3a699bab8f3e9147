"""Projects: a spearhead cluster's portfolio, filtered by status, type and year; add a
project, edit it, record a decision; ``enter`` opens a project's page (its partners and
status history, :mod:`tui.app.screens.project_page`).

The table reads :func:`ledger.lists.projects.project_list`, the list ``project list``
prints: with the year filter, the projects that year's annual report lists, each with
the status it had at the year's end. ``/`` searches the acronyms, titles, themes, types
and statuses; ``ctrl+e`` exports the list as filtered.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual.widgets import Select, Static

from ledger import projects, state
from ledger.lists import Listing
from ledger.lists.projects import project_list
from ledger.money import from_cents
from ledger.portfolio import ProjectState
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.projects import ProjectLine
from ledger.storage.tables import Cluster
from tui.app.formats import day, eur
from tui.app.screens import project_forms as forms
from tui.app.screens.table import TableScreen, Want
from tui.app.widgets.paged_table import Column

ALL = "all"
_STATUS_STYLE = {
    "approved": "green",
    "running": "bold green",
    "rejected": "red",
    "withdrawn": "dim",
    "closed": "dim",
    "draft": "italic",
}


def _amount(cents: int | None) -> object:
    return None if cents is None else from_cents(cents)


class ProjectsScreen(TableScreen[ProjectLine]):
    """The portfolio of the cluster in view, and the forms that change it."""

    NAME = "projects"
    HINT = "project-hint"
    KEYS = (
        ("enter", "open_row", "project-open"),
        ("n", "add", "project-add"),
        ("e", "edit", "project-edit"),
        ("s", "decide", "project-decide"),
    )

    DEFAULT_CSS = """
    ProjectsScreen #projects-title { margin-right: 2; }
    """

    def toolbar(self):  # type: ignore[no-untyped-def]
        t = self.labels
        yield Static("", id="projects-title", markup=False)
        statuses = [(forms.value_word(self, "project_status", s.value), s.value)
                    for s in ProjectStatus]  # fmt: skip
        types = [(forms.value_word(self, "project_type", k.value), k.value) for k in ProjectType]
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

    def columns(self) -> list[Column[ProjectLine]]:
        t, word = self.labels, forms.value_word

        def status(r: ProjectLine) -> Text:
            s = r.state.status.value
            return Text(word(self, "project_status", s), style=_STATUS_STYLE.get(s, ""))

        return [
            Column(t("project-id"), lambda r: r.state.id, keep=9, min_width=3),
            Column(
                t("project-type"), lambda r: word(self, "project_type", r.state.type.value), keep=4
            ),
            Column(t("project-acronym"), lambda r: r.state.acronym or "", keep=8, min_width=8),
            Column(t("project-name"), lambda r: r.state.title, keep=7, flex=True, min_width=20),
            Column(
                t("project-status"),
                lambda r: word(self, "project_status", r.state.status.value),
                text=status,
                keep=8,
            ),
            Column(t("project-submitted"), lambda r: day(r.state.submitted_on), keep=3),
            Column(t("project-decided"), lambda r: day(r.state.decided_on), keep=2, optional=True),
            Column(
                t("project-budget"),
                lambda r: _amount(r.state.budget_cents),
                text=lambda r: eur(r.state.budget_cents),
                keep=5,
            ),
            Column(
                t("project-aid-granted"),
                lambda r: _amount(r.state.aid_granted_cents),
                text=lambda r: eur(r.state.aid_granted_cents),
                keep=6,
                optional=True,
            ),
            Column(t("project-partners"), lambda r: r.partners, keep=3, min_width=3),
            Column(t("project-members"), lambda r: r.members, keep=1, min_width=3),
        ]

    def row_key(self, row: ProjectLine) -> str:
        return str(row.state.id)

    def _filter(self, name: str) -> str:
        return str(self.query_one(f"#project-{name}", Select).value)

    def params(self) -> Any:
        return self._filter("status"), self._filter("type"), self._filter("scope")

    def read(
        self, session: Session, cluster: Cluster, want: Want
    ) -> tuple[Listing[ProjectLine], Any]:
        status, kind, scope = want.params
        listing = project_list(
            cluster,
            session=session,
            year=None if scope == ALL else int(scope),
            status=None if status == ALL else ProjectStatus(status),
            kind=None if kind == ALL else ProjectType(kind),
            **want.page,
        )
        rules = state.rule_copies(cluster.id, session=session).first  # type: ignore[arg-type]
        held = len(projects.portfolio(cluster, session=session))
        return listing, (cluster.name, rules, held)

    def present(self, extra: Any) -> None:
        """The title; for a cluster whose rule set submits no projects, why its portfolio
        is empty instead, on the whole line (the filters have nothing to filter)."""
        name, rules, held = extra
        t = self.labels
        none_allowed = not rules.project_types and not held
        title = self.query_one("#projects-title", Static)
        if none_allowed:
            title.update(t("project-none-allowed", cluster=name, rule_set=rules.id))
        else:
            title.update(Text(t("project-title"), style="bold"))
        title.styles.width = "1fr" if none_allowed else "auto"  # wraps when alone
        for select in self.query(".toolbar Select"):
            select.display = not none_allowed

    def export_parts(self) -> tuple[object, ...]:
        chosen = (v for v in self.params() if v != ALL)
        return (self.ledger_app.cluster_name, *chosen)

    def on_screen_resume(self) -> None:
        """The year filter offers the year in view (its annual report's projects)."""
        year = self.ledger_app.year
        scope = self.query_one("#project-scope", Select)
        options = [(self.labels("project-all-years"), ALL)]
        if year is not None:
            options.append((self.labels("project-in-year", year=year), str(year)))
        chosen = scope.value if scope.value in {v for _, v in options} else ALL
        with self.prevent(Select.Changed):
            scope.set_options(options)
            scope.value = chosen
        super().on_screen_resume()

    def on_select_changed(self, event: Select.Changed) -> None:
        if (event.select.id or "").startswith("project-") and event.value is not Select.NULL:
            self.pager.start = 0
            self.reload()

    def open_row(self, row: ProjectLine) -> None:
        from tui.app.screens.project_page import ProjectPage

        self.app.push_screen(ProjectPage(row.state.id), lambda _: self.reload())

    def action_add(self) -> None:
        if self.ledger_app.cluster_name is not None:
            forms.add_project(self)

    def _current(self) -> ProjectState | None:
        """The selected project as it stands now (a row filtered by year shows its state at
        that year's end)."""
        line = self.selected()
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
