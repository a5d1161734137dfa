"""Requests she answers herself, not from the corpus: the clock, the date, reminders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from companion.understanding.times import When, find_when

ClockAsk = Literal["time", "date", "day"]

_CLOCK = [
    ("time", re.compile(r"\b(?:wh?at(?:'?s|\s+is)?\s+the\s+time|wh?a?t\s+time\s+(?:is\s+it|it\s+is)|"
                        r"(?:got|have|know)\s+the\s+time|time\s+is\s+it|current\s+time|tell\s+me\s+the\s+time|"
                        r"what\s+time\s+do\s+you\s+have|the\s+time\s+please)\b")),
    ("date", re.compile(r"\b(?:what(?:'?s|\s+is)?\s+(?:the\s+|today'?s\s+)?date|date\s+(?:is\s+it\s+)?today|"
                        r"today'?s\s+date|what\s+date\s+is\s+it|the\s+date\s+please|which\s+date)\b")),
    ("day", re.compile(r"\b(?:wh?at|which)\s+day\s+(?:is\s+it|is\s+today|it\s+is|are\s+we\s+on)|"
                       r"\bwhat(?:'?s|\s+is)\s+(?:the\s+)?day\s+today|\bis\s+(?:it|today)\s+"
                       r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bday\s+of\s+the\s+week\b")),
]  # fmt: skip
_REMIND = re.compile(
    r"\b(?:remind\s+me|reminder|don'?t\s+let\s+me\s+forget|make\s+sure\s+i|remember\s+to\s+remind\s+me)"
    r"\s*(?:to\s+|2\s+|about\s+|that\s+i\s+(?:need|have)\s+to\s+|that\s+|of\s+|for\s+)?(?P<task>.*)",
    re.I,
)
_LIST_REMINDERS = re.compile(
    r"\b(?:what\s+(?:are\s+)?(?:my\s+)?reminders|any\s+reminders|what\s+did\s+i\s+ask\s+you\s+to\s+remind|"
    r"what\s+(?:do\s+)?i\s+(?:need|have)\s+to\s+remember|list\s+(?:my\s+)?reminders|show\s+(?:me\s+)?(?:my\s+)?reminders|"
    r"what\s+were\s+you\s+(?:going|supposed)\s+to\s+remind)",
    re.I,
)
# "remind me what my brother's wife is called": a question about the past, not a task.
_ASKS_TO_BE_TOLD = re.compile(r"(?:what|why|who|where|which|how)\b", re.I)
_SWAPS = {
    "my": "your",
    "i": "you",
    "me": "you",
    "myself": "yourself",
    "i'm": "you're",
    "am": "are",
    "mine": "yours",
}
_FILLER = re.compile(
    r"^(?:please\s+|pls\s+|plz\s+|can\s+you\s+|could\s+you\s+)+|[\s,.!?]*(?:please|pls|plz|thanks|thank\s+you|ok|okay)?[\s.!?]*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something to raise on a day: the task in her words ("ring the dentist") and its date."""

    task: str
    when: When | None

    def day(self, today: date) -> date:
        return self.when.day if self.when is not None else today


def clock_request(text: str) -> ClockAsk | None:
    lowered = text.lower().replace("\u2019", "'")
    for ask, pattern in _CLOCK:
        if pattern.search(lowered):
            return ask  # type: ignore[return-value]
    return None


def wants_reminders_listed(text: str) -> bool:
    return bool(_LIST_REMINDERS.search(text))


def reminder_request(text: str, now: datetime) -> Reminder | None:
    """ "remind me to ring the dentist on Monday" -> Reminder("ring the dentist", Monday)."""
    match = _REMIND.search(text)
    if match is None or wants_reminders_listed(text) or _ASKS_TO_BE_TOLD.match(match["task"]):
        return None
    task_text = match["task"].lstrip(" :-,")
    when = find_when(task_text, now)
    if when is not None:
        task_text = (task_text[: when.start] + task_text[when.end :]).strip()
    task = _FILLER.sub("", task_text).strip(" ,.!?")
    task = re.sub(r"\s+(?:at|on|by|in)$", "", task)
    words = [_SWAPS.get(w.lower(), w) for w in task.split()]
    task = " ".join(words)[:120]
    if not task:
        return None
    if when is None:
        when = find_when(text[: match.start()], now)
    return Reminder(task, when)
