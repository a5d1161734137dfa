"""The word lists the understanding layer reads, each file of ``data/`` read once.

Grammar stays in the readers' regular expressions; which words count is data: ``relations.toml``
(family, friends, pets), ``facts.toml``, ``feelings.toml`` and ``memory_requests.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


def read_data(name: str) -> dict[str, Any]:
    """The TOML file ``data/<name>.toml`` of the understanding layer."""
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class RelationWords:
    """Each word for a person or animal, as written, and the subject it is kept under."""

    family: dict[str, str]
    friends: dict[str, str]
    pets: dict[str, str]


@cache
def relation_words() -> RelationWords:
    data = read_data("relations")
    return RelationWords(family=data["family"], friends=data["friends"], pets=data["pets"])


@dataclass(frozen=True, slots=True)
class FactWords:
    """What the fact rules count as a job, a stop, a non-name, a number word ("facts.toml")."""

    not_names: frozenset[str]
    not_called: frozenset[str]
    name_ends: frozenset[str]
    verbs_after_name: frozenset[str]
    not_lower_names: frozenset[str]
    jobs: frozenset[str]
    not_a_job: frozenset[str]
    not_job_words: frozenset[str]
    job_stops: frozenset[str]
    work_stops: frozenset[str]
    not_workplaces: frozenset[str]
    place_stops: frozenset[str]
    not_places: frozenset[str]
    not_place_phrases: frozenset[str]
    event_nouns: frozenset[str]
    event_colour: frozenset[str]
    negations: frozenset[str]
    value_stops: frozenset[str]
    pronouns: frozenset[str]
    about_you: frozenset[str]
    not_liked: frozenset[str]
    not_plans: frozenset[str]
    move_reasons: tuple[str, ...]
    hobby_verbs: tuple[str, ...]
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]


@cache
def fact_words() -> FactWords:
    data = read_data("facts")
    names, jobs, places = data["names"], data["jobs"], data["places"]
    events, values, numbers = data["events"], data["values"], data["numbers"]
    return FactWords(
        not_names=frozenset(names["not_names"]),
        not_called=frozenset(names["not_called"]),
        name_ends=frozenset(names["name_ends"]),
        verbs_after_name=frozenset(names["verbs_after_name"]),
        not_lower_names=frozenset(names["not_lower_names"]),
        jobs=frozenset(jobs["jobs"]),
        not_a_job=frozenset(jobs["not_a_job"]),
        not_job_words=frozenset(jobs["not_job_words"]),
        job_stops=frozenset(jobs["job_stops"]),
        work_stops=frozenset(jobs["work_stops"]),
        not_workplaces=frozenset(jobs["not_workplaces"]),
        place_stops=frozenset(places["place_stops"]),
        not_places=frozenset(places["not_places"]),
        not_place_phrases=frozenset(places["not_place_phrases"]),
        event_nouns=frozenset(events["event_nouns"]),
        event_colour=frozenset(events["event_colour"]),
        negations=frozenset(events["negations"]),
        value_stops=frozenset(values["value_stops"]),
        pronouns=frozenset(values["pronouns"]),
        about_you=frozenset(values["about_you"]),
        not_liked=frozenset(values["not_liked"]),
        not_plans=frozenset(values["not_plans"]),
        move_reasons=tuple(data["history"]["move_reasons"]),
        hobby_verbs=tuple(data["history"]["hobby_verbs"]),
        units=numbers["units"],
        teens=numbers["teens"],
        tens=numbers["tens"],
    )


@dataclass(frozen=True, slots=True)
class FeelingWords:
    """Mood words and day words with their (score, label); the lists that qualify them."""

    moods: dict[str, tuple[int, str]]
    day_words: dict[str, tuple[int, str]]
    ambiguous: frozenset[str]
    never_bare: frozenset[str]
    negated_okay: frozenset[str]


def _scored(
    groups: dict[str, dict[str, str]], scores: dict[str, int]
) -> dict[str, tuple[int, str]]:
    """Words grouped under a score name, as word -> (score, label)."""
    scored: dict[str, tuple[int, str]] = {}
    for group, labels in groups.items():
        for word, label in labels.items():
            if word in scored:
                # A dict literal would have kept the last silently; in data it is a mistake.
                raise ValueError(f"feelings.toml: {word!r} is in more than one group")
            scored[word] = (scores[group], label)
    return scored


@cache
def feeling_words() -> FeelingWords:
    data = read_data("feelings")
    readings = data["readings"]
    return FeelingWords(
        moods=_scored(data["moods"], data["scores"]),
        day_words=_scored(data["day_words"], data["scores"]),
        ambiguous=frozenset(readings["ambiguous"]),
        never_bare=frozenset(readings["never_bare"]),
        negated_okay=frozenset(readings["negated_okay"]),
    )


@dataclass(frozen=True, slots=True)
class MemoryRequestWords:
    """The canonical spellings of memory questions and forget requests; what is not a target."""

    spellings: dict[str, str]
    not_forget_targets: frozenset[str]


@cache
def memory_request_words() -> MemoryRequestWords:
    data = read_data("memory_requests")
    return MemoryRequestWords(
        spellings=data["spellings"], not_forget_targets=frozenset(data["forget"]["not_targets"])
    )
