"""Fact rules for the people and pets in the user's life ("my sister is called Ana")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import NOT_NAMES, is_stop_word, name_in
from companion.understanding.reading import capitalise, clause
from companion.understanding.subjects import REL, relation
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_REL_MODS = (
    r"(?:(?:little|big|baby|older|younger|elder|eldest|oldest|youngest|twin|step|half|new|old|"
    r"lovely|dear|sweet|current|former)[\s-]+)?"
)
_MY_REL = rf"\b(?:my|our)\s+{_REL_MODS}(?P<rel>{REL})"
_PEOPLE_PATTERNS: list[tuple[re.Pattern[str], bool]] = [
    # (pattern, whether the name must be capitalised)
    (
        re.compile(
            _MY_REL + r"(?:'s\s+name\s+is|'s\s+name's|\s+name\s+is|\s+is\s+called|\s+is\s+named"
            r"|'s\s+called|'s\s+named|\s+goes\s+by|\s+is\s+known\s+as)\s+(?=(?P<rest>.{0,200}))",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            r"\b(?:i|we)(?:\s+(?:also\s+)?(?:have\s+got|have|got)|'ve\s+(?:also\s+)?got|'ve)\s+"
            r"(?:(?:a|an|one|another|this)\s+)?"
            + _REL_MODS
            + rf"(?P<rel>{REL})\s+(?:who's\s+|who\s+is\s+|that's\s+|that\s+is\s+)?"
            r"(?:named|called)\s+(?=(?P<rest>.{0,200}))",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            r"\b(?:i|we|they)\s+(?:(?:just|finally)\s+)?named\s+(?:the|our|my|their)\s+"
            + _REL_MODS
            + rf"(?P<rel>{REL})\s+(?=(?P<rest>.{{0,200}}))",
            re.I,
        ),
        False,
    ),
    # "I called my sister Ana" is as likely a phone call as a naming: only a capital tells.
    (
        re.compile(
            r"\b(?:i|we|they)\s+(?:(?:just|finally)\s+)?called\s+(?:the|our|my|their)\s+"
            + _REL_MODS
            + rf"(?P<rel>{REL})\s+(?=(?P<rest>.{{0,200}}))",
            re.I,
        ),
        True,
    ),
    (re.compile(_MY_REL + r"\s*,?\s+(?=(?P<rest>.{0,200}))", re.I), True),
]
_REL_IS_NAME = re.compile(_MY_REL + r"\s+is\s+(?=(?P<rest>.{0,200}))", re.I)
_NAME_IS_MY_REL = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but|so)\s+)(?P<rest>[^\W\d_][\w'-]*)\s+is\s+(?:my|our)\s+"
    + _REL_MODS
    + rf"(?P<rel>{REL})(?P<named>'s\s+name\b|(?!')(?!\w))",
    re.I,
)
# "my ex, brian, just liked my story": a name between commas after the relation, any case.
_MY_REL_COMMA_NAME = re.compile(_MY_REL + r"\s*,\s+(?P<name>[^\W\d_][\w'-]{1,20}),", re.I)
# "mochi my cat is asleep", "gerry my manager wants...", "kiwi, my parrot": a name opening the
# sentence, then the relation.
_NAME_MY_REL = re.compile(
    r"^(?P<name>[^\W\d_][\w'-]{1,20})(?:\s+btw)?,?\s+"
    # "bruno btw, that's my husband", "paçoca is our dog", "kiwi, my parrot"
    r"(?:(?:that's|thats|that\s+is|he's|hes|she's|shes|who's|is|was)\s+)?(?:my|our)\s+"
    + _REL_MODS
    + rf"(?P<rel>{REL})\b",
    re.I,
)
_NAME_ENDS = fact_words().name_ends
# "my sister rosa lives 10 min away", "my dog biscuit has to go to the vet": a lower-case word
# after the relation is a name when a verb follows it and it looks like no verb itself.
_MY_REL_LOWER_NAME = re.compile(_MY_REL + r"\s+(?P<name>[a-z][a-z'-]{1,20})\s+(?P<next>[a-z']+)\b")
_VERBS_AFTER_NAME = fact_words().verbs_after_name
_NEVER_LOWER_NAMES = NOT_NAMES | _VERBS_AFTER_NAME | fact_words().not_lower_names
_VERB_LIKE = re.compile(r"(?:ed|ing|ly|ies|self|selves)$")


def _may_be_a_name(word: str) -> bool:
    """Whether a word typed in any case can be a name: no common word, nothing verb-like."""
    return not is_stop_word(word, _NEVER_LOWER_NAMES) and not _VERB_LIKE.search(word)


def _person(match: re.Match[str], name: str) -> LearnedFact:
    kind, subject = relation(match["rel"])
    return LearnedFact(kind, subject, name)


@RULES.add
def _people_and_pets(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for pattern, capital in _PEOPLE_PATTERNS:
        for match in pattern.finditer(text):
            if name := name_in(match["rest"], sentence, capital=capital, stops=NOT_NAMES):
                yield match.start(), _person(match, name)
    # "my sister is Ana" only when the name ends the clause: "my sister is Irish" is not a name.
    for match in _REL_IS_NAME.finditer(text):
        name = name_in(match["rest"], sentence, capital=True, stops=NOT_NAMES)
        following = clause(match["rest"]).split()[len(name.split()) :]
        if name and (not following or following[0].lower() in _NAME_ENDS):
            yield match.start(), _person(match, name)
    for match in _MY_REL_LOWER_NAME.finditer(text):
        if match["next"] in _VERBS_AFTER_NAME and _may_be_a_name(match["name"]):
            yield match.start(), _person(match, capitalise(match["name"]))
    for pattern in (_MY_REL_COMMA_NAME, _NAME_MY_REL):
        for match in pattern.finditer(text):
            # "she's my daughter", "that's my boss": no name
            if "'" not in match["name"] and _may_be_a_name(match["name"]):
                yield match.start(), _person(match, capitalise(match["name"]))
    for match in _NAME_IS_MY_REL.finditer(text):
        capital = not match["named"]
        if name := name_in(match["rest"], sentence, capital=capital, stops=NOT_NAMES):
            yield match.start("rest"), _person(match, name)
