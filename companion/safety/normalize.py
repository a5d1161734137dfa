"""Bringing a message to one plain spelling before the safety rules read it.

People in distress type fast, at night, on phones: lower case, no punctuation, typos, slang,
numbers for letters. The rules are written once against a canonical form (lower case, words
separated by single spaces, no apostrophes, contractions and slang spelled out), and this module
turns every message into that form. Misspellings of the words the rules look for are corrected
against the rules' own vocabulary; real words that happen to sit one letter away ("bills" from
"pills") are protected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# Long pastes: the risk is usually stated early or at the end; read both ends.
HEAD_CHARS = 4_000
TAIL_CHARS = 1_000

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`\u00b4]")
# "OD'd", "od'ing": read before apostrophes go, or "od'd" would become the word "odd".
_OVERDOSED = re.compile(r"\bod(?:'d|'ed|ed|'ing|ing)\b")
# Contractions typed with an apostrophe are unambiguous ("he'll" is not "hell"); without one,
# the replacement table in signals.toml reads the common ones.
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(i|you|he|she|it|we|they|that|there|who)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|he|she|it|we|they|that|there|who)'d\b"), r"\1 would"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"\bi'm\b"), "i am"),
)
_SENTENCE_END = re.compile(r"[.!;:,\n\u2026]+")
_QUESTION = re.compile(r"\?+")
# Letters standing in for digits ("su1c1de", "k1ll", "d13"): only inside words with letters.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD = re.compile(r"(?=.*[a-z])(?=.*[0-9@$])[a-z0-9@$]+")
_MEASURE = re.compile(r"\d+(?:mg|g|ml|l|x|k|kg|mcg|am|pm|st|nd|rd|th|s)")
# A censoring star inside a word ("s*icide", "k*ll") is a letter the corrector may fill in.
_NON_WORD = re.compile(r"[^a-z0-9*.?@$\s]+")
_STARS_ALONE = re.compile(r"(?<![a-z])\*+|\*+(?![a-z])")
_REPEATS = re.compile(r"([a-z])\1{2,}")


class Spelling:
    """How words are brought to one spelling: whole-word replacements, the corrector, phrases."""

    def __init__(
        self,
        replacements: Mapping[str, str],
        phrases: Mapping[str, str],
        vocabulary: frozenset[str],
        protected: frozenset[str],
        squashed: Mapping[str, str] | None = None,
    ) -> None:
        self.squashed = dict(squashed or {})
        self.replacements = replacements
        self.phrases = phrases
        self.vocabulary = vocabulary
        self.protected = protected
        self._deletes = _delete_index(vocabulary)
        self._seen: dict[str, str] = {}  # word -> its canonical spelling (words repeat a lot)
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True) if p)
        self._phrase_pattern = re.compile(rf"\b(?:{alternatives})\b") if alternatives else None

    def normalize(self, text: str) -> str:
        """The canonical form of ``text`` that the rules are written against."""
        if len(text) > HEAD_CHARS + TAIL_CHARS:
            text = text[:HEAD_CHARS] + " . " + text[-TAIL_CHARS:]
        text = unicodedata.normalize("NFKC", text).casefold()
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
        text = _APOSTROPHES.sub("'", text)
        text = _OVERDOSED.sub(
            lambda m: "overdosing" if m.group(0).endswith("ing") else "overdosed", text
        )
        for pattern, spelled_out in _CONTRACTIONS:
            text = pattern.sub(spelled_out, text)
        text = text.replace("'", "").replace("w/o", "without").replace("w/", "with ")
        text = _SENTENCE_END.sub(" . ", text)
        text = _QUESTION.sub(" ? ", text)
        text = _NON_WORD.sub(" ", text)
        text = _STARS_ALONE.sub(" ", text)
        text = _REPEATS.sub(r"\1\1", text)
        words: list[str] = []
        for word in text.split():
            words.extend(self._word(word).split())
        joined = " ".join(words)
        if self._phrase_pattern is not None:
            joined = self._phrase_pattern.sub(lambda m: self.phrases[m.group(0)], joined)
        return joined

    def _word(self, word: str) -> str:
        known = self._seen.get(word)
        if known is None:
            known = self._spell(word)
            if len(self._seen) > 50_000:
                self._seen.clear()
            self._seen[word] = known
        return known

    def _spell(self, word: str) -> str:
        replaced = self.replacements.get(word)
        if replaced is not None:
            return replaced
        if _LEET_WORD.fullmatch(word) and not _MEASURE.fullmatch(word):
            word = word.translate(_LEET)
            replaced = self.replacements.get(word)
            if replaced is not None:
                return replaced
        word = word.strip("@$")
        if len(word) > 6:
            for inside, spelled in self.squashed.items():
                if inside in word and word != inside.strip():
                    return " ".join(
                        self._spell(part) for part in word.replace(inside, spelled).split()
                    )
        if word in self.vocabulary or word in self.protected or len(word) < 4:
            return word
        corrected = self._correct(word)
        if corrected is None:
            return word
        return self.replacements.get(corrected, corrected)

    def _correct(self, word: str) -> str | None:
        """The one vocabulary word within reach of ``word``, if exactly one is nearest."""
        deletes = self._deletes
        limit = 1 if len(word) <= 8 else 2
        best: tuple[int, str] | None = None
        tied = False
        for variant in _deletions(word.replace("*", ""), limit) | _deletions(word, limit):
            for candidate in deletes.get(variant, ()):
                distance = _distance(word, candidate)
                if distance > limit or abs(len(candidate) - len(word)) > limit:
                    continue
                if candidate[0] != word[0] and word[0] != "*":
                    continue  # a typo almost never changes the first letter
                if best is None or distance < best[0]:
                    best, tied = (distance, candidate), False
                elif distance == best[0] and candidate != best[1]:
                    tied = True
        if best is None or tied:
            return None
        return best[1]


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _delete_index(vocabulary: Iterable[str]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for word in vocabulary:
        if len(word) < 4:
            continue
        for variant in _deletions(word, 1 if len(word) <= 5 else 2):
            index.setdefault(variant, set()).add(word)
    return index


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance; a star in ``a`` matches any one letter."""
    rows = len(a) + 1
    cols = len(b) + 1
    table = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        table[i][0] = i
    for j in range(cols):
        table[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost = 0 if a[i - 1] in (b[j - 1], "*") else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]
