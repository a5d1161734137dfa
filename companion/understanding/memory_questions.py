"""Whether a message asks what the companion remembers of the user ("what's my dog called?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from companion.understanding.memory_phrases import (
    CATEGORY_Q,
    EVENT_Q,
    NAME_Q,
    NAMED_Q,
    QUESTION_CHARS,
    REL_Q,
    WHO_Q,
    Patterns,
    canonical,
    each,
    kind_of,
    target,
)
from companion.understanding.reading import clean, sentences

__all__ = ["MemoryQuestion", "parse_memory_question"]


@dataclass(frozen=True, slots=True)
class MemoryQuestion:
    """A question about what the companion remembers of the user.

    `kind` is one of `KINDS`, "everything" ("what do you know about me?") or "topic" ("what did
    I tell you about my sister?", where `subject` holds the topic words). `previous` asks about a
    value that has since changed ("where did I live before?").
    """

    kind: str
    subject: str = ""
    previous: bool = False
    # The question as asked, in canonical form: what a quoted message must answer.
    asked: str = field(default="", compare=False)
    # It asks for the value as it is now ("where do i work now?"): a later message may have
    # changed it in words no rule read.
    current: bool = field(default=False, compare=False)


# Questions, matched against the whole canonical question ("what is my dog called").
_QUESTIONS: Patterns = [
    *each(
        "name",
        r"what (?:is|was) my (?:full |first |real )?name",
        r"who am i",
        r"what (?:should|do|will|would|can|did) you call me",
        r"what am i called",
        r"what did i say my name (?:is|was)",
    ),
    *each(
        "preferred_name",
        r"what is my nick ?name",
        r"what do i (?:like|prefer) to be called",
        r"what (?:name )?do i go by",
    ),
    *each(
        "age",
        r"how old am i",
        r"what is my age",
        r"what age am i",
        r"how old did i say i (?:am|was)",
    ),
    *each(
        "birthday",
        r"(?:when|what day|what date) is my birthday",
        r"what is my (?:birthday|date of birth|birth date|dob)",
        r"when was i born",
        r"when did i say my birthday (?:is|was)",
    ),
    *each(
        "location",
        r"where (?:do i live|am i living|am i based|am i staying|do i stay|did i move to)",
        r"where am i",
        r"where did i (?:say|tell you) i (?:moved|move|live|lived|was living|am living)(?: to| in)?",
        r"(?:what|which) (?:city|town|country|place) did i (?:say i )?move to",
        r"(?:what|which) (?:city|town|country|place) (?:did )?i (?:say|said) i (?:moved|live) (?:to|in)",
        r"where (?:did i live|was i living|did i move from|was i based)",
        r"(?:what|which) (?:city|town|country|place|neighbourhood|area) (?:do|did) i live in",
        r"(?:what|which) (?:city|town|country) am i (?:living )?in",
        r"what (?:is|was) my (?:address|location|city|current city)",
        r"where (?:do|did) (?:we|[\w'-]+ and i) (?:live|rent|stay)(?: [\w' -]+)?",
        r"where (?:is|was) home(?: for (?:us|me))?",
        r"where (?:were|was) (?:we|i) (?:renting|living|staying)(?: [\w' -]+)?",
        r"(?:which|what) (?:neighbourhood|area|suburb|street|city|town) (?:did|do) (?:we|i)"
        r" live in(?: [\w' -]+)?",
    ),
    *each(
        "hometown",
        r"where am i (?:originally )?from(?: originally)?",
        r"where do i (?:originally )?come from",
        r"where did i grow up",
        r"where was i (?:born|raised)",
        r"(?:what|which) (?:city|town|country|place)(?: in [\w ]+?)? (?:did )?i (?:say|said) i (?:am|was|come) from",
        r"(?:what|where) is my home town",
    ),
    *each(
        "job",
        r"what (?:do|did) i do for (?:work|a living|my job|money|a job)",
        r"what (?:is|was) my (?:job|occupation|profession|career|line of work|work)",
        r"what (?:job|work) (?:do|did) i (?:do|have)",
        r"what (?:do|did) i work as",
    ),
    *each(
        "workplace",
        r"where (?:do|did) i work",
        r"where am i working",
        r"who (?:do|did) i work for",
        r"(?:what|which) company (?:do|did) i work (?:for|at)",
        r"where is my (?:work|workplace|office|job)",
    ),
    *each(
        "rel",
        rf"what (?:is|was) my {REL_Q}(?:'s|s)? (?:name|called|named)",
        rf"what (?:are|were) my {REL_Q}s (?:called|named)",
        rf"what are my {REL_Q}s(?:')? names",
        rf"what (?:is|was) the name of my {REL_Q}",
        rf"who (?:is|was) my {REL_Q}",
        rf"what did i (?:call|name) my {REL_Q}",
        rf"what did i say my {REL_Q}(?:'s name)? (?:is|was)(?: called)?",
        rf"do i have (?:a|an|any) {REL_Q}s?",
        rf"what my {REL_Q}(?:'s|s)? (?:name )?(?:is|was) (?:called|named)?",
        rf"what (?:is|was) the {REL_Q}(?:'s|s)? name",
    ),
    *each("pet", r"what (?:pets?|animals?) do i have", r"what kind of pets? do i have"),
    *each("friend", r"who are my friends"),
    *each(
        "favourite",
        rf"what (?:is|are|was|were) my (?:all time )?favourite {CATEGORY_Q}",
        r"which (?P<cat>[\w'-]+) do i like (?:the )?(?:most|best)",
        r"what is my favourite",
    ),
    *each(
        "like",
        r"what (?:things |stuff )?do i (?:like|love|enjoy|adore)(?: doing| to do)?",
        r"what am i into",
        r"what are my (?:likes|hobbies|interests|passions)",
        r"what kind of (?:[\w'-]+ ){1,2}do i (?:like|love|enjoy)",
        r"what are some things i (?:like|love|enjoy)",
    ),
    *each(
        "dislike",
        r"what (?:things |stuff )?do i (?:hate|dislike|detest|not like|not enjoy)",
        r"what (?:don't|can't) i (?:like|stand)",
        r"what are my (?:dislikes|pet peeves)",
    ),
    *each(
        "event",
        rf"(?:when|what time|what day|what date) (?:is|are|was) (?:my|the) {EVENT_Q}",
        rf"when (?:do|did) i have (?:my|the|a|an) {EVENT_Q}",
        r"what (?:do i have|is) (?:coming up|planned|on)(?: \w+){0,2}",
        r"do i have anything (?:coming up|on|planned)(?: \w+){0,2}",
    ),
    *each(
        "plan",
        r"what (?:are|were) my (?:plans?|goals?)(?: for .+)?",
        r"what (?:is|was) my (?:plan|goal)(?: for .+)?",
        r"what (?:am|was) i planning(?: to do)?(?: .+)?",
        r"what did i say i (?:was|am|would be) (?:going|planning) to do",
    ),
    *each(
        "their_home",
        rf"where (?:does|did) {WHO_Q} (?:live|stay|live now|move to|moved to|end up|go to live)",
        rf"where (?:is|was) {WHO_Q} (?:living|based|staying|now|these days)",
        rf"where did i say {WHO_Q} (?:lives|lived|moved to|is living)",
        rf"(?:what|which) (?:city|town|country|place) (?:does|did) {WHO_Q} (?:live in|move to)",
    ),
    *each(
        "their_job",
        rf"what does {WHO_Q} do(?: for (?:work|a living|a job|money))?",
        rf"what did {WHO_Q} do for (?:work|a living|a job|money)",
        rf"what did {NAMED_Q} do",
        rf"what (?:is|was) {WHO_Q}(?:'s|s) (?:job|work|occupation|profession)",
        rf"what (?:does|did) {WHO_Q} work as",
        rf"what (?:job|work) (?:does|did) {WHO_Q} (?:do|have)",
        rf"what did i say {WHO_Q} (?:does|did) for (?:work|a living)",
    ),
    *each(
        "their_workplace",
        rf"where (?:does|did) {WHO_Q} work",
        rf"who (?:does|did) {WHO_Q} work for",
    ),
    *each(
        "their_study",
        rf"what (?:does|did) {WHO_Q} study",
        rf"what (?:is|was) {WHO_Q} studying",
        rf"what (?:subject|course|degree) (?:does|did|is|was) {WHO_Q} (?:study|studying|doing|do)",
    ),
    *each(
        "their_saying",
        rf"what (?:does|did) {WHO_Q} (?:always )?(?:say|tell me)(?: all the time)?",
        rf"what did {WHO_Q} use to (?:say|tell me)",
        rf"what (?:is|was) {WHO_Q}(?:'s|s) (?:saying|motto|favourite saying)",
    ),
    *each(
        "study",
        r"what (?:am|was) i studying",
        r"what (?:do|did) i study",
        r"what (?:is|was) my (?:course|degree|major|subject)",
        r"what (?:course|degree|subject) (?:am|was|do|did) i (?:doing|studying|do|study)",
    ),
    *each(
        "taught",
        rf"what did {WHO_Q} (?:teach|show) me(?: to do| how to do)?",
        rf"what (?:[\w'-]+ ){{1,2}}did {WHO_Q} (?:teach|show) me(?: to (?:play|make|do|cook))?",
        rf"what did {WHO_Q} (?:teach|show) me (?:to|how to) (?:make|play|cook|do|bake|sew|knit)",
        rf"what did i (?:learn|learnt|learned) from {WHO_Q}",
        rf"what did i say {WHO_Q} taught me",
    ),
    *each("person", rf"who (?:is|was) (?P<who>{NAME_Q})", rf"who is {NAME_Q} to me"),
    *each(
        "moved_for",
        r"why did (?:i|we) (?:move|come|relocate)(?: (?:here|over|out|to [\w ]+?))?",
        r"what did (?:i|we) (?:move|come) (?:here |over |to [\w ]+? )?for",
        r"what (?:brought|made) me (?:move |come )?(?:here|to [\w ]+)",
        r"why am i (?:here|living here|in [\w ]+)",
        r"what was my reason for moving(?: here| to [\w ]+)?",
    ),
    *each(
        "used_to",
        r"what (?:[\w'-]+ )?did i (?:play|do|make)",
        r"what (?:hobbies|hobby|sports?|instruments?|things) did i (?:have|do|play)",
        r"what (?:hobby|hobbies|sport|sports|instrument|thing) did i (?:have to |had to )?give up",
        r"what did i give up",
    ),
    *each(
        "everything",
        r"what (?:else )?do you (?:remember|know|recall)(?: about me| of me| so far)?",
        r"what have you (?:learned|learnt|found out|figured out|remembered|gathered)"
        r"(?: about me)?",
        r"how much do you (?:know|remember) about me",
        r"what (?:have|did) i (?:tell|told) you(?: about (?:me|myself))?",
        r"do you (?:remember|know) (?:me|anything about me|much about me)",
        r"tell me (?:about me|what you (?:know|remember)(?: about me)?)",
    ),
    *each(
        "topic",
        r"what (?:did|have) i (?:tell you|told you|say|said|mention|mentioned|share|shared)"
        r" about (?P<topic>.+)",
        r"did i (?:ever )?(?:tell you|mention|say) (?:anything )?about (?P<topic>.+)",
        r"what do you (?:know|remember) about (?P<topic>my .+)",
    ),
    # Last: anything else asked about their own past or the people in it, answered only from
    # a message of theirs that says it ("what did i take up last month?"); never advice
    # ("what should i do?", "why do i always...").
    *each(
        "recall",
        r"(?:what|where|which|when|who)(?: [\w'-]+){0,3} did i"
        r" (?!do wrong|say wrong|do that|say that|do to|do it|mean)[\w' -]+",
        r"why did i (?:stop|quit|give up|leave|start|choose|pick|change|switch|sell)[\w' -]*",
        r"why did (?!(?:he|she|they|you|it|we)\b)(?:my [\w'-]+|[\w'-]+) (?:move|relocate)"
        r"(?: (?:to|out to|over to|back to) [\w' -]+| there| here| away)?",
        r"who taught me (?:to |how to )?[\w' -]+",
        r"what (?:sports?|instruments?|languages?|games?|team|hobby|hobbies|car|class|classes"
        r"|course|music|band|kind of [\w'-]+) (?:do|does|did) (?:i|my [\w'-]+(?: [\w'-]+)?"
        r"|[\w'-]+) (?:do|play|speak|drive|support|take|like|learn|study|teach)(?: [\w' -]+)?",
        r"where do i (?:work|go|volunteer|train|swim|play|study|teach|sing)(?: [\w' -]+)?",
        r"where do i (?:want|plan|hope) to go(?: [\w' -]+)?",
        r"where (?:are|is) (?:my [\w'-]+(?: [\w'-]+)?|[\w'-]+'s [\w'-]+)(?: [\w' -]+)?",
        r"what (?:are|were) my [\w'-]+(?: [\w'-]+)? (?:called|named)",
        r"how do i feel about (?:my )?[\w' -]+",
        r"who (?:is|was) [\w'-]+ [\w'-]+",
        r"what (?:does|did) (?:my [\w'-]+|[\w'-]+) (?:play|teach|study|drive|make|sell|cook"
        r"|love|like|collect)(?: [\w' -]+)?",
        r"(?:which|what) (?:city|town|country|place|neighbourhood|area|suburb|state) (?:is|are"
        r"|was|were) (?:my [\w'-]+|[\w'-]+) (?:in|from|living in|based in)",
        r"who (?:am i|are we) (?:seeing|dating|with|going out with)(?: [\w' -]+)?",
        r"how did (?:i|we) (?:get into|start|end up|meet|find|get)(?: [\w' -]+)?",
        r"who (?:helps|looks after|drives|cooks|works with|lives with) (?:me|us)(?: [\w' -]+)?",
        r"what (?:is|was) (?:the news|going on|happening|up) with (?:my )?[\w'-]+",
    ),
    *each(
        "recall_describe",
        r"what (?:kind|sort|type|breed) of [\w'-]+ is [\w'-]+",
        r"what breed is [\w'-]+",
        r"what (?:kind|sort|type) of [\w'-]+ (?:is my [\w'-]+|do i have)",
        r"what is [\w'-]+ (?:training|studying|learning|hoping|planning|going) to (?:be|do)",
        r"what (?:is|was) my [\w'-]+ like(?: to work for| as a boss| as a person)?",
    ),
    *each(
        "recall_when",
        r"when (?:is|was|are) (?!it\b|that\b|this\b|you\b|your\b)(?:[\w'-]+ ?){1,5}",
        r"when (?:am|are) (?:i|we) (?:going|heading|flying|off|leaving|moving|starting|seeing"
        r"|visiting)(?: [\w' -]+)?",
    ),
    *each(
        "recall",
        r"where (?:am|are) (?:i|we) (?:going|heading|off|flying|travelling|traveling|moving)"
        r"(?: [\w' -]+)?",
    ),
]


def _topic(words: str) -> MemoryQuestion:
    words = re.sub(r"^my ", "", words.strip())
    if words in {"me", "myself", "who i am"}:
        return MemoryQuestion("everything")
    return MemoryQuestion("topic", words)


_LEADING_FILLER = re.compile(
    r"^(?:(?:hey there|hey|hi|hello|ok|okay|so|um+|uh+|well|oh|and|but|wait|hmm+|actually"
    r"|also|just|quick question|question|by the way|btw|lol|haha|please|samantha|sam|now|then"
    r"|alright|right|anyway|anyways|out of curiosity|honestly|random question|sorry|yo"
    r"|real quick|one more thing) )++"
)
_TRAILING_FILLER = re.compile(
    r"(?: (?:again|then|exactly|please|samantha|sam|lol|haha|do you remember|remember"
    r"|do you know|you know|right|by any chance|if you remember|if you know|already|now"
    r"|currently|these days|at the moment|by the way|btw|actually|bet (?:u|you) (?:forgot|dont know"
    r"|don't know|can't remember|cant remember)|testing (?:u|you)|just testing"
    r"|no cheating))+$"
)
_REMEMBER_PREFIX = re.compile(
    r"^(?:(?:do|did|can|could|would|will) you (?:still |even |actually |please )?"
    r"(?:remember|recall|know|tell me|remind me(?: of)?)"
    r"|(?:please )?(?:remind me(?: of)?|tell me|remember)"
    r"|i (?:forgot|forget|can't remember|cannot remember|don't remember|do not remember"
    r"|can never remember)"
    r"|you (?:remember|know)|(?:do you have )?any idea|have you (?:forgotten|forgot)) "
)
# "Where did I live before?", "my old job": the question is about a value since replaced.
_PREVIOUS = re.compile(
    r"\b(?:before|previously|back then|earlier|formerly)\b|\b(?:used|use) to "
    r"|(?<=\bmy )(?:old|previous|former|last) "
)
_CURRENT = re.compile(r"\b(?:now|these days|currently|at the moment|nowadays|anymore)\b")
_PAST_TENSE = re.compile(r"\b(?:did i (?:live|work)|was i (?:living|working|based))\b")
_ABOUT_ME = re.compile(
    r"me|(?:anything|everything|all) about me|about me|what you (?:know|remember)(?: about me)?"
)
_WHAT_I_SAID_ABOUT = re.compile(
    r"(?:anything |what i (?:said|told you|mentioned|wrote) )?about (?P<topic>.+)"
)


_PAST_FORMS = {
    "came": "come", "moved": "move", "went": "go", "used": "use", "lived": "live",
    "worked": "work", "played": "play", "studied": "study", "did": "do", "taught": "teach",
    "started": "start", "left": "leave", "quit": "quit", "gave": "give", "got": "get",
}  # fmt: skip
# The verb after "does": "where lives my sister" -> "where does my sister live".
_BARE_FORMS = {
    "does": "do", "do": "do", "lives": "live", "live": "live", "works": "work", "work": "work",
    "studies": "study", "stays": "stay",
}  # fmt: skip
_AUXILIARY = r"(?:do|does|did|is|am|are|was|were|have|has|had|can|could|will|would|should)\b"
_WH = rf"(?:where|what|why|when|who|how|(?:which|what) (?!{_AUXILIARY})\w+)"
_PERSON = r"my [\w' ]+?|[\w']+"
# The word orders people use when English is not their first language, or when typing fast
# ("where i work now?", "why I came to Berlin?", "what my grandma teach me?"), put back in the
# order the question patterns read; each rule only fires at the start of the question.
_REWORDINGS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"^(?P<wh>{_WH}) (?P<who>i|we) (?P<be>am|are|was|were) (?P<rest>\w+ing\b.*)"),
     lambda m: f"{m['wh']} {m['be']} {m['who']} {m['rest']}"),
    (re.compile(rf"^(?P<wh>{_WH}) (?P<who>i|we) (?P<verb>{'|'.join(_PAST_FORMS)})\b(?P<rest>.*)"),
     lambda m: f"{m['wh']} did {m['who']} {_PAST_FORMS[m['verb']]}{m['rest']}"),
    (re.compile(rf"^(?P<wh>{_WH}) (?P<who>i|we) (?P<verb>work|live|do|play|study|have|stay)\b(?P<rest>.*)"),
     lambda m: f"{m['wh']} do {m['who']} {m['verb']}{m['rest']}"),
    (re.compile(rf"^(?P<wh>what|who) (?P<who>{_PERSON}) (?:teach|taught) (?P<rest>me\b.*)"),
     lambda m: f"{m['wh']} did {m['who']} teach {m['rest']}"),
    (re.compile(r"^where (?P<verb>lives|works|studies|stays) (?P<who>.+)"),
     lambda m: f"where does {m['who']} {_BARE_FORMS[m['verb']]}"),
    (re.compile(rf"^what (?P<who>{_PERSON}) (?:does|do) for (?P<rest>work|a living|a job)$"),
     lambda m: f"what does {m['who']} do for {m['rest']}"),
    (re.compile(r"^(?P<who>my [\w' ]+?), (?P<wh>what|where) (?:he|she|they) (?P<verb>does|do|lives|live|works|work)$"),
     lambda m: f"{m['wh']} does {m['who']} {_BARE_FORMS[m['verb']]}"),
    (re.compile(rf"^(?P<wh>what|where) (?P<who>{_PERSON}) (?P<verb>does|lives|works)$"),
     lambda m: f"{m['wh']} does {m['who']} {_BARE_FORMS[m['verb']]}"),
    (re.compile(r"^why am i (?:even|actually|still|really) (?P<rest>.+)"),
     lambda m: f"why am i {m['rest']}"),
    (re.compile(r"^what (?P<be>is|was) the (?P<thing>job|name|work|profession) of (?P<who>.+)"),
     lambda m: f"what {m['be']} {m['who']}'s {m['thing']}"),
    (re.compile(r"^(?P<ask>(?:what|who) (?:is|are|was|were)|where (?:does|do|did|is|are)) (?:the|our) (?P<rest>.+)"),
     lambda m: f"{m['ask']} my {m['rest']}"),
)  # fmt: skip


def reworded(text: str) -> str:
    """``text`` with the question's words put in the order the patterns read."""
    for pattern, rewrite in _REWORDINGS:
        if match := pattern.match(text):
            text = rewrite(match)
    return text


def _question_text(sentence: str) -> str:
    text = re.sub(r"^(?:[^\W\d_]+\s*,\s*){1,2}", "", sentence)  # "Samantha, what's my name?"
    text = re.sub(r",\s*[^\W\d_]+\s*[?!.]*$", "", text)  # "what's my name, Samantha?"
    text = _LEADING_FILLER.sub("", canonical(text))
    text = _TRAILING_FILLER.sub("", text)
    asked = _REMEMBER_PREFIX.match(text + " ")
    if asked:  # "remind me why we came here": the question after the prefix, reworded too
        return text[: asked.end()] + reworded(text[asked.end() :].strip())
    return reworded(text)


def parse_memory_question(text: str) -> MemoryQuestion | None:
    """The memory question `text` asks ("what's my dog called?"), or None if it asks none.

    Questions about anything but the user ("what's your name?", "who directed Her?") are None.
    """
    try:
        for sentence in sentences(clean(text))[:10]:
            if len(sentence) <= QUESTION_CHARS and (question := _memory_question(sentence)):
                asked = _question_text(sentence)
                current = _CURRENT.search(canonical(sentence)) is not None
                return replace(question, asked=asked, current=current)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return None
    return None


def _memory_question(sentence: str) -> MemoryQuestion | None:
    text = _question_text(sentence)
    previous = bool(_PREVIOUS.search(text) or _PAST_TENSE.search(text))
    text = " ".join(_PREVIOUS.sub(" ", text).split())
    asked = _REMEMBER_PREFIX.match(text + " ")
    embedded = text[asked.end() :].strip() if asked else ""
    for candidate in (text, embedded) if embedded else (text,):
        for pattern, kind in _QUESTIONS:
            if match := pattern.fullmatch(candidate):
                if kind == "topic":
                    return _topic(match["topic"])
                if kind == "everything":
                    return MemoryQuestion("everything")
                found_kind, subject = kind_of(match, kind)
                return MemoryQuestion(found_kind, subject, previous and found_kind != "name")
    if not embedded:
        return None
    # "do you remember my cat's name?", "do you know where I live?"
    if _ABOUT_ME.fullmatch(embedded):
        return MemoryQuestion("everything")
    said = _WHAT_I_SAID_ABOUT.fullmatch(embedded)
    if said and (embedded.startswith("what") or said["topic"].startswith("my ")):
        return _topic(said["topic"])
    if found := target(embedded):
        kind, subject = found
        return MemoryQuestion(kind, subject, previous and kind != "name")
    return None
