"""Persistent storage: the one door (``Store``) the rest of the app uses, returning plain records."""

from companion.store.records import (
    ConversationRecord,
    ConversationSummary,
    MemoryRecord,
    MessageRecord,
    MoodRecord,
    NewFact,
    SearchHit,
    SourceRef,
    TurnContext,
    TurnExtras,
    UserRecord,
    UserSummary,
)
from companion.store.repository import Store

__all__ = [
    "ConversationRecord",
    "ConversationSummary",
    "MemoryRecord",
    "MessageRecord",
    "MoodRecord",
    "NewFact",
    "SearchHit",
    "SourceRef",
    "Store",
    "TurnContext",
    "TurnExtras",
    "UserRecord",
    "UserSummary",
]
