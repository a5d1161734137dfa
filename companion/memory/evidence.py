"""When no kept fact answers a memory question: the user's own message that does, to quote.

The fact rules know many shapes of sentence, never all of them ("rusty is asleep on my feet ...
he's a staffie cross"). What the user said is still there, in their words, so a question the
facts cannot answer is answered from the message that says most about it: one that names the
person asked about (or follows one that did, and speaks of them as "she" or "he") and holds the
question's own words or the words its kind of answer is said in ("taught", "lives", "works").
Nothing is invented: the answer is their message, quoted, with its date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from companion.store import MessageRecord
from companion.understanding.subjects import RELATIONS
from companion.understanding.vocabulary import read_data
from companion.understanding.words import word_lists, words_of

_DATA = read_data("evidence")
# Words of a question that say nothing of what it is about.
_QUESTION_WORDS = frozenset(_DATA["question_words"].split())
# The words an answer of each kind is usually said in, beyond the question's own.
_CUES: dict[str, str] = dict(_DATA["cues"])
NAMING_QUESTION_KINDS = frozenset({"family", "friend", "pet"})
# Questions a message naming the person answers even without a cue ("what's my gecko called?"
# and "caju is judging me from his tank. leopard gecko").
ABOUT_IS_ENOUGH = NAMING_QUESTION_KINDS | {"recall_describe", "person"}
# Questions about the user's own life: the answer is in a message that speaks in the first person.
OWN_KINDS = frozenset(
    {"job", "workplace", "study", "location", "hometown", "moved_for", "used_to", "gave_up"}
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|we|we're|our|us)\b")
_ANAPHOR = re.compile(r"\b(?:that|it|this|those|them|there)\b")
# "my dada taught me when i was 6": what was taught is in the message before.
_BARE_TAUGHT = re.compile(r"\b(?:taught|showed) (?:me|us)(?: when| as|,|\.|!|$)")
_PET_WORDS = sorted(w for w, (kind, _) in RELATIONS.items() if kind == "pet")
CHANGING_KINDS = frozenset(
    {"location", "job", "workplace", "study", "their_home", "their_job", "their_workplace",
     "their_study"}
)  # fmt: skip
_PRONOUN = re.compile(r"\b(?:she|he|her|him|his|hers|they|them|their)\b", re.IGNORECASE)
MAX_QUOTE = 240
# A message with a cue word but none of the question's words is evidence only when it names the
# person asked about or is this close to the question; a cue counts more than one of its words.
CUE_ONLY_SIMILARITY = 0.15
CUE_WEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A past message of the user's, and the one of theirs before it in that conversation."""

    message: MessageRecord
    before: tuple[
        str, ...
    ] = ()  # their messages just before it in that conversation, nearest first
    similarity: float = 0.0  # to the question, by embedding (0 without the model)


@dataclass(frozen=True, slots=True)
class Evidence:
    message: MessageRecord
    quote: str
    score: float


def _stem(word: str) -> str:
    word = word.replace("'s", "")
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(question: str, person: Iterable[str] = ()) -> list[str]:
    """The question's words that name what it asks about ("sport", "race", "erasmus")."""
    skip = _QUESTION_WORDS | {w for p in person for w in words_of(p)}
    return [_stem(w) for w in words_of(question) if w not in skip and len(w) > 2]


def person_words(relation_key: str, names: Iterable[str] = ()) -> list[str]:
    """Every way a message may name the person kept under ``relation_key``: the words for that
    relation ("nani", "grandma", "grandmother") and their names."""
    words = [word for word, (_, subject) in RELATIONS.items() if subject == relation_key]
    if relation_key == "ex":  # an ex is often only ever "the one i broke up with"
        words += ["broke up", "split up", "dumped", "divorced", "separated"]
    return [*words, *(n.lower() for n in names if n)]


def search_words(kind: str, question: str, person: Sequence[str]) -> tuple[list[str], list[str]]:
    """Words to look the candidates up by: the specific ones (the person, the question's own
    words), and the cue words of its kind that are single words (many messages have those)."""
    cues = _CUES.get(cue_kind(kind, question), "").split("|")
    specific = list(dict.fromkeys([*person, *content_words(question, person)]))
    return specific, [c for c in cues if re.fullmatch(r"[a-z]{3,}", c) and c not in specific]


def mentions(text: str, words: Sequence[str]) -> bool:
    """Whether the text holds one of the words (or its plural) as a whole word."""
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(w)}(?:s|es)?\b", lowered) for w in words)


def _hits(text: str, content: Sequence[str], cue: re.Pattern[str] | None) -> tuple[int, bool]:
    """How many of the question's own words the text holds, and whether it says a cue word."""
    stems = {_stem(w) for w in words_of(text)}
    found = sum(1 for word in content if any(s.startswith(word) for s in stems))
    return found, cue is not None and cue.search(text.lower()) is not None


