"""The classifiers fitted on a corpus's example vectors: what they read, and how they are kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from companion.engine import learned
from companion.engine.learned import learned_readers

MOODS = ["negative", "positive", "any"]  # one per intent


def _examples(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three intents, twenty unit vectors each, around three different directions."""
    rng = np.random.default_rng(seed)
    centres = np.eye(3, 16, dtype=np.float32) * 3
    vectors = np.vstack([c + rng.normal(0, 0.4, (20, 16)) for c in centres]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, np.repeat(np.arange(3), 20)


@pytest.fixture(autouse=True)
def _fresh_process_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "_FITTED", {})


def test_the_intent_reader_names_the_intent_of_a_new_message(tmp_path: Path) -> None:
    vectors, owners = _examples()
    readers = learned_readers(vectors, owners, MOODS, tmp_path)
    probe = np.eye(1, 16, 1, dtype=np.float32)[0]  # towards the second intent
    probabilities = readers.intent_probabilities(probe, intents=3)
    assert int(np.argmax(probabilities)) == 1
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-5)


def test_the_mood_reader_learns_only_from_intents_with_a_stated_mood(tmp_path: Path) -> None:
    vectors, owners = _examples()
    readers = learned_readers(vectors, owners, MOODS, tmp_path)
    down = readers.read_mood(np.eye(1, 16, 0, dtype=np.float32)[0])
    up = readers.read_mood(np.eye(1, 16, 1, dtype=np.float32)[0])
    assert down is not None and down.mood == "negative" and down.probability > 0.5
    assert up is not None and up.mood == "positive"
    no_moods = learned_readers(vectors, owners, ["any"] * 3, tmp_path / "other")
    assert no_moods.read_mood(vectors[0]) is None


def test_fitted_weights_are_kept_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, owners = _examples()
    first = learned_readers(vectors, owners, MOODS, tmp_path)
    assert len(list(tmp_path.glob("readers-*.npz"))) == 1
    monkeypatch.setattr(learned, "_FITTED", {})  # a new process

    def no_fit(*_: object) -> None:
        raise AssertionError("fitted again although the weights were kept")

    monkeypatch.setattr(learned, "fit_softmax", no_fit)
    again = learned_readers(vectors, owners, MOODS, tmp_path)
    assert np.array_equal(first.intent.weights, again.intent.weights)


def test_a_changed_corpus_fits_again_and_a_damaged_file_is_refitted(tmp_path: Path) -> None:
    vectors, owners = _examples()
    learned_readers(vectors, owners, MOODS, tmp_path)
    other_vectors, _ = _examples(seed=1)
    learned_readers(other_vectors, owners, MOODS, tmp_path)
    files = sorted(tmp_path.glob("readers-*.npz"))
    assert len(files) == 2
    for file in files:
        file.write_bytes(b"not an npz file")
    learned._FITTED.clear()
    readers = learned_readers(vectors, owners, MOODS, tmp_path)
    assert readers.intent.weights.shape == (16, 3)
