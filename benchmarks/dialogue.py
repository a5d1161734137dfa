"""Scripted multi-turn conversations: the share of turns she answers right, per failure kind.

Each conversation in ``benchmarks/dialogue/*.toml`` is a list of user turns, each annotated with
what a fitting reply may come from (``expect``: intent ids or globs, or ``fact``, ``review``,
``memory``, ``learned``, ``fallback``) and regular expressions it ``must`` and ``must_not`` match.
``dev.toml`` and ``dev2.toml`` are what the engine is tuned on; ``holdout.toml`` was written apart,
by helpers who saw only the list of intents, and is only measured.

    python benchmarks/dialogue.py                       # every set, dense (a warm engine)
    python benchmarks/dialogue.py --mode cli            # the default `companion chat --jsonl`, fresh home
    python benchmarks/dialogue.py --mode lexical        # no model at all (the worst first start)
    python benchmarks/dialogue.py --set holdout --misses  # print every miss with its conversation
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _common import REPO, ensure_temporary_home

SETS = REPO / "benchmarks" / "dialogue"
KINDS = ("mood", "about", "followup", "learning", "abilities", "favourites", "other")


@dataclass(frozen=True, slots=True)
class Turn:
    say: str
    kind: str
    expect: tuple[str, ...]
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    about: str
    turns: tuple[Turn, ...]


@dataclass(slots=True)
class Outcome:
    turn: Turn
    reply: str
    label: str
    right: bool
    why: str


@dataclass(slots=True)
class Tally:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, right: bool) -> None:
        self.total[kind] += 1
        self.total["all"] += 1
        self.right[kind] += right
        self.right["all"] += right

    def share(self, kind: str) -> str:
        total = self.total[kind]
        return (
            f"{100 * self.right[kind] / total:5.1f} % ({self.right[kind]}/{total})"
            if total
            else "-"
        )


def load_set(name: str) -> list[Conversation]:
    data = tomllib.loads((SETS / f"{name}.toml").read_text(encoding="utf-8"))
    conversations = []
    for raw in data["conversations"]:
        turns = tuple(
            Turn(
                say=t["say"],
                kind=t.get("kind", "other"),
                expect=tuple(t.get("expect", ())),
                must=tuple(t.get("must", ())),
                must_not=tuple(t.get("must_not", ())),
            )
            for t in raw["turns"]
        )
        conversations.append(Conversation(raw["id"], raw.get("about", ""), turns))
    return conversations


def label_of(sources: list[dict[str, object]]) -> str:
    """What a reply came from, in the annotations' terms: an intent id, ``fact``, ``memory``..."""
    if not sources:
        return "none"
    first = sources[0]
    kind, reference = str(first["kind"]), str(first["reference"])
    if kind in {"theme", "careful"} and "/" in reference:
        return reference.split("/", 1)[1].split("#", 1)[0]
    if kind == "memory-learned":
        return "learned"
    if kind.startswith("memory"):
        return "memory"
    return kind


def judged_labels(sources: list[dict[str, object]]) -> list[str]:
    """The labels a reply is judged by: its answer's, and what it wove into the text.

    A fact learned silently beside an answer ("my brother Luis said I'm selfish": answered, and
    Luis learned) is recorded as a source but says nothing to the person, so it does not make
    the reply "take it in"; greeting a new name does ("It's lovely to meet you, Wei. ...").
    """
    labels = []
    for position, source in enumerate(sources):
        label = label_of([source])
        woven = str(source.get("reference", "")).startswith("woven:")
        if label == "learned" and position > 0 and not woven:
            continue
        labels.append(label)
    return labels


def judge(turn: Turn, reply: str, label: str, labels: list[str]) -> tuple[bool, str]:
    """Right when the reply's source is one expected and it obeys ``must`` and ``must_not``.

    ``labels`` are all the sources of the reply: an acknowledgement woven into an answer counts
    by the answer it carries.
    """
    if turn.expect and not any(
        fnmatch.fnmatchcase(candidate, pattern)
        for pattern in turn.expect
        for candidate in labels or [label]
    ):
        return False, f"from {label}, expected {', '.join(turn.expect)}"
    for pattern in turn.must:
        if not re.search(pattern, reply, re.I):
            return False, f"lacks /{pattern}/"
    for pattern in turn.must_not:
        if re.search(pattern, reply, re.I):
            return False, f"matches forbidden /{pattern}/"
    return True, ""


