"""The understanding layer's word lists, read once from ``data/words.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from companion.understanding.vocabulary import read_data

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words_of(text: str) -> list[str]:
    """Lower-case words, apostrophes kept inside a word ("didn't"), curly quotes made straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def phrase_of(text: str) -> str:
    """A message as one comparable phrase: its words joined by single spaces."""
    return " ".join(words_of(text))


@dataclass(frozen=True, slots=True)
class WordLists:
    positive: frozenset[str]
    negative: frozenset[str]
    negators: frozenset[str]
    negative_when_negated: frozenset[str]
    negation_gap: frozenset[str]
    deniable_feelings: frozenset[str]
    contrast: frozenset[str]
    passed_as_death_next: frozenset[str]
    openers_before_ill: frozenset[str]
    verbs_after_ill: frozenset[str]
    greetings: frozenset[str]
    farewells: frozenset[str]
    followups: frozenset[str]
    answers: frozenset[str]
    second_person: frozenset[str]
    first_person: frozenset[str]
    question_starts: frozenset[str]
    later_question_starts: frozenset[str]
    mention_before_name: frozenset[str]
    fact_frame: frozenset[str]
    relations: dict[str, str]
    not_names: frozenset[str]
    loss: frozenset[str]


def _phrases(values: list[str]) -> frozenset[str]:
    return frozenset(phrase_of(v) for v in values)


@cache
def word_lists() -> WordLists:
    data = read_data("words")
    polarity, acts, people = data["polarity"], data["acts"], data["people"]
    return WordLists(
        positive=frozenset(polarity["positive"]),
        negative=frozenset(polarity["negative"]),
        negators=frozenset(polarity["negators"]),
        negative_when_negated=frozenset(polarity["negative_when_negated"]),
        negation_gap=frozenset(polarity["negation_gap"]),
        deniable_feelings=frozenset(polarity["deniable_feelings"]),
        contrast=frozenset(polarity["contrast"]),
        passed_as_death_next=frozenset(polarity["passed_as_death_next"]),
        openers_before_ill=frozenset(polarity["openers_before_ill"]),
        verbs_after_ill=frozenset(polarity["verbs_after_ill"]),
        greetings=_phrases(acts["greetings"]),
        farewells=_phrases(acts["farewells"]),
        followups=_phrases(acts["followups"]),
        answers=_phrases(acts["answers"]),
        second_person=frozenset(acts["second_person"]),
        first_person=frozenset(acts["first_person"]),
        question_starts=frozenset(acts["question_starts"]),
        later_question_starts=frozenset(acts["later_question_starts"]),
        mention_before_name=frozenset(acts["mention_before_name"]),
        fact_frame=frozenset(acts["fact_frame"]),
        relations={k.lower(): v for k, v in people["relations"].items()},
        not_names=frozenset(people["not_names"]),
        loss=_phrases(data["loss"]["phrases"]),
    )
