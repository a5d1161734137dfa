"""Fact rules for what the user likes, dislikes and has as a favourite ("my favourite band is")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import VALUE_STOPS, about_someone_else
from companion.understanding.reading import I_AM, first_word, take, tidy
from companion.understanding.subjects import category
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_LIKE_ADVERBS = (
    r"(?:really|absolutely|just|totally|do|so|truly|genuinely|also|actually|kinda|kind\s+of|"
    r"quite|especially|still|always|honestly|seriously|deeply|rly|definitely|particularly)"
)
_LIKES = [
    re.compile(
        rf"\bi\s+(?:{_LIKE_ADVERBS}\s+){{0,3}}(?:love|like|adore|enjoy)\s+(?=(?P<rest>.{{0,200}}))",
        re.I,
    ),
    re.compile(
        I_AM + r"\s+(?:(?:really|so|super|very|totally|quite|kinda|also|especially|pretty|"
        r"deeply|heavily|absolutely)\s+){0,2}(?:into|obsessed\s+with|passionate\s+about|"
        r"fond\s+of|keen\s+on|crazy\s+about|mad\s+about|addicted\s+to|"
        r"a\s+(?:(?:big|huge|massive|great|real|total|die-hard)\s+)?(?:fan|lover)\s+of)\s+"
        r"(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]
_DISLIKES = [
    re.compile(
        rf"\bi\s+(?:{_LIKE_ADVERBS}\s+){{0,3}}(?:hate|dislike|detest|loathe|despise|"
        r"can'?t\s+stand|cannot\s+stand|can\s+not\s+stand|can'?t\s+bear|"
        r"(?:don'?t|do\s+not)\s+(?:(?:really|much|particularly|even)\s+)?"
        r"(?:like|love|enjoy|care\s+for)|never\s+(?:liked|like|enjoyed|enjoy))\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        I_AM + r"\s+not\s+(?:(?:really|very|too|that|so|much\s+of)\s+)?(?:into|fond\s+of|"
        r"keen\s+on|a\s+(?:(?:big|huge|great)\s+)?fan\s+of)\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]
_NOT_LIKED = fact_words().not_liked


def _liked_thing(text: str) -> str:
    thing = take(text, VALUE_STOPS, 6)
    thing = re.sub(r"^to\s+", "", thing, flags=re.I)
    return "" if about_someone_else(thing) or first_word(thing) in _NOT_LIKED else thing


@RULES.add
def _likes(sentence: Sentence) -> Iterator[Found]:
    for kind, patterns in (("like", _LIKES), ("dislike", _DISLIKES)):
        for pattern in patterns:
            for match in pattern.finditer(sentence.text):
                if thing := _liked_thing(match["rest"]):
                    yield match.start(), LearnedFact(kind, "", thing)


_FAVOURITE = r"(?:(?:all[\s-]time|absolute|current|most)\s+)?(?:favourite|favorite|fave|fav)"
_MY_FAVOURITE_IS = re.compile(
    rf"\bmy\s+{_FAVOURITE}\s+(?P<cat>[\w'-]+(?:\s+[\w'-]+){{0,3}}?)"
    r"(?:\s+(?:is|are|was|would\s+(?:have\s+to\s+)?be|has\s+(?:got\s+)?to\s+be)|'s)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_IS_MY_FAVOURITE = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but|so|because)\s+)(?P<value>[^,;]{1,60}?)\s+(?:is|are|'s)\s+"
    rf"(?:(?:definitely|probably|still|easily|always)\s+)?my\s+{_FAVOURITE}\s+(?=(?P<cat>.{{0,200}}))",
    re.I,
)
_HEDGE = re.compile(
    r"^(?:(?:i\s+think|i\s+guess|i'd\s+say|i\s+reckon|honestly|probably|definitely|easily|"
    r"obviously|hands\s+down|currently|still|always|oh|well|yeah|um+)[\s,]+)+",
    re.I,
)
# "Pizza is my favourite food by far": the category ends before these.
_CATEGORY_STOPS = VALUE_STOPS | frozenset({"by", "in", "of"})


@RULES.add
def _favourites(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for match in _MY_FAVOURITE_IS.finditer(text):
        value = take(_HEDGE.sub("", match["rest"]), VALUE_STOPS, 6)
        if value and not about_someone_else(value):
            yield match.start(), LearnedFact("favourite", category(match["cat"]), value)
    for match in _IS_MY_FAVOURITE.finditer(text):
        value = tidy(_HEDGE.sub("", match["value"]))
        subject = take(match["cat"], _CATEGORY_STOPS, 4)
        if value and subject and len(value.split()) <= 5 and not about_someone_else(value):
            yield match.start("value"), LearnedFact("favourite", category(subject), value)
