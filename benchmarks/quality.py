"""Answer quality on held-out probes: film facts, review quotes, emotional themes, variety.

Usage: .venv/bin/python benchmarks/quality.py [--lexical]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from probes import EMOTION_PROBES, FACT_PROBES, REVIEW_PROBES, SMALL_TALK

from companion.engine import Companion
from companion.engine.corpus import load_reviews
from companion.persona import load_persona
from companion.store import Store

REPO = Path(__file__).resolve().parent.parent


def quotes_review(text: str, passages: list[str], words: int = 8) -> bool:
    reply_words = re.findall(r"\w+", text.lower())
    grams = {" ".join(reply_words[i : i + words]) for i in range(len(reply_words) - words + 1)}
    for passage in passages:
        passage_words = re.findall(r"\w+", passage.lower())
        for i in range(len(passage_words) - words + 1):
            if " ".join(passage_words[i : i + words]) in grams:
                return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--lexical", action="store_true", help="BM25 only (as before the model loads)"
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    store = Store.open(f"sqlite:///{folder / 'q.db'}")
    companion = Companion(
        store, load_persona("samantha"), model="lexical" if args.lexical else "wait", seed=1
    )
    user = "probe"

    conversation = companion.new_conversation(user)
    right = 0
    for question, expected in FACT_PROBES:
        reply = companion.reply(user, conversation, question)
        ok = all(e in reply.text.lower() for e in expected)
        right += ok
        if args.verbose and not ok:
            print(f"  FACT MISS {question!r} -> {reply.text[:90]!r} {reply.sources[0].reference}")
    print(f"film facts answered right: {right}/{len(FACT_PROBES)} = {right / len(FACT_PROBES):.0%}")

    passages = [p.text for p in load_reviews(REPO / "persona/corpus/reviews.toml")]
    conversation = companion.new_conversation(user)
    quoted = 0
    for question in REVIEW_PROBES:
        reply = companion.reply(user, conversation, question)
        ok = quotes_review(reply.text, passages)
        quoted += ok
        if args.verbose and not ok:
            print(f"  REVIEW MISS {question!r} -> {reply.text[:90]!r}")
    print(f"review questions answered with an 8-word quote: {quoted}/{len(REVIEW_PROBES)}")

    conversation = companion.new_conversation(user)
    hits = 0
    replies = []
    for message, theme in EMOTION_PROBES:
        reply = companion.reply(user, conversation, message)
        replies.append(reply.text)
        got = reply.sources[0].reference.split(":", 1)[-1].split("/", 1)[0]
        hits += got == theme
        if args.verbose and got != theme:
            print(f"  THEME MISS {message!r} want {theme} got {reply.sources[0].reference}")
    print(
        f"emotional messages answered on their theme: {hits}/{len(EMOTION_PROBES)} = {hits / len(EMOTION_PROBES):.0%}"
    )

    if True:
        from companion.engine.encoder import MiniLMEncoder

        encoder = MiniLMEncoder()  # the judge is always the real model, whatever answered
        messages = encoder.encode([m for m, _ in EMOTION_PROBES])
        answers = encoder.encode(replies)
        similarity = answers @ messages.T
        relevance = float(np.mean(similarity.argmax(axis=1) == np.arange(len(replies))))
        print(f"relevance@1 (reply closest to its own message): {relevance:.2f}")

    conversation = companion.new_conversation(user)
    varied = [m for m, _ in EMOTION_PROBES[:23]] + SMALL_TALK
    texts = [companion.reply(user, conversation, m).text for m in varied]
    repeats = sum(texts[i] in texts[max(0, i - 20) : i] for i in range(len(texts)))
    print(
        f"{len(texts)} varied messages: {len(set(texts)) / len(texts):.0%} distinct, {repeats} repeats within 20 turns"
    )
    store.close()


if __name__ == "__main__":
    main()
