"""Which intent a message is: classifiers over the intents' example messages.

Two readers score every intent. The lexical one (TF-IDF over letter n-grams and words, so typos
still match) works from the first message of a first start; the dense one (the MiniLM vectors of
the examples) joins it when the model is ready. Each scores an intent by its few nearest examples
and its centroid together, so one stray example cannot carry an intent on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix

from companion.engine.corpus import Intent
from companion.engine.learned import LearnedReaders, MoodReading
from companion.engine.tfidf import Tfidf, unit_rows

# An intent's score: the mean of its two nearest examples, mixed with its centroid.
CENTROID_WEIGHT = 0.35
# When both readers are there, how much the dense one counts (tuned on benchmarks/dialogue/dev).
DENSE_WEIGHT = 0.6
# How much the trained intent classifier's probability adds to the dense similarity score.
CLASSIFIER_WEIGHT = 0.3
# Above this many examples the dense reader is left to the clustered key index (see retrieval).
MAX_DENSE_EXAMPLES = 40_000


@dataclass(frozen=True, slots=True)
class IntentScores:
    """One score per intent, in the order of ``IntentScorer.intent_ids``."""

    scores: np.ndarray
    dense: bool


class IntentScorer:
    """Scores a message against every intent of a corpus."""

    def __init__(self, intents: Sequence[Intent]) -> None:
        self.intent_ids = [i.id for i in intents]
        self.examples = [e for i in intents for e in i.examples]
        counts = np.array([len(i.examples) for i in intents], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._owner = np.repeat(np.arange(len(intents)), counts)
        self.moods = [i.mood for i in intents]
        self._rows = np.arange(self._owner.size)
        self._single = counts == 1
        self._lexical = _lexical_model(tuple(self.examples), tuple(counts))
        self._tfidf = self._lexical.tfidf
        self._dense_matrix: np.ndarray | None = None
        self._dense_centroids: np.ndarray | None = None
        self._readers: LearnedReaders | None = None

    @property
    def is_dense(self) -> bool:
        return self._dense_matrix is not None

    @property
    def owners(self) -> np.ndarray:
        """The intent position of each example."""
        return self._owner

    def install_vectors(
        self, example_vectors: np.ndarray, readers: LearnedReaders | None = None
    ) -> None:
        """The examples' unit vectors, in ``self.examples`` order (the model is ready), and the
        classifiers trained on them."""
        if len(self.examples) > MAX_DENSE_EXAMPLES:
            return
        vectors = np.asarray(example_vectors, dtype=np.float32)
        centroids = np.zeros((len(self.intent_ids), vectors.shape[1]), dtype=np.float32)
        np.add.at(centroids, self._owner, vectors)
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True).clip(1e-9)
        self._dense_centroids = centroids
        self._readers = readers
        self._dense_matrix = vectors

    def lexical(self, text: str) -> np.ndarray:
        # The query has a few dozen n-grams: read only their columns (rows of the transposed
        # matrices), a sparse product with the whole matrix cost several times more.
        query = self._tfidf.transform(text)
        columns, weights = query.indices, query.data
        similarity = self._lexical.examples_by_gram[columns].T @ weights
        centroid = self._lexical.centroids_by_gram[columns].T @ weights
        return self._group_scores(similarity.astype(np.float32), centroid.astype(np.float32))

    def dense(self, vector: np.ndarray) -> np.ndarray | None:
        if self._dense_matrix is None or self._dense_centroids is None:
            return None
        similarity = self._dense_matrix @ vector
        centroid = self._dense_centroids @ vector
        scores = self._group_scores(similarity, centroid)
        if self._readers is not None:
            scores += CLASSIFIER_WEIGHT * self._readers.intent_probabilities(
                vector, len(self.intent_ids)
            )
        return scores

    def mood(self, vector: np.ndarray | None) -> MoodReading | None:
        """The mood the trained reader finds in a message's vector (None before the model)."""
        if vector is None or self._readers is None:
            return None
        return self._readers.read_mood(vector)

    def _group_scores(self, similarity: np.ndarray, centroid: np.ndarray) -> np.ndarray:
        """Per intent: the mean of its two best example similarities, mixed with its centroid's."""
        best = np.maximum.reduceat(similarity, self.starts)
        # The second best: the best again with each intent's first best example masked out.
        is_best = similarity == best[self._owner]
        first_best = np.minimum.reduceat(
            np.where(is_best, self._rows, self._rows.size), self.starts
        )
        masked = similarity.copy()
        masked[first_best] = -1.0
        second = np.where(self._single, best, np.maximum.reduceat(masked, self.starts))
        nearest = (best + second) / 2
        return (1 - CENTROID_WEIGHT) * nearest + CENTROID_WEIGHT * centroid

    def score(self, text: str, vector: np.ndarray | None) -> IntentScores:
        lexical = self.lexical(text)
        dense = self.dense(vector) if vector is not None else None
        if dense is None:
            return IntentScores(lexical, dense=False)
        return IntentScores(DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * lexical, dense=True)


@dataclass(frozen=True, slots=True)
class _LexicalModel:
    tfidf: Tfidf
    examples_by_gram: csr_matrix  # n-grams x examples: the unit example rows, transposed
    centroids_by_gram: csr_matrix  # n-grams x intents: the unit centroids, transposed


@lru_cache(maxsize=4)
def _lexical_model(examples: tuple[str, ...], counts: tuple[int, ...]) -> _LexicalModel:
    """The fitted TF-IDF and the intents' unit centroids; shared by engines of the same corpus
    (fitting costs most of a second for a corpus of a few thousand examples)."""
    tfidf = Tfidf(examples)
    owner = np.repeat(np.arange(len(counts)), counts)
    membership = csr_matrix(
        (np.ones(owner.size, dtype=np.float32), (owner, np.arange(owner.size))),
        shape=(len(counts), owner.size),
    )
    centroids = unit_rows(membership @ tfidf.matrix)
    return _LexicalModel(tfidf, tfidf.matrix.T.tocsr(), centroids.T.tocsr())
