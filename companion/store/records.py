"""Plain, immutable records handed out by the store; no ORM object ever leaves ``store/``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Role = Literal["user", "assistant"]

# How sure she is of a fact, in [0, 1]: what a message states plainly starts here; facts whose
# subject had to be worked out ("she", a bare name) start lower, a repeat raises it, and the
# user's own correction makes it 1 (companion/memory/provenance.py shows it in words).
DEFAULT_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class SourceRef:
    """What a reply drew on: ``kind`` (theme, fact, review, fallback ...), a reference, a score."""

    kind: str
    reference: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "reference": self.reference, "score": round(self.score, 4)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceRef:
        return cls(str(data["kind"]), str(data["reference"]), float(data.get("score", 0.0)))


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    id: int
    user_id: int
    title: str
    persona: str
    started_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    conversation: ConversationRecord
    message_count: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self.conversation)
        data["started_at"] = self.conversation.started_at.isoformat()
        data["updated_at"] = self.conversation.updated_at.isoformat()
        data["message_count"] = self.message_count
        return data


@dataclass(frozen=True, slots=True)
class MessageRecord:
    id: int
    conversation_id: int
    role: Role
    text: str
    created_at: datetime
    sources: tuple[SourceRef, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class MemoryRecord:
    """A fact about a user; ``superseded_at`` is set on an old value kept as history, and
    ``confidence`` (0 to 1) says how sure she is of it."""

    id: int
    user_id: int
    kind: str
    subject: str
    value: str
    detail: str
    source_message_id: int | None
    first_seen: datetime
    last_seen: datetime
    times_mentioned: int
    superseded_at: datetime | None
    followed_up_at: datetime | None
    confidence: float = DEFAULT_CONFIDENCE

    @property
    def active(self) -> bool:
        return self.superseded_at is None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("first_seen", "last_seen", "superseded_at", "followed_up_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["active"] = self.active
        return data


@dataclass(frozen=True, slots=True)
class MoodRecord:
    score: int
    label: str
    at: datetime


@dataclass(frozen=True, slots=True)
class UserSummary:
    user: UserRecord
    conversations: int
    messages: int
    memories: int


@dataclass(frozen=True, slots=True)
class NewFact:
    """A fact to remember; ``single_valued`` facts replace their old value (kept as history);
    ``confidence`` (0 to 1) is how sure the message that told it makes her."""

    kind: str
    subject: str
    value: str
    detail: str = ""
    single_valued: bool = True
    confidence: float = DEFAULT_CONFIDENCE

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be between 0 and 1, not {self.confidence!r}")


@dataclass(frozen=True, slots=True)
class TurnExtras:
    """What a turn stores besides its two messages, in the same transaction."""

    facts: tuple[NewFact, ...] = ()
    mood: tuple[int, str] | None = None
    vector: tuple[str, bytes] | None = None  # (model id, float32 bytes) of the user message
    followed_up: tuple[int, ...] = ()  # memory ids the reply asked after
    forget: tuple[int, ...] = ()  # memory ids to forget, with their history
    forget_everything: bool = False  # every fact and mood reading of this user
    state: str | None = None  # the conversation's state after this turn (JSON)


@dataclass(frozen=True, slots=True)
class TurnContext:
    """What a reply reads before it is written, fetched in one transaction."""

    recent: list[MessageRecord]  # the conversation's last messages, oldest first
    memories: list[MemoryRecord]  # current facts of the kinds asked for, newest first
    state: str | None = None  # the conversation's state after its last turn (JSON)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A message that matched a search, with its conversation's title and a short snippet."""

    message: MessageRecord
    conversation_title: str
    snippet: str
