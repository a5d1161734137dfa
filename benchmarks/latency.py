"""Warm reply latency: many varied messages to one conversation, after the model has loaded.

Usage: .venv/bin/python benchmarks/latency.py [--messages 300] [--rounds 3] [--model wait|lexical]

Messages cycle through the held-out probes in tests/probes.py (fact questions, review questions,
emotional messages, small talk), each pass worded a little differently ("hmm, ...", "... then"),
so no message repeats exactly and the engine's in-memory vector cache never skips the model.
"engine" is ``Reply.latency_ms`` (reading recent messages, understanding, choosing); "wall" is the
whole ``Companion.reply`` call, which also writes the turn to SQLite. Each round uses a new
conversation on the same Companion.
Set COMPANION_HOME to a folder with a warm embedding cache to skip embedding the corpus;
otherwise a temporary one is created.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import OtherLoad, ensure_temporary_home, percentiles, probe_messages, varied

from companion.engine import Companion
from companion.persona import load_persona
from companion.store import Store

WARMUP_MESSAGES = 5


def measure_round(companion: Companion, messages: list[str]) -> tuple[list[float], list[float]]:
    """Engine and wall-clock latencies (ms) for ``messages`` sent to one new conversation."""
    conversation = companion.new_conversation("bench")
    engine, wall = [], []
    for message in messages:
        started = time.perf_counter()
        reply = companion.reply("bench", conversation, message)
        wall.append((time.perf_counter() - started) * 1000)
        engine.append(reply.latency_ms)
    return engine, wall


def row(label: str, values: list[float], note: str = "") -> str:
    p = percentiles(values)
    return f"{label:<14} {p['p50']:8.2f} {p['p95']:8.2f} {p['p99']:8.2f} {p['max']:8.2f}  {note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300, help="messages per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--model",
        choices=["wait", "lexical"],
        default="wait",
        help="wait: dense retrieval (real model); lexical: BM25 only",
    )
    args = parser.parse_args()
    home = ensure_temporary_home()
    folder = Path(tempfile.mkdtemp(prefix="companion-latency-"))
    store = Store.open(f"sqlite:///{folder / 'latency.db'}")
    started = time.perf_counter()
    companion = Companion(store, load_persona("samantha"), model=args.model, seed=1)
    load_s = time.perf_counter() - started
    if args.model == "wait" and not companion.model_ready:
        raise SystemExit(f"model did not load: {companion.model_error}")
    print(
        f"model={args.model} encoder={type(companion.encoder).__name__} COMPANION_HOME={home} "
        f"setup={load_s:.1f}s (embedded {companion.embedded_texts} texts)"
    )

    messages = varied(probe_messages(), WARMUP_MESSAGES + args.rounds * args.messages)
    measure_round(companion, messages[:WARMUP_MESSAGES])  # first-call costs (torch, SQL) excluded

    print(f"{args.rounds} round(s) x {args.messages} messages, milliseconds")
    print(f"{'':<14} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  CPU used by other processes")
    engine_p50, engine_p95, wall_p50, wall_p95 = [], [], [], []
    all_engine: list[float] = []
    for number in range(1, args.rounds + 1):
        load = OtherLoad()
        first = WARMUP_MESSAGES + (number - 1) * args.messages
        engine, wall = measure_round(companion, messages[first : first + args.messages])
        all_engine += engine
        print(row(f"round {number} engine", engine, f"{load.share():.0%}"))
        print(row(f"round {number} wall", wall))
        engine_p50.append(percentiles(engine)["p50"])
        engine_p95.append(percentiles(engine)["p95"])
        wall_p50.append(percentiles(wall)["p50"])
        wall_p95.append(percentiles(wall)["p95"])
    print(row("all engine", all_engine))
    print(
        f"median of per-round engine p50 = {statistics.median(engine_p50):.2f} ms, "
        f"p95 = {statistics.median(engine_p95):.2f} ms"
    )
    print(
        f"median of per-round wall   p50 = {statistics.median(wall_p50):.2f} ms, "
        f"p95 = {statistics.median(wall_p95):.2f} ms"
    )
    store.close()


if __name__ == "__main__":
    main()
