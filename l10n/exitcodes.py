"""Exit statuses of the `l10n` command: 0 clean, 1 findings, 2 bad input or usage.

70 (EX_SOFTWARE of sysexits.h) is an internal error, a bug: never 1, so that CI never
takes a crash for findings. 130 (128 + SIGINT) is a run the user interrupted, as shells
report it.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 70
    INTERRUPTED = 130
