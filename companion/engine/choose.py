"""Deciding what kind of answer a message wants, and which corpus item answers it."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from companion.engine.corpus import Corpus, Fact, Intent, Passage
from companion.engine.retrieval import KeyIndex, reply_reference
from companion.engine.text import contains_any, contains_phrase
from companion.persona import Routing
from companion.understanding import Understanding

ChoiceKind = Literal["theme", "fact", "review", "fallback", "careful"]

# Below these (cosine) scores a route is not trusted. Lexical scores are on their own scale.
FACT_THRESHOLD = 0.55
REVIEW_THRESHOLD = 0.55
THEME_THRESHOLD = 0.28
KEY_BONUS = 0.15


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: ChoiceKind
    reference: str  # stable id of the exact text chosen, used for the no-repeat rule
    text: str
    score: float
    owner: str = ""
    attribution: str = ""
    rating: str | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores for one message. Intent scores are a NumPy array over the candidate intents (all of
    them lexically, the owners of the nearest keys densely); facts and passages are few and kept
    as dicts."""

    intent_ids: Sequence[str]
    intent_scores: np.ndarray
    facts: dict[str, float]
    passages: dict[str, float]
    reviews: float
    dense: bool
    fit: Callable[[str], float] | None = None  # reply reference -> that reply's fit

    @property
    def best_intent(self) -> float:
        return float(self.intent_scores.max()) if self.intent_scores.size else 0.0

    def top_intents(self, count: int) -> list[tuple[str, float]]:
        """The ``count`` best intents, best first, without sorting them all."""
        total = self.intent_scores.size
        if total == 0:
            return []
        count = min(count, total)
        best = np.argpartition(-self.intent_scores, count - 1)[:count]
        best = best[np.argsort(-self.intent_scores[best], kind="stable")]
        return [(self.intent_ids[i], float(self.intent_scores[i])) for i in best]

    def reply_fit(self, reference: str) -> float:
        """How well one reply's own text fits the message (0 when unknown)."""
        return self.fit(reference) if self.fit is not None else 0.0


def score_message(index: KeyIndex, query: str, query_vector: np.ndarray | None) -> Scores:
    if query_vector is not None and index.is_dense:
        return _score_dense(index, query_vector)
    key_scores = index.key_scores_lexical(query)
    owner_scores = index.owner_scores(key_scores)

    def fit(reference: str) -> float:
        row = index.reply_row_of.get(reference)
        return float(key_scores[row]) if row is not None else 0.0

    return Scores(
        index.intent_ids,
        owner_scores[index.intent_positions],
        *_routes(index, owner_scores, offset=0),
        dense=False,
        fit=fit,
    )


def _score_dense(index: KeyIndex, query_vector: np.ndarray) -> Scores:
    positions, intent_scores = index.nearest_intents(query_vector)
    others = index.other_owner_scores(query_vector)
    offset = len(index.intent_positions)  # other owners follow the intents

    def fit(reference: str) -> float:
        row = index.reply_row_of.get(reference)
        return index.key_similarity(row, query_vector) if row is not None else 0.0

    return Scores(
        [index.intent_ids[p] for p in positions.tolist()],
        intent_scores,
        *_routes(index, others, offset),
        dense=True,
        fit=fit,
    )


def _routes(
    index: KeyIndex, owner_scores: np.ndarray, offset: int
) -> tuple[dict[str, float], dict[str, float], float]:
    """Fact scores, passage scores and the best review-question score, from owner scores that
    start at owner position ``offset``."""
    reviews = owner_scores[index.review_positions - offset]
    return (
        dict(
            zip(index.fact_ids, owner_scores[index.fact_positions - offset].tolist(), strict=True)
        ),
        dict(
            zip(
                index.passage_ids,
                owner_scores[index.passage_positions - offset].tolist(),
                strict=True,
            )
        ),
        float(reviews.max()) if reviews.size else 0.0,
    )


# A message opening with one of these asks for something ("tell me what critics said").
REQUEST_OPENINGS = frozenset({"tell", "read", "show", "give", "quote", "share", "any", "got"})


