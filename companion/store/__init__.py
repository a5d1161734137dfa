"""Persistent storage: the one door (``Store``) the rest of the app uses, returning plain records."""

from companion.store.records import (
    ConversationRecord,
    ConversationSummary,
    MessageRecord,
    SourceRef,
    UserRecord,
)
from companion.store.repository import Store

__all__ = [
    "ConversationRecord",
    "ConversationSummary",
    "MessageRecord",
    "SourceRef",
    "Store",
    "UserRecord",
]
