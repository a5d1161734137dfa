"""End to end: the ``companion`` command in a subprocess, on a temporary database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_env


def companion(
    home: Path, *args: str, stdin: str = "", real_model: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        env=run_env(home, real_model=real_model),
        timeout=300,
        check=False,
    )  # type: ignore[return-value]


def out(result: subprocess.CompletedProcess) -> str:  # type: ignore[type-arg]
    return result.stdout.decode("utf-8")


def err(result: subprocess.CompletedProcess) -> str:  # type: ignore[type-arg]
    return result.stderr.decode("utf-8")


def jsonl(home: Path, lines: list[str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = companion(
        home, "chat", "--jsonl", "--user", "alice", *args, stdin="\n".join(lines) + "\n"
    )
    assert result.returncode == 0, err(result)
    return [json.loads(line) for line in out(result).splitlines()]


def test_jsonl_answers_every_line_even_hostile_ones(isolated_home: Path) -> None:
    lines = [
        "hello",
        "",
        "\x01\x02\x07 bell \x1b[2J",
        "\u202eRTL override",
        "[bold]markup[/bold] <script>alert(1)</script>",
        "'; DROP TABLE messages; --",
        "a\rb\tc",
        "y" * 200_000,
        "who directed Her?",
    ]
    replies = jsonl(isolated_home, lines)
    assert len(replies) == len(lines)
    for reply in replies:
        assert isinstance(reply["reply"], str) and reply["reply"].strip()
        assert isinstance(reply["conversation_id"], int)
        assert isinstance(reply["sources"], list) and isinstance(reply["latency_ms"], float)
    assert "Spike Jonze" in replies[-1]["reply"]
    assert len({r["conversation_id"] for r in replies}) == 1


def test_new_starts_a_new_conversation_and_says_so(isolated_home: Path) -> None:
    replies = jsonl(isolated_home, ["hi", "/new", "how are you?"])
    assert replies[1]["new_conversation"] is True
    assert replies[1]["conversation_id"] != replies[0]["conversation_id"]
    assert replies[2]["conversation_id"] == replies[1]["conversation_id"]


def test_conversations_persist_and_can_be_managed(isolated_home: Path, tmp_path: Path) -> None:
    first = jsonl(isolated_home, ["who plays Theodore?"])[0]
    again = jsonl(isolated_home, ["and who plays Samantha?"])[0]
    assert again["conversation_id"] == first["conversation_id"]  # default: continue the last one
    conversation_id = str(first["conversation_id"])

    listing = companion(isolated_home, "conversations", "list", "--json", "--user", "alice")
    summaries = json.loads(out(listing))
    assert [(s["id"], s["message_count"], s["title"]) for s in summaries] == [
        (first["conversation_id"], 4, "who plays Theodore?")
    ]
    shown = out(companion(isolated_home, "conversations", "show", "last", "--user", "alice"))
    assert "Joaquin Phoenix" in shown and "and who plays Samantha?" in shown

    target = tmp_path / "export.md"
    exported = companion(
        isolated_home,
        "conversations",
        "export",
        conversation_id,
        "--format",
        "md",
        "-o",
        str(target),
        "--user",
        "alice",
    )
    assert exported.returncode == 0, err(exported)
    markdown = target.read_text()
    assert markdown.startswith("# who plays Theodore?") and "**Samantha**" in markdown
    as_json = json.loads(
        out(
            companion(
                isolated_home,
                "conversations",
                "export",
                conversation_id,
                "--format",
                "json",
                "--user",
                "alice",
            )
        )
    )
    assert [m["role"] for m in as_json["messages"]] == ["user", "assistant"] * 2

    other = companion(isolated_home, "conversations", "show", conversation_id, "--user", "bob")
    assert other.returncode == 2 and "no conversation" in err(other)

    deleted = companion(
        isolated_home, "conversations", "delete", conversation_id, "--user", "alice"
    )
    assert deleted.returncode == 0
    assert (
        json.loads(
            out(companion(isolated_home, "conversations", "list", "--json", "--user", "alice"))
        )
        == []
    )


def test_explicit_conversation_selection(isolated_home: Path) -> None:
    first = jsonl(isolated_home, ["hi"])[0]["conversation_id"]
    fresh = jsonl(isolated_home, ["hi"], "--conversation", "new")[0]["conversation_id"]
    back = jsonl(isolated_home, ["hello again"], "--conversation", str(first))[0]["conversation_id"]
    assert fresh != first and back == first
    missing = companion(isolated_home, "chat", "--jsonl", "--conversation", "999", stdin="hi\n")
    assert missing.returncode == 2 and err(missing).count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "notadialect://x"], "invalid database URL"),
        (["--persona", "/nonexistent/persona.toml"], "persona file not found"),
        (["--persona", "nobody"], "no persona named 'nobody'"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(
    isolated_home: Path, args: list[str], message: str
) -> None:
    result = companion(isolated_home, "chat", "--jsonl", *args, stdin="hi\n")
    assert result.returncode == 2
    assert message in err(result) and err(result).count("\n") == 1
    assert "Traceback" not in err(result) and out(result) == ""


def test_corrupt_database_is_refused_and_untouched(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    content = b"Dear diary, this is not SQLite.\n" * 64
    path.write_bytes(content)
    result = companion(isolated_home, "chat", "--jsonl", "--db", f"sqlite:///{path}", stdin="hi\n")
    assert result.returncode == 2 and "not a companion database" in err(result)
    assert path.read_bytes() == content


def test_persona_new_then_chat_with_it(isolated_home: Path) -> None:
    created = companion(isolated_home, "persona", "new", "Nova")
    assert created.returncode == 0, err(created)
    assert (isolated_home / "config" / "personas" / "nova.toml").is_file()
    replies = jsonl(isolated_home, ["who directed her?"], "--persona", "nova")
    assert "Spike Jonze" in replies[0]["reply"]
    listed = out(companion(isolated_home, "persona", "list"))
    assert "nova" in listed and "samantha" in listed


def test_plain_chat_reads_lines_and_says_goodbye(isolated_home: Path) -> None:
    result = companion(isolated_home, "chat", "--user", "carol", stdin="hello\nwho plays Paul?\n")
    assert result.returncode == 0, err(result)
    lines = out(result).splitlines()
    assert lines[0].startswith("Samantha: ")
    assert any("Chris Pratt" in line for line in lines)


@pytest.mark.model
def test_quitting_while_the_model_loads_exits_cleanly(model_cache: Path) -> None:
    # Before close() ran at exit, about half of these ended in "terminate called without an
    # active exception" (exit 134): the model was loading inside a native thread pool.
    warm = ("chat", "--jsonl", "--model", "wait")
    companion(model_cache, *warm, stdin="hi\n", real_model=True)  # warm the caches
    for _ in range(6):
        result = companion(
            model_cache,
            "chat",
            "--jsonl",
            "--model",
            "background",
            stdin="hello\n",
            real_model=True,
        )
        assert result.returncode == 0, err(result)
        assert "terminate" not in err(result) and len(out(result).splitlines()) == 1