class Chooser:
    """Routes a message (fact, review, theme, fallback) and picks an unused answer."""

    def __init__(self, corpus: Corpus, rng: random.Random, routing: Routing | None = None) -> None:
        self.corpus = corpus
        self.rng = rng
        self.routing = routing or Routing()
        self._subject_words = tuple(self.routing.subject_words)
        self._review_words = tuple(self.routing.review_words)
        self._review_topics = {t: tuple(w) for t, w in self.routing.review_topics.items()}
        self._titles = [
            re.compile(rf"(?<=\w )\W*{re.escape(t)}\b|\b{re.escape(t)}(?=\W*$)")
            for t in self.routing.titles
        ]
        self.intents: dict[str, Intent] = {i.id: i for i in corpus.intents}
        self.facts: dict[str, Fact] = {f.id: f for f in corpus.facts}
        self.passages: dict[str, Passage] = {p.id: p for p in corpus.passages}

    # routing ------------------------------------------------------------------------------
    def fact_scores(self, message: str, scores: Scores) -> dict[str, float]:
        boosted = {}
        for fact_id, score in scores.facts.items():
            hits = sum(contains_phrase(message, key) for key in self.facts[fact_id].keys)
            boosted[fact_id] = score + KEY_BONUS * min(hits, 2)
        return boosted

    def review_score(self, message: str, scores: Scores) -> float:
        bonus = KEY_BONUS * 2 if contains_any(message, self._review_words) else 0.0
        return scores.reviews + bonus

    def route(self, message: str, scores: Scores) -> tuple[ChoiceKind, float]:
        if not message.strip():
            return "theme", 0.0
        facts = self.fact_scores(message, scores)
        best_fact = max(facts.values(), default=0.0)
        best_theme = scores.best_intent
        review = self.review_score(message, scores)
        is_question = "?" in message or message.lower().split()[0] in {
            "who",
            "what",
            "whats",
            "what's",
            "when",
            "where",
            "how",
            "which",
            "is",
            "was",
            "did",
            "does",
            "tell",
            "name",
        }
        film_context = self.names_subject(message)
        lift = 0.05 if (is_question or film_context) else -0.05
        fact_threshold = FACT_THRESHOLD if scores.dense else 0.5
        review_threshold = REVIEW_THRESHOLD if scores.dense else 0.6
        if review >= review_threshold and review + lift >= max(best_fact, best_theme):
            return "review", review
        if best_fact >= fact_threshold and best_fact + lift >= best_theme:
            return "fact", best_fact
        if best_theme >= self.theme_threshold(scores):
            return "theme", best_theme
        return "fallback", best_theme

    def names_subject(self, message: str) -> bool:
        """The message names the persona's subject: its words, or a title inside a sentence."""
        if contains_any(message, self._subject_words):
            return True
        return any(t.search(message) for t in self._titles)

    def is_film_context(self, message: str, understood: Understanding) -> bool:
        """Facts and reviews are in play: the subject is named, a review is asked for, or the
        conversation was on them and this short message has no one else in it."""
        if self.names_subject(message):
            return True
        if contains_any(message, self._review_words) and (
            understood.question or message.lower().split()[0] in REQUEST_OPENINGS
        ):
            # "what did critics say?", "read me a review"; not "she left a 1 star review".
            return True
        state = understood.state
        if state.last_theme in self.routing.subject_themes and understood.person is None:
            return True  # talking about the film with her ("the ending wrecked me")
        on_subject = state.last_intent.startswith(("fact:", "review"))
        return on_subject and understood.person is None and understood.question

    # picking ------------------------------------------------------------------------------
    def _pick(self, candidates: list[Candidate], used: set[str], margin: float) -> Candidate | None:
        """Best unused candidate, with a seeded choice among those nearly as good."""
        fresh = [c for c in candidates if c.reference not in used]
        if not fresh:
            return None
        fresh.sort(key=lambda c: c.score, reverse=True)
        best = fresh[0].score
        close = [c for c in fresh[:4] if c.score >= best - margin]
        return self.rng.choice(close)

    def theme_candidates(
        self, scores: Scores, top_intents: int = 3, intent_margin: float = 0.05
    ) -> list[Candidate]:
        ranked = scores.top_intents(top_intents)
        best = ranked[0][1] if ranked else 0.0
        # How much a reply's own fit to the message counts beside its intent's (tuned on probes).
        fit_weight = 0.4 if scores.dense else 0.25
        candidates = []
        for position, (intent_id, intent_score) in enumerate(ranked):
            # Stay with the intents that really fit: a near miss can be a very different situation.
            if position >= top_intents or intent_score < best - intent_margin:
                break
            intent = self.intents[intent_id]
            for number, text in enumerate(intent.replies):
                reference = reply_reference(intent.theme, intent.id, number)
                fit = scores.reply_fit(reference)
                candidates.append(
                    Candidate(
                        "theme", reference, text, intent_score + fit_weight * fit, owner=intent.id
                    )
                )
        return candidates

    @staticmethod
    def theme_threshold(scores: Scores) -> float:
        """Below this an intent's score is not trusted (lexical scores are on their own scale)."""
        return THEME_THRESHOLD if scores.dense else 0.05

    def within_themes(self, scores: Scores, themes: set[str]) -> Scores:
        """The same scores with only the intents of ``themes`` left in."""
        keep = [
            i
            for i, intent_id in enumerate(scores.intent_ids)
            if self.intents[intent_id].theme in themes
        ]
        return dataclasses.replace(
            scores,
            intent_ids=[scores.intent_ids[i] for i in keep],
            intent_scores=scores.intent_scores[keep],
        )

    def choose_theme(
        self, scores: Scores, used: set[str], themes: set[str] | None = None
    ) -> Candidate | None:
        if themes is not None:
            scores = self.within_themes(scores, themes)
        picked = self._pick(self.theme_candidates(scores), used, margin=0.04)
        if picked is None:  # every close reply was used recently: widen the net
            widened = self.theme_candidates(scores, top_intents=12, intent_margin=1.0)
            picked = self._pick(widened, used, 0.04)
        return picked

    def choose_silence(self, used: set[str]) -> Candidate | None:
        """A reply from the ``silence`` theme, for messages with no words in them."""
        silent = [i.id for i in self.corpus.intents if i.theme == "silence"]
        if not silent:
            return None
        scores = Scores(silent, np.ones(len(silent), dtype=np.float32), {}, {}, 0.0, dense=False)
        return self.choose_theme(scores, used)

    def choose_fact(self, message: str, scores: Scores, used: set[str]) -> Candidate | None:
        ranked = sorted(self.fact_scores(message, scores).items(), key=lambda i: i[1], reverse=True)
        for fact_id, score in ranked[:2]:
            fact = self.facts[fact_id]
            answers = [
                Candidate("fact", f"fact:{fact.id}#{n}", text, score, owner=fact.id)
                for n, text in enumerate(fact.answers)
            ]
            fresh = [a for a in answers if a.reference not in used]
            if fresh:
                return self.rng.choice(fresh)
            return answers[self.rng.randrange(len(answers))]  # composer varies the wrapping
        return None

    def review_topic(self, message: str) -> str | None:
        for topic, words in self._review_topics.items():
            if contains_any(message, words):
                return topic
        return None

    def choose_review(self, message: str, scores: Scores, used: set[str]) -> Candidate | None:
        topic = self.review_topic(message)
        pool = [p for p in self.corpus.passages if topic is None or topic in p.topics]
        if topic == "rating":
            pool = [p for p in self.corpus.passages if p.rating] or pool
        if not pool:
            pool = list(self.corpus.passages)
        candidates = [
            Candidate(
                "review",
                f"review:{p.id}",
                p.text,
                scores.passages.get(p.id, 0.0),
                owner=topic or "general",
                attribution=p.attribution,
                rating=p.rating,
            )
            for p in pool
        ]
        return self._pick(candidates, used, margin=0.08) or (
            self.rng.choice(candidates) if candidates else None
        )

    def ratings(self) -> list[str]:
        seen: list[str] = []
        for passage in self.corpus.passages:
            if passage.rating and passage.rating not in seen:
                seen.append(passage.rating)
        return seen
