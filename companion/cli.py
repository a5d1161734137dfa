"""The command line: argument parsing, sub-commands, one-line errors and exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from companion import locations
from companion.errors import CompanionError

if TYPE_CHECKING:
    from companion.engine import Companion
    from companion.store import ConversationRecord, Store

EXIT_OK = 0
EXIT_USAGE = 2


def default_user() -> str:
    try:
        return getpass.getuser() or "me"
    except (KeyError, OSError):
        return "me"


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options every command takes, before or after the sub-command name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--user", default=default, help="whose conversations (default: login name)")
    parser.add_argument("--db", default=default, metavar="URL", help="SQLAlchemy database URL")
    parser.add_argument(
        "--persona", default=default, metavar="PATH|NAME", help="persona file or name"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Talk to Samantha, an offline companion inspired by the film Her (2013).",
    )
    _common(parser, suppress=False)
    parser.add_argument("--new", action="store_true", help="start a new conversation")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, parent: Any = commands) -> argparse.ArgumentParser:
        sub = parent.add_parser(name, help=help_text, description=help_text)
        _common(sub, suppress=True)
        return sub

    chat = command("chat", "chat line by line in any terminal or script")
    chat.add_argument(
        "--conversation",
        default=None,
        metavar="ID|last|new",
        help="which conversation to continue (default: last)",
    )
    chat.add_argument(
        "--jsonl",
        action="store_true",
        help="read one message per line, write one JSON object per line",
    )
    chat.add_argument(
        "--seed",
        type=int,
        default=None,
        help="make replies repeatable (waits for the model unless --model lexical)",
    )
    chat.add_argument(
        "--model",
        choices=["background", "wait", "lexical"],
        default="background",
        help="embedding model: load in background (default in a terminal), wait for it"
        " (default when input is piped), or never",
    )

    persona = command("persona", "check, create and list persona files")
    persona_commands = persona.add_subparsers(
        dest="persona_command", metavar="ACTION", required=True
    )
    validate = command(
        "validate", "check a persona file and report the first problem", persona_commands
    )
    validate.add_argument("path", metavar="PATH")
    new = command(
        "new", "write an editable copy of a persona into your config folder", persona_commands
    )
    new.add_argument("name", metavar="NAME")
    new.add_argument(
        "--from",
        dest="base",
        default=None,
        metavar="PERSONA",
        help="persona to copy (default: samantha)",
    )
    command("list", "list bundled and user personas", persona_commands)
    chatterbot = command(
        "import-chatterbot",
        "write a persona whose corpus is ChatterBot corpus YAML files",
        persona_commands,
    )
    chatterbot.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    chatterbot.add_argument("--out", type=Path, required=True, metavar="FILE.toml")
    chatterbot.add_argument("--name", default="Chatter", help="the persona's name")
    card = command(
        "import-card",
        "write a persona from a Character Card V2 (JSON, or PNG with a 'chara' chunk)",
        persona_commands,
    )
    card.add_argument("path", type=Path, metavar="CARD")
    card.add_argument("--out", type=Path, required=True, metavar="FILE.toml")

    serve = command("serve", "serve the app in a web browser, behind a login token")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow a --host beyond loopback (the login token is still required)",
    )
    serve.add_argument(
        "--public-url", default=None, metavar="URL", help="the address browsers use, if not --host"
    )
    serve.add_argument(
        "--max-sessions", type=int, default=4, help="app sessions open at once (default 4)"
    )

    conversations = command("conversations", "list, show, export and delete conversations")
    conversation_commands = conversations.add_subparsers(
        dest="conversations_command", metavar="ACTION", required=True
    )
    listing = command("list", "list your conversations, newest first", conversation_commands)
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = command("show", "print a conversation", conversation_commands)
    show.add_argument("id", metavar="ID|last")
    show.add_argument("--json", action="store_true", help="print JSON")
    export = command("export", "export a conversation as Markdown or JSON", conversation_commands)
    export.add_argument("id", metavar="ID|last")
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument("--output", "-o", type=Path, default=None, help="file (default: stdout)")
    delete = command("delete", "delete a conversation and its messages", conversation_commands)
    delete.add_argument("id", metavar="ID")

    from companion.memory_commands import add_parsers
    from companion.safety_commands import add_parsers as add_safety_parsers

    add_parsers(command)
    add_safety_parsers(command)
    return parser


# helpers ---------------------------------------------------------------------------------
def open_store(args: argparse.Namespace) -> Store:
    from companion.store import Store

    return Store.open(args.db or locations.default_database_url())


TEST_ENCODER_VARIABLE = "COMPANION_TEST_ENCODER"


def open_companion(
    args: argparse.Namespace, model: str = "background", seed: int | None = None
) -> Companion:
    from companion.engine import Companion
    from companion.persona import load_persona

    persona = load_persona(args.persona)
    store = open_store(args)
    if os.environ.get(TEST_ENCODER_VARIABLE) == "hashing":
        # For the test suite only: the small hashing encoder instead of the real model, so a
        # subprocess test costs no model export (see tests/conftest.py).
        from companion.engine.encoder import HashingEncoder

        return Companion(store, persona, encoder_factory=HashingEncoder, model=model, seed=seed)  # type: ignore[arg-type]
    return Companion(store, persona, model=model, seed=seed)  # type: ignore[arg-type]


def _user_name(args: argparse.Namespace) -> str:
    name = " ".join((args.user or default_user()).split())
    if not name or len(name) > 200:
        raise CompanionError("--user must be 1 to 200 characters")
    return name


def _conversation(store: Store, user_name: str, selector: str) -> ConversationRecord:
    from companion.errors import NotFoundError

    user = store.profile(user_name)
    if selector == "last":
        latest = store.latest_conversation(user)
        if latest is None:
            raise NotFoundError(f"user {user_name!r} has no conversations yet")
        return latest
    if not selector.isdigit():
        raise NotFoundError(f"conversation must be a number or 'last', not {selector!r}")
    return store.conversation(user, int(selector))


def _lines(stream: TextIO) -> Iterator[str]:
    """Input lines split on '\\n' only: a stray '\\r' or other control byte stays inside its line."""
    for raw in stream.buffer:
        yield raw.rstrip(b"\n").removesuffix(b"\r").decode("utf-8", errors="replace")


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# commands --------------------------------------------------------------------------------
def run_chat(args: argparse.Namespace) -> int:
    selector = args.conversation or ("new" if getattr(args, "new", False) else "last")
    seed = getattr(args, "seed", None)
    model = getattr(args, "model", "background")
    if model == "background" and (seed is not None or not sys.stdin.isatty()):
        # Repeatable replies need one retriever from the first line on; and a script piping
        # lines in gets every line answered as well as a warm session would (the model is
        # ready in about a second once its first start has exported and embedded it).
        model = "wait"
    companion = open_companion(args, model=model, seed=seed)
    user = _user_name(args)
    conversation = _when_free(lambda: companion.resolve_conversation(user, selector))
    if getattr(args, "jsonl", False):
        return _chat_jsonl(companion, user, conversation)
    return _chat_plain(companion, user, conversation)


def _chat_jsonl(companion: Companion, user: str, conversation: ConversationRecord) -> int:
    for line in _lines(sys.stdin):
        if line.strip() == "/new":
            conversation = _when_free(lambda: companion.new_conversation(user))
            _emit(
                {
                    "reply": companion.greet(user, conversation),
                    "conversation_id": conversation.id,
                    "new_conversation": True,
                    "sources": [],
                    "latency_ms": 0.0,
                }
            )
            continue
        try:
            payload = _when_free(
                lambda c=conversation, t=line: companion.reply(user, c, t).to_json()  # type: ignore[misc]
            )
        except CompanionError as error:  # one JSON object for every input line, always
            payload = {"error": str(error), "conversation_id": conversation.id}
        _emit(payload)
    return EXIT_OK


LOCK_RETRY_SECONDS = 300.0
T = TypeVar("T")


def _when_free(call: Callable[[], T]) -> T:
    """``call()``, waiting out a database another program keeps locked (each try already waits
    the busy timeout) for up to LOCK_RETRY_SECONDS; other errors are raised at once."""
    import time

    from companion.errors import StoreError

    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    while True:
        try:
            return call()
        except StoreError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _chat_plain(companion: Companion, user: str, conversation: ConversationRecord) -> int:
    name = companion.persona.name
    interactive = sys.stdin.isatty()
    history = companion.store.recent_messages(conversation.id, 6)
    for message in history:
        speaker = "you" if message.role == "user" else name
        print(f"{speaker}: {message.text}")
    print(f"{name}: {companion.greet(user, conversation)}")
    if interactive:
        print("(type /new for a new conversation, /quit or Ctrl-D to leave)")
    for line in _prompted_lines(interactive):
        command = line.strip()
        if command in {"/quit", "/exit"}:
            break
        if command == "/new":
            conversation = companion.new_conversation(user)
            print(f"{name}: {companion.greet(user, conversation)}")
            continue
        print(f"{name}: {companion.reply(user, conversation, line).text}", flush=True)
    print(
        f"{name}: {companion.composer.farewell(name=companion.memory.name_for(companion.user(user)))}"
    )
    return EXIT_OK


def _prompted_lines(interactive: bool) -> Iterator[str]:
    if not interactive:
        yield from _lines(sys.stdin)
        return
    while True:
        try:
            yield input("you> ")
        except EOFError:
            print()
            return


def run_app(args: argparse.Namespace) -> int:
    """The Textual app; heavy work (store, engine, model) starts in its workers after first paint."""
    from companion.persona import load_persona
    from companion.tui.app import AppOptions, CompanionApp

    options = AppOptions(
        user=_user_name(args),
        db_url=args.db or locations.default_database_url(),
        persona=load_persona(args.persona),
        new_conversation=bool(getattr(args, "new", False)),
        typing_indicator=os.environ.get("COMPANION_TYPING", "1") != "0",
    )
    app = CompanionApp(options)
    app.run()
    # A bad URL or a corrupt database is found by the app's engine worker after first paint;
    # the app then exits with code 2 and the one-line message (printed by Textual on exit).
    return app.return_code or EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    import shlex

    from companion.serve import PrivateServer, is_loopback, served_url

    url = served_url(args.host, args.port, args.public, args.public_url)
    if args.max_sessions < 1:
        raise CompanionError("--max-sessions must be at least 1")
    command = [sys.executable, "-m", "companion", "--user", _user_name(args)]
    if args.persona:
        command += ["--persona", args.persona]
    if args.db:
        # In the environment, not on the command line: another account can read `ps`.
        os.environ[locations.DB_ENV] = args.db
    if not is_loopback(args.host):
        print(
            f"warning: serving beyond this machine on {url}; anyone with the token can read "
            "and write your conversations, and without https it crosses the network in clear",
            file=sys.stderr,
        )
    server = PrivateServer(
        shlex.join(command),
        host=args.host,
        port=args.port,
        public_url=url,
        max_sessions=args.max_sessions,
    )
    server.serve()
    return EXIT_OK


def run_persona(args: argparse.Namespace) -> int:
    from companion.persona import list_personas, load_persona, write_persona_copy

    if args.persona_command == "validate":
        persona = load_persona(Path(args.path))
        from companion.engine.corpus import load_corpus

        corpus = load_corpus(persona)
        print(
            f"{args.path}: ok ({persona.name}: {corpus.reply_count} replies in "
            f"{len(corpus.themes)} themes, {len(corpus.facts)} facts, "
            f"{len(corpus.passages)} review passages)"
        )
        return EXIT_OK
    if args.persona_command == "new":
        target = write_persona_copy(args.name, args.base)
        print(f"wrote {target}; edit it, then: companion --persona {target.stem}")
        return EXIT_OK
    if args.persona_command == "import-card":
        from companion.importers import import_character_card

        folder, count = import_character_card(args.path, args.out)
        persona = load_persona(args.out)
        print(f"wrote {args.out} ({persona.name}) and {folder}/ ({count} entries)")
        return EXIT_OK
    if args.persona_command == "import-chatterbot":
        from companion.importers import import_chatterbot

        folder, count = import_chatterbot(args.paths, args.out, args.name)
        load_persona(args.out)  # what we wrote must validate
        print(f"wrote {args.out} and {folder}/ ({count} conversations)")
        return EXIT_OK
    for entry in list_personas():
        print(f"{entry['name']:<20} {entry['origin']:<8} {entry['path']}")
    return EXIT_OK


def run_conversations(args: argparse.Namespace) -> int:
    from companion.export import conversation_json, conversation_markdown, conversation_text

    store = open_store(args)
    user_name = _user_name(args)
    action = args.conversations_command
    if action == "list":
        summaries = store.list_conversations(store.profile(user_name))
        if getattr(args, "json", False):
            print(json.dumps([s.to_json() for s in summaries], ensure_ascii=False, indent=2))
        elif not summaries:
            print(f"no conversations yet for {user_name!r}")
        for summary in [] if getattr(args, "json", False) else summaries:
            c = summary.conversation
            when = c.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"{c.id:>5}  {when}  {summary.message_count:>4} msgs  {c.title or '(untitled)'}")
        return EXIT_OK
    conversation = _conversation(store, user_name, args.id)
    if action == "delete":
        store.delete_conversation(store.profile(user_name), conversation.id)
        print(f"deleted conversation {conversation.id}")
        return EXIT_OK
    messages = store.messages(conversation.id)
    if action == "show":
        if getattr(args, "json", False):
            print(
                json.dumps(conversation_json(conversation, messages), ensure_ascii=False, indent=2)
            )
        else:
            print(conversation_text(conversation, messages))
        return EXIT_OK
    rendered = (
        json.dumps(conversation_json(conversation, messages), ensure_ascii=False, indent=2)
        if args.format == "json"
        else conversation_markdown(conversation, messages)
    )
    if args.output:
        try:
            from companion.files import write_private_text

            write_private_text(args.output, rendered + "\n")
        except OSError as error:
            raise CompanionError(f"cannot write {args.output}: {error.strerror}") from None
        print(f"exported conversation {conversation.id} to {args.output}")
    else:
        print(rendered)
    return EXIT_OK


def run_memory(args: argparse.Namespace) -> int:
    from companion.memory_commands import run_memory as run

    return run(args, open_store(args), _user_name(args))


def run_user(args: argparse.Namespace) -> int:
    from companion.memory_commands import run_user as run

    return run(args, open_store(args), _user_name(args))


def run_safety(args: argparse.Namespace) -> int:
    from companion.safety_commands import run_safety as run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    handlers = {
        "persona": run_persona,
        "conversations": run_conversations,
        "memory": run_memory,
        "user": run_user,
        "serve": run_serve,
        "chat": run_chat,
        "safety": run_safety,
    }
    try:
        return handlers.get(args.command, run_app)(args)
    except CompanionError as error:
        print(f"companion: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say, and nothing was lost.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
