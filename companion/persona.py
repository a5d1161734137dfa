"""The persona file: a TOML document validated into a typed model, with errors that name file:line."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from companion import locations
from companion.errors import PersonaError

DEFAULT_PERSONA = "samantha"
MAX_PERSONA_BYTES = 1024 * 1024

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TextList = Annotated[list[NonEmptyText], Field(min_length=1)]

# The placeholders each template may use; anything else is a typo the user should hear about.
TEMPLATE_FIELDS: dict[str, set[str]] = {
    "reply": {"text", "name", "followup"},
    "fact": {"answer", "name", "followup"},
    "review": {"quote", "attribution", "rating", "name"},
    "greeting": {"name", "persona"},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Voice(_Strict):
    """How she paces and decorates replies."""

    typing_chars_per_second: Annotated[float, Field(gt=0)] = 60.0
    followup_chance: Annotated[float, Field(ge=0, le=1)] = 0.3
    use_name_chance: Annotated[float, Field(ge=0, le=1)] = 0.2
    no_repeat_turns: Annotated[int, Field(ge=0, le=1000)] = 20


class Greetings(_Strict):
    first_meeting: TextList
    returning: TextList


class Templates(_Strict):
    reply: TextList = ["{text}"]
    fact: TextList = ["{answer}"]
    review: TextList = ["{attribution} wrote: \u201c{quote}\u201d"]


class Routing(_Strict):
    """Words that send a message to this persona's facts and reviews instead of her themes.

    They belong to the persona: Samantha's name the film; an imported persona names its own
    subject, or nothing (then every message is answered from the themes, unless a fact or review
    question matches strongly on its own).
    """

    # Lower-case words or phrases that put a message in the subject's context ("the film").
    subject_words: list[NonEmptyText] = []
    # Titles matched case-sensitively, away from the start of a sentence ("I loved Her").
    titles: list[NonEmptyText] = []
    review_words: list[NonEmptyText] = []
    # Themes about the subject itself: they answer only when the subject is in play.
    subject_themes: list[NonEmptyText] = []
    # Review topics: a passage's topic name -> words that ask about it.
    review_topics: dict[str, list[NonEmptyText]] = {}
    # Once a death is spoken of in a conversation: themes lifted (grief, memories) and intents
    # (ids or globs) weighed down because they assume the person is alive and far away.
    loss_themes: list[NonEmptyText] = []
    loss_avoid: list[NonEmptyText] = []
    # Where she brings a memory back: a memory kind ("family", "used_to") -> the themes, or intent
    # ids and globs, whose replies may end by asking after it ("How is Ana doing, by the way?").
    callbacks: dict[str, list[NonEmptyText]] = {}


class CorpusSource(_Strict):
    """One corpus file or folder; relative paths are resolved against the persona file's folder."""

    kind: Literal["themes", "reviews", "facts"]
    path: NonEmptyText


class Persona(_Strict):
    """A validated persona: who she is, how she talks, and what she draws on."""

    name: NonEmptyText
    about: NonEmptyText
    voice: Voice = Voice()
    greetings: Greetings
    farewells: TextList
    fallbacks: TextList
    followups: TextList
    templates: Templates = Templates()
    corpus: Annotated[list[CorpusSource], Field(min_length=1)]
    # Themes gentle enough for the turns after a crisis reply; none: written care only.
    careful_themes: list[NonEmptyText] = []
    routing: Routing = Routing()
    source_path: Path | None = Field(default=None, exclude=True)

    def resolve_corpus_path(self, source: CorpusSource) -> Path:
        """Find a corpus path next to the persona file, else among the bundled corpora."""
        candidate = Path(source.path).expanduser()
        if candidate.is_absolute():
            return candidate
        bases = [self.source_path.parent] if self.source_path else []
        bases.append(locations.bundled_personas_dir())
        for base in bases:
            if (base / candidate).exists():
                return base / candidate
        return bases[0] / candidate


