"""``Store``: the one class the rest of the app uses to read and write conversations."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Engine,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, CursorResult, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from companion.errors import NotFoundError, StoreError
from companion.files import tighten
from companion.store import migrate
from companion.store.converters import aware, to_conversation, to_message, to_user
from companion.store.memories import (
    MemoryStoreMixin,
    forget_all_in,
    forget_in,
    recall_in,
    remember_in,
)
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
    ConversationRecord,
    ConversationSummary,
    MemoryRecord,
    MessageRecord,
    Role,
    SearchHit,
    SourceRef,
    TurnContext,
    TurnExtras,
    UserRecord,
)
from companion.store.sqlite_file import check_sqlite_file, create_private, sqlite_files


def _busy_timeout_ms() -> int:
    """How long to wait for another process's write lock (``COMPANION_BUSY_TIMEOUT_MS``)."""
    try:
        return max(0, int(os.environ.get("COMPANION_BUSY_TIMEOUT_MS", "10000")))
    except ValueError:
        return 10_000


TITLE_LENGTH = 60


def title_from(text: str) -> str:
    """A one-line title from the first words of a message."""
    line = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())
    if len(line) <= TITLE_LENGTH:
        return line
    return line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _describe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


READ_ONLY = "companion_read_only"


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN breaks SAVEPOINT and DDL).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_busy_timeout_ms()}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a turn she has shown is a turn that survives a power cut (docs/reliability.md).
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write takes the lock up front (IMMEDIATE), so the busy timeout applies instead of a
        # mid-transaction "database is locked" when two processes write at once. A read begins
        # deferred: in WAL it never waits for a writer, so `conversations list` works meanwhile.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


# The reply path's statements, built once: constructing one costs more than running it.
_RECENT = (
    select(Message)
    .where(Message.conversation_id == bindparam("conversation_id"))
    .order_by(Message.id.desc())
    .limit(bindparam("limit"))
)
_TOUCH = (
    update(Conversation)
    .where(Conversation.id == bindparam("conversation_id"))
    .values(updated_at=bindparam("now"))
    .returning(Conversation.user_id)
)
_TOUCH_AND_TITLE = _TOUCH.values(
    title=case(
        (or_(Conversation.title.is_(None), Conversation.title == ""), bindparam("title")),
        else_=Conversation.title,
    )
)
_INSERT_MESSAGE = insert(Message)
_INSERT_VECTOR = insert(MessageVector)
_INSERT_MOOD = insert(Mood)


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _recent_in(connection: Connection, conversation_id: int, limit: int) -> list[MessageRecord]:
    rows = connection.execute(_RECENT, {"conversation_id": conversation_id, "limit": limit}).all()
    return [to_message(r) for r in reversed(rows)]


