"""Mood over time: daily averages and a small text chart."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from companion.store import MoodRecord

BARS = {-2: "very low", -1: "low", 0: "okay", 1: "good", 2: "very good"}


def daily_means(moods: list[MoodRecord]) -> dict[date, float]:
    by_day: dict[date, list[int]] = defaultdict(list)
    for mood in moods:
        by_day[mood.at.astimezone().date()].append(mood.score)
    return {day: sum(scores) / len(scores) for day, scores in sorted(by_day.items())}


def text_chart(moods: list[MoodRecord], days: int = 28, today: date | None = None) -> str:
    """Rows from very good to very low, one column per day (oldest left), ``●`` where it was."""
    today = today or datetime.now().astimezone().date()
    start = today - timedelta(days=days - 1)
    means = {d: m for d, m in daily_means(moods).items() if d >= start}
    if not means:
        return f"No mood readings in the last {days} days yet."
    columns = [start + timedelta(days=i) for i in range(days)]
    lines = []
    for level in (2, 1, 0, -1, -2):
        cells = "".join(
            "●" if day in means and round(means[day]) == level else ("·" if level == 0 else " ")
            for day in columns
        )
        lines.append(f"{BARS[level]:>9} │{cells}")
    lines.append(f"{'':>9} └{'─' * days}")
    lines.append(f"{'':>10}{start:%b %d}{'':>{max(1, days - 12)}}{today:%b %d}")
    counts = sum(1 for m in moods if m.at.astimezone().date() >= start)
    lines.append(f"{counts} readings on {len(means)} days; each column is one day.")
    return "\n".join(lines)
