"""Cleaning and tokenising what people type, shared by every retriever."""

from __future__ import annotations

import functools
import re
import unicodedata

# What the engine reads of a message; the full text is still stored.
UNDERSTAND_CHARS = 1_000
# The most a single message may store (a 200 KB paste fits; a runaway pipe does not fill the disk).
MAX_STORED_CHARS = 1_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "i",
        "me",
        "my",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "just",
        "really",
        "very",
        "can",
        "could",
        "would",
        "should",
        "will",
        "what",
        "how",
        "who",
        "whom",
        "which",
        "when",
        "where",
        "why",
        "there",
        "here",
        "about",
        "into",
        "than",
        "then",
        "them",
        "they",
        "we",
        "our",
        "us",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "im",
        "i'm",
        "it's",
        "don't",
        "dont",
    ]
)


def clean(text: str) -> str:
    """Remove control and bidi-override characters; keep newlines and tabs; NFC-normalise."""
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)[:MAX_STORED_CHARS]


def for_understanding(text: str) -> str:
    """The part of a message the engine reads: cleaned, one line, at most UNDERSTAND_CHARS."""
    return " ".join(clean(text)[:UNDERSTAND_CHARS].split())


def _stem(token: str) -> str:
    for suffix in ("ing", "ed", "ly", "es", "s"):
        if len(token) > len(suffix) + 2 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Lower-case word tokens, lightly stemmed, stop words dropped unless asked."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    if not keep_stopwords:
        words = [w for w in words if w not in STOPWORDS]
    return [_stem(w) for w in words]


def contains_phrase(text: str, phrase: str) -> bool:
    """Whole-word (or whole-phrase) match, case-insensitive."""
    return contains_any(text, (phrase,))


def contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether any of ``phrases`` occurs as a whole word or phrase, case-insensitive."""
    return _phrases_pattern(phrases).search(text.lower().replace("’", "'")) is not None


@functools.lru_cache(maxsize=512)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p.lower()) for p in phrases)
    return re.compile(r"(?<![a-z0-9])(?:" + alternatives + r")(?![a-z0-9])")
