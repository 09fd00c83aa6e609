"""The screens of the translator's UI, one per module."""
