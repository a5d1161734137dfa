"""Loading a persona's corpus files into plain, typed entries."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from companion.errors import CorpusError
from companion.persona import Persona
from companion.understanding.acts import ACTS

About = Literal["self", "her", "other", "any"]
Mood = Literal["negative", "positive", "neutral", "any"]
ABOUTS: tuple[About, ...] = ("self", "her", "other", "any")
MOODS: tuple[Mood, ...] = ("negative", "positive", "neutral", "any")


@dataclass(frozen=True, slots=True)
class Intent:
    """A theme's situation: messages it answers and replies in her voice."""

    id: str
    theme: str
    examples: tuple[str, ...]
    replies: tuple[str, ...]
    about: About = "any"  # who the messages it answers are about
    mood: Mood = "any"  # the mood of the messages it answers
    acts: tuple[str, ...] = ()  # dialogue acts it answers above all ("commitment")


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact about the film: how people ask it, words that pin it down, ways to say it."""

    id: str
    keys: tuple[str, ...]
    examples: tuple[str, ...]
    answers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    """A quotable passage of a review, with who wrote it and the review's rating."""

    id: str
    text: str
    attribution: str
    rating: str | None
    topics: tuple[str, ...]


@dataclass(slots=True)
class Corpus:
    intents: list[Intent] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    @property
    def reply_count(self) -> int:
        return sum(len(i.replies) for i in self.intents)

    @property
    def themes(self) -> set[str]:
        return {i.theme for i in self.intents}


# A corpus file larger than this is a mistake (or /dev/zero), not a corpus.
MAX_CORPUS_BYTES = 64 * 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise CorpusError(f"{path}: not a regular file (a device, a pipe or a folder)")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CORPUS_BYTES + 1)
        if len(raw) > MAX_CORPUS_BYTES:
            raise CorpusError(
                f"{path}: larger than {MAX_CORPUS_BYTES // 2**20} MB; not a corpus file"
            )
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CorpusError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read corpus file ({error.strerror})") from None


def _strings(value: object, path: Path, what: str) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise CorpusError(f"{path}: {what} must be a non-empty list of non-empty strings")
    return tuple(v.strip() for v in value)


def load_themes(path: Path) -> list[Intent]:
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    intents: list[Intent] = []
    for file in files:
        data = _read_toml(file)
        theme = str(data.get("theme") or file.stem)
        raw_intents = data.get("intents")
        if not isinstance(raw_intents, list):
            raise CorpusError(f"{file}: expected [[intents]] tables")
        for number, raw in enumerate(raw_intents, start=1):
            if not isinstance(raw, dict):
                raise CorpusError(f"{file}: intent {number} must be a table")
            intent_id = str(raw.get("id") or f"{theme}.{number}")
            intents.append(
                Intent(
                    id=intent_id,
                    theme=theme,
                    examples=_strings(raw.get("examples"), file, f"{intent_id}.examples"),
                    replies=_strings(raw.get("replies"), file, f"{intent_id}.replies"),
                    about=cast(About, _choice(raw, "about", ABOUTS, file, intent_id)),
                    mood=cast(Mood, _choice(raw, "mood", MOODS, file, intent_id)),
                    acts=_acts(raw, file, intent_id),
                )
            )
    return intents


def _acts(raw: dict[str, Any], path: Path, intent_id: str) -> tuple[str, ...]:
    if "acts" not in raw:
        return ()
    acts = _strings(raw["acts"], path, f"{intent_id}.acts")
    unknown = [a for a in acts if a not in ACTS]
    if unknown:
        choices = ", ".join(f'"{a}"' for a in ACTS)
        raise CorpusError(f"{path}: {intent_id}.acts must be among {choices}, not {unknown[0]!r}")
    return acts


def _choice(
    raw: dict[str, Any], name: str, allowed: tuple[str, ...], path: Path, intent_id: str
) -> str:
    value = raw.get(name, "any")
    if value not in allowed:
        choices = ", ".join(f'"{a}"' for a in allowed)
        raise CorpusError(f"{path}: {intent_id}.{name} must be one of {choices}, not {value!r}")
    return str(value)


def _tables(data: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    """The ``[[key]]`` array of tables, or a CorpusError that says what was expected."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise CorpusError(f"{path}: expected one or more [[{key}]] tables")
    return value


def _text(raw: dict[str, Any], field_name: str, path: Path, where: str) -> str:
    value = raw.get(field_name)
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f'{path}: {where} needs {field_name} = "..." (a non-empty string)')
    return value.strip()


def load_facts(path: Path) -> list[Fact]:
    facts = []
    for number, raw in enumerate(_tables(_read_toml(path), "facts", path), start=1):
        fact_id = _text(raw, "id", path, f"fact {number}")
        keys = raw.get("keys", [])
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise CorpusError(f"{path}: {fact_id}.keys must be a list of strings")
        facts.append(
            Fact(
                id=fact_id,
                keys=tuple(k.lower() for k in keys),
                examples=_strings(raw.get("examples"), path, f"{fact_id}.examples"),
                answers=_strings(raw.get("answers"), path, f"{fact_id}.answers"),
            )
        )
    return facts


def load_reviews(path: Path) -> list[Passage]:
    passages = []
    for number, review in enumerate(_tables(_read_toml(path), "reviews", path), start=1):
        author = str(review.get("author") or "one reviewer")
        rating = review.get("rating")
        for raw in _tables(review, "passages", path):
            where = f"a passage of review {number}"
            passage_id = _text(raw, "id", path, where)
            passages.append(
                Passage(
                    id=passage_id,
                    text=_text(raw, "text", path, passage_id),
                    attribution=str(raw.get("attribution") or author),
                    rating=str(rating) if rating is not None else None,
                    topics=tuple(str(t) for t in raw.get("topics", [])),
                )
            )
    return passages


def _check_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise CorpusError(f"{what} id {item!r} is used twice; ids must be unique")
        seen.add(item)


def load_corpus(persona: Persona) -> Corpus:
    """Everything the persona's ``[[corpus]]`` entries name."""
    corpus = Corpus()
    for source in persona.corpus:
        path = persona.resolve_corpus_path(source)
        if not path.exists():
            raise CorpusError(f"corpus path {path} does not exist")
        if source.kind == "themes":
            corpus.intents.extend(load_themes(path))
        elif source.kind == "facts":
            corpus.facts.extend(load_facts(path))
        elif source.kind == "reviews":
            corpus.passages.extend(load_reviews(path))
    _check_unique([i.id for i in corpus.intents], "intent")
    _check_unique([f.id for f in corpus.facts], "fact")
    _check_unique([p.id for p in corpus.passages], "review passage")
    unknown = sorted(set(persona.careful_themes) - {i.theme for i in corpus.intents})
    if unknown:
        where = persona.source_path or persona.name
        raise CorpusError(
            f"{where}: careful_themes names {unknown[0]!r}, but no theme file has that theme"
        )
    return corpus
