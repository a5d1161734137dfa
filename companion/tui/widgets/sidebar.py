"""The list of past conversations; selecting one resumes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

if TYPE_CHECKING:
    from companion.store import ConversationSummary


class ConversationItem(ListItem):
    def __init__(self, summary: ConversationSummary, show_time: bool = True) -> None:
        conversation = summary.conversation
        when = conversation.updated_at.astimezone().strftime("%b %d %H:%M") if show_time else "—"
        title = conversation.title or "New conversation"
        label = Text(title, overflow="ellipsis", no_wrap=True)
        label.append(f"\n{when} · {summary.message_count} msgs", style="dim")
        super().__init__(Label(label))
        self.conversation_id = conversation.id


class ConversationList(ListView):
    """Past conversations, newest first."""

    DEFAULT_CSS = """
    ConversationList { width: 30; border-right: tall $panel; }
    ConversationList > ListItem { padding: 0 1; height: 2; }
    """

    @dataclass
    class Chosen(Message):
        conversation_id: int

    def __init__(self, *, show_times: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_times = show_times

    def show(self, summaries: list[ConversationSummary], current: int | None) -> None:
        self.clear()
        items = [ConversationItem(s, self.show_times) for s in summaries]
        self.extend(items)
        for position, item in enumerate(items):
            if item.conversation_id == current:
                self.index = position

    @on(ListView.Selected)
    def _chosen(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, ConversationItem):
            self.post_message(self.Chosen(event.item.conversation_id))
