"""Dense retrieval: the ONNX encoder, the clustered index for big corpora, skipping known texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from companion.engine import Companion, retrieval
from companion.engine.choose import score_message
from companion.engine.corpus import load_corpus
from companion.engine.encoder import HashingEncoder, MiniLMEncoder
from companion.engine.onnx_encoder import OnnxMiniLMEncoder
from companion.engine.retrieval import Key, KeyIndex, build_keys
from companion.persona import load_persona
from companion.store import Store
from tests.conftest import REPO, run_env

TEXTS = [
    "hi",
    "Who directed Her?",
    "I feel so alone since the divorce, and nobody calls me anymore. " * 12,  # > 128 tokens
    "",
    "naïve café — 日本語 🙂",
]


@pytest.mark.model
def test_onnx_encoder_gives_the_same_vectors_as_sentence_transformers(tmp_path: Path) -> None:
    onnx = OnnxMiniLMEncoder(tmp_path / "onnx")
    exported = next((tmp_path / "onnx").glob("*.onnx"))
    expected = MiniLMEncoder().encode(TEXTS)
    assert np.abs(onnx.encode(TEXTS) - expected).max() < 1e-4  # the corpus path (a batch)
    singles = np.vstack([onnx.encode([t]) for t in TEXTS])  # the message path
    assert np.abs(singles - expected).max() < 1e-4
    assert onnx.model_id == MiniLMEncoder.model_id  # so both share one embedding cache

    stamp = exported.stat().st_mtime_ns
    probe = (
        "import sys; from pathlib import Path;"
        "from companion.engine.onnx_encoder import OnnxMiniLMEncoder;"
        f"e = OnnxMiniLMEncoder(Path({str(tmp_path / 'onnx')!r})); e.encode(['hello']);"
        "print('torch' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=run_env(tmp_path / "home"),
    )
    assert shown.stdout.strip() == "False"  # a later start needs neither torch nor an export
    assert exported.stat().st_mtime_ns == stamp


def _index_with_vectors() -> tuple[KeyIndex, HashingEncoder]:
    corpus = load_corpus(load_persona())
    index = KeyIndex(build_keys(corpus))
    encoder = HashingEncoder()
    index.install_vectors(encoder.encode([k.text for k in index.keys]))
    return index, encoder


def test_clustered_search_finds_the_intents_that_comparing_every_key_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retrieval, "ANN_THRESHOLD", 10**9)
    exact, encoder = _index_with_vectors()
    assert not exact.uses_clusters
    monkeypatch.setattr(retrieval, "ANN_THRESHOLD", 0)
    clustered, _ = _index_with_vectors()
    assert clustered.uses_clusters
    messages = [i.examples[0] + " please" for i in load_corpus(load_persona()).intents[:60]]
    same = 0
    for vector in encoder.encode(messages):
        want = [score for _, score in score_message(exact, "", vector).top_intents(3)]
        got = [score for _, score in score_message(clustered, "", vector).top_intents(3)]
        assert got[0] <= want[0] + 1e-5  # never better than the truth
        # Equal scores, not equal ids: the hashing encoder makes many exact ties.
        same += bool(np.allclose(got, want, atol=1e-5))
    assert same >= 57  # the clustered index is approximate, but at this size nearly always exact


def _word(n: int) -> str:
    letters = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        letters += chr(ord("a") + digit)
    return letters


def test_clustered_search_survives_thousands_of_identical_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An imported corpus repeats prompts and replies; identical vectors once broke an HNSW graph.
    monkeypatch.setattr(retrieval, "ANN_THRESHOLD", 0)
    unique = [f"{_word(n)} {_word(n + 7919)} {_word(n * 31 + 3)}" for n in range(2000)]
    keys = []
    for n, text in enumerate(unique):  # an HNSW graph without one node per text found 13 of 200
        keys.extend(Key("tell me more about that", "intent", f"i{n}") for _ in range(5))
        keys.append(Key(text, "intent", f"i{n}"))
    index = KeyIndex(keys)
    encoder = HashingEncoder(dimension=384)
    index.install_vectors(encoder.encode([k.text for k in keys]))
    for n in range(0, 2000, 100):
        positions, scores = index.nearest_intents(encoder.encode([unique[n]])[0])
        assert index.intent_ids[positions[int(np.argmax(scores))]] == f"i{n}"


def test_dense_scores_cover_facts_passages_and_reviews() -> None:
    index, encoder = _index_with_vectors()
    scores = score_message(index, "", encoder.encode(["who directed the film"])[0])
    assert set(scores.facts) == set(index.fact_ids)
    assert set(scores.passages) == set(index.passage_ids)
    assert scores.best_intent > 0 and len(scores.intent_ids) == len(scores.intent_scores)


class CountingEncoder(HashingEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def test_a_message_that_is_a_corpus_text_is_not_encoded_again(store: Store) -> None:
    encoder = CountingEncoder()
    bot = Companion(store, load_persona(), encoder_factory=lambda: encoder, model="wait", seed=3)
    corpus_line = bot.corpus.intents[0].examples[0]
    conversation = bot.new_conversation("ann")
    encoder.seen.clear()
    bot.reply("ann", conversation, corpus_line)
    bot.reply("ann", conversation, "something nobody wrote in the corpus, surely")
    assert encoder.seen == ["something nobody wrote in the corpus, surely"]


def test_without_onnx_runtime_the_torch_encoder_takes_over(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.engine import onnx_encoder

    def unavailable(_folder: Path) -> None:
        raise ImportError("No module named 'onnxruntime'")

    monkeypatch.setattr(onnx_encoder, "OnnxMiniLMEncoder", unavailable)
    monkeypatch.setattr(onnx_encoder, "MiniLMEncoder", HashingEncoder)  # stands in for torch's
    assert isinstance(onnx_encoder.load_fast_encoder(), HashingEncoder)


def test_a_built_index_is_cached_and_reused_for_the_same_vectors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(retrieval, "ANN_THRESHOLD", 0)
    corpus = load_corpus(load_persona())
    encoder = HashingEncoder()
    first = KeyIndex(build_keys(corpus))
    vectors = encoder.encode([k.text for k in first.keys])
    first.install_vectors(vectors, tmp_path / "search-index")
    assert len(list((tmp_path / "search-index").glob("ivf-*.faiss"))) == 1

    def no_building(_vectors: np.ndarray) -> None:
        raise AssertionError("the cached index should have been loaded")

    monkeypatch.setattr(retrieval, "build_cluster_index", no_building)
    second = KeyIndex(build_keys(corpus))
    second.install_vectors(vectors, tmp_path / "search-index")
    query = encoder.encode(["i feel lonely tonight"])[0]
    assert score_message(second, "", query).top_intents(3) == score_message(
        first, "", query
    ).top_intents(3)

    other = vectors.copy()
    other[0] = other[1]  # other vectors: the cached index must not be used
    with pytest.raises(AssertionError, match="cached index"):
        KeyIndex(build_keys(corpus)).install_vectors(other, tmp_path / "search-index")


def test_clustering_a_small_corpus_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # faiss wrote "WARNING clustering 2012 points to 179 centroids" over the app's screen.
    monkeypatch.setattr(retrieval, "ANN_THRESHOLD", 0)
    index, _ = _index_with_vectors()
    assert index.uses_clusters
    captured = capfd.readouterr()
    assert "WARNING" not in captured.err + captured.out
