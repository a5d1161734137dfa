"""Fact rules for the user's age ("I'm 34", "I just turned forty") and birthday."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.when import DATE, MONTH, YEAR
from companion.understanding.reading import I_AM, alternation, tidy
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_NUMBERS = fact_words()
_UNITS, _TEENS, _TENS = _NUMBERS.units, _NUMBERS.teens, _NUMBERS.tens
_AGE_NUMBER = (
    rf"(?P<age>\d{{1,3}}|{alternation(_TENS)}(?:[\s-]{alternation(_UNITS)})?|{alternation(_TEENS)})"
    r"(?!\w)(?!')"
)
# After the number, only what an age is followed by: "34", "34 years old", "34 and single".
# Anything else ("5 minutes away", "100% sure", "6 foot") is not an age.
_AGE_END = (
    r"(?:\s*(?:years?|yrs?)(?:\s+old|\s+of\s+age)?|\s*y/?o)?"
    r"(?=\s*(?:$|[,.!?;:)]|(?:and|but|now|today|so|too|btw|lol|haha|myself|this|next|tomorrow"
    r"|on|in|soon|though|tho|already|yesterday|last|as)\b))"
)
_AGE_PATTERNS = [
    re.compile(
        I_AM + r"\s+(?:now\s+|only\s+|just\s+|currently\s+|actually\s+)?" + _AGE_NUMBER + _AGE_END,
        re.I,
    ),
    re.compile(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+|recently\s+|finally\s+|officially\s+)?turned\s+"
        + _AGE_NUMBER
        + _AGE_END,
        re.I,
    ),
    re.compile(
        I_AM + r"\s+(?:turning|going\s+to\s+be|gonna\s+be)\s+" + _AGE_NUMBER + _AGE_END, re.I
    ),
    re.compile(r"\bmy\s+age\s+is\s+" + _AGE_NUMBER + _AGE_END, re.I),
    re.compile(I_AM + r"\s+an?\s+" + _AGE_NUMBER + r"[\s-]+years?[\s-]+old\b", re.I),
]


def _age(number: str) -> str:
    """The age in digits, or "" if it is not a plausible human age."""
    words = number.lower().replace("-", " ").split()
    if words[0].isdigit():
        value = int(words[0])
    elif words[0] in _TEENS:
        value = _TEENS[words[0]]
    else:
        value = _TENS[words[0]] + (_UNITS[words[1]] if len(words) > 1 else 0)
    return str(value) if 5 <= value <= 120 else ""


@RULES.add
def _ages(sentence: Sentence) -> Iterator[Found]:
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(sentence.text):
            if age := _age(match["age"]):
                yield match.start(), LearnedFact("age", "", age)


_BIRTHDAY_WORD = r"(?:birthday|bday|b-day|birth\s*day|date\s+of\s+birth|birth\s+date|dob)"
_MY_BIRTHDAY = re.compile(
    rf"\bmy\s+{_BIRTHDAY_WORD}(?:\s+is|'s|\s+falls|\s+was)?\s+(?:(?:on|in)\s+)?"
    rf"(?P<date>{DATE}|{MONTH})",
    re.I,
)
_BORN_ON = re.compile(
    rf"\bi\s+was\s+born\s+(?:(?:on|in)\s+)?(?P<date>{DATE}|{MONTH}(?:\s+{YEAR})?)", re.I
)


@RULES.add
def _birthdays(sentence: Sentence) -> Iterator[Found]:
    for pattern in (_MY_BIRTHDAY, _BORN_ON):
        for match in pattern.finditer(sentence.text):
            date = re.sub(r"^the\s+", "", match["date"], flags=re.I)
            yield match.start(), LearnedFact("birthday", "", tidy(date))
