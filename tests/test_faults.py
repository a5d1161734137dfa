"""Faults a real machine has: a process killed mid-conversation, two processes on one database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from companion.store import Store
from tests.conftest import run_env
from tests.test_cli import companion


def chat_process(home: Path, db: str, user: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion",
            "chat",
            "--jsonl",
            "--model",
            "lexical",
            "--user",
            user,
            "--db",
            db,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=run_env(home),
    )


def test_sigkill_mid_conversation_loses_no_committed_turn(
    isolated_home: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'kill.db'}"
    process = chat_process(isolated_home, db, "alice")
    assert process.stdin is not None and process.stdout is not None
    answered = []
    for number in range(30):
        process.stdin.write(f"message number {number} about the sea\n".encode())
        process.stdin.flush()
        answered.append(json.loads(process.stdout.readline()))
    # More lines in flight, then the hard kill while it is working on them.
    process.stdin.write(b"".join(f"late message {n}\n".encode() for n in range(50)))
    process.stdin.flush()
    time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

    store = Store.open(db)  # the next start is clean
    user = store.user("alice")
    [summary] = store.list_conversations(user)
    messages = store.messages(summary.conversation.id)
    texts = [m.text for m in messages]
    for number in range(30):
        assert f"message number {number} about the sea" in texts
    assert len(messages) % 2 == 0  # a turn is stored whole or not at all
    assert [m.role for m in messages] == ["user", "assistant"] * (len(messages) // 2)
    follow = companion(
        isolated_home,
        "chat",
        "--jsonl",
        "--model",
        "lexical",
        "--user",
        "alice",
        "--db",
        db,
        stdin="are you still there?\n",
    )
    assert (
        follow.returncode == 0
        and json.loads(follow.stdout)["conversation_id"] == summary.conversation.id
    )


def test_two_processes_chat_on_one_database_at_once(isolated_home: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    lines = {user: [f"{user} says hello number {n}" for n in range(60)] for user in ("ann", "ben")}
    processes = {user: chat_process(isolated_home, db, user) for user in lines}
    for user, process in processes.items():
        assert process.stdin is not None
        process.stdin.write(("\n".join(lines[user]) + "\n").encode())
        process.stdin.close()
    results = {
        user: (process.stdout.read(), process.stderr.read(), process.wait(timeout=180))  # type: ignore[union-attr]
        for user, process in processes.items()
    }
    store = Store.open(db)
    for user, (stdout, stderr, code) in results.items():
        assert code == 0, stderr.decode()
        assert b"locked" not in stderr
        assert len(stdout.decode().splitlines()) == len(lines[user])
        [summary] = store.list_conversations(store.user(user))
        said = [m.text for m in store.messages(summary.conversation.id) if m.role == "user"]
        assert said == lines[user]
