"""The translator's terminal UI (Textual), on top of the `l10n` core."""

DISTRIBUTION = "l10n-workflow"  # the console script checks it: see l10n_workflow_cli.py
