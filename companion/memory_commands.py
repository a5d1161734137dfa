"""``companion memory ...`` and ``companion user ...``: what she remembers, and who she knows."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from companion.errors import CompanionError, NotFoundError
from companion.memory.provenance import confidence_label, excerpt, sources

if TYPE_CHECKING:
    from companion.store import MemoryRecord, MessageRecord, Store

EXIT_OK = 0


def add_parsers(command: Any) -> None:
    """Register the ``memory`` and ``user`` sub-commands (``command`` makes one parser)."""
    memory = command("memory", "see, correct and delete what she remembers about you")
    actions = memory.add_subparsers(dest="memory_command", metavar="ACTION", required=True)
    listing = command("list", "everything she remembers about you", actions)
    listing.add_argument("--history", action="store_true", help="include replaced values")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = command("show", "one memory, with where it came from", actions)
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")
    edit = command("edit", "correct a memory's value", actions)
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("value", metavar="VALUE")
    forget = command("forget", "forget one memory (and its older values)", actions)
    forget.add_argument("id", type=int, metavar="ID")
    command("export", "all your memories and mood readings as JSON", actions)
    wipe = command("wipe", "forget everything about you (conversations stay)", actions)
    wipe.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    mood = command("mood", "a small chart of your mood over the last weeks", actions)
    mood.add_argument("--days", type=int, default=28, help="how many days (default 28)")
    mood.add_argument("--json", action="store_true", help="print daily averages as JSON")

    user = command("user", "list users on this database, or delete one entirely")
    user_actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    users = command("list", "users with their conversation and memory counts", user_actions)
    users.add_argument("--json", action="store_true", help="print JSON")
    delete = command("delete", "delete a user and everything of theirs", user_actions)
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask (your own profile)")
    delete.add_argument(
        "--confirm",
        default=None,
        metavar="NAME",
        help="the profile's name, typed: needed to delete another profile than your own",
    )


def _line(memory: MemoryRecord) -> str:
    from companion.memory.keeper import describe

    seen = memory.last_seen.astimezone().strftime("%Y-%m-%d")
    state = "" if memory.active else "  (replaced)"
    times = f" ×{memory.times_mentioned}" if memory.times_mentioned > 1 else ""
    return f"{memory.id:>5}  {memory.kind:<14} {describe(memory)}{times}  [{seen}]{state}"


def _json(memory: MemoryRecord, said: dict[int, MessageRecord]) -> dict[str, Any]:
    """A memory as JSON, with ``source``: the text of the message it came from, or null."""
    data = memory.to_json()
    source = said.get(memory.source_message_id or 0)
    data["source"] = source.text if source is not None else None
    return data


def _confirm(question: str, assume_yes: bool) -> None:
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise CompanionError(f"{question} Add --yes to confirm.")
    if input(f"{question} [y/N] ").strip().lower() not in {"y", "yes"}:
        raise CompanionError("cancelled; nothing was deleted")


def _confirm_by_name(name: str, current: str, confirmed: str | None) -> None:
    """Deleting another profile than one's own takes its name, typed (or --confirm NAME)."""
    if confirmed is not None:
        if confirmed != name:
            raise CompanionError(f"--confirm {confirmed!r} is not {name!r}; nothing was deleted")
        return
    if not sys.stdin.isatty():
        raise CompanionError(
            f"{name!r} is not your profile ({current!r}); to delete it, pass --confirm {name!r}"
        )
    typed = input(f"{name!r} is not your profile ({current!r}). Type its name to delete it: ")
    if typed.strip() != name:
        raise CompanionError("the name did not match; nothing was deleted")


def run_memory(args: argparse.Namespace, store: Store, user_name: str) -> int:
    user = store.profile(user_name)  # looking never creates a profile
    action = args.memory_command
    if action == "list":
        memories = store.memories(user, include_history=args.history)
        if args.json:
            said = sources(store, user, memories)
            listed = [_json(m, said) for m in memories]
            print(json.dumps(listed, ensure_ascii=False, indent=2))
        elif not memories:
            print(f"She doesn't remember anything about {user_name!r} yet.")
        else:
            print("\n".join(_line(m) for m in memories))
        return EXIT_OK
    if action == "show":
        memory = store.memory(user, args.id)
        said = sources(store, user, [memory])
        if args.json:
            print(json.dumps(_json(memory, said), ensure_ascii=False, indent=2))
            return EXIT_OK
        print(_line(memory))
        print(f"       confidence: {confidence_label(memory.confidence)}")
        source = said.get(memory.source_message_id or 0)
        if source is not None:
            day = source.created_at.astimezone().strftime("%Y-%m-%d")
            print(f"       learned from: \u201c{excerpt(source.text, 200)}\u201d ({day})")
        else:
            print("       learned from: no message kept (deleted, or not from a conversation)")
        return EXIT_OK
    if action == "edit":
        value = " ".join(args.value.split())
        if not value:
            raise CompanionError(
                "the new value must not be empty; use `memory forget ID` to delete"
            )
        print(_line(store.edit_memory(user, args.id, value)))
        return EXIT_OK
    if action == "forget":
        memory = store.forget_memory(user, args.id)
        print(f"forgot memory {memory.id} ({memory.kind}: {memory.value})")
        return EXIT_OK
    if action == "export":
        payload = {
            "user": user_name,
            "memories": [m.to_json() for m in store.memories(user, include_history=True)],
            "moods": [
                {"score": m.score, "label": m.label, "at": m.at.isoformat()}
                for m in store.moods(user)
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if action == "wipe":
        _confirm(f"Forget everything about {user_name!r}?", args.yes)
        count = store.wipe_memories(user)
        print(f"forgot {count} memories and every mood reading of {user_name!r}")
        return EXIT_OK
    from companion.memory.mood import daily_means, text_chart

    since = datetime.now(UTC) - timedelta(days=args.days)
    moods = store.moods(user, since=since)
    if args.json:
        print(json.dumps({str(d): round(v, 2) for d, v in daily_means(moods).items()}, indent=2))
    else:
        print(text_chart(moods, days=args.days))
    return EXIT_OK


def run_user(args: argparse.Namespace, store: Store, current: str) -> int:
    if args.user_command == "list":
        summaries = store.list_users()
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "name": s.user.name,
                            "conversations": s.conversations,
                            "messages": s.messages,
                            "memories": s.memories,
                        }
                        for s in summaries
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return EXIT_OK
        for s in summaries:
            print(
                f"{s.user.name:<24} {s.conversations:>4} conversations {s.messages:>6} messages {s.memories:>5} memories"
            )
        if not summaries:
            print("no users yet")
        return EXIT_OK
    if store.find_user(args.name) is None:
        raise NotFoundError(f"no user named {args.name!r}")
    if args.name == current:
        _confirm(f"Delete user {args.name!r} with all conversations and memories?", args.yes)
    else:
        _confirm_by_name(args.name, current, args.confirm)
    store.delete_user(args.name)
    print(f"deleted user {args.name!r} and everything of theirs")
    return EXIT_OK
