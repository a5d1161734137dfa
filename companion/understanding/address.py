"""Her name said to her ("ok samantha, quiz time", "do you like me samantha?") is an address,
not a mention: the film has a character of the same name, and an address must not route to it."""

from __future__ import annotations

import re
from functools import lru_cache

from companion.understanding.words import word_lists

_OPENERS = r"(?:ok|okay|so|hey|hi|hello|well|oh|right|alright|dear|morning|thanks|thank you)"


@lru_cache(maxsize=8)
def _patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    spelled = re.escape(name)
    return (
        # At the start, after openers: "ok samantha quiz time", "hey samantha,".
        re.compile(rf"^\W*(?:{_OPENERS}\W+)*{spelled}\b[\s,.!:;-]*", re.I),
        # At the end of a clause: "do you like me samantha?", "thanks, samantha".
        re.compile(rf"(?P<before>\w+)?(?P<gap>\W*?)\b{spelled}\b(?=\s*(?:[?!.,;]|$))", re.I),
    )


def without_address(text: str, name: str) -> str:
    """``text`` with ``name`` removed wherever it addresses her."""
    if not name or name.lower() not in text.lower():
        return text
    start, end = _patterns(name)
    opened = start.match(text)
    stripped = text[opened.end() :] if opened else text

    def drop(match: re.Match[str]) -> str:
        before = match["before"] or ""
        if before.lower() in word_lists().mention_before_name:  # "relate to samantha?"
            return match[0]
        return before

    stripped = end.sub(drop, stripped)
    return re.sub(r"\s{2,}", " ", stripped).strip(" ,") or text
