"""What a message does in the conversation: greets, asks her, follows up, answers, tells."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, get_args

from companion.understanding.words import phrase_of, word_lists, words_of

Act = Literal[
    "greeting", "followup", "answer", "commitment", "question_to_her", "question", "statement"
]
ACTS: tuple[Act, ...] = get_args(Act)
About = Literal["self", "her", "other", "none"]
# A follow-up or an answer is short; longer messages say something of their own.
SHORT_WORDS = 4
# A short message opening with these answers her ("yes, a bit", "no not today").
ANSWER_OPENINGS = frozenset({"yes", "no", "yeah", "nah", "nope", "yep"})


_SENTENCE_END = re.compile(r"[.!]+\s+")
_SENTENCE_END_ANY = re.compile(r"(?<=[.!?])\s+")

# A commitment is short: "ok i'll talk to him tonight", not a story that happens to say "i'll".
COMMITMENT_WORDS = 14
# "ok ill call her tonight", "hmm maybe i'll try that", "alright, gonna book it": an opening or
# two, then the person saying what they will do.
_COMMITMENT = re.compile(
    r"^(?:(?:ok|okay|k|alright|right|fine|yeah|yes|yep|sure|cool|deal|hmm+|maybe|then|so|and|"
    r"good idea|i think|think|actually|tonight|tomorrow|next \w+|you'?re right|ur right|true|"
    r"fair)\s+){0,3}"
    r"(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|im gonna|gonna|i'?m asking|"
    r"im asking|i'?m calling|im calling|i might|i can try|i could try|i could start|"
    r"let me try|i shall)\b"
    r"(?! never| not| be honest)"
)


CLOSING_QUESTION_WORDS = 3


def closing_question(text: str) -> str:
    """The question a longer message ends on ("mine's green. how old are you anyway"): the part
    she must answer. Empty when the message is one sentence or does not end on a question."""
    parts = [p for p in _SENTENCE_END_ANY.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return ""
    last = parts[-1]
    return last if len(words_of(last)) >= CLOSING_QUESTION_WORDS and is_question(last) else ""


def is_commitment(text: str) -> bool:
    """The person says what they will do next, in answer to the talk ("ok i'll ask him"), maybe
    after agreeing first ("yeah youre right. ill ring her tonight")."""
    words = words_of(text)
    if len(words) > COMMITMENT_WORDS:
        return False
    last = words_of(_SENTENCE_END.split(text.strip())[-1])
    return any(_COMMITMENT.match(" ".join(part)) for part in (words, last) if part)


# "what a day", "how lovely": exclamations that open like questions.
_EXCLAIMS = re.compile(r"^(?:what an?|how (?:lovely|nice|sweet|cool|funny|sad|awful))\b")


def is_question(text: str) -> bool:
    """A question mark, or the message or its last sentence opening like a question
    ("correct. what year did it come out")."""
    if "?" in text:
        return True
    words = words_of(text)
    if words and words[0] in word_lists().question_starts:
        return True
    last = words_of(_SENTENCE_END.split(text.strip())[-1])
    # A later sentence must open as a plain question: "when she leaves..." is not one.
    return (
        bool(last)
        and last[0] in word_lists().later_question_starts
        and not _EXCLAIMS.match(" ".join(last))
    )


def act_of(text: str, *, she_asked: bool) -> Act:
    """The message's act. ``she_asked``: her last reply ended with a question."""
    lists = word_lists()
    phrase = phrase_of(text)
    words = phrase.split()
    if phrase in lists.greetings:
        return "greeting"
    if phrase in lists.followups or phrase.removesuffix(" then") in lists.followups:
        # "what?" after a question of hers is a follow-up too; "you?" turns her question back.
        return "followup"
    if phrase in lists.answers or (
        len(words) <= SHORT_WORDS and bool(words) and words[0] in ANSWER_OPENINGS
    ):
        return "answer" if she_asked or len(words) <= 2 else "statement"
    if is_question(text):
        return "question_to_her" if about_of(text) == "her" else "question"
    if is_commitment(text):
        return "commitment"
    return "statement"


# "hi sam. 4am, on my break": a greeting, then a word or so (a name), ends the first clause.
_FIRST_CLAUSE = re.compile(r"[.,!?;:]|\s-\s")
GREETING_TAIL = 1


def _first_clause_and_rest(text: str) -> tuple[str, str]:
    first, *rest = _FIRST_CLAUSE.split(text.strip(), maxsplit=1)
    return first, rest[0] if rest else ""


def greeting_clause(text: str) -> str:
    """The first clause of a message: its greeting, when it opens with one."""
    return _first_clause_and_rest(text)[0]


def opens_with_greeting(text: str) -> bool:
    """The message begins by greeting her, whatever it goes on to say."""
    words = words_of(greeting_clause(text))
    greetings = word_lists().greetings
    return any(
        " ".join(words[:size]) in greetings and len(words) - size <= GREETING_TAIL
        for size in range(1, min(3, len(words)) + 1)
    )


def words_after_greeting(text: str) -> int:
    """How many words follow the greeting clause ("Good morning Samantha. I hope I'm not
    disturbing you." has six): a few pleasantries, or something of its own to answer."""
    return len(words_of(_first_clause_and_rest(text)[1]))


def says_farewell(text: str) -> bool:
    """The message takes leave: a farewell phrase, or a clause that is only "night"."""
    phrase = f" {phrase_of(text)} "
    clauses = {phrase_of(c) for c in _FIRST_CLAUSE.split(text)}
    return "night" in clauses or any(f" {f} " in phrase for f in word_lists().farewells)


def only_states(text: str, fact_words: Iterable[str]) -> bool:
    """Whether a message does nothing but state a fact ("my sister is called Ana"): every word is
    the fact's own, a relation, or the frame around it. "my sister Ana said I'm selfish" is not."""
    lists = word_lists()
    told = {w for phrase in fact_words for w in words_of(phrase)}
    return all(w in told or w in lists.fact_frame or w in lists.relations for w in words_of(text))


def about_of(text: str, *, someone: bool = False) -> About:
    """Who the message is about: her ("do you get bored?"), the person, or someone else.

    ``someone``: the message mentions or refers to another person.
    """
    lists = word_lists()
    words = words_of(text)
    you = [i for i, w in enumerate(words) if w in lists.second_person]
    me = [i for i, w in enumerate(words) if w in lists.first_person]
    if you and not me:
        # "do you think he's alright?" asks about him; "do you like me?" and "do you get bored?"
        # ask about her.
        return "other" if someone and not _asks_her(words, you[0]) else "her"
    if you and me and is_question(text) and you[0] < me[0] and _asks_her(words, you[0]):
        # "do you remember what I said?", "what do you think of me?": still about her.
        return "her"
    if someone:
        return "other"
    if me:
        return "self"
    return "none"


def _asks_her(words: list[str], position: int) -> bool:
    """ "Do you like me?" asks about her; "do you think I should...?" asks about the person."""
    after = words[position + 1 : position + 3]
    return not any(w in {"think", "reckon", "suppose", "know"} for w in after)
