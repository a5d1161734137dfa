"""When no kept fact answers a memory question, she quotes the message of theirs that does, and
says she was not told when none does; forgotten messages are never quoted back."""

from __future__ import annotations

import pytest

from companion.engine import Companion
from companion.memory.evidence import Candidate, best_evidence, content_words, quote_of
from companion.store import Store
from companion.store.records import MessageRecord
from companion.understanding.memory_questions import parse_memory_question


def say(companion: Companion, user: str, *lines: str) -> list[str]:
    conversation = companion.new_conversation(user)
    return [companion.reply(user, conversation, line).text for line in lines]


def test_a_fact_no_rule_reads_is_answered_with_their_own_words(fast_companion: Companion) -> None:
    say(
        fast_companion,
        "meera",
        "i made mango pickle today for the first time in ages. my nani taught me when i was ten",
        "also found my old sitar case in the loft",
    )
    answer = say(fast_companion, "meera", "what did my nani teach me?")[0]
    assert "pickle" in answer and answer.startswith("You told me:")
    # Another user hears nothing of it.
    other = say(fast_companion, "tom", "what did my nani teach me?")[0]
    assert "pickle" not in other


def test_a_pronoun_after_the_person_was_named_is_theirs(fast_companion: Companion) -> None:
    say(
        fast_companion,
        "liam",
        "it means i get molly friday instead. she's my daughter, nine going on forty",
        "she's mad into football, plays for the under 10s",
        "rusty is asleep on my feet",
    )
    assert "football" in say(fast_companion, "liam", "what sport does my daughter play?")[0]


def test_questions_of_other_shapes_are_answered_or_left_to_the_conversation(
    fast_companion: Companion,
) -> None:
    say(
        fast_companion,
        "ana",
        "i started a pottery class on tuesdays, first one was a mess lol",
        "back in recife i used to swim in the sea every morning",
    )
    assert "pottery" in say(fast_companion, "ana", "what class did i start?")[0]
    # Nothing she was told says it: the conversation answers, not a made-up memory.
    reply = say(fast_companion, "ana", "what did i race when i was young?")[0]
    assert not reply.startswith("You told me")


def test_advice_questions_are_not_memory_questions() -> None:
    for text in ("what should i do?", "why do i always mess up?", "what did i do wrong?",
                 "how do i tell my boss?", "what do i do now?"):  # fmt: skip
        assert parse_memory_question(text) is None, text
    for text in ("what did i take up last month?", "where do i work at the weekends?",
                 "what sport does my daughter play?", "how do i feel about my brother?"):  # fmt: skip
        question = parse_memory_question(text)
        assert question is not None and question.kind == "recall", text


def test_a_forgotten_fact_is_not_quoted_back(fast_companion: Companion, store: Store) -> None:
    say(fast_companion, "priya", "I live in Lisbon", "forget where I live")
    assert "Lisbon" not in say(fast_companion, "priya", "where do I live?")[0]
    say(fast_companion, "sara", "my nan taught me to knit", "forget everything you know about me")
    assert "knit" not in say(fast_companion, "sara", "what did my nan teach me?")[0]
    # The conversation itself is kept, and search still finds it.
    assert store.search_messages(store.user("sara"), "knit")


def _message(number: int, text: str) -> MessageRecord:
    from datetime import UTC, datetime

    return MessageRecord(number, 1, "user", text, datetime(2026, 12, 1, tzinfo=UTC))


def test_the_newest_message_answers_unless_the_question_asks_for_before() -> None:
    older = Candidate(_message(1, "we live in drumcondra, near the pitch"), similarity=0.3)
    newer = Candidate(_message(2, "we moved out to howth, you can see the sea"), similarity=0.3)
    candidates = [older, newer]
    now = best_evidence("location", "where do i live", [], candidates, by_recency=True)
    before = best_evidence(
        "location", "where did i live", [], candidates, newest_first=False, by_recency=True
    )
    # Without the model, a message with only a cue word ("live", "moved") is not evidence enough.
    lexical = [Candidate(older.message), Candidate(newer.message)]
    assert best_evidence("location", "where do i live", [], lexical, by_recency=True) is None
    assert now is not None and "howth" in now.quote
    assert before is not None and "drumcondra" in before.quote


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("what did i race when i was young", ["race"]),
        ("what sport does my daughter play", ["sport", "play"]),
        ("where do i want to go for erasmus", ["erasmus"]),
    ],
)
def test_content_words_are_what_the_question_is_about(question: str, words: list[str]) -> None:
    assert content_words(question, ["daughter"]) == words


def test_a_long_message_is_quoted_at_the_sentence_that_answers() -> None:
    text = " ".join(["blah blah about the weather today."] * 8) + " my oma taught me skat."
    quote = quote_of(text, ["oma"], ["taught"])
    assert "skat" in quote and len(quote) <= 240


def test_before_questions_answer_with_the_past(fast_companion: Companion) -> None:
    say(
        fast_companion,
        "noor",
        "i used to climb a lot before my shoulder went",
        "grew up in nairobi, lived there till i was 30",
        "so much has happened. i took a job in kigali",
    )
    assert (
        "climb" in say(fast_companion, "noor", "what did i use to do before my shoulder went?")[0]
    )
    answer = say(fast_companion, "noor", "which city did i live in before kigali?")[0]
    assert "kigali" not in answer.lower()


def test_a_quote_is_looked_up_by_any_of_its_words_among_their_own_messages(
    fast_companion: Companion, store: Store
) -> None:
    say(fast_companion, "ana", "my nan taught me to knit", "went swimming today")
    say(fast_companion, "ben", "my nan lives in hull")
    ana = store.user("ana")
    found = [m.text for m in store.user_messages_with_any(ana, ["knit", "swim"])]
    assert found == ["went swimming today", "my nan taught me to knit"]  # newest first, hers only
    after = store.user_messages_after(ana, [m for m in store.user_messages_with_any(ana, ["nan"])])
    assert [m.text for m in after] == ["went swimming today"]


def test_what_they_used_to_do_said_as_it_is_quoted_with_what_it_was(
    fast_companion: Companion,
) -> None:
    say(
        fast_companion,
        "niamh",
        "mum sent pics of the loft and my old cello is up there. i used to play it till i came to uni",
    )
    answer = say(fast_companion, "niamh", "what did i use to play")[0]
    assert "cello" in answer


def test_why_someone_moved_and_who_taught_them_are_answered_from_their_words(
    fast_companion: Companion,
) -> None:
    say(
        fast_companion,
        "gio",
        "my brother marco and i had a huge fight on sunday",
        "he lives in turin now, moved there for his girlfriend",
        "my dad taught me to skate on the frozen pond behind our house",
    )
    assert "girlfriend" in say(fast_companion, "gio", "why did marco move to turin?")[0]
    assert "dad" in say(fast_companion, "gio", "who taught me to skate?")[0]
    # Nobody said anything of a sister: the conversation answers, not a made-up memory.
    reply = say(fast_companion, "gio", "why did my sister move to leeds?")[0]
    assert not reply.startswith("You told me") and "girlfriend" not in reply
