"""The shape of a fact rule, and the registry each family of rules declares its rules in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from companion.understanding.facts.fact import LearnedFact


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a message, with what the rules need to know about the whole message."""

    text: str
    # In an all-capitals message a capital letter says nothing about names.
    capitals_mean_names: bool
    whole_message: bool


# Where in the sentence a fact was found (facts come back in that order), and the fact.
Found = tuple[int, LearnedFact]
Rule = Callable[[Sentence], Iterator[Found]]


class RuleList(list[Rule]):
    """A family's rules in the order they are declared; `@RULES.add` declares one."""

    def add(self, rule: Rule) -> Rule:
        self.append(rule)
        return rule
