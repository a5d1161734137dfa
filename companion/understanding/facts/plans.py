"""Fact rules for the user's plans ("I'm moving to Porto in May") and events ("exam on Friday")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.places import PLACE_STOPS
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import VALUE_STOPS, about_someone_else
from companion.understanding.facts.when import WHEN
from companion.understanding.reading import I_AM, WE_ARE, clause, first_word, take, tidy
from companion.understanding.subjects import EVENT, event_name
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_WORDS = fact_words()
_NOT_PLANS = _WORDS.not_plans
_NEGATIONS = _WORDS.negations

_TRAVEL = re.compile(
    rf"(?:{I_AM}|{WE_ARE})\s+(?:(?:also|actually|finally|definitely|probably|just)\s+)?"
    r"(?P<verb>going|heading|flying|travelling|traveling|driving|moving|relocating|off)\s+"
    r"(?P<to>(?:back\s+)?to)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_DOING_SOON = re.compile(
    rf"(?:{I_AM}|{WE_ARE})\s+(?:(?:also|actually|finally|just)\s+)?"
    r"(?P<verb>visiting|seeing|meeting|starting|hosting|throwing|celebrating|attending|running|"
    r"taking|getting\s+married|getting\s+engaged|leaving\s+for|flying\s+out)(?!\w)(?=(?P<rest>.{0,200}))",
    re.I,
)
_INTENT = re.compile(
    r"(?:" + I_AM + r"\s+(?:(?:really|also|seriously)\s+)?(?:planning|hoping|aiming|intending"
    r"|going\s+to\s+try|saving\s+up|determined)\s+to"
    r"|\bi(?:\s+(?:(?:really|also)\s+)?(?:plan|hope|intend|aim|have\s+decided|decided)"
    r"|'ve\s+decided)\s+to"
    r"|\bmy\s+(?:new\s+year'?s?\s+)?(?:goal|plan|dream|resolution|aim|ambition)\s+is\s+to"
    r"|" + I_AM + r"\s+planning\s+on)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_CONSIDERING = re.compile(
    I_AM + r"\s+(?:(?:seriously|really|also)\s+)?(?:thinking\s+(?:of|about)|considering)\s+"
    r"(?=(?P<rest>\w+ing\b.{0,200}))",
    re.I,
)
_WANT = re.compile(
    r"\bi(?:\s+(?:(?:really|still|also)\s+)?(?:want\s+to|wanna|would\s+(?:like|love)\s+to)"
    r"|'d\s+(?:really\s+)?(?:like|love)\s+to)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)


def _split_when(text: str) -> tuple[str, str]:
    """The clause at the start of `text`, split into what comes before a time phrase, and it."""
    start = clause(text)
    when = WHEN.search(start)
    if not when:
        return start, ""
    return start[: when.start()], tidy(when.group())


def _plan(text: str) -> str:
    plan = take(text, VALUE_STOPS, 8)
    if not plan or about_someone_else(plan) or first_word(plan) in _NOT_PLANS:
        return ""
    return plan


@RULES.add
def _plans(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for match in _TRAVEL.finditer(text):
        before, when = _split_when(match["rest"])
        place = take(before, PLACE_STOPS, 5)
        if not place or first_word(place) in _NOT_PLANS or about_someone_else(place):
            continue
        named_place = place[0].isupper() and sentence.capitals_mean_names
        moving = match["verb"].lower() in {"moving", "relocating"}
        if when or named_place or moving:
            value = f"{match['verb']} {' '.join(match['to'].split())} {place}"
            yield match.start(), LearnedFact("plan", "", value, when)
    for match in _DOING_SOON.finditer(text):
        before, when = _split_when(match["rest"])
        value = tidy(f"{' '.join(match['verb'].split())} {take(before, VALUE_STOPS, 6)}")
        if when and not about_someone_else(value):
            yield match.start(), LearnedFact("plan", "", value, when)
    for pattern, need_when in ((_INTENT, False), (_CONSIDERING, False), (_WANT, True)):
        for match in pattern.finditer(text):
            before, when = _split_when(match["rest"])
            if need_when and not when:
                continue
            if plan := _plan(before):
                yield match.start(), LearnedFact("plan", "", plan, when)


_EVENT_PHRASE = rf"(?P<event>(?:[\w'-]+\s+){{0,2}}?{EVENT})"
_DETERMINER = r"(?:(?:a|an|my|the|this|that|another|our|one|two|some|his|her|their)\s+)"
_HAVE_EVENT = (
    r"(?:\b(?:i|we)\s+(?:also\s+)?(?:have\s+got|have|got)|\b(?:i|we)'ve\s+(?:also\s+)?got"
    r"|\b(?:i|we)'ve|\bive\s+got|" + I_AM + r"\s+having|\bthere's|\bthere\s+is)"
)
_EVENT_PATTERNS = [
    re.compile(
        r"\b(?:my|our|the)\s+"
        + _EVENT_PHRASE
        + r"(?:\s+(?:is|are|was)|'s)\s+(?:(?:coming\s+up|scheduled|booked|set|planned|happening)"
        r"\s+(?:for\s+)?)?(?P<when>" + WHEN.pattern + ")",
        re.I,
    ),
    re.compile(
        _HAVE_EVENT
        + r"\s+"
        + _DETERMINER
        + "?"
        + _EVENT_PHRASE
        + r"(?P<middle>(?:\s+[\w'-]+){0,6}?)\s+(?P<when>"
        + WHEN.pattern
        + ")",
        re.I,
    ),
    re.compile(
        r"(?P<when>"
        + WHEN.pattern
        + r")\s*,?\s+"
        + _HAVE_EVENT
        + r"\s+"
        + _DETERMINER
        + "?"
        + _EVENT_PHRASE,
        re.I,
    ),
]


@RULES.add
def _events(sentence: Sentence) -> Iterator[Found]:
    for pattern in _EVENT_PATTERNS:
        for match in pattern.finditer(sentence.text):
            words = match["event"].lower().split()
            middle = match.groupdict().get("middle") or ""
            if any(word in _NEGATIONS for word in words) or any(
                word.lower() in VALUE_STOPS | _NEGATIONS for word in middle.split()
            ):
                continue
            yield (
                match.start(),
                LearnedFact("event", "", event_name(match["event"]), tidy(match["when"])),
            )
