"""What she does with memory in a turn: learn, answer "what do you know about me", forget, recall."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from companion.memory.episodic import EpisodicIndex
from companion.memory.evidence import (
    CHANGING_KINDS,
    Candidate,
    best_evidence,
    person_words,
    search_words,
)
from companion.memory.evidence import (
    mentions as _mentions_any,
)
from companion.memory.people import NAMING_KINDS, PERSON_KINDS, keys_for, resolve_subjects, who
from companion.store import MemoryRecord, MessageRecord, NewFact, SourceRef, Store, UserRecord
from companion.understanding.facts import KINDS, LearnedFact, extract_facts
from companion.understanding.forgetting import ForgetRequest, parse_forget
from companion.understanding.memory_questions import MemoryQuestion, parse_memory_question
from companion.understanding.state import Person
from companion.understanding.subjects import RELATIONS, relation, singular
from companion.understanding.times import find_when
from companion.understanding.words import word_lists, words_of

ASIDE_BREAK = re.compile(r"(?<=[?.!])\s+|,\s+|\s+-+\s+")


def question_parts(text: str) -> list[str]:
    """The message's sentences and comma clauses that could each be a question on their own."""
    parts = [p.strip() for p in ASIDE_BREAK.split(text) if p and p.strip()]
    return parts if len(parts) > 1 else []


# "play it": a value whose object only its message names.
_ENDS_IN_A_PRONOUN = re.compile(r"\b(?:it|them|that|this|those|these)$", re.I)
# Kinds that hold several values at once; every other kind has one current value per subject.
MULTI_VALUED = frozenset({"like", "dislike", "plan", "used_to", "gave_up"})
# What a turn reads about the user before replying: what to call them, what to ask after, who
# the people in their life are (to know whom "Ana" or "she" means).
NAME_KINDS = ("preferred_name", "name")
TURN_KINDS = (*NAME_KINDS, "event", "reminder", *NAMING_KINDS, "used_to")
# Questions about someone in the user's life, and how she says she does not know yet.
_NOT_TOLD = {
    "their_home": "where {who} lives",
    "their_job": "what {who} does for work",
    "their_workplace": "where {who} works",
    "taught": "what {who} taught you",
    "their_study": "what {who} studies",
    "their_saying": "what {who} always says",
}
_NOT_TOLD_OWN = {"moved_for": "why you moved", "study": "what you study"}
# A question about work is answered from either: "what does kenji do?" -> where he works.
_SAME_QUESTION = {
    "their_job": ("their_job", "their_workplace"),
    "their_workplace": ("their_workplace", "their_job"),
    "job": ("job", "workplace"),
    "workplace": ("workplace", "job"),
}
# How many words a quoted answer is looked up by, and how many messages (newest first) it reads
# for its specific words and for its cue words.
EVIDENCE_WORDS = 40
EVIDENCE_HITS = 60
# How many facts "what do you remember about me?" names.
SUMMARY_LIMIT = 12


@dataclass(frozen=True, slots=True)
class MemoryAnswer:
    """A reply from memory, and what it would forget (applied when the turn is stored)."""

    text: str
    sources: tuple[SourceRef, ...]
    forget: tuple[int, ...] = ()
    forget_everything: bool = False

    @property
    def known(self) -> bool:
        """Whether it answers from something she was told (not "you haven't told me")."""
        return any(s.reference != "memory:none" for s in self.sources)


def _source(memory: MemoryRecord) -> SourceRef:
    return SourceRef("memory", f"memory:{memory.id}:{memory.kind}", 1.0)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _join(values: list[str]) -> str:
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + f" and {values[-1]}"


def to_new_fact(fact: LearnedFact) -> NewFact:
    subject = fact.subject
    if fact.kind == "event" and not subject:
        subject = fact.value.lower()  # one current date per event ("interview")
    return NewFact(
        kind=fact.kind,
        subject=subject,
        value=fact.value,
        detail=fact.when,
        single_valued=fact.kind not in MULTI_VALUED,
        confidence=fact.confidence,
    )


# Text that is code or markup, not a person talking about their life: nothing in it is learned.
_NOT_LIFE = re.compile(
    r"<\s*/?\s*[a-z][^>]*>"  # HTML or XML tags
    r"|\[/?[a-z@#$][^\]]{0,40}\]|\[/\]"  # console / BBCode markup
    r"|\{\{|\}\}|\$\{|`"  # templates, shell and code spans
    r"|;\s*--|\b(?:drop|delete|truncate|alter)\s+table\b|\bselect\s+\*|\bunion\s+select\b"
    r"|\brm\s+-rf\b|\bjavascript:"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",  # NUL and other control characters
    re.IGNORECASE,
)


