"""Exit statuses of the `l10n` command: 0 clean, 1 findings, 2 bad input or usage."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