class Store(MemoryStoreMixin):
    """Conversations, messages and memories for every user, on any SQLAlchemy URL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._fts: bool | None = None

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect, check the database is usable, and apply migrations. Raises StoreError."""
        shown = _describe_url(url)
        try:
            parsed = make_url(url)
            is_sqlite = parsed.get_backend_name() == "sqlite"
            database_file = None
            if is_sqlite and parsed.database and parsed.database != ":memory:":
                from pathlib import Path

                database_file = Path(parsed.database).expanduser()
                if not database_file.parent.is_dir():
                    raise StoreError(
                        f"cannot open database {shown}: folder {database_file.parent} does not exist"
                    )
            engine = create_engine(parsed, pool_pre_ping=not is_sqlite)
        except (ArgumentError, NoSuchModuleError, ValueError) as error:
            raise StoreError(f"invalid database URL {shown!r}: {error}") from None
        if database_file is not None:
            # Before any connection (which would switch the file to WAL): a file that is not
            # ours, or is damaged, is refused and left exactly as it was.
            check_sqlite_file(database_file, shown)
            create_private(database_file)
        if is_sqlite:
            _install_sqlite_pragmas(engine)
        store = cls(engine)
        try:
            # Checked with a read first: an up-to-date database is opened without the write
            # lock, so reading works while another program writes.
            try:
                current = migrate.current_revision(store._reader)
            except DatabaseError:
                current = None  # busy being set up elsewhere: the upgrade below waits its turn
            if current != migrate.head_revision():
                migrate.upgrade(engine)
        except DatabaseError as error:
            engine.dispose()
            raise StoreError(_explain(error, shown)) from None
        except SQLAlchemyError as error:
            engine.dispose()
            raise StoreError(f"cannot open database {shown}: {_first_line(error)}") from None
        except Exception as error:  # alembic's CommandError for an unknown (newer) revision
            engine.dispose()
            if "Can't locate revision" in str(error):
                raise StoreError(
                    f"database {shown} was written by a newer companion; upgrade companion to use it"
                ) from None
            raise
        if database_file is not None:
            for path in sqlite_files(database_file):
                tighten(path)
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def _session(self, *, read: bool = False) -> Iterator[Session]:
        """One unit of work; database errors become a StoreError with a readable message.
        ``read=True`` for a unit that only reads: it takes no write lock."""
        try:
            with (self._read_sessions if read else self._sessions).begin() as session:
                yield session
        except DatabaseError as error:
            raise StoreError(_explain(error, _describe_url(str(self.engine.url)))) from None

    @contextlib.contextmanager
    def _transaction(self, *, read: bool = False) -> Iterator[Connection]:
        """Like ``_session`` but plain SQL, for the reply path: the ORM's unit-of-work
        bookkeeping cost ten times the SQL itself there (docs/benchmarks.md)."""
        try:
            with (self._reader if read else self.engine).begin() as connection:
                yield connection
        except DatabaseError as error:
            raise StoreError(_explain(error, _describe_url(str(self.engine.url)))) from None

    # users -------------------------------------------------------------------------------
    def user(self, name: str) -> UserRecord:
        """The user called ``name``, created on first use."""
        with self._session() as session:
            row = session.scalar(select(User).where(User.name == name))
            if row is None:
                row = User(name=name)
                session.add(row)
                session.flush()
            return to_user(row)

    def find_user(self, name: str) -> UserRecord | None:
        with self._session(read=True) as session:
            row = session.scalar(select(User).where(User.name == name))
            return to_user(row) if row else None

    def profile(self, name: str) -> UserRecord:
        """The user called ``name`` for reading: an empty, unsaved profile when there is none,
        so that looking (``conversations list``, ``memory list``) never creates one."""
        return self.find_user(name) or UserRecord(id=0, name=name, created_at=datetime.now(UTC))

    # conversations -----------------------------------------------------------------------
    def create_conversation(
        self, user: UserRecord, persona: str, title: str = ""
    ) -> ConversationRecord:
        with self._session() as session:
            row = Conversation(user_id=user.id, persona=persona, title=title)
            session.add(row)
            session.flush()
            return to_conversation(row)

    def latest_conversation(self, user: UserRecord) -> ConversationRecord | None:
        with self._session(read=True) as session:
            row = session.scalar(
                select(Conversation)
                .where(Conversation.user_id == user.id)
                .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
                .limit(1)
            )
            return to_conversation(row) if row else None

    def conversation(self, user: UserRecord, conversation_id: int) -> ConversationRecord:
        """A conversation of this user's; another user's id is 'not found', never shown."""
        with self._session(read=True) as session:
            row = session.get(Conversation, conversation_id)
            if row is None or row.user_id != user.id:
                raise NotFoundError(f"no conversation {conversation_id} for user {user.name!r}")
            return to_conversation(row)

    def list_conversations(self, user: UserRecord) -> list[ConversationSummary]:
        counts = (
            select(Message.conversation_id, func.count(Message.id).label("n"))
            .group_by(Message.conversation_id)
            .subquery()
        )
        with self._session(read=True) as session:
            rows = session.execute(
                select(Conversation, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.conversation_id == Conversation.id)
                .where(Conversation.user_id == user.id)
                .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
            ).all()
            return [ConversationSummary(to_conversation(c), int(n)) for c, n in rows]

    def rename_conversation(self, user: UserRecord, conversation_id: int, title: str) -> None:
        self.conversation(user, conversation_id)
        with self._session() as session:
            row = session.get(Conversation, conversation_id)
            assert row is not None
            row.title = title_from(title)

    def delete_conversation(self, user: UserRecord, conversation_id: int) -> None:
        self.conversation(user, conversation_id)
        with self._session() as session:
            message_ids = select(Message.id).where(Message.conversation_id == conversation_id)
            session.execute(delete(MessageVector).where(MessageVector.message_id.in_(message_ids)))
            session.execute(delete(Message).where(Message.conversation_id == conversation_id))
            session.execute(
                delete(ConversationState).where(
                    ConversationState.conversation_id == conversation_id
                )
            )
            session.execute(delete(Conversation).where(Conversation.id == conversation_id))

    # messages ----------------------------------------------------------------------------
    def messages(self, conversation_id: int) -> list[MessageRecord]:
        with self._session(read=True) as session:
            rows = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.id)
            )
            return [to_message(r) for r in rows]

    def recent_messages(self, conversation_id: int, limit: int) -> list[MessageRecord]:
        """The last ``limit`` messages, oldest first."""
        with self._transaction(read=True) as connection:
            return _recent_in(connection, conversation_id, limit)

    def turn_context(
        self, conversation_id: int, user: UserRecord, limit: int, kinds: Sequence[str]
    ) -> TurnContext:
        """The last ``limit`` messages and the user's current facts of ``kinds``, read at once."""
        with self._transaction(read=True) as connection:
            # One indexed query per kind: each reads only its newest rows, however many there are.
            memories = [m for kind in kinds for m in recall_in(connection, user.id, kind)]
            state = connection.scalar(
                select(ConversationState.state).where(
                    ConversationState.conversation_id == conversation_id
                )
            )
            return TurnContext(_recent_in(connection, conversation_id, limit), memories, state)

    def search_messages(self, user: UserRecord, query: str, limit: int = 50) -> list[SearchHit]:
        """This user's messages (both sides) matching ``query``, newest first.

        SQLite with FTS5 uses the full-text index (every word, prefix-matched); elsewhere each word
        must appear as a substring.
        """
        words = re.findall(r"\w+", query.lower())[:8]
        if not words:
            return []
        base = (
            select(Message, Conversation.title)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.user_id == user.id)
        )
        if self._has_fts():
            match = " ".join(f'"{w}"*' for w in words)
            matching = text("SELECT rowid FROM messages_fts WHERE messages_fts MATCH :match")
            base = base.where(Message.id.in_(matching.bindparams(match=match)))
        else:
            for word in words:
                base = base.where(Message.text.ilike(f"%{word}%"))
        with self._session(read=True) as session:
            rows = session.execute(base.order_by(Message.id.desc()).limit(limit)).all()
            return [SearchHit(to_message(m), title, _snippet(m.text, words)) for m, title in rows]

    def user_messages_with_any(
        self, user: UserRecord, words: Sequence[str], limit: int = 200
    ) -> list[MessageRecord]:
        """This user's own messages holding any of ``words`` (each prefix-matched with FTS5,
        a substring elsewhere), newest first: one query for a whole list of words."""
        words = [w for w in (re.sub(r"[^\w' -]", " ", w).strip().lower() for w in words) if w]
        if not words:
            return []
        base = (
            select(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.user_id == user.id, Message.role == "user")
        )
        if self._has_fts():
            match = " OR ".join(f'"{w}"*' for w in words)
            matching = text("SELECT rowid FROM messages_fts WHERE messages_fts MATCH :match")
            base = base.where(Message.id.in_(matching.bindparams(match=match)))
        else:
            base = base.where(or_(*(Message.text.ilike(f"%{w}%") for w in words)))
        with self._session(read=True) as session:
            rows = session.scalars(base.order_by(Message.id.desc()).limit(limit))
            return [to_message(m) for m in rows]

    def _has_fts(self) -> bool:
        if self.engine.dialect.name != "sqlite":
            return False
        if self._fts is None:
            with self.engine.connect() as connection:
                self._fts = bool(
                    connection.exec_driver_sql(
                        "SELECT 1 FROM sqlite_master WHERE name = 'messages_fts'"
                    ).first()
                )
        return self._fts

    def add_turn(
        self,
        conversation_id: int,
        user_text: str,
        reply_text: str,
        sources: Sequence[SourceRef],
        extras: TurnExtras | None = None,
    ) -> tuple[MessageRecord, MessageRecord, list[tuple[MemoryRecord, str]]]:
        """A user message, its reply and what the message taught, committed together."""
        extras = extras or TurnExtras()
        now = utcnow()
        entries: list[tuple[Role, str, Sequence[SourceRef]]] = [
            ("user", user_text, ()),
            ("assistant", reply_text, sources),
        ]
        with self._transaction() as connection:
            user_id, (said, answer) = _append_messages(connection, conversation_id, entries, now)
            learned = []
            if extras.facts:  # rare, and remembering is easier to get right with the ORM
                with Session(bind=connection) as session:
                    learned = [remember_in(session, user_id, f, said.id) for f in extras.facts]
                    session.flush()
            if extras.mood is not None:
                score, label = extras.mood
                connection.execute(
                    _INSERT_MOOD,
                    {
                        "user_id": user_id,
                        "score": score,
                        "label": label,
                        "message_id": said.id,
                        "at": now,
                    },
                )
            if extras.vector is not None:
                model_id, vector = extras.vector
                connection.execute(
                    _INSERT_VECTOR,
                    {"message_id": said.id, "model_id": model_id, "vector": vector},
                )
            if extras.followed_up:
                connection.execute(
                    update(Memory)
                    .where(Memory.id.in_(extras.followed_up), Memory.user_id == user_id)
                    .values(followed_up_at=now)
                )
            if extras.forget_everything:
                forget_all_in(connection, user_id)
            elif extras.forget:
                forget_in(connection, user_id, extras.forget)
            if extras.state is not None:
                _save_state(connection, conversation_id, extras.state, now)
            return said, answer, learned

    def add_messages(
        self,
        conversation_id: int,
        entries: Sequence[tuple[Role, str, Sequence[SourceRef]]],
    ) -> list[MessageRecord]:
        """Store messages (e.g. a user message and its reply) in one transaction: all or nothing."""
        with self._transaction() as connection:
            return _append_messages(connection, conversation_id, entries, utcnow())[1]


