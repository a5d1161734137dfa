"""Crisis resources by region, from ``data/resources.toml``, and how a region is chosen."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

INTERNATIONAL = "international"
REGION_ENV = "COMPANION_REGION"
# Locale territories and common names that mean a region we list.
_ALIASES = {"UK": "GB", "EN": "GB", "USA": "US", "IRL": "IE", "AUS": "AU", "CAN": "CA"}


@dataclass(frozen=True, slots=True)
class Resource:
    """One service: what it is, how to reach it, and where its number was checked."""

    kind: str
    name: str
    contact: str
    hours: str
    source: str
    checked: str

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "name": self.name,
            "contact": self.contact,
            "hours": self.hours,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    resources: tuple[Resource, ...]

    def of_kind(self, kind: str) -> Resource | None:
        return next((r for r in self.resources if r.kind == kind), None)


class ResourceBook:
    """Every region we list; ``region(code)`` falls back to the international default."""

    def __init__(self, regions: Mapping[str, Region]) -> None:
        if INTERNATIONAL not in regions:
            raise ValueError("the resources file needs an 'international' region")
        self.regions = dict(regions)

    @classmethod
    def load(cls, path: Path | None = None) -> ResourceBook:
        if path is None:
            text = (
                resources.files("companion.safety")
                .joinpath("data/resources.toml")
                .read_text(encoding="utf-8")
            )
        else:
            text = path.read_text(encoding="utf-8")
        return cls(_regions(tomllib.loads(text)))

    def region(self, code: str | None) -> Region:
        key = (code or INTERNATIONAL).strip()
        key = _ALIASES.get(key.upper(), key.upper()) if key.lower() != INTERNATIONAL else key
        return self.regions.get(key, self.regions[INTERNATIONAL])


def _regions(data: dict[str, Any]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for entry in data.get("region", []):
        code, name = str(entry["code"]), str(entry["name"])
        listed = tuple(
            Resource(
                kind=str(r["kind"]),
                name=str(r.get("name", "")),
                contact=str(r["contact"]).replace("{region}", name),
                hours=str(r.get("hours", "")),
                source=str(r["source"]),
                checked=str(r["checked"]),
            )
            for r in entry.get("resource", [])
        )
        regions[code] = Region(code, name, listed)
    return regions


def region_from_environment(setting: object = None) -> str:
    """The region to use: ``COMPANION_REGION``, then the saved setting, then the locale."""
    chosen = os.environ.get(REGION_ENV) or (setting if isinstance(setting, str) else None)
    if chosen:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        language = value.split(".")[0].split("@")[0]
        if "_" in language:
            return language.split("_")[1]
    return INTERNATIONAL
