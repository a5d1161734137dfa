"""How the user says they feel ("I'm so tired", "had a rough day"), read as a score and a word.

Regular expressions over the mood words in ``data/feelings.toml``: no model, no storage. This
reads one message; `companion.memory.mood` keeps the readings by day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.understanding.reading import I_AM, alternation, clean, sentences
from companion.understanding.vocabulary import feeling_words

__all__ = ["MoodReading", "extract_mood"]


@dataclass(frozen=True, slots=True)
class MoodReading:
    """How the user says they feel: `score` from -2 (very low) to 2 (very good), and a word."""

    score: int
    label: str


_WORDS = feeling_words()
_MOODS = _WORDS.moods
_MOOD = alternation(_MOODS)
# Mood words that also mean other things ("good at chess", "down for pizza"): they count only
# when nothing but small talk follows them in the clause.
_AMBIGUOUS_MOODS = _WORDS.ambiguous
# Mood words that are safe on their own ("Exhausted." or "so tired today").
_BARE_MOODS = frozenset(_MOODS) - _AMBIGUOUS_MOODS - _WORDS.never_bare
_DAY_WORDS = _WORDS.day_words
_DAY_WORD = alternation(_DAY_WORDS)
_NEGATED_OKAY = _WORDS.negated_okay

_INTENSIFIER = (
    r"(?:so+|re+a+l+y+|very|pretty|quite|super|rather|a\s+(?:little\s+)?bit|a\s+little|"
    r"kind\s+of|kinda|sort\s+of|sorta|somewhat|extremely|incredibly|totally|absolutely|completely|"
    r"utterly|just|too|that|bloody|f+u+c+k+i+n+g?|damn|freaking|genuinely|honestly|actually|"
    r"still|also|even|seriously|getting|beyond|feeling|doing|not|never)"
)
_SOFT_TAIL = re.compile(
    r"\s*(?:$|[,.;:!?)…]|(?:today|tonight|now|lately|recently|thanks|thank|thx|ty|and|but|though"
    r"|tho|actually|honestly|tbh|too|again|rn|right\s+now|atm|at\s+the\s+moment|these\s+days"
    r"|this\s+\w+|lol|haha\w*|because|cause|cos|since|so|about|after|overall|mostly|anyway|"
    r"anyways|i\s+guess|i\s+think|i\s+suppose|considering|all\s+day|as\s+hell|af)\b)",
    re.I,
)
_MOOD_CORE = rf"(?P<mods>(?:{_INTENSIFIER}\s+){{0,5}})(?:like\s+)?(?P<word>{_MOOD})(?!\w)(?!-)"
_MOOD_PATTERNS = [
    re.compile(I_AM + r"\s+" + _MOOD_CORE, re.I),
    re.compile(
        r"\bi\s+(?P<neg>(?:(?:just|really|still|honestly|kinda)\s+)?(?:don't|dont|do\s+not"
        r"|didn't|did\s+not|never)\s+)?(?:(?:just|really|still|honestly|kinda|kind\s+of"
        r"|sort\s+of|always)\s+)?(?:feel|felt)\s+" + _MOOD_CORE,
        re.I,
    ),
    re.compile(r"\bi(?:'ve|\s+have|ve)\s+been\s+" + _MOOD_CORE, re.I),
]
_MOOD_ALONE = re.compile(
    r"^(?P<mods>(?:(?:" + _INTENSIFIER + r"|feelin'?|been)\s+){0,5})(?P<word>" + _MOOD + r")(?!\w)",
    re.I,
)
_DAY_PATTERNS = [
    re.compile(
        r"\b(?:i\s+had|i've\s+had|i\s+have\s+had|i'm\s+having|i\s+am\s+having|having|had|what)\s+"
        rf"(?:a|an|such\s+an?)\s+(?:{_INTENSIFIER}\s+){{0,3}}(?P<word>{_DAY_WORD})\s+"
        r"(?:day|week|night|morning|evening|afternoon|time|year|month|weekend)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:my\s+day|today|this\s+week|my\s+week|tonight|this\s+morning|work|life|my\s+life)"
        rf"\s+(?:was|has\s+been|is|'s|had\s+been)\s+(?:{_INTENSIFIER}\s+){{0,3}}"
        rf"(?P<word>{_DAY_WORD})(?!\w)",
        re.I,
    ),
    re.compile(
        rf"\bin\s+an?\s+(?:{_INTENSIFIER}\s+){{0,2}}(?P<word>{_DAY_WORD})\s+mood\b",
        re.I,
    ),
]
# Whole phrases that say how someone feels without a mood word.
_MOOD_PHRASES: list[tuple[re.Pattern[str], MoodReading]] = [
    (re.compile(r"\bi\s+(?:really\s+|just\s+)?hate\s+myself\b", re.I), MoodReading(-2, "low")),
    (
        re.compile(
            r"\bi\s+(?:just\s+|really\s+)?(?:want\s+to|wanna)\s+(?:die|kill\s+myself|end\s+it"
            r"|disappear)\b|\bi\s+don'?t\s+want\s+to\s+(?:live|be\s+here|exist)\b",
            re.I,
        ),
        MoodReading(-2, "hopeless"),
    ),
    (
        re.compile(r"\bi\s+can'?t\s+(?:take|do|handle)\s+(?:it|this)\s+anymore\b", re.I),
        MoodReading(-2, "overwhelmed"),
    ),
    (re.compile(r"\bi\s+can'?t\s+stop\s+crying\b", re.I), MoodReading(-2, "sad")),
    (re.compile(r"\bi\s+can'?t\s+sleep\b", re.I), MoodReading(-1, "restless")),
    (re.compile(r"\bi\s+(?:really\s+|just\s+)?miss\s+\w+", re.I), MoodReading(-1, "lonely")),
    (
        re.compile(
            r"\bi(?:'m|\s+am)?\s+(?:having|had|have|just\s+had|keep\s+having)\s+(?:a\s+)?"
            r"panic\s+attacks?\b",
            re.I,
        ),
        MoodReading(-2, "panicked"),
    ),
    (
        re.compile(
            r"\b(?:life|everything|today|my\s+life|this\s+week)\s+(?:really\s+)?sucks\b", re.I
        ),
        MoodReading(-1, "low"),
    ),
    (re.compile(r"\bi\s+(?:really\s+)?love\s+my\s+life\b", re.I), MoodReading(2, "happy")),
    (
        re.compile(
            I_AM + r"\s+(?:(?:so|really|just|getting)\s+)?(?:sick|tired)\s+of\b|\bfed\s+up\b",
            re.I,
        ),
        MoodReading(-1, "frustrated"),
    ),
]


def _negated_reading(word: str, score: int) -> MoodReading:
    """What "not <word>" means: "not happy" is down, "not bad" is okay, "not sad" is neutral."""
    if score >= 0:
        return MoodReading(-1, "down")
    if word in _NEGATED_OKAY:
        return MoodReading(1, "okay")
    return MoodReading(0, "okay")


def _reading(match: re.Match[str], text: str, *, alone: bool = False) -> MoodReading | None:
    word = " ".join(match["word"].lower().split())
    score, label = _MOODS[word]
    mods = match["mods"].lower().split()
    negated = "not" in mods or "never" in mods or bool(match.groupdict().get("neg"))
    tail = text[match.end() :]
    if re.match(r"\s+at\b(?!\s+the\s+moment)", tail, re.I):
        return None  # "good at chess"
    if word in _AMBIGUOUS_MOODS and not _SOFT_TAIL.match(tail):
        return None  # "good with kids", "down for pizza", "lost in a book"
    if alone:
        said_feeling = any(mod.startswith("feelin") for mod in mods)
        if not (said_feeling or negated or word in _BARE_MOODS):
            return None  # "Great movie!", "Good morning"
        if not said_feeling and not _SOFT_TAIL.match(tail):
            return None
    return _negated_reading(word, score) if negated else MoodReading(score, label)


def extract_mood(text: str) -> MoodReading | None:
    """How the user says they feel, or None when the message says nothing about it.

    When a message mentions several feelings the last one wins ("I was sad but now I'm happy").
    """
    try:
        return _extract_mood(text)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return None


def _extract_mood(text: str) -> MoodReading | None:
    readings: list[tuple[int, int, MoodReading]] = []
    for number, sentence in enumerate(sentences(clean(text))):
        for pattern in _MOOD_PATTERNS:
            for match in pattern.finditer(sentence):
                if reading := _reading(match, sentence):
                    readings.append((number, match.start("word"), reading))
        alone = _MOOD_ALONE.match(sentence)
        if alone and (reading := _reading(alone, sentence, alone=True)):
            readings.append((number, alone.start("word"), reading))
        for pattern in _DAY_PATTERNS:
            for match in pattern.finditer(sentence):
                score, label = _DAY_WORDS[match["word"].lower()]
                readings.append((number, match.start("word"), MoodReading(score, label)))
        for pattern, reading in _MOOD_PHRASES:
            for match in pattern.finditer(sentence):
                # A phrase outranks the mood word inside it: "tired of" is fed up, not tired.
                readings.append((number, match.end(), reading))
    if not readings:
        return None
    return max(readings, key=lambda item: (item[0], item[1]))[2]
