"""Rule sets: the terms of the call that approved a cluster, kept as data.

Each rule set is a TOML file. The ones shipped here describe the calls of 2020 and
2026; a user adds another by dropping a file into ``<data dir>/rules/`` (see
:func:`user_rules_dir`), with no change to code. A file there with the id of a
shipped rule set replaces it, for clusters added from then on: a cluster keeps the
full text of the rule set it was added with in the ledger (:mod:`ledger.cluster_rules`),
and its figures come from that copy until it adopts another, for open years only.

>>> load_rule_sets()["ibn-2026"].annual_cap_cents
22500000
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledger.errors import RuleSetError
from ledger.kinds import MemberKind
from ledger.money import to_cents
from ledger.problems import Problem
from ledger.project_terms import DOCUMENTED_TYPES, ProjectType

SHIPPED_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Deadline:
    """A moment the call fixes, such as the pre-registration due date."""

    name: str
    label: str
    at: datetime  # timezone-aware
    # The call counts the Flemish enterprises with a mandate at this moment (the dossier).
    counts_mandates: bool = False


@dataclass(frozen=True)
class RuleSet:
    """The terms a cluster is bound to for its whole program."""

    id: str
    name: str
    kind: str
    source: str
    annual_cap_cents: int
    max_years: int
    aid_share_of_costs: Decimal
    matching_ratio: Decimal
    counted_kinds: frozenset[MemberKind]
    min_flemish_enterprises_with_mandate: int
    deadlines: tuple[Deadline, ...] = ()
    path: Path | None = None
    call_year: int | None = None  # the year of the call: no cluster starts before it
    sha256: str | None = None  # of the text it was read from
    # The project types a cluster under this call may submit (spearhead clusters); none
    # for an innovative business network. See :func:`_project_types` for an older copy.
    project_types: tuple[ProjectType, ...] = ()

    @property
    def mandate_deadline(self) -> Deadline | None:
        """The deadline at which the call counts mandates, if it names one."""
        return next((d for d in self.deadlines if d.counts_mandates), None)


def user_rules_dir() -> Path:
    """Where a user's own rule set files live."""
    from ledger.storage.location import data_dir

    return data_dir() / "rules"


