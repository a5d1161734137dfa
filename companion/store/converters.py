"""Database rows (ORM objects, or Core rows of the same columns) to plain records: the one place
where that conversion happens."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Row

from companion.store.models import Conversation, Memory, Message, User
from companion.store.records import (
    ConversationRecord,
    MemoryRecord,
    MessageRecord,
    SourceRef,
    UserRecord,
)


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def to_user(row: User) -> UserRecord:
    return UserRecord(id=row.id, name=row.name, created_at=aware(row.created_at))


def to_conversation(row: Conversation) -> ConversationRecord:
    return ConversationRecord(
        id=row.id,
        user_id=row.user_id,
        title=row.title,
        persona=row.persona,
        started_at=aware(row.started_at),
        updated_at=aware(row.updated_at),
    )


def to_message(row: Message | Row[Any]) -> MessageRecord:
    return MessageRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        role="assistant" if row.role == "assistant" else "user",
        text=row.text,
        created_at=aware(row.created_at),
        sources=tuple(SourceRef.from_json(s) for s in (row.sources or [])),
    )


def to_memory(row: Memory | Row[Any]) -> MemoryRecord:
    return MemoryRecord(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        subject=row.subject,
        value=row.value,
        detail=row.detail,
        source_message_id=row.source_message_id,
        first_seen=aware(row.first_seen),
        last_seen=aware(row.last_seen),
        times_mentioned=row.times_mentioned,
        superseded_at=aware(row.superseded_at) if row.superseded_at else None,
        followed_up_at=aware(row.followed_up_at) if row.followed_up_at else None,
        confidence=float(row.confidence),
    )
