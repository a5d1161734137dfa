"""What she can do besides talk: read the clock, and keep reminders (events with a date)."""

from __future__ import annotations

from datetime import date, datetime

from companion.store import MemoryRecord, NewFact
from companion.understanding.requests import Reminder
from companion.understanding.times import describe_day

REMINDER_KIND = "reminder"


def clock_slots(now: datetime) -> dict[str, str]:
    """The clock slots of a reply: {time}, {date}, {weekday}, from the machine's local time."""
    hour = now.strftime("%I").lstrip("0") or "12"
    return {
        "time": f"{hour}:{now:%M} {now:%p}".replace("AM", "am").replace("PM", "pm"),
        "date": f"{now:%A} {now.day} {now:%B} {now.year}",
        "weekday": f"{now:%A}",
    }


def reminder_fact(reminder: Reminder, today: date) -> NewFact:
    """A reminder as a memory: the task, and its day as an ISO date in ``detail``."""
    day = reminder.day(today)
    return NewFact(REMINDER_KIND, reminder.task.lower(), reminder.task, day.isoformat(), False)


def reminder_slots(reminder: Reminder, today: date) -> dict[str, str]:
    when = reminder.when.describe(today) if reminder.when is not None else "today"
    return {"task": reminder.task, "when": when}


def day_of(memory: MemoryRecord) -> date | None:
    try:
        return date.fromisoformat(memory.detail)
    except ValueError:
        return None


def upcoming(memories: list[MemoryRecord], today: date) -> list[MemoryRecord]:
    """Reminders not yet raised, soonest first (past ones she has not raised yet included)."""
    pending = [
        m for m in memories if m.kind == REMINDER_KIND and m.followed_up_at is None and day_of(m)
    ]
    return sorted(pending, key=lambda m: (day_of(m) or today, m.id))


def reminders_sentence(memories: list[MemoryRecord], today: date) -> str:
    """{reminders}: the pending reminders in one sentence, or that there are none."""
    pending = upcoming(memories, today)
    if not pending:
        return "you haven't asked me to remind you of anything yet"
    parts = [f"to {m.value} {describe_day(day_of(m) or today, today)}" for m in pending[:5]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
    return f"you asked me to remind you {listed}"


def due(
    memories: list[MemoryRecord], today: date, just_said: frozenset[int] = frozenset()
) -> MemoryRecord | None:
    """The first reminder due today (or overdue) that she has not raised yet, leaving out those
    asked for in ``just_said`` (the ids of the messages in view: "remind me to call mum at 7",
    then "thanks", must not get the reminder read back at once)."""
    for memory in upcoming(memories, today):
        day = day_of(memory)
        if day is not None and day <= today and memory.source_message_id not in just_said:
            return memory
    return None
