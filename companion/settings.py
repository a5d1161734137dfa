"""Small user preferences that outlive a session (the app's theme), as JSON in the config folder."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from companion import locations


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
    target = _path()
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(settings, handle, indent=2)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
