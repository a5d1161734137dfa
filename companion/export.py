"""A conversation rendered for people (text, Markdown) or programs (JSON); used by CLI and app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from companion.store import ConversationRecord, MessageRecord


def conversation_json(
    conversation: ConversationRecord, messages: Sequence[MessageRecord]
) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "title": conversation.title,
        "persona": conversation.persona,
        "started_at": conversation.started_at.isoformat(),
        "updated_at": conversation.updated_at.isoformat(),
        "messages": [m.to_json() for m in messages],
    }


def _speaker(conversation: ConversationRecord, message: MessageRecord) -> str:
    return "You" if message.role == "user" else conversation.persona


def conversation_text(conversation: ConversationRecord, messages: Sequence[MessageRecord]) -> str:
    lines = [f"#{conversation.id} {conversation.title or '(untitled)'}"]
    for m in messages:
        when = m.created_at.astimezone().strftime("%H:%M")
        lines.append(f"[{when}] {_speaker(conversation, m)}: {m.text}")
    return "\n".join(lines)


def conversation_markdown(
    conversation: ConversationRecord, messages: Sequence[MessageRecord]
) -> str:
    started = conversation.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# {conversation.title or 'Untitled conversation'}",
        "",
        f"*Conversation {conversation.id} with {conversation.persona}, started {started}.*",
        "",
    ]
    for m in messages:
        when = m.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        body = m.text.replace("\n", "  \n")
        lines += [f"**{_speaker(conversation, m)}** ({when}):", "", body, ""]
    return "\n".join(lines).rstrip()
