"""What she remembers about this user, with edit and forget, and the mood timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from companion.memory.keeper import describe
from companion.memory.mood import daily_means, text_chart
from companion.memory.provenance import confidence_label, confidence_word, excerpt, sources
from companion.store import MemoryRecord, MessageRecord, Store, UserRecord
from companion.tui.screens.dialogs import ConfirmScreen, TextPromptScreen

MOOD_DAYS = 28
SOURCE_WIDTH = 72  # characters of the message a memory came from (two lines under the table)


class MoodPlot(Static):
    """The mood timeline: a plotext chart when textual-plotext is installed, else a text chart."""

    def __init__(self, store: Store, user: UserRecord) -> None:
        super().__init__(id="mood")
        self.store = store
        self.user = user

    def on_mount(self) -> None:
        moods = self.store.moods(self.user, since=datetime.now(UTC) - timedelta(days=MOOD_DAYS))
        self.update(text_chart(moods, days=MOOD_DAYS))
        try:
            from textual_plotext import PlotextPlot
        except ImportError:
            return
        means = daily_means(moods)
        if not means:
            return
        plot = PlotextPlot(id="mood-plot")
        self.update("")
        self.mount(plot)
        chart = plot.plt
        chart.date_form("m/d")
        chart.plot([d.strftime("%m/%d") for d in means], list(means.values()), marker="dot")
        chart.ylim(-2, 2)
        chart.title("Mood by day (-2 very low … 2 very good)")


class MemoryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("e", "edit", "Edit"),
        Binding("f,delete", "forget", "Forget"),
    ]

    def __init__(
        self, store: Store, user: UserRecord, on_change: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.user = user
        self.on_change = on_change
        self.rows: list[MemoryRecord] = []
        self.said: dict[int, MessageRecord] = {}  # the messages the rows were learned from

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                Text(f"What she remembers about {self.user.name}  (e edit · f forget · esc close)")
            )
            yield DataTable(id="memories", cursor_type="row", zebra_stripes=True)
            yield Static("", id="memory-source")
            yield MoodPlot(self.store, self.user)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "kind", "what she remembers", "times", "sure")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.rows = self.store.memories(self.user)
        self.said = sources(self.store, self.user, self.rows)
        for memory in self.rows:
            # What a person said is text, never markup ("[/]" in a value must not crash).
            table.add_row(
                str(memory.id),
                memory.kind,
                Text(describe(memory)),
                str(memory.times_mentioned),
                confidence_word(memory.confidence),
            )
        if not self.rows:
            table.add_row("", "", "Nothing yet. Tell her about yourself.", "", "")
        self._show_source()

    def _show_source(self) -> None:
        """Under the table: the message the highlighted memory came from, and how sure she is."""
        memory = self._selected()
        line = Text()
        if memory is not None:
            source = self.said.get(memory.source_message_id or 0)
            if source is not None:
                day = source.created_at.astimezone().strftime("%b %d")
                line.append("learned from ", style="dim")
                # The user's own words: text, never markup.
                line.append(f"\u201c{excerpt(source.text, SOURCE_WIDTH)}\u201d")
                line.append(f" ({day})", style="dim")
            else:
                line.append("no source message kept", style="dim")
            line.append(f" · confidence {confidence_label(memory.confidence)}", style="dim")
        self.query_one("#memory-source", Static).update(line)

    def _selected(self) -> MemoryRecord | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_edit(self) -> None:
        memory = self._selected()
        if memory is None:
            return

        def save(value: str | None) -> None:
            if value:
                self.store.edit_memory(self.user, memory.id, value)
                self.refresh_rows()
                self.notify(
                    f"Updated: {describe(self.store.memory(self.user, memory.id))}", markup=False
                )

        self.app.push_screen(TextPromptScreen(f"Correct “{describe(memory)}”:", memory.value), save)

    def action_forget(self) -> None:
        memory = self._selected()
        if memory is None:
            return

        def forget(confirmed: bool | None) -> None:
            if confirmed:
                self.store.forget_memory(self.user, memory.id)
                self.refresh_rows()
                self.notify(f"Forgotten: {describe(memory)}", markup=False)

        self.app.push_screen(ConfirmScreen(f"Forget that {describe(memory)}?", "Forget"), forget)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_source()

    @on(DataTable.RowSelected)
    def _row(self) -> None:
        self.action_edit()
