"""`extract_facts`: every fact rule over every sentence of a message, facts in the order said."""

from __future__ import annotations

import re

from companion.understanding.facts import (
    age,
    history,
    likes,
    names,
    others,
    people,
    places,
    plans,
    work,
)
from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Rule, Sentence
from companion.understanding.reading import clean, sentences

# The families in the order their rules run. Facts found at the same place in a sentence keep
# this order, so it is spelled out here rather than left to the order modules are imported in.
RULES: tuple[Rule, ...] = (
    *names.RULES,
    *age.RULES,
    *places.RULES,
    *work.RULES,
    *people.RULES,
    *others.RULES,
    *history.RULES,
    *likes.RULES,
    *plans.RULES,
)

_QUESTION_START = re.compile(
    r"^(?:what|where|when|who|whom|whose|why|how|which|do|does|did|am|is|are|was|were|can|could"
    r"|would|should|will|shall|have|has|may|might|isn't|aren't|don't|doesn't|didn't|wasn't"
    r"|won't|wouldn't|shouldn't|couldn't|can't)\b",
    re.I,
)


def _is_question(sentence: str) -> bool:
    """A question asks rather than tells: "Do you think I should move to Porto?" states nothing."""
    return sentence.rstrip().endswith("?") and bool(_QUESTION_START.match(sentence))


def extract_facts(text: str) -> list[LearnedFact]:
    """The facts about the user that `text` states, in the order they appear.

    Questions state nothing ("should I move to Porto?"), and neither do pronoun objects
    ("I love you", "I like that").
    """
    try:
        return _extract_facts(text)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return []


def _extract_facts(text: str) -> list[LearnedFact]:
    cleaned = clean(text)
    parts = sentences(cleaned)
    capitals_mean_names = any(character.islower() for character in cleaned)
    found: list[tuple[int, int, LearnedFact]] = []
    for number, sentence_text in enumerate(parts):
        if _is_question(sentence_text):
            continue
        sentence = Sentence(sentence_text, capitals_mean_names, len(parts) == 1)
        in_sentence: list[tuple[int, int, LearnedFact]] = []
        for rule in RULES:
            in_sentence.extend((number, position, fact) for position, fact in rule(sentence))
        # "my birthday is in June" is the birthday, not an event happening in June.
        if any(fact.kind == "birthday" for _, _, fact in in_sentence):
            in_sentence = [
                item
                for item in in_sentence
                if not (item[2].kind == "event" and item[2].value.lower() in {"birthday", "bday"})
            ]
        found.extend(in_sentence)
    facts: list[LearnedFact] = []
    for _, _, fact in sorted(found, key=lambda item: (item[0], item[1])):
        if fact not in facts:
            facts.append(fact)
    return facts
