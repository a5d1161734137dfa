"""A small learned reader beside the rules: TF-IDF over words and letter n-grams, one linear layer.

The rules say exactly what they catch; people say the same things in more ways than rules can
list ("I've put the dog with my sister so she's looked after"). This model is trained offline by
``scripts/train_safety_classifier.py`` on the labelled training sets and stored as plain arrays
(``data/classifier.npz``), so it needs only NumPy at run time, works from the first message of a
first start (no sentence model), and reads a message in a fraction of a millisecond.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np

from companion.safety.rules import TIERS, Tier

_WORD = re.compile(r"(?u)\b\w\w+\b")
NONE = "none"


@dataclass(frozen=True, slots=True)
class Reading:
    """The model's view of one message: how likely it is a risk message, and which tier."""

    risk: float
    tier: Tier


class Classifier:
    """Multinomial logistic regression over the canonical text (``Rules.canonical``)."""

    def __init__(
        self,
        char_vocabulary: dict[str, int],
        word_vocabulary: dict[str, int],
        char_idf: np.ndarray,
        word_idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: list[str],
        threshold: float,
        char_range: tuple[int, int] = (2, 5),
    ) -> None:
        self.char_vocabulary = char_vocabulary
        self.word_vocabulary = word_vocabulary
        self.char_idf = char_idf
        self.word_idf = word_idf
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float32)
        self.classes = classes
        self.threshold = threshold
        self.char_range = char_range
        self._word_columns: dict[str, list[int]] = {}  # word -> its letter n-grams' columns
        self._none = classes.index(NONE)
        self._tier_columns = [classes.index(t) for t in TIERS]

    @classmethod
    def load(cls) -> Classifier:
        with resources.files("companion.safety").joinpath("data/classifier.npz").open("rb") as f:
            data = np.load(f, allow_pickle=False)
            chars = [str(t) for t in data["char_terms"]]
            words = [str(t) for t in data["word_terms"]]
            return cls(
                {t: i for i, t in enumerate(chars)},
                {t: i for i, t in enumerate(words)},
                data["char_idf"].astype(np.float32),
                data["word_idf"].astype(np.float32),
                data["coef"],
                data["intercept"],
                [str(c) for c in data["classes"]],
                float(data["threshold"]),
                (int(data["char_range"][0]), int(data["char_range"][1])),
            )

    def probabilities(self, canonical: str) -> np.ndarray:
        """Class probabilities, in ``self.classes`` order, for one canonical message."""
        words = [
            i for g in _word_grams(canonical) if (i := self.word_vocabulary.get(g)) is not None
        ]
        char_columns, char_values = _tfidf(self._char_columns(canonical), self.char_idf)
        word_columns, word_values = _tfidf(words, self.word_idf)
        columns = np.concatenate([char_columns, word_columns + len(self.char_vocabulary)])
        values = np.concatenate([char_values, word_values])
        scores = self.intercept + (self.coef[:, columns] @ values if columns.size else 0.0)
        scores = scores - scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def read(self, canonical: str) -> Reading:
        probabilities = self.probabilities(canonical)
        tier_scores = probabilities[self._tier_columns]
        return Reading(
            risk=float(1.0 - probabilities[self._none]),
            tier=TIERS[int(np.argmax(tier_scores))],
        )

    def _char_columns(self, text: str) -> list[int]:
        """The columns of every known letter n-gram of ``text`` (repeats included)."""
        columns: list[int] = []
        for word in text.split():
            known = self._word_columns.get(word)
            if known is None:
                grams = self._char_grams(word)
                known = [i for g in grams if (i := self.char_vocabulary.get(g)) is not None]
                if len(self._word_columns) > 50_000:
                    self._word_columns.clear()
                self._word_columns[word] = known
            columns.extend(known)
        return columns

    def _char_grams(self, word: str) -> list[str]:
        # Exactly scikit-learn's "char_wb" analyser (per word), so the weights mean what they meant.
        low, high = self.char_range
        grams: list[str] = []
        if word:
            padded = f" {word} "
            length = len(padded)
            for n in range(low, high + 1):
                offset = 0
                grams.append(padded[offset : offset + n])
                while offset + n < length:
                    offset += 1
                    grams.append(padded[offset : offset + n])
                if offset == 0:  # the word is shorter than n: longer n-grams would repeat it
                    break
        return grams


def _word_grams(text: str) -> list[str]:
    words = _WORD.findall(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _tfidf(columns: list[int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear TF times IDF, L2-normalised: (columns, values) of one message's n-grams."""
    unique, counts = np.unique(np.asarray(columns, dtype=np.int64), return_counts=True)
    values = (1.0 + np.log(counts)) * idf[unique]
    norm = float(np.sqrt(values @ values)) or 1.0
    return unique, (values / norm).astype(np.float32)
