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
    "INFERRED_CONFIDENCE",
    "NAMING_KINDS",
    "PERSON_KINDS",
    "keys_for",
    "resolve_subjects",
    "who",
]

# The memories that name a person: subject the relation, value the name.
NAMING_KINDS = ("family", "friend")
_PEOPLE = frozenset(subject for kind, subject in RELATIONS.values() if kind != "pet")
# How sure she is of a fact whose person was worked out from "she" or a bare name (one said with
# the relation keeps the fact's own, 0.8): the right person most of the time, not always.
INFERRED_CONFIDENCE = 0.6


def _named(name: str, known: Iterable[MemoryRecord]) -> MemoryRecord | None:
    lowered = name.lower()
    return next((m for m in known if m.kind in NAMING_KINDS and m.value.lower() == lowered), None)


def _resolve(
    subject: str, in_play: Sequence[Person], known: Sequence[MemoryRecord]
) -> tuple[str, Person | None]:
    """The key a reference subject stands for ("" when it is no one she knows), and the person
    in play it was found through (None when it needed no resolving, or was found in memory)."""
    if subject.startswith(PRONOUN_REF):
        person = person_for(subject.removeprefix(PRONOUN_REF), in_play)
        if person is None:
            return "", None
        if person.relation:
            return person_key(person.relation, person.name), person
        memory = _named(person.name, known)
        return (person_key(memory.subject, person.name) if memory else ""), None
    if subject.startswith(NAME_REF):
        name = subject.removeprefix(NAME_REF)
        for person in in_play:
            if person.name.lower() == name.lower() and person.relation:
                return person_key(person.relation, name), person
        memory = _named(name, known)
        return (person_key(memory.subject, name) if memory else ""), None
    return subject, None


def resolve_subjects(
    facts: Sequence[LearnedFact], in_play: Sequence[Person], known: Sequence[MemoryRecord]
) -> list[LearnedFact]:
    """The facts with every "she" and "Ana" replaced by whom they mean; a fact about someone
    neither the conversation nor memory knows is dropped rather than guessed.

    A fact whose person was worked out from "she" or a bare name ("she's a nurse", "Ana is a
    doctor") is held at ``INFERRED_CONFIDENCE``; one said with the relation ("my sister is a
    nurse"), or whose "she" is someone the same message names ("my sister is called Ana and
    she's a nurse"), keeps its own."""
    named_here = [Person(f.subject, f.value) for f in facts if f.kind in NAMING_KINDS and f.value]
    people = [*named_here, *in_play]
    resolved = []
    for fact in facts:
        if fact.kind not in PERSON_KINDS:
            resolved.append(fact)
            continue
        subject, through = _resolve(fact.subject, people, known)
        if not subject:
            continue
        worked_out = fact.subject.startswith((PRONOUN_REF, NAME_REF)) and through not in named_here
        confidence = min(fact.confidence, INFERRED_CONFIDENCE) if worked_out else fact.confidence
        resolved.append(replace(fact, subject=subject, confidence=confidence))
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
    relation_word, _, name = words.rpartition(" ")
    if relation_word in RELATIONS and name:  # "cousin mele", "abuela chela"
        memory = _named(name, known)
        if memory is not None:
            return [person_key(memory.subject, memory.value)]
        relation_key = RELATIONS[relation_word][1]
        if relation_key in MANY_ROLES:
            return [person_key(relation_word, name), relation_key]
        return [relation_key, name]
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
