"""A spearhead cluster's portfolio as a list: the read ``project list`` prints and the
app's Projects screen shows, filtered by status, type and the year of an annual report,
and searched by acronym, title, theme, type or status (in English or Dutch; case and
accents ignored: ``cooperatief`` finds the cooperative projects).

A portfolio is short (tens of projects), so it is read whole and cut to the page asked
for (:func:`ledger.lists.page`).
"""

from __future__ import annotations

from sqlmodel import Session

from ledger import projects
from ledger.lists import Listing, fold, page
from ledger.project_terms import ProjectStatus, ProjectType
from ledger.projects import ProjectLine
from ledger.storage.tables import Cluster
from ledger.words import LANGUAGES, say


def _words(line: ProjectLine) -> str:
    """What a search looks in: the project's texts, and its type and status as stored and
    as each language words them."""
    p = line.state
    named = [f"project_type.{p.type.value}", f"project_status.{p.status.value}"]
    worded = [say(code, language) for code in named for language in LANGUAGES]
    parts = [str(p.id), p.acronym or "", p.title, p.theme or "", p.type.value, p.status.value]
    return fold(" ".join(parts + worded))


def project_list(
    cluster: Cluster,
    *,
    session: Session,
    year: int | None = None,
    status: ProjectStatus | None = None,
    kind: ProjectType | None = None,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> Listing[ProjectLine]:
    """The cluster's projects by id (with ``year``, those that year's annual report lists,
    at their status on 31 December; see :func:`ledger.projects.portfolio`) whose words
    hold every word of ``search``, one page of them."""
    lines = projects.portfolio(cluster, session=session, year=year, status=status, kind=kind)
    words = fold(search).split()
    if words:
        lines = [line for line in lines if all(w in _words(line) for w in words)]
    return page(lines, limit, offset)
