"""Every filesystem path the app uses, in one place.

``COMPANION_HOME`` moves the whole tree (data, config, cache) under one directory; tests point it at
``tmp_path`` so they never touch a real user's files. ``COMPANION_CACHE`` moves the cache alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "companion"
HOME_ENV = "COMPANION_HOME"
DB_ENV = "COMPANION_DB"
CACHE_ENV = "COMPANION_CACHE"


def _root_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    from companion.files import private_folder

    return private_folder(path)


def data_dir() -> Path:
    """Where conversations and memories live (the SQLite database)."""
    root = _root_override()
    return _ensure(root / "data" if root else Path(platformdirs.user_data_dir(APP_NAME)))


def config_dir() -> Path:
    """Where the user's own persona files live."""
    root = _root_override()
    return _ensure(root / "config" if root else Path(platformdirs.user_config_dir(APP_NAME)))


def cache_dir() -> Path:
    """Where embedding vectors and fitted classifiers are cached; safe to delete.
    ``COMPANION_CACHE`` puts it anywhere (several homes can share one cache: it holds nothing
    of the person's, only what is derived from the corpus and the model)."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return _ensure(Path(own).expanduser())
    root = _root_override()
    return _ensure(root / "cache" if root else Path(platformdirs.user_cache_dir(APP_NAME)))


def user_personas_dir() -> Path:
    return _ensure(config_dir() / "personas")


def embeddings_cache_dir() -> Path:
    return _ensure(cache_dir() / "embeddings")


def classifiers_cache_dir() -> Path:
    """Where the classifiers fitted on a corpus's example vectors are kept; safe to delete."""
    return _ensure(cache_dir() / "classifiers")


def default_database_url() -> str:
    """``COMPANION_DB`` if set, else SQLite in the data directory."""
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{data_dir() / 'companion.db'}"


def bundled_personas_dir() -> Path:
    """The personas shipped with the package (``persona/`` in a checkout)."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_bundled_persona"
    if installed.is_dir():
        return installed
    return package_dir.parent / "persona"
