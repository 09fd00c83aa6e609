"""Readers of the site's English sources: menus, interface strings, articles, templates."""
