"""The people in the user's life, and their own story told in passing: what is read from a
message, and what she answers from it in a later conversation and a later process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.engine import Companion
from companion.memory.keeper import learn
from companion.memory.people import resolve_subjects
from companion.store import Store
from companion.understanding.facts import extract_facts
from companion.understanding.memory_questions import MemoryQuestion, parse_memory_question
from companion.understanding.state import Person
from tests.test_cli import companion as run_cli
from tests.test_cli import err, jsonl, out

NEW_KINDS = {"their_home", "their_job", "their_workplace", "their_study", "their_saying", "taught",
             "moved_for", "used_to", "gave_up", "study"}  # fmt: skip


def told(text: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.subject, f.value) for f in extract_facts(text) if f.kind in NEW_KINDS]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sister Ana lives in Leeds", [("their_home", "sister", "Leeds")]),
        ("my brother moved to australia and i miss him", [("their_home", "brother", "australia")]),
        ("she's a nurse there", [("their_job", "pronoun:she", "nurse")]),
        ("Ana is a doctor", [("their_job", "name:Ana", "doctor")]),
        ("my dad was a miner", [("their_job", "father", "miner")]),
        ("my mate Dev works as a plumber", [("their_job", "friend:dev", "plumber")]),
        ("he works at a garage now", [("their_workplace", "pronoun:he", "a garage")]),
        ("my grandad taught me to fish when i was little", [("taught", "grandfather", "to fish")]),
        ("i learned to knit from my nan", [("taught", "grandmother", "to knit")]),
        ("I moved to Bristol in March for a nursing job", [("moved_for", "", "for a nursing job")]),
        ("i came here to study nursing", [("moved_for", "", "to study nursing")]),
        ("we moved here because of my wife's job", [("moved_for", "", "because of my wife's job")]),
        ("i used to play the cello", [("used_to", "", "play the cello")]),
        ("i used to paint all the time before the kids", [("used_to", "", "paint")]),
        ("gave up running after my knee", [("gave_up", "", "running")]),
        (
            "my mum always says no condition is permanent",
            [("their_saying", "mother", "no condition is permanent")],
        ),
        ("lukas, he's 20, he studies violin there", [("their_study", "pronoun:he", "violin")]),
        ("he lives with our parents in tampines", [("their_home", "pronoun:he", "tampines")]),
        ("he's the one who taught me the trade", [("taught", "pronoun:he", "the trade")]),
        (
            "kenji works for a railway company",
            [("their_workplace", "name:Kenji", "a railway company")],
        ),
    ],
)
def test_what_is_said_of_others_and_in_passing_is_read(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert told(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my boss is a nightmare",
        "he is a liar",
        "I've just moved to Porto!",
        "my best friend lives in another country now",
        "i came home for lunch",
        "i used to think i was fine",
        "i gave up hoping things would change",
        "It's a nightmare",
        "does my sister live in Leeds?",
        "I don't live in Lisbon anymore",
        "I used to live in Lisbon",
        "i study hard every night",
    ],
)
def test_messages_that_say_nothing_of_the_kind_teach_nothing(text: str) -> None:
    assert told(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my ex, brian, just liked my story", ("family", "ex", "Brian")),
        ("mochi my cat is sleeping in the basket", ("pet", "cat", "Mochi")),
        ("gerry my manager wants me on the airport route", ("friend", "manager", "Gerry")),
        ("i work evenings at a call centre", ("workplace", "", "a call centre")),
        ("i drive buses for dublin bus", ("job", "", "bus driver")),
        ("my dad drives a bus", ("their_job", "father", "bus driver")),
        ("i study architecture in madrid, first year", ("study", "", "architecture")),
        ("moved out to howth last weekend", ("location", "", "howth")),
    ],
)
def test_names_and_places_said_the_way_people_type_them(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert [(f.kind, f.subject, f.value) for f in extract_facts(text)] == [expected]


@pytest.mark.parametrize("text", ["she's my daughter, nine going on forty", "thats my boss"])
def test_a_pronoun_before_a_relation_is_no_name(text: str) -> None:
    assert extract_facts(text) == []


def test_his_name_names_him_not_the_user(fast_companion: Companion, store: Store) -> None:
    say(
        fast_companion,
        "ines",
        "my husband's on nights again",
        "his name's arjun btw. he's an anaesthetist at the royal infirmary",
    )
    user = store.user("ines")
    assert store.recall(user, "name") == []
    assert [m.value for m in store.recall(user, "family", "husband")] == ["Arjun"]
    assert [m.value for m in store.recall(user, "their_job", "husband")] == ["anaesthetist"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where does my sister live?", MemoryQuestion("their_home", "my sister")),
        ("where does ana live", MemoryQuestion("their_home", "ana")),
        ("whats my brothers job", MemoryQuestion("their_job", "my brother")),
        ("what does she do?", MemoryQuestion("their_job", "she")),
        ("where does Dev work?", MemoryQuestion("their_workplace", "dev")),
        ("what did my grandad teach me?", MemoryQuestion("taught", "my grandad")),
        ("who is ana?", MemoryQuestion("person", "ana")),
        ("why did i move here?", MemoryQuestion("moved_for")),
        ("what hobby did i give up?", MemoryQuestion("used_to")),
    ],
)
def test_questions_about_people_and_the_past_are_read(text: str, expected: MemoryQuestion) -> None:
    question = parse_memory_question(text)
    assert question is not None
    assert (question.kind, question.subject) == (expected.kind, expected.subject)


@pytest.mark.parametrize("text", ["what did he do?", "who is she?", "who is samantha?"])
def test_questions_that_are_conversation_are_not_memory_questions(text: str) -> None:
    assert parse_memory_question(text) is None


def say(companion: Companion, user: str, *lines: str) -> list[str]:
    conversation = companion.new_conversation(user)
    return [companion.reply(user, conversation, line).text for line in lines]


def test_people_facts_are_answered_in_a_new_conversation(fast_companion: Companion) -> None:
    say(
        fast_companion,
        "ines",
        "my sister Ana lives in Leeds",
        "she's a nurse there",
        "my grandad taught me to fish when i was little",
        "my mate Dev works at Tesco",
        "I moved to Bristol in March for a nursing job",
        "i used to play the cello",
    )
    where, job, who, grandad, dev, why, cello, about = say(
        fast_companion,
        "ines",
        "where does my sister live?",
        "what does Ana do?",
        "who is Ana?",
        "what did my grandad teach me?",
        "where does dev work?",
        "why did I move here?",
        "what instrument did i use to play?",
        "what did I tell you about my sister?",
    )
    assert "Leeds" in where and "Ana" in where
    assert "nurse" in job
    assert "sister" in who and "Leeds" in who and "nurse" in who
    assert "to fish" in grandad
    assert "Tesco" in dev
    assert "nursing job" in why
    assert "cello" in cello
    assert "Ana" in about and "Leeds" in about
    assert "what did" not in about.lower()  # never her own questions quoted back


def test_a_new_home_supersedes_the_old_one_which_stays_answerable(
    fast_companion: Companion, store: Store
) -> None:
    say(fast_companion, "ines", "my brother Luis lives in Madrid")
    say(fast_companion, "ines", "my brother moved to Lisbon last week")
    (now,) = say(fast_companion, "ines", "where does my brother live?")
    assert "Lisbon" in now and "Madrid" not in now
    user = store.user("ines")
    history = store.recall(user, "their_home", "brother", history=True)
    assert [m.value for m in history if not m.active] == ["Madrid"]


def test_a_person_no_one_told_her_of_is_not_answered_from_memory(
    fast_companion: Companion,
) -> None:
    conversation = fast_companion.new_conversation("ines")
    reply = fast_companion.reply("ines", conversation, "who is Theo?")
    assert not any(s.kind.startswith("memory") for s in reply.sources)
    asked = fast_companion.reply("ines", conversation, "where does my cousin live?")
    assert "haven't told me" in asked.text and "cousin" in asked.text


def test_she_is_not_a_fact_about_someone_no_one_mentioned(
    fast_companion: Companion, store: Store
) -> None:
    say(fast_companion, "ines", "she's a nurse")
    assert store.recall(store.user("ines"), "their_job") == []


def test_people_are_remembered_across_processes_and_kept_from_other_users(
    isolated_home: Path,
) -> None:
    jsonl(isolated_home, ["my sister rosa lives in Porto", "she works as a teacher"])
    asks = "where does my sister live?\nwhat does rosa do?\n"
    later = run_cli(
        isolated_home, "chat", "--jsonl", "--user", "alice", "--conversation", "new", stdin=asks
    )
    assert later.returncode == 0, err(later)
    replies = [json.loads(line)["reply"] for line in out(later).splitlines()]
    assert "Porto" in replies[0] and "teacher" in replies[1]
    stranger = run_cli(isolated_home, "chat", "--jsonl", "--user", "bob", stdin=asks)
    assert "Porto" not in out(stranger) and "teacher" not in out(stranger)


def test_every_new_kind_is_a_known_kind() -> None:
    from companion.understanding.facts import KINDS

    assert set(KINDS) >= NEW_KINDS


@pytest.mark.parametrize(
    "text",
    [
        "my brother lives in " + "x" * 5000,
        "I live in " + "Lisbon" * 40,
        "my sister lives in SELECT * FROM users",
        "my friend Bob works at <b>Tesco</b>",
    ],
)
def test_a_paste_or_markup_is_never_a_memory(text: str) -> None:
    assert [f for f in learn(text) if f.kind in NEW_KINDS | {"location"}] == []


def test_a_pastime_is_brought_back_once_where_free_time_comes_up(
    fast_companion: Companion,
) -> None:
    say(fast_companion, "ines", "i used to play the cello")
    conversation = fast_companion.new_conversation("ines")
    replies = [
        fast_companion.reply("ines", conversation, line)
        for line in ("i'm so bored", "so bored, nothing to do today", "bored bored bored")
    ]
    brought = [r for r in replies if "cello" in r.text]
    assert len(brought) == 1, [r.text for r in replies]
    assert any(s.reference.endswith(":used_to") for s in brought[0].sources)


def test_family_is_asked_after_when_missed_but_never_an_ex(fast_companion: Companion) -> None:
    say(fast_companion, "ines", "my sister is called Ana", "my ex is called Tom")
    replies = say(
        fast_companion,
        "ines",
        "I miss my family",
        "haven't seen my family in ages",
        "I miss my family",
    )
    assert not any("Tom" in r for r in replies)
    assert sum("Ana" in r for r in replies) == 1, replies


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "Maybe not at all. {person} sees one side of you.",
            "Maybe not at all. Your sister sees one side of you.",
        ),
        ("{person} sounds tired.", "Your sister sounds tired."),
        ("Did you tell {person}?", "Did you tell your sister?"),
    ],
)
def test_a_person_starting_a_sentence_is_capitalised(template: str, expected: str) -> None:
    from companion.engine.select import fill_person

    assert fill_person(template, "your sister") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sister is a nurse", ("sister", 0.8)),
        ("my sister is called Ana and she's a nurse", ("sister", 0.8)),
        ("she's a nurse there", ("sister", 0.6)),
        ("Ana is a nurse", ("sister", 0.6)),
    ],
)
def test_a_fact_whose_person_was_worked_out_is_held_less_surely(
    text: str, expected: tuple[str, float]
) -> None:
    in_play = [Person("sister", "Ana", "she")]  # the conversation was about her
    [fact] = [
        f for f in resolve_subjects(extract_facts(text), in_play, []) if f.kind == "their_job"
    ]
    assert (fact.subject, fact.confidence) == expected
