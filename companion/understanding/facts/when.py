"""Dates and time phrases as people write them, for birthdays, plans and events.

These are patterns over the words, kept as written ("next Friday at 3pm"); turning a phrase
into a real date is `companion.understanding.times`'s job.
"""

from __future__ import annotations

import re

from companion.understanding.reading import alternation
from companion.understanding.times import WEEKDAYS

_DAY = alternation(WEEKDAYS)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)"
)
YEAR = r"(?:19|20)\d\d(?!\w)"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?(?!\w)"
DATE = (
    rf"(?:{_ORD}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"
    rf"|{MONTH}\s+(?:the\s+)?{_ORD}(?:,?\s+{YEAR})?"
    rf"|{MONTH}\s+{YEAR}"
    rf"|the\s+{_ORD}(?:\s+of\s+{MONTH})?"
    r"|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\w))"
)
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|lunchtime)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.]\d\d|\d{1,2}\s+o'clock"
    r"|noon|midday|midnight)(?!\w)"
)
_COUNT = (
    r"(?:a\s+couple\s+(?:of\s+)?|a\s+few|couple\s+of|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|\d{1,3})"
)
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|fortnight)"
_ONE_TIME = "|".join(
    [
        rf"(?:the\s+day\s+after\s+)?(?:tomorrow|tmrw|tmr)(?:\s+{_PART_OF_DAY})?",
        rf"tonight|today|this\s+{_PART_OF_DAY}",
        rf"later\s+(?:today|tonight|this\s+(?:week|month|year|{_PART_OF_DAY}))",
        rf"(?:this\s+coming|this|next|coming)\s+(?:weekend|week|month|year|term|semester|{_DAY}"
        rf"|{MONTH}|{_SEASON})",
        rf"(?:on\s+)?{_DAY}(?:\s+{_PART_OF_DAY})?",
        rf"on\s+{DATE}",
        r"(?:on|at|over)\s+the\s+weekend",
        rf"in\s+{MONTH}(?:\s+{YEAR})?",
        rf"in\s+{_COUNT}\s*{_UNIT}(?:'?s?\s+time)?",
        rf"in\s+(?:the\s+)?{_SEASON}",
        rf"in\s+the\s+{_PART_OF_DAY}",
        rf"at\s+{_CLOCK}",
        r"(?:one|some)\s*day|eventually|soon|in\s+the\s+(?:near\s+)?future",
        rf"by\s+(?:the\s+end\s+of\s+)?(?:the\s+|this\s+|next\s+)?(?:week|month|year|{_SEASON}"
        rf"|{MONTH}|{_DAY})",
    ]
)
# A time phrase as people write it: "on Friday", "next week", "tomorrow at 3pm".
WHEN = re.compile(
    rf"\b(?:{_ONE_TIME})(?:\s+(?:at\s+{_CLOCK}|{_PART_OF_DAY}|in\s+the\s+{_PART_OF_DAY}))?(?!\w)",
    re.I,
)
# A value that starts like a date ("in March", "in 2019") is not a place or a workplace.
DATE_START = re.compile(rf"(?:{MONTH}|{YEAR}|\d)", re.I)
