"""``companion safety ...``: which crisis resources she gives, and for which region."""

from __future__ import annotations

import argparse
import json
from typing import Any

from companion.errors import CompanionError

EXIT_OK = 0
REGION_SETTING = "region"


def add_parsers(command: Any) -> None:
    """Register the ``safety`` sub-command (``command`` makes one parser)."""
    safety = command("safety", "the crisis resources she gives, and the region they are for")
    actions = safety.add_subparsers(dest="safety_command", metavar="ACTION", required=True)
    resources = command("resources", "print the resources a crisis reply gives", actions)
    resources.add_argument("--region", default=None, help="a region code (default: yours)")
    resources.add_argument("--json", action="store_true", help="print JSON")
    region = command(
        "region", "show or set your region (US, GB, IE, CA, AU, international)", actions
    )
    region.add_argument("code", nargs="?", default=None, metavar="CODE")


def run_safety(args: argparse.Namespace) -> int:
    from companion.safety import ResourceBook, region_from_environment
    from companion.settings import load_settings, save_setting

    book = ResourceBook.load()
    if args.safety_command == "region":
        if args.code is None:
            code = region_from_environment(load_settings().get(REGION_SETTING))
            region = book.region(code)
            print(f"{region.code} ({region.name})")
            return EXIT_OK
        code = args.code.strip()
        chosen = book.region(code)
        if chosen.code.lower() != code.lower() and code.lower() not in {"uk", "usa"}:
            known = ", ".join(sorted(book.regions))
            raise CompanionError(f"no resources listed for region {code!r}; known: {known}")
        save_setting(REGION_SETTING, chosen.code)
        print(f"region set to {chosen.code} ({chosen.name})")
        return EXIT_OK
    code = args.region or region_from_environment(load_settings().get(REGION_SETTING))
    region = book.region(code)
    if getattr(args, "json", False):
        print(
            json.dumps(
                {"region": region.code, "resources": [r.to_json() for r in region.resources]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    print(f"Crisis resources for {region.name} ({region.code}):")
    for resource in region.resources:
        name = resource.name or resource.kind.replace("_", " ")
        print(f"  {name}: {resource.contact} [{resource.hours}]")
        print(f"      checked {resource.checked} against {resource.source}")
    return EXIT_OK
