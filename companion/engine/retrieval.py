"""Scoring a message against every retrieval key, lexically (BM25) or densely (embeddings).

A *key* is a text that stands for something she can say: an intent's example message or reply,
a fact's example question, a review passage, or a question about reviews. Keys are grouped by the
thing they stand for (their *owner*), and an owner scores the best of its keys.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from companion.engine.corpus import Corpus
from companion.engine.text import tokens
from companion.files import write_atomically

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


# Above this many intent keys, the nearest keys come from a clustered index instead of one product
# with every vector: at 200k keys the product alone costs more than the rest of a reply, and
# even at 5k it sweeps 7 MB through the cache that the encoder's weights then miss.
ANN_THRESHOLD = 2_000
# How many nearest intent keys a dense query looks at; their owners are the candidate intents.
NEAREST_KEYS = 128


class KeyIndex:
    """Scores a query against all keys; dense once vectors are installed, BM25 until then.

    Intent keys come first (see ``build_keys``). Dense scoring looks only at the nearest intent
    keys (all of them are compared while there are few; a clustered index answers when there are
    many) and at every fact, passage and review key, which are few.
    """

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
        self.intent_key_count = sum(1 for k in keys if k.kind == "intent")
        if any(k.kind == "intent" for k in keys[self.intent_key_count :]):
            raise ValueError("intent keys must come before every other key")
        self.reply_row_of = {k.reference: row for row, k in enumerate(keys) if k.reference}
        # For each intent key, the position of its owner among the intents.
        self.intent_of_row = np.repeat(
            np.arange(len(self.group_starts), dtype=np.int64),
            np.diff(np.append(self.group_starts, len(keys))),
        )[: self.intent_key_count]

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
        intent_owner_count = len(self.intent_positions)
        self._other_starts = self.group_starts[intent_owner_count:] - self.intent_key_count
        self._bm25 = bm25s.BM25()
        # Stop words stay in: BM25's idf already discounts them, and "how are you" is all stop words.
        self._bm25.index(
            [tokens(k.text, keep_stopwords=True) or ["_"] for k in keys], show_progress=False
        )
        self._vocabulary = set(self._bm25.vocab_dict)
        self._dense: np.ndarray | None = None
        self._clusters: Any = None
        self._node_starts = np.zeros(1, dtype=np.int64)  # indexed vector -> its rows (see below)
        self._rows_by_node = np.zeros(0, dtype=np.int64)
        self._row_of_text = {k.text: row for row, k in enumerate(keys)}
        self._lock = threading.Lock()

    @property
    def is_dense(self) -> bool:
        return self._dense is not None

    def install_vectors(self, vectors: np.ndarray, index_cache: Path | None = None) -> None:
        """Use ``vectors`` (one per key) from now on; with ``index_cache``, a clustered index built
        before for the same vectors is loaded from that folder instead of built again."""
        if vectors.shape[0] != len(self.keys):
            raise ValueError("one vector per key is required")
        dense = np.ascontiguousarray(vectors, dtype=np.float32)
        clusters = None
        if self.uses_clusters:
            # One indexed vector per distinct text: an imported corpus repeats prompts and replies,
            # and copies would only crowd the nearest keys (they broke an HNSW graph outright).
            node_of_text: dict[str, int] = {}
            nodes = np.array(
                [
                    node_of_text.setdefault(k.text, len(node_of_text))
                    for k in self.keys[: self.intent_key_count]
                ],
                dtype=np.int64,
            )
            first_rows = np.unique(nodes, return_index=True)[1]
            clusters = load_or_build_cluster_index(dense[first_rows], index_cache)
            order = np.argsort(nodes, kind="stable")
            self._node_starts = np.searchsorted(nodes[order], np.arange(len(first_rows) + 1))
            self._rows_by_node = order
        with self._lock:
            self._dense, self._clusters = dense, clusters

    @property
    def uses_clusters(self) -> bool:
        return self.intent_key_count > ANN_THRESHOLD

    def key_vector(self, text: str) -> np.ndarray | None:
        """The installed vector of a key whose text is exactly ``text``, if there is one."""
        row = self._row_of_text.get(text)
        dense = self._dense
        return None if row is None or dense is None else dense[row]

    def key_scores_lexical(self, query: str) -> np.ndarray:
        """BM25 scores scaled to 0..0.8 so the best lexical hit never looks like a sure thing."""
        query_tokens = [t for t in tokens(query, keep_stopwords=True) if t in self._vocabulary]
        if not query_tokens:
            return np.zeros(len(self.keys), dtype=np.float32)
        scores = np.asarray(self._bm25.get_scores(query_tokens), dtype=np.float32)
        top = float(scores.max())
        return scores / top * 0.8 if top > 0 else scores

    def owner_scores(self, key_scores: np.ndarray) -> np.ndarray:
        """Best weighted key score per owner, in ``self.owners`` order."""
        return np.maximum.reduceat(key_scores * self.weights, self.group_starts)

    # dense --------------------------------------------------------------------------------
    def nearest_intents(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in ``intent_ids``, scores) of the intents owning the nearest keys."""
        dense, clusters = self._dense, self._clusters
        assert dense is not None
        count = min(NEAREST_KEYS, self.intent_key_count)
        if count == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if clusters is not None:
            _, nodes = clusters.search(query_vector[None, :], count)
            nodes = nodes[0][nodes[0] >= 0]
            starts, ends = self._node_starts[nodes], self._node_starts[nodes + 1]
            rows = np.concatenate(
                [
                    self._rows_by_node[a:b]
                    for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
                ]
            )
            similarity = dense[rows] @ query_vector  # exact: the index's 8-bit scores are not
        else:
            all_scores = dense[: self.intent_key_count] @ query_vector
            rows = np.argpartition(-all_scores, count - 1)[:count]
            similarity = all_scores[rows]
        weighted = similarity * self.weights[rows]
        owners = self.intent_of_row[rows]
        # Best key per owner: sort by owner, best score first within each, keep the first.
        order = np.lexsort((-weighted, owners))
        owners, weighted = owners[order], weighted[order]
        first = np.ones(len(owners), dtype=bool)
        first[1:] = owners[1:] != owners[:-1]
        return owners[first], weighted[first].astype(np.float32, copy=False)

    def other_owner_scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Scores of every non-intent owner (facts, passages, reviews), in ``self.owners`` order
        after the intents."""
        dense = self._dense
        assert dense is not None
        if self.intent_key_count == len(self.keys):
            return np.zeros(0, dtype=np.float32)
        scores = dense[self.intent_key_count :] @ query_vector
        weighted = scores * self.weights[self.intent_key_count :]
        return np.maximum.reduceat(weighted, self._other_starts)

    def key_similarity(self, row: int, query_vector: np.ndarray) -> float:
        dense = self._dense
        assert dense is not None
        return float(dense[row] @ query_vector)


# An inverted-file index: the vectors are split into about 4*sqrt(n) clusters, stored as 8-bit
# codes, and a query scans the SEARCHED_CLUSTERS nearest clusters; the keys it returns are then
# scored exactly. At 200k keys that finds the true nearest key for 98.5 % of paraphrase probes in
# about 0.8 ms (full-precision clusters: 1.3 ms). An HNSW graph (M=32, efSearch=128), tried first,
# found it for 78 %: an imported corpus is a small cluster far from 100k look-alike entries.
SEARCHED_CLUSTERS = 96


def cluster_count(vectors: int) -> int:
    """About 4*sqrt(n), but never fewer than faiss's 39 training points per cluster: below that
    it prints a warning straight to the terminal (over the app's screen) and clusters badly."""
    return max(1, min(4096, int(4 * np.sqrt(vectors)), vectors // 39))


def build_cluster_index(vectors: np.ndarray) -> Any:
    """A clustered (IVF, 8-bit) index over ``vectors``, by inner product (they are unit length)."""
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)  # building is a batch job: every core
    clusters = cluster_count(len(vectors))
    quantizer = faiss.IndexFlatIP(vectors.shape[1])
    index = faiss.IndexIVFScalarQuantizer(
        quantizer,
        vectors.shape[1],
        clusters,
        faiss.ScalarQuantizer.QT_8bit,
        faiss.METRIC_INNER_PRODUCT,
    )
    index.train(vectors)
    index.add(vectors)
    return _ready_to_search(index)


def _ready_to_search(index: Any) -> Any:
    import faiss

    index.nprobe = min(index.nlist, SEARCHED_CLUSTERS)
    # A search is one small query: a second thread only adds hand-off cost on 2 cores.
    faiss.omp_set_num_threads(1)
    return index


def load_or_build_cluster_index(vectors: np.ndarray, folder: Path | None) -> Any:
    """The index for exactly these vectors, from ``folder`` if it was built before (clustering
    200k keys takes about 25 s; loading them, a second)."""
    if folder is None:
        return build_cluster_index(vectors)
    import faiss

    digest = hashlib.blake2b(np.ascontiguousarray(vectors).data, digest_size=16)
    path = folder / f"ivf-sq8-{cluster_count(len(vectors))}-{digest.hexdigest()}.faiss"
    if path.exists():
        try:
            index = faiss.read_index(str(path))
            if index.ntotal == len(vectors) and index.d == vectors.shape[1]:
                return _ready_to_search(index)
        except RuntimeError:
            pass  # a damaged file is only a cache: build the index again
    index = build_cluster_index(vectors)
    with contextlib.suppress(OSError):  # a read-only cache costs time, not answers
        write_atomically(
            path,
            lambda temporary: faiss.write_index(index, str(temporary)),
            suffix=".faiss.tmp",
            ignore=(OSError, RuntimeError),
        )
    return index