def _check_templates(persona: Persona) -> list[tuple[tuple[str, ...], str]]:
    problems: list[tuple[tuple[str, ...], str]] = []
    checks: list[tuple[tuple[str, ...], list[str], set[str]]] = [
        (("templates", "reply"), persona.templates.reply, TEMPLATE_FIELDS["reply"]),
        (("templates", "fact"), persona.templates.fact, TEMPLATE_FIELDS["fact"]),
        (("templates", "review"), persona.templates.review, TEMPLATE_FIELDS["review"]),
        (
            ("greetings", "first_meeting"),
            persona.greetings.first_meeting,
            TEMPLATE_FIELDS["greeting"],
        ),
        (("greetings", "returning"), persona.greetings.returning, TEMPLATE_FIELDS["greeting"]),
        (("farewells",), persona.farewells, TEMPLATE_FIELDS["greeting"]),
    ]
    for location, texts, allowed in checks:
        for text in texts:
            try:
                parsed = list(string.Formatter().parse(text))
                fields = {f for _, f, _, _ in parsed if f is not None}
                if any(spec or conversion for _, f, spec, conversion in parsed if f is not None):
                    problems.append((location, f"template {text!r}: write plain {{placeholders}}"))
                    continue
            except ValueError as error:
                problems.append((location, f"has a malformed template {text!r} ({error})"))
                continue
            unknown = sorted(f for f in fields if f not in allowed)
            if unknown:
                allowed_list = ", ".join("{" + a + "}" for a in sorted(allowed))
                problems.append(
                    (
                        location,
                        f"uses unknown placeholder {{{unknown[0]}}}; allowed: {allowed_list}",
                    )
                )
    return problems


def find_key_line(source: str, location: tuple[str | int, ...]) -> int | None:
    """Best-effort line number of a dotted key in TOML text (tomllib keeps no positions)."""
    keys = [str(part) for part in location if not isinstance(part, int)]
    if not keys:
        return None
    table_re = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    key_re = re.compile(r"^\s*([A-Za-z0-9_\-\.\"']+)\s*=")
    current_table: list[str] = []
    fallback: int | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        table_match = table_re.match(line)
        if table_match:
            current_table = [p.strip().strip('"') for p in table_match.group(1).split(".")]
            if current_table == keys:
                return number
            if current_table == keys[: len(current_table)] and fallback is None:
                fallback = number
            continue
        key_match = key_re.match(line)
        if key_match:
            dotted = current_table + [p.strip().strip('"') for p in key_match.group(1).split(".")]
            if dotted == keys[: len(dotted)] and len(dotted) >= 1 and dotted[-1] in keys:
                if dotted == keys:
                    return number
                fallback = fallback or number
    return fallback


def _describe(error: dict[str, object]) -> str:
    kind = str(error.get("type", ""))
    loc = error.get("loc", ())
    last = loc[-1] if isinstance(loc, tuple) and loc else None
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a persona field (check the spelling; see docs/persona.md)"
    if kind in {"list_type", "too_short"} or (kind == "string_type" and isinstance(last, int)):
        return "must be a list of strings" + (
            " with at least one item" if kind == "too_short" else ""
        )
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "literal_error":
        context = error.get("ctx")
        expected = context.get("expected", "") if isinstance(context, dict) else ""
        return f"must be one of {expected}"
    return str(error.get("msg", "is invalid")).lower()


def _field_name(location: tuple[str | int, ...]) -> str:
    parts = [str(p) for p in location if not isinstance(p, int)]
    return ".".join(parts) if parts else "persona"


