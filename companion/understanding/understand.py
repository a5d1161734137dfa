"""``understand``: one message read in its conversation, before anything is planned."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from companion.understanding.acts import (
    About,
    Act,
    about_of,
    act_of,
    closing_question,
    is_question,
    opens_with_greeting,
    says_farewell,
    words_after_greeting,
)
from companion.understanding.loss import speaks_of_a_death
from companion.understanding.people import mentioned_people, named_by_pronoun, resolve
from companion.understanding.polarity import Polarity, polarity_of
from companion.understanding.requests import (
    ClockAsk,
    Reminder,
    clock_request,
    reminder_request,
    wants_reminders_listed,
)
from companion.understanding.state import ConversationState, Person
from companion.understanding.times import When, find_when

# "I hope I'm not disturbing you" after a greeting is a pleasantry; longer says something.
PLEASANTRY_WORDS = 6


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a message is, in its conversation: its act, who it is about, its mood, its people."""

    text: str
    act: Act
    about: About
    polarity: Polarity
    question: bool
    person: Person | None  # who it is about, when someone else (a reference resolved)
    people: tuple[Person, ...]  # everyone it names
    named: Person | None  # someone in play it gives a name to ("her name is Zosia")
    when: When | None
    clock: ClockAsk | None
    reminder: Reminder | None
    list_reminders: bool
    greets: bool  # it opens with a greeting ("morning sam. rough night")
    greeting_only: bool  # a greeting and a pleasantry at most: a greeting may answer it
    farewell: bool  # it takes leave ("ok i really need to sleep")
    loss: bool  # it, or the conversation before it, speaks of a death
    closing_question: str  # the question a longer message ends on, or ""
    state: ConversationState  # the state it was read in

    @property
    def continues(self) -> bool:
        """A follow-up, an answer or a commitment: it means something only with her last reply."""
        return self.act in {"followup", "answer", "commitment"}


def understand(text: str, state: ConversationState, now: datetime) -> Understanding:
    """Read ``text`` (already cleaned) in ``state``; ``now`` is the local time it was said."""
    she_asked = bool(state.last_question)
    act = act_of(text, she_asked=she_asked)
    named = named_by_pronoun(text, state)
    person = named or resolve(text, state)
    about = about_of(text, someone=person is not None)
    farewell = says_farewell(text)
    greets = (act == "greeting" or opens_with_greeting(text)) and not farewell
    return Understanding(
        text=text,
        act=act,
        about=about,
        polarity=polarity_of(text),
        question=is_question(text),
        person=person,
        people=tuple(mentioned_people(text)) + ((named,) if named else ()),
        named=named,
        when=find_when(text, now),
        clock=clock_request(text),
        reminder=reminder_request(text, now),
        list_reminders=wants_reminders_listed(text),
        greets=greets,
        farewell=farewell,
        greeting_only=act == "greeting"
        or (greets and words_after_greeting(text) <= PLEASANTRY_WORDS),
        loss=state.loss or speaks_of_a_death(text),
        closing_question=closing_question(text),
        state=state,
    )


def next_state(
    understood: Understanding, *, intent: str, theme: str, reply: str
) -> ConversationState:
    """The state after this turn: the people now in play, her reply's intent and question."""
    state = understood.state
    for person in reversed(understood.people):
        state = state.with_person(person)
    if understood.person is not None:
        state = state.with_person(understood.person)
    question = _last_question(reply)
    topic = state.topic if understood.continues else theme
    return replace(
        state,
        last_intent=intent,
        last_theme=theme,
        last_question=question,
        topic=topic,
        turns=state.turns + 1,
        loss=understood.loss,
    )


def _last_question(reply: str) -> str:
    stripped = reply.strip()
    if not stripped.endswith("?"):
        return ""
    cut = max(
        stripped.rfind(". ", 0, len(stripped) - 1), stripped.rfind("! ", 0, len(stripped) - 1)
    )
    return stripped[cut + 2 :] if cut >= 0 else stripped
