"""Fact rules for the people in the user's life: where they live, what they do, what they taught
the user ("my sister Ana lives in Leeds", "he works at a garage", "my grandad taught me to fish").

A fact's subject is who it is about. A rule reads one sentence and knows no one, so where the
sentence names the person only by a pronoun or a name ("she's a nurse", "Ana lives in Leeds"),
the subject is a reference (``PRONOUN_REF`` + "she", ``NAME_REF`` + "Ana") that the turn resolves
against the people in play and in memory (`memory/people.py`), or drops.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.places import place_at_start
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import NOT_NAMES, VALUE_STOPS, is_stop_word
from companion.understanding.facts.work import (
    VEHICLE,
    driver_of,
    job_at_start,
    workplace_at_start,
)
from companion.understanding.reading import capitalise, take
from companion.understanding.subjects import REL, RELATIONS, relation
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

PRONOUN_REF = "pronoun:"
NAME_REF = "name:"
# The kinds these rules learn; each is single-valued per person, a new value supersedes.
PERSON_KINDS = (
    "their_home",
    "their_job",
    "their_workplace",
    "their_study",
    "taught",
    "their_saying",
)

# The roles a user has many of (friends, colleagues, a manager): each person is kept by name too.
MANY_ROLES = frozenset(subject for kind, subject in RELATIONS.values() if kind == "friend")


def person_key(relation_word: str, name: str = "") -> str:
    """The subject a person's facts are kept under: "sister", or "friend:dev" for a role the
    user has many of; the name alone when the relation is unknown."""
    word = " ".join(relation_word.lower().split())
    relation_key = RELATIONS.get(word, ("", word))[1]
    if relation_key in MANY_ROLES and name:
        return f"{relation_key}:{name.lower()}"
    return relation_key or name.lower()


_MODS = (
    r"(?:(?:little|big|baby|older|younger|elder|eldest|oldest|youngest|twin|step|half|new|old|"
    r"lovely|dear|late)[\s-]+)?"
)
# Who the sentence is about, read backwards from where the predicate starts.
_SUBJECT_BEFORE = re.compile(
    rf"(?:\b(?i:my|our)\s+{_MODS}(?P<rel>(?i:{REL}))(?:\s*,?\s+(?P<relname>[A-Za-z][a-z'-]+))?"
    r"|\b(?P<pronoun>(?i:she|he|they))"
    # Any case: a name is kept only if it is someone the conversation or memory knows.
    r"|(?<!\bmy\s)(?<!\bour\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\byour\s)"
    r"\b(?P<name>[A-Za-z][a-z'-]+))\s*$"
)
_ADVERBS = r"(?:\s+(?:still|now|currently|just|recently|actually|also|finally|already|even))*"
_LIVES = re.compile(
    _ADVERBS + r"(?:\s+(?:lives|live|is\s+living|are\s+living|is\s+based|are\s+based)"
    r"|'s\s+(?:living|based)|'re\s+(?:living|based)"
    r"|\s+(?:has|have)\s+moved|'s\s+moved|'ve\s+moved|\s+moved)"
    # "he lives with our parents in tampines"
    r"(?:\s+with\s+(?:my|our|his|her|their)\s+[\w'-]+)?"
    r"\s+(?:back\s+)?(?:in|to|out\s+in|over\s+in|down\s+in|up\s+in)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_SAYS = re.compile(
    r"(?:\s+(?:always|would\s+always|used\s+to|still|keeps|kept))+\s+"
    r"(?:says?|said|saying|tells\s+me|told\s+me|telling\s+me)\s+(?:that\s+)?(?=(?P<rest>.{0,200}))",
    re.I,
)
_DRIVES = re.compile(
    _ADVERBS + rf"\s+(?:drives|drove|is\s+driving)\s+(?:an?\s+)?{VEHICLE}\b(?=(?P<rest>))", re.I
)
_STUDIES = re.compile(
    _ADVERBS + r"(?:\s+(?:studies|studied|is\s+studying|was\s+studying|did\s+a\s+degree\s+in"
    r"|is\s+doing\s+a\s+degree\s+in)|'s\s+studying)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_IS_A = re.compile(
    _ADVERBS + r"(?:\s+(?:is|was)|'s)" + _ADVERBS + r"\s+an?\s+(?=(?P<rest>.{0,200}))", re.I
)
_WORKS = _ADVERBS + r"\s+(?:works?|worked|is\s+working|'s\s+working)\s+"
_WORKS_AS = re.compile(_WORKS + r"as\s+(?:an?\s+)?(?=(?P<rest>.{0,200}))", re.I)
_WORKS_AT = re.compile(_WORKS + r"(?:at|for)\s+(?=(?P<rest>.{0,200}))", re.I)
_TAUGHT = re.compile(
    r"(?:\s+was\s+the\s+one\s+who|(?:'s|\s+is)\s+the\s+one\s+who|\s+who)?"
    + _ADVERBS
    + r"\s+(?:taught|teached|showed)\s+(?:me|us(?:\s+(?:both|all|kids))?)\s+"
    r"(?P<how>(?:how\s+)?(?:to\s+)?)(?=(?P<rest>.{0,200}))",
    re.I,
)
_LEARNT_FROM = re.compile(
    r"\bi\s+(?:learned|learnt)\s+(?P<what>(?:how\s+)?(?:to\s+)?[\w' -]{2,60}?)\s+from\s+"
    rf"(?:my|our)\s+{_MODS}(?P<rel>{REL})\b",
    re.I,
)
_NOT_SUBJECTS = (
    NOT_NAMES | VALUE_STOPS | fact_words().not_lower_names | fact_words().verbs_after_name
)
_CONTRACTION = re.compile(r"(?i:i|you|we|they|he|she|it|that|there|who|what|here)'")
_STUDY_STOPS = VALUE_STOPS | frozenset({"at", "in", "for", "now", "there", "here", "since"})
_SAYING_STOPS = frozenset({"lol", "haha", "btw"})
_TAUGHT_STOPS = VALUE_STOPS | frozenset({"when", "as", "every", "back", "years", "growing"})


# "she's 91 and still lives in mackay": after "and", the clause's own subject carries on.
_AND_BEFORE = re.compile(r"\s(?:and|but|&)\s*$")
_CLAUSE_SUBJECT = re.compile(
    rf"(?:\b(?i:my|our)\s+{_MODS}(?i:{REL})|\b(?i:she|he|they))(?=(?:'s|\s+(?:is|was|has|'s)\b))"
)


def _subject(before: str) -> str:
    """Who a predicate starting after ``before`` is about: a relation, or a reference."""
    before = before[-120:]
    match = _SUBJECT_BEFORE.search(before)
    subject = _subject_of(match) if match is not None else ""
    if subject:
        return subject
    carried = _AND_BEFORE.search(before) is not None
    subjects = list(_CLAUSE_SUBJECT.finditer(before)) if carried else []
    match = _SUBJECT_BEFORE.search(subjects[-1].group()) if subjects else None
    return _subject_of(match) if match is not None else ""


def _subject_of(match: re.Match[str]) -> str:
    if match["rel"]:
        if relation(match["rel"])[0] == "pet":
            return ""
        name = match["relname"]
        return person_key(match["rel"], name if name and not is_stop_word(name, NOT_NAMES) else "")
    if match["pronoun"]:
        return PRONOUN_REF + match["pronoun"].lower()
    name = match["name"]
    if (
        is_stop_word(name, _NOT_SUBJECTS)
        or _CONTRACTION.match(name)
        or len(name) <= 2
        or ("'" in name and name[0].islower())  # "i don't live in Lisbon"
    ):
        return ""  # "Work is...", "I've moved to Porto", "I used to live": no one
    return NAME_REF + capitalise(name)


def _facts(
    text: str, pattern: re.Pattern[str], kind: str, value_of: Callable[[str], str]
) -> Iterator[Found]:
    for match in pattern.finditer(text):
        subject = _subject(text[: match.start()])
        if not subject:
            continue
        value = value_of(match["rest"])
        if value:
            yield match.start(), LearnedFact(kind, subject, value)


def _taught_value(match: re.Match[str]) -> str:
    what = take(match["rest"], _TAUGHT_STOPS, 8)
    if not what or what.lower() in {"a lesson", "nothing", "that", "this", "it", "so much"}:
        return ""
    return f"{' '.join(match['how'].split())} {what}".strip()


@RULES.add
def _about_others(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    yield from _facts(text, _LIVES, "their_home", place_at_start)
    yield from _facts(text, _IS_A, "their_job", job_at_start)
    yield from _facts(text, _WORKS_AS, "their_job", lambda rest: take(rest, VALUE_STOPS, 4))
    yield from _facts(text, _WORKS_AT, "their_workplace", workplace_at_start)
    for match in _DRIVES.finditer(text):
        if subject := _subject(text[: match.start()]):
            yield match.start(), LearnedFact("their_job", subject, driver_of(match["vehicle"]))
    yield from _facts(text, _STUDIES, "their_study", lambda rest: take(rest, _STUDY_STOPS, 4))
    yield from _facts(text, _SAYS, "their_saying", lambda rest: take(rest, _SAYING_STOPS, 12))
    for match in _TAUGHT.finditer(text):
        subject = _subject(text[: match.start()])
        if subject and (value := _taught_value(match)):
            yield match.start(), LearnedFact("taught", subject, value)
    for match in _LEARNT_FROM.finditer(text):
        kind, subject = relation(match["rel"])
        what = " ".join(match["what"].split())
        if kind != "pet" and what.lower() not in {"a lot", "so much", "that", "this", "it"}:
            yield match.start(), LearnedFact("taught", subject, what)
