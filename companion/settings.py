"""Small user preferences that outlive a session (the app's theme), as JSON in the config folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from companion import locations
from companion.files import write_atomically


def _path() -> Path:
    return locations.config_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: defaults, and the next save repairs it
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: Any) -> None:
    settings = load_settings()
    settings[key] = value
    text = json.dumps(settings, indent=2)
    write_atomically(
        _path(), lambda path: path.write_text(text, encoding="utf-8"), ignore=(OSError,)
    )
