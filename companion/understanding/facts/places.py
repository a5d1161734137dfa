"""Fact rules for where the user lives ("I live in Lisbon", "my address is ...") and is from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import VALUE_STOPS
from companion.understanding.facts.when import DATE_START, WHEN
from companion.understanding.reading import I_AM, WE_ARE, first_word, take
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_WORDS = fact_words()
# Where a place ends: "I live in Lisbon now", "going to Paris with my mum".
PLACE_STOPS = VALUE_STOPS | _WORDS.place_stops
_NOT_PLACES = _WORDS.not_places
_NOT_PLACE_PHRASES = _WORDS.not_place_phrases

_LIVE_IN = [
    re.compile(
        r"\b(?:i|we)\s+(?:(?:currently|now|still|actually|also|basically|kind\s+of|kinda)\s+)?"
        r"live\s+in\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        rf"(?:{I_AM}|{WE_ARE}|\b(?:i|we)(?:'ve|\s+have)\s+been)\s+(?:(?:currently|now|still)\s+)?"
        r"(?:living|based|settled)\s+"
        r"(?:in|out\s+of)\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        # "moved out to howth last weekend": the "we" may be left out at the start.
        r"(?:\b(?:i|we)(?:'ve|\s+have)?\s+|^)(?:(?:just|recently|finally|actually|now)\s+)?"
        r"(?:moved|relocated)\s+(?:back\s+|out\s+|over\s+|up\s+|down\s+)?to\s+"
        r"(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]
_ADDRESS = re.compile(r"\bmy\s+(?:home\s+)?address\s+is\s+(?=(?P<rest>.{0,200}))", re.I)
_FROM = [
    re.compile(I_AM + r"\s+(?:originally\s+)?from\s+(?=(?P<rest>.{0,200}))", re.I),
    re.compile(r"\bi\s+(?:originally\s+)?come\s+from\s+(?=(?P<rest>.{0,200}))", re.I),
    re.compile(
        r"\bi\s+(?:grew\s+up|was\s+raised|was\s+brought\s+up)\s+in\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        r"\bi\s+was\s+born\s+(?:and\s+(?:raised|bred)\s+)?in\s+(?=(?P<rest>.{0,200}))", re.I
    ),
    re.compile(r"\bmy\s+home\s*town\s+is\s+(?=(?P<rest>.{0,200}))", re.I),
]


def place_at_start(text: str) -> str:
    """A place at the start of `text` ("Lisbon", "New York", "the south of France"), or ""."""
    if DATE_START.match(text) or WHEN.match(text):
        return ""
    place = take(text, PLACE_STOPS, 5)
    if not place or first_word(place) in _NOT_PLACES or place.lower() in _NOT_PLACE_PHRASES:
        return ""
    return place


@RULES.add
def _places(sentence: Sentence) -> Iterator[Found]:
    for pattern in _LIVE_IN:
        for match in pattern.finditer(sentence.text):
            if place := place_at_start(match["rest"]):
                yield match.start(), LearnedFact("location", "", place)
    for match in _ADDRESS.finditer(sentence.text):
        if address := take(match["rest"], VALUE_STOPS, 8):
            yield match.start(), LearnedFact("location", "", address)
    for pattern in _FROM:
        for match in pattern.finditer(sentence.text):
            if place := place_at_start(match["rest"]):
                yield match.start(), LearnedFact("hometown", "", place)