def best_evidence(
    kind: str,
    question: str,
    person: Sequence[str],
    candidates: Sequence[Candidate],
    *,
    newest_first: bool = True,
    by_recency: bool = False,
    others: Sequence[str] = (),
) -> Evidence | None:
    """The candidate that best answers ``question`` (of fact kind ``kind``, about the person
    named by ``person`` words, or about the user when empty), or None when none is close.
    ``others``: words for everyone else, whom "she" in a message may mean instead;
    ``by_recency``: the question asks for a value as it is now or was before ("where do i live
    now?"), so the newest (or oldest) message that speaks of it answers."""
    cue = _cue_pattern(cue_kind(kind, question))
    # A word the cue also finds ("work" in "what do i do for work?") is counted once, as a cue.
    content = [w for w in content_words(question, person) if cue is None or not cue.fullmatch(w)]
    if not content and cue is None:
        return None
    best: tuple[tuple[float, int, float], float, Candidate, int] | None = None
    for candidate in candidates:
        text = candidate.message.text
        if person:
            about = _about(candidate, person, others)
            if about == 0.0:
                continue
        elif kind in OWN_KINDS and not _FIRST_PERSON.search(text.lower()):
            continue  # "he works at a phone shop" is not the user's own work
        else:
            about = 0.0
        own, cued = _hits(text, content, cue)
        if about == 0.5 and own == 0 and not _PRONOUN.search(text):
            continue  # after a message naming them, only "she ..." or the question's words
        if kind == "recall_when" and not cued:
            continue  # "when is it?" is answered by a date, nothing else
        named_only = about == 1.0 and kind in ABOUT_IS_ENOUGH
        if own == 0 and not cued and not named_only:
            continue
        if own == 0 and cued and not about and candidate.similarity < CUE_ONLY_SIMILARITY:
            continue  # a cue word alone ("i was a nipper") says too little
        score = about + own + CUE_WEIGHT * cued + candidate.similarity
        order = candidate.message.id if newest_first else -candidate.message.id
        rank = (about, order, score) if by_recency else (score, order, 0.0)
        if best is None or rank > best[0]:
            best = (rank, score, candidate, own)
    if best is None:
        return None
    _, score, chosen, own = best
    quote = quote_of(chosen.message.text, person, content)
    lowered = chosen.message.text.lower()
    if own == 0 and chosen.before and (_ANAPHOR.search(lowered) or _BARE_TAUGHT.search(lowered)):
        # "farmor says that about everything": what "that" was is the message before.
        quote = f"{quote_of(chosen.before[0], person, content)} \u2026 {quote}"
    return Evidence(chosen.message, quote, score)


def _about(candidate: Candidate, person: Sequence[str], others: Sequence[str]) -> float:
    """How surely a message speaks of the person: by name or relation (1), or right after a
    message that named them, naming no one else (0.5), or not at all (0)."""
    text = candidate.message.text
    if mentions(text, person):
        return 1.0
    if mentions(" ".join(candidate.before), person) and not mentions(text, others):
        return 0.5  # "she's mad into football" right after naming the daughter
    return 0.0


def _cue_pattern(kind: str) -> re.Pattern[str] | None:
    words = _CUES.get(kind)
    if kind == "recall_describe":
        words = "|".join([words or "", *(re.escape(w) for w in _PET_WORDS)])
    elif kind == "feeling":
        words = "|".join(re.escape(w) for w in sorted(_feeling_words()))
    return re.compile(rf"\b(?:{words})\b") if words else None


@cache
def _feeling_words() -> frozenset[str]:
    lists = word_lists()
    return lists.positive | lists.negative


def cue_kind(kind: str, question: str) -> str:
    """Which cue words a question's answer is looked for by: its fact kind's, or for a question
    of no known kind, those its first word asks for ("where" a place, "when" a date)."""
    if kind in NAMING_QUESTION_KINDS:
        return "naming"
    if " feel " in f" {question} ":
        return "feeling"
    if kind == "recall":
        first = question.split(" ", 1)[0]
        return {"where": "their_home", "when": "recall_when", "who": "person"}.get(first, kind)
    return kind


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s+-+\s+")


def quote_of(text: str, person: Sequence[str] = (), content: Sequence[str] = ()) -> str:
    """The message, or in a long one the sentence that says most (with the one before it)."""
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE:
        return text
    parts = [p for p in _SENTENCE.split(text) if p]
    scored = [
        (mentions(p, person) + _hits(p, content, None)[0], -i, i) for i, p in enumerate(parts)
    ]
    _, _, at = max(scored)
    quote = " ".join(parts[max(0, at - 1) : at + 1])
    return quote if len(quote) <= MAX_QUOTE else quote[: MAX_QUOTE - 1].rstrip() + "\u2026"
