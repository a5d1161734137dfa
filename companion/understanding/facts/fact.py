"""What a learned fact is, and the kinds there are."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "name",
    "preferred_name",
    "age",
    "birthday",
    "location",
    "hometown",
    "job",
    "workplace",
    "family",
    "friend",
    "pet",
    "like",
    "dislike",
    "favourite",
    "plan",
    "event",
    "study",
    "moved_for",
    "used_to",
    "gave_up",
    "their_home",
    "their_job",
    "their_workplace",
    "their_study",
    "their_saying",
    "taught",
)


@dataclass(frozen=True, slots=True)
class LearnedFact:
    """One thing the user said about themselves.

    `subject` names what the fact is about when the kind needs it (the relation for family and
    friend, the animal for pet, the category for favourite, "" otherwise); `value` is the user's
    own words, trimmed; `when` is the time phrase of an event or plan, as written;
    `confidence` (0 to 1) is how sure the reading is: what the message says plainly is 0.8, less
    when who it is about had to be worked out (see `companion/memory/people.py`).
    """

    kind: str
    subject: str
    value: str
    when: str = ""
    confidence: float = 0.8
