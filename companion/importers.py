"""Turning other bots' material into persona files: the ChatterBot corpus (YAML)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from companion.errors import CompanionError
from companion.files import private_folder, write_private_text


def _toml_string(text: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Iterable[str]) -> str:
    return "[\n" + "".join(f"  {_toml_string(item)},\n" for item in items) + "]"


def _write_themes(path: Path, theme: str, intents: list[tuple[str, list[str], list[str]]]) -> None:
    """A themes corpus file: one ``[[intents]]`` table per (id, examples, replies)."""
    private_folder(path.parent)
    blocks = [f"theme = {_toml_string(theme)}\n"]
    for intent_id, examples, replies in intents:
        blocks.append(
            f"[[intents]]\nid = {_toml_string(intent_id)}\n"
            f"examples = {_toml_list(examples)}\nreplies = {_toml_list(replies)}\n"
        )
    write_private_text(path, "\n".join(blocks))


def _write_persona(
    out: Path,
    *,
    header: str,
    name: str,
    about: str,
    first_meeting: list[str],
    returning: list[str],
    corpus_folder: Path,
) -> None:
    """A persona whose replies are its corpus replies, verbatim (no follow-ups added)."""
    write_private_text(
        out,
        f"""# {header}
name = {_toml_string(name)}
about = {_toml_string(about)}
farewells = ["Goodbye for now."]
fallbacks = ["I don't know how to answer that yet.", "I'm not sure what you mean."]
followups = ["Tell me more?"]

[voice]
followup_chance = 0.0
use_name_chance = 0.0

[greetings]
first_meeting = {_toml_list(first_meeting)}
returning = {_toml_list(returning)}

[templates]
reply = ["{{text}}"]

[[corpus]]
kind = "themes"
path = {_toml_string(corpus_folder.name)}
""",
    )


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
    for category, pairs in by_category.items():
        intents = [
            (f"{category}.{number}", [prompt], replies)
            for number, (prompt, replies) in enumerate(pairs, start=1)
        ]
        _write_themes(folder / f"{category}.toml", category, intents)
    _write_persona(
        out,
        header="Imported from a ChatterBot corpus by `companion persona import-chatterbot`.",
        name=name,
        about="A companion whose every reply comes from an imported ChatterBot corpus.",
        first_meeting=["Hello, I'm {persona}."],
        returning=["Hello again."],
        corpus_folder=folder,
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
    _write_themes(folder / "card.toml", "card", intents)
    tags = ", ".join(_texts(data.get("tags")))
    creator = " ".join(str(data.get("creator") or "").split())
    _write_persona(
        out,
        header=f"Imported from a Character Card V2 ({path.name}) by `companion persona import-card`.\n"
        f"# creator: {creator or 'unknown'}; tags: {tags or 'none'}",
        name=name,
        about=about[:500],
        first_meeting=greetings,
        returning=greetings,
        corpus_folder=folder,
    )
    return folder, len(intents)
