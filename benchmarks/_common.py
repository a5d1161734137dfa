"""Helpers shared by the benchmark scripts: probe messages, percentiles, a safe COMPANION_HOME."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from probes import EMOTION_PROBES, FACT_PROBES, REVIEW_PROBES, SMALL_TALK  # noqa: E402


def probe_messages() -> list[str]:
    """The held-out probe messages: fact questions, review questions, feelings, small talk."""
    return (
        [question for question, _ in FACT_PROBES]
        + list(REVIEW_PROBES)
        + [message for message, _ in EMOTION_PROBES]
        + list(SMALL_TALK)
    )


PREFIXES = ("", "hmm, ", "so ", "well, ", "ok so ", "honestly, ", "and ", "um, ")
SUFFIXES = ("", " then", " now", " anyway")


def varied(messages: Sequence[str], count: int, start: int = 0) -> list[str]:
    """``count`` messages cycling through ``messages``, each pass worded a little differently.

    The engine keeps recent message vectors in memory, so an exact repeat would measure a cache
    hit; prefixes and suffixes keep the first len(messages) * 32 messages distinct.
    """
    out = []
    for i in range(start, start + count):
        rounds, n = divmod(i, len(messages))
        prefix = PREFIXES[rounds % len(PREFIXES)]
        suffix = SUFFIXES[(rounds // len(PREFIXES)) % len(SUFFIXES)]
        out.append(f"{prefix}{messages[n]}{suffix}")
    return out


def percentiles(values: Sequence[float]) -> dict[str, float]:
    data = np.asarray(values, dtype=np.float64)
    return {
        "p50": float(np.percentile(data, 50)),
        "p95": float(np.percentile(data, 95)),
        "p99": float(np.percentile(data, 99)),
        "max": float(data.max()),
    }


def ensure_temporary_home() -> Path:
    """Use ``COMPANION_HOME`` if it is set (to reuse an embedding cache), else a fresh temp dir.

    Either way the benchmark never reads or writes the real user folders.
    """
    if not os.environ.get("COMPANION_HOME"):
        os.environ["COMPANION_HOME"] = tempfile.mkdtemp(prefix="companion-bench-")
    os.environ.pop("COMPANION_DB", None)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return Path(os.environ["COMPANION_HOME"])


class OtherLoad:
    """Share of the machine's CPU used by *other* processes between ``start()`` and ``share()``.

    Read from /proc/stat (Linux); on a shared machine it tells a clean run from a noisy one.
    """

    def __init__(self) -> None:
        self.start()

    @staticmethod
    def _sample() -> tuple[float, float, float]:
        try:
            fields = [
                float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
            ]
        except OSError:
            return 0.0, 0.0, 0.0
        ticks = os.sysconf("SC_CLK_TCK")
        idle = fields[3] + fields[4]
        own = sum(os.times()[:4])  # this process and its waited-for children, seconds
        return (sum(fields[:8]) - idle) / ticks, sum(fields[:8]) / ticks, own

    def start(self) -> None:
        self._begin = self._sample()

    def share(self, ours: float = 0.0) -> float:
        """``ours``: CPU seconds of our own processes that are not waited-for children of this one
        (such as a program a tmux server started for us), to count as ours, not other load."""
        busy, total, own = (b - a for a, b in zip(self._begin, self._sample(), strict=True))
        return max(0.0, busy - own - ours) / total if total else 0.0
