"""Facts a user states about themselves ("my dog is called Biscuit"), read by regular expressions.

One module per family of rules (names, age, places, work, people, likes, plans), each declaring
its rules in its own `RULES`; `reader` runs them all. No model, no storage, no I/O: a surprising
fact can always be traced to one pattern, and the word lists are in `understanding/data/`.
"""

from companion.understanding.facts.fact import KINDS, LearnedFact
from companion.understanding.facts.reader import extract_facts

__all__ = ["KINDS", "LearnedFact", "extract_facts"]
