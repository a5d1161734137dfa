"""What a conversation carries from one turn to the next, kept in the store per conversation."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

# How many people a conversation keeps in play (the most recently mentioned first).
PEOPLE_IN_PLAY = 4


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the person's life, as the conversation knows them."""

    relation: str = ""  # "sister", "boss"; empty when only a name was given
    name: str = ""  # "Ana"; empty when only the relation was given
    pronoun: str = "they"  # "she", "he" or "they"

    def called(self) -> str:
        """How she refers to them: the name, else "your sister"."""
        if self.name:
            return self.name
        return f"your {self.relation}" if self.relation else "them"

    def same_as(self, other: Person) -> bool:
        if self.name and other.name:
            return self.name.lower() == other.name.lower()
        return bool(self.relation) and self.relation == other.relation


@dataclass(frozen=True, slots=True)
class ConversationState:
    """The people and topic in play, and what her last reply was (its intent, its question)."""

    people: tuple[Person, ...] = ()
    last_intent: str = ""  # the corpus intent (or skill) her last reply came from
    last_theme: str = ""
    last_question: str = ""  # the question her last reply ended with, if it asked one
    topic: str = ""  # the theme of the conversation's last substantial message
    turns: int = 0
    loss: bool = False  # a death was spoken of: the people in play may be gone

    def with_person(self, person: Person) -> ConversationState:
        """This state with ``person`` most recently in play (merged with who they already were)."""
        kept: list[Person] = []
        merged = person
        for known in self.people:
            if known.same_as(person) or (
                person.name and not known.name and known.relation == person.relation
            ):
                merged = Person(
                    person.relation or known.relation,
                    person.name or known.name,
                    person.pronoun if person.pronoun != "they" else known.pronoun,
                )
            else:
                kept.append(known)
        return replace(self, people=(merged, *kept)[:PEOPLE_IN_PLAY])

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | None) -> ConversationState:
        """The stored state; an empty or unreadable one starts fresh (it is a cache of the talk)."""
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            people = tuple(Person(**p) for p in data.get("people", []))
            return cls(
                people=people,
                last_intent=str(data.get("last_intent", "")),
                last_theme=str(data.get("last_theme", "")),
                last_question=str(data.get("last_question", "")),
                topic=str(data.get("topic", "")),
                turns=int(data.get("turns", 0)),
                loss=bool(data.get("loss", False)),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()
