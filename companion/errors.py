"""Errors a user can cause or fix. Each message is one line a person can act on."""

from __future__ import annotations


class CompanionError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits with ``exit_code``."""

    exit_code = 2


class PersonaError(CompanionError):
    """The persona file is missing, unreadable, or does not validate."""


class CorpusError(CompanionError):
    """A corpus file named by the persona is missing or malformed."""


class StoreError(CompanionError):
    """The database cannot be opened, is corrupt, locked, or from an unknown schema."""


class NotFoundError(CompanionError):
    """A conversation (or other stored item) the user named does not exist."""
