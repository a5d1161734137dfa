"""Fact rules for the user's name ("my name is Priya") and preferred name ("call me P")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import NOT_NAMES, is_stop_word, name_in
from companion.understanding.reading import I_AM, capitalise, clause
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_GREETING = r"(?:(?:hi|hello|hey|hiya|heya)(?:\s+there)?\s*[,!.]?\s+)"
# "Call me later", "I go by bus": what follows these verbs is not always a name.
_NOT_CALLED = NOT_NAMES | fact_words().not_called
_NAME_ENDS = fact_words().name_ends

_MY_NAME_IS = re.compile(
    # "his name's arjun" names him, not the user.
    r"\b(?:my\s+name\s+is|my\s+name's|my\s+names|(?<!his\s)(?<!her\s)(?<!their\s)"
    r"(?:the\s+)?name's|my\s+full\s+name\s+is)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
# "names jaydn", "oh names Callum btw", "yo samantha, names tom": "name's" typed without the
# apostrophe or the "my", at the start of the message or after an opener.
_NAMES_OPENING = re.compile(
    r"(?:^|,\s*|^(?:oh|ok|okay|yo|hey|hi|hello|so|well|and|btw|also)\s+)"
    r"(?:the\s+)?names\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_I_AM_SOMEONE = re.compile(I_AM + r"\s+(?=(?P<rest>.{0,200}))", re.I)
_NAME_HERE = re.compile(r"\bit'?s\s+(?=(?P<rest>\S+\s+here\b.{0,200}))", re.I)
_ITS_ME = re.compile(r"\bit'?s\s+me\s*,?\s+(?=(?P<rest>.{0,200}))", re.I)
_THIS_IS = re.compile(rf"^{_GREETING}?this\s+is\s+(?=(?P<rest>.{{0,200}}))", re.I)
# "im ravi btw, i never said": an aside after the name keeps it an introduction.
_ONLY_I_AM = re.compile(
    rf"^{_GREETING}?(?:i'm|i\s+am|im)\s+(?P<name>[^\W\d_]+(?:['-][^\W\d_]+)*)"
    r"\s*(?:[.!]*$|,?\s*(?:btw|by\s+the\s+way|fyi)\b)",
    re.I,
)


@RULES.add
def _names(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for match in _MY_NAME_IS.finditer(text):
        if name := name_in(match["rest"], sentence, capital=False, stops=NOT_NAMES):
            yield match.start(), LearnedFact("name", "", name)
    for match in _NAMES_OPENING.finditer(text):
        name = name_in(match["rest"], sentence, capital=False, stops=NOT_NAMES)
        following = clause(match["rest"]).split()[len(name.split()) :]
        # The name ends its clause ("names tom", "names jaydn (not jayden)"); "names matter to
        # me" says something about names.
        if name and (not following or following[0][0] in "(-" or following[0] in _NAME_ENDS):
            yield match.start(), LearnedFact("name", "", name)
    for match in _I_AM_SOMEONE.finditer(text):
        if re.match(r"\S+'s\b", match["rest"]):  # "I'm Priya's mum" is not an introduction.
            continue
        if name := name_in(match["rest"], sentence, capital=True, stops=NOT_NAMES):
            yield match.start(), LearnedFact("name", "", name)
    for pattern in (_NAME_HERE, _ITS_ME, _THIS_IS):
        for match in pattern.finditer(text):
            if name := name_in(match["rest"], sentence, capital=True, stops=NOT_NAMES):
                yield match.start(), LearnedFact("name", "", name)
    # "i'm priya" on its own is an introduction even in lower case: nothing else it could be,
    # once states ("im tired") are ruled out by the stop list.
    if sentence.whole_message and (alone := _ONLY_I_AM.match(text)):
        word = alone["name"]
        lowered = word.lower()
        if not is_stop_word(word, NOT_NAMES) and not (
            len(word) >= 6 and lowered.endswith(("ing", "ed"))
        ):
            yield alone.start(), LearnedFact("name", "", capitalise(word))


_CALL_ME = re.compile(
    r"(?:^|[,;]\s*|\b(?:please|just|so|but|and|though)\s+"
    r"|\byou\s+(?:can|could|may|should|might\s+as\s+well)\s+(?:just\s+|also\s+|always\s+)?"
    r"|\bfeel\s+free\s+to\s+"
    r"|\b(?:everyone|everybody|people|most\s+people|friends|they|all\s+my\s+friends"
    r"|my\s+(?:friends|family|mates|parents|colleagues))\s+"
    r"(?:usually\s+|just\s+|all\s+|always\s+|tend\s+to\s+)?)"
    r"calls?\s+me\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_GO_BY = re.compile(
    r"\bi\s+(?:usually\s+|mostly\s+|just\s+|also\s+|normally\s+|prefer\s+to\s+)?go\s+by\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_NICKNAME = re.compile(
    r"\b(?:my\s+nick\s?name\s+is|i\s+prefer\s+(?:to\s+be\s+called|being\s+called)"
    r"|i'd\s+rather\s+be\s+called|i\s+like\s+to\s+be\s+called)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_NEGATED = re.compile(
    r"(?:\bdon'?t|\bdo\s+not|\bnever|\bnot|\bstop|\bwon'?t|\bcan'?t|\bshouldn'?t)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)


@RULES.add
def _preferred_names(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for pattern in (_CALL_ME, _GO_BY, _NICKNAME):
        for match in pattern.finditer(text):
            if _NEGATED.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # "don't call me Pri"
            if name := name_in(match["rest"], sentence, capital=False, stops=_NOT_CALLED):
                yield match.start(), LearnedFact("preferred_name", "", name)
