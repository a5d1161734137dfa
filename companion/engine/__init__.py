"""The dialogue engine. Never imports Textual."""

from companion.engine.companion import Companion, Reply

__all__ = ["Companion", "Reply"]
