"""Classifiers trained on the corpus's example messages: which intent a message is, and its mood.

Both are softmax (multinomial logistic) regressions over the examples' MiniLM vectors. In the
intent reader every intent's examples are the negatives of every other intent, so neighbours
("good morning" and "good night", "I got the job" and "I lost my job") are told apart by what
separates them, which the nearest example alone cannot do. The mood reader learns from the
examples of every intent whose mood the corpus states, so it reads moods the word lists do not
name ("a customer sent the risotto back three times").

Fitting takes a few seconds, so the fitted weights are kept in the cache folder, keyed by the
vectors and labels they were fitted on: a changed corpus or model fits again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from companion.files import write_atomically

# Inverse regularisation strengths (tuned on benchmarks/dialogue dev and dev2).
INTENT_C = 10.0
MOOD_C = 4.0
MOODS = ("negative", "neutral", "positive")
# Looser than scikit-learn's default (1e-4): half the iterations (a first start fits in about 2 s),
# about the same share right on the dialogue dev sets (82.5 / 78.8 % against 82.8 / 79.4 %).
FIT_TOLERANCE = 1e-3
# Bump when the features or the fitting change, so old cached weights are not reused.
VERSION = 1
# Readers fitted or loaded in this process, by key: engines of one corpus share them.
_FITTED: dict[str, LearnedReaders] = {}


@dataclass(frozen=True, slots=True)
class Softmax:
    """A fitted linear softmax: ``probabilities(x) = softmax(x @ weights + bias)``."""

    weights: np.ndarray  # features x classes
    bias: np.ndarray  # classes
    classes: np.ndarray  # the label of each column

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        logits = vector @ self.weights + self.bias
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


@dataclass(frozen=True, slots=True)
class MoodReading:
    """The learned mood of one message: the likeliest mood and how likely it is."""

    mood: str
    probability: float


@dataclass(frozen=True, slots=True)
class LearnedReaders:
    intent: Softmax  # classes: intent positions
    mood: Softmax | None  # classes: positions in MOODS; None when the corpus states no moods

    def intent_probabilities(self, vector: np.ndarray, intents: int) -> np.ndarray:
        """One probability per intent position (intents the reader never saw get 0)."""
        full = np.zeros(intents, dtype=np.float32)
        full[self.intent.classes] = self.intent.probabilities(vector)
        return full

    def read_mood(self, vector: np.ndarray) -> MoodReading | None:
        if self.mood is None:
            return None
        probabilities = self.mood.probabilities(vector)
        best = int(np.argmax(probabilities))
        return MoodReading(MOODS[int(self.mood.classes[best])], float(probabilities[best]))


def fit_softmax(vectors: np.ndarray, labels: np.ndarray, c: float) -> Softmax:
    # Imported here: scikit-learn costs most of a second to import, and only a fit needs it.
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=1000, tol=FIT_TOLERANCE)
    model.fit(vectors, labels)
    weights, bias = model.coef_, model.intercept_
    if weights.shape[0] == 1:  # two classes: scikit-learn keeps one column, softmax wants two
        weights = np.vstack([-weights / 2, weights / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return Softmax(
        np.ascontiguousarray(weights.T, dtype=np.float32),
        bias.astype(np.float32),
        model.classes_.astype(np.int64),
    )


def learned_readers(
    vectors: np.ndarray,
    owners: np.ndarray,
    moods: Sequence[str],
    cache_folder: Path | None,
) -> LearnedReaders:
    """Readers for examples ``vectors`` of intents ``owners`` (an intent position per example);
    ``moods``: each intent's stated mood ("any" where it fits every mood)."""
    example_moods = np.array([MOODS.index(m) if m in MOODS else -1 for m in moods])[owners]
    key = _key(vectors, owners, example_moods)
    if key in _FITTED:  # another engine of the same corpus in this process
        return _FITTED[key]
    path = cache_folder / f"readers-{key}.npz" if cache_folder is not None else None
    cached = _load(path) if path is not None else None
    if cached is not None:
        _FITTED[key] = cached
        return cached
    intent = fit_softmax(vectors, owners, INTENT_C)
    stated = example_moods >= 0
    mood = (
        fit_softmax(vectors[stated], example_moods[stated], MOOD_C)
        if len(set(example_moods[stated].tolist())) >= 2
        else None
    )
    readers = LearnedReaders(intent, mood)
    _FITTED[key] = readers
    if path is not None:
        _save(path, readers)
    return readers


def _key(vectors: np.ndarray, owners: np.ndarray, moods: np.ndarray) -> str:
    digest = hashlib.sha256(f"v{VERSION} {INTENT_C} {MOOD_C} {FIT_TOLERANCE}".encode())
    for array in (np.ascontiguousarray(vectors, dtype=np.float32), owners, moods):
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()[:24]


def _load(path: Path) -> LearnedReaders | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            intent = Softmax(data["intent_w"], data["intent_b"], data["intent_c"])
            mood = (
                Softmax(data["mood_w"], data["mood_b"], data["mood_c"])
                if "mood_w" in data
                else None
            )
    except (OSError, KeyError, ValueError):
        return None  # missing or damaged: it is only a cache, fit again
    return LearnedReaders(intent, mood)


def _save(path: Path, readers: LearnedReaders) -> None:
    arrays = {
        "intent_w": readers.intent.weights,
        "intent_b": readers.intent.bias,
        "intent_c": readers.intent.classes,
    }
    if readers.mood is not None:
        arrays |= {
            "mood_w": readers.mood.weights,
            "mood_b": readers.mood.bias,
            "mood_c": readers.mood.classes,
        }

    def write(target: Path) -> None:
        with target.open("wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]

    # A read-only cache folder costs a fit at each start, not a failure.
    write_atomically(path, write, suffix=".npz.tmp", ignore=(OSError,))
