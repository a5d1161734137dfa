"""Runs in /work/main/.venv: build companion from a ChatterBot corpus and answer questions.

Usage: .venv/bin/python companion_worker.py CONFIG.json OUT.json   (COMPANION_HOME must be set)

CONFIG: {"db_url": SQLAlchemy URL, "persona": toml path, "import_paths": [yml files or folders]
         (empty: the persona exists already), "questions": [text, ...], "max_reply_seconds": 30}
OUT: like chatterbot_worker.py: replies, seconds, t_start, t_ready, t_first_reply,
     train_seconds (import + model load + embedding of corpus keys not yet cached), peak_rss_mb.

Each question is asked in a fresh conversation (companion never repeats a reply within 20 turns
of one conversation, which would distort an accuracy count).
"""

import time

T_START = time.time()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> None:
    if not os.environ.get("COMPANION_HOME"):
        sys.exit("set COMPANION_HOME to a temporary folder")
    config = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out_path = Path(sys.argv[2])
    from companion.engine import Companion
    from companion.importers import import_chatterbot
    from companion.persona import load_persona
    from companion.store import Store

    result = {"t_start": T_START, "stopped": None, "replies": [], "seconds": []}
    started = time.perf_counter()
    persona_path = Path(config["persona"])
    if config.get("import_paths"):
        import_chatterbot([Path(p) for p in config["import_paths"]], persona_path)
    bot = Companion(Store.open(config["db_url"]), load_persona(persona_path), model="wait", seed=1)
    if bot.model_error:
        result["stopped"] = bot.model_error
    result["train_seconds"] = time.perf_counter() - started
    result["embedded_texts"] = bot.embedded_texts
    result["t_ready"] = time.time()
    limit = config.get("max_reply_seconds", 30)
    for n, question in enumerate(config["questions"]):
        conversation = bot.new_conversation("bench")
        began = time.perf_counter()
        reply = bot.reply("bench", conversation, question)
        elapsed = time.perf_counter() - began
        if n == 0:
            result["t_first_reply"] = time.time()
        result["replies"].append(reply.text)
        result["seconds"].append(elapsed)
        if elapsed > limit:
            result["stopped"] = f"one reply took {elapsed:.1f} s (> {limit} s)"
            break
    result["retrieval"] = "dense" if bot.model_ready else "lexical"
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out_path.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
