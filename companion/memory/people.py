"""The people in the user's life as memory keeps them: who a fact or a question is about, and
how she speaks of them.

A person is kept under a key: the relation ("sister", "grandfather"), or for the roles a user has
many of (friends, colleagues) the role and the name ("friend:dev"). Their name is the "family" or
"friend" memory of that relation; what else she knows of them (where they live, their work, what
they taught the user) are memories of the `PERSON_KINDS` with the key as subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from companion.store import MemoryRecord
from companion.understanding.facts import LearnedFact
from companion.understanding.facts.others import NAME_REF, PERSON_KINDS, PRONOUN_REF
from companion.understanding.reading import capitalise
from companion.understanding.state import Person
from companion.understanding.subjects import RELATIONS

__all__ = [
    "NAMING_KINDS",
    "PERSON_KINDS",
    "key_of",
    "keys_for",
    "predicate",
    "resolve_subjects",
    "who",
    "your_words",
]

# The memories that name a person: subject the relation, value the name.
NAMING_KINDS = ("family", "friend")
_MANY = frozenset(subject for kind, subject in RELATIONS.values() if kind == "friend")
_PEOPLE = frozenset(subject for kind, subject in RELATIONS.values() if kind != "pet")


def key_of(relation: str, name: str) -> str:
    """The key a person's facts are kept under."""
    relation_key = RELATIONS.get(relation.lower(), ("", relation.lower()))[1]
    if relation_key in _MANY and name:
        return f"{relation_key}:{name.lower()}"
    return relation_key or name.lower()


def _named(name: str, known: Iterable[MemoryRecord]) -> MemoryRecord | None:
    lowered = name.lower()
    return next((m for m in known if m.kind in NAMING_KINDS and m.value.lower() == lowered), None)


def _person_for(pronoun: str, in_play: Sequence[Person]) -> Person | None:
    return next((p for p in in_play if pronoun == "they" or p.pronoun in {pronoun, "they"}), None)


def _resolve(subject: str, in_play: Sequence[Person], known: Sequence[MemoryRecord]) -> str:
    """The key a reference subject stands for, or "" when it is no one she knows."""
    if subject.startswith(PRONOUN_REF):
        person = _person_for(subject.removeprefix(PRONOUN_REF), in_play)
        if person is None:
            return ""
        if person.relation:
            return key_of(person.relation, person.name)
        memory = _named(person.name, known)
        return key_of(memory.subject, person.name) if memory else ""
    if subject.startswith(NAME_REF):
        name = subject.removeprefix(NAME_REF)
        for person in in_play:
            if person.name.lower() == name.lower() and person.relation:
                return key_of(person.relation, name)
        memory = _named(name, known)
        return key_of(memory.subject, name) if memory else ""
    return subject


def resolve_subjects(
    facts: Sequence[LearnedFact], in_play: Sequence[Person], known: Sequence[MemoryRecord]
) -> list[LearnedFact]:
    """The facts with every "she" and "Ana" replaced by whom they mean; a fact about someone
    neither the conversation nor memory knows is dropped rather than guessed."""
    named_here = [Person(f.subject, f.value) for f in facts if f.kind in NAMING_KINDS and f.value]
    people = [*named_here, *in_play]
    resolved = []
    for fact in facts:
        if fact.kind not in PERSON_KINDS:
            resolved.append(fact)
        elif subject := _resolve(fact.subject, people, known):
            resolved.append(replace(fact, subject=subject))
    return resolved


def keys_for(who: str, in_play: Sequence[Person], known: Sequence[MemoryRecord]) -> list[str]:
    """The keys a question's "my sister", "ana" or "she" may mean, likeliest first."""
    words = " ".join(who.lower().split()).removeprefix("my ").removeprefix("our ")
    if words in {"she", "he", "they", "her", "him", "them"}:
        pronoun = {"her": "she", "him": "he", "them": "they"}.get(words, words)
        person = _person_for(pronoun, in_play)
        if person is None:
            return []
        words = person.relation or person.name.lower()
    if words in RELATIONS:
        relation_key = RELATIONS[words][1]
        if relation_key in _MANY:  # "my friend": any friend, the newest named first
            named = [m.value for m in known if m.kind == "friend" and m.subject == relation_key]
            return [key_of(words, n) for n in named] + [relation_key]
        return [relation_key]
    memory = _named(words, known)
    if memory is not None:
        return [key_of(memory.subject, memory.value)]
    return [words] if words else []


def who(key: str, known: Sequence[MemoryRecord]) -> str:
    """How she names the person kept under ``key``: "your sister Ana", "your friend Dev"."""
    relation_key, _, name = key.partition(":")
    if name:
        return f"your {relation_key} {capitalise(name)}"
    if relation_key in _PEOPLE:
        memory = next(
            (m for m in known if m.kind in NAMING_KINDS and m.subject == relation_key), None
        )
        return f"your {relation_key} {memory.value}" if memory else f"your {relation_key}"
    return capitalise(key)  # known by name only


def predicate(memory: MemoryRecord) -> str:
    """What a person fact says of them, after their name: "lives in Leeds", "is a nurse"."""
    value = memory.value
    match memory.kind:
        case "their_home":
            return f"lives in {value.title() if value.islower() else value}"
        case "their_job":
            return f"is {'an' if value[:1].lower() in 'aeiou' else 'a'} {value}"
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
