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