def is_code_or_markup(text: str) -> bool:
    """Whether a message is code or markup (tags, console markup, SQL, NUL-joined words)."""
    return _NOT_LIFE.search(text) is not None


def learn(
    text: str, in_play: Sequence[Person] = (), known: Sequence[MemoryRecord] = ()
) -> tuple[NewFact, ...]:
    """The facts a message states about its writer and the people in their life, ready to
    store (none from code or markup). ``in_play``: the people the conversation is about, for
    "she" and "he"; ``known``: the user's memories naming people, for "Ana"."""
    if is_code_or_markup(text):
        return ()
    facts = resolve_subjects(extract_facts(text), in_play, known)
    return tuple(to_new_fact(f) for f in facts if _plausible(f.value))


# Past these a "value" is a paste or a keyboard held down, not words about a life.
MAX_VALUE_CHARS = 80
MAX_WORD_CHARS = 30


def _plausible(value: str) -> bool:
    words = value.split()
    return 0 < len(value) <= MAX_VALUE_CHARS and max(len(w) for w in words) <= MAX_WORD_CHARS


# A fact taken in on the way to answering something else: said before the answer, never a
# question (the answer asks its own).
ASIDES: dict[str, tuple[str, ...]] = {
    "pet": ("{value} - I'll remember.", "{value}, noted."),
    "family": ("{value}, your {subject} - I'll remember.", "Your {subject} {value}, noted."),
    "friend": ("I'll remember {value}.", "{value}, noted."),
    "location": ("{value} - I'll remember that.",),
    "hometown": ("From {value} - noted.",),
    "workplace": ("{value} - got it.",),
}


def _first_told(
    facts: tuple[NewFact, ...], table: dict[str, tuple[str, ...]]
) -> tuple[NewFact, tuple[str, ...]] | None:
    """The first fact ``table`` has templates for, with them."""
    return next(((f, table[f.kind]) for f in facts if table.get(f.kind)), None)


def aside(facts: tuple[NewFact, ...], choose: Callable[[tuple[str, ...]], str]) -> str | None:
    """A short acknowledgement of the first fact that has one, to weave before an answer."""
    found = _first_told(facts, ASIDES)
    if found is None:
        return None
    fact, templates = found
    text = choose(templates).format(value=fact.value, subject=fact.subject or fact.kind)
    return text[0].upper() + text[1:]


def gives_a_name(facts: tuple[NewFact, ...]) -> bool:
    """Whether the facts include the user's own name ("i'm Wei", "call me P")."""
    return any(f.kind in NAME_KINDS for f in facts)


def person_named(relation_word: str, name: str) -> NewFact | None:
    """The fact that someone in the user's life ("daughter") is called ``name``, learned when
    a message names the person in play ("her name is Zosia"); None for a relation memory
    does not keep."""
    try:
        kind, subject = relation(relation_word)
    except KeyError:
        return None
    return NewFact(kind=kind, subject=subject, value=name, single_valued=kind not in MULTI_VALUED)


def _place(value: str) -> str:
    """A place as it is written on a map: "bristol", typed in lower case, is Bristol."""
    return value.title() if value.islower() else value


def predicate(memory: MemoryRecord) -> str:
    """What a person fact says of them, after their name: "lives in Leeds", "is a nurse"."""
    value = memory.value
    match memory.kind:
        case "their_home":
            return f"lives in {_place(value)}"
        case "their_job":
            return f"is {_article(value)} {value}"
        case "their_workplace":
            return f"works at {value}"
        case "taught":
            return f"taught you {your_words(value)}"
        case "their_study":
            return f"studies {value}"
        case "their_saying":
            return f"always says \u201c{value}\u201d"
    return value


_YOUR = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "im": "you're", "mine": "yours",
         "myself": "yourself", "our": "your", "we": "you", "us": "you"}  # fmt: skip


def your_words(text: str) -> str:
    """The user's words said back to them: "because of my wife's job" -> "your wife's job"."""
    return re.sub(
        r"\b(?:my|me|i|i'm|im|mine|myself|our|we|us)\b",
        lambda match: _YOUR[match.group().lower()],
        text,
        flags=re.I,
    )


