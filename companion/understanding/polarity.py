"""Polarity of a message, read with negation: "not doing great" is down, "not bad" is not."""

from __future__ import annotations

import re
from typing import Literal

from companion.understanding.feelings import extract_mood
from companion.understanding.words import word_lists, words_of

Polarity = Literal["negative", "positive", "neutral"]
# How far back a negator reaches over filler words ("not really doing all that great").
NEGATION_REACH = 4


def _negated(words: list[str], position: int) -> bool:
    lists = word_lists()
    for reach, word in enumerate(reversed(words[:position])):
        if word in lists.negators or word.endswith("n't"):
            return True
        if word not in lists.negation_gap or reach >= NEGATION_REACH:
            return False
    return False


# "Rose passed two winters ago", "mum passed away": a death, not a test passed.
_PASSED_AS_DEATH_NEXT = frozenset(
    {"away", "on", "last", "recently", "suddenly", "peacefully", "yesterday", "ago"}
)
PASSED_REACH = 4


def passed_as_death(words: list[str], position: int) -> bool:
    following = words[position + 1 : position + 1 + PASSED_REACH]
    return bool(following) and (following[0] in _PASSED_AS_DEATH_NEXT or "ago" in following)


# "ill" typed for "I'll": at the start, after an opener ("k ill do it") or before a verb ("ill
# ring her"). Anywhere else ("hes ill", "my dad's been ill") it means unwell.
_OPENERS_BEFORE_ILL = frozenset(
    [
        "k",
        "ok",
        "okay",
        "yeah",
        "yes",
        "so",
        "then",
        "maybe",
        "and",
        "but",
        "think",
        "guess",
        "probably",
        "fine",
        "sure",
        "alright",
        "right",
        "cool",
        "well",
        "hmm",
        "tomorrow",
        "tonight",
    ]
)
_VERBS_AFTER_ILL = frozenset(
    [
        "do",
        "call",
        "ring",
        "try",
        "be",
        "go",
        "text",
        "see",
        "tell",
        "ask",
        "let",
        "get",
        "make",
        "have",
        "talk",
        "just",
        "probably",
        "definitely",
        "never",
        "send",
        "check",
        "look",
        "think",
        "come",
        "bring",
        "take",
        "keep",
        "start",
        "stop",
        "write",
        "read",
        "give",
        "message",
        "email",
        "book",
        "sort",
        "pick",
    ]
)


def _ill_as_unwell(words: list[str], position: int) -> bool:
    before = words[position - 1] if position > 0 else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    return not (not before or before in _OPENERS_BEFORE_ILL or after in _VERBS_AFTER_ILL)


_ILL = re.compile(r"\bill\b", re.I)


def with_ill_spelt_out(text: str) -> str:
    """``text`` with "ill" typed for "I'll" written "i'll", so nothing downstream (the mood
    reader, the model's vectors) reads "k ill do it after dinner" as being unwell."""

    def spell(match: re.Match[str]) -> str:
        before = words_of(text[: match.start()])
        words = [*before, "ill", *words_of(text[match.end() :])[:1]]
        return match[0] if _ill_as_unwell(words, len(before)) else "i'll"

    return _ILL.sub(spell, text)


def lexical_polarity(text: str) -> int:
    """A signed count of mood words in the last clause that has any (negation flips a word)."""
    lists = word_lists()
    words = words_of(text)
    score = 0
    for position, word in enumerate(words):
        if word in lists.contrast and score != 0:
            score = 0  # "it was awful but we made up": the part after the turn counts
            continue
        sign = 1 if word in lists.positive else -1 if word in lists.negative else 0
        if word == "passed" and passed_as_death(words, position):
            sign = -1
        if word == "ill" and not _ill_as_unwell(words, position):
            sign = 0  # "k ill do it after dinner": I'll, typed without the apostrophe
        if not sign and word in lists.negative_when_negated and _negated(words, position):
            score -= 1
            continue
        if sign and _negated(words, position):
            # "not bad" is mildly good; "not good", "not happy" are plainly down.
            sign = 0 if sign < 0 and word not in {"bad", "awful", "terrible", "horrible"} else -sign
        score += sign
    return score


def polarity_of(text: str) -> Polarity:
    """The mood a message is in. The mood reader's phrases win; mood words decide otherwise."""
    mood = extract_mood(text)
    if mood is not None and mood.score != 0:
        return "positive" if mood.score > 0 else "negative"
    score = lexical_polarity(text)
    if score > 0:
        return "positive"
    if score < 0:
        return "negative"
    return "neutral"
