"""Whether a message speaks of a death: after one, "she did the crossword every morning" is
about someone gone, and replies written for missing someone far away would wound."""

from __future__ import annotations

import re

from companion.understanding.polarity import passed_as_death
from companion.understanding.words import phrase_of, word_lists, words_of

# "my phone died", "i died laughing": figures of speech, not deaths.
_FIGURATIVE = re.compile(
    r"\b(?:phone|battery|laptop|car|computer|tv|plant|it|wifi|charger|mic)\s+(?:just\s+)?died"
    r"|\bdied\s+(?:laughing|of laughter|inside|a little)"
)


def speaks_of_a_death(text: str) -> bool:
    phrase = f" {phrase_of(text)} "
    if _FIGURATIVE.search(phrase):
        return False
    if any(f" {loss} " in phrase for loss in word_lists().loss):
        return True
    words = words_of(text)
    return any(w == "passed" and passed_as_death(words, i) for i, w in enumerate(words))
