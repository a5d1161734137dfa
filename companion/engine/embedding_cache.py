"""On-disk cache of embedding vectors, keyed by a hash of model and text: embed once, ever."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np

from companion.engine.encoder import Encoder
from companion.files import write_atomically

# Texts encoded between two looks at the stop flag (a few seconds of work on 2 cores).
CHUNK = 2048


class EmbeddingStopped(Exception):
    """Embedding was asked to stop (the process is quitting); what was done is cached."""


def content_hash(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()[:32]


class EmbeddingCache:
    """Vectors for ``model_id`` stored in one ``.npz`` file; new texts are appended atomically."""

    def __init__(self, folder: Path, model_id: str) -> None:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id)
        self.path = folder / f"{safe}.npz"
        self.model_id = model_id
        self._lock = threading.Lock()
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._load()
        self.misses = 0  # texts embedded by this process, for tests and benchmarks

    def _load(self) -> None:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys = [str(k) for k in data["keys"]]
                self._vectors = np.asarray(data["vectors"], dtype=np.float32)
        except (OSError, KeyError, ValueError):
            return  # missing or damaged cache: it is only a cache, rebuild it
        if len(keys) == len(self._vectors):
            self._rows = {key: row for row, key in enumerate(keys)}

    def _save(self) -> None:
        keys = np.array(sorted(self._rows, key=self._rows.__getitem__))

        def write(path: Path) -> None:
            with path.open("wb") as handle:  # a handle: given a name, savez appends ".npz"
                np.savez(handle, keys=keys, vectors=self._vectors)

        # A read-only cache folder costs speed, not data.
        write_atomically(self.path, write, suffix=".npz.tmp", ignore=(OSError,))

    def vectors(
        self, texts: list[str], encoder: Encoder, stop: threading.Event | None = None
    ) -> np.ndarray:
        """Vectors for ``texts`` in order; only texts never seen before are encoded.

        New texts are encoded a chunk at a time; when ``stop`` is set between chunks, what was
        encoded so far is saved and ``EmbeddingStopped`` is raised (a process that is quitting
        must not be torn down while a native thread pool is still encoding).
        """
        with self._lock:
            hashes = [content_hash(self.model_id, t) for t in texts]
            missing = sorted(
                {h: t for h, t in zip(hashes, texts, strict=True) if h not in self._rows}.items()
            )
            added = 0
            try:
                for start in range(0, len(missing), CHUNK):
                    if stop is not None and stop.is_set():
                        raise EmbeddingStopped
                    chunk = missing[start : start + CHUNK]
                    self._add([k for k, _ in chunk], encoder.encode([t for _, t in chunk]))
                    added += len(chunk)
            finally:
                if added:  # only what this call embedded is new on disk
                    self._save()
            return self._vectors[[self._rows[h] for h in hashes]]

    def _add(self, keys: list[str], fresh: np.ndarray) -> None:
        start = len(self._rows)
        self._vectors = fresh if self._vectors.size == 0 else np.vstack([self._vectors, fresh])
        for offset, key in enumerate(keys):
            self._rows[key] = start + offset
        self.misses += len(keys)
