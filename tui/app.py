"""The translator's application: language picker, queue, editor, coverage."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from l10n.config import Config, load_config
from l10n.errors import L10nError
from tui.keys import APP_KEYS, EDITOR_KEYS, HELP_NOTES, QUEUE_KEYS, bindings
from tui.machine import machine_from_config
from tui.providers import MachineTranslator
from tui.screens.comment import CommentScreen
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen
from tui.screens.languages import LanguageScreen
from tui.screens.queue import QueueScreen
from tui.settings import load_settings, save_theme, settings_path
from tui.text import one_line


class TranslatorApp(App[None]):
    """`l10n tui`: work through one language's queue, safely saving every entry."""

    CSS_PATH = "l10n.tcss"
    TITLE = "l10n"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(APP_KEYS))

    def __init__(
        self,
        config: Config,
        language: str | None = None,
        machine: MachineTranslator | None = None,
        open_editor: bool = True,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.language = language
        self.machine = machine
        self.open_editor = open_editor
        self.sub_title = config.project
        self.settings_file = settings_file or settings_path()

    def on_mount(self) -> None:
        self._use_remembered_theme()
        if self.language is not None:
            self.open_language(self.language)
        else:
            self.action_languages()

    def _use_remembered_theme(self) -> None:
        """The theme last chosen in the palette (the user's settings, not the project's);
        every theme chosen from now on is remembered."""
        settings = load_settings(self.settings_file)
        if settings.problem is not None:
            self.notify(settings.problem, title="Settings", severity="warning", markup=False)
        if settings.theme is not None and settings.theme in self.available_themes:
            self.theme = settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, theme: Theme) -> None:
        problem = save_theme(self.settings_file, theme.name)
        if problem is not None:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    def action_languages(self) -> None:
        """Show the language picker; the language chosen there opens its queue."""
        self.push_screen(LanguageScreen(self.config), self._language_chosen)

    def _language_chosen(self, language: str | None) -> None:
        if language is not None:
            self.open_language(language)

    def open_language(self, language: str) -> None:
        """Show the queue of a language (it loads in a worker, then opens the editor)."""
        self.language = language
        self.push_screen(QueueScreen(self.config, language, self.machine, self.open_editor))

    async def action_quit(self) -> None:
        """Quit once every save has reached the disk; unsaved text stays as a draft (said so
        on the terminal, never asked); a comment being typed is saved."""
        for screen in self.screen_stack:
            if isinstance(screen, CommentScreen):
                screen.save_typed()
        kept = [
            screen.item.identity
            for screen in self.screen_stack
            if isinstance(screen, EditorScreen) and screen.keep_draft()
        ]
        saves = [worker for worker in self.workers if worker.group == "save"]
        if saves:
            with contextlib.suppress(WorkerFailed, WorkerCancelled):  # already reported
                await self.workers.wait_for_complete(saves)
        message = None
        if kept:  # data from catalogs: rich Text, never markup
            message = Text(
                f"Not saved, kept as a draft: {one_line(kept[-1])} "
                "(it is back in the field when you open it again)."
            )
        self.exit(message=message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that failed unexpectedly is shown, never swallowed."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.report(event.worker.error)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette offers every key of the current screen, with its help."""
        yield from super().get_system_commands(screen)
        keys = EDITOR_KEYS if isinstance(screen, EditorScreen) else ()
        keys = QUEUE_KEYS if isinstance(screen, QueueScreen) else keys
        for key in keys:
            help_text = f"{HELP_NOTES.get(key.action, key.description)} ({key.keys})"
            yield SystemCommand(
                key.description, help_text, partial(self.run_action, key.action, screen)
            )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def report(self, error: BaseException) -> None:
        """Show a core error as a notification (the CLI would print it on stderr)."""
        message = str(error) if isinstance(error, L10nError) else f"{type(error).__name__}: {error}"
        self.notify(message, title="Error", severity="error", markup=False, timeout=8)


def create_app(
    config_path: Path,
    language: str | None = None,
    machine: MachineTranslator | None = None,
    open_editor: bool = True,
) -> TranslatorApp:
    """Build the app as `l10n tui` does (tests and snapshots use this same factory).

    Without `machine`, machine translation comes from the config's `mt:` section.
    """
    config = load_config(config_path)
    return TranslatorApp(config, language, machine or machine_from_config(config), open_editor)
