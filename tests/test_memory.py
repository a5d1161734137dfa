"""Per-user memory through the engine and the CLI: learning, recall, updates, forgetting, isolation."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from companion.engine import Companion
from companion.store import Store
from tests.test_cli import companion as run_cli
from tests.test_cli import err, jsonl, out


def say(companion: Companion, user: str, conversation: int, *lines: str) -> list[str]:
    return [companion.reply(user, conversation, line).text for line in lines]


def test_five_facts_survive_a_new_process_and_stay_private(isolated_home: Path) -> None:
    teach = [
        "Hi! My name is Priya",
        "I work as a nurse",
        "we named the dog Biscuit",
        "I live in Lisbon",
        "my favourite band is Radiohead",
    ]
    jsonl(isolated_home, teach)
    asks = [
        "what's my name?",
        "what's my job?",
        "what's my dog called?",
        "where do I live?",
        "what's my favourite band?",
        "what do you remember about me?",
    ]
    result = run_cli(
        isolated_home,
        "chat",
        "--jsonl",
        "--user",
        "alice",
        "--conversation",
        "new",
        stdin="\n".join(asks) + "\n",
    )
    assert result.returncode == 0, err(result)
    replies = [json.loads(line) for line in out(result).splitlines()]
    expected = ["Priya", "nurse", "Biscuit", "Lisbon", "Radiohead"]
    for reply, word in zip(replies, expected, strict=False):
        assert word in reply["reply"], reply
        assert any(s["kind"] == "memory" for s in reply["sources"])
    assert all(word in replies[-1]["reply"] for word in expected)

    stranger = run_cli(
        isolated_home, "chat", "--jsonl", "--user", "bob", stdin="\n".join(asks) + "\n"
    )
    leaked = " ".join(json.loads(line)["reply"] for line in out(stranger).splitlines())
    assert not any(word in leaked for word in expected), leaked


def test_a_new_value_replaces_the_old_and_keeps_history(
    fast_companion: Companion, store: Store
) -> None:
    conversation = fast_companion.new_conversation("alice").id
    say(fast_companion, "alice", conversation, "I live in Lisbon", "I moved to Porto last week")
    now, before = say(
        fast_companion, "alice", conversation, "where do I live?", "where did I live before?"
    )
    assert "Porto" in now and "Lisbon" not in now
    assert "Lisbon" in before
    user = store.user("alice")
    assert [m.value for m in store.memories(user) if m.kind == "location"] == ["Porto"]
    history = [m.value for m in store.memories(user, include_history=True) if m.kind == "location"]
    assert sorted(history) == ["Lisbon", "Porto"]


def test_saying_it_twice_counts_a_mention_not_a_duplicate(
    fast_companion: Companion, store: Store
) -> None:
    conversation = fast_companion.new_conversation("alice").id
    say(
        fast_companion,
        "alice",
        conversation,
        "my dog is called Biscuit",
        "My dog's name is Biscuit.",
    )
    [memory] = [
        m for m in store.memories(store.user("alice"), include_history=True) if m.kind == "pet"
    ]
    assert memory.value == "Biscuit" and memory.times_mentioned == 2 and memory.active


def test_forget_removes_exactly_what_was_named(fast_companion: Companion, store: Store) -> None:
    conversation = fast_companion.new_conversation("alice").id
    say(
        fast_companion,
        "alice",
        conversation,
        "my name is Priya",
        "I live in Lisbon",
        "I have a cat named Mochi",
    )
    reply = say(fast_companion, "alice", conversation, "forget where I live")[0]
    assert "Lisbon" in reply
    kinds = sorted(m.kind for m in store.memories(store.user("alice"), include_history=True))
    assert kinds == ["name", "pet"]
    say(fast_companion, "alice", conversation, "I love jazz", "forget that")
    kinds = sorted(m.kind for m in store.memories(store.user("alice"), include_history=True))
    assert kinds == ["name", "pet"]
    assert "Lisbon" not in say(fast_companion, "alice", conversation, "where do I live?")[0]


def test_name_is_used_and_events_are_asked_after_their_day(fast_companion: Companion) -> None:
    first = fast_companion.new_conversation("alice").id
    greeting = say(fast_companion, "alice", first, "I'm Priya", "my interview is on Friday")[0]
    assert "Priya" in greeting
    before = fast_companion.new_conversation("alice")
    texts = say(fast_companion, "alice", before.id, "hello", "how are you?")
    assert not any("go well" in t for t in texts)  # Friday has not come yet: too soon to ask
    today = datetime.now().astimezone()
    later = fast_companion.new_conversation("alice")
    after = today + timedelta(days=8)  # the Friday said has passed, whatever today is
    texts = [
        fast_companion.reply("alice", later, line, now=after).text
        for line in ("hello", "how are you?", "what's new")
    ]
    assert sum("interview on Friday go well" in t for t in texts) == 1
    assert "Priya" in fast_companion.greet("alice", fast_companion.new_conversation("alice"))


def test_what_did_i_tell_you_about_recalls_past_messages(fast_companion: Companion) -> None:
    first = fast_companion.new_conversation("alice").id
    say(fast_companion, "alice", first, "my sister Ana is moving to Berlin for a new job")
    later = fast_companion.new_conversation("alice").id
    reply = say(fast_companion, "alice", later, "what did I tell you about my sister?")[0]
    assert "moving to Berlin" in reply


def test_mood_is_recorded_and_charted(isolated_home: Path) -> None:
    jsonl(isolated_home, ["I feel so sad today", "I'm really happy now"])
    chart = run_cli(isolated_home, "memory", "mood", "--user", "alice")
    assert chart.returncode == 0 and "●" in out(chart) and "2 readings" in out(chart)


def test_memory_commands_list_edit_forget_wipe(isolated_home: Path) -> None:
    jsonl(isolated_home, ["my name is Priya", "I live in Lisbon"])
    listed = json.loads(out(run_cli(isolated_home, "memory", "list", "--json", "--user", "alice")))
    by_kind = {m["kind"]: m for m in listed}
    assert by_kind["name"]["value"] == "Priya" and by_kind["location"]["value"] == "Lisbon"
    city = str(by_kind["location"]["id"])
    edited = run_cli(isolated_home, "memory", "edit", city, "Porto", "--user", "alice")
    assert edited.returncode == 0 and "Porto" in out(edited)
    assert run_cli(isolated_home, "memory", "edit", city, "x", "--user", "bob").returncode == 2
    assert run_cli(isolated_home, "memory", "forget", city, "--user", "alice").returncode == 0
    remaining = json.loads(
        out(run_cli(isolated_home, "memory", "list", "--json", "--user", "alice"))
    )
    assert [m["kind"] for m in remaining] == ["name"]
    refused = run_cli(isolated_home, "memory", "wipe", "--user", "alice")
    assert refused.returncode == 2 and "--yes" in err(refused)
    assert run_cli(isolated_home, "memory", "wipe", "--yes", "--user", "alice").returncode == 0
    assert (
        json.loads(out(run_cli(isolated_home, "memory", "list", "--json", "--user", "alice"))) == []
    )


def test_user_delete_removes_every_row_of_that_user(isolated_home: Path) -> None:
    jsonl(isolated_home, ["my name is Priya", "I feel sad", "I live in Lisbon"])
    run_cli(isolated_home, "chat", "--jsonl", "--user", "bob", stdin="my name is Bob\n")
    deleted = run_cli(isolated_home, "user", "delete", "alice", "--confirm", "alice")
    assert deleted.returncode == 0, err(deleted)
    database = sqlite3.connect(isolated_home / "data" / "companion.db")
    [[alice]] = database.execute("select count(*) from users where name = 'alice'").fetchall() or [
        [0]
    ]
    assert alice == 0
    for table in ("conversations", "memories", "moods"):
        rows = database.execute(
            f"select count(*) from {table} where user_id not in (select id from users)"
        )
        assert rows.fetchone()[0] == 0, table
    orphans = database.execute(
        "select count(*) from messages where conversation_id not in (select id from conversations)"
    ).fetchone()[0]
    vectors = database.execute(
        "select count(*) from message_vectors where message_id not in (select id from messages)"
    ).fetchone()[0]
    assert orphans == 0 and vectors == 0
    assert database.execute("select count(*) from memories").fetchone()[0] >= 1  # bob's stay
    users = json.loads(out(run_cli(isolated_home, "user", "list", "--json")))
    assert [u["name"] for u in users] == ["bob"]


def test_a_place_typed_in_lower_case_is_answered_as_on_a_map(fast_companion: Companion) -> None:
    conversation = fast_companion.new_conversation("jo").id
    say(fast_companion, "jo", conversation, "i just moved to bristol for a new job")
    (answer,) = say(fast_companion, "jo", conversation, "where did i say i moved to?")
    assert "Bristol" in answer, answer


def test_memory_show_and_list_give_the_source_and_the_confidence(isolated_home: Path) -> None:
    told = ["I live in Lisbon", "we named the dog Biscuit", "I live in Lisbon"]
    conversation = str(jsonl(isolated_home, told)[0]["conversation_id"])

    def cli(*args: str) -> str:
        result = run_cli(isolated_home, *args, "--user", "alice")
        assert result.returncode == 0, err(result)
        return out(result)

    listed = {m["kind"]: m for m in json.loads(cli("memory", "list", "--json"))}
    assert {k: (m["source"], m["confidence"]) for k, m in listed.items()} == {
        "location": ("I live in Lisbon", 0.9),  # said twice
        "pet": ("we named the dog Biscuit", 0.8),
    }
    city = str(listed["location"]["id"])
    shown = cli("memory", "show", city)
    assert "confidence: high (0.9)" in shown
    assert re.search(r"learned from: “I live in Lisbon” \(\d{4}-\d{2}-\d{2}\)", shown), shown
    as_json = json.loads(cli("memory", "show", city, "--json"))
    assert (as_json["source"], as_json["confidence"]) == ("I live in Lisbon", 0.9)
    cli("memory", "edit", city, "Porto")
    corrected = cli("memory", "show", city)
    assert "Porto" in corrected and "confidence: very high (1.0)" in corrected
    # The conversation deleted, the memories stay, and say they have no message kept.
    cli("conversations", "delete", conversation)
    listed = {m["kind"]: m for m in json.loads(cli("memory", "list", "--json"))}
    assert sorted(listed) == ["location", "pet"]
    assert all(m["source"] is None and m["source_message_id"] is None for m in listed.values())
    assert "learned from: no message kept" in cli("memory", "show", city)
