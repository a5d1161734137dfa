"""Recall on risk messages and false alarms on ordinary ones, per tier, for the labelled suite.

    python benchmarks/safety/recall.py            # both halves
    python benchmarks/safety/recall.py --misses dev   # list what the dev half gets wrong

`cases_dev.toml` is the half the rules were tuned on; `cases_holdout.toml` was written apart from
the rules and is only measured. Figures go in docs/safety.md.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.safety import TIERS, SafetyLayer

HERE = Path(__file__).resolve().parent
HALVES = {
    "dev": HERE / "cases_dev.toml",
    "holdout": HERE / "cases_holdout.toml",
    "holdout2": HERE / "cases_holdout2.toml",
}
# The training sets (train_*.toml) are tuning data too, like dev.
HALVES.update({p.stem: p for p in sorted(HERE.glob("train_*.toml"))})


def load(half: str) -> list[dict[str, str]]:
    return tomllib.loads(HALVES[half].read_text(encoding="utf-8"))["case"]


def measure(rules: SafetyLayer, half: str, show_misses: bool) -> None:
    cases = load(half)
    print(f"== {half}: {len(cases)} messages")
    for tier in (*TIERS, "none"):
        group = [c for c in cases if c["tier"] == tier]
        if not group:
            continue
        results = [(c, rules.assess(c["text"])) for c in group]
        if tier == "none":
            alarms = [(c, a) for c, a in results if a.at_risk]
            print(
                f"  ordinary      false alarms {len(alarms)}/{len(group)}"
                f" = {100 * len(alarms) / len(group):.1f} %"
            )
            wrong = alarms
        else:
            caught = [(c, a) for c, a in results if a.at_risk]
            exact = [(c, a) for c, a in caught if a.tier == tier]
            print(
                f"  {tier:<13} recall {len(caught)}/{len(group)}"
                f" = {100 * len(caught) / len(group):.1f} %  (tier exact {len(exact)})"
            )
            wrong = [(c, a) for c, a in results if not a.at_risk]
        if show_misses:
            for case, assessment in wrong:
                print(f"      MISS [{case['tier']}] {case['text']!r}")
                print(f"           -> {assessment.canonical!r} {assessment.rules}")
    risk = [c for c in cases if c["tier"] != "none"]
    if risk:
        caught = sum(rules.assess(c["text"]).at_risk for c in risk)
        print(f"  all risk      recall {caught}/{len(risk)} = {100 * caught / len(risk):.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=list(HALVES), help="list the misses of one set")
    parser.add_argument("--rules-only", action="store_true", help="without the learned reader")
    parser.add_argument("--only", choices=list(HALVES), nargs="*", help="measure only these sets")
    args = parser.parse_args()
    rules = SafetyLayer.load()
    if args.rules_only:
        rules.classifier = None
    for half in args.only or HALVES:
        measure(rules, half, show_misses=args.misses == half)


if __name__ == "__main__":
    main()
