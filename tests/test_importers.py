"""Importing other corpora: the ChatterBot YAML format becomes a persona that answers from it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import companion, err, out

GREETINGS = """categories:
- greetings
conversations:
- - Hello
  - Hi there!
- - How are you doing?
  - I am doing well, thank you for asking.
- - What is your favourite colour?
  - Blue, like a clear sky.
"""
SCIENCE = """categories:
- science
conversations:
- - What is photosynthesis?
  - Plants turning sunlight, water and carbon dioxide into sugar and oxygen.
- - How far away is the moon?
  - About 384,400 kilometres on average.
"""


def test_import_chatterbot_then_chat_from_it(isolated_home: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "greetings.yml").write_text(GREETINGS, encoding="utf-8")
    (corpus / "science.yml").write_text(SCIENCE, encoding="utf-8")
    target = tmp_path / "chatter.toml"
    imported = companion(
        isolated_home, "persona", "import-chatterbot", str(corpus), "--out", str(target)
    )
    assert imported.returncode == 0, err(imported)
    assert "5 conversations" in out(imported)
    assert companion(isolated_home, "persona", "validate", str(target)).returncode == 0

    questions = {
        "how are you doing?": "I am doing well, thank you for asking.",
        "what's your favorite colour": "Blue, like a clear sky.",
        "what is photosynthesis": "Plants turning sunlight, water and carbon dioxide into sugar and oxygen.",
        "how far is the moon from here?": "About 384,400 kilometres on average.",
    }
    result = companion(
        isolated_home,
        "chat",
        "--jsonl",
        "--persona",
        str(target),
        "--model",
        "wait",
        stdin="\n".join(questions) + "\n",
    )
    assert result.returncode == 0, err(result)
    replies = [json.loads(line)["reply"] for line in out(result).splitlines()]
    for reply, expected in zip(replies, questions.values(), strict=True):
        assert expected in reply


def test_import_rejects_files_that_are_not_chatterbot(isolated_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.yml"
    bad.write_text("just: a mapping\n", encoding="utf-8")
    result = companion(
        isolated_home, "persona", "import-chatterbot", str(bad), "--out", str(tmp_path / "x.toml")
    )
    assert (
        result.returncode == 2
        and "ChatterBot corpus" in err(result)
        and err(result).count("\n") == 1
    )


CARD = {
    "spec": "chara_card_v2",
    "spec_version": "2.0",
    "data": {
        "name": "Marlowe",
        "description": "A retired lighthouse keeper who loves storms.",
        "personality": "gruff, kind, patient",
        "scenario": "A stormy night in the lighthouse on the cliff.",
        "first_mes": "Come in out of the rain, {{user}}. Name's {{char}}.",
        "mes_example": "<START>\n{{user}}: do you get lonely up here?\n{{char}}: Never. The sea talks all night.",
        "alternate_greetings": ["Ah, a visitor. Mind the stairs."],
        "tags": ["sea", "lighthouse"],
        "creator": "someone",
        "character_book": {
            "entries": [
                {
                    "keys": ["the lamp", "lamp"],
                    "content": "The lamp is a Fresnel lens, lit every night since 1891.",
                    "enabled": True,
                }
            ]
        },
        "extensions": {},
    },
}


def _png_with_card(card: dict) -> bytes:  # type: ignore[type-arg]
    import base64
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    text = b"chara\x00" + base64.b64encode(json.dumps(card).encode())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", text)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_import_character_card_json_and_png(isolated_home: Path, tmp_path: Path) -> None:
    card_json = tmp_path / "marlowe.json"
    card_json.write_text(json.dumps(CARD), encoding="utf-8")
    card_png = tmp_path / "marlowe.png"
    card_png.write_bytes(_png_with_card(CARD))
    for source in (card_json, card_png):
        target = tmp_path / f"from-{source.suffix[1:]}.toml"
        imported = companion(
            isolated_home, "persona", "import-card", str(source), "--out", str(target)
        )
        assert imported.returncode == 0, err(imported)
        assert "(Marlowe)" in out(imported)
        result = companion(
            isolated_home,
            "chat",
            "--jsonl",
            "--persona",
            str(target),
            "--model",
            "lexical",
            "--user",
            source.suffix,
            stdin="do you get lonely up here?\ntell me about the lamp\n/new\n",
        )
        assert result.returncode == 0, err(result)
        replies = [json.loads(line) for line in out(result).splitlines()]
        assert "The sea talks all night." in replies[0]["reply"]
        assert "Fresnel lens" in replies[1]["reply"]
        assert replies[2]["reply"].startswith(
            ("Come in out of the rain, you. Name's Marlowe.", "Ah, a visitor. Mind the stairs.")
        )


def test_import_card_errors_are_one_line(isolated_home: Path, tmp_path: Path) -> None:
    not_card = tmp_path / "plain.png"
    not_card.write_bytes(_png_with_card(CARD).replace(b"chara", b"other"))
    result = companion(
        isolated_home, "persona", "import-card", str(not_card), "--out", str(tmp_path / "x.toml")
    )
    assert (
        result.returncode == 2
        and "no 'chara' chunk" in err(result)
        and err(result).count("\n") == 1
    )
