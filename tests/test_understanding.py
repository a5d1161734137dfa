"""The understanding layer (acts, polarity with negation, people and references, dates) and the
threads it lets her follow, through the engine's API and ``companion chat --jsonl``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from companion.engine import Companion, Reply
from companion.engine.encoder import HashingEncoder
from companion.store import Store
from companion.understanding import ConversationState, Person, next_state, understand
from companion.understanding.acts import about_of, act_of, closing_question
from companion.understanding.address import without_address
from companion.understanding.loss import speaks_of_a_death
from companion.understanding.polarity import polarity_of, with_ill_spelt_out
from companion.understanding.requests import clock_request, reminder_request
from companion.understanding.times import find_when
from tests.conftest import run_env

NOW = datetime(2026, 12, 2, 10, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm not doing great", "negative"),
        ("ugh, today was rough", "negative"),
        ("I failed my driving test", "negative"),
        ("I didn't get the job", "negative"),
        ("not bad at all", "positive"),
        ("pretty good actually", "positive"),
        ("I passed!", "positive"),
        ("Do you ever get bored?", "neutral"),
        ("that's not helpful", "negative"),
        ("k ill do it after dinner i guess", "neutral"),  # I'll, not unwell
        ("thats actually really helpful, thank you", "positive"),
        ("ive been ill all week", "negative"),
    ],
)
def test_polarity_reads_negation(text: str, expected: str) -> None:
    assert polarity_of(text) == expected


@pytest.mark.parametrize(
    ("text", "she_asked", "act"),
    [
        ("why?", False, "followup"),
        ("how come", False, "followup"),
        ("tell me more", False, "followup"),
        ("yes", True, "answer"),
        ("nope", True, "answer"),
        ("hey sam", False, "greeting"),
        ("Do you ever get bored?", False, "question_to_her"),
        ("do you think I should text him?", False, "question"),
        ("I had a rough day", False, "statement"),
        ("ok ill talk to him tonight", True, "commitment"),
        ("hmm maybe i'll call them tomorrow and see", True, "commitment"),
        ("i will never forgive her", False, "statement"),
        ("yeah youre right. ill ring her tonight after the kids are in bed", True, "commitment"),
        ("yeah maybe i could start with that", True, "commitment"),
        ("yeah youre right i'll go", True, "commitment"),
        ("that was awful. i will never go back", True, "statement"),
    ],
)
def test_dialogue_acts(text: str, she_asked: bool, act: str) -> None:
    assert act_of(text, she_asked=she_asked) == act


def test_who_a_message_is_about() -> None:
    assert about_of("Do you ever get bored?") == "her"
    assert about_of("do you think I should quit?") == "self"
    assert about_of("I'm tired") == "self"
    assert about_of("she never listens", someone=True) == "other"
    assert about_of("Do you think he's alright?", someone=True) == "other"
    assert about_of("do you like him?", someone=True) == "her"


def test_pronouns_resolve_to_the_person_in_play_and_names_join_them() -> None:
    state = ConversationState()
    first = understand("I had a big argument with my sister Ana", state, NOW)
    assert first.person == Person("sister", "Ana", "she")
    state = next_state(first, intent="conflict.with_sibling", theme="conflict", reply="Oh no. Why?")
    assert state.last_question == "Why?"  # the question her reply ended with
    later = understand("does she have a point?", state, NOW)
    assert later.person is not None and later.person.name == "Ana"
    assert later.about == "other"
    # A relation mentioned again keeps its name.
    again = understand("my sister called me", state, NOW)
    assert again.person is not None and again.person.called() == "Ana"
    assert ConversationState.from_json(state.to_json()) == state
    assert ConversationState.from_json("{not json") == ConversationState()


def test_dates_are_real_and_relative_to_the_message() -> None:
    assert find_when("on Monday", NOW).day == date(2026, 12, 7)  # type: ignore[union-attr]
    assert find_when("call mum tomorrow", NOW).day == date(2026, 12, 3)  # type: ignore[union-attr]
    assert find_when("in 3 days", NOW).day == date(2026, 12, 5)  # type: ignore[union-attr]
    assert find_when("on the 15th", NOW).day == date(2026, 12, 15)  # type: ignore[union-attr]
    assert find_when("I sat down in the sun", NOW) is None


def test_clock_and_reminder_requests() -> None:
    assert clock_request("what's the time?") == "time"
    assert clock_request("which day is it?") == "day"
    assert clock_request("whats the date today") == "date"
    assert clock_request("I have no time for this") is None
    reminder = reminder_request("remind me to ring the dentist on Monday", NOW)
    assert reminder is not None and reminder.task == "ring the dentist"
    assert reminder.day(NOW.date()) == date(2026, 12, 7)
    swapped = reminder_request("can you remind me to call my mum tomorrow please?", NOW)
    assert swapped is not None and swapped.task == "call your mum"
    assert reminder_request("remind me", NOW) is None


@pytest.fixture
def sam(store: Store, persona) -> Companion:  # type: ignore[no-untyped-def]
    return Companion(
        store, persona, encoder_factory=HashingEncoder, model="lexical", seed=3, clock=lambda: NOW
    )


def _intent(reply) -> str:  # type: ignore[no-untyped-def]
    reference = reply.sources[0].reference
    return reference.split("/", 1)[1].split("#", 1)[0] if "/" in reference else reference


def test_bad_news_is_never_celebrated(sam: Companion) -> None:
    for text in ("I'm not doing great", "ugh, today was rough", "I failed my driving test"):
        conversation = sam.new_conversation("jo")
        reply = sam.reply("jo", conversation, text)
        intent = sam.selector.by_id[_intent(reply)]
        assert intent.mood != "positive", (text, reply.text)


def test_a_thread_with_a_sister_continues(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    first = sam.reply("jo", conversation, "I had a big argument with my sister Ana")
    assert _intent(first).startswith("conflict."), first.text
    followup = sam.reply("jo", conversation, "why?")
    assert not _intent(followup).startswith("identity."), followup.text
    pronoun = sam.reply("jo", conversation, "she never listens to me")
    assert "film" not in pronoun.text.lower() and pronoun.sources[0].kind != "fact"


def test_the_clock_and_a_reminder_raised_on_its_day(store: Store, persona) -> None:  # type: ignore[no-untyped-def]
    today = {"now": NOW}
    sam = Companion(
        store,
        persona,
        encoder_factory=HashingEncoder,
        model="lexical",
        seed=3,
        clock=lambda: today["now"],
    )
    conversation = sam.new_conversation("jo")
    assert "10:30 am" in sam.reply("jo", conversation, "what time is it?").text
    assert "Wednesday" in sam.reply("jo", conversation, "which day is it?").text
    set_reply = sam.reply("jo", conversation, "remind me to ring the dentist on Monday")
    assert "ring the dentist" in set_reply.text and "Monday 7 December" in set_reply.text
    listed = sam.reply("jo", conversation, "what did I ask you to remind me?")
    assert "ring the dentist" in listed.text
    # Not raised before its day...
    assert "dentist" not in sam.reply("jo", conversation, "hello again").text
    today["now"] = datetime(2026, 12, 7, 9, 0)
    later = sam.new_conversation("jo")
    raised = sam.reply("jo", later, "morning")
    assert "ring the dentist" in raised.text
    # ...and raised once.
    assert "dentist" not in sam.reply("jo", later, "thanks").text
    # One asked for today is not read back the moment after it was set.
    sam.reply("jo", later, "remind me to call mum at 7")
    assert "as you asked" not in sam.reply("jo", later, "thanks for listening").text


def test_a_commitment_after_a_question_about_what_to_do(real_companion: Companion) -> None:
    sam = real_companion
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "my grandad passed away last month")
    sam.reply("jo", conversation, "my mum doesnt really talk about him")
    sam.reply("jo", conversation, "should i ask her about him?")
    reply = sam.reply("jo", conversation, "ok ill call her tonight")
    assert _intent(reply) == "answers.will_do", reply.text


def test_state_survives_a_restart(store: Store, persona) -> None:  # type: ignore[no-untyped-def]
    first = Companion(store, persona, encoder_factory=HashingEncoder, model="lexical", seed=3)
    conversation = first.new_conversation("jo")
    first.reply("jo", conversation, "my brother Tom told me I'm lazy")
    second = Companion(store, persona, encoder_factory=HashingEncoder, model="lexical", seed=4)
    reply = second.reply("jo", conversation, "should I call him?")
    assert "Tom" in reply.text or _intent(reply).startswith(
        ("decisions.", "conflict.", "hurtful")
    ), reply.text


def test_forgetting_is_written_with_the_turn(sam: Companion, store: Store) -> None:
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "my name is Jo and I live in Leeds")
    user = store.user("jo")
    assert any(m.kind == "location" for m in store.memories(user))
    sam.reply("jo", conversation, "forget where I live")
    assert not any(m.kind == "location" for m in store.memories(user))


def test_piped_chat_follows_the_thread(tmp_path: Path) -> None:
    """The default invocation a script runs: a thread of follow-ups over ``chat --jsonl``."""
    lines = [
        "I had a big argument with my sister Ana",
        "she never listens to me",
        "what time is it?",
        "whats your favourite film?",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "companion", "chat", "--jsonl", "--model", "lexical"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=run_env(tmp_path),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    references = [r["sources"][0]["reference"] for r in replies]
    assert "conflict." in references[0]
    assert "fact:" not in references[1] and "the_film" not in references[1]
    assert "clock.time" in references[2]
    assert any(":" in word for word in replies[2]["reply"].split())
    assert "favourites.film" in references[3]


def test_a_fact_told_in_passing_is_learned_and_the_message_answered(
    sam: Companion, store: Store
) -> None:
    conversation = sam.new_conversation("jo")
    told = sam.reply("jo", conversation, "my sister is called Ana")
    assert told.sources[0].kind == "memory-learned", told.text  # only a fact: taking it in
    hurt = sam.reply("jo", conversation, "my brother Luis said I'm selfish")
    kinds = [s.kind for s in hurt.sources]
    assert kinds[0] == "theme" and "memory-learned" in kinds, hurt.text  # answered, and learned
    assert any(m.value == "Luis" for m in store.memories(store.user("jo")))


def test_a_commitment_is_answered_as_one(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "my flatmate keeps eating my food")
    reply = sam.reply("jo", conversation, "ok ill talk to him when he gets home")
    assert _intent(reply) == "answers.will_do", reply.text


def test_a_review_word_in_a_statement_is_not_the_film(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    reply = sam.reply(
        "jo", conversation, "a customer sent the risotto back 3 times and then left a 1 star review"
    )
    assert reply.sources[0].kind != "review", reply.text


def test_a_memory_question_with_an_aside_is_still_answered(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "my brother is called Tomasz")
    reply = sam.reply("jo", conversation, "whats my brother called, testing you lol")
    assert "Tomasz" in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "greets"),
    [
        ("Good morning Samantha. I hope I'm not disturbing you.", True),
        ("hi sam. 4am, on my break, night shift number 5 in a row", True),
        ("hey", True),
        ("morning was rough", False),
        ("hey, night!", False),  # greets, then takes leave: a goodbye may answer it
        ("I had a rough day", False),
    ],
)
def test_a_message_that_opens_with_a_greeting(text: str, greets: bool) -> None:
    assert understand(text, ConversationState(), NOW).greets is greets


def test_passed_as_a_death_is_bad_news_and_as_a_test_good_news() -> None:
    assert polarity_of("It would have been our 40th anniversary. Rose passed two winters ago.") == (
        "negative"
    )
    assert polarity_of("my nan passed away in march") == "negative"
    assert polarity_of("my friend Priya passed first try") == "positive"
    assert polarity_of("i passed my test!!") == "positive"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("correct. what year did it come out", True),
        ("i failed. what now", True),
        ("ugh. what a day", False),
        ("the ending wrecked me. when she leaves with the other OSes", False),
    ],
)
def test_a_last_sentence_can_make_a_question(text: str, question: bool) -> None:
    assert understand(text, ConversationState(), NOW).question is question


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok samantha quiz time. who directed Her?", "quiz time. who directed Her?"),
        ("do you like me samantha? like as a friend", "do you like me? like as a friend"),
        ("Samantha, what do you think?", "what do you think?"),
        ("who voices samantha?", "who voices samantha?"),
        ("do you relate to samantha in the film?", "do you relate to samantha in the film?"),
    ],
)
def test_her_name_said_to_her_is_an_address_not_the_film(text: str, expected: str) -> None:
    assert without_address(text, "Samantha") == expected


def test_her_name_in_a_film_question_does_not_pick_the_wrong_fact(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    reply = sam.reply("jo", conversation, "ok samantha quiz time. who directed Her?")
    assert "Jonze" in reply.text, reply.text
    year = sam.reply("jo", conversation, "correct. what year did it come out")
    assert "2013" in year.text and "2026" not in year.text, year.text


def test_a_long_message_that_does_not_take_leave_gets_no_goodnight(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    busy = sam.reply(
        "jo", conversation, "its 11pm and i finally got mum to sleep, she was so confused"
    )
    assert not _intent(busy).startswith("goodbye."), busy.text
    leaving = sam.reply("jo", sam.new_conversation("jo"), "ok i really need to sleep now, night")
    assert _intent(leaving).startswith("goodbye."), leaving.text


def test_a_greeting_is_never_answered_with_a_goodbye(sam: Companion) -> None:
    for text in (
        "Good morning Samantha. I hope I'm not disturbing you.",
        "hi sam. 4am, on my break, night shift number 5 in a row",
    ):
        reply = sam.reply("jo", sam.new_conversation("jo"), text)
        assert not _intent(reply).startswith("goodbye."), (text, reply.text)


@pytest.mark.parametrize(
    ("text", "death"),
    [
        ("we lost a patient tonight. mr okafor. he was 91", True),
        ("my wife Margaret passed two years ago in march", True),
        ("my phone died on the bus", False),
        ("i died laughing", False),
        ("i passed my driving test", False),
    ],
)
def test_a_death_spoken_of(text: str, death: bool) -> None:
    assert speaks_of_a_death(text) is death


def test_after_a_death_she_does_not_answer_as_if_they_were_far_away(sam: Companion) -> None:
    def intents_after(opener: str) -> list[str]:
        conversation = sam.new_conversation("jo")
        sam.reply("jo", conversation, opener)
        return [
            _intent(sam.reply("jo", conversation, text))
            for text in ("i miss her so much", "we used to see each other every day")
        ]

    alive = intents_after("my wife Margaret lives in spain for work")
    assert any(i.startswith("missing_someone.") for i in alive), alive  # the contrast holds
    gone = intents_after("my wife Margaret passed away two years ago")
    assert not any(i.startswith("missing_someone.") for i in gone), gone
    # A resumed conversation still knows.
    state = next_state(
        understand("she passed away in march", ConversationState(), NOW),
        intent="death.lost_someone",
        theme="death",
        reply="I'm so sorry.",
    )
    assert ConversationState.from_json(state.to_json()).loss


def test_a_commitment_is_answered_as_one_whatever_its_content_words(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "i have to finish my essay tonight and i keep procrastinating")
    reply = sam.reply("jo", conversation, "k ill do it after dinner i guess")
    assert _intent(reply) == "answers.will_do", reply.text


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("mine's green. how old are you anyway", "how old are you anyway"),
        (
            "green it is. what about you, do you have a family?",
            "what about you, do you have a family?",
        ),
        ("how old are you?", ""),  # one sentence: the whole message is the question
        ("i failed. ok?", ""),  # too short to answer on its own
        ("how are you? i had a rough day", ""),
    ],
)
def test_the_question_a_message_closes_on(text: str, question: str) -> None:
    assert closing_question(text) == question


def _after(companion: Companion, *said: str) -> list[Reply]:
    """The replies to ``said``, in one new conversation."""
    conversation = companion.new_conversation("jo")
    return [companion.reply("jo", conversation, text) for text in said]


def test_a_closing_question_is_answered(real_companion: Companion) -> None:
    _, reply, family = _after(
        real_companion,
        "whats your favourite colour",
        "mine's green. how old are you anyway",
        "green it is. what about you, do you have a family?",
    )
    assert _intent(reply) == "about_her.age", reply.text
    assert not _intent(family).startswith("favourites."), family.text


def test_a_greeting_led_message_is_greeted_back_and_answered(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    reply = sam.reply("jo", conversation, "hey sam. my sister Ana and I had a huge fight today")
    kinds = [s.kind for s in reply.sources]
    assert kinds[0] == "theme" and "greeting" in kinds, reply.sources
    assert _intent(reply).startswith("conflict."), reply.text
    greeting = next(s for s in reply.sources if s.kind == "greeting")
    intent_id, number = greeting.reference.split("/", 1)[1].split("#")
    opening = sam.selector.by_id[intent_id]
    assert opening.theme == "greetings"
    first_sentence = opening.replies[int(number)].split(". ")[0].split("! ")[0]
    assert reply.text.startswith(first_sentence), (first_sentence, reply.text)
    # A greeting and a pleasantry is answered as a greeting.
    polite = sam.reply("jo", sam.new_conversation("jo"), "Good morning Samantha. I hope I'm well.")
    assert _intent(polite).startswith("greetings."), polite.text


def test_a_pronoun_names_the_person_in_play(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    sam.reply("jo", conversation, "my daughter was born three weeks ago")
    sam.reply("jo", conversation, "her name is Zosia, she is 3 weeks old. my first")
    memories = [(m.kind, m.subject, m.value) for m in sam.store.memories(sam.user("jo"))]
    assert ("family", "daughter", "Zosia") in memories
    answer = sam.reply("jo", conversation, "whats my daughters name?")
    assert "Zosia" in answer.text
    # Nobody in play: nothing to name, nothing learned.
    alone = sam.new_conversation("kim")
    sam.reply("kim", alone, "his name is Tom")
    assert sam.store.memories(sam.user("kim")) == []


def test_a_fact_told_on_the_way_is_taken_in_before_the_answer(sam: Companion) -> None:
    conversation = sam.new_conversation("jo")
    reply = sam.reply(
        "jo", conversation, "my flatmate Priya invited me to a pub quiz on friday, so fun"
    )
    assert "Priya" in reply.text.split(".")[0], reply.text  # taken in first
    assert any(s.reference.startswith("woven:") for s in reply.sources), reply.sources
    # After bad news the answer comes alone.
    sad = sam.reply("jo", sam.new_conversation("jo"), "my brother Luis said I'm selfish and lazy")
    assert "noted" not in sad.text and "I'll remember" not in sad.text, sad.text


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("ok ill try putting it in the other room", "ok i'll try putting it in the other room"),
        ("Ill call her", "i'll call her"),
        ("i feel ill", "i feel ill"),
        ("hes ill again", "hes ill again"),
    ],
)
def test_ill_typed_for_i_will_is_spelt_out(text: str, spelt: str) -> None:
    assert with_ill_spelt_out(text) == spelt


def test_a_commitment_typed_with_ill_is_not_read_as_unwell(real_companion: Companion) -> None:
    _, reply = _after(
        real_companion,
        "i cant stop scrolling on my phone at night",
        "ok ill try putting it in the other room",
    )
    assert _intent(reply) == "answers.will_do", reply.text


def test_a_denied_feeling_is_left_out_of_what_the_model_reads() -> None:
    from companion.understanding.polarity import without_denied_feelings

    assert without_denied_feelings("ok. im not angry anymore, just tired of it") == (
        "ok. just tired of it"
    )
    assert without_denied_feelings("I'm not sad exactly, just tired. Numb maybe.") == (
        "just tired. Numb maybe"
    )
    # The denial alone is the message; a feeling not in the list is kept.
    assert without_denied_feelings("not angry.") == "not angry."
    assert without_denied_feelings("im not happy") == "im not happy"
