"""The engine through its public API, with a small hashing encoder (fast, deterministic)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from companion.engine import Companion
from companion.engine.encoder import HashingEncoder
from companion.persona import load_persona
from companion.store import Store


def test_reply_is_stored_with_sources_and_latency(fast_companion: Companion, store: Store) -> None:
    conversation = fast_companion.new_conversation("alice")
    reply = fast_companion.reply("alice", conversation, "who directed her?")
    assert "Spike Jonze" in reply.text
    assert reply.sources[0].kind == "fact" and reply.sources[0].reference.startswith(
        "fact:director"
    )
    assert reply.latency_ms > 0
    stored = store.messages(conversation.id)
    assert [(m.role, m.text) for m in stored] == [
        ("user", "who directed her?"),
        ("assistant", reply.text),
    ]
    assert stored[1].sources == reply.sources


def test_no_reply_repeats_within_twenty_turns(fast_companion: Companion) -> None:
    conversation = fast_companion.new_conversation("alice")
    texts = [
        fast_companion.reply("alice", conversation, "I feel so lonely").text for _ in range(25)
    ]
    for turn, text in enumerate(texts):
        assert text not in texts[max(0, turn - 20) : turn], f"turn {turn} repeats: {text}"


def test_same_message_twice_gets_a_different_relevant_answer(fast_companion: Companion) -> None:
    conversation = fast_companion.new_conversation("alice")
    first = fast_companion.reply("alice", conversation, "I can't sleep again tonight")
    second = fast_companion.reply("alice", conversation, "I can't sleep again tonight")
    assert first.text != second.text
    assert "sleep_and_dreams" in first.sources[0].reference
    assert "sleep_and_dreams" in second.sources[0].reference


def test_same_seed_same_replies(store: Store) -> None:
    persona = load_persona()
    messages = ["hi", "I feel lonely", "tell me a joke", "who plays Theodore?"]
    runs = []
    for _ in range(2):
        companion = Companion(store, persona, model="lexical", seed=3)
        conversation = companion.new_conversation("seeded")
        runs.append([companion.reply("seeded", conversation, m).text for m in messages])
    assert runs[0] == runs[1]


def test_lexical_mode_answers_before_any_model(store: Store) -> None:
    companion = Companion(store, load_persona(), model="lexical", seed=1)
    conversation = companion.new_conversation("alice")
    reply = companion.reply("alice", conversation, "who plays Theodore?")
    assert reply.retrieval == "lexical" and "Joaquin Phoenix" in reply.text
    assert not companion.model_ready


def test_review_questions_quote_a_named_reviewer(fast_companion: Companion) -> None:
    conversation = fast_companion.new_conversation("alice")
    reply = fast_companion.reply("alice", conversation, "what did critics say about the music?")
    assert reply.sources[0].kind == "review"
    assert "\u201c" in reply.text and (
        "reviewer" in reply.text.lower() or "O'Loughlin" in reply.text
    )


def test_hostile_input_is_answered_and_stored_clean(
    fast_companion: Companion, store: Store
) -> None:
    conversation = fast_companion.new_conversation("alice")
    hostile = [
        "",
        "\x00\x01\x1b[31m",
        "\u202eevil",
        "[bold red]hi[/]",
        "'; DROP TABLE messages; --",
        "x" * 200_000,
    ]
    for text in hostile:
        reply = fast_companion.reply("alice", conversation, text)
        assert reply.text.strip()
    stored = [m.text for m in store.messages(conversation.id) if m.role == "user"]
    assert stored[1] == "[31m" and stored[2] == "evil" and stored[3] == "[bold red]hi[/]"
    assert len(stored[5]) == 200_000  # a long paste is kept whole


def test_embeddings_are_cached_on_disk(store: Store) -> None:
    persona = load_persona()
    first = Companion(store, persona, encoder_factory=HashingEncoder, model="wait")
    assert first.embedded_texts > 500
    second = Companion(store, persona, encoder_factory=HashingEncoder, model="wait")
    assert second.model_ready and second.embedded_texts == 0


def test_broken_model_keeps_her_talking(store: Store) -> None:
    def broken() -> HashingEncoder:
        raise OSError("model files missing")

    companion = Companion(store, load_persona(), encoder_factory=broken, model="wait")
    assert not companion.model_ready and "model files missing" in (companion.model_error or "")
    conversation = companion.new_conversation("alice")
    assert companion.reply("alice", conversation, "hello").text


def test_core_never_imports_textual_or_torch_at_import_time() -> None:
    code = (
        "import sys, json; import companion.engine, companion.store, companion.persona, companion.cli;"
        "print(json.dumps(sorted(m for m in ('textual', 'torch', 'sentence_transformers') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_corpus_meets_its_size_floor() -> None:
    from companion.engine.corpus import load_corpus

    corpus = load_corpus(load_persona())
    assert corpus.reply_count >= 600 and len(corpus.themes) >= 40
    assert len(corpus.facts) >= 15 and len(corpus.passages) >= 50
    replies = [r for intent in corpus.intents for r in intent.replies]
    assert len(set(replies)) == len(replies)
    assert all(len(intent.examples) >= 3 for intent in corpus.intents)


def test_reviews_keep_their_attribution() -> None:
    from companion.engine.corpus import load_corpus

    corpus = load_corpus(load_persona())
    authors = {p.attribution for p in corpus.passages}
    assert "Joe O'Loughlin" in authors and "one reviewer" in authors
    assert {p.rating for p in corpus.passages if p.rating} == {"9/10", "8/10", "10/10"}
    seed = (Path(__file__).resolve().parent.parent / "persona/corpus/reviews.toml").read_text()
    assert "past is just a story" not in seed  # a line of the film's script is not ours to quote