def _save_state(connection: Connection, conversation_id: int, state: str, now: datetime) -> None:
    updated = connection.execute(
        update(ConversationState)
        .where(ConversationState.conversation_id == conversation_id)
        .values(state=state, updated_at=now)
    )
    if not updated.rowcount:
        connection.execute(
            insert(ConversationState).values(
                conversation_id=conversation_id, state=state, updated_at=now
            )
        )


def _append_messages(
    connection: Connection,
    conversation_id: int,
    entries: Sequence[tuple[Role, str, Sequence[SourceRef]]],
    now: datetime,
) -> tuple[int, list[MessageRecord]]:
    """Insert messages and touch their conversation (titled by its first user message).

    Returns the conversation's user id and the new messages.
    """
    first_words = next((t for role, t, _ in entries if role == "user" and t and t.strip()), "")
    touch = {"conversation_id": conversation_id, "now": now}
    if first_words:
        touch["title"] = title_from(first_words)
    user_id = connection.execute(_TOUCH_AND_TITLE if first_words else _TOUCH, touch).scalar()
    if user_id is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    rows = [
        {
            "conversation_id": conversation_id,
            "role": role,
            "text": text,
            "created_at": now,
            "sources": [s.to_json() for s in sources],
        }
        for role, text, sources in entries
    ]
    # One row at a time: for two rows the batching machinery costs more than a second statement.
    ids = [_inserted_id(connection.execute(_INSERT_MESSAGE, row)) for row in rows]
    return user_id, [
        MessageRecord(
            id=message_id,
            conversation_id=conversation_id,
            role=role,
            text=text,
            created_at=aware(now),
            sources=tuple(sources),
        )
        for message_id, (role, text, sources) in zip(ids, entries, strict=True)
    ]


def _snippet(text: str, words: list[str], width: int = 90) -> str:
    """The part of ``text`` around the first matched word."""
    line = " ".join(text.split())
    lowered = line.lower()
    hits = [lowered.find(w) for w in words if lowered.find(w) >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    snippet = line[start : start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(line) else "")


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _explain(error: DatabaseError, shown: str) -> str:
    reason = _first_line(error)
    if "file is not a database" in reason or "malformed" in reason:
        return (
            f"{shown} is not a companion database (not SQLite, or corrupt); it was left untouched"
        )
    if "locked" in reason or "busy" in reason:
        return f"database {shown} is locked by another program; close it and try again"
    if "readonly" in reason or "read-only" in reason:
        return f"database {shown} is read-only; check its permissions"
    return f"database error on {shown}: {reason}"
