"""Shared fixtures. Every test runs with COMPANION_HOME in a temporary folder: no real user data."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.engine import Companion
from companion.engine.encoder import HashingEncoder
from companion.persona import load_persona
from companion.store import Store

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    monkeypatch.delenv("COMPANION_DB", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # Crisis resources follow the locale; tests pin the international default.
    monkeypatch.setenv("COMPANION_REGION", "international")
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def persona():  # type: ignore[no-untyped-def]
    return load_persona("samantha")


@pytest.fixture
def fast_companion(store: Store, persona) -> Companion:  # type: ignore[no-untyped-def]
    """The real corpus with a small hashing encoder: fast, deterministic, dense code path."""
    return Companion(store, persona, encoder_factory=HashingEncoder, model="wait", seed=7)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the whole session, so the real model embeds the corpus once."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture
def real_companion(
    store: Store, persona, model_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> Companion:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_HOME", str(model_cache))
    companion = Companion(store, persona, model="wait", seed=11)
    assert companion.model_ready, companion.model_error
    return companion


_shared_cache: list[Path] = []  # set once per session by the fixture below


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for every subprocess of the session: the corpus's vectors and the
    classifiers fitted on them are derived data, so each is made once, not in every process."""
    folder = tmp_path_factory.mktemp("shared-cache")
    _shared_cache[:] = [folder]
    return folder


def run_env(home: Path, *, real_model: bool = False) -> dict[str, str]:
    """The environment of a subprocess test: its own COMPANION_HOME (the session's shared
    cache), and the small hashing encoder unless the test is about the real model (a first
    start exports and embeds for half a minute)."""
    env = dict(os.environ)
    env["COMPANION_HOME"] = str(home)
    if _shared_cache:
        env["COMPANION_CACHE"] = str(_shared_cache[0])
    env.pop("COMPANION_DB", None)
    if real_model:
        env.pop("COMPANION_TEST_ENCODER", None)
    else:
        env["COMPANION_TEST_ENCODER"] = "hashing"
    return env


PG_URL_ENV = "COMPANION_TEST_PG_URL"


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (skips when no server is configured)."""
    server = os.environ.get(PG_URL_ENV)
    if not server:
        pytest.skip(f"no PostgreSQL server ({PG_URL_ENV} unset; .ci/run starts one)")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"companion_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
