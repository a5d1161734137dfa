"""What the safety layer costs a message: median and p95 of SafetyLayer.assess, in ms.

    python benchmarks/safety/latency.py [--runs 5]

Every message of the labelled suite is read RUNS times (after one warm-up pass); the figures are
the median over runs of each message's time, so one noisy core does not decide them. A 200 KB paste
is timed too (the layer reads its first 4,000 and last 1,000 characters). Target: at most 1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.safety import SafetyLayer

HERE = Path(__file__).resolve().parent


def messages() -> list[str]:
    texts: list[str] = []
    for path in sorted(HERE.glob("*.toml")):
        texts += [c["text"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]
    return texts


def timed(layer: SafetyLayer, text: str) -> float:
    started = time.perf_counter()
    layer.assess(text)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    layer = SafetyLayer.load("US")
    print(f"load: {(time.perf_counter() - started) * 1000:.0f} ms (once per process)")
    texts = messages()
    for text in texts:
        layer.assess(text)  # warm-up
    per_message = [
        statistics.median(timed(layer, text) for _ in range(args.runs)) for text in texts
    ]
    per_message.sort()
    p95 = per_message[int(0.95 * (len(per_message) - 1))]
    print(
        f"{len(texts)} messages x {args.runs} runs: median {statistics.median(per_message):.3f} ms,"
        f" p95 {p95:.3f} ms, max {per_message[-1]:.3f} ms"
    )
    paste = ("lorem ipsum dolor sit amet, " * 8000)[:200_000] + " i want to die"
    paste_ms = statistics.median(timed(layer, paste) for _ in range(args.runs))
    print(f"200 KB paste: {paste_ms:.3f} ms, caught: {layer.assess(paste).at_risk}")


if __name__ == "__main__":
    main()