def describe(memory: MemoryRecord) -> str:
    """One memory in plain words, addressed to its owner."""
    value, subject = memory.value, memory.subject
    match memory.kind:
        case "name":
            return f"your name is {value}"
        case "preferred_name":
            return f"you like to be called {value}"
        case "age":
            return f"you're {value}"
        case "birthday":
            return f"your birthday is {value}"
        case "location":
            return f"you live in {_place(value)}"
        case "hometown":
            return f"you're from {_place(value)}"
        case "job":
            return f"you work as {_article(value)} {value}"
        case "workplace":
            return f"you work at {value}"
        case "family" | "friend":
            return f"your {subject} is {value}"
        case "pet":
            return f"your {subject} is called {value}"
        case "favourite":
            return f"your favourite {subject} is {value}"
        case "like":
            return f"you like {value}"
        case "dislike":
            return f"you don't like {value}"
        case "plan":
            return f"you're {value}" + (f" {memory.detail}" if memory.detail else "")
        case "event":
            return f"you have your {value} {memory.detail}".rstrip()
        case "reminder":
            return f"you asked me to remind you to {value} ({memory.detail})"
        case "moved_for":
            return f"you moved {your_words(value)}"
        case "study":
            return f"you study {value}"
        case "used_to":
            return f"you used to {your_words(value)}"
        case "gave_up":
            return f"you gave up {your_words(value)}"
        case kind if kind in PERSON_KINDS:
            return f"{who(subject, [])} {predicate(memory)}"
    return f"{subject or memory.kind}: {value}"


# What she says when a message teaches her something; {value}, {subject}, {detail} are filled in.
ACKNOWLEDGEMENTS: dict[str, tuple[str, ...]] = {
    "pet": (
        "{value}! That's a wonderful name for a {subject}. What is {value} like?",
        "I'll remember {value}. Tell me something {value} does that makes you laugh?",
    ),
    "location": (
        "{value}. I'll remember that. What's it like, living there?",
        "So you're in {value}. What do you love about it, and what drives you a little crazy?",
    ),
    "hometown": (
        "{value}, noted. What do you miss most about it?",
        "You're from {value}. Does it still feel like home when you go back?",
    ),
    "job": (
        "You're {article} {value}. How do you feel about the work, honestly?",
        "{article_cap} {value}. What's the part of the job nobody sees?",
    ),
    "workplace": (
        "{value}, got it. How are the people there?",
        "I'll remember you work at {value}. Is it a good place to spend your days?",
    ),
    "family": (
        "{value}, your {subject}. I'll remember. What are you two like together?",
        "Tell me about {value}. Are you and your {subject} close?",
    ),
    "friend": (
        "{value} sounds important to you. How did you two meet?",
        "I'll remember {value}. What makes them a good {subject}?",
    ),
    "favourite": (
        "{value}! I'll remember that's your favourite {subject}. What do you love about it?",
        "Your favourite {subject} is {value}. When did that start?",
    ),
    "event": (
        "Your {value} {detail}. I'll ask you how it went. How are you feeling about it?",
        "I'll remember your {value} {detail}. Is there anything you want to get ready for it?",
    ),
    "birthday": ("I'll remember your birthday: {value}. How do you like to spend it?",),
    "age": ("{value}. What has this year of your life been like so far?",),
}


def acknowledge(facts: tuple[NewFact, ...], choose: Callable[[tuple[str, ...]], str]) -> str | None:
    """A reply that shows she took in what the message taught, or None if nothing notable."""
    found = _first_told(facts, ACKNOWLEDGEMENTS)
    if found is None:
        return None
    fact, templates = found
    article = _article(fact.value)
    return (
        choose(templates)
        .format(
            value=fact.value,
            subject=fact.subject or fact.kind,
            detail=fact.detail,
            article=article,
            article_cap=article.capitalize(),
        )
        .replace("  ", " ")
        .replace(" .", ".")
    )


def name_among(memories: list[MemoryRecord]) -> str | None:
    """The name they asked to be called, else their name, from current facts (newest first)."""
    for kind in NAME_KINDS:
        for memory in memories:
            if memory.kind == kind:
                return memory.value
    return None


def event_day(memory: MemoryRecord) -> date | None:
    """The day an event happens, read from its time words ("on Friday") as of when it was told."""
    when = find_when(memory.detail, memory.first_seen.astimezone()) if memory.detail else None
    return when.day if when is not None else None


