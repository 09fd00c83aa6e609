"""The localisation workflow core: catalogs, sync, coverage, the gate, queue, checks, MT."""

DISTRIBUTION = "l10n-workflow"  # the console script checks it: see l10n_workflow_cli.py
