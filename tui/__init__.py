"""The translator's terminal UI (Textual), on top of the `l10n` core."""
