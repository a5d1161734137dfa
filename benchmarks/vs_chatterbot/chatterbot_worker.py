"""Runs INSIDE .venv-chatterbot: train ChatterBot 1.2.15 and answer questions; write JSON.

Usage: .venv-chatterbot/bin/python chatterbot_worker.py CONFIG.json OUT.json

CONFIG: {"db": sqlite file, "train_paths": [yml files or folders] (empty: use the db as it is),
         "questions": [text, ...], "max_reply_seconds": 30, "max_train_seconds": 600,
         "read_only": false}
OUT: {"replies": [...], "seconds": [...], "t_start", "t_ready", "t_first_reply" (time.time()),
      "train_seconds", "peak_rss_mb", "stopped": null or a reason}

Bot: default SQLStorageAdapter (sqlite), default BestMatch logic adapter, ChatterBot's default
read_only=False (it stores each exchange, as companion stores each turn; CONFIG "read_only": true
turns that off), tagger=LowercaseTagger (spacy.blank; the default
PosLemmaTagger needs the spaCy model en_core_web_sm, which cannot be downloaded here).
"""

import time

T_START = time.time()

import json  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def corpus_files(paths):
    from chatterbot.corpus import list_corpus_files

    files = []
    for path in paths:
        files.extend(list_corpus_files(path))
    return files


def main() -> None:
    config = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out_path = Path(sys.argv[2])
    logging.disable(logging.CRITICAL)
    from chatterbot import ChatBot
    from chatterbot.tagging import LowercaseTagger
    from chatterbot.trainers import ChatterBotCorpusTrainer

    bot = ChatBot(
        "Bench",
        storage_adapter="chatterbot.storage.SQLStorageAdapter",
        database_uri=f"sqlite:///{config['db']}",
        tagger=LowercaseTagger,
        read_only=config.get("read_only", False),
    )
    result = {"t_start": T_START, "stopped": None, "replies": [], "seconds": []}
    train_started = time.perf_counter()
    files = corpus_files(config.get("train_paths") or [])
    if files:
        trainer = ChatterBotCorpusTrainer(bot, show_training_progress=False)
        for file in files:  # one file at a time, so a too-long training can stop between files
            trainer.train(file)
            if time.perf_counter() - train_started > config.get("max_train_seconds", 600):
                result["stopped"] = (
                    f"training took more than {config.get('max_train_seconds', 600)} s"
                )
                break
    result["train_seconds"] = time.perf_counter() - train_started
    result["t_ready"] = time.time()
    if result["stopped"] is None:
        limit = config.get("max_reply_seconds", 30)
        for n, question in enumerate(config["questions"]):
            started = time.perf_counter()
            response = bot.get_response(question, conversation=f"q{n}")
            elapsed = time.perf_counter() - started
            if n == 0:
                result["t_first_reply"] = time.time()
            result["replies"].append(response.text)
            result["seconds"].append(elapsed)
            if elapsed > limit:
                result["stopped"] = f"one reply took {elapsed:.1f} s (> {limit} s)"
                break
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out_path.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
