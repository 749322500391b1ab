"""The errors gapcheck raises on purpose; the CLI maps them to one line and an exit code."""

from __future__ import annotations


class GapcheckError(Exception):
    """Base of every error gapcheck expects; its message is shown to the user as is."""

    exit_code = 1


class InputError(GapcheckError):
    """An input file (resume, job ad, taxonomy) cannot be read or used. Exit code 1."""


class TooManyNames(InputError):
    """A document names more skills than gapcheck reads in one document (`Limits.max_names`)."""


class UnsupportedInput(InputError):
    """The file is of a type gapcheck does not read."""


class NoTextLayer(InputError):
    """A PDF with pages but no extractable text: it needs OCR first."""


class TaxonomyError(InputError):
    """A taxonomy file is malformed or inconsistent; the message names the file and the entry."""


class MissingExtra(GapcheckError):
    """An option needs an optional package that is not installed; the message says how to install it."""


class OutputError(GapcheckError):
    """An output cannot be written where it was asked for."""


class UsageError(GapcheckError):
    """The command line asks for something impossible (an unknown role, clashing options). Exit code 2."""

    exit_code = 2
