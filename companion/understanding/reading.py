"""Text as the fact, mood and memory readers see it: cleaned, cut into sentences and clauses.

Also the small helpers they share for cutting a value out of a clause and tidying it. No reader
here, only text; everything is pure and never raises on a string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# People state facts about themselves in ordinary sentences, not in pasted essays; reading only
# this much keeps a call to a few hundred microseconds however long the message is.
READ_CHARS = 4_000

_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": " - ",
        "\u2014": " - ",
    }
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TAGS = re.compile(r"<[^<>\n]{0,200}>")
_EMPHASIS = re.compile(r"[*_~]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
# Where a clause ends: a value never runs past one of these. A full stop or colon only counts
# before a space, so "3:30pm" and "St.Ives" stay whole.
_CLAUSE_END = re.compile(r"""[,;!?()\[\]{}"]|[.:](?=\s|$)|\s-+\s""")

# "I'm" and "we're" however they are typed; many rules start with one of them.
I_AM = r"\b(?:i'm|i\s+am|im)\b"
WE_ARE = r"\b(?:we're|we\s+are)\b"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so "best friend" is tried before "friend"."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered) + ")"


def clean(text: object) -> str:
    """The message as the patterns expect it: straight quotes, no control characters or markup."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[:READ_CHARS]).translate(_TYPOGRAPHY)
    text = _CONTROL.sub(" ", text)
    text = _TAGS.sub(" ", text)
    return _EMPHASIS.sub("", text)


def sentences(text: str) -> list[str]:
    """The sentences of `text` (a line break ends one too), each with its spaces collapsed."""
    return [" ".join(part.split()) for part in _SENTENCE_BREAK.split(text) if part.strip()]


def clause(text: str) -> str:
    """The start of `text` up to where its clause ends."""
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:too|as\s+well|though|tho|lol|lmao|haha+|hehe+|honestly|anymore|at\s+all|"
    r"these\s+days|lately|nowadays|now|really|very\s+much|so\s+much|a\s+lot|a\s+ton|"
    r"of\s+all\s+time|ever|by\s+far|right\s+now|at\s+the\s+moment|currently|tbh|btw|ok|okay|"
    r"x+|please|actually|though))+$",
    re.I,
)


def tidy(value: str) -> str:
    """Trim punctuation, quotes and trailing filler ("too", "lol", "so much") from a value."""
    value = value.strip(" \t'\".,;:!?-")
    value = _TRAILING_FILLER.sub("", value)
    return value.strip(" \t'\".,;:!?-")


def take(text: str, stops: frozenset[str], max_words: int) -> str:
    """The words at the start of `text`, up to the clause end, a stop word or `max_words`."""
    taken: list[str] = []
    for raw in clause(text).split():
        if raw.lower().strip("'\"") in stops:
            break
        taken.append(raw)
        if len(taken) == max_words:
            break
    return tidy(" ".join(taken))


def first_word(value: str) -> str:
    return value.split(maxsplit=1)[0].lower() if value else ""


def capitalise(name: str) -> str:
    """A name as it is written: "priya" and "PRIYA" become "Priya", "McKay" stays."""
    if name.islower() or (name.isupper() and len(name) > 2):
        name = name.lower()
        return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))
    return name[:1].upper() + name[1:]
