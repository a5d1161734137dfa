"""The Textual app, driven with Pilot, and SVG snapshots of each screen (on a temporary database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, ListView, Static

from companion.persona import load_persona
from companion.store import Store
from companion.tui.app import AppOptions, CompanionApp
from companion.tui.widgets.chat import MessageBubble
from companion.tui.widgets.prompt import PromptInput
from companion.tui.widgets.sidebar import ConversationItem

SIZE = (100, 30)


def make_app(db_url: str, **overrides: object) -> CompanionApp:
    options = dict(
        user="tester",
        db_url=db_url,
        persona=load_persona(),
        typing_indicator=False,
        model="lexical",
        seed=1,
        show_times=False,
    )
    options.update(overrides)
    return CompanionApp(AppOptions(**options))  # type: ignore[arg-type]


async def ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, CompanionApp)
    for _ in range(200):
        if app.companion is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def send(pilot: Pilot[None], text: str) -> str:
    """Type a message, press enter, wait for her reply; returns the reply text."""
    app = pilot.app
    prompt = app.query_one(PromptInput)
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return transcript(pilot)[-1]


def transcript(pilot: Pilot[None]) -> list[str]:
    texts = []
    for bubble in pilot.app.query(MessageBubble):
        texts.append(bubble.text)
    return texts


async def test_name_on_first_frame_and_input_focused(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.title == "Samantha"
        assert isinstance(app.focused, PromptInput)
        await ready(pilot)
        assert "Samantha" in transcript(pilot)[0] or transcript(pilot)  # greeting bubble


async def test_send_gets_an_answer_and_is_stored(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        reply = await send(pilot, "Who directed Her?")
        assert "Spike Jonze" in reply
    store = Store.open(db_url)
    [summary] = store.list_conversations(store.user("tester"))
    assert store.messages(summary.conversation.id)[0].text == "Who directed Her?"


async def test_markup_in_user_text_is_shown_as_text(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "[bold red]not bold[/] and [link=x]y[/link]")
        user_bubbles = [b for b in app.query(MessageBubble) if b.role == "user"]
        rendered = str(user_bubbles[-1].query_one(".body", Static).render())
        assert "[bold red]not bold[/]" in rendered


async def test_quit_and_restart_shows_the_last_conversation(db_url: str) -> None:
    async with make_app(db_url).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "Who directed Her?")
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = transcript(pilot)
        assert "Who directed Her?" in texts and any("Spike Jonze" in t for t in texts)


async def test_new_resume_rename_delete(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "I love the ocean")
        first = app.conversation
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.conversation is not None and app.conversation.id != first.id
        await send(pilot, "tell me a joke")
        # resume the first from the sidebar
        sidebar = app.query_one("#sidebar", ListView)
        items = list(sidebar.query(ConversationItem))
        target = next(i for i, item in enumerate(items) if item.conversation_id == first.id)
        sidebar.focus()
        sidebar.index = target
        await pilot.press("enter")
        await pilot.pause()
        assert app.conversation.id == first.id and "I love the ocean" in transcript(pilot)
        # rename
        await pilot.press("ctrl+r")
        await pilot.pause()
        rename_input = app.screen.query_one(Input)
        rename_input.value = "Ocean talk"
        await pilot.press("enter")
        await pilot.pause()
        assert app.conversation.title == "Ocean talk"
        # delete, confirming
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        store = app.companion.store
        remaining = [s.conversation.id for s in store.list_conversations(store.user("tester"))]
        assert first.id not in remaining and app.conversation.id in remaining


async def test_delete_can_be_cancelled(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "hello")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        store = app.companion.store
        assert len(store.list_conversations(store.user("tester"))) == 1


async def test_search_opens_the_conversation_at_the_message(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "my grandmother grew tomatoes every summer")
        old = app.conversation.id
        await pilot.press("ctrl+n")
        await send(pilot, "hello again")
        await pilot.press("ctrl+f")
        await pilot.pause()
        query = app.screen.query_one("#query", Input)
        query.value = "tomatoes"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # to the results
        await pilot.press("enter")  # open the first
        await pilot.pause()
        assert app.conversation.id == old
        highlighted = [b for b in app.query(MessageBubble) if b.has_class("highlight")]
        assert highlighted and "tomatoes" in highlighted[0].text


async def test_export_writes_markdown(db_url: str, isolated_home: Path) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "who plays Theodore?")
        path = app.action_export()
    assert path is not None and str(path).startswith(str(isolated_home))
    text = path.read_text()
    assert "who plays Theodore?" in text and "Joaquin Phoenix" in text


async def test_memory_panel_edit_and_forget(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "I live in Lisbon")
        await send(pilot, "my name is Priya")
        await send(pilot, "I feel so sad today")
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query("#mood-plot")  # the mood timeline is drawn as a plot
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any("Lisbon" in str(r[2]) for r in rows)
        city_row = next(i for i, r in enumerate(rows) if r[1] == "location")
        table.move_cursor(row=city_row)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = "Porto"
        await pilot.press("enter")
        await pilot.pause()
        store = app.companion.store
        user = store.user("tester")
        assert [m.value for m in store.memories(user) if m.kind == "location"] == ["Porto"]
        table = app.screen.query_one(DataTable)
        name_row = next(i for i in range(table.row_count) if table.get_row_at(i)[1] == "name")
        table.move_cursor(row=name_row)
        await pilot.press("f")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert sorted(m.kind for m in store.memories(user)) == ["location"]


async def test_memory_panel_shows_where_each_memory_came_from(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "I live in Lisbon")
        await send(pilot, "we named the dog Biscuit")
        await send(pilot, "I live in Lisbon")
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert {r[1]: r[4] for r in rows} == {"location": "high", "pet": "high"}

        async def source_of(kind: str) -> str:
            table.move_cursor(row=next(i for i, r in enumerate(rows) if r[1] == kind))
            await pilot.pause()
            return str(app.screen.query_one("#memory-source", Static).render())

        pet = await source_of("pet")
        assert "learned from “we named the dog Biscuit”" in pet and "high (0.8)" in pet
        city = await source_of("location")
        assert "learned from “I live in Lisbon”" in city and "high (0.9)" in city


async def test_persona_switch(db_url: str, isolated_home: Path) -> None:
    from companion.persona import write_persona_copy

    write_persona_copy("Nova")
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        options = app.screen.query_one("#personas")
        nova = next(
            i
            for i in range(options.option_count)
            if "nova" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = nova
        await pilot.press("enter")
        await pilot.pause()
        app.companion = None
        await ready(pilot)
        assert app.title == "Nova" and app.persona.name == "Nova"


async def test_input_history_with_up(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "first message")
        await send(pilot, "second message")
        await pilot.press("up")
        assert app.query_one(PromptInput).value == "second message"
        await pilot.press("up")
        assert app.query_one(PromptInput).value == "first message"


async def test_long_paste_is_accepted(db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "word " * 40_000)
        assert len(transcript(pilot)) >= 3


async def test_theme_choice_is_remembered(db_url: str) -> None:
    async with make_app(db_url).run_test(size=SIZE) as pilot:
        await ready(pilot)
        pilot.app.theme = "nord"
        await pilot.pause()
    async with make_app(db_url).run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "nord"


# snapshots ---------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def fixed_calendar_day(request: pytest.FixtureRequest) -> Iterator[None]:
    """Snapshots show dates ("Nov 25"): pin the calendar so they match on any day."""
    if "snap_compare" not in request.fixturenames:
        yield
        return
    import time_machine

    with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=True):
        yield


def _steady_cursor(pilot: Pilot[None]) -> None:
    """The prompt's cursor blinks: whether a picture shows it depended on the machine's load."""
    for field in pilot.app.query(Input):
        field.cursor_blink = False


async def _conversation(pilot: Pilot[None]) -> None:
    await ready(pilot)
    await send(pilot, "Who directed Her?")
    await send(pilot, "I feel so alone tonight")
    # The chat scrolls to her last reply with an animation: let it finish, or the picture depends
    # on how busy the machine is.
    await pilot.wait_for_scheduled_animations()
    _steady_cursor(pilot)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_snapshot_chat(snap_compare, db_url: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(db_url), terminal_size=size, run_before=_conversation)


def test_snapshot_search(snap_compare, db_url: str) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await _conversation(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        pilot.app.screen.query_one("#query", Input).value = "directed"
        await pilot.app.workers.wait_for_complete()
        _steady_cursor(pilot)
        await pilot.pause()

    assert snap_compare(make_app(db_url), terminal_size=SIZE, run_before=before)


def test_snapshot_memory(snap_compare, db_url: str) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await send(pilot, "my name is Priya")
        await send(pilot, "we named the dog Biscuit")
        await pilot.press("f2")
        await pilot.pause()
        _steady_cursor(pilot)
        await pilot.pause()

    assert snap_compare(make_app(db_url), terminal_size=SIZE, run_before=before)


def test_snapshot_confirm_delete(snap_compare, db_url: str) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await send(pilot, "hello")
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(make_app(db_url), terminal_size=SIZE, run_before=before)


def test_snapshot_personas(snap_compare, db_url: str) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(make_app(db_url), terminal_size=SIZE, run_before=before)


def test_snapshot_rename(snap_compare, db_url: str) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await send(pilot, "I went to the beach today")
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(make_app(db_url), terminal_size=SIZE, run_before=before)
