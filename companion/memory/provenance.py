"""Where a memory came from and how sure she is of it, as `companion memory show` and the
memory panel show them.

Confidence runs from 0 to 1. A fact a message states plainly starts at 0.8 ("high"); one whose
person had to be worked out from "she" or a bare name starts at 0.6 ("medium"); each time it is
said again adds 0.1 (at most 1), and the user's own correction makes it 1.0 ("very high").
Nothing is stored below 0.6 today: "low" is there for what may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.store import MemoryRecord, MessageRecord, Store, UserRecord

# (lowest confidence in the band, its word), highest first. A confidence is rounded to two
# places before it is placed, so 0.7 is "high" however it was added up.
BANDS: tuple[tuple[float, str], ...] = (
    (0.95, "very high"),
    (0.7, "high"),
    (0.5, "medium"),
    (0.0, "low"),
)


def confidence_word(confidence: float) -> str:
    """The band of a confidence from 0 to 1: "low", "medium", "high" or "very high"."""
    rounded = round(confidence, 2)
    return next((word for floor, word in BANDS if rounded >= floor), BANDS[-1][1])


def confidence_label(confidence: float) -> str:
    """The word and the number: "high (0.9)", "very high (1.0)"."""
    number = f"{confidence:.2f}"
    return f"{confidence_word(confidence)} ({number[:-1] if number.endswith('0') else number})"


def excerpt(text: str, width: int) -> str:
    """A message on one line, cut on a word to at most ``width`` characters ("…" when cut)."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def sources(
    store: Store, user: UserRecord, memories: Sequence[MemoryRecord]
) -> dict[int, MessageRecord]:
    """The messages these memories were learned from, by id, in one query (a memory whose
    message was deleted with its conversation has none)."""
    ids = sorted({m.source_message_id for m in memories if m.source_message_id is not None})
    return {m.id: m for m in store.user_messages(user, ids)} if ids else {}
