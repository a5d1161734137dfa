"""Plain, immutable records handed out by the store; no ORM object ever leaves ``store/``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Role = Literal["user", "assistant"]


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
