"""Writing the crisis reply and the careful replies that follow it, from ``data/replies.toml``."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from companion.safety.resources import Region, Resource
from companion.safety.rules import TIERS, Tier

RESOURCE_KINDS = ("crisis_line", "text_line", "emergency", "abuse_line", "directory")
_THANKS = re.compile(r"\b(?:thank|thanks|thx|ty|cheers)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TierWriting:
    resources: tuple[str, ...]
    bodies: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CrisisReply:
    """The reply to a message that shows danger, and the resources it gave (for a notice)."""

    text: str
    tier: Tier
    tiers: tuple[Tier, ...]
    region: str
    resources: tuple[Resource, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "tiers": list(self.tiers),
            "region": self.region,
            "resources": [r.to_json() for r in self.resources],
        }


class CrisisWriter:
    """Composes crisis and careful replies; pure, so the same message gets the same care."""

    def __init__(
        self, tiers: dict[str, TierWriting], careful: tuple[str, ...], thanks: tuple[str, ...]
    ) -> None:
        missing = [t for t in TIERS if t not in tiers]
        if missing:
            raise ValueError(f"replies.toml has no writing for {', '.join(missing)}")
        self.tiers = tiers
        self.careful = careful
        self.thanks = thanks

    @classmethod
    def load(cls) -> CrisisWriter:
        text = (
            resources.files("companion.safety")
            .joinpath("data/replies.toml")
            .read_text(encoding="utf-8")
        )
        data = tomllib.loads(text)
        tiers = {
            name: TierWriting(
                tuple(entry["resources"]), tuple(entry["bodies"]), tuple(entry["questions"])
            )
            for name, entry in data["tiers"].items()
        }
        return cls(tiers, tuple(data["careful"]["replies"]), tuple(data["careful"]["thanks"]))

    def crisis(
        self, tiers: tuple[Tier, ...], region: Region, said_before: Iterable[str] = ()
    ) -> CrisisReply:
        """The reply for a message in ``tiers`` (most urgent first); fresh words if repeated."""
        tier = tiers[0]
        writing = self.tiers[tier]
        used: list[Resource] = []
        templates = list(writing.resources)
        # A message in several tiers (abuse and a wish to die) gets the others' lines too.
        for other in tiers[1:]:
            templates += [
                line
                for line in self.tiers[other].resources
                if "directory" not in _fields(line) and line not in templates
            ]
        # The directory is the catch-all: it closes the list.
        templates.sort(key=lambda line: "directory" in _fields(line))
        lines = []
        for template in templates:
            if _fields(template) <= {r.kind for r in used}:
                continue  # every resource it names was given already
            lines.append(self._resource_line(template, region, used))
        earlier = " ".join(said_before)
        body = _fresh(writing.bodies, earlier)
        question = _fresh(writing.questions, earlier)
        text = " ".join([*(line for line in lines if line), body, question])
        return CrisisReply(text, tier, tiers, region.code, tuple(used))

    def careful_reply(self, message: str, said_before: Sequence[str]) -> str:
        """A gentle reply for the turns after a crisis reply, never one said recently."""
        options = self.thanks if self.is_thanks(message) else self.careful
        return _fresh(options, " ".join(said_before))

    @staticmethod
    def is_thanks(message: str) -> bool:
        return _THANKS.search(message) is not None

    @staticmethod
    def _resource_line(line: str, region: Region, used: list[Resource]) -> str:
        values: dict[str, str] = {}
        for kind in _fields(line):
            resource = region.of_kind(kind)
            if resource is None:
                return ""  # the region does not list this kind: leave the line out
            values[kind] = _render(resource)
            if resource not in used:
                used.append(resource)
        text = line.format(**values)
        return text[:1].upper() + text[1:]


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _render(resource: Resource) -> str:
    name = resource.name if resource.name.lower() not in resource.contact.lower() else ""
    details = ", ".join(part for part in (name, resource.hours) if part)
    if resource.kind in {"crisis_line", "abuse_line", "text_line"} and details:
        return f"{resource.contact} ({details})"
    return resource.contact


def _fresh(options: Sequence[str], earlier: str) -> str:
    """The first option not already said; the first again once all have been."""
    return next((o for o in options if o not in earlier), options[0])
