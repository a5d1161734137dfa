"""Memory, mood and message-vector storage, mixed into ``Store`` (the one door to storage)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from companion.errors import NotFoundError
from companion.store.converters import aware, to_memory, to_message, to_user
from companion.store.models import (
    Conversation,
    ConversationState,
    Memory,
    Message,
    MessageVector,
    Mood,
    User,
    utcnow,
)
from companion.store.records import (
    MemoryRecord,
    MessageRecord,
    MoodRecord,
    NewFact,
    UserRecord,
    UserSummary,
)

# Built once: constructing a statement costs more than running it (it is on every reply's path).
_CURRENT_OF_KIND = (
    select(Memory)
    .where(
        Memory.user_id == bindparam("user_id"),
        Memory.kind == bindparam("kind"),
        Memory.superseded_at.is_(None),
    )
    .order_by(Memory.last_seen.desc(), Memory.id.desc())
    .limit(bindparam("limit"))
)


# Each repeat of a fact makes her this much surer of it (up to 1); the user's own correction
# (`companion memory edit`, the memory panel) makes her sure.
REPEAT_GAIN = 0.1
CORRECTED = 1.0


def _raised(held: float, told: float) -> float:
    """The confidence of a fact held at ``held`` and told again at ``told``."""
    return round(min(1.0, max(held, told) + REPEAT_GAIN), 2)


def _current_facts_count(user_id: int) -> Any:
    return select(func.count(Memory.id)).where(
        Memory.user_id == user_id, Memory.superseded_at.is_(None)
    )


def forget_in(connection: Connection, user_id: int, memory_ids: Sequence[int]) -> None:
    """Delete these facts of one user, each with its history (older values of its kind and
    subject), and mark the messages they came from as forgotten."""
    for memory_id in memory_ids:
        row = connection.execute(
            select(Memory.kind, Memory.subject).where(
                Memory.id == memory_id, Memory.user_id == user_id
            )
        ).first()
        if row is None:
            continue
        doomed = (
            Memory.user_id == user_id,
            Memory.kind == row.kind,
            Memory.subject == row.subject,
            (Memory.id == memory_id) | Memory.superseded_at.is_not(None),
        )
        sources = connection.scalars(select(Memory.source_message_id).where(*doomed)).all()
        connection.execute(delete(Memory).where(*doomed))
        said = [s for s in sources if s is not None]
        if said:
            connection.execute(update(Message).where(Message.id.in_(said)).values(forgotten=True))


def forget_all_in(connection: Connection, user_id: int) -> int:
    """Delete every fact and mood reading of one user and mark all their messages forgotten
    (the conversations stay); the number of facts deleted."""
    facts = connection.execute(delete(Memory).where(Memory.user_id == user_id)).rowcount
    connection.execute(delete(Mood).where(Mood.user_id == user_id))
    theirs = select(Conversation.id).where(Conversation.user_id == user_id)
    connection.execute(
        update(Message).where(Message.conversation_id.in_(theirs)).values(forgotten=True)
    )
    return int(facts or 0)


def recall_in(
    connection: Connection,
    user_id: int,
    kind: str,
    subject: str | None = None,
    *,
    history: bool = False,
    limit: int = 20,
) -> list[MemoryRecord]:
    """``Store.recall`` inside an open transaction (plain rows: no ORM bookkeeping needed)."""
    if subject is None and not history:
        return [
            to_memory(r)
            for r in connection.execute(
                _CURRENT_OF_KIND, {"user_id": user_id, "kind": kind, "limit": limit}
            )
        ]
    statement = select(Memory).where(Memory.user_id == user_id, Memory.kind == kind)
    if subject is not None:
        statement = statement.where(Memory.subject == subject)
    if not history:
        statement = statement.where(Memory.superseded_at.is_(None))
    statement = statement.order_by(Memory.last_seen.desc(), Memory.id.desc()).limit(limit)
    return [to_memory(r) for r in connection.execute(statement)]


def remember_in(
    session: Session, user_id: int, fact: NewFact, source_message_id: int | None
) -> tuple[MemoryRecord, str]:
    """Store a fact inside an open unit of work (so a turn and what it taught commit together).

    Saying the same thing again only counts the mention and makes her surer of it (the higher
    of the two confidences, plus ``REPEAT_GAIN``, at most 1). For a single-valued fact (where
    someone lives) a new value supersedes the old one, which stays as history; multi-valued
    facts (likes) accumulate. A new row keeps the fact's own confidence.
    """
    now = utcnow()
    active = list(
        session.scalars(
            select(Memory).where(
                Memory.user_id == user_id,
                Memory.kind == fact.kind,
                Memory.subject == fact.subject,
                Memory.superseded_at.is_(None),
            )
        )
    )
    same = next((m for m in active if m.value.casefold() == fact.value.casefold()), None)
    if same is not None:
        same.times_mentioned += 1
        same.last_seen = now
        same.confidence = _raised(same.confidence, fact.confidence)
        if fact.detail and fact.detail != same.detail:
            same.detail = fact.detail
            same.followed_up_at = None
        session.flush()
        return to_memory(same), "repeat"
    outcome = "new"
    if fact.single_valued:
        for old in active:
            old.superseded_at = now
            outcome = "updated"
    row = Memory(
        user_id=user_id,
        kind=fact.kind,
        subject=fact.subject,
        value=fact.value,
        detail=fact.detail,
        source_message_id=source_message_id,
        first_seen=now,
        last_seen=now,
        times_mentioned=1,
        confidence=fact.confidence,
    )
    session.add(row)
    session.flush()
    return to_memory(row), outcome


class MemoryStoreMixin:
    """Memory, mood and message-vector storage; always scoped to one user."""

    _session: Any
    _transaction: Any

    def remember(
        self, user: UserRecord, fact: NewFact, source_message_id: int | None = None
    ) -> tuple[MemoryRecord, str]:
        """Store a fact. Returns the row and what happened: ``new``, ``repeat`` or ``updated``."""
        with self._session() as session:
            return remember_in(session, user.id, fact, source_message_id)

    def count_memories(self, user: UserRecord) -> int:
        """How many current facts this user has (old values kept as history not counted)."""
        with self._session(read=True) as session:
            return int(session.scalar(_current_facts_count(user.id)) or 0)

    def memories(
        self, user: UserRecord, *, include_history: bool = False, limit: int | None = None
    ) -> list[MemoryRecord]:
        """This user's facts; with ``limit``, the most recently mentioned ones."""
        statement = select(Memory).where(Memory.user_id == user.id)
        if not include_history:
            statement = statement.where(Memory.superseded_at.is_(None))
        if limit is not None:
            statement = statement.order_by(Memory.last_seen.desc(), Memory.id.desc()).limit(limit)
        else:
            statement = statement.order_by(Memory.kind, Memory.subject, Memory.id)
        with self._session(read=True) as session:
            return [to_memory(r) for r in session.scalars(statement)]

    def recall(
        self,
        user: UserRecord,
        kind: str,
        subject: str | None = None,
        *,
        history: bool = False,
        limit: int = 20,
    ) -> list[MemoryRecord]:
        """Facts of one kind (and subject), newest first; with ``history``, old values too."""
        with self._transaction(read=True) as connection:
            return recall_in(connection, user.id, kind, subject, history=history, limit=limit)

    def memory(self, user: UserRecord, memory_id: int) -> MemoryRecord:
        with self._session(read=True) as session:
            row = session.get(Memory, memory_id)
            if row is None or row.user_id != user.id:
                raise NotFoundError(f"no memory {memory_id} for user {user.name!r}")
            return to_memory(row)

    def edit_memory(self, user: UserRecord, memory_id: int, value: str) -> MemoryRecord:
        """Correct a fact's value: the user said so, so she is sure of it (``CORRECTED``)."""
        self.memory(user, memory_id)
        with self._session() as session:
            row = session.get(Memory, memory_id)
            assert row is not None
            row.value = value
            row.last_seen = utcnow()
            row.confidence = CORRECTED
            session.flush()
            return to_memory(row)

    def mark_followed_up(self, user: UserRecord, memory_id: int) -> None:
        with self._session() as session:
            row = session.get(Memory, memory_id)
            if row is not None and row.user_id == user.id:
                row.followed_up_at = utcnow()

    def forget_memory(self, user: UserRecord, memory_id: int) -> MemoryRecord:
        """Delete one fact and its history (the older values of the same kind and subject)."""
        record = self.memory(user, memory_id)
        with self._session() as session:
            forget_in(session.connection(), user.id, (memory_id,))
        return record

    def wipe_memories(self, user: UserRecord) -> int:
        """Delete every fact and mood reading of this user (conversations stay)."""
        with self._session() as session:
            return forget_all_in(session.connection(), user.id)

    def add_mood(self, user: UserRecord, score: int, label: str, message_id: int | None) -> None:
        with self._session() as session:
            session.add(Mood(user_id=user.id, score=score, label=label, message_id=message_id))

    def moods(self, user: UserRecord, since: datetime | None = None) -> list[MoodRecord]:
        statement = select(Mood).where(Mood.user_id == user.id)
        if since is not None:
            statement = statement.where(Mood.at >= since.astimezone(UTC).replace(tzinfo=None))
        with self._session(read=True) as session:
            rows = session.scalars(statement.order_by(Mood.at, Mood.id))
            return [MoodRecord(r.score, r.label, aware(r.at)) for r in rows]

    def save_message_vectors(self, model_id: str, vectors: dict[int, bytes]) -> None:
        with self._session() as session:
            existing = set(
                session.scalars(
                    select(MessageVector.message_id).where(MessageVector.message_id.in_(vectors))
                )
            )
            session.add_all(
                MessageVector(message_id=mid, model_id=model_id, vector=blob)
                for mid, blob in vectors.items()
                if mid not in existing
            )

    def user_message_vectors(self, user: UserRecord, model_id: str) -> list[tuple[int, bytes]]:
        with self._session(read=True) as session:
            rows = session.execute(
                select(MessageVector.message_id, MessageVector.vector)
                .join(Message, Message.id == MessageVector.message_id)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Conversation.user_id == user.id, MessageVector.model_id == model_id)
                .order_by(MessageVector.message_id)
            ).all()
            return [(int(mid), bytes(blob)) for mid, blob in rows]

    def user_messages_without_vector(
        self, user: UserRecord, model_id: str, limit: int = 500
    ) -> list[MessageRecord]:
        with self._session(read=True) as session:
            has_vector = select(MessageVector.message_id).where(MessageVector.model_id == model_id)
            rows = session.scalars(
                select(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(
                    Conversation.user_id == user.id,
                    Message.role == "user",
                    Message.id.not_in(has_vector),
                )
                .order_by(Message.id)
                .limit(limit)
            )
            return [to_message(r) for r in rows]

    def user_messages(self, user: UserRecord, message_ids: Sequence[int]) -> list[MessageRecord]:
        """The given messages, only where they belong to this user."""
        with self._session(read=True) as session:
            rows = session.scalars(
                select(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Conversation.user_id == user.id, Message.id.in_(list(message_ids)))
            )
            return [to_message(r) for r in rows]

    def recallable(self, user: UserRecord, message_ids: Sequence[int]) -> set[int]:
        """Those of the given messages of this user that may be quoted back from memory."""
        if not message_ids:
            return set()
        with self._session(read=True) as session:
            return set(
                session.scalars(
                    select(Message.id)
                    .join(Conversation, Conversation.id == Message.conversation_id)
                    .where(
                        Conversation.user_id == user.id,
                        Message.id.in_(list(message_ids)),
                        Message.forgotten.is_(False),
                    )
                )
            )

    def user_messages_before(
        self, user: UserRecord, messages: Sequence[MessageRecord], span: int = 6
    ) -> dict[int, tuple[str, ...]]:
        """For each given message, the user's own messages just before it in its conversation
        (what "she" in it may refer to), nearest first: at most two, among the ``span`` message
        ids before it. One query for all of them."""
        wanted = {m.id - step for m in messages for step in range(1, span + 1)}
        near = sorted(self._own_messages(user, wanted), key=lambda m: -m.id)
        return {
            m.id: tuple(
                n.text for n in near if n.conversation_id == m.conversation_id and n.id < m.id
            )[:2]
            for m in messages
        }

    def user_messages_after(
        self, user: UserRecord, messages: Sequence[MessageRecord], span: int = 6
    ) -> list[MessageRecord]:
        """The user's own messages among the ``span`` message ids after each given one, in the
        same conversation (where "she" may go on about someone a message named)."""
        after = {(m.conversation_id, m.id + step) for m in messages for step in range(1, span + 1)}
        found = self._own_messages(user, {i for _, i in after})
        return [m for m in found if (m.conversation_id, m.id) in after]

    def _own_messages(self, user: UserRecord, message_ids: set[int]) -> list[MessageRecord]:
        """Those of the given message ids that are this user's own messages (not her replies)."""
        if not message_ids:
            return []
        with self._session(read=True) as session:
            rows = session.scalars(
                select(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(
                    Conversation.user_id == user.id,
                    Message.role == "user",
                    Message.id.in_(sorted(message_ids)),
                )
            )
            return [to_message(r) for r in rows]

    # users -------------------------------------------------------------------------------
    def list_users(self) -> list[UserSummary]:
        with self._session(read=True) as session:
            users = list(session.scalars(select(User).order_by(User.name)))
            summaries = []
            for row in users:
                conversations = session.scalar(
                    select(func.count(Conversation.id)).where(Conversation.user_id == row.id)
                )
                messages = session.scalar(
                    select(func.count(Message.id))
                    .join(Conversation, Conversation.id == Message.conversation_id)
                    .where(Conversation.user_id == row.id)
                )
                memories = session.scalar(_current_facts_count(row.id))
                summaries.append(
                    UserSummary(
                        to_user(row),
                        int(conversations or 0),
                        int(messages or 0),
                        int(memories or 0),
                    )
                )
            return summaries

    def delete_user(self, name: str) -> UserRecord:
        """Delete a user and every row that is theirs (the schema cascades to all of it)."""
        with self._session() as session:
            row = session.scalar(select(User).where(User.name == name))
            if row is None:
                raise NotFoundError(f"no user named {name!r}")
            record = to_user(row)
            conversation_ids = select(Conversation.id).where(Conversation.user_id == row.id)
            message_ids = select(Message.id).where(Message.conversation_id.in_(conversation_ids))
            # Explicit deletes, child first, so no database depends on ON DELETE CASCADE being on.
            session.execute(delete(MessageVector).where(MessageVector.message_id.in_(message_ids)))
            session.execute(delete(Mood).where(Mood.user_id == row.id))
            session.execute(delete(Memory).where(Memory.user_id == row.id))
            session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)))
            session.execute(
                delete(ConversationState).where(
                    ConversationState.conversation_id.in_(conversation_ids)
                )
            )
            session.execute(delete(Conversation).where(Conversation.user_id == row.id))
            session.execute(delete(User).where(User.id == row.id))
            return record
