"""A mapping the user gave with --map is saved per source layout and reused next time."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run
from tests.importers.workbooks import ALFA, KENNIS, dump, write_xlsx

CLUSTER = "Circular Plastics"
HEADER = ["Klant", "Storting", "Jaar"]  # no synonyms: "Klant" and "Storting" need a mapping


def _file(path: Path, *rows: list[object]) -> Path:
    return write_xlsx(path, {"Export": [HEADER, *rows]})


def test_a_given_mapping_is_saved_on_commit_and_reused(
    demo_cluster: Run, db_target: str, tmp_path: Path
) -> None:
    first = _file(tmp_path / "jan.xlsx", [ALFA, 100, 2026])
    without = demo_cluster("import", str(first), "--cluster", CLUSTER, expect=1)
    assert "no sheet has a header row" in without.stderr
    maps = ("--map", "Klant=kbo", "--map", "STORTING=amount")
    before = dump(db_target)
    demo_cluster("import", str(first), "--cluster", CLUSTER, *maps)  # a dry run saves nothing
    assert dump(db_target) == before
    demo_cluster("import", str(first), "--cluster", CLUSTER, *maps, "--commit")
    # Next month's export has the same columns (written differently): no --map needed.
    second = write_xlsx(
        tmp_path / "feb.xlsx", {"Export": [["klant", "storting ", "JAAR"], [KENNIS, 5, 2026]]}
    )
    out = demo_cluster("import", str(second), "--cluster", CLUSTER, "--commit").stdout
    assert "Imported 1 rows as batch 2" in out
    listed = demo_cluster("contribution", "list", "--cluster", CLUSTER, "--json").stdout
    assert '"amount": "5.00"' in listed


def test_a_new_mapping_replaces_the_saved_one(demo_cluster: Run, tmp_path: Path) -> None:
    path = _file(tmp_path / "jan.xlsx", [ALFA, 100, 2026])
    base = ("import", str(path), "--cluster", CLUSTER)
    demo_cluster(*base, "--map", "Klant=kbo", "--map", "Storting=amount", "--commit")
    other = _file(tmp_path / "feb.xlsx", [KENNIS, 100, 2026])
    ignored = ("--map", "Klant=kbo", "--map", "Storting=amount", "--map", "Jaar=ignore")
    out = demo_cluster("import", str(other), "--cluster", CLUSTER, "--year", "2027", *ignored)
    assert "year 2027" in out.stdout  # the year column is ignored now
