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


# "Rose passed two winters ago": the death is read within this many words after "passed".
PASSED_REACH = 4


def passed_as_death(words: list[str], position: int) -> bool:
    following = words[position + 1 : position + 1 + PASSED_REACH]
    return bool(following) and (
        following[0] in word_lists().passed_as_death_next or "ago" in following
    )


def _ill_as_unwell(words: list[str], position: int) -> bool:
    """ "ill" typed for "I'll" opens the message, follows an opener ("k ill do it") or comes
    before a verb ("ill ring her"); anywhere else ("hes ill", "my dad's been ill") it is unwell."""
    before = words[position - 1] if position > 0 else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    lists = word_lists()
    return not (not before or before in lists.openers_before_ill or after in lists.verbs_after_ill)


_ILL = re.compile(r"\bill\b", re.I)


def with_ill_spelt_out(text: str) -> str:
    """``text`` with "ill" typed for "I'll" written "i'll", so nothing downstream (the mood
    reader, the model's vectors) reads "k ill do it after dinner" as being unwell."""

    def spell(match: re.Match[str]) -> str:
        before = words_of(text[: match.start()])
        words = [*before, "ill", *words_of(text[match.end() :])[:1]]
        return match[0] if _ill_as_unwell(words, len(before)) else "i'll"

    return _ILL.sub(spell, text)


_DENIAL = re.compile(
    r"\b(?:(?:i'?m|i am|im|i was|i'?m really|it'?s|its)\s+)?(?:not|never|no longer)\s+"
    r"(?:really\s+|exactly\s+|even\s+|that\s+|so\s+|too\s+)?(?P<feeling>[a-z]+)"
    r"(?:\s+(?:anymore|any more|exactly|really|at all|at (?:him|her|them|you|it)|with (?:him|her|them|it)|or anything))*",
    re.I,
)


def without_denied_feelings(text: str) -> str:
    """``text`` without the feelings it denies ("I'm not sad exactly, just tired" -> "just
    tired"), so a model's vector reads what the person does feel. Unchanged when nothing is
    left beside the denial ("not angry."), because the denial is then the message."""
    deniable = word_lists().deniable_feelings

    def drop(match: re.Match[str]) -> str:
        return "" if match["feeling"].lower() in deniable else match[0]

    rest = _DENIAL.sub(drop, text)
    kept = " ".join(re.sub(r"(?:^|\s)[,.;!-]+(?=\s|$)", " ", rest).split()).strip(" ,.;-")
    return kept if len(words_of(kept)) >= 2 and kept != text else text


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
