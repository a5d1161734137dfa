"""Process start to first reply, timed from outside, plus the peak RSS of a 50-message session.

Usage: .venv/bin/python benchmarks/startup.py [--runs 3] [--messages 50]

Runs ``.venv/bin/companion chat --jsonl --user bench --db sqlite:///TMP/x.db [--model M]``, writes
"hello" and times until its JSON line arrives:

* background (default): first reply is lexical (BM25) while the model loads in a thread;
* ``--model wait``, warm cache: the model loads and the corpus vectors come from the on-disk cache;
* ``--model wait``, cold cache: an empty COMPANION_HOME, so the whole corpus is embedded first
  (each cold run pays it: some 15 s on an idle 2-core machine, far more under load).

"Cold"/"warm" is the embedding cache, not the OS page cache (Python and torch files stay cached).
Every run uses a temporary COMPANION_HOME and database; nothing touches the real user folders.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from _common import REPO, OtherLoad, probe_messages, varied

COMPANION = REPO / ".venv" / "bin" / "companion"


def start(home: Path, model: str | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, COMPANION_HOME=str(home), HF_HUB_OFFLINE="1")
    env.pop("COMPANION_DB", None)
    url = f"sqlite:///{home / 'x.db'}"
    command = [str(COMPANION), "chat", "--jsonl", "--user", "bench", "--db", url]
    if model:
        command += ["--model", model]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


def say(process: subprocess.Popen[bytes], text: str) -> dict[str, Any]:
    stdin: IO[bytes] = process.stdin  # type: ignore[assignment]
    stdout: IO[bytes] = process.stdout  # type: ignore[assignment]
    stdin.write(text.encode() + b"\n")
    stdin.flush()
    line = stdout.readline()
    if not line:
        raise RuntimeError(f"companion exited with {process.wait()} before replying")
    return json.loads(line)


def finish(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=120)


def first_reply(home: Path, model: str | None) -> tuple[float, str]:
    """Seconds from process start to the first reply, and how it was retrieved."""
    started = time.perf_counter()
    process = start(home, model)
    reply = say(process, "hello")
    elapsed = time.perf_counter() - started
    finish(process)
    return elapsed, str(reply.get("retrieval"))


def peak_rss_mb(home: Path, model: str, messages: int) -> tuple[float, float]:
    """Peak RSS (MB, from /proc VmHWM) after ``messages`` replies, and their median latency_ms."""
    process = start(home, model)
    latencies = [float(say(process, m)["latency_ms"]) for m in varied(probe_messages(), messages)]
    status = Path(f"/proc/{process.pid}/status")
    peak_kb = 0.0
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = float(line.split()[1])
    finish(process)
    if not peak_kb:  # no /proc: the largest waited-for child so far (kilobytes on Linux)
        peak_kb = float(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak_kb / 1024, statistics.median(latencies)


def report(label: str, samples: list[tuple[float, str]]) -> None:
    times = [t for t, _ in samples]
    kinds = sorted({k for _, k in samples})
    shown = " ".join(f"{t:.2f}" for t in times)
    print(
        f"{label:<32} median {statistics.median(times):6.2f} s  (runs: {shown}; {'/'.join(kinds)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--messages", type=int, default=50, help="messages for the RSS session")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="companion-startup-"))
    warm = root / "warm"
    warm.mkdir()
    load = OtherLoad()

    # Cold first: the first cold run fills the cache the warm runs then reuse.
    cold = []
    for number in range(args.runs):
        home = warm if number == 0 else root / f"cold{number}"
        home.mkdir(exist_ok=True)
        cold.append(first_reply(home, "wait"))
    background = [first_reply(warm, None) for _ in range(args.runs)]
    waited = [first_reply(warm, "wait") for _ in range(args.runs)]

    report("background (first reply)", background)
    report("--model wait, warm cache", waited)
    report("--model wait, cold cache", cold)
    rss, median_ms = peak_rss_mb(warm, "wait", args.messages)
    print(
        f"peak RSS, --model wait after {args.messages} messages: {rss:.0f} MB "
        f"(median latency_ms {median_ms:.1f})"
    )
    print(f"CPU used by other processes during the benchmark: {load.share():.0%}")


if __name__ == "__main__":
    main()
