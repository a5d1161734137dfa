"""A small TF-IDF over letter n-grams and words, for short messages.

Letter n-grams inside word boundaries ("char_wb" in scikit-learn's terms) make typos and
informal spellings still overlap ("tmrw", "tommorow"); words and word pairs keep meaning. It is
written here rather than taken from scikit-learn because importing that costs most of a second
on every start, and this is all of it that is needed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

_WORD = re.compile(r"\w+")
LETTER_GRAMS = (2, 4)


def features(text: str) -> Counter[str]:
    """The n-grams of one text: letters within each padded word, and words and word pairs."""
    words = _WORD.findall(text.lower())
    grams: Counter[str] = Counter()
    low, high = LETTER_GRAMS
    for word in words:
        padded = f" {word} "
        for size in range(low, high + 1):
            for start in range(max(1, len(padded) - size + 1)):
                grams["c" + padded[start : start + size]] += 1
    grams.update("w" + w for w in words)
    grams.update(f"w{a} {b}" for a, b in itertools.pairwise(words))
    return grams


def unit_rows(matrix: csr_matrix) -> csr_matrix:
    """Each row scaled to unit length (an empty row stays empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()).clip(1e-9)
    return csr_matrix(matrix.multiply(1 / norms[:, None]))


class Tfidf:
    """Fitted on a list of texts; turns any text into a unit row over the fitted vocabulary."""

    def __init__(self, texts: Sequence[str]) -> None:
        counted = [features(t) for t in texts]
        document_frequency: Counter[str] = Counter()
        for grams in counted:
            document_frequency.update(grams.keys())
        self.vocabulary = {gram: n for n, gram in enumerate(document_frequency)}
        total = len(texts)
        # Smoothed idf, as scikit-learn's default: log((1 + n) / (1 + df)) + 1.
        self.idf = np.array(
            [math.log((1 + total) / (1 + document_frequency[g])) + 1 for g in self.vocabulary],
            dtype=np.float32,
        )
        self.matrix = self._rows(counted)

    def _rows(self, counted: Sequence[Counter[str]]) -> csr_matrix:
        indptr, indices, values = [0], [], []
        for grams in counted:
            for gram, count in grams.items():
                column = self.vocabulary.get(gram)
                if column is not None:
                    indices.append(column)
                    values.append((1 + math.log(count)) * self.idf[column])
            indptr.append(len(indices))
        matrix = csr_matrix(
            (np.array(values, dtype=np.float32), np.array(indices, dtype=np.int64), indptr),
            shape=(len(counted), len(self.vocabulary)),
        )
        return unit_rows(matrix)

    def transform(self, text: str) -> csr_matrix:
        return self._rows([features(text)])
