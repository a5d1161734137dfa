"""The people a message mentions ("my sister Ana", "my boss") and who "she" or "he" refers to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from companion.understanding.state import ConversationState, Person
from companion.understanding.words import word_lists

_PRONOUNS = {
    "she": "she", "her": "she", "hers": "she", "herself": "she",
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "they": "they", "them": "they", "their": "they", "theirs": "they",
}  # fmt: skip
_NAME_AFTER = re.compile(r"\b(?:named|called|name\s+is|name's|names)\s+(?P<name>[A-Za-z][a-z'-]+)")


@cache
def _relation_pattern() -> re.Pattern[str]:
    relations = sorted(word_lists().relations, key=len, reverse=True)
    alternatives = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in relations)
    return re.compile(
        rf"\b(?:my|our|me\s+and\s+my|with\s+my)\s+(?:(?:little|big|older|younger|baby|twin|"
        rf"step|ex|new|old|late)\s+)?(?P<relation>{alternatives})\b"
        r"(?:,?\s+(?P<name>[A-Z][a-z'-]+))?"
    )


def _is_name(word: str | None) -> bool:
    return bool(word) and word.lower() not in word_lists().not_names  # type: ignore[union-attr]


def mentioned_people(text: str) -> list[Person]:
    """Everyone named by relation ("my sister", "my sister Ana") or "a friend called Jo"."""
    lists = word_lists()
    found: list[Person] = []
    for match in _relation_pattern().finditer(text):
        relation = " ".join(match["relation"].lower().split())
        name = match["name"] if _is_name(match["name"]) else ""
        tail = text[match.end() :]
        if not name and (later := _NAME_AFTER.match(tail.lstrip(" ,"))) and _is_name(later["name"]):
            name = later["name"].capitalize()
        found.append(Person(relation, name, lists.relations.get(relation, "they")))
    return found


_PRONOUN_NAMED = re.compile(
    r"\b(?:(?P<pronoun>her|his|their)\s+(?:name\s+is|name's|names|name\s+was)"
    r"|(?P<subject>she|he|they)(?:'s|\s+is|'re|\s+are)\s+called)\s+"
    r"(?P<name>[A-Za-z][a-z'-]+)",
    re.I,
)
_POSSESSIVE = {"her": "she", "his": "he", "their": "they", "she": "she", "he": "he", "they": "they"}


def named_by_pronoun(text: str, state: ConversationState) -> Person | None:
    """The person in play a message names through a pronoun ("her name is Zosia", after "my
    daughter was born"): the first unnamed person in play that the pronoun fits."""
    match = _PRONOUN_NAMED.search(text)
    if match is None or not _is_name(match["name"]):
        return None
    pronoun = _POSSESSIVE[(match["pronoun"] or match["subject"]).lower()]
    for person in state.people:
        if not person.name and person.relation and pronoun in {person.pronoun, "they"}:
            return Person(person.relation, match["name"].capitalize(), person.pronoun)
    return None


def pronouns_in(text: str) -> list[str]:
    """The third-person pronouns a message uses, as "she", "he" or "they", in order."""
    return [_PRONOUNS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _PRONOUNS]


def person_for(pronoun: str, people: Sequence[Person]) -> Person | None:
    """The first of ``people`` a pronoun ("she", "he" or "they") can refer to."""
    return next((p for p in people if pronoun == "they" or p.pronoun in {pronoun, "they"}), None)


def names_in(text: str, state: ConversationState) -> list[Person]:
    """People already in play whose name the message says ("Ana said...")."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return [p for p in state.people if p.name and p.name.lower() in words]


def resolve(text: str, state: ConversationState) -> Person | None:
    """Who the message is about, if anyone else: a mention, a known name, else a pronoun's person."""
    mentioned = mentioned_people(text)
    if mentioned:
        first = mentioned[0]
        for known in state.people:
            if known.same_as(first) or (not first.name and known.relation == first.relation):
                return Person(first.relation, first.name or known.name, first.pronoun)
        return first
    named = names_in(text, state)
    if named:
        return named[0]
    for pronoun in pronouns_in(text):
        if (person := person_for(pronoun, state.people)) is not None:
            return person
    return None
