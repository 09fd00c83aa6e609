"""The `l10n` command line: one module per command, named in `main.COMMANDS`, loaded when used."""
