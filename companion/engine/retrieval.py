"""Scoring a message against every retrieval key, lexically (BM25) or densely (embeddings).

A *key* is a text that stands for something she can say: an intent's example message or reply,
a fact's example question, a review passage, or a question about reviews. Keys are grouped by the
thing they stand for (their *owner*), and an owner scores the best of its keys.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

import numpy as np

from companion.engine.corpus import Corpus
from companion.engine.text import tokens

KeyKind = Literal["intent", "fact", "passage", "review_question"]

# Questions that ask what people thought: they send a message to the review passages.
REVIEW_QUESTIONS = (
    "what did people think of the film",
    "what did critics say about her",
    "what do the reviews say",
    "what did reviewers think of the acting",
    "what did people say about the music",
    "was the movie any good according to reviews",
    "how did critics rate it",
    "what ratings did it get",
    "what did people think of joaquin phoenix's performance",
    "did critics like scarlett johansson's voice",
    "what did people say about the cinematography",
    "what did reviewers say about spike jonze's directing",
    "is her worth watching, what do people say",
    "give me a quote from a review",
    "what's the critical reception of her",
    "did people like the movie",
)


def reply_reference(theme: str, intent_id: str, number: int) -> str:
    return f"theme:{theme}/{intent_id}#{number}"


@dataclass(frozen=True, slots=True)
class Key:
    text: str
    kind: KeyKind
    owner: str
    weight: float = 1.0
    reference: str = ""  # for a reply key: the reply's own reference (its fit to a message)


def build_keys(corpus: Corpus) -> list[Key]:
    """All keys, grouped contiguously by owner so scores reduce with one ``maximum.reduceat``."""
    keys: list[Key] = []
    for intent in corpus.intents:
        keys.extend(Key(t, "intent", intent.id) for t in intent.examples)
        # Replies are keys too (a little weaker): long heartfelt messages often match them best.
        keys.extend(
            Key(t, "intent", intent.id, 0.9, reply_reference(intent.theme, intent.id, n))
            for n, t in enumerate(intent.replies)
        )
    for fact in corpus.facts:
        keys.extend(Key(t, "fact", fact.id) for t in fact.examples)
    for passage in corpus.passages:
        keys.append(Key(passage.text, "passage", passage.id, 0.8))
    keys.extend(Key(t, "review_question", "reviews") for t in REVIEW_QUESTIONS)
    return keys


class KeyIndex:
    """Scores a query against all keys; dense once vectors are installed, BM25 until then."""

    def __init__(self, keys: list[Key]) -> None:
        import bm25s

        self.keys = keys
        self.weights = np.array([k.weight for k in keys], dtype=np.float32)
        owners = [k.owner for k in keys]
        self.group_starts = np.array(
            [i for i, owner in enumerate(owners) if i == 0 or owners[i - 1] != owner],
            dtype=np.int64,
        )
        self.owners = [owners[i] for i in self.group_starts]
        self.owner_kinds = [keys[i].kind for i in self.group_starts]
        if len(set(zip(self.owner_kinds, self.owners, strict=True))) != len(self.owners):
            raise ValueError("keys of one owner must be contiguous")
        self.reply_row_of = {k.reference: row for row, k in enumerate(keys) if k.reference}

        def positions(kind: KeyKind) -> np.ndarray:
            return np.array(
                [i for i, k in enumerate(self.owner_kinds) if k == kind], dtype=np.int64
            )

        self.intent_positions = positions("intent")
        self.fact_positions = positions("fact")
        self.passage_positions = positions("passage")
        self.review_positions = positions("review_question")
        self.intent_ids = [self.owners[i] for i in self.intent_positions]
        self.fact_ids = [self.owners[i] for i in self.fact_positions]
        self.passage_ids = [self.owners[i] for i in self.passage_positions]
        self._bm25 = bm25s.BM25()
        # Stop words stay in: BM25's idf already discounts them, and "how are you" is all stop words.
        self._bm25.index(
            [tokens(k.text, keep_stopwords=True) or ["_"] for k in keys], show_progress=False
        )
        self._vocabulary = set(self._bm25.vocab_dict)
        self._dense: np.ndarray | None = None
        self._lock = threading.Lock()

    @property
    def is_dense(self) -> bool:
        return self._dense is not None

    def install_vectors(self, vectors: np.ndarray) -> None:
        if vectors.shape[0] != len(self.keys):
            raise ValueError("one vector per key is required")
        with self._lock:
            self._dense = np.ascontiguousarray(vectors, dtype=np.float32)

    def key_scores_lexical(self, query: str) -> np.ndarray:
        """BM25 scores scaled to 0..0.8 so the best lexical hit never looks like a sure thing."""
        query_tokens = [t for t in tokens(query, keep_stopwords=True) if t in self._vocabulary]
        if not query_tokens:
            return np.zeros(len(self.keys), dtype=np.float32)
        scores = np.asarray(self._bm25.get_scores(query_tokens), dtype=np.float32)
        top = float(scores.max())
        return scores / top * 0.8 if top > 0 else scores

    def key_scores_dense(self, query_vector: np.ndarray) -> np.ndarray:
        assert self._dense is not None
        return self._dense @ query_vector

    def owner_scores(self, key_scores: np.ndarray) -> np.ndarray:
        """Best weighted key score per owner, in ``self.owners`` order."""
        return np.maximum.reduceat(key_scores * self.weights, self.group_starts)
