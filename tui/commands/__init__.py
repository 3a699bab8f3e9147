"""The command line's commands, one module per area; ``tui/cli.py`` assembles them."""
