"""The `l10n` command line: one module per command, registered in `main.COMMANDS`."""
