"""Rule sets are data: the shipped ones hold the calls' terms, a user's file adds one,
and a broken file is refused with words that say what to fix."""

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledger.errors import NotFoundError, RuleSetError
from ledger.kinds import MemberKind
from ledger.project_terms import ProjectType
from ledger.rules import (
    SHIPPED_DIR,
    get_rule_set,
    load_rule_file,
    load_rule_sets,
    parse_rule_text,
    user_rules_dir,
)

BAD_RULES = Path(__file__).parent.parent / "data" / "rules"
BRUSSELS = ZoneInfo("Europe/Brussels")


def test_shipped_rule_sets_carry_the_calls_terms() -> None:
    rules = load_rule_sets()
    assert {"spearhead-2020", "ibn-2020", "ibn-2026"} <= set(rules)
    assert (rules["spearhead-2020"].annual_cap_cents, rules["spearhead-2020"].max_years) == (
        500_000_00,
        10,
    )
    assert (rules["ibn-2020"].annual_cap_cents, rules["ibn-2020"].max_years) == (150_000_00, 3)
    ibn = rules["ibn-2026"]
    assert (ibn.annual_cap_cents, ibn.max_years) == (225_000_00, 3)
    assert ibn.min_flemish_enterprises_with_mandate == 30
    assert ibn.aid_share_of_costs == Decimal("0.50")
    assert ibn.matching_ratio == Decimal(1)
    assert ibn.counted_kinds == frozenset({MemberKind.ENTERPRISE})
    deadlines = {d.name: d.at for d in ibn.deadlines}
    assert deadlines["pre-registration"] == datetime(2026, 1, 23, 12, 0, tzinfo=BRUSSELS)
    assert deadlines["dossier"] == datetime(2026, 5, 11, 12, 0, tzinfo=BRUSSELS)


def test_a_user_adds_a_rule_set_by_dropping_a_file() -> None:
    folder = user_rules_dir()
    folder.mkdir(parents=True)
    (folder / "ibn-2030.toml").write_text(
        'id = "ibn-2030"\nannual_cap = "250000"\nmax_years = 4\naid_share_of_costs = "0.5"\n'
        'matching_ratio = "1"\ncounted_kinds = ["enterprise"]\n',
        encoding="utf-8",
    )
    rules = load_rule_sets()
    assert rules["ibn-2030"].annual_cap_cents == 250_000_00
    assert rules["ibn-2030"].max_years == 4
    assert "ibn-2026" in rules


def test_unknown_rule_set_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="ibn-2026"):
        get_rule_set("ibn-1999")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing-cap", "missing key 'annual_cap'"),
        ("not-toml", "not valid TOML"),
        ("wrong-id", "name the file some-other-id.toml"),
        ("bad-kind", "'counted_kinds'"),
        ("cap-three-decimals", "more than two decimals"),
        ("share-above-one", "at most 1"),
        ("zero-years", "at least 1"),
        ("bad-timezone", "not a known time zone"),
        ("years-as-text", "'max_years' is 'three'; expected int"),
        (
            "bad-project-type",
            "'project_types' is ['oo', 'baking']; expected a list drawn from oo, coock, csbo, "
            "icon, cooperative",
        ),
    ],
)
def test_a_broken_rule_file_names_itself_and_the_problem(name: str, words: str) -> None:
    path = BAD_RULES / f"{name}.toml"
    with pytest.raises(RuleSetError) as caught:
        load_rule_file(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_broken_user_file_stops_loading_with_its_name(tmp_path: Path) -> None:
    shutil.copy(BAD_RULES / "missing-cap.toml", tmp_path / "missing-cap.toml")
    with pytest.raises(RuleSetError, match=r"missing-cap\.toml"):
        load_rule_sets(tmp_path)


def test_a_rule_set_says_which_project_types_it_allows() -> None:
    rules = load_rule_sets()
    assert rules["spearhead-2020"].project_types == tuple(ProjectType)
    assert rules["ibn-2020"].project_types == ()
    assert rules["ibn-2026"].project_types == ()


def _without_project_types(rule_id: str) -> str:
    text = (SHIPPED_DIR / f"{rule_id}.toml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("project_types")]
    assert len(kept) == len(text.splitlines()) - 1
    return "\n".join(kept)


@pytest.mark.parametrize(
    ("rule_id", "types"),
    [("spearhead-2020", tuple(ProjectType)), ("ibn-2020", ()), ("ibn-2026", ())],
)
def test_a_copy_kept_before_the_field_reads_as_its_call_documents(
    rule_id: str, types: tuple[ProjectType, ...]
) -> None:
    """A cluster added before rule sets named project types keeps a copy without the key:
    a spearhead cluster's still allows the five types of the 2020 page."""
    assert parse_rule_text(_without_project_types(rule_id), "copy").project_types == types


def test_an_unknown_rule_set_without_the_field_allows_no_projects() -> None:
    text = _without_project_types("spearhead-2020").replace(
        'id = "spearhead-2020"', 'id = "spearhead-2030"'
    )
    assert parse_rule_text(text, "copy").project_types == ()


def test_an_empty_list_allows_no_projects_even_for_a_spearhead_id() -> None:
    text = _without_project_types("spearhead-2020") + "\nproject_types = []\n"
    assert parse_rule_text(text, "copy").project_types == ()
