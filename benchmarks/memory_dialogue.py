"""Multi-session histories: does she remember what was said in passing, in a later process?

Each history in ``benchmarks/memory_dialogue/*.toml`` is a few sessions of ordinary talk (each a
new ``companion chat --jsonl`` process and a new conversation, on one fresh COMPANION_HOME),
then questions asked in one more process and conversation, each with regular expressions the
answer ``must`` and ``must_not`` match. ``dev.toml`` is what the memory rules were tuned on;
``holdout.toml`` was written apart, blind to the code, and is only measured.

    python benchmarks/memory_dialogue.py                 # every set, through the CLI
    python benchmarks/memory_dialogue.py --set holdout
    python benchmarks/memory_dialogue.py --set dev --mode inprocess --misses   # quicker

It prints, per set:
- recall: the share of questions answered right (kinds recall, pronoun and update together,
  and each kind alone); isolation questions are asked by another user, who must learn nothing;
- precision: the share of stored memories whose value is in what the user said (nothing she
  keeps was made up);
- junk: the share of stored memories that are no fact (a question, markup, over 80 characters).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, ensure_temporary_home

SETS = REPO / "benchmarks" / "memory_dialogue"
JUNK = re.compile(r"\?|<[^>]+>|\[/?\w+\]|[{}`;]")
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Question:
    ask: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    kind: str
    other_user: bool


@dataclass(frozen=True, slots=True)
class History:
    id: str
    sessions: tuple[tuple[str, ...], ...]
    questions: tuple[Question, ...]


def load_set(name: str) -> list[History]:
    data = tomllib.loads((SETS / f"{name}.toml").read_text(encoding="utf-8"))
    return [
        History(
            raw["id"],
            tuple(tuple(s["turns"]) for s in raw["sessions"]),
            tuple(
                Question(
                    q["ask"],
                    tuple(q.get("must", ())),
                    tuple(q.get("must_not", ())),
                    q.get("kind", "recall"),
                    q.get("user", "") == "other",
                )
                for q in raw["questions"]
            ),
        )
        for raw in data["histories"]
    ]


class Cli:
    """``companion chat --jsonl`` as a script runs it; one process per session."""

    def __init__(self) -> None:
        self.home = tempfile.mkdtemp(prefix="companion-memory-dialogue-")
        self.env = {**os.environ, "COMPANION_HOME": self.home}
        self.env.pop("COMPANION_DB", None)
        self.program = str(Path(sys.executable).with_name("companion"))

    def chat(self, user: str, lines: list[str]) -> list[str]:
        done = subprocess.run(
            [self.program, "chat", "--jsonl", "--user", user, "--conversation", "new"],
            input="".join(line.replace("\n", " ") + "\n" for line in lines),
            capture_output=True, text=True, env=self.env, timeout=600, check=False,
        )  # fmt: skip
        replies = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0 or len(replies) != len(lines):
            raise SystemExit(f"{user}: chat failed ({done.returncode}): {done.stderr}")
        return [str(r.get("reply", r.get("error", ""))) for r in replies]

    def memories(self, user: str) -> list[dict[str, object]]:
        done = subprocess.run(
            [self.program, "memory", "--user", user, "list", "--json", "--history"],
            capture_output=True, text=True, env=self.env, timeout=120, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            return []  # a user she never met has no memories (and is not created by reading)
        data = json.loads(done.stdout or "[]")
        return list(data if isinstance(data, list) else data.get("memories", []))


class InProcess:
    """One warm engine, a new conversation per session: quicker, for reading misses."""

    def __init__(self) -> None:
        from companion.engine import Companion
        from companion.persona import load_persona
        from companion.store import Store

        folder = Path(tempfile.mkdtemp(prefix="companion-memory-dialogue-"))
        self.store = Store.open(f"sqlite:///{folder / 'memory.db'}")
        self.companion = Companion(self.store, load_persona(None), model="wait", seed=7)

    def chat(self, user: str, lines: list[str]) -> list[str]:
        conversation = self.companion.new_conversation(user)
        return [self.companion.reply(user, conversation, line).text for line in lines]

    def memories(self, user: str) -> list[dict[str, object]]:
        record = self.store.find_user(user)
        if record is None:
            return []
        return [{"value": m.value} for m in self.store.memories(record, include_history=True)]


def right(question: Question, reply: str) -> bool:
    return all(re.search(p, reply) for p in question.must) and not any(
        re.search(p, reply) for p in question.must_not
    )


def said_words(history: History) -> set[str]:
    return {
        w for session in history.sessions for line in session for w in WORD.findall(line.lower())
    }


def in_what_was_said(value: str, words: set[str]) -> bool:
    """A stored value is the user's own words when every content word of it was said."""
    content = [w for w in WORD.findall(value.lower()) if len(w) > 2]
    return all(w in words for w in content)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--set", action="append", dest="sets", help="dev, holdout (default: all)")
    parser.add_argument("--misses", action="store_true", help="print every question answered wrong")
    parser.add_argument(
        "--mode",
        choices=["cli", "inprocess"],
        default="cli",
        help="cli: a new process per session (the figure); inprocess: one warm engine",
    )
    args = parser.parse_args()
    ensure_temporary_home()
    names = args.sets or sorted(p.stem for p in SETS.glob("*.toml"))
    for name in names:
        histories = load_set(name)
        cli: Cli | InProcess = Cli() if args.mode == "cli" else InProcess()
        asked: Counter[str] = Counter()
        answered: Counter[str] = Counter()
        stored = kept_true = junk = 0
        misses = []
        for history in histories:
            user = f"memory-{history.id}"
            for session in history.sessions:
                cli.chat(user, list(session))
            own = [q for q in history.questions if not q.other_user]
            other = [q for q in history.questions if q.other_user]
            replies = list(zip(own, cli.chat(user, [q.ask for q in own]), strict=True))
            if other:
                replies += zip(
                    other, cli.chat(f"{user}-other", [q.ask for q in other]), strict=True
                )
            for question, reply in replies:
                ok = right(question, reply)
                asked[question.kind] += 1
                answered[question.kind] += ok
                if not question.other_user:
                    asked["all"] += 1
                    answered["all"] += ok
                if not ok:
                    misses.append((history.id, question, reply))
            words = said_words(history)
            for memory in cli.memories(user):
                value = str(memory.get("value", ""))
                stored += 1
                kept_true += in_what_was_said(value, words)
                junk += bool(JUNK.search(value)) or len(value) > 80
        print(f"\n== {name} ({len(histories)} histories, {asked['all']} questions)")
        for kind in ("all", "recall", "pronoun", "update", "isolation"):
            if asked[kind]:
                share = 100 * answered[kind] / asked[kind]
                print(f"  {kind:<10} {share:5.1f} % ({answered[kind]}/{asked[kind]})")
        if stored:
            print(f"  precision  {100 * kept_true / stored:5.1f} % ({kept_true}/{stored} memories)")
            print(f"  junk       {100 * junk / stored:5.1f} % ({junk}/{stored} memories)")
        if args.misses:
            for history_id, question, reply in misses:
                print(f"MISS [{history_id} {question.kind}] {question.ask}")
                print(f"       -> {reply[:200]}")
                print(f"       must {question.must} must_not {question.must_not}")


if __name__ == "__main__":
    main()