# A memory brought back where the conversation comes near it ("the persona's [routing.callbacks]"),
# asked after in a line woven into the answer.
CALLBACKS: dict[str, tuple[str, ...]] = {
    "family": (
        "How is {value} doing, by the way?",
        "It makes me think of {value}, your {subject}. How are they?",
    ),
    "used_to": (
        "You told me once you used to {value}. Do you ever miss it?",
        "Didn't you use to {value}? I wonder if it would still feel good.",
    ),
}


# People she does not ask after unprompted.
NOT_ASKED_AFTER = frozenset({"ex"})


def callback_among(
    memories: Sequence[MemoryRecord], kinds: Sequence[str], said: str
) -> MemoryRecord | None:
    """The newest memory of ``kinds`` that nothing ``said`` in this conversation mentions yet."""
    lowered = said.lower()
    for memory in memories:
        if (
            memory.kind in kinds
            and memory.active
            and memory.subject not in NOT_ASKED_AFTER
            and memory.value.lower() not in lowered
        ):
            return memory
    return None


def callback_line(memory: MemoryRecord, choose: Callable[[tuple[str, ...]], str]) -> str:
    return choose(CALLBACKS[memory.kind]).format(
        value=your_words(memory.value), subject=memory.subject
    )


def pending_among(
    memories: list[MemoryRecord], conversation_started: float, today: date
) -> MemoryRecord | None:
    """The newest event learned before this conversation that she has not asked about yet,
    once its day has passed ("my interview is on Friday" is asked after on Saturday, not on
    Wednesday); an event with no day is asked after at the next conversation."""
    for memory in memories:
        if (
            memory.kind == "event"
            and memory.followed_up_at is None
            and memory.last_seen.timestamp() < conversation_started
        ):
            day = event_day(memory)
            if day is None or day < today:
                return memory
    return None


def _asks_memory(text: str) -> bool:
    """Whether a message of theirs asked her what she remembers: it tells her nothing, so it
    is never quoted back as what they said ("what did I tell you about my sister?")."""
    return parse_memory_question(text) is not None


_USED_TO = re.compile(r"\bused? to\b")
_BEFORE_WHAT = re.compile(
    r"\bbefore (?!(?:i|we|he|she|they|you|that|then|this|now|it|my|our|his|her|their|the|a|an"
    r"|going|moving|leaving|starting|getting)\b)([a-z][\w'-]+)"
)


