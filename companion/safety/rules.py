"""The safety rules: which messages say that someone is in danger, and how urgently.

The rules are data (``data/signals.toml``); this module compiles them once and applies them. Each
tier has its own reply; when a message fits several, the most urgent tier leads and the others'
resources are added to it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Literal, get_args

from companion.safety.normalize import Spelling

Tier = Literal["intent", "method", "self_harm", "passive", "abuse", "someone_else"]
TIERS: tuple[Tier, ...] = get_args(Tier)  # most urgent first
_FRAGMENT = re.compile(r"<<(\w+)>>")
# The speaker's own words for themselves, as typed (before "kms" becomes "kill myself").
_SELF = re.compile(r"\b(?:i|im|i'm|ive|i've|id|i'd|ill|i'll|me|myself|mine)\b")
_BLANK = " ~ "


@dataclass(frozen=True, slots=True)
class Rule:
    tier: Tier
    id: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    generic: bool = False

    def fires(self, text: str) -> bool:
        if not self.pattern.search(text):
            return False
        if self.requires is not None and not self.requires.search(text):
            return False
        return self.unless is None or not self.unless.search(text)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the safety layer read in one message: the tiers found, most urgent first."""

    tiers: tuple[Tier, ...] = ()
    rules: tuple[str, ...] = ()
    canonical: str = ""
    model_risk: float | None = None  # the learned reader's estimate, when it was asked

    @property
    def tier(self) -> Tier | None:
        return self.tiers[0] if self.tiers else None

    @property
    def at_risk(self) -> bool:
        return bool(self.tiers)


class Rules:
    """The compiled rule set; ``assess`` reads one message (well under a millisecond)."""

    def __init__(
        self,
        spelling: Spelling,
        figurative: list[re.Pattern[str]],
        rules: list[Rule],
        moving_on: list[re.Pattern[str]],
    ) -> None:
        self.spelling = spelling
        self.figurative = figurative
        self.rules = rules
        self.moving_on = moving_on

    @classmethod
    def load(cls) -> Rules:
        """The rules shipped with companion."""
        with resources.files("companion.safety").joinpath("data/signals.toml").open("rb") as f:
            data = tomllib.load(f)
        known = (
            resources.files("companion.safety")
            .joinpath("data/known_words.txt")
            .read_text(encoding="utf-8")
            .split()
        )
        fragments: dict[str, str] = data["fragments"]

        def compiled(source: str) -> re.Pattern[str]:
            return re.compile(_expand(source, fragments))

        spelling = Spelling(
            replacements=data["replacements"],
            phrases=data["phrases"],
            vocabulary=frozenset(data["spelling"]["targets"]),
            protected=frozenset(data["spelling"]["protected"]) | frozenset(known),
            squashed=data.get("squashed", {}),
        )
        rules = [
            Rule(
                tier=_tier(entry["tier"]),
                id=entry["id"],
                pattern=compiled(entry["pattern"]),
                requires=compiled(entry["requires"]) if "requires" in entry else None,
                unless=compiled(entry["unless"]) if "unless" in entry else None,
                generic=bool(entry.get("generic", False)),
            )
            for entry in data["rule"]
        ]
        return cls(
            spelling,
            [compiled(entry["pattern"]) for entry in data["figurative"]],
            rules,
            [compiled(p) for p in data["moving_on"]["patterns"]],
        )

    def canonical(self, text: str) -> str:
        """The message as the rules read it: normalised, with figures of speech blanked out."""
        canonical = self.spelling.normalize(text)
        for pattern in self.figurative:
            canonical = pattern.sub(_BLANK, canonical)
        return canonical

    def assess(self, text: str) -> Assessment:
        canonical = self.canonical(text)
        fired = [rule for rule in self.rules if not rule.generic and rule.fires(canonical)]
        if not fired:
            fired = [rule for rule in self.rules if rule.generic and rule.fires(canonical)]
        found = {rule.tier for rule in fired}
        tiers = tuple(tier for tier in TIERS if tier in found)
        if "someone_else" in found and not _SELF.search(text.casefold().replace("\u2019", "'")):
            # "my friend says she'll kms": nobody in it speaks of themselves, so it is about
            # the friend, whatever else the words matched.
            tiers = ("someone_else", *(t for t in tiers if t != "someone_else"))
        return Assessment(tiers, tuple(rule.id for rule in fired), canonical)

    def moves_on(self, text: str) -> bool:
        """Whether a message clearly leaves the hard subject ("can we talk about something else")."""
        canonical = self.spelling.normalize(text)
        return any(pattern.search(canonical) for pattern in self.moving_on)


def _expand(source: str, fragments: dict[str, str]) -> str:
    for _ in range(5):  # fragments may use fragments
        expanded = _FRAGMENT.sub(lambda m: fragments[m.group(1)], source)
        if expanded == source:
            return expanded
        source = expanded
    raise ValueError(f"fragments nest too deeply in {source[:60]!r}")


def _tier(name: str) -> Tier:
    if name not in TIERS:
        raise ValueError(f"unknown safety tier {name!r}; expected one of {', '.join(TIERS)}")
    return name  # type: ignore[return-value]
