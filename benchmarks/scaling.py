"""How warm reply latency grows with corpus size: the real corpus plus N synthetic intents.

Usage: .venv/bin/python benchmarks/scaling.py [--sizes 1000,10000,100000] [--turns 100]

Each synthetic intent has one example message and one reply, made of words drawn from a small
vocabulary by a seeded generator, so N intents add 2N retrieval keys.

Synthetic vectors for the synthetic entries; the query path is the real model. Embedding 100k
texts with all-MiniLM-L6-v2 on 2 CPU cores would take far too long, so ``SyntheticEncoder`` gives
synthetic texts seeded random unit vectors and embeds everything else (the real corpus, through
the real model's own embedding cache, and every query) with the real model. Its ``model_id``
differs from the real one, so its vectors never enter the real model's cache, and everything
lives in a temporary COMPANION_HOME (or the one you set, to reuse the real corpus vectors).
Random vectors score near 0 against real queries, so routing is that of the real corpus; what
grows is the work done per reply over all keys and owners.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time

import numpy as np
from _common import OtherLoad, ensure_temporary_home, percentiles, probe_messages, varied

from companion import locations
from companion.engine import Companion
from companion.engine.corpus import Intent, load_corpus
from companion.engine.embedding_cache import EmbeddingCache
from companion.engine.encoder import Encoder, MiniLMEncoder
from companion.engine.onnx_encoder import load_fast_encoder
from companion.persona import load_persona
from companion.store import Store

WORDS = """
    morning evening river window garden letter music city train coffee friend sister brother
    quiet loud bright grey warm cold small large old new slow fast happy tired calm busy walk talk
    read write listen remember forget wonder wait hope plan build paint cook travel today tomorrow
    yesterday often never always sometimes again together alone maybe really
"""
VOCABULARY = WORDS.split()
WARMUP_MESSAGES = 5


def synthetic_intents(count: int, seed: int = 42) -> list[Intent]:
    rng = random.Random(seed)

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(low, high)))

    return [
        Intent(
            id=f"synthetic.{n}",
            theme="synthetic",
            examples=(f"{sentence(4, 9)} {n}",),
            replies=(f"{sentence(8, 16)} {n}.",),
        )
        for n in range(count)
    ]


class SyntheticEncoder:
    """Real model for real texts and queries; seeded random unit vectors for synthetic texts."""

    dimension = MiniLMEncoder.dimension
    model_id = f"bench-synthetic+{MiniLMEncoder.model_id}"

    def __init__(self, synthetic: set[str], real: Encoder) -> None:
        self.synthetic = synthetic
        self.real = real
        self.real_cache = EmbeddingCache(locations.embeddings_cache_dir(), real.model_id)
        self.rng = np.random.default_rng(7)

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) <= 8:  # a query (and the previous message): always the real model
            return self.real.encode(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        fake = [i for i, t in enumerate(texts) if t in self.synthetic]
        real = [i for i, t in enumerate(texts) if t not in self.synthetic]
        if fake:
            vectors = self.rng.standard_normal((len(fake), self.dimension)).astype(np.float32)
            out[fake] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        if real:
            out[real] = self.real_cache.vectors([texts[i] for i in real], self.real)
        return out


def measure(size: int, extra: list[Intent], real: Encoder, turns: int) -> dict[str, float]:
    persona = load_persona("samantha")
    corpus = load_corpus(persona)
    corpus.intents.extend(extra[:size])
    synthetic = {t for i in extra[:size] for t in (*i.examples, *i.replies)}
    store = Store.open(f"sqlite:///{tempfile.mkdtemp(prefix='companion-scaling-')}/s.db")
    started = time.perf_counter()
    companion = Companion(
        store,
        persona,
        model="wait",
        seed=1,
        corpus=corpus,
        encoder_factory=lambda: SyntheticEncoder(synthetic, real),
    )
    setup_s = time.perf_counter() - started
    if not companion.model_ready:
        raise SystemExit(f"model did not load: {companion.model_error}")
    messages = varied(probe_messages(), turns + WARMUP_MESSAGES)
    warmup = companion.new_conversation("bench")
    for message in messages[:WARMUP_MESSAGES]:
        companion.reply("bench", warmup, message)
    conversation = companion.new_conversation("bench")
    load = OtherLoad()
    latencies = [
        companion.reply("bench", conversation, m).latency_ms for m in messages[WARMUP_MESSAGES:]
    ]
    store.close()
    keys = len(companion.index.keys)
    return {"keys": keys, "setup_s": setup_s, "other": load.share(), **percentiles(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated synthetic intent counts (0 = real corpus only)",
    )
    parser.add_argument("--turns", type=int, default=100, help="measured replies per size")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    home = ensure_temporary_home()
    print(f"COMPANION_HOME={home}")
    real = load_fast_encoder()
    extra = synthetic_intents(max(sizes))

    ratio = f"p50/{sizes[0]}"
    print(
        f"{'size':>7} {'keys':>7} {'setup s':>8} {'p50 ms':>8} {'p95 ms':>8} {ratio:>9} {'other CPU':>9}"
    )
    first_p50: float | None = None
    for size in sizes:
        result = measure(size, extra, real, args.turns)
        first_p50 = first_p50 or result["p50"]
        print(
            f"{size:>7} {result['keys']:>7.0f} {result['setup_s']:>8.1f} {result['p50']:>8.1f} "
            f"{result['p95']:>8.1f} {result['p50'] / first_p50:>9.2f} {result['other']:>9.0%}",
            flush=True,
        )


if __name__ == "__main__":
    main()