def parse_persona(text: str, origin: Path) -> Persona:
    """Validate persona TOML; raise PersonaError('file:line: field problem') on the first problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        line = match.group(1) if match else "?"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise PersonaError(f"{origin}:{line}: not valid TOML: {reason}") from None
    try:
        persona = Persona.model_validate({**raw, "source_path": origin})
    except ValidationError as error:
        # A misspelt key shows up twice (unknown + missing): the spelling is the useful report.
        errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        location = tuple(first["loc"])
        # list items: point at the list, not at "greetings.first_meeting.0"
        line = find_key_line(text, location)
        where = f"{origin}:{line}" if line else str(origin)
        raise PersonaError(f"{where}: {_field_name(location)} {_describe(dict(first))}") from None
    problems = _check_templates(persona)
    if problems:
        location, message = problems[0]
        line = find_key_line(text, location)
        where = f"{origin}:{line}" if line else str(origin)
        raise PersonaError(f"{where}: {'.'.join(location)} {message}")
    for index, source in enumerate(persona.corpus):
        if not persona.resolve_corpus_path(source).exists():
            line = _corpus_path_line(text, index)
            where = f"{origin}:{line}" if line else str(origin)
            raise PersonaError(f"{where}: corpus path {source.path!r} does not exist")
    return persona


def _corpus_path_line(text: str, index: int) -> int | None:
    """The line of the ``path`` key in the ``index``-th ``[[corpus]]`` table (0-based)."""
    seen = 0
    current: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = seen if re.match(r"\[\[\s*corpus\s*\]\]", stripped) else None
            seen += current is not None
            continue
        if current == index and re.match(r"path\s*=", stripped):
            return number
    return None


def resolve_persona_path(selector: str | None) -> Path:
    """Turn ``--persona PATH|NAME`` into a file: a path, else a user persona, else a bundled one."""
    chosen = selector or DEFAULT_PERSONA
    as_path = Path(chosen).expanduser()
    if as_path.suffix == ".toml" or "/" in chosen or as_path.is_file():
        return as_path
    for folder in (locations.user_personas_dir(), locations.bundled_personas_dir()):
        candidate = folder / f"{chosen}.toml"
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(p["name"] for p in list_personas()))
    raise PersonaError(f"no persona named {chosen!r} (known: {known})")


def load_persona(selector: str | Path | None = None) -> Persona:
    """Load and validate a persona by path or name."""
    path = selector if isinstance(selector, Path) else resolve_persona_path(selector)
    if path.exists() and not path.is_file():
        raise PersonaError(f"{path}: not a regular file (a device, a pipe or a folder)")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PERSONA_BYTES + 1)
        if len(raw) > MAX_PERSONA_BYTES:
            raise PersonaError(f"{path}: larger than 1 MB; not a persona file")
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise PersonaError(f"{path}: persona file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PersonaError(f"{path}: cannot read persona file ({error})") from None
    return parse_persona(text, path)


def list_personas() -> list[dict[str, str]]:
    """Bundled and user personas as ``{"name", "path", "origin"}``; user files shadow bundled ones."""
    found: dict[str, dict[str, str]] = {}
    for origin, folder in (
        ("bundled", locations.bundled_personas_dir()),
        ("user", locations.user_personas_dir()),
    ):
        for path in sorted(folder.glob("*.toml")):
            found[path.stem] = {"name": path.stem, "path": str(path), "origin": origin}
    return sorted(found.values(), key=lambda p: p["name"])


def write_persona_copy(new_name: str, base: str | None = None) -> Path:
    """Copy a persona into the user's config folder as NEW_NAME.toml, renamed, ready to edit."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _\-]{0,40}", new_name):
        raise PersonaError(
            f"persona name {new_name!r} must be 1-41 letters, digits, spaces, '-' or '_'"
        )
    source_path = resolve_persona_path(base)
    load_persona(source_path)  # refuse to copy a broken file
    slug = re.sub(r"[^a-z0-9_\-]+", "-", new_name.lower()).strip("-")
    target = locations.user_personas_dir() / f"{slug}.toml"
    if target.exists():
        raise PersonaError(f"{target} already exists; edit it, or choose another name")
    text = source_path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^name\s*=\s*".*"$', f'name = "{new_name}"', text, count=1)
    # Corpus paths stay relative; they resolve against the bundled folder when absent beside the copy.
    from companion.files import write_private_text

    write_private_text(target, text)
    return target
