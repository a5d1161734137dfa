"""What a fact is about, named one way however the user wrote it.

The relation a word names ("mum" is family, subject "mother"), a favourite's category ("colors"
is "colour") and an event's name ("a big interview" is an interview). Facts and the questions
about them read subjects through these, so "what's my mom called?" finds what "my mum" stored.
"""

from __future__ import annotations

import re

from companion.understanding.reading import alternation
from companion.understanding.vocabulary import fact_words, relation_words

_RELATION_WORDS = relation_words()
# Every word for a person or animal -> (kind of fact, subject).
RELATIONS: dict[str, tuple[str, str]] = {
    **{word: ("family", subject) for word, subject in _RELATION_WORDS.family.items()},
    **{word: ("friend", subject) for word, subject in _RELATION_WORDS.friends.items()},
    **{word: ("pet", subject) for word, subject in _RELATION_WORDS.pets.items()},
}
REL = alternation(RELATIONS)


def relation(word: str) -> tuple[str, str]:
    """(kind, subject) for a relation word as matched by `REL` ("best  Mate" -> friend)."""
    return RELATIONS[" ".join(word.lower().split())]


def singular(word: str) -> str:
    """The singular of a plural noun as people type them ("kids", "grannies", "boxes")."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "series", "news")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def category(words: str) -> str:
    """A favourite's category as a subject: lower case, singular, British spelling of colour."""
    parts = [re.sub(r"^colou?rs?$", "colour", part) for part in words.lower().split()]
    if parts:
        parts[-1] = singular(parts[-1])
    return " ".join(parts)


EVENT_NOUNS = fact_words().event_nouns
EVENT = alternation(EVENT_NOUNS) + r"(?:e?s)?(?!\w)"
_EVENT_COLOUR = fact_words().event_colour


def event_name(phrase: str) -> str:
    """An event without the words that only colour it: "big scary interview" -> "interview"."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in _EVENT_COLOUR:
        words.pop(0)
    return " ".join(words)
