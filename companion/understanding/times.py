"""Times in a message, as real dates relative to when it was said ("on Monday", "tomorrow")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "sat" and "sun" are left out: "I sat down", "the sun is out".
_SHORT_DAYS = {d[:3]: d for d in WEEKDAYS if d[:3] not in {"sat", "sun"}} | {
    "tues": "tuesday",
    "thurs": "thursday",
    "weds": "wednesday",
}
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_SHORT_MONTHS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "ten": 10, "couple of": 2, "few": 3}  # fmt: skip

_DAY = "|".join(sorted([*WEEKDAYS, *_SHORT_DAYS], key=len, reverse=True))
_MONTH = "|".join(sorted([*MONTHS, *_SHORT_MONTHS], key=len, reverse=True))
_COUNT = r"\d+|a|an|one|two|three|four|five|six|seven|ten|couple of|few"
_PATTERNS = [
    ("relative", re.compile(r"\b(?P<word>day after tomorrow|tomorrow|tmrw|tmr|tomoz|2morrow|today|tonight|this evening|this morning|this afternoon|tonite)\b")),
    ("in", re.compile(rf"\bin\s+(?:a\s+)?(?P<count>{_COUNT})\s+(?P<unit>days?|weeks?|months?)\b")),
    ("next_unit", re.compile(r"\b(?P<which>next|this)\s+(?P<unit>week|weekend|month)\b")),
    ("weekday", re.compile(rf"\b(?:(?P<which>next|this|on|coming)\s+)?(?P<day>{_DAY})\b")),
    ("day_month", re.compile(rf"\b(?:on\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b")),
    ("month_day", re.compile(rf"\b(?:on\s+)?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("the_nth", re.compile(r"\bon\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b")),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class When:
    """A date a message names, and the words that named it."""

    day: date
    words: str
    start: int
    end: int

    def describe(self, today: date) -> str:
        return describe_day(self.day, today)


def describe_day(day: date, today: date) -> str:
    """How she says a day back: "today", "tomorrow", "on Monday 7 December"."""
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%A} {day.day} {day:%B}"


def _month_number(word: str) -> int:
    word = word.lower()
    return (
        MONTHS.index(word) + 1
        if word in MONTHS
        else _SHORT_MONTHS[word[:4] if word == "sept" else word[:3]]
    )


def _future(year_day: tuple[int, int], today: date) -> date | None:
    month, day = year_day
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _resolve(kind: str, match: re.Match[str], today: date) -> date | None:
    groups = match.groupdict()
    if kind == "relative":
        word = groups["word"]
        if word == "day after tomorrow":
            return today + timedelta(days=2)
        if word in {"tomorrow", "tmrw", "tmr", "tomoz", "2morrow"}:
            return today + timedelta(days=1)
        return today
    if kind == "in":
        count_word = groups["count"]
        count = int(count_word) if count_word.isdigit() else _NUMBERS[count_word]
        unit = groups["unit"].rstrip("s")
        days = {"day": 1, "week": 7, "month": 30}[unit] * count
        return today + timedelta(days=days)
    if kind == "next_unit":
        unit, which = groups["unit"], groups["which"]
        if unit == "week":
            return today + timedelta(days=7 - today.weekday()) if which == "next" else today
        if unit == "weekend":
            saturday = today + timedelta(days=(5 - today.weekday()) % 7)
            return (
                saturday + timedelta(days=7)
                if which == "next" and today.weekday() < 5
                else saturday
            )
        first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        return first if which == "next" else today
    if kind == "weekday":
        day = groups["day"]
        target = WEEKDAYS.index(_SHORT_DAYS.get(day, day))
        ahead = (target - today.weekday()) % 7
        if groups.get("which") == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    if kind in {"day_month", "month_day"}:
        return _future((_month_number(groups["m"]), int(groups["d"])), today)
    if kind == "the_nth":
        day_number = int(groups["d"])
        for offset in range(0, 2):
            month = (today.month - 1 + offset) % 12 + 1
            year = today.year + (today.month - 1 + offset) // 12
            try:
                candidate = date(year, month, day_number)
            except ValueError:
                continue
            if candidate >= today:
                return candidate
    return None


def find_when(text: str, now: datetime) -> When | None:
    """The first date the text names, resolved against ``now`` (the message's local time)."""
    lowered = text.lower()
    found: list[When] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(lowered):
            day = _resolve(kind, match, now.date())
            if day is not None:
                found.append(
                    When(day, text[match.start() : match.end()], match.start(), match.end())
                )
    if not found:
        return None
    return min(found, key=lambda w: (w.start, -(w.end - w.start)))
