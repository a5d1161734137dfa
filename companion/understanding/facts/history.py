"""Fact rules for the user's own story told in passing: why they moved, what they used to do
("I came here to study nursing", "i used to play the cello", "gave up running after my knee")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import VALUE_STOPS
from companion.understanding.reading import take
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_WORDS = fact_words()
# "I moved to Bristol in March for a nursing job": the reason may come a few words after the move.
_MOVED = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:(?:only|just|originally|first|actually|finally)\s+)?"
    r"(?:moved|came|come|relocated|emigrated)\b(?P<between>[^.!?;]{0,40}?)\s+"
    r"(?P<reason>for|because\s+of|because|cos|cause|to\s+(?:"
    + "|".join(_WORDS.move_reasons)
    + r"))\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
# "to" + a place is where, not why: only the verbs above make "to" a reason.
_NOT_REASONS = frozenset({"a while", "a bit", "now", "good", "ever", "the weekend", "a visit"})
_USED_TO = re.compile(
    r"\bi\s+(?:used\s+to|use\s+to|usta)\s+(?P<verb>" + "|".join(_WORDS.hobby_verbs) + r")\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_STUDY = re.compile(
    r"(?:\bi\s+(?:(?:currently|now|still|also)\s+)?study|\b(?:i'm|i\s+am|im)\s+"
    r"(?:(?:currently|now|still|also)\s+)?(?:studying|doing\s+a\s+degree\s+in|doing\s+a\s+course\s+in"
    r"|majoring\s+in)|\bi\s+(?:switched|changed)\s+(?:my\s+course\s+)?to)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_STUDY_STOPS = VALUE_STOPS | frozenset(
    {
        "at",
        "in",
        "for",
        "now",
        "there",
        "here",
        "since",
        "and",
        "first",
        "second",
        "third",
        "year",
        "so",
        "because",
        "which",
        "this",
        "next",
        "last",
    }
)
_NOT_STUDIES = frozenset(
    {"hard", "all", "late", "every", "tonight", "today", "for", "a", "the", "it"}
)
# Pastimes that say nothing without what follows: "i used to do", "i used to play".
_TRANSITIVE = frozenset(
    {
        "do",
        "go",
        "make",
        "play",
        "build",
        "collect",
        "study",
        "read",
        "teach",
        "train",
        "restore",
        "compete",
        "act",
        "coach",
        "perform",
        "write",
    }
)
_GAVE_UP = re.compile(
    r"(?:\bi\s+|^)(?:gave|have\s+given|'ve\s+given)\s+up\s+(?=(?P<rest>.{0,200}))", re.I
)
_NOT_HOBBIES = frozenset(
    {
        "on",
        "hope",
        "hoping",
        "trying",
        "caring",
        "believing",
        "waiting",
        "asking",
        "looking",
        "fighting",
        "it",
        "that",
        "everything",
        "smoking",
        "drinking",
        "alcohol",
        "booze",
    }
)
_HOBBY_STOPS = VALUE_STOPS | frozenset(
    {
        "after",
        "before",
        "until",
        "till",
        "when",
        "as",
        "years",
        "every",
        "back",
        "at",
        "in",
        "with",
        "all",
        "a",
        "loads",
        "lots",
        "so",
        "for",
    }
)


def _reason(match: re.Match[str]) -> str:
    between = match["between"].lower()
    if re.search(r"\b(?:home|back|to\s+(?:bed|see|visit))\b|\?", between):
        return ""  # "came home for lunch", "came to see you for..."
    words = take(match["rest"], VALUE_STOPS - {"because"}, 8)
    if not words or words.lower() in _NOT_REASONS:
        return ""
    reason = " ".join(match["reason"].lower().split())
    reason = {"cos": "because", "cause": "because"}.get(reason, reason)
    return f"{reason} {words}"


@RULES.add
def _history(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for match in _MOVED.finditer(text):
        if reason := _reason(match):
            yield match.start(), LearnedFact("moved_for", "", reason)
    for match in _USED_TO.finditer(text):
        verb, what = match["verb"].lower(), take(match["rest"], _HOBBY_STOPS, 4)
        if what or verb not in _TRANSITIVE:  # "i used to paint all the time": painting
            yield match.start(), LearnedFact("used_to", "", f"{verb} {what}".strip())
    for match in _STUDY.finditer(text):
        subject = take(match["rest"], _STUDY_STOPS, 4)
        if subject and subject.lower().split()[0] not in _NOT_STUDIES:
            yield match.start(), LearnedFact("study", "", subject)
    for match in _GAVE_UP.finditer(text):
        what = take(match["rest"], _HOBBY_STOPS, 3)
        if what and what.lower().split()[0] not in _NOT_HOBBIES:
            yield match.start(), LearnedFact("gave_up", "", what)
