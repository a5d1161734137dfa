"""The transcript: one bubble per message, and the typing indicator."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static

if TYPE_CHECKING:
    from companion.store import MessageRecord


class MessageBubble(Vertical):
    """A message with its speaker and time. Her replies render as Markdown; what the user
    typed is shown exactly as text, so markup in it is never interpreted."""

    DEFAULT_CSS = """
    MessageBubble { height: auto; margin: 0 1 1 1; padding: 0 1; }
    MessageBubble .meta { color: $text-muted; height: 1; }
    MessageBubble.user { border-left: thick $secondary; }
    MessageBubble.assistant { border-left: thick $accent; }
    MessageBubble.highlight { background: $boost; }
    MessageBubble Markdown { margin: 0; padding: 0; }
    """

    def __init__(
        self, speaker: str, text: str, at: datetime | None, role: str, message_id: int = 0
    ) -> None:
        super().__init__(classes=role)
        self.speaker = speaker
        self.text = text
        self.at = at
        self.role = role
        self.message_id = message_id

    def compose(self) -> ComposeResult:
        when = f" · {self.at.astimezone():%H:%M}" if self.at else ""
        yield Static(Text(f"{self.speaker}{when}"), classes="meta")
        if self.role == "assistant":
            yield Markdown(self.text)
        else:
            yield Static(Text(self.text), classes="body")


class TypingIndicator(Static):
    DEFAULT_CSS = """
    TypingIndicator { color: $text-muted; margin: 0 2; height: 1; }
    """


class ChatView(VerticalScroll):
    """The scrolling transcript of one conversation."""

    DEFAULT_CSS = """
    ChatView { height: 1fr; }
    """

    def __init__(self, *, show_times: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_times = show_times

    def add_message(
        self, speaker: str, text: str, at: datetime, role: str, message_id: int = 0
    ) -> MessageBubble:
        bubble = MessageBubble(speaker, text, at if self.show_times else None, role, message_id)
        self.mount(bubble)
        # After the refresh that lays the new bubble out: scrolling now would stop at the old end,
        # leaving the bottom of a long reply hidden.
        self.call_after_refresh(self.scroll_end, animate=False)
        return bubble

    def show(self, messages: list[MessageRecord], persona_name: str) -> None:
        self.remove_children()
        for message in messages:
            speaker = "You" if message.role == "user" else persona_name
            self.mount(
                MessageBubble(speaker, message.text, message.created_at, message.role, message.id)
            )
        self.call_after_refresh(self.scroll_end, animate=False)

    def scroll_to_message(self, message_id: int) -> None:
        for bubble in self.query(MessageBubble):
            if bubble.message_id == message_id:
                bubble.add_class("highlight")
                self.call_after_refresh(self.scroll_to_widget, bubble, animate=False, top=True)
                return
