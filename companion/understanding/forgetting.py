"""Whether a message asks the companion to forget something ("forget my address", "forget that")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.understanding.memory_phrases import QUESTION_CHARS, canonical, target
from companion.understanding.reading import clean, tidy
from companion.understanding.vocabulary import memory_request_words

__all__ = ["ForgetRequest", "parse_forget"]


@dataclass(frozen=True, slots=True)
class ForgetRequest:
    """A request to forget: the last thing said, everything, one kind of fact, or some words."""

    kind: str = ""
    subject: str = ""
    last: bool = False
    everything: bool = False
    words: str = ""


_FORGET_START = re.compile(
    r"^(?:(?:please|pls|plz|hey|hi|ok|okay|oh|um+|uh+|actually|so|and|also|just|no|nah"
    r"|never\s*mind|nvm|ugh|wait|well|right|look|listen|honestly|seriously|kindly|samantha"
    r"|sam)\b[\s,!.]*|(?!forget\b)[^\W\d_]+\s*,\s*)*+"
    r"(?P<ask>(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|just\s+|kindly\s+)?"
    r"|i\s+(?:want|need|would\s+like|'d\s+like)\s+you\s+to\s+|(?:please|pls|plz|just|kindly)\s+)*+)"
    r"/?forget(?=\s|$|[,.!?])",
    re.I,
)
_FORGET_TAIL = re.compile(
    r"(?: (?:please|for me|thanks|thank you|thx|now|ok|okay|samantha|sam|right now|completely"
    r"|entirely|forever|permanently|from your memory|from memory|too|as well|lol|altogether"
    r"|straight away))+$"
)
_FORGET_LAST = re.compile(
    r"that|it|this|that one|this one|all that|all of that"
    r"|what i (?:just )?(?:said|told you|wrote|typed|mentioned|shared)"
    r"(?: just now| earlier| before)?"
    r"|the last (?:thing|bit|part|message)(?: i (?:said|wrote|told you))?"
    r"|my last message|that last (?:bit|part|thing|message)"
    r"|i (?:just )?(?:said|mentioned|told you) (?:that|it|anything|this)"
)
_FORGET_ALL = re.compile(
    r"everything|it all|all of it|all|me|all about me|who i am"
    r"|everything (?:about me|you know|you know about me|we talked about"
    r"|i (?:have )?(?:ever )?(?:told you|said)(?: about (?:me|myself))?)"
    r"|all you know(?: about me)?|what you know about me"
    r"|(?:all )?my (?:data|info|information|details)"
)
_FORGET_ABOUT = re.compile(r"what i (?:said|told you|mentioned|wrote) about (?P<topic>.+)")
# "Can you forget things?" asks about her, not for a forgetting.
_NOT_A_TARGET = memory_request_words().not_forget_targets


def parse_forget(text: str) -> ForgetRequest | None:
    """The forget request `text` makes, or None if it makes none.

    Only an imperative at the start counts ("forget my address", "can you forget that?"), so
    "I always forget my keys" and "don't forget me" are None.
    """
    try:
        return _parse_forget(text)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return None


def _parse_forget(text: str) -> ForgetRequest | None:
    cleaned = " ".join(clean(text)[:QUESTION_CHARS].split())
    start = _FORGET_START.match(cleaned)
    if not start:
        return None
    # The target ends with its clause: "forget that, let's talk about films".
    raw_target = re.split(r"[,;.!?]|\s(?:and|but)\s|\s-+\s", cleaned[start.end() :], maxsplit=1)[0]
    wanted = re.sub(r"^about ", "", _FORGET_TAIL.sub("", canonical(raw_target)))
    if not wanted:
        # "Can you forget?" asks whether she can; "forget" and "/forget" alone mean the last thing.
        if start["ask"].strip() and cleaned.endswith("?"):
            return None
        return ForgetRequest(last=True)
    if wanted in _NOT_A_TARGET:
        return None
    if _FORGET_LAST.fullmatch(wanted):
        return ForgetRequest(last=True)
    if _FORGET_ALL.fullmatch(wanted):
        return ForgetRequest(everything=True)
    if about := _FORGET_ABOUT.fullmatch(wanted):
        wanted = about["topic"]
    wanted = re.sub(r"\bmy (?:old|previous|former|current) ", "my ", wanted)
    if found := target(wanted):
        kind, subject = found
        return ForgetRequest(kind=kind, subject=subject)
    return ForgetRequest(words=_as_typed(raw_target, wanted))


def _as_typed(raw: str, wanted: str) -> str:
    """`wanted` with the user's own capitals, when it can be found in what they typed."""
    pattern = r"\s+".join(re.escape(word) for word in wanted.split())
    found = re.search(pattern, raw, re.I) if pattern else None
    return tidy(found.group()) if found else wanted
