"""``Companion``: the dialogue engine's one public object. Front ends hold no dialogue logic."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from companion import locations
from companion.engine.choose import Candidate, Chooser, score_message
from companion.engine.compose import Composer
from companion.engine.corpus import Corpus, load_corpus
from companion.engine.embedding_cache import EmbeddingCache
from companion.engine.encoder import Encoder, MiniLMEncoder
from companion.engine.retrieval import KeyIndex, build_keys
from companion.engine.text import clean, for_understanding, tokens
from companion.persona import Persona
from companion.store import ConversationRecord, MessageRecord, SourceRef, Store, UserRecord

ModelMode = Literal["background", "wait", "lexical"]
CONTEXT_TURNS = 3


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: its text, what it drew on, and how long it took."""

    text: str
    conversation_id: int
    sources: tuple[SourceRef, ...]
    latency_ms: float
    retrieval: Literal["dense", "lexical"]
    message_id: int = 0
    reply_id: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "reply": self.text,
            "conversation_id": self.conversation_id,
            "sources": [s.to_json() for s in self.sources],
            "latency_ms": round(self.latency_ms, 3),
            "retrieval": self.retrieval,
        }


@dataclass(slots=True)
class _ModelState:
    encoder: Encoder | None = None
    error: str | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    embedded_texts: int = 0


