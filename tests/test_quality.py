"""Answer quality with the real all-MiniLM-L6-v2 model, on held-out probes (tests/probes.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from companion.engine import Companion
from tests.probes import EMOTION_PROBES, FACT_PROBES, REVIEW_PROBES, SMALL_TALK

pytestmark = pytest.mark.model


def quotes_review(text: str, passages: list[str], length: int = 8) -> bool:
    words = re.findall(r"\w+", text.lower())
    grams = {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}
    for passage in passages:
        passage_words = re.findall(r"\w+", passage.lower())
        if any(
            " ".join(passage_words[i : i + length]) in grams
            for i in range(len(passage_words) - length + 1)
        ):
            return True
    return False


def test_film_facts_in_plain_words(real_companion: Companion) -> None:
    conversation = real_companion.new_conversation("probe")
    misses = []
    for question, expected in FACT_PROBES:
        text = real_companion.reply("probe", conversation, question).text.lower()
        if not all(word in text for word in expected):
            misses.append((question, text))
    assert len(misses) <= len(FACT_PROBES) * 0.07, misses


def test_review_questions_quote_the_reviews(real_companion: Companion) -> None:
    passages = [p.text for p in real_companion.corpus.passages]
    conversation = real_companion.new_conversation("probe")
    for question in REVIEW_PROBES:
        reply = real_companion.reply("probe", conversation, question)
        assert quotes_review(reply.text, passages), (question, reply.text)


def test_emotional_messages_answered_on_theme_and_relevant(real_companion: Companion) -> None:
    conversation = real_companion.new_conversation("probe")
    replies = [real_companion.reply("probe", conversation, m) for m, _ in EMOTION_PROBES]
    on_theme = [
        f"theme:{theme}/" in reply.sources[0].reference
        for reply, (_, theme) in zip(replies, EMOTION_PROBES, strict=True)
    ]
    assert np.mean(on_theme) >= 0.75
    encoder = real_companion.encoder
    assert encoder is not None
    messages = encoder.encode([m for m, _ in EMOTION_PROBES])
    answers = encoder.encode([r.text for r in replies])
    relevance_at_1 = np.mean((answers @ messages.T).argmax(axis=1) == np.arange(len(replies)))
    assert relevance_at_1 >= 0.6


def test_forty_varied_messages_are_not_repetitive(real_companion: Companion) -> None:
    conversation = real_companion.new_conversation("probe")
    messages = [m for m, _ in EMOTION_PROBES[:23]] + SMALL_TALK
    texts = [real_companion.reply("probe", conversation, m).text for m in messages]
    assert all(texts[i] not in texts[max(0, i - 20) : i] for i in range(len(texts)))
    assert len(set(texts)) / len(texts) >= 0.85
    assert all(r.retrieval == "dense" for r in [real_companion.reply("probe", conversation, "hi")])