def _named_after_before(asked: str) -> tuple[str, ...]:
    """The value a "before" question names as the present one ("before kigali"): not its answer."""
    found = _BEFORE_WHAT.search(asked)
    return (found.group(1),) if found else ()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class MemoryKeeper:
    """Answers questions about the user from their own memories only, and forgets on request."""

    def __init__(
        self,
        store: Store,
        encode: Callable[[str], np.ndarray | None],
        model_id: Callable[[], str | None],
    ) -> None:
        self.store = store
        self._encode = encode
        self._model_id = model_id
        self._episodic: EpisodicIndex | None = None
        self._backfilled: set[tuple[int, str]] = set()

    # names ------------------------------------------------------------------------------
    def name_for(self, user: UserRecord) -> str | None:
        """What to call the user: the name they asked for, else their name."""
        return name_among([m for kind in NAME_KINDS for m in self.store.recall(user, kind)])

    # episodic ---------------------------------------------------------------------------
    def episodic(self) -> EpisodicIndex | None:
        model_id = self._model_id()
        if model_id is None:
            return None
        if self._episodic is None or self._episodic.model_id != model_id:
            self._episodic = EpisodicIndex(self.store, model_id)
        return self._episodic

    def note_message(self, user: UserRecord, message_id: int, vector: np.ndarray | None) -> None:
        index = self.episodic()
        if index is not None and vector is not None:
            index.add(user, message_id, vector)

    # forgetting -------------------------------------------------------------------------
    def forget(
        self, user: UserRecord, request: ForgetRequest, last_learned: list[MemoryRecord]
    ) -> MemoryAnswer:
        """What forgetting means here, as a plan: the reply, and which memories go.

        Nothing is deleted here; the turn deletes them when it is stored, in one transaction.
        """
        if request.everything:
            count = self.store.count_memories(user)
            return MemoryAnswer(
                f"Done. I've let go of everything I knew about you ({count} things). "
                "Our conversations are still here; `companion conversations delete` removes those.",
                (SourceRef("memory-forget", "memory:*", 1.0),),
                forget_everything=True,
            )
        targets: list[MemoryRecord] = []
        if request.last:
            targets = last_learned
        elif request.kind:
            targets = self.store.recall(user, request.kind, request.subject or None)
        elif request.words:
            words = request.words.lower().removeprefix("the ").strip()
            targets = [
                m
                for m in self.store.memories(user)
                if words and (words in m.value.lower() or words == m.subject.lower())
            ]
        if not targets:
            what = request.words or request.subject or request.kind.replace("_", " ") or "that"
            return MemoryAnswer(
                f"I don't have anything about {what} to forget. Is there something else you'd like me to let go of?",
                (SourceRef("memory-forget", "memory:none", 0.0),),
            )
        said = _join([describe(m) for m in targets])
        return MemoryAnswer(
            f"Okay. I've forgotten that {said}, and only that.",
            tuple(SourceRef("memory-forget", f"memory:{m.id}:{m.kind}", 1.0) for m in targets),
            forget=tuple(m.id for m in targets),
        )

    # answering --------------------------------------------------------------------------
    def answer(
        self, user: UserRecord, question: MemoryQuestion, in_play: Sequence[Person] = ()
    ) -> MemoryAnswer | None:
        """The answer from memory; None when the question turns out to ask about no one she
        knows ("who is Theo?" with no Theo told of: the conversation answers it)."""
        if question.kind == "everything":
            return self._everything(user)
        if question.kind == "topic":
            return self._topic(user, question.subject, in_play)
        if question.kind == "person":
            known = self._person(user, question.subject, in_play)
            return known or self._evidence(user, question, [question.subject.lower()])
        if question.kind in PERSON_KINDS:
            return self._person_fact(user, question, in_play)
        if question.kind == "used_to":
            return self._used_to(user, question)
        if question.kind.startswith("recall"):
            if _USED_TO.search(question.asked) and self._pastimes(user):
                return self._used_to(user, question)  # "what did i use to do before ...?"
            return self._evidence(user, question, self._people_asked(user, question.asked))
        kinds = (
            ("preferred_name", "name")
            if question.kind == "name"
            else _SAME_QUESTION.get(question.kind, (question.kind,))
        )
        subject = question.subject or None
        for kind in kinds:
            found = self.store.recall(user, kind, subject, history=question.previous)
            if question.kind == "event" and not found and question.subject:
                found = [
                    m
                    for m in self.store.recall(user, "event")
                    if question.subject.lower() in m.value.lower()
                ]
            if question.previous:
                older = [m for m in found if not m.active]
                current = [m for m in found if m.active]
                if older:
                    before = older[0]
                    now = f", and now {describe(current[0])}" if current else ""
                    return MemoryAnswer(
                        f"Before, {describe(before)}{now}.",
                        tuple(_source(m) for m in [before, *current[:1]]),
                    )
                if current:
                    earlier = self._evidence(
                        user,
                        question,
                        [],
                        before=current[0].source_message_id,
                        without=(current[0].value,),
                    )
                    return earlier or MemoryAnswer(
                        f"You've only ever told me that {describe(current[0])}.",
                        (_source(current[0]),),
                    )
                continue
            if found and question.current and kind in CHANGING_KINDS:
                # "where do i work now?": a later message may say it changed, in words no rule
                # read ("started at the clinic on monday").
                later = self._evidence(user, question, [], after=found[0].source_message_id)
                if later is not None:
                    return later
            if found:
                if kind in MULTI_VALUED:
                    verb = {"like": "you like", "dislike": "you don't like", "plan": "you're"}[kind]
                    values = [m.value for m in found[:6]]
                    return MemoryAnswer(
                        f"You told me {verb} {_join(values)}.", tuple(_source(m) for m in found[:6])
                    )
                memory = found[0]
                text = _capital(describe(memory)) + "."
                if kind == "preferred_name":
                    names = self.store.recall(user, "name")
                    if names and names[0].value != memory.value:
                        text = (
                            f"You're {names[0].value}, and you like me to call you {memory.value}."
                        )
                return MemoryAnswer(text, (_source(memory),))
        about = (
            person_words(question.subject)
            if question.kind in ("family", "friend", "pet") and question.subject
            else []
        )
        if (quoted := self._evidence(user, question, about)) is not None:
            return quoted
        if question.kind in _NOT_TOLD_OWN:
            return MemoryAnswer(
                f"You haven't told me {_NOT_TOLD_OWN[question.kind]} yet. I'd like to know, though.",
                (SourceRef("memory", "memory:none", 0.0),),
            )
        topic = question.subject or question.kind.replace("_", " ")
        return MemoryAnswer(
            f"You haven't told me about your {topic} yet. I'd like to know, though.",
            (SourceRef("memory", "memory:none", 0.0),),
        )

    # people ---------------------------------------------------------------------------
    def _naming(self, user: UserRecord) -> list[MemoryRecord]:
        return [m for kind in NAMING_KINDS for m in self.store.recall(user, kind)]

    def _person_fact(
        self, user: UserRecord, question: MemoryQuestion, in_play: Sequence[Person]
    ) -> MemoryAnswer:
        naming = self._naming(user)
        keys = keys_for(question.subject, in_play, naming)
        for key in keys:
            kinds = _SAME_QUESTION.get(question.kind, (question.kind,))
            found = [
                m
                for kind in kinds
                for m in self.store.recall(user, kind, key, history=question.previous)
            ]
            words = self._words_for(key, naming)
            if question.previous:
                older = [m for m in found if not m.active]
                if older:
                    return MemoryAnswer(
                        f"Before, {who(key, naming)} {predicate(older[0])}.", (_source(older[0]),)
                    )
                current = [m for m in found if m.active]
                if current:
                    earlier = self._evidence(
                        user,
                        question,
                        words,
                        before=current[0].source_message_id,
                        without=(current[0].value,),
                    )
                    if earlier is not None:
                        return earlier
                found = current
            if found and question.current and question.kind in CHANGING_KINDS:
                later = self._evidence(user, question, words, after=found[0].source_message_id)
                if later is not None:
                    return later
            if found:
                memory = found[0]
                return MemoryAnswer(
                    f"{_capital(who(key, naming))} {predicate(memory)}.", (_source(memory),)
                )
        for key in keys:
            if (quoted := self._evidence(user, question, self._words_for(key, naming))) is not None:
                return quoted
        asked = who(keys[0], naming) if keys else "them"
        return MemoryAnswer(
            f"You haven't told me {_NOT_TOLD[question.kind].format(who=asked)} yet. "
            "I'd like to know, though.",
            (SourceRef("memory", "memory:none", 0.0),),
        )

    @staticmethod
    def _words_for(key: str, naming: list[MemoryRecord]) -> list[str]:
        """Every word a message may name the person kept under ``key`` by."""
        relation_key, _, name = key.partition(":")
        names = [m.value for m in naming if m.subject == relation_key]
        return person_words(relation_key, [name] if name else names) or [relation_key]

    def _about(self, user: UserRecord, key: str, naming: list[MemoryRecord]) -> MemoryAnswer | None:
        """Everything she knows of the person kept under ``key``, in two sentences."""
        relation_key, _, name = key.partition(":")
        names = [m for m in naming if m.subject == relation_key]
        if name:  # "friend:dev": that friend, not any
            names = [m for m in names if m.value.lower() == name]
        facts = [m for kind in PERSON_KINDS for m in self.store.recall(user, kind, key)]
        if not names and not facts:
            return None
        pronoun = word_lists().relations.get(relation_key, "they")
        said = (
            f"{_capital(who(key, naming))}"
            if not names
            else (f"{names[0].value} is your {relation_key}")
        )
        if not facts:
            return MemoryAnswer(f"{said}.", tuple(_source(m) for m in names[:1]))
        verbs = _join([predicate(m) for m in facts[:4]])
        if pronoun == "they":
            verbs = re.sub(r"\bis\b", "are", verbs, count=1)
            verbs = re.sub(r"\b(lives|works)\b", lambda w: w.group()[:-1], verbs)
        text = f"{said}. {_capital(pronoun)} {verbs}." if names else f"{said} {verbs}."
        return MemoryAnswer(text, tuple(_source(m) for m in [*names[:1], *facts[:4]]))

    def _person(
        self, user: UserRecord, name: str, in_play: Sequence[Person]
    ) -> MemoryAnswer | None:
        naming = self._naming(user)
        known = {m.value.lower() for m in naming}
        if name.lower() not in known:
            return None
        for key in keys_for(name, in_play, naming):
            if (answer := self._about(user, key, naming)) is not None:
                return answer
        return None

    def _pastimes(self, user: UserRecord) -> list[MemoryRecord]:
        return [*self.store.recall(user, "used_to"), *self.store.recall(user, "gave_up")]

    def _used_to(self, user: UserRecord, question: MemoryQuestion) -> MemoryAnswer:
        # "i used to play it till uni" kept "play it": only the message says what "it" was.
        found = [m for m in self._pastimes(user) if not _ENDS_IN_A_PRONOUN.search(m.value)]
        if not found and (quoted := self._evidence(user, question, [])) is not None:
            return quoted
        if not found:
            return MemoryAnswer(
                "You haven't told me what you used to do. I'd like to hear, though.",
                (SourceRef("memory", "memory:none", 0.0),),
            )
        said = _join([describe(m) for m in found[:4]])
        return MemoryAnswer(f"You told me {said}.", tuple(_source(m) for m in found[:4]))

    def _everything(self, user: UserRecord) -> MemoryAnswer:
        memories = self.store.memories(user, limit=SUMMARY_LIMIT)
        if not memories:
            return MemoryAnswer(
                "Not much yet, honestly. We're still getting to know each other. Tell me something?",
                (SourceRef("memory", "memory:none", 0.0),),
            )
        # Who you are first (name, age, where you live, work), in the order KINDS lists them.
        memories.sort(key=lambda m: (KINDS.index(m.kind) if m.kind in KINDS else len(KINDS), m.id))
        facts = _join([describe(m) for m in memories])
        return MemoryAnswer(
            f"Here's what I remember: {facts}.", tuple(_source(m) for m in memories)
        )

    def _topic(self, user: UserRecord, topic: str, in_play: Sequence[Person] = ()) -> MemoryAnswer:
        """What they told her about ``topic``: what she knows of the person it names, and the
        message of theirs that says most about it, quoted."""
        naming = self._naming(user)
        about = next(
            (
                found
                for key in keys_for(topic, in_play, naming)
                if (found := self._about(user, key, naming)) is not None
            ),
            None,
        )
        said = self._said_about(user, topic)
        if about is None and not said:
            return MemoryAnswer(
                f"I don't think you've told me about {topic} yet. What's the story?",
                (SourceRef("memory", "memory:none", 0.0),),
            )
        shown = said[:1] if about is not None else said[:2]
        quotes = " And: ".join(
            f"\u201c{m.text[:300]}\u201d ({m.created_at.astimezone():%b %d})" for m in shown
        )
        sources = tuple(SourceRef("episode", f"message:{m.id}", 1.0) for m in shown)
        if about is None:
            return MemoryAnswer(f"You told me: {quotes}", sources)
        text = f"{about.text} You told me: {quotes}" if quotes else about.text
        return MemoryAnswer(text, about.sources + sources)

    def _said_about(self, user: UserRecord, topic: str) -> list[MessageRecord]:
        """Their messages closest to ``topic``, best first (never their questions to her)."""
        found: list[MessageRecord] = []
        index, vector = self.episodic(), self._encode(f"my {topic}")
        if index is not None and vector is not None:
            self._backfill(user)
            hits = [mid for mid, score in index.search(user, vector, limit=6) if score > 0.35]
            found = sorted(self.store.user_messages(user, hits), key=lambda m: hits.index(m.id))
            found = [m for m in found if not _asks_memory(m.text)]
        if not found:  # no close vector (or no model yet): the full-text index
            found = [
                h.message
                for h in self.store.search_messages(user, topic, limit=10)
                if h.message.role == "user" and not _asks_memory(h.message.text)
            ]
        allowed = self.store.recallable(user, [m.id for m in found])
        return [m for m in found if m.id in allowed][:2]

    def _people_asked(self, user: UserRecord, asked: str) -> list[str]:
        """The words naming whom a question asks about: its relation words ("my daughter") and
        the names she knows among its words, with every other word for those people."""
        spaced = f" {' '.join(words_of(asked.replace(chr(39) + 's ', ' ')))} "
        words = set(spaced.split())
        naming = self._naming(user)
        # A relation word names someone only as "my dad", "our kids", "kenji's parents", not
        # in "as a kid".
        said = re.findall(r"\b(?:my|our|\w+'s) ([\w-]+(?: [\w-]+)?)", asked)
        relations = {
            RELATIONS[w][1]
            for words_after in said
            for w in (words_after, words_after.split()[0], singular(words_after.split()[0]))
            if w in RELATIONS
        }
        relations |= {m.subject for m in naming if f" {m.value.lower()} " in spaced}
        names = [m.value for m in naming if m.subject in relations]
        found = [w for r in sorted(relations) for w in person_words(r, names)]
        return list(dict.fromkeys([*found, *(w for w in words if w in {n.lower() for n in names})]))

    def _evidence(
        self,
        user: UserRecord,
        question: MemoryQuestion,
        person: list[str],
        *,
        after: int | None = None,
        before: int | None = None,
        without: tuple[str, ...] = (),
    ) -> MemoryAnswer | None:
        """Their own message that answers ``question`` when no kept fact does, quoted; None
        when none says enough of it (``person``: the words naming whom it asks about). Only
        messages after or before a message id count when those are given, and none holding
        ``without`` (the value a "before" question is not asking for)."""
        if not question.asked:
            return None
        if question.previous:
            without = (*without, *_named_after_before(question.asked))
        found: dict[int, MessageRecord] = {}
        for words in search_words(question.kind, question.asked, person):
            for message in self.store.user_messages_with_any(
                user, words[:EVIDENCE_WORDS], limit=EVIDENCE_HITS
            ):
                found.setdefault(message.id, message)
        if person:  # "she's a physio at middlemore", right after the message that named her
            naming = [m for m in found.values() if _mentions_any(m.text, person)]
            for message in self.store.user_messages_after(user, naming[:EVIDENCE_HITS]):
                found.setdefault(message.id, message)
        # Only a message holding one of the words can count, so the full-text index finds them
        # all; the vectors then say how close each is (a few rows, never all of them).
        similarity: dict[int, float] = {}
        index, vector = self.episodic(), self._encode(question.asked)
        if index is not None and vector is not None and found:
            self._backfill(user)
            similarity = index.similarities(user, vector, list(found))
        allowed = self.store.recallable(user, list(found))
        kept = []
        for message in (m for m in found.values() if m.id in allowed):
            if message.text.rstrip().endswith("?"):  # (the lookups read only their messages)
                continue
            if (after is not None and message.id <= after) or (
                before is not None and message.id >= before
            ):
                continue
            if any(w.lower() in message.text.lower() for w in without):
                continue
            if _asks_memory(message.text) or is_code_or_markup(message.text):
                continue
            kept.append(message)
        earlier = self.store.user_messages_before(user, kept) if person else {}
        candidates = [Candidate(m, earlier.get(m.id, ()), similarity.get(m.id, 0.0)) for m in kept]
        # Whom else "she" in a message may mean: the other people she knows, by name or relation.
        others = [
            word
            for m in self._naming(user)
            if m.value.lower() not in person
            for word in (m.value.lower(), *person_words(m.subject))
            if word not in person
        ]
        evidence = best_evidence(
            question.kind,
            question.asked,
            person,
            candidates,
            newest_first=not question.previous,
            by_recency=question.kind in CHANGING_KINDS and (question.current or question.previous),
            others=others,
        )
        if evidence is None:
            return None
        when = evidence.message.created_at.astimezone()
        return MemoryAnswer(
            f"You told me: \u201c{evidence.quote}\u201d ({when:%b %d}).",
            (SourceRef("episode", f"message:{evidence.message.id}", 1.0),),
        )

    def _backfill(self, user: UserRecord) -> None:
        """Embed this user's messages that were stored before the model was ready.

        Once per user and process: afterwards every message gets its vector as it is stored.
        """
        index, model_id = self.episodic(), self._model_id()
        if index is None or model_id is None or (user.id, model_id) in self._backfilled:
            return
        self._backfilled.add((user.id, model_id))
        missing = self.store.user_messages_without_vector(user, model_id)
        vectors = {}
        for message in missing:
            vector = self._encode(message.text[:1000])
            if vector is not None:
                vectors[message.id] = vector
        if vectors:
            from companion.memory.episodic import to_blob

            self.store.save_message_vectors(model_id, {k: to_blob(v) for k, v in vectors.items()})
            index.forget_user(user.id)  # reload with the new rows on the next search

    # callbacks --------------------------------------------------------------------------
    @staticmethod
    def parse(text: str) -> tuple[ForgetRequest | None, MemoryQuestion | None]:
        forget = parse_forget(text)
        if forget is not None:
            return forget, None
        # The question may share the message with an aside: "whats my brother called, testing
        # you lol", "what's my boss called again? my brain is mush".
        for part in (text, *question_parts(text)):
            question = parse_memory_question(part)
            if question is not None:
                return None, question
        return None, None
