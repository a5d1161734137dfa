"""The crisis notice: where to get real help, shown beside her reply until the person dismisses it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from companion.safety import CrisisReply

TITLES = {
    "abuse": "If you are not safe where you are",
    "someone_else": "If someone is in danger",
}
DEFAULT_TITLE = "If you are in danger, real help is there right now"


class CrisisNotice(Vertical):
    """A panel of resources; hidden until a reply carries a crisis, then kept until dismissed."""

    def compose(self) -> ComposeResult:
        yield Static("", id="crisis-title")
        yield Static("", id="crisis-lines")
        with Horizontal(id="crisis-buttons"):
            yield Button("Dismiss (esc)", id="crisis-dismiss", variant="default")

    def on_mount(self) -> None:
        self.display = False

    def show(self, crisis: CrisisReply) -> None:
        self.query_one("#crisis-title", Static).update(
            Text(TITLES.get(crisis.tier, DEFAULT_TITLE), style="bold")
        )
        lines = Text()
        for number, resource in enumerate(crisis.resources):
            if number:
                lines.append("\n")
            label = resource.name or resource.kind.replace("_", " ")
            contact = resource.contact
            if label.lower() in contact.lower():
                lines.append("• ")  # the contact already names the service
            else:
                lines.append(f"• {label[:1].upper()}{label[1:]}: ", style="bold")
            lines.append(contact[:1].upper() + contact[1:])
            if resource.hours:
                lines.append(f" ({resource.hours})")
        lines.append("\nShe is an AI: she cannot call anyone for you, but these people can.")
        self.query_one("#crisis-lines", Static).update(lines)
        self.display = True

    def dismiss(self) -> None:
        self.display = False

    @on(Button.Pressed, "#crisis-dismiss")
    def _dismissed(self) -> None:
        self.dismiss()
