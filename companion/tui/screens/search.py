"""Search across all of this user's conversations; a result opens the conversation there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ListItem, ListView

from companion.store import SearchHit


@dataclass(frozen=True)
class SearchChoice:
    conversation_id: int
    message_id: int


class HitItem(ListItem):
    def __init__(self, hit: SearchHit) -> None:
        when = hit.message.created_at.astimezone().strftime("%b %d")
        line = Text(f"{hit.conversation_title or 'Untitled'} · {when}\n", style="bold")
        line.append(hit.snippet.replace("\n", " "))
        super().__init__(Label(line))
        self.hit = hit


class SearchScreen(ModalScreen[SearchChoice | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, search: object) -> None:
        super().__init__()
        self._search = search  # callable: query -> list[SearchHit]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Search your conversations")
            yield Input(placeholder="words to find…", id="query")
            yield ListView(id="hits")
            yield Label("", id="count")

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        hits = self.query_one("#hits", ListView)
        if hits.children:
            hits.focus()
            hits.index = 0

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> None:
        found = self._search(query) if query.strip() else []  # type: ignore[operator]
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[SearchHit]) -> None:
        hits = self.query_one("#hits", ListView)
        hits.clear()
        hits.extend(HitItem(hit) for hit in found)
        self.query_one("#count", Label).update(f"{len(found)} found")

    @on(ListView.Selected, "#hits")
    def _open(self, event: ListView.Selected) -> None:
        if isinstance(event.item, HitItem):
            hit = event.item.hit
            self.dismiss(SearchChoice(hit.message.conversation_id, hit.message.id))
