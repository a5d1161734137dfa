"""SQLAlchemy 2.0 ORM models. Only ``repository.py`` and the migrations touch these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    conversations: Mapped[list[Conversation]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_user_updated", "user_id", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), default="")
    persona: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Message.id",
    )


class ConversationState(Base):
    """The conversation's state between turns, as JSON (see companion.understanding.state)."""

    __tablename__ = "conversation_states"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Its facts were forgotten at the user's word: she never quotes it back from memory (the
    # conversation itself keeps it, and search still finds it).
    forgotten: Mapped[bool] = mapped_column(default=False, server_default=false())

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class Memory(Base):
    """A fact about a user. A replaced value is kept, with ``superseded_at`` set, as history."""

    __tablename__ = "memories"
    __table_args__ = (
        # Each recall query has an index that both filters and orders (newest first), so its
        # cost does not grow with how much else the user has told her.
        Index("ix_memories_user_kind_subject_seen", "user_id", "kind", "subject", "last_seen"),
        Index("ix_memories_user_kind_seen", "user_id", "kind", "last_seen"),
        Index("ix_memories_user_last_seen", "user_id", "last_seen"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(String(200), default="")
    source_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), nullable=True
    )
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    times_mentioned: Mapped[int] = mapped_column(default=1)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # How sure she is of it, 0 to 1 (records.DEFAULT_CONFIDENCE for rows from before 0006).
    confidence: Mapped[float] = mapped_column(Float, default=0.8, server_default=text("0.8"))


class Mood(Base):
    __tablename__ = "moods"
    __table_args__ = (Index("ix_moods_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int]
    label: Mapped[str] = mapped_column(String(40))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MessageVector(Base):
    """The embedding of a user message, for recalling what was said about a topic."""

    __tablename__ = "message_vectors"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    model_id: Mapped[str] = mapped_column(String(100))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