class InProcess:
    """One engine for a whole set, a new user and conversation per scripted conversation."""

    def __init__(self, model: str, seed: int = 7) -> None:
        from companion.engine import Companion
        from companion.persona import load_persona
        from companion.store import Store

        folder = Path(tempfile.mkdtemp(prefix="companion-dialogue-"))
        self.model = model
        self.store = Store.open(f"sqlite:///{folder / 'dialogue.db'}")
        self.companion = Companion(self.store, load_persona(None), model=model, seed=seed)  # type: ignore[arg-type]
        if model == "wait" and not self.companion.model_ready:
            raise SystemExit(f"the model did not load: {self.companion.model_error}")

    def run(self, conversation: Conversation) -> list[tuple[str, list[dict[str, object]]]]:
        user = f"bench-{conversation.id}"
        record = self.companion.new_conversation(user)
        out = []
        for turn in conversation.turns:
            reply = self.companion.reply(user, record, turn.say)
            out.append((reply.text, [s.to_json() for s in reply.sources]))
        return out


class DefaultCli:
    """``companion chat --jsonl`` exactly as a script runs it, on one fresh COMPANION_HOME."""

    def __init__(self) -> None:
        self.home = tempfile.mkdtemp(prefix="companion-dialogue-")

    def run(self, conversation: Conversation) -> list[tuple[str, list[dict[str, object]]]]:
        env = {**os.environ, "COMPANION_HOME": self.home}
        env.pop("COMPANION_DB", None)
        lines = "".join(t.say.replace("\n", " ") + "\n" for t in conversation.turns)
        done = subprocess.run(
            [str(Path(sys.executable).with_name("companion")), "chat", "--jsonl",
             "--user", f"bench-{conversation.id}", "--conversation", "new"],
            input=lines, capture_output=True, text=True, env=env, timeout=600, check=False,
        )  # fmt: skip
        replies = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0 or len(replies) != len(conversation.turns):
            raise SystemExit(f"{conversation.id}: chat failed ({done.returncode}): {done.stderr}")
        return [(r.get("reply", r.get("error", "")), r.get("sources", [])) for r in replies]


def measure(
    runner: InProcess | DefaultCli, conversations: list[Conversation]
) -> tuple[Tally, list[tuple[Conversation, list[Outcome]]]]:
    tally = Tally()
    transcripts = []
    for conversation in conversations:
        outcomes = []
        for turn, (reply, sources) in zip(
            conversation.turns, runner.run(conversation), strict=True
        ):
            labels = judged_labels(sources)
            label = labels[0] if labels else "none"
            right, why = judge(turn, reply, label, labels)
            tally.add(turn.kind, right)
            outcomes.append(Outcome(turn, reply, label, right, why))
        transcripts.append((conversation, outcomes))
    return tally, transcripts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--set", action="append", dest="sets", help="dev, dev2, dev3, dev4, holdout (default: all)"
    )
    parser.add_argument("--mode", choices=["dense", "lexical", "cli"], default="dense")
    parser.add_argument("--misses", action="store_true", help="print every turn answered wrong")
    parser.add_argument("--transcripts", action="store_true", help="print every turn")
    parser.add_argument(
        "--seeds",
        type=int,
        default=1,
        help="in-process modes: also print the mean share right over this many reply seeds",
    )
    args = parser.parse_args()
    ensure_temporary_home()
    names = args.sets or sorted(p.stem for p in SETS.glob("*.toml"))
    runner: InProcess | DefaultCli
    runner = (
        DefaultCli()
        if args.mode == "cli"
        else InProcess("wait" if args.mode == "dense" else "lexical")
    )
    for name in names:
        conversations = load_set(name)
        tally, transcripts = measure(runner, conversations)
        print(
            f"\n== {name} ({len(conversations)} conversations, {tally.total['all']} turns, {args.mode})"
        )
        print(f"  all        {tally.share('all')}")
        for kind in KINDS:
            print(f"  {kind:<10} {tally.share(kind)}")
        missed_from: defaultdict[str, int] = defaultdict(int)
        for conversation, outcomes in transcripts:
            for outcome in outcomes:
                if not outcome.right:
                    missed_from[outcome.label] += 1
                if args.transcripts or (args.misses and not outcome.right):
                    mark = "ok  " if outcome.right else "MISS"
                    print(f"{mark} [{conversation.id} {outcome.turn.kind}] {outcome.turn.say}")
                    print(f"       -> ({outcome.label}) {outcome.reply[:160]}")
                    if outcome.why:
                        print(f"       {outcome.why}")
        worst = sorted(missed_from.items(), key=lambda item: -item[1])[:6]
        print("  most misses came from: " + ", ".join(f"{k} ({v})" for k, v in worst))
        if args.seeds > 1 and args.mode != "cli":
            # Which of several fitting replies is drawn varies with the seed, and with it the
            # turns a must/must_not pattern judges: the mean over seeds is the steadier figure.
            shares = [tally.right["all"] / tally.total["all"]]
            for seed in range(1, args.seeds):
                again, _ = measure(InProcess(runner.model, seed=seed), conversations)
                shares.append(again.right["all"] / again.total["all"])
            mean = 100 * sum(shares) / len(shares)
            print(
                f"  mean over {args.seeds} seeds: {mean:.1f} % ("
                + ", ".join(f"{100 * x:.1f}" for x in shares)
                + ")"
            )


if __name__ == "__main__":
    main()
