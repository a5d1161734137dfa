"""Private by default: files only the owner can read, foreign or damaged databases left exactly as
they were, and text a person typed never read as markup by the app."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.store import NewFact, Store
from tests import test_cli as cli
from tests import test_tui as tui
from tests.conftest import run_env


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_fresh_database_and_folders_are_private_whatever_the_umask(
    tmp_path: Path, umask_022: None
) -> None:
    home = tmp_path / "home"
    result = cli.companion(home, "chat", "--jsonl", "--model", "lexical", stdin="hello\n")
    assert result.returncode == 0, cli.err(result)
    database = home / "data" / "companion.db"
    assert mode(database) == 0o600
    for folder in (home, home / "data", home / "config"):
        assert mode(folder) == 0o700, folder
    exported = tmp_path / "out.md"
    assert (
        cli.companion(home, "conversations", "export", "last", "-o", str(exported)).returncode == 0
    )
    assert mode(exported) == 0o600
    copy = cli.companion(home, "persona", "new", "Mine")
    assert copy.returncode == 0
    assert mode(home / "config" / "personas" / "mine.toml") == 0o600


def test_wal_and_shm_files_are_private_while_open(tmp_path: Path, umask_022: None) -> None:
    database = tmp_path / "open.db"
    store = Store.open(f"sqlite:///{database}")
    try:
        store.create_conversation(store.user("ana"), persona="Samantha")
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            assert side.exists() and mode(side) == 0o600, suffix
    finally:
        store.close()


def test_existing_loose_files_are_tightened_on_open(tmp_path: Path) -> None:
    database = tmp_path / "loose.db"
    Store.open(f"sqlite:///{database}").close()
    database.chmod(0o644)
    Store.open(f"sqlite:///{database}").close()
    assert mode(database) == 0o600


def _foreign(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('my shopping list')")
    connection.commit()
    connection.close()
    return path


def _damaged(tmp_path: Path) -> Path:
    good = tmp_path / "good.db"
    store = Store.open(f"sqlite:///{good}")
    store.create_conversation(store.user("ana"), persona="Samantha")
    store.close()
    data = bytearray(good.read_bytes())
    data[4096 * 3 : 4096 * 3 + 300] = b"\xff" * 300
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    return damaged


@pytest.mark.parametrize("kind", ["foreign", "damaged", "not-a-database"])
def test_another_programs_or_a_damaged_database_is_refused_and_untouched(
    tmp_path: Path, kind: str
) -> None:
    if kind == "foreign":
        database = _foreign(tmp_path / "other.db")
    elif kind == "damaged":
        database = _damaged(tmp_path)
    else:
        database = tmp_path / "notes.db"
        database.write_bytes(b"not sqlite at all\n" * 200)
    before = digest(database)
    url = f"sqlite:///{database}"
    home = tmp_path / "home"
    for args, stdin in [
        (("conversations", "list"), ""),
        (("chat", "--jsonl", "--model", "lexical"), "hello\n"),
        (("memory", "list"), ""),
    ]:
        result = cli.companion(home, "--db", url, *args, stdin=stdin)
        assert result.returncode == 2, (args, cli.out(result))
        message = cli.err(result).strip()
        assert "\n" not in message and "untouched" in message, message
        assert digest(database) == before, args
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(database.name)) == [
        database.name
    ]


def _seed_typed_text(db_url: str, text: str) -> None:
    """A conversation titled ``text`` and a memory whose value is ``text``."""
    store = Store.open(db_url)
    user = store.user("tester")
    conversation = store.create_conversation(user, persona="Samantha")
    store.rename_conversation(user, conversation.id, text)
    store.remember(user, NewFact("hometown", "self", text))
    store.close()


async def _send_and_visit_every_screen(db_url: str, text: str) -> None:
    """Send ``text`` as a first message, then open and close each screen that shows it."""
    app = tui.make_app(db_url)
    async with app.run_test(size=tui.SIZE) as pilot:
        await tui.ready(pilot)
        await tui.send(pilot, text)
        assert text in tui.transcript(pilot)
        for key in ("f2", "escape", "ctrl+r", "escape", "ctrl+t", "escape", "ctrl+f", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("text", ["[/]", "[red]Paris[/red]", "[bold", "[link=x]y[/link]"])
async def test_typed_text_is_never_markup_in_the_app(db_url: str, text: str) -> None:
    _seed_typed_text(db_url, text)
    await _send_and_visit_every_screen(db_url, text)


def test_another_alembic_app_is_not_mistaken_for_companion(tmp_path: Path) -> None:
    from companion.errors import StoreError

    database = tmp_path / "other_app.db"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    connection.commit()
    connection.close()
    before = digest(database)
    with pytest.raises(StoreError, match="not a companion database"):
        Store.open(f"sqlite:///{database}")
    assert digest(database) == before


def test_one_model_export_at_a_time(tmp_path: Path) -> None:
    """The lock the ONNX export takes: a second holder waits for the first."""
    import threading

    from companion.files import exclusive

    lock = tmp_path / "cache" / "export.lock"
    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with exclusive(lock):
            order.append("first in")
            held.set()
            time.sleep(0.4)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    with exclusive(lock):
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]
    assert mode(lock) == 0o600


def test_looking_never_creates_a_profile(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli.companion(home, "chat", "--jsonl", "--model", "lexical", "--user", "ana", stdin="hi\n")
    for args in (
        ("conversations", "list", "--user", "typo"),
        ("memory", "list", "--user", "typo"),
        ("memory", "export", "--user", "typo"),
        ("conversations", "show", "last", "--user", "typo"),
    ):
        cli.companion(home, *args)
    users = cli.out(cli.companion(home, "user", "list", "--json"))
    assert [u["name"] for u in json.loads(users)] == ["ana"]


def test_deleting_another_profile_takes_its_name(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("ana", "ben"):
        cli.companion(home, "chat", "--jsonl", "--model", "lexical", "--user", name, stdin="hi\n")
    refused = cli.companion(home, "user", "delete", "ben", "--yes", "--user", "ana")
    assert refused.returncode == 2 and "--confirm" in cli.err(refused)
    wrong = cli.companion(home, "user", "delete", "ben", "--confirm", "bne", "--user", "ana")
    assert wrong.returncode == 2
    done = cli.companion(home, "user", "delete", "ben", "--confirm", "ben", "--user", "ana")
    assert done.returncode == 0, cli.err(done)
    own = cli.companion(home, "user", "delete", "ana", "--yes", "--user", "ana")
    assert own.returncode == 0, cli.err(own)


PERSONA_HEAD = """name = "M"
about = "x"
farewells = ["bye"]
fallbacks = ["hm"]
followups = ["?"]
[greetings]
first_meeting = ["hi"]
returning = ["hi"]
"""


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_device_or_pipe_as_corpus_is_one_line(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        target = str(tmp_path / "pipe.toml")
        os.mkfifo(target)
    persona = tmp_path / "p.toml"
    persona.write_text(PERSONA_HEAD + f'[[corpus]]\nkind = "themes"\npath = "{target}"\n')
    result = cli.companion(tmp_path / "home", "persona", "validate", str(persona))
    assert result.returncode == 2
    assert (
        cli.err(result).strip()
        == f"companion: {target}: not a regular file (a device, a pipe or a folder)"
    )


def test_missing_corpus_message_names_the_right_line(tmp_path: Path) -> None:
    themes = Path(__file__).resolve().parent.parent / "persona" / "corpus" / "themes"
    persona = tmp_path / "p.toml"
    persona.write_text(
        PERSONA_HEAD
        + f'[[corpus]]\nkind = "themes"\npath = "{themes}"\n\n'
        + '[[corpus]]\nkind = "facts"\npath = "missing.toml"\n'
    )
    result = cli.companion(tmp_path / "home", "persona", "validate", str(persona))
    lines = persona.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "missing.toml" in text)
    assert f"p.toml:{line}: corpus path 'missing.toml' does not exist" in cli.err(result)


@pytest.mark.parametrize(
    "text",
    [
        "my name is <script>alert(1)</script>",
        "my name is [b]Bob[/b]",
        "my name is Robert'); DROP TABLE users;--",
        "my name is Ana\x00Maria",
        "my name is `rm -rf`",
    ],
)
def test_code_and_markup_are_never_learned(store: Store, persona, text: str) -> None:  # type: ignore[no-untyped-def]
    from companion.engine import Companion

    companion = Companion(store, persona, model="lexical", seed=1)
    conversation = companion.new_conversation("ana")
    companion.reply("ana", conversation, text)
    assert store.memories(store.user("ana")) == []
    companion.reply("ana", conversation, "my name is Ana")
    assert [m.value for m in store.memories(store.user("ana"))] == ["Ana"]


def _hold_write_lock(database: Path, seconds: float) -> subprocess.Popen[bytes]:
    script = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('held', flush=True)\n"
        f"time.sleep({seconds})\n"
        "c.execute('COMMIT')\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    return holder


def test_reading_works_while_another_program_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli.companion(home, "chat", "--jsonl", "--model", "lexical", stdin="hello\n")
    database = home / "data" / "companion.db"
    holder = _hold_write_lock(database, 20)
    try:
        started = time.monotonic()
        env_ms = {"COMPANION_BUSY_TIMEOUT_MS": "1000"}
        listed = subprocess.run(
            [sys.executable, "-m", "companion", "conversations", "list"],
            env={**run_env(home), **env_ms},
            capture_output=True,
            timeout=60,
        )
        assert listed.returncode == 0, listed.stderr
        assert b"msgs" in listed.stdout and time.monotonic() - started < 15
    finally:
        holder.kill()


def test_jsonl_waits_out_a_long_lock_and_answers_every_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli.companion(home, "chat", "--jsonl", "--model", "lexical", stdin="hello\n")
    database = home / "data" / "companion.db"
    holder = _hold_write_lock(database, 4)
    result = subprocess.run(
        [sys.executable, "-m", "companion", "chat", "--jsonl", "--model", "lexical"],
        input=b"first line\nsecond line\n",
        env={**run_env(home), "COMPANION_BUSY_TIMEOUT_MS": "500"},
        capture_output=True,
        timeout=120,
    )
    holder.wait(timeout=30)
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0 and len(lines) == 2
    assert all("reply" in line for line in lines), lines


MARKUPISH = (
    st.lists(
        st.sampled_from(
            ["[/]", "[b]", "[@click=x]", "[red]", "[/red]", "<b>", "{x}", "\\", "]", "[", "a", " "]
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=MARKUPISH)
def test_any_typed_text_is_shown_as_text_on_every_screen(tmp_path: Path, text: str) -> None:
    """Property: whatever a person types (as a title, a memory, a message), no screen crashes."""
    import asyncio
    import uuid

    db_url = f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"
    _seed_typed_text(db_url, text)
    asyncio.run(_send_and_visit_every_screen(db_url, text))
