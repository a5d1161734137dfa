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


# Character Card V2 ----------------------------------------------------------------------------
def _card_from_png(data: bytes, path: Path) -> dict[str, object]:
    """The card JSON inside a PNG's ``chara`` tEXt chunk (base64), as SillyTavern writes it."""
    import base64
    import struct

    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise CompanionError(f"{path}: not a PNG file")
    offset = 8
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"tEXt" and body.startswith(b"chara\x00"):
            try:
                return json.loads(base64.b64decode(body[6:]).decode("utf-8"))  # type: ignore[no-any-return]
            except (ValueError, UnicodeDecodeError):
                raise CompanionError(f"{path}: its 'chara' chunk is not base64 JSON") from None
        offset += 12 + length
    raise CompanionError(f"{path}: PNG has no 'chara' chunk (not a character card)")


def read_character_card(path: Path) -> dict[str, object]:
    """The ``data`` of a Character Card V2 (JSON file, or PNG with a ``chara`` chunk)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CompanionError(f"{path}: cannot read ({error.strerror})") from None
    if path.suffix.lower() == ".png":
        card = _card_from_png(raw, path)
    else:
        try:
            card = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise CompanionError(f"{path}: not JSON (expected a Character Card V2)") from None
    data = card.get("data") if isinstance(card, dict) else None
    if not isinstance(data, dict):  # a V1 card keeps its fields at the top level
        data = card if isinstance(card, dict) else None
    name = data.get("name") if data else None
    if not isinstance(name, str) or not name.strip():
        raise CompanionError(f"{path}: a character card needs data.name")
    return data


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _fill_card_macros(text: str, name: str) -> str:
    # Cards write {{char}} and {{user}}; our templates use single braces, so escape the rest.
    text = text.replace("{{char}}", name).replace("{{user}}", "you")
    return text.replace("{", "{{").replace("}", "}}")


def _example_pairs(mes_example: str, name: str) -> list[tuple[str, str]]:
    """(user line, character line) pairs from ``mes_example`` (<START> blocks of {{user}}:/{{char}}:)."""
    pairs: list[tuple[str, str]] = []
    prompt: str | None = None
    for line in mes_example.replace("\r", "").split("\n"):
        stripped = line.strip()
        if stripped.lower().startswith("{{user}}:"):
            prompt = stripped.split(":", 1)[1].strip()
        elif stripped.lower().startswith("{{char}}:") and prompt:
            pairs.append((prompt, stripped.split(":", 1)[1].strip().replace("{{user}}", "you")))
            prompt = None
    return pairs


def import_character_card(path: Path, out: Path) -> tuple[Path, int]:
    """Write a persona (and its themes corpus) from a Character Card V2. Returns (folder, entries)."""
    data = read_character_card(path)
    name = " ".join(str(data["name"]).split())
    about = (
        " ".join(t for t in _texts(data.get("description")) + _texts(data.get("personality")) if t)
        or f"{name}, imported from a character card."
    )
    greetings = [_fill_card_macros(t, name) for t in _texts(data.get("first_mes"))]
    greetings += [_fill_card_macros(t, name) for t in _texts(data.get("alternate_greetings"))]
    greetings = greetings or [f"Hello, I'm {name}."]
    scenario = _texts(data.get("scenario"))
    intents: list[tuple[str, list[str], list[str]]] = []
    for number, (prompt, reply) in enumerate(
        _example_pairs(str(data.get("mes_example") or ""), name), 1
    ):
        intents.append((f"card.example_{number}", [prompt], [reply.replace("{{char}}", name)]))
    book = data.get("character_book")
    entries = book.get("entries", []) if isinstance(book, dict) else []
    for number, entry in enumerate(entries if isinstance(entries, list) else [], 1):
        if not isinstance(entry, dict) or entry.get("enabled") is False:
            continue
        keys = _texts(entry.get("keys"))
        content = _texts(entry.get("content"))
        if keys and content:
            examples = [f"tell me about {k}" for k in keys] + keys
            intents.append(
                (f"lore.entry_{number}", examples, [c.replace("{{char}}", name) for c in content])
            )
    if scenario:
        intents.append(
            (
                "card.scenario",
                ["where are we?", "what's going on?", "what is the scenario?"],
                scenario,
            )
        )
    if not intents:
        raise CompanionError(
            f"{path}: the card has no example messages, lorebook entries or scenario to answer from"
        )
    folder = out.with_name(f"{out.stem}-corpus")
    folder.mkdir(parents=True, exist_ok=True)
    blocks = ['theme = "card"\n']
    for intent_id, examples, replies in intents:
        blocks.append(
            f"[[intents]]\nid = {_toml_string(intent_id)}\n"
            f"examples = {_toml_list(examples)}\nreplies = {_toml_list(replies)}\n"
        )
    (folder / "card.toml").write_text("\n".join(blocks), encoding="utf-8")
    tags = ", ".join(_texts(data.get("tags")))
    creator = " ".join(str(data.get("creator") or "").split())
    out.write_text(
        f"""# Imported from a Character Card V2 ({path.name}) by `companion persona import-card`.
# creator: {creator or "unknown"}; tags: {tags or "none"}
name = {_toml_string(name)}
about = {_toml_string(about[:500])}
farewells = ["Goodbye for now."]
fallbacks = ["I'm not sure what to say to that.", "Tell me more?"]
followups = ["What about you?"]

[voice]
followup_chance = 0.0

[greetings]
first_meeting = {_toml_list(greetings)}
returning = {_toml_list(greetings)}

[templates]
reply = ["{{text}}"]

[[corpus]]
kind = "themes"
path = {_toml_string(folder.name)}
""",
        encoding="utf-8",
    )
    return folder, len(intents)
