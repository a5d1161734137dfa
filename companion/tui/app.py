"""``CompanionApp``: talk to her, resume, search and look after your conversations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from companion import locations
from companion.persona import Persona
from companion.settings import load_settings, save_setting
from companion.tui.screens.dialogs import ConfirmScreen, TextPromptScreen
from companion.tui.widgets.chat import ChatView, TypingIndicator
from companion.tui.widgets.crisis import CrisisNotice
from companion.tui.widgets.prompt import PromptInput
from companion.tui.widgets.sidebar import ConversationList

if TYPE_CHECKING:
    from companion.engine import Companion, Reply
    from companion.engine.companion import ModelMode
    from companion.store import ConversationRecord, ConversationSummary, MessageRecord

MAX_TYPING_SECONDS = 2.0
MODEL_WAIT_SECONDS = 300.0


@dataclass(frozen=True)
class AppOptions:
    user: str
    db_url: str
    persona: Persona
    new_conversation: bool = False
    typing_indicator: bool = True
    model: ModelMode = "background"
    seed: int | None = None
    show_times: bool = True  # snapshot tests turn clock times off to stay byte-stable


class CompanionApp(App[None]):
    """The app people live in. Every slow step (engine, model, replies) runs in a thread worker."""

    CSS_PATH = "app.tcss"
    TITLE = "companion"
    BINDINGS = [
        Binding("ctrl+n", "new_conversation", "New"),
        Binding("ctrl+f", "search", "Search"),
        Binding("ctrl+r", "rename", "Rename"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+t", "delete", "Delete"),
        Binding("f2", "memory", "Memory"),
        Binding("f3", "personas", "Persona"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "dismiss_crisis", "Dismiss notice", show=False),
    ]

    status: reactive[str] = reactive("waking up…")

    @dataclass
    class EngineReady(Message):
        companion: Companion
        conversation: ConversationRecord
        messages: list[MessageRecord]
        summaries: list[ConversationSummary]
        greeting: str

    @dataclass
    class ReplyReady(Message):
        reply: Reply

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        self.persona = options.persona
        self.companion: Companion | None = None
        self.conversation: ConversationRecord | None = None
        self.pending: list[str] = []
        theme = load_settings().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    # layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield ConversationList(id="sidebar", show_times=self.options.show_times)
            with Vertical(id="main"):
                yield ChatView(id="chat", show_times=self.options.show_times)
                yield TypingIndicator("", id="typing")
                yield CrisisNotice(id="crisis")
                yield PromptInput(placeholder=f"Talk to {self.persona.name}…", id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.persona.name
        self.sub_title = self.status
        self.query_one(PromptInput).focus()
        self.theme_changed_signal.subscribe(self, lambda theme: save_setting("theme", theme.name))
        self.open_engine()

    def watch_status(self, status: str) -> None:
        self.sub_title = status

    # the engine ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="engine")
    def open_engine(self, selector: str | None = None) -> None:
        from companion.engine import Companion
        from companion.errors import CompanionError
        from companion.store import Store

        try:
            store = Store.open(self.options.db_url)
        except CompanionError as error:
            self.call_from_thread(self.exit, None, 2, f"companion: {error}")
            return
        companion = Companion(
            store,
            self.persona,
            model=self.options.model,
            seed=self.options.seed,
        )
        chosen = selector or ("new" if self.options.new_conversation else "last")
        conversation = companion.resolve_conversation(self.options.user, chosen)
        messages = store.messages(conversation.id)
        greeting = companion.greet(self.options.user, conversation)
        summaries = store.list_conversations(companion.user(self.options.user))
        self.post_message(self.EngineReady(companion, conversation, messages, summaries, greeting))
        self.watch_model(companion)

    @work(thread=True, exclusive=True, exit_on_error=False, group="model")
    def watch_model(self, companion: Companion) -> None:
        """Clear the "waking up" status once the embedding model is loaded (or has failed)."""
        companion.wait_until_ready(timeout=MODEL_WAIT_SECONDS)
        self.call_from_thread(self._model_settled, companion)

    def _model_settled(self, companion: Companion) -> None:
        if companion is self.companion:
            self.status = (
                "" if companion.model_ready else "understanding words only (model unavailable)"
            )

    @on(EngineReady)
    def _engine_ready(self, event: EngineReady) -> None:
        self.companion = event.companion
        self.status = "" if event.companion.model_ready else "waking up… (answering already)"
        self._show_conversation(event.conversation, event.messages, event.summaries, event.greeting)
        for text in self.pending:
            self.send(text)
        self.pending.clear()

    def _show_conversation(
        self,
        conversation: ConversationRecord,
        messages: list[MessageRecord],
        summaries: list[ConversationSummary],
        greeting: str | None,
    ) -> None:
        self.conversation = conversation
        chat = self.query_one(ChatView)
        chat.show(messages, self.persona.name)
        if greeting:
            chat.add_message(self.persona.name, greeting, datetime.now(UTC), "assistant")
        self.query_one(ConversationList).show(summaries, conversation.id)

    def _refresh_sidebar(self) -> None:
        if self.companion is None or self.conversation is None:
            return
        user = self.companion.user(self.options.user)
        self.query_one(ConversationList).show(
            self.companion.store.list_conversations(user), self.conversation.id
        )

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(
                str(event.worker.error),
                title="Something went wrong",
                severity="error",
                timeout=8,
                markup=False,
            )
            if event.worker.group == "engine":
                self.status = "could not start; see the message"

    # talking ------------------------------------------------------------------------------
    @on(PromptInput.Submitted, "#prompt")
    def _submitted(self, event: PromptInput.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        prompt = self.query_one(PromptInput)
        prompt.remember(text)
        prompt.value = ""
        self.query_one(ChatView).add_message("You", text, datetime.now(UTC), "user")
        if self.companion is None:
            self.pending.append(text)
        else:
            self.send(text)

    @work(thread=True, exit_on_error=False, group="reply")
    def send(self, text: str) -> None:
        assert self.companion is not None and self.conversation is not None
        reply = self.companion.reply(self.options.user, self.conversation, text)
        self.post_message(self.ReplyReady(reply))

    @on(ReplyReady)
    async def _reply_ready(self, event: ReplyReady) -> None:
        if event.reply.crisis is not None:
            # Help first: the resources show at once, before any typing delay.
            self.query_one(CrisisNotice).show(event.reply.crisis)
        typing = self.query_one(TypingIndicator)
        if self.options.typing_indicator and event.reply.crisis is None:
            delay = min(
                MAX_TYPING_SECONDS,
                len(event.reply.text) / self.persona.voice.typing_chars_per_second,
            )
            typing.update(f"{self.persona.name} is typing…")
            await self._sleep(delay)
            typing.update("")
        self.query_one(ChatView).add_message(
            self.persona.name,
            event.reply.text,
            datetime.now(UTC),
            "assistant",
            event.reply.reply_id,
        )
        self._refresh_sidebar()

    async def _sleep(self, seconds: float) -> None:
        import asyncio

        await asyncio.sleep(seconds)

    # conversations ------------------------------------------------------------------------
    @on(ConversationList.Chosen)
    def _resume(self, event: ConversationList.Chosen) -> None:
        self.open_conversation(event.conversation_id)

    def open_conversation(self, conversation_id: int, message_id: int | None = None) -> None:
        if self.companion is None:
            return
        store, user = self.companion.store, self.companion.user(self.options.user)
        conversation = store.conversation(user, conversation_id)
        self._show_conversation(
            conversation, store.messages(conversation.id), store.list_conversations(user), None
        )
        if message_id is not None:
            self.query_one(ChatView).scroll_to_message(message_id)
        self.query_one(PromptInput).focus()

    def action_new_conversation(self) -> None:
        if self.companion is None:
            return
        conversation = self.companion.new_conversation(self.options.user)
        user = self.companion.user(self.options.user)
        greeting = self.companion.greet(self.options.user, conversation)
        self._show_conversation(
            conversation, [], self.companion.store.list_conversations(user), greeting
        )
        self.query_one(PromptInput).focus()

    def action_rename(self) -> None:
        if self.companion is None or self.conversation is None:
            return
        conversation = self.conversation

        def rename(title: str | None) -> None:
            if title and self.companion is not None:
                user = self.companion.user(self.options.user)
                self.companion.store.rename_conversation(user, conversation.id, title)
                self.conversation = self.companion.store.conversation(user, conversation.id)
                self._refresh_sidebar()
                self.notify(f"Renamed to “{self.conversation.title}”", markup=False)

        self.push_screen(TextPromptScreen("New title:", conversation.title), rename)

    def action_delete(self) -> None:
        if self.companion is None or self.conversation is None:
            return
        conversation = self.conversation

        def delete(confirmed: bool | None) -> None:
            if confirmed and self.companion is not None:
                user = self.companion.user(self.options.user)
                self.companion.store.delete_conversation(user, conversation.id)
                self.notify(f"Deleted “{conversation.title or 'untitled'}”", markup=False)
                latest = self.companion.store.latest_conversation(user)
                if latest is None:
                    self.action_new_conversation()
                else:
                    self.open_conversation(latest.id)

        title = conversation.title or "this conversation"
        self.push_screen(ConfirmScreen(f"Delete “{title}” and all its messages?"), delete)

    def action_export(self) -> Path | None:
        if self.companion is None or self.conversation is None:
            return None
        from companion.export import conversation_markdown

        store = self.companion.store
        from companion.files import private_folder, write_private_text

        folder = private_folder(locations.data_dir() / "exports")
        target = folder / f"conversation-{self.conversation.id}.md"
        write_private_text(
            target,
            conversation_markdown(self.conversation, store.messages(self.conversation.id)) + "\n",
        )
        self.notify(f"Exported to {target}", title="Export", markup=False)
        return target

    def action_search(self) -> None:
        if self.companion is None:
            return
        from companion.tui.screens.search import SearchChoice, SearchScreen

        store, user = self.companion.store, self.companion.user(self.options.user)

        def opened(choice: SearchChoice | None) -> None:
            if choice is not None:
                self.open_conversation(choice.conversation_id, choice.message_id)

        self.push_screen(SearchScreen(lambda query: store.search_messages(user, query)), opened)

    def action_memory(self) -> None:
        if self.companion is None:
            return
        from companion.tui.screens.memory import MemoryScreen

        self.push_screen(MemoryScreen(self.companion.store, self.companion.user(self.options.user)))

    def action_personas(self) -> None:
        from companion.tui.screens.personas import PersonaScreen

        def switch(path: str | None) -> None:
            if not path:
                return
            from companion.errors import CompanionError
            from companion.persona import load_persona

            try:
                persona = load_persona(Path(path))
            except CompanionError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.persona = persona
            self.title = persona.name
            self.query_one(PromptInput).placeholder = f"Talk to {persona.name}…"
            self.companion = None
            self.status = "waking up…"
            self.open_engine("new")

        self.push_screen(PersonaScreen(self.persona.name), switch)

    def action_dismiss_crisis(self) -> None:
        self.query_one(CrisisNotice).dismiss()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(ConversationList)
        sidebar.display = not sidebar.display

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "New conversation", "Start a fresh conversation (ctrl+n)", self.action_new_conversation
        )
        yield SystemCommand(
            "Search conversations", "Find words in everything you said (ctrl+f)", self.action_search
        )
        yield SystemCommand(
            "Rename conversation", "Give this conversation a title (ctrl+r)", self.action_rename
        )
        yield SystemCommand(
            "Delete conversation",
            "Delete this conversation, after asking (ctrl+t)",
            self.action_delete,
        )
        yield SystemCommand(
            "Export conversation", "Save this conversation as Markdown (ctrl+s)", self.action_export
        )
        yield SystemCommand(
            "Memory", "What she remembers about you; edit or forget (f2)", self.action_memory
        )
        yield SystemCommand("Switch persona", "Talk to another persona (f3)", self.action_personas)
        yield SystemCommand(
            "Toggle sidebar", "Show or hide past conversations (ctrl+b)", self.action_toggle_sidebar
        )
