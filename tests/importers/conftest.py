"""The command-line fixtures, for importer tests that run ``cluster-ledger import``."""

from tests.cli.conftest import cli, demo_cluster  # noqa: F401 (fixtures shared with tests/cli)
