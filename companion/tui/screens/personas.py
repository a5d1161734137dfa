"""Choose a persona among the bundled ones and the user's own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from companion.persona import list_personas


class PersonaScreen(ModalScreen[str | None]):
    """Dismisses with the chosen persona's file path, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Talk to…")
            options = [
                Option(
                    f"{p['name']}  ({p['origin']})" + ("  ✓" if p["name"] == self.current else ""),
                    id=p["path"],
                )
                for p in list_personas()
            ]
            yield OptionList(*options, id="personas")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
