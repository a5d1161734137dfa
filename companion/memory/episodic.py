"""Episodic recall: which of a user's past messages were about a topic, by embedding."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from companion.store import Store, UserRecord


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


class EpisodicIndex:
    """Per-user matrices of message vectors, loaded once from the store and kept in step.

    Recall is one matrix product over that user's vectors, never a scan of the database, so its
    cost stays flat as other users' data grows and small as this user's grows.
    """

    def __init__(self, store: Store, model_id: str) -> None:
        self.store = store
        self.model_id = model_id
        self._lock = threading.Lock()
        self._ids: dict[int, np.ndarray] = {}
        self._vectors: dict[int, np.ndarray] = {}

    def _load(self, user: UserRecord) -> None:
        rows = self.store.user_message_vectors(user, self.model_id)
        if rows:
            ids = np.array([mid for mid, _ in rows], dtype=np.int64)
            vectors = np.vstack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows])
        else:
            ids, vectors = np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        self._ids[user.id], self._vectors[user.id] = ids, vectors

    def add(self, user: UserRecord, message_id: int, vector: np.ndarray) -> None:
        with self._lock:
            if user.id not in self._ids:
                return  # loaded lazily, from the store, on the first recall
            row = np.asarray(vector, dtype=np.float32)[None, :]
            vectors = self._vectors[user.id]
            self._vectors[user.id] = row if vectors.size == 0 else np.vstack([vectors, row])
            self._ids[user.id] = np.append(self._ids[user.id], message_id)

    def search(
        self, user: UserRecord, query: np.ndarray, limit: int = 3
    ) -> list[tuple[int, float]]:
        """(message id, similarity) of this user's messages closest to ``query``, best first."""
        with self._lock:
            if user.id not in self._ids:
                self._load(user)
            ids, vectors = self._ids[user.id], self._vectors[user.id]
        if vectors.size == 0:
            return []
        scores = vectors @ np.asarray(query, dtype=np.float32)
        count = min(limit, len(scores))
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best])]
        return [(int(ids[i]), float(scores[i])) for i in best]

    def similarities(
        self, user: UserRecord, query: np.ndarray, message_ids: Sequence[int]
    ) -> dict[int, float]:
        """The similarity to ``query`` of each of these messages of the user's that has a vector
        (a few rows, not the whole matrix)."""
        with self._lock:
            if user.id not in self._ids:
                self._load(user)
            ids, vectors = self._ids[user.id], self._vectors[user.id]
        if vectors.size == 0 or not message_ids:
            return {}
        rows = np.flatnonzero(np.isin(ids, np.asarray(message_ids, dtype=np.int64)))
        scores = vectors[rows] @ np.asarray(query, dtype=np.float32)
        return {int(ids[r]): float(s) for r, s in zip(rows, scores, strict=True)}

    def forget_user(self, user_id: int) -> None:
        with self._lock:
            self._ids.pop(user_id, None)
            self._vectors.pop(user_id, None)
