"""Turning other bots' material into persona files: the ChatterBot corpus (YAML)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from companion.errors import CompanionError


def _toml_string(text: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Iterable[str]) -> str:
    return "[\n" + "".join(f"  {_toml_string(item)},\n" for item in items) + "]"


def _yaml_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yml", ".yaml"}))
        elif path.is_file():
            found.append(path)
        else:
            raise CompanionError(f"{path}: no such file or folder")
    if not found:
        raise CompanionError("no .yml or .yaml files found in the paths given")
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "general"


def read_chatterbot(path: Path) -> tuple[str, list[tuple[str, list[str]]]]:
    """(category, [(prompt, replies)]) from one ChatterBot corpus file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = str(error).splitlines()[0]
        raise CompanionError(f"{path}: not a readable YAML file ({reason})") from None
    if not isinstance(data, dict) or not isinstance(data.get("conversations"), list):
        raise CompanionError(
            f"{path}: expected 'categories:' and 'conversations:' (ChatterBot corpus)"
        )
    categories = data.get("categories") or [path.stem]
    category = _slug(str(categories[0]))
    pairs = []
    for conversation in data["conversations"]:
        if not isinstance(conversation, list):
            continue
        texts = [" ".join(str(item).split()) for item in conversation if item is not None]
        texts = [t for t in texts if t]
        if len(texts) >= 2:
            pairs.append((texts[0], texts[1:]))
    return category, pairs


def import_chatterbot(paths: Iterable[Path], out: Path, name: str = "Chatter") -> tuple[Path, int]:
    """Write ``out`` (a persona) and ``<out stem>-corpus/`` (its themes). Returns (folder, count)."""
    by_category: dict[str, list[tuple[str, list[str]]]] = {}
    for file in _yaml_files(paths):
        category, pairs = read_chatterbot(file)
        by_category.setdefault(category, []).extend(pairs)
    total = sum(len(p) for p in by_category.values())
    if total == 0:
        raise CompanionError("the files hold no conversations with a prompt and a reply")
    folder = out.with_name(f"{out.stem}-corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for category, pairs in by_category.items():
        blocks = [f"theme = {_toml_string(category)}\n"]
        for number, (prompt, replies) in enumerate(pairs, start=1):
            blocks.append(
                f"[[intents]]\nid = {_toml_string(f'{category}.{number}')}\n"
                f"examples = {_toml_list([prompt])}\nreplies = {_toml_list(replies)}\n"
            )
        (folder / f"{category}.toml").write_text("\n".join(blocks), encoding="utf-8")
    out.write_text(
        f"""# Imported from a ChatterBot corpus by `companion persona import-chatterbot`.
name = {_toml_string(name)}
about = "A companion whose every reply comes from an imported ChatterBot corpus."
farewells = ["Goodbye."]
fallbacks = ["I don't know how to answer that yet.", "I'm not sure what you mean."]
followups = ["Tell me more?"]

[voice]
followup_chance = 0.0   # replies are the corpus replies, verbatim
use_name_chance = 0.0

[greetings]
first_meeting = ["Hello, I'm {{persona}}."]
returning = ["Hello again."]

[templates]
reply = ["{{text}}"]

[[corpus]]
kind = "themes"
path = {_toml_string(folder.name)}
""",
        encoding="utf-8",
    )
    return folder, total
