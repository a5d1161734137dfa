"""The store: schema, pragmas, transactions, ownership, migrations and damaged databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from companion.errors import NotFoundError, StoreError
from companion.store import NewFact, SourceRef, Store, TurnExtras, migrate
from tests.conftest import postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, db_url: str):  # type: ignore[no-untyped-def]
    """Every generic storage test runs on SQLite and, where a server is given, on PostgreSQL."""
    if request.param == "sqlite":
        opened = Store.open(db_url)
        yield opened
        opened.close()
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("SQLite-specific")
    with postgres_database() as url:
        opened = Store.open(url)
        yield opened
        opened.close()


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_turn_is_stored_together_with_sources(store: Store) -> None:
    user = store.user("alice")
    conversation = store.create_conversation(user, "Samantha")
    source = SourceRef("fact", "fact:director#0", 0.91)
    store.add_messages(
        conversation.id, [("user", "who made it?", ()), ("assistant", "Spike Jonze.", (source,))]
    )
    messages = store.messages(conversation.id)
    assert [(m.role, m.text) for m in messages] == [
        ("user", "who made it?"),
        ("assistant", "Spike Jonze."),
    ]
    assert messages[1].sources == (source,)
    assert store.conversation(user, conversation.id).title == "who made it?"


def test_failed_turn_stores_nothing(store: Store) -> None:
    user = store.user("alice")
    conversation = store.create_conversation(user, "Samantha")
    with pytest.raises(StoreError):
        store.add_messages(conversation.id, [("user", "hello", ()), ("assistant", None, ())])  # type: ignore[list-item]
    assert store.messages(conversation.id) == []


def test_conversations_are_private_to_their_user(store: Store) -> None:
    alice, bob = store.user("alice"), store.user("bob")
    conversation = store.create_conversation(alice, "Samantha")
    with pytest.raises(NotFoundError):
        store.conversation(bob, conversation.id)
    with pytest.raises(NotFoundError):
        store.delete_conversation(bob, conversation.id)
    assert store.list_conversations(bob) == []
    assert [s.conversation.id for s in store.list_conversations(alice)] == [conversation.id]


def test_list_newest_first_with_counts_and_delete(store: Store) -> None:
    user = store.user("alice")
    first = store.create_conversation(user, "Samantha")
    second = store.create_conversation(user, "Samantha")
    store.add_messages(first.id, [("user", "later message", ()), ("assistant", "ok", ())])
    summaries = store.list_conversations(user)
    assert [(s.conversation.id, s.message_count) for s in summaries] == [
        (first.id, 2),
        (second.id, 0),
    ]
    store.delete_conversation(user, first.id)
    assert [s.conversation.id for s in store.list_conversations(user)] == [second.id]
    assert store.messages(first.id) == []


def test_long_titles_are_cut_on_a_word(store: Store) -> None:
    user = store.user("alice")
    conversation = store.create_conversation(user, "Samantha")
    store.add_messages(conversation.id, [("user", "word " * 100, ())])
    title = store.conversation(user, conversation.id).title
    assert len(title) <= 60 and title.endswith("…")


def test_migrations_from_blank_reach_head_and_round_trip(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    head = migrate.head_revision()
    assert migrate.current_revision(store.engine) == head
    migrate.upgrade(store.engine, "head")  # idempotent
    from alembic import command

    config = migrate._config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert migrate.current_revision(store.engine) is None
    store.close()
    reopened = Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    assert migrate.current_revision(reopened.engine) == head
    reopened.close()


def test_existing_data_survives_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keep.db'}"
    store = Store.open(url)
    conversation = store.create_conversation(store.user("alice"), "Samantha")
    store.add_messages(conversation.id, [("user", "remember this", ())])
    store.close()
    again = Store.open(url)
    assert [m.text for m in again.messages(conversation.id)] == ["remember this"]


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 100
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a companion database"):
        Store.open(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_invalid_url_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="invalid database URL"):
        Store.open("nonsense://///")
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")


def test_locked_database_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.db"
    store = Store.open(f"sqlite:///{path}")
    user = store.user("alice")
    monkeypatch.setenv("COMPANION_BUSY_TIMEOUT_MS", "100")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        contender = Store(store.engine)  # same engine, fresh connections pick up the short timeout
        store.engine.dispose()
        with pytest.raises(StoreError, match="locked by another program"):
            contender.create_conversation(user, "Samantha")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.list_conversations(user) == []


def test_database_from_first_schema_is_migrated_with_its_data(tmp_path: Path) -> None:
    saved = Path(__file__).parent / "data" / "schema-0001.db"
    copy = tmp_path / "old.db"
    copy.write_bytes(saved.read_bytes())
    store = Store.open(f"sqlite:///{copy}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    user = store.user("olduser")
    [summary] = store.list_conversations(user)
    assert summary.conversation.title == "from the first schema" and summary.message_count == 2
    assert store.messages(summary.conversation.id)[1].sources[0].reference.startswith("theme:")
    assert store.memories(user) == []  # the new tables exist and start empty


def test_memories_history_forget_and_user_deletion(store: Store) -> None:
    alice, bob = store.user("alice"), store.user("bob")
    conversation = store.create_conversation(alice, "Samantha")
    lisbon = NewFact("location", "", "Lisbon")
    store.add_turn(
        conversation.id,
        "I live in Lisbon",
        "Lovely.",
        (),
        TurnExtras(facts=(lisbon,), mood=(1, "good"), vector=("m", b"\x00" * 8)),
    )
    store.add_turn(
        conversation.id,
        "I moved to Porto",
        "Oh!",
        (),
        TurnExtras(facts=(NewFact("location", "", "Porto"),)),
    )
    _, outcome = store.remember(alice, NewFact("location", "", "porto"))
    assert outcome == "repeat"
    assert [m.value for m in store.recall(alice, "location")] == ["Porto"]
    assert [m.value for m in store.recall(alice, "location", history=True)] == ["Porto", "Lisbon"]
    assert store.recall(bob, "location") == []
    pet, _ = store.remember(alice, NewFact("pet", "dog", "Biscuit"))
    store.forget_memory(alice, pet.id)
    assert [m.kind for m in store.memories(alice, include_history=True)] == ["location", "location"]
    hits = store.search_messages(alice, "porto")
    assert [h.message.text for h in hits] == ["I moved to Porto"]
    assert store.search_messages(bob, "porto") == []
    store.delete_user("alice")
    assert store.find_user("alice") is None and store.find_user("bob") is not None
    assert store.list_users()[0].user.name == "bob"


def test_turn_context_reads_the_last_messages_and_current_facts_of_the_kinds_asked(
    store: Store,
) -> None:
    alice, bob = store.user("alice"), store.user("bob")
    conversation = store.create_conversation(alice, "Samantha")
    for n in range(4):
        store.add_turn(conversation.id, f"message {n}", f"reply {n}", ())
    store.remember(alice, NewFact("name", "", "Alice"))
    store.remember(alice, NewFact("name", "", "Ally"))  # supersedes Alice
    store.remember(alice, NewFact("event", "interview", "interview", "on friday", False))
    store.remember(alice, NewFact("location", "", "Lisbon"))  # a kind not asked for
    store.remember(bob, NewFact("name", "", "Bob"))  # another user's fact

    context = store.turn_context(conversation.id, alice, 3, ("name", "event"))

    assert [m.text for m in context.recent] == ["reply 2", "message 3", "reply 3"]
    assert sorted((m.kind, m.value) for m in context.memories) == [
        ("event", "interview"),
        ("name", "Ally"),
    ]


def test_a_turn_on_a_missing_conversation_stores_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.add_turn(9999, "hello", "hi", ())
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar() == 0


def test_a_repeat_raises_confidence_and_a_correction_makes_it_certain(store: Store) -> None:
    alice = store.user("alice")
    lisbon, outcome = store.remember(alice, NewFact("location", "", "Lisbon"))
    assert (outcome, lisbon.confidence) == ("new", 0.8)
    repeats = [store.remember(alice, NewFact("location", "", "lisbon")) for _ in range(3)]
    assert [(m.id, m.confidence) for m, _ in repeats] == [(lisbon.id, c) for c in (0.9, 1.0, 1.0)]
    nurse, _ = store.remember(alice, NewFact("their_job", "sister", "nurse", confidence=0.6))
    assert nurse.confidence == 0.6
    # Said again, plainly: the surer of the two readings, and one step more.
    again, outcome = store.remember(alice, NewFact("their_job", "sister", "nurse"))
    assert (outcome, again.id, again.confidence) == ("repeat", nurse.id, 0.9)
    # A new value starts from its own confidence; the old one is kept as it was.
    porto, outcome = store.remember(alice, NewFact("location", "", "Porto"))
    assert (outcome, porto.confidence) == ("updated", 0.8)
    assert store.memory(alice, lisbon.id).confidence == 1.0
    corrected = store.edit_memory(alice, porto.id, "Braga")
    assert (corrected.value, corrected.confidence) == ("Braga", 1.0)
    assert store.memory(alice, porto.id).confidence == 1.0
    assert {m.value: m.to_json()["confidence"] for m in store.memories(alice)} == {
        "Braga": 1.0,
        "nurse": 0.9,
    }
    with pytest.raises(ValueError, match="between 0 and 1"):
        NewFact("location", "", "Faro", confidence=1.5)


def test_migration_0006_gives_the_memories_of_an_0005_database_the_default_confidence(
    tmp_path: Path,
) -> None:
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'at-0005.db'}"
    engine = create_engine(url)
    migrate.upgrade(engine, "0005")
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with engine.begin() as connection:
        before = connection.execute(text(triggers)).scalars().all()
        assert before  # the full-text search triggers a batch copy would drop
        connection.execute(
            text("INSERT INTO users (id, name, created_at) VALUES (1, 'old', '2026-12-01')")
        )
        connection.execute(
            text(
                "INSERT INTO conversations (id, user_id, title, persona, started_at, updated_at)"
                " VALUES (1, 1, 't', 'Samantha', '2026-12-01', '2026-12-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO messages (id, conversation_id, role, text, created_at, sources)"
                " VALUES (1, 1, 'user', 'my dog is called Biscuit', '2026-12-01', '[]')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO memories (user_id, kind, subject, value, detail, source_message_id,"
                " first_seen, last_seen, times_mentioned) VALUES"
                " (1, 'pet', 'dog', 'Biscuit', '', 1, '2026-12-01', '2026-12-01', 2),"
                " (1, 'location', '', 'Lisbon', '', NULL, '2026-12-01', '2026-12-01', 1)"
            )
        )
    engine.dispose()
    store = Store.open(url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    user = store.user("old")
    kept = {
        (m.kind, m.value, m.source_message_id, m.times_mentioned, m.confidence)
        for m in store.memories(user)
    }
    assert kept == {("pet", "Biscuit", 1, 2, 0.8), ("location", "Lisbon", None, 1, 0.8)}
    with store.engine.connect() as connection:
        assert connection.execute(text(triggers)).scalars().all() == before  # not a batch copy
    assert [h.message.text for h in store.search_messages(user, "biscuit")] == [
        "my dog is called Biscuit"
    ]
    pet = next(m for m in store.memories(user) if m.kind == "pet")
    assert store.remember(user, NewFact("pet", "dog", "biscuit"))[0].confidence == 0.9
    assert store.memory(user, pet.id).times_mentioned == 3
    store.close()