def _need(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise RuleSetError(f"missing key {key!r}", location=where)
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = (
            kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        )
        raise RuleSetError(f"{key!r} is {value!r}; expected {expected}", location=where)
    return value


def _decimal(data: dict[str, Any], key: str, where: str) -> Decimal:
    value = _need(data, key, (str, int), where)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RuleSetError(f"{key!r} is {value!r}; expected a number", location=where) from None
    if not number.is_finite() or number <= 0:
        raise RuleSetError(f"{key!r} is {value!r}; expected a positive number", location=where)
    return number


def parse_rule_set(data: dict[str, Any], where: str, path: Path | None = None) -> RuleSet:
    """Check a rule set's fields and build it; every problem names the file and key."""
    rule_id = _need(data, "id", str, where)
    cap = _decimal(data, "annual_cap", where)
    try:
        cap_cents = to_cents(cap)
    except Exception:
        raise RuleSetError(
            f"'annual_cap' {cap} has more than two decimals", location=where
        ) from None
    max_years = _need(data, "max_years", int, where)
    if max_years < 1:
        raise RuleSetError(f"'max_years' is {max_years}; expected at least 1", location=where)
    share = _decimal(data, "aid_share_of_costs", where)
    if share > 1:
        raise RuleSetError(f"'aid_share_of_costs' is {share}; expected at most 1", location=where)
    kinds_raw = _need(data, "counted_kinds", list, where)
    try:
        kinds = frozenset(MemberKind(k) for k in kinds_raw)
    except ValueError:
        allowed = ", ".join(k.value for k in MemberKind)
        raise RuleSetError(
            f"'counted_kinds' is {kinds_raw!r}; expected a list drawn from {allowed}",
            location=where,
        ) from None
    minimum = data.get("min_flemish_enterprises_with_mandate", 0)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
        raise RuleSetError(
            f"'min_flemish_enterprises_with_mandate' is {minimum!r}; expected a whole number",
            location=where,
        )
    tz_name = data.get("timezone", "Europe/Brussels")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleSetError(
            f"'timezone' {tz_name!r} is not a known time zone", location=where
        ) from None
    deadlines = []
    for item in data.get("deadlines", []):
        at = _need(item, "at", datetime, f"{where} [[deadlines]]")
        name = _need(item, "name", str, f"{where} [[deadlines]]")
        at = at.replace(tzinfo=tz) if at.tzinfo is None else at
        counts = item.get("counts_mandates", False)
        if not isinstance(counts, bool):
            raise RuleSetError(
                f"'counts_mandates' is {counts!r}; expected true or false",
                location=f"{where} [[deadlines]]",
            )
        deadlines.append(
            Deadline(name=name, label=str(item.get("label", name)), at=at, counts_mandates=counts)
        )
    if sum(d.counts_mandates for d in deadlines) > 1:
        raise RuleSetError(
            "more than one deadline has 'counts_mandates = true'; the call counts mandates once",
            location=where,
        )
    call_year = data.get("year")
    if call_year is not None and (not isinstance(call_year, int) or isinstance(call_year, bool)):
        raise RuleSetError(f"'year' is {call_year!r}; expected a whole number", location=where)
    return RuleSet(
        id=rule_id,
        name=str(data.get("name", rule_id)),
        kind=str(data.get("kind", "")),
        source=str(data.get("source", "")),
        annual_cap_cents=cap_cents,
        max_years=max_years,
        aid_share_of_costs=share,
        matching_ratio=_decimal(data, "matching_ratio", where),
        counted_kinds=kinds,
        min_flemish_enterprises_with_mandate=minimum,
        deadlines=tuple(sorted(deadlines, key=lambda d: d.at)),
        path=path,
        call_year=call_year,
        project_types=_project_types(data, rule_id, where),
    )


def _project_types(data: dict[str, Any], rule_id: str, where: str) -> tuple[ProjectType, ...]:
    """The ``project_types`` a rule set allows, in the order :class:`ProjectType` lists them.

    A text without the key is a copy a cluster kept before rule sets named their project
    types: it reads as the call's text documents it (``spearhead-2020``: the five types of
    the 2020 page; any other id: none), so a spearhead cluster added earlier keeps its
    portfolio. The shipped files state the key.
    """
    if "project_types" not in data:
        return DOCUMENTED_TYPES.get(rule_id, ())
    raw = data["project_types"]
    allowed = ", ".join(t.value for t in ProjectType)
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise RuleSetError(
            f"'project_types' is {raw!r}; expected a list drawn from {allowed}", location=where
        )
    try:
        chosen = {ProjectType(t) for t in raw}
    except ValueError:
        raise RuleSetError(
            f"'project_types' is {raw!r}; expected a list drawn from {allowed}", location=where
        ) from None
    return tuple(t for t in ProjectType if t in chosen)


def parse_rule_text(text: str, where: str) -> RuleSet:
    """A rule set from the text of its file (a file, or a cluster's stored copy).

    Raises:
        RuleSetError: the text is not TOML, or a field is missing or wrong.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"not valid TOML: {exc}", location=where) from None
    rule_set = parse_rule_set(data, where)
    return replace(rule_set, sha256=text_hash(text))


def text_hash(text: str) -> str:
    """The SHA-256 of a rule set's text, as the ledger stores it beside its copy."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_rule_file(path: Path) -> RuleSet:
    """Load one rule set file.

    Raises:
        RuleSetError: the file cannot be read, is not TOML, or a field is missing or wrong.
    """
    text = read_rule_text(path)
    rule_set = replace(parse_rule_text(text, str(path)), path=path)
    if rule_set.id != path.stem:
        raise RuleSetError(
            f"the id {rule_set.id!r} differs from the file name; name the file {rule_set.id}.toml",
            location=str(path),
        )
    return rule_set


def read_rule_text(path: Path) -> str:
    """The text of a rule file.

    Raises:
        RuleSetError: it cannot be read, or is not UTF-8.
    """
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleSetError(f"cannot read the file: {exc.strerror}", location=str(path)) from None
    except UnicodeDecodeError:
        raise RuleSetError("the file is not UTF-8 text", location=str(path)) from None


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def rule_file(rule_id: str, extra_dir: Path | None = None) -> Path | None:
    """The file a rule set id is read from: the user's, else the shipped one.

    An id is a file name in the rules folder, so one that could leave the folder or that
    no file system takes (a slash, a control character, a thousand digits) names none.
    """
    if not _ID.fullmatch(rule_id):
        return None
    for folder in (extra_dir if extra_dir is not None else _user_dir_or_none(), SHIPPED_DIR):
        if folder is not None and (folder / f"{rule_id}.toml").is_file():
            return folder / f"{rule_id}.toml"
    return None


def load_rule_sets(extra_dir: Path | None = None) -> dict[str, RuleSet]:
    """All rule sets: the shipped ones, then the user's, which may replace them by id."""
    dirs = [SHIPPED_DIR, extra_dir if extra_dir is not None else _user_dir_or_none()]
    found: dict[str, RuleSet] = {}
    for folder in dirs:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            stat = path.stat()
            rule_set = _load_unchanged(path, stat.st_mtime_ns, stat.st_size)
            found[rule_set.id] = rule_set
    return found


@lru_cache(maxsize=256)
def _load_unchanged(path: Path, mtime_ns: int, size: int) -> RuleSet:
    """A file read once while it stays the same: summaries ask for rule sets per cluster."""
    return load_rule_file(path)


def _user_dir_or_none() -> Path | None:
    if os.environ.get("CLUSTER_LEDGER_NO_USER_RULES"):
        return None
    return user_rules_dir()


def get_rule_set(rule_id: str, rule_sets: dict[str, RuleSet] | None = None) -> RuleSet:
    """One rule set by id.

    Raises:
        NotFoundError: no rule set has that id.
    """
    rule_sets = load_rule_sets() if rule_sets is None else rule_sets
    if rule_id not in rule_sets:
        known = ", ".join(sorted(rule_sets))
        facts = {"rule_set": rule_id, "known": known}
        raise Problem("ruleset.unknown", facts, kind="notfound").error()
    return rule_sets[rule_id]
