"""What questions about memory and requests to forget share: the canonical spelling they are
read in, and the phrases that name a kind of fact ("my dog's name", "where I live").

Both readers match a lower-cased canonical message (contractions spelled out, punctuation gone,
"fave" and "color" unified) against whole patterns, so each pattern is written once, plainly.
"""

from __future__ import annotations

import re

from companion.understanding.reading import alternation
from companion.understanding.subjects import EVENT, REL, category, event_name, relation
from companion.understanding.vocabulary import memory_request_words

# Questions longer than this are conversation, not a quick "what's my dog called?"; a forget
# request is read no further either.
QUESTION_CHARS = 300

_SPELLINGS = memory_request_words().spellings
_SPELLING = re.compile(r"(?<![\w'])" + alternation(_SPELLINGS) + r"(?![\w'])")


def canonical(text: str) -> str:
    text = text.lower()
    text = _SPELLING.sub(lambda match: _SPELLINGS[match.group()], text)
    text = re.sub(r"[^\w\s'/-]", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


_MODS_Q = (
    r"(?:(?:little|big|baby|older|younger|elder|eldest|oldest|youngest|twin|step|half|new"
    r"|current) )?"
)
REL_Q = rf"{_MODS_Q}(?P<rel>{REL})"
EVENT_Q = rf"(?P<event>(?:[\w'-]+ ){{0,2}}?{EVENT})"
# Someone in the user's life a question names: "my sister", "my best friend", "ana", "she".
_NOT_PEOPLE = (
    r"(?!(?:it|that|this|you|u|one|everyone|anyone|someone|somebody|everybody|samantha|sam"
    r"|theodore|theo|catherine|amy|jonze|spike|her|him|the|a|an|i|we|me|they|he|she)\b)"
)
NAME_Q = _NOT_PEOPLE + r"[a-z][a-z'-]+"
# "my cousin mele", "abuela chela": a relation and the name, said together.
_REL_NAMED_Q = rf"(?:(?:my|our) )?{_MODS_Q}(?:{REL}) {NAME_Q}"
WHO_Q = rf"(?P<who>{_REL_NAMED_Q}|(?:my|our) {_MODS_Q}(?:{REL})|she|he|{NAME_Q})"
NAMED_Q = rf"(?P<who>{_REL_NAMED_Q}|(?:my|our) {_MODS_Q}(?:{REL})|{NAME_Q})"  # "what did he do?" asks no job
CATEGORY_Q = r"(?P<cat>[\w'-]+(?: [\w'-]+){0,3})"
Patterns = list[tuple[re.Pattern[str], str]]


def each(kind: str, *patterns: str) -> Patterns:
    """Compile each pattern, to be matched against a whole canonical phrase, for `kind`.

    `kind` "rel" means the kind comes from the relation word (family, friend or pet).
    """
    return [(re.compile(pattern), kind) for pattern in patterns]


# Phrases naming a kind of fact ("my dog's name", "where i live", "my favourite band"), for
# "do you remember <phrase>?" and "forget <phrase>".
_TARGETS: Patterns = [
    *each(
        "name",
        r"my (?:full |first |real )?name",
        r"what my name is",
        r"who i am",
        r"what you (?:should )?call me",
        r"what i am called",
    ),
    *each(
        "preferred_name",
        r"my nick ?name",
        r"what to call me",
        r"what i (?:like|prefer|want) to be called",
    ),
    *each("age", r"my age", r"how old i am"),
    *each(
        "birthday",
        r"my (?:birthday|date of birth|birth date|dob)",
        r"when my birthday is",
        r"when i was born",
    ),
    *each(
        "location",
        r"my (?:home )?(?:address|location|city|town|current city)",
        r"where i (?:live|lived|am living|was living|am based|stay)(?: now)?",
        r"where i moved to",
    ),
    *each(
        "hometown",
        r"my home town",
        r"where i am (?:originally )?from",
        r"where i (?:originally )?come from",
        r"where i grew up",
        r"where i was (?:born|raised)",
    ),
    *each(
        "job",
        r"my (?:job|occupation|profession|career|work|line of work)",
        r"what i do(?: for (?:work|a living))?",
        r"what my job is",
        r"what i work as",
    ),
    *each(
        "workplace",
        r"my (?:workplace|employer|company|office)",
        r"where i (?:work|worked|am working)",
        r"who i work for",
    ),
    *each(
        "rel",
        rf"(?:the name of )?my {REL_Q}(?:(?:'s|s)? name)?",
        rf"what my {REL_Q}(?:'s name is| is called| is named)",
        rf"who my {REL_Q} is",
        rf"what i (?:called|named) my {REL_Q}",
    ),
    *each("pet", r"my pets"),
    *each("friend", r"my friends"),
    *each(
        "favourite",
        rf"my favourite {CATEGORY_Q}",
        r"what my favourite (?P<cat>.+?) is",
    ),
    *each(
        "like",
        r"my (?:likes|hobbies|interests)",
        r"what i (?:like|love|enjoy)",
        r"the things i (?:like|love|enjoy)",
    ),
    *each(
        "dislike",
        r"my dislikes",
        r"what i (?:hate|dislike|don't like|can't stand)",
        r"the things i (?:hate|dislike|don't like)",
    ),
    *each(
        "plan",
        r"my (?:plans?|goals?)",
        r"what i (?:am|was) planning(?: to do)?",
        r"what i want to do",
    ),
    *each("event", rf"my {EVENT_Q}", rf"when my {EVENT_Q} is"),
]


def kind_of(match: re.Match[str], kind: str) -> tuple[str, str]:
    """Turn a matched question or phrase into (kind, subject)."""
    groups = match.groupdict()
    if kind == "rel":
        return relation(groups["rel"])
    if kind == "favourite":
        return kind, category(groups.get("cat") or "")
    if groups.get("who"):
        return kind, " ".join(groups["who"].split()).removesuffix("'")  # "lena's job"
    if kind == "event" and groups.get("event"):
        return kind, event_name(groups["event"])
    return kind, ""


def target(phrase: str) -> tuple[str, str] | None:
    """(kind, subject) of the fact a canonical phrase names ("my dog's name"), or None."""
    for pattern, kind in _TARGETS:
        if match := pattern.fullmatch(phrase):
            return kind_of(match, kind)
    return None
