"""Reusable widgets of the translator's UI."""