class Companion:
    """Answers messages in the persona's voice, by retrieval, and stores every turn.

    ``model="background"`` (the default) loads the embedding model in a thread and answers with
    BM25 until it is ready; ``"wait"`` loads it before returning; ``"lexical"`` never loads it.
    """

    def __init__(
        self,
        store: Store,
        persona: Persona,
        *,
        encoder_factory: Callable[[], Encoder] = MiniLMEncoder,
        model: ModelMode = "background",
        seed: int | None = None,
        corpus: Corpus | None = None,
    ) -> None:
        self.store = store
        self.persona = persona
        self.corpus = corpus or load_corpus(persona)
        self.rng = random.Random(seed)
        self.chooser = Chooser(self.corpus, self.rng)
        self.composer = Composer(persona, self.rng)
        self.index = KeyIndex(build_keys(self.corpus))
        self._encoder_factory = encoder_factory
        self._model = _ModelState()
        self._users: dict[str, UserRecord] = {}
        if model == "wait":
            self._load_model()
        elif model == "background":
            threading.Thread(target=self._load_model, name="companion-model", daemon=True).start()

    # model ------------------------------------------------------------------------------
    def _load_model(self) -> None:
        try:
            encoder = self._encoder_factory()
            cache = EmbeddingCache(locations.embeddings_cache_dir(), encoder.model_id)
            key_vectors = cache.vectors([k.text for k in self.index.keys], encoder)
            self.index.install_vectors(key_vectors)
            self._model.encoder = encoder
            self._model.embedded_texts = cache.misses
        except Exception as error:  # a missing model must not stop her talking: stay lexical
            self._model.error = f"embedding model unavailable ({type(error).__name__}: {error})"
        finally:
            self._model.ready.set()

    def wait_until_ready(self, timeout: float | None = None) -> bool:
        """Block until the model finished loading (or failed); True if dense retrieval is on."""
        self._model.ready.wait(timeout)
        return self._model.encoder is not None

    @property
    def model_ready(self) -> bool:
        return self._model.encoder is not None

    @property
    def embedded_texts(self) -> int:
        """How many texts this process had to embed (0 when the on-disk cache had them all)."""
        return self._model.embedded_texts

    @property
    def model_error(self) -> str | None:
        return self._model.error

    # users and conversations ------------------------------------------------------------
    def user(self, name: str) -> UserRecord:
        if name not in self._users:
            self._users[name] = self.store.user(name)
        return self._users[name]

    def new_conversation(self, user: str) -> ConversationRecord:
        return self.store.create_conversation(self.user(user), persona=self.persona.name)

    def resolve_conversation(self, user: str, selector: str = "last") -> ConversationRecord:
        """``last`` (created if none), ``new``, or a numeric id owned by this user."""
        record = self.user(user)
        if selector == "new":
            return self.new_conversation(user)
        if selector == "last":
            return self.store.latest_conversation(record) or self.new_conversation(user)
        from companion.errors import NotFoundError

        if not selector.isdigit():
            raise NotFoundError(f"conversation must be a number, 'last' or 'new', not {selector!r}")
        return self.store.conversation(record, int(selector))

    def greet(self, user: str, conversation: ConversationRecord) -> str:
        """A greeting for the start of a session: first meeting, or a return."""
        returning = any(c.message_count for c in self.store.list_conversations(self.user(user)))
        return self.composer.greeting(returning=returning, name=None)

    # replying ---------------------------------------------------------------------------
    def reply(self, user: str, conversation: int | ConversationRecord, text: str) -> Reply:
        """Answer ``text`` in ``conversation`` and store both messages in one transaction."""
        started = time.perf_counter()
        record = self.user(user)
        conversation_id = conversation if isinstance(conversation, int) else conversation.id
        if isinstance(conversation, int):
            self.store.conversation(record, conversation_id)  # ownership check
        window = self.persona.voice.no_repeat_turns
        recent = self.store.recent_messages(conversation_id, max(2 * window, 2 * CONTEXT_TURNS))
        choice, dense = self._choose(for_understanding(text), recent)
        recent_replies = [m for m in recent if m.role == "assistant"][-window:] if window else []
        reply_text = self.composer.compose(
            choice,
            name=None,
            ratings=self.chooser.ratings(),
            recent_texts={m.text for m in recent_replies},
        )
        sources = (SourceRef(choice.kind, choice.reference, choice.score),)
        latency_ms = (time.perf_counter() - started) * 1000
        stored = self.store.add_messages(
            conversation_id,
            [("user", clean(text), ()), ("assistant", reply_text, sources)],
        )
        return Reply(
            text=reply_text,
            conversation_id=conversation_id,
            sources=sources,
            latency_ms=latency_ms,
            retrieval="dense" if dense else "lexical",
            message_id=stored[0].id,
            reply_id=stored[1].id,
        )

    def _query_vector(self, message: str, recent: list[MessageRecord]) -> np.ndarray | None:
        encoder = self._model.encoder
        if encoder is None or not self.index.is_dense:
            return None
        previous = [m.text for m in recent if m.role == "user"][-1:]
        texts = [message or "..."] + [for_understanding(p) for p in previous]
        vectors = encoder.encode(texts)
        query = vectors[0]
        if len(vectors) > 1:
            # Short messages ("why?", "tell me more") lean on what was said just before.
            weight = 0.45 if len(tokens(message)) <= 2 else 0.12
            query = query + weight * vectors[1]
            query = query / (np.linalg.norm(query) or 1.0)
        return query

    def _choose(self, message: str, recent: list[MessageRecord]) -> tuple[Candidate, bool]:
        used = {s.reference for m in recent if m.role == "assistant" for s in m.sources}
        if not tokens(message, keep_stopwords=True):
            # Silence, "...", pure punctuation or control characters: answer the silence itself.
            silent = self.chooser.choose_silence(used)
            if silent is not None:
                return silent, self.index.is_dense
        query_vector = self._query_vector(message, recent)
        scores = score_message(self.index, message, query_vector)
        no_match = max(scores.intents.values(), default=0.0) <= 0.0
        if not scores.dense and no_match and len(message.split()) <= 4:
            # Nothing in the words themselves matched: read them with the previous message.
            previous = [for_understanding(m.text) for m in recent if m.role == "user"][-1:]
            scores = score_message(self.index, " ".join([message, *previous]), None)
        kind, _ = self.chooser.route(message, scores)
        choice: Candidate | None = None
        if kind == "fact":
            choice = self.chooser.choose_fact(message, scores, used)
        elif kind == "review":
            choice = self.chooser.choose_review(message, scores, used)
        if choice is None and kind != "fallback":
            choice = self.chooser.choose_theme(scores, used)
        if choice is None:
            choice = self._fallback(used)
        return choice, scores.dense

    def _fallback(self, used: set[str]) -> Candidate:
        options = [
            Candidate("fallback", f"fallback#{n}", text, 0.0)
            for n, text in enumerate(self.persona.fallbacks)
        ]
        fresh = [c for c in options if c.reference not in used] or options
        return self.rng.choice(fresh)
