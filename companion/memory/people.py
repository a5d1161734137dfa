"""The people in the user's life as memory keeps them: who a fact or a question is about, and
how she speaks of them.

A person is kept under a key: the relation ("sister", "grandfather"), or for the roles a user has
many of (friends, colleagues) the role and the name ("friend:dev"). Their name is the "family" or
"friend" memory of that relation; what else she knows of them (where they live, their work, what
they taught the user) are memories of the `PERSON_KINDS` with the key as subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from companion.store import MemoryRecord
from companion.understanding.facts import LearnedFact
from companion.understanding.facts.others import (
    MANY_ROLES,
    NAME_REF,
    PERSON_KINDS,
    PRONOUN_REF,
    person_key,
)
from companion.understanding.people import person_for, pronouns_in
from companion.understanding.reading import capitalise
from companion.understanding.state import Person
from companion.understanding.subjects import RELATIONS

__all__ = [
    "NAMING_KINDS",
    "PERSON_KINDS",
    "keys_for",
    "resolve_subjects",
    "who",
]

# The memories that name a person: subject the relation, value the name.
NAMING_KINDS = ("family", "friend")
_PEOPLE = frozenset(subject for kind, subject in RELATIONS.values() if kind != "pet")


def _named(name: str, known: Iterable[MemoryRecord]) -> MemoryRecord | None:
    lowered = name.lower()
    return next((m for m in known if m.kind in NAMING_KINDS and m.value.lower() == lowered), None)


def _resolve(subject: str, in_play: Sequence[Person], known: Sequence[MemoryRecord]) -> str:
    """The key a reference subject stands for, or "" when it is no one she knows."""
    if subject.startswith(PRONOUN_REF):
        person = person_for(subject.removeprefix(PRONOUN_REF), in_play)
        if person is None:
            return ""
        if person.relation:
            return person_key(person.relation, person.name)
        memory = _named(person.name, known)
        return person_key(memory.subject, person.name) if memory else ""
    if subject.startswith(NAME_REF):
        name = subject.removeprefix(NAME_REF)
        for person in in_play:
            if person.name.lower() == name.lower() and person.relation:
                return person_key(person.relation, name)
        memory = _named(name, known)
        return person_key(memory.subject, name) if memory else ""
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
        person = person_for(pronouns_in(words)[0], in_play)
        if person is None:
            return []
        words = person.relation or person.name.lower()
    if words in RELATIONS:
        relation_key = RELATIONS[words][1]
        if relation_key in MANY_ROLES:  # "my friend": any friend, the newest named first
            named = [m.value for m in known if m.kind == "friend" and m.subject == relation_key]
            return [person_key(words, n) for n in named] + [relation_key]
        return [relation_key]
    memory = _named(words, known)
    if memory is not None:
        return [person_key(memory.subject, memory.value)]
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
