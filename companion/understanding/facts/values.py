"""Cutting a value out of what follows a rule's pattern: names, stop words, pronoun objects."""

from __future__ import annotations

import re

from companion.understanding.facts.rules import Sentence
from companion.understanding.reading import capitalise, clause
from companion.understanding.subjects import EVENT_NOUNS, RELATIONS
from companion.understanding.vocabulary import fact_words, feeling_words

_WORDS = fact_words()
# Words that cannot be a name after "I'm", "my sister" or "call me": the list in facts.toml,
# and every mood word, job, relation and event noun.
NOT_NAMES = (
    _WORDS.not_names
    | frozenset(feeling_words().moods)
    | _WORDS.jobs
    | frozenset(RELATIONS)
    | EVENT_NOUNS
)
# Where any value ends ("I love hiking but ..."); rules add their own stops to these.
VALUE_STOPS = _WORDS.value_stops
_PRONOUNS = _WORDS.pronouns
ABOUT_YOU = _WORDS.about_you
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def is_stop_word(word: str, stops: frozenset[str]) -> bool:
    """True for a stop word, including hyphenated ones ("twenty-five", "self-aware")."""
    lowered = word.lower()
    return lowered in stops or any(part in stops for part in lowered.split("-"))


def name_in(text: str, sentence: Sentence, *, capital: bool, stops: frozenset[str]) -> str:
    """The name at the start of `text` ("Priya", "Mary Jane"), or "" if it does not look like one.

    Following words join the name only when capitalised ("Priya Sharma", not "Priya nice").
    """
    names: list[str] = []
    for index, token in enumerate(clause(text).split()[:3]):
        word = token.strip("\"'")
        if word.lower().endswith("'s"):
            word = word[:-2]
        if (
            not _NAME_TOKEN.fullmatch(word)
            or is_stop_word(word, stops)
            or len(word) > 30
            or (len(word) >= 6 and word.lower().endswith("ing"))
        ):
            break
        capitalised = word[0].isupper() and sentence.capitals_mean_names
        if (index == 0 and capital and not capitalised) or (index > 0 and not capitalised):
            break
        names.append(capitalise(word))
    return " ".join(names)


def about_someone_else(value: str) -> bool:
    """True when a liked thing is a pronoun ("I love it") or about the companion ("your voice")."""
    words = value.lower().split()
    return (
        not words
        or words[0] in _PRONOUNS
        or words[-1] in _PRONOUNS
        or any(word in ABOUT_YOU for word in words)
    )
