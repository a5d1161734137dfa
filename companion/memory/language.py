"""Reading what a user says about themselves.

Four questions are asked of a message, each by its own public function:

* `extract_facts`: which facts about the user does it state? ("my dog is called Biscuit")
* `extract_mood`: how does the user say they feel? ("I'm so tired")
* `parse_memory_question`: does it ask what the companion remembers? ("what's my dog called?")
* `parse_forget`: does it ask her to forget something? ("forget my address")

Everything is regular expressions over small word lists: no model, no storage, no I/O. A
surprising answer can always be traced to one pattern in this file. The functions never raise and
read at most the first `_READ_CHARS` characters of a message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "KINDS",
    "ForgetRequest",
    "LearnedFact",
    "MemoryQuestion",
    "MoodReading",
    "extract_facts",
    "extract_mood",
    "parse_forget",
    "parse_memory_question",
]

KINDS = (
    "name",
    "preferred_name",
    "age",
    "birthday",
    "location",
    "hometown",
    "job",
    "workplace",
    "family",
    "friend",
    "pet",
    "like",
    "dislike",
    "favourite",
    "plan",
    "event",
)


@dataclass(frozen=True, slots=True)
class LearnedFact:
    """One thing the user said about themselves.

    `subject` names what the fact is about when the kind needs it (the relation for family and
    friend, the animal for pet, the category for favourite, "" otherwise); `value` is the user's
    own words, trimmed; `when` is the time phrase of an event or plan, as written.
    """

    kind: str
    subject: str
    value: str
    when: str = ""


@dataclass(frozen=True, slots=True)
class MoodReading:
    """How the user says they feel: `score` from -2 (very low) to 2 (very good), and a word."""

    score: int
    label: str


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


@dataclass(frozen=True, slots=True)
class ForgetRequest:
    """A request to forget: the last thing said, everything, one kind of fact, or some words."""

    kind: str = ""
    subject: str = ""
    last: bool = False
    everything: bool = False
    words: str = ""


# ---------------------------------------------------------------------------------------------
# Small helpers shared by everything below.

# People state facts about themselves in ordinary sentences, not in pasted essays; reading only
# this much keeps a call to a few hundred microseconds however long the message is.
_READ_CHARS = 4_000

_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": " - ",
        "\u2014": " - ",
    }
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TAGS = re.compile(r"<[^<>\n]{0,200}>")
_EMPHASIS = re.compile(r"[*_~]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
# Where a clause ends: a value never runs past one of these. A full stop or colon only counts
# before a space, so "3:30pm" and "St.Ives" stay whole.
_CLAUSE_END = re.compile(r"""[,;!?()\[\]{}"]|[.:](?=\s|$)|\s-+\s""")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so "best friend" is tried before "friend"."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered) + ")"


def _clean(text: object) -> str:
    """The message as the patterns expect it: straight quotes, no control characters or markup."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[:_READ_CHARS]).translate(_TYPOGRAPHY)
    text = _CONTROL.sub(" ", text)
    text = _TAGS.sub(" ", text)
    return _EMPHASIS.sub("", text)


def _sentences(text: str) -> list[str]:
    return [" ".join(part.split()) for part in _SENTENCE_BREAK.split(text) if part.strip()]


def _clause(text: str) -> str:
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:too|as\s+well|though|tho|lol|lmao|haha+|hehe+|honestly|anymore|at\s+all|"
    r"these\s+days|lately|nowadays|now|really|very\s+much|so\s+much|a\s+lot|a\s+ton|"
    r"of\s+all\s+time|ever|by\s+far|right\s+now|at\s+the\s+moment|currently|tbh|btw|ok|okay|"
    r"x+|please|actually|though))+$",
    re.I,
)


def _tidy(value: str) -> str:
    """Trim punctuation, quotes and trailing filler ("too", "lol", "so much") from a value."""
    value = value.strip(" \t'\".,;:!?-")
    value = _TRAILING_FILLER.sub("", value)
    return value.strip(" \t'\".,;:!?-")


def _take(text: str, stops: frozenset[str], max_words: int) -> str:
    """The words at the start of `text`, up to the clause end, a stop word or `max_words`."""
    taken: list[str] = []
    for raw in _clause(text).split():
        if raw.lower().strip("'\"") in stops:
            break
        taken.append(raw)
        if len(taken) == max_words:
            break
    return _tidy(" ".join(taken))


def _capitalise(name: str) -> str:
    if name.islower() or (name.isupper() and len(name) > 2):
        name = name.lower()
        return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))
    return name[:1].upper() + name[1:]


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "series", "news")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _category(words: str) -> str:
    """A favourite's category as a subject: lower case, singular, British spelling of colour."""
    parts = [re.sub(r"^colou?rs?$", "colour", part) for part in words.lower().split()]
    if parts:
        parts[-1] = _singular(parts[-1])
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# Word lists.

_FAMILY = {
    "mum": "mother",
    "mom": "mother",
    "mommy": "mother",
    "mummy": "mother",
    "mama": "mother",
    "momma": "mother",
    "mother": "mother",
    "dad": "father",
    "daddy": "father",
    "papa": "father",
    "father": "father",
    "stepmum": "stepmother",
    "stepmom": "stepmother",
    "stepmother": "stepmother",
    "stepdad": "stepfather",
    "stepfather": "stepfather",
    "sister": "sister",
    "sis": "sister",
    "stepsister": "stepsister",
    "brother": "brother",
    "stepbrother": "stepbrother",
    "twin": "twin",
    "wife": "wife",
    "husband": "husband",
    "hubby": "husband",
    "partner": "partner",
    "girlfriend": "girlfriend",
    "gf": "girlfriend",
    "boyfriend": "boyfriend",
    "bf": "boyfriend",
    "fiance": "fiancé",
    "fiancé": "fiancé",
    "fiancee": "fiancée",
    "fiancée": "fiancée",
    "son": "son",
    "daughter": "daughter",
    "kid": "child",
    "child": "child",
    "grandmother": "grandmother",
    "grandma": "grandmother",
    "granny": "grandmother",
    "gran": "grandmother",
    "nan": "grandmother",
    "nana": "grandmother",
    "nanna": "grandmother",
    "grandfather": "grandfather",
    "grandpa": "grandfather",
    "granddad": "grandfather",
    "grandad": "grandfather",
    "gramps": "grandfather",
    "aunt": "aunt",
    "auntie": "aunt",
    "aunty": "aunt",
    "uncle": "uncle",
    "cousin": "cousin",
    "niece": "niece",
    "nephew": "nephew",
    "baby": "baby",
    "mother-in-law": "mother-in-law",
    "father-in-law": "father-in-law",
    "sister-in-law": "sister-in-law",
    "brother-in-law": "brother-in-law",
}
# People in the user's life who are not family are all "friend" facts; the subject keeps the role.
_FRIENDS = {
    "best friend": "best friend",
    "best mate": "best friend",
    "bestie": "best friend",
    "bff": "best friend",
    "friend": "friend",
    "mate": "friend",
    "buddy": "friend",
    "pal": "friend",
    "roommate": "roommate",
    "flatmate": "flatmate",
    "housemate": "housemate",
    "colleague": "colleague",
    "coworker": "colleague",
    "co-worker": "colleague",
    "neighbour": "neighbour",
    "neighbor": "neighbour",
}
_PETS = {
    "dog": "dog",
    "doggy": "dog",
    "doggie": "dog",
    "doggo": "dog",
    "pup": "dog",
    "puppy": "dog",
    "cat": "cat",
    "kitty": "cat",
    "kitten": "cat",
    "rabbit": "rabbit",
    "bunny": "rabbit",
    "hamster": "hamster",
    "guinea pig": "guinea pig",
    "parrot": "parrot",
    "budgie": "bird",
    "bird": "bird",
    "fish": "fish",
    "goldfish": "fish",
    "horse": "horse",
    "pony": "pony",
    "turtle": "turtle",
    "tortoise": "tortoise",
    "lizard": "lizard",
    "gecko": "lizard",
    "snake": "snake",
    "ferret": "ferret",
    "gerbil": "gerbil",
    "mouse": "mouse",
    "rat": "rat",
    "chicken": "chicken",
    "hedgehog": "hedgehog",
}
_RELATIONS: dict[str, tuple[str, str]] = {
    **{word: ("family", subject) for word, subject in _FAMILY.items()},
    **{word: ("friend", subject) for word, subject in _FRIENDS.items()},
    **{word: ("pet", subject) for word, subject in _PETS.items()},
}
_REL = _alt(_RELATIONS)
_REL_MODS = (
    r"(?:(?:little|big|baby|older|younger|elder|eldest|oldest|youngest|twin|step|half|new|old|"
    r"lovely|dear|sweet|current|former)[\s-]+)?"
)


def _relation(word: str) -> tuple[str, str]:
    return _RELATIONS[" ".join(word.lower().split())]


_JOBS = _words(
    """
    accountant actor actress administrator agent analyst animator apprentice architect artist
    assistant astronaut athlete attorney author baker banker barber barista bartender beautician
    biologist bookkeeper brewer builder butcher buyer cabbie cameraman caregiver carer caretaker
    carpenter cashier ceo cfo cto chef chemist childminder cleaner clerk coach coder composer
    consultant cook copywriter counsellor counselor courier curator dancer dentist designer
    detective developer dietitian director dj doctor driver economist editor electrician engineer
    entrepreneur farmer filmmaker firefighter fireman fisherman florist founder co-founder
    cofounder freelancer gardener geologist gp hairdresser headteacher historian homemaker
    housekeeper housewife illustrator influencer instructor intern interpreter janitor jeweller
    journalist judge labourer laborer landscaper lawyer lecturer librarian lifeguard locksmith
    machinist maid manager marketer mathematician mechanic medic midwife miner model musician
    nanny novelist nurse officer optician optometrist painter paralegal paramedic pharmacist
    photographer physician physicist physio physiotherapist pilot plumber podcaster poet
    policeman policewoman politician porter postdoc postman postwoman practitioner principal
    producer professor programmer psychiatrist psychologist publisher radiographer realtor
    receptionist recruiter researcher sailor salesman salesperson saleswoman scientist
    screenwriter sculptor secretary server singer soldier solicitor sonographer statistician
    streamer student supervisor surgeon surveyor tailor teacher technician therapist trader
    trainer translator trucker tutor veterinarian vet waiter waitress welder worker writer
    youtuber zookeeper academic receptionist contractor plasterer roofer decorator
    """
)
_JOB = _alt(_JOBS)
# Words that describe how well someone does a thing rather than what they do for a living:
# "I'm a good cook" is not a job.
_NOT_A_JOB = _words(
    """
    good great bad terrible decent amazing awful excellent brilliant fantastic lousy horrible
    natural born keen big huge wannabe aspiring failed frustrated total complete bit kind sort
    fan lover crap shit rubbish useless proud hard slow fast quick people
    """
)

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = _alt(_DAYS)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)"
)
_YEAR = r"(?:19|20)\d\d(?!\w)"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?(?!\w)"
_DATE = (
    rf"(?:{_ORD}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+(?:the\s+)?{_ORD}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_YEAR}"
    rf"|the\s+{_ORD}(?:\s+of\s+{_MONTH})?"
    r"|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\w))"
)
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|lunchtime)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.]\d\d|\d{1,2}\s+o'clock"
    r"|noon|midday|midnight)(?!\w)"
)
_COUNT = (
    r"(?:a\s+couple\s+(?:of\s+)?|a\s+few|couple\s+of|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|\d{1,3})"
)
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|fortnight)"
_ONE_TIME = "|".join(
    [
        rf"(?:the\s+day\s+after\s+)?(?:tomorrow|tmrw|tmr)(?:\s+{_PART_OF_DAY})?",
        rf"tonight|today|this\s+{_PART_OF_DAY}",
        rf"later\s+(?:today|tonight|this\s+(?:week|month|year|{_PART_OF_DAY}))",
        rf"(?:this\s+coming|this|next|coming)\s+(?:weekend|week|month|year|term|semester|{_DAY}"
        rf"|{_MONTH}|{_SEASON})",
        rf"(?:on\s+)?{_DAY}(?:\s+{_PART_OF_DAY})?",
        rf"on\s+{_DATE}",
        r"(?:on|at|over)\s+the\s+weekend",
        rf"in\s+{_MONTH}(?:\s+{_YEAR})?",
        rf"in\s+{_COUNT}\s*{_UNIT}(?:'?s?\s+time)?",
        rf"in\s+(?:the\s+)?{_SEASON}",
        rf"in\s+the\s+{_PART_OF_DAY}",
        rf"at\s+{_CLOCK}",
        r"(?:one|some)\s*day|eventually|soon|in\s+the\s+(?:near\s+)?future",
        rf"by\s+(?:the\s+end\s+of\s+)?(?:the\s+|this\s+|next\s+)?(?:week|month|year|{_SEASON}"
        rf"|{_MONTH}|{_DAY})",
    ]
)
# A time phrase as people write it: "on Friday", "next week", "tomorrow at 3pm".
_WHEN = re.compile(
    rf"\b(?:{_ONE_TIME})(?:\s+(?:at\s+{_CLOCK}|{_PART_OF_DAY}|in\s+the\s+{_PART_OF_DAY}))?(?!\w)",
    re.I,
)

_EVENT_NOUNS = _words(
    """
    interview exam test appointment meeting wedding party date presentation surgery operation
    flight trip holiday vacation concert gig game match deadline class lesson audition recital
    funeral graduation conference shift session checkup check-up scan hearing race marathon
    performance show dinner lunch shower anniversary birthday viva defence defense review finals
    competition tournament ceremony reunion assessment evaluation course training orientation
    induction call bbq barbecue sleepover festival recital exhibition
    """
)
_EVENT = _alt(_EVENT_NOUNS) + r"(?:e?s)?(?!\w)"
# Adjectives that colour an event without naming it: "a big interview" is an interview.
_EVENT_COLOUR = _words(
    "big huge important massive scary little quick stupid really very so super dreaded awful "
    "terrible annoying exciting nerve-wracking another"
)

_MOODS: dict[str, tuple[int, str]] = {
    # very low
    "depressed": (-2, "depressed"),
    "miserable": (-2, "miserable"),
    "devastated": (-2, "devastated"),
    "heartbroken": (-2, "heartbroken"),
    "hopeless": (-2, "hopeless"),
    "suicidal": (-2, "hopeless"),
    "worthless": (-2, "worthless"),
    "a failure": (-2, "worthless"),
    "awful": (-2, "awful"),
    "terrible": (-2, "awful"),
    "horrible": (-2, "awful"),
    "dreadful": (-2, "awful"),
    "shit": (-2, "awful"),
    "like shit": (-2, "awful"),
    "like crap": (-2, "awful"),
    "like death": (-2, "awful"),
    "broken": (-2, "broken"),
    "empty": (-2, "empty"),
    "numb": (-2, "numb"),
    "distraught": (-2, "distraught"),
    "desperate": (-2, "desperate"),
    "panicking": (-2, "panicked"),
    "panicked": (-2, "panicked"),
    "terrified": (-2, "scared"),
    "furious": (-2, "angry"),
    "a wreck": (-2, "overwhelmed"),
    "crushed": (-2, "sad"),
    "gutted": (-2, "sad"),
    # low
    "sad": (-1, "sad"),
    "unhappy": (-1, "sad"),
    "blue": (-1, "sad"),
    "crying": (-1, "sad"),
    "down": (-1, "down"),
    "low": (-1, "low"),
    "upset": (-1, "upset"),
    "lonely": (-1, "lonely"),
    "alone": (-1, "lonely"),
    "isolated": (-1, "lonely"),
    "homesick": (-1, "lonely"),
    "anxious": (-1, "anxious"),
    "nervous": (-1, "anxious"),
    "uneasy": (-1, "anxious"),
    "on edge": (-1, "anxious"),
    "tense": (-1, "anxious"),
    "worried": (-1, "worried"),
    "stressed": (-1, "stressed"),
    "stressed out": (-1, "stressed"),
    "overwhelmed": (-1, "overwhelmed"),
    "a mess": (-1, "overwhelmed"),
    "scared": (-1, "scared"),
    "afraid": (-1, "scared"),
    "frightened": (-1, "scared"),
    "freaked out": (-1, "scared"),
    "angry": (-1, "angry"),
    "mad": (-1, "angry"),
    "pissed": (-1, "angry"),
    "pissed off": (-1, "angry"),
    "annoyed": (-1, "annoyed"),
    "irritated": (-1, "annoyed"),
    "frustrated": (-1, "frustrated"),
    "fed up": (-1, "frustrated"),
    "tired": (-1, "tired"),
    "knackered": (-1, "tired"),
    "sleepy": (-1, "tired"),
    "drained": (-1, "tired"),
    "worn out": (-1, "tired"),
    "exhausted": (-1, "exhausted"),
    "burnt out": (-1, "burnt out"),
    "burned out": (-1, "burnt out"),
    "bored": (-1, "bored"),
    "sick": (-1, "unwell"),
    "ill": (-1, "unwell"),
    "unwell": (-1, "unwell"),
    "under the weather": (-1, "unwell"),
    "rough": (-1, "unwell"),
    "bad": (-1, "bad"),
    "crap": (-1, "bad"),
    "rubbish": (-1, "bad"),
    "confused": (-1, "confused"),
    "lost": (-1, "lost"),
    "hurt": (-1, "hurt"),
    "jealous": (-1, "jealous"),
    "guilty": (-1, "guilty"),
    "ashamed": (-1, "ashamed"),
    "embarrassed": (-1, "embarrassed"),
    "restless": (-1, "restless"),
    "grumpy": (-1, "grumpy"),
    "cranky": (-1, "grumpy"),
    "emotional": (-1, "emotional"),
    "insecure": (-1, "insecure"),
    "disappointed": (-1, "disappointed"),
    # neither
    "ok": (0, "okay"),
    "okay": (0, "okay"),
    "alright": (0, "okay"),
    "all right": (0, "okay"),
    "fine": (0, "fine"),
    "so-so": (0, "so-so"),
    "meh": (0, "meh"),
    # good
    "good": (1, "good"),
    "well": (1, "well"),
    "better": (1, "better"),
    "happy": (1, "happy"),
    "glad": (1, "happy"),
    "cheerful": (1, "happy"),
    "content": (1, "content"),
    "satisfied": (1, "content"),
    "relaxed": (1, "calm"),
    "calm": (1, "calm"),
    "peaceful": (1, "calm"),
    "at peace": (1, "calm"),
    "chill": (1, "calm"),
    "hopeful": (1, "hopeful"),
    "optimistic": (1, "hopeful"),
    "grateful": (1, "grateful"),
    "thankful": (1, "grateful"),
    "blessed": (1, "grateful"),
    "pleased": (1, "pleased"),
    "proud": (1, "proud"),
    "motivated": (1, "motivated"),
    "inspired": (1, "inspired"),
    "rested": (1, "rested"),
    "refreshed": (1, "rested"),
    "energetic": (1, "energetic"),
    "loved": (1, "loved"),
    "cosy": (1, "cosy"),
    "cozy": (1, "cosy"),
    "positive": (1, "positive"),
    "confident": (1, "confident"),
    "lucky": (1, "lucky"),
    # very good
    "great": (2, "great"),
    "amazing": (2, "great"),
    "fantastic": (2, "great"),
    "wonderful": (2, "great"),
    "awesome": (2, "great"),
    "brilliant": (2, "great"),
    "excellent": (2, "great"),
    "incredible": (2, "great"),
    "fabulous": (2, "great"),
    "excited": (2, "excited"),
    "thrilled": (2, "excited"),
    "buzzing": (2, "excited"),
    "stoked": (2, "excited"),
    "pumped": (2, "excited"),
    "ecstatic": (2, "ecstatic"),
    "elated": (2, "ecstatic"),
    "overjoyed": (2, "ecstatic"),
    "over the moon": (2, "ecstatic"),
    "on top of the world": (2, "ecstatic"),
    "on cloud nine": (2, "ecstatic"),
    "delighted": (2, "happy"),
    "joyful": (2, "happy"),
    "in love": (2, "in love"),
}
_MOOD = _alt(_MOODS)
# Mood words that also mean other things ("good at chess", "down for pizza", "lost in a book",
# "great movie"): they count only when nothing but small talk follows them in the clause.
_AMBIGUOUS_MOODS = _words(
    "good well fine ok okay alright great bad down low blue lost mad sick ill rough content chill "
    "better positive lucky cosy cozy empty broken awful terrible horrible amazing fantastic "
    "wonderful awesome brilliant excellent incredible shit crap rubbish hurt alone fabulous "
    "meh pumped"
)
# Mood words that are safe on their own ("Exhausted." or "so tired today").
_BARE_MOODS = frozenset(_MOODS) - _AMBIGUOUS_MOODS - {"happy", "blessed", "loved"}
_INTENSIFIER = (
    r"(?:so+|re+a+l+y+|very|pretty|quite|super|rather|a\s+(?:little\s+)?bit|a\s+little|"
    r"kind\s+of|kinda|sort\s+of|sorta|somewhat|extremely|incredibly|totally|absolutely|completely|"
    r"utterly|just|too|that|bloody|f+u+c+k+i+n+g?|damn|freaking|genuinely|honestly|actually|"
    r"still|also|even|seriously|getting|beyond|feeling|doing|not|never)"
)

# Words that cannot be a name after "I'm", "my sister" or "call me": states, feelings,
# nationalities, beliefs and small words. The mood words and jobs are added below.
_NOT_NAMES = (
    _words(
        """
        a an the not no so very really just quite too also still only even now here there home
        back out in on off up down over away around fine ok okay good great well bad sorry sure
        glad happy sad tired going gonna wanna gotta tryna doing trying getting being having
        feeling looking working leaving coming thinking talking waiting sitting lying living
        staying moving planning hoping wondering done finished ready busy free late early new old
        young single married engaged divorced widowed pregnant hungry thirsty cold hot warm full
        broke rich poor alive dead awake asleep drunk high sober stuck curious serious kidding
        joking honest aware allergic addicted obsessed into from with at by for about like as if
        because since and but or nor yet then than that this these those it its me you him her
        them us we they he she i my your his our their who what when where why how which whose
        whatever whoever something someone somebody anything anyone anybody nothing nobody
        everything everyone everybody all both each either neither none some any many much more
        most less least few several other another such same own human person guy girl man woman
        boy kid child adult english british american irish scottish welsh french german spanish
        italian portuguese dutch polish russian ukrainian swedish norwegian danish finnish greek
        turkish indian chinese japanese korean vietnamese thai filipino indonesian australian
        canadian mexican brazilian argentinian nigerian kenyan ghanaian african european asian
        latino latina black white jewish muslim christian catholic protestant buddhist hindu sikh
        atheist agnostic vegan vegetarian gay lesbian bi bisexual straight trans queer nonbinary
        autistic adhd dyslexic deaf blind disabled retired unemployed employed self-employed
        freelance yes yeah yep nope nah yo hey hi hello bye lol haha literally actually basically
        totally definitely probably maybe perhaps almost nearly sort kind bit lot little big
        small tall short fat thin skinny strong weak fit smart stupid dumb clever funny boring
        weird strange normal different special lucky unlucky proud grateful thankful blessed
        monday tuesday wednesday thursday friday saturday sunday january february march april
        may june july august september october november december yesterday today tonight
        tomorrow earlier later again twice once last every always never sometimes usually
        listening watching reading eating drinking cooking running walking driving playing
        outside inside downstairs upstairs online offline afk right wrong correct ill sick nice
        cool fun lovely beautiful pretty cute ugly gorgeous hot fr ngl tbh rn omg idk btw welcome
        sir madam mr mrs ms dr please thanks thank one two three four five six seven eight nine
        ten twenty thirty forty fifty sixty seventy eighty ninety hundred named called is are
        was were be been am has had have do does did will would can could should shall must
        might get got go went say said tell told ask asked know knew think thought love hate
        like want need feel felt make made take took see saw come came her his mum mom dad
        her yours mine hers theirs ours crazy late calling texting
        """
    )
    | frozenset(_MOODS)
    | _JOBS
    | frozenset(_RELATIONS)
    | _EVENT_NOUNS
)
# "Call me later", "I go by bus": what follows these verbs is not always a name.
_NOT_CALLED = _NOT_NAMES | _words(
    "later back sometime anytime soon tonight names bus train car bike foot plane boat tube "
    "metro taxi subway rules book instinct feel whatever anything old-fashioned weird"
)
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")

# Words that make a liked or hated thing not a fact about the user ("I love you", "I like that").
_PRONOUNS = _words(
    "you u ya it that this these those them him her me us myself yourself everything everyone "
    "everybody nothing nobody something someone anything anyone what how when where why who "
    "which whatever it's its your yours ur"
)
_ABOUT_YOU = _words("you your yours yourself u ur ya you're")
_VALUE_STOPS = _words(
    "and but because cause cos coz so though although tho when whenever if since while or which "
    "who whereas unless until lol haha btw honestly"
)
_PLACE_STOPS = _VALUE_STOPS | _words(
    "with now for last next this until till where at on in near by after before ago as too "
    "anymore already currently right today tomorrow yesterday recently again these then "
    "nowadays lately atm"
)
_NOT_PLACES = _words(
    "a an my your his her their our it this that fear hope peace denial bed pain comfort "
    "harmony poverty luxury silence work school home here there nowhere everywhere around"
)
_NOT_PLACE_PHRASES = frozenset({"the future", "the past", "the moment", "the present", "the dark"})
_WORK_STOPS = _VALUE_STOPS | _words(
    "as in on now with where doing during till when part-time full-time these nowadays "
    "currently for at from near today tomorrow every"
)
_NOT_WORKPLACES = _words(
    "night nights home myself free nothing hours ages weekends least all once times some length "
    "it them him her you me us this that peanuts money minimum cash pennies living food"
)
_JOB_STOPS = _VALUE_STOPS | _words("at for in with from by working")
_NOT_JOB_WORDS = _words(
    "boring annoying exhausting draining amazing interesting demanding frustrating tiring "
    "rewarding challenging depressing overwhelming stressing killing"
)


def _first_word(value: str) -> str:
    return value.split(maxsplit=1)[0].lower() if value else ""


def _about_someone_else(value: str) -> bool:
    """True when a liked thing is a pronoun ("I love it") or about the companion ("your voice")."""
    words = value.lower().split()
    return (
        not words
        or words[0] in _PRONOUNS
        or words[-1] in _PRONOUNS
        or any(word in _ABOUT_YOU for word in words)
    )


# ---------------------------------------------------------------------------------------------
# Facts.

_I_AM = r"\b(?:i'm|i\s+am|im)\b"
_WE_ARE = r"\b(?:we're|we\s+are)\b"
_GREETING = r"(?:(?:hi|hello|hey|hiya|heya)(?:\s+there)?\s*[,!.]?\s+)"


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of a message, with what the rules need to know about the whole message."""

    text: str
    # In an all-capitals message a capital letter says nothing about names.
    capitals_mean_names: bool
    whole_message: bool


_Found = tuple[int, LearnedFact]
_Rule = Callable[[_Sentence], Iterator[_Found]]
_RULES: list[_Rule] = []


def _rule(function: _Rule) -> _Rule:
    _RULES.append(function)
    return function


def _is_stop_word(word: str, stops: frozenset[str]) -> bool:
    """True for a stop word, including hyphenated ones ("twenty-five", "self-aware")."""
    lowered = word.lower()
    return lowered in stops or any(part in stops for part in lowered.split("-"))


def _name_in(text: str, sentence: _Sentence, *, capital: bool, stops: frozenset[str]) -> str:
    """The name at the start of `text` ("Priya", "Mary Jane"), or "" if it does not look like one.

    Following words join the name only when capitalised ("Priya Sharma", not "Priya nice").
    """
    names: list[str] = []
    for index, token in enumerate(_clause(text).split()[:3]):
        word = token.strip("\"'")
        if word.lower().endswith("'s"):
            word = word[:-2]
        if (
            not _NAME_TOKEN.fullmatch(word)
            or _is_stop_word(word, stops)
            or len(word) > 30
            or (len(word) >= 6 and word.lower().endswith("ing"))
        ):
            break
        capitalised = word[0].isupper() and sentence.capitals_mean_names
        if (index == 0 and capital and not capitalised) or (index > 0 and not capitalised):
            break
        names.append(_capitalise(word))
    return " ".join(names)


_MY_NAME_IS = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name's|my\s+names|(?:the\s+)?name's|my\s+full\s+name\s+is)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_I_AM_SOMEONE = re.compile(_I_AM + r"\s+(?=(?P<rest>.{0,200}))", re.I)
_NAME_HERE = re.compile(r"\bit'?s\s+(?=(?P<rest>\S+\s+here\b.{0,200}))", re.I)
_ITS_ME = re.compile(r"\bit'?s\s+me\s*,?\s+(?=(?P<rest>.{0,200}))", re.I)
_THIS_IS = re.compile(rf"^{_GREETING}?this\s+is\s+(?=(?P<rest>.{{0,200}}))", re.I)
_ONLY_I_AM = re.compile(
    rf"^{_GREETING}?(?:i'm|i\s+am|im)\s+(?P<name>[^\W\d_]+(?:['-][^\W\d_]+)*)\s*[.!]*$", re.I
)


@_rule
def _names(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for match in _MY_NAME_IS.finditer(text):
        if name := _name_in(match["rest"], sentence, capital=False, stops=_NOT_NAMES):
            yield match.start(), LearnedFact("name", "", name)
    for match in _I_AM_SOMEONE.finditer(text):
        if re.match(r"\S+'s\b", match["rest"]):  # "I'm Priya's mum" is not an introduction.
            continue
        if name := _name_in(match["rest"], sentence, capital=True, stops=_NOT_NAMES):
            yield match.start(), LearnedFact("name", "", name)
    for pattern in (_NAME_HERE, _ITS_ME, _THIS_IS):
        for match in pattern.finditer(text):
            if name := _name_in(match["rest"], sentence, capital=True, stops=_NOT_NAMES):
                yield match.start(), LearnedFact("name", "", name)
    # "i'm priya" on its own is an introduction even in lower case: nothing else it could be,
    # once states ("im tired") are ruled out by the stop list.
    if sentence.whole_message and (alone := _ONLY_I_AM.match(text)):
        word = alone["name"]
        lowered = word.lower()
        if not _is_stop_word(word, _NOT_NAMES) and not (
            len(word) >= 6 and lowered.endswith(("ing", "ed"))
        ):
            yield alone.start(), LearnedFact("name", "", _capitalise(word))


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


@_rule
def _preferred_names(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for pattern in (_CALL_ME, _GO_BY, _NICKNAME):
        for match in pattern.finditer(text):
            if _NEGATED.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # "don't call me Pri"
            if name := _name_in(match["rest"], sentence, capital=False, stops=_NOT_CALLED):
                yield match.start(), LearnedFact("preferred_name", "", name)


_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_AGE_NUMBER = rf"(?P<age>\d{{1,3}}|{_alt(_TENS)}(?:[\s-]{_alt(_UNITS)})?|{_alt(_TEENS)})(?!\w)(?!')"
# After the number, only what an age is followed by: "34", "34 years old", "34 and single".
# Anything else ("5 minutes away", "100% sure", "6 foot") is not an age.
_AGE_END = (
    r"(?:\s*(?:years?|yrs?)(?:\s+old|\s+of\s+age)?|\s*y/?o)?"
    r"(?=\s*(?:$|[,.!?;:)]|(?:and|but|now|today|so|too|btw|lol|haha|myself|this|next|tomorrow"
    r"|on|in|soon|though|tho|already|yesterday|last|as)\b))"
)
_AGE_PATTERNS = [
    re.compile(
        _I_AM + r"\s+(?:now\s+|only\s+|just\s+|currently\s+|actually\s+)?" + _AGE_NUMBER + _AGE_END,
        re.I,
    ),
    re.compile(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+|recently\s+|finally\s+|officially\s+)?turned\s+"
        + _AGE_NUMBER
        + _AGE_END,
        re.I,
    ),
    re.compile(
        _I_AM + r"\s+(?:turning|going\s+to\s+be|gonna\s+be)\s+" + _AGE_NUMBER + _AGE_END, re.I
    ),
    re.compile(r"\bmy\s+age\s+is\s+" + _AGE_NUMBER + _AGE_END, re.I),
    re.compile(_I_AM + r"\s+an?\s+" + _AGE_NUMBER + r"[\s-]+years?[\s-]+old\b", re.I),
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


@_rule
def _ages(sentence: _Sentence) -> Iterator[_Found]:
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(sentence.text):
            if age := _age(match["age"]):
                yield match.start(), LearnedFact("age", "", age)


_BIRTHDAY_WORD = r"(?:birthday|bday|b-day|birth\s*day|date\s+of\s+birth|birth\s+date|dob)"
_MY_BIRTHDAY = re.compile(
    rf"\bmy\s+{_BIRTHDAY_WORD}(?:\s+is|'s|\s+falls|\s+was)?\s+(?:(?:on|in)\s+)?"
    rf"(?P<date>{_DATE}|{_MONTH})",
    re.I,
)
_BORN_ON = re.compile(
    rf"\bi\s+was\s+born\s+(?:(?:on|in)\s+)?(?P<date>{_DATE}|{_MONTH}(?:\s+{_YEAR})?)", re.I
)


@_rule
def _birthdays(sentence: _Sentence) -> Iterator[_Found]:
    for pattern in (_MY_BIRTHDAY, _BORN_ON):
        for match in pattern.finditer(sentence.text):
            date = re.sub(r"^the\s+", "", match["date"], flags=re.I)
            yield match.start(), LearnedFact("birthday", "", _tidy(date))


_LIVE_IN = [
    re.compile(
        r"\b(?:i|we)\s+(?:(?:currently|now|still|actually|also|basically|kind\s+of|kinda)\s+)?"
        r"live\s+in\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        rf"(?:{_I_AM}|{_WE_ARE}|\b(?:i|we)(?:'ve|\s+have)\s+been)\s+(?:(?:currently|now|still)\s+)?"
        r"(?:living|based|settled)\s+"
        r"(?:in|out\s+of)\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:(?:just|recently|finally|actually|now)\s+)?"
        r"(?:moved|relocated)\s+(?:back\s+)?to\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]
_ADDRESS = re.compile(r"\bmy\s+(?:home\s+)?address\s+is\s+(?=(?P<rest>.{0,200}))", re.I)
_FROM = [
    re.compile(_I_AM + r"\s+(?:originally\s+)?from\s+(?=(?P<rest>.{0,200}))", re.I),
    re.compile(r"\bi\s+(?:originally\s+)?come\s+from\s+(?=(?P<rest>.{0,200}))", re.I),
    re.compile(
        r"\bi\s+(?:grew\s+up|was\s+raised|was\s+brought\s+up)\s+in\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        r"\bi\s+was\s+born\s+(?:and\s+(?:raised|bred)\s+)?in\s+(?=(?P<rest>.{0,200}))", re.I
    ),
    re.compile(r"\bmy\s+home\s*town\s+is\s+(?=(?P<rest>.{0,200}))", re.I),
]
_DATE_START = re.compile(rf"(?:{_MONTH}|{_YEAR}|\d)", re.I)


def _place(text: str) -> str:
    """A place at the start of `text` ("Lisbon", "New York", "the south of France"), or ""."""
    if _DATE_START.match(text) or _WHEN.match(text):
        return ""
    place = _take(text, _PLACE_STOPS, 5)
    if not place or _first_word(place) in _NOT_PLACES or place.lower() in _NOT_PLACE_PHRASES:
        return ""
    return place


@_rule
def _places(sentence: _Sentence) -> Iterator[_Found]:
    for pattern in _LIVE_IN:
        for match in pattern.finditer(sentence.text):
            if place := _place(match["rest"]):
                yield match.start(), LearnedFact("location", "", place)
    for match in _ADDRESS.finditer(sentence.text):
        if address := _take(match["rest"], _VALUE_STOPS, 8):
            yield match.start(), LearnedFact("location", "", address)
    for pattern in _FROM:
        for match in pattern.finditer(sentence.text):
            if place := _place(match["rest"]):
                yield match.start(), LearnedFact("hometown", "", place)


# A job phrase: up to three describing words, then a word from the job list ("software engineer").
_JOB_PHRASE = (
    r"(?P<job>(?:(?!(?:and|or|at|for|in|with|but|of|to|the|a|an|who|that|by|from)\b)"
    rf"[\w'-]+\s+){{0,3}}{_JOB})(?!\w)"
)
_I_AM_A_JOB = re.compile(
    _I_AM
    + r"\s+(?:(?:now|also|actually|currently|still|just|only)\s+)?an?\s+"
    + _JOB_PHRASE
    + r"(?=(?P<after>.{0,200}))",
    re.I,
)
_BY_PROFESSION = re.compile(
    _I_AM
    + r"\s+an?\s+(?P<job>(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+"
    + r"(?:by\s+(?:profession|trade)|for\s+a\s+living)\b",
    re.I,
)
_WORK_AS = re.compile(
    r"(?:\b(?:i|we)\s+(?:(?:currently|now|still|also|actually|mainly|mostly)\s+)?work"
    rf"|{_I_AM}\s+(?:(?:currently|now|still|also)\s+)?(?:working|employed))\s+as\s+(?:an?\s+)?"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_MY_JOB_IS = re.compile(
    r"\bmy\s+(?:job|occupation|profession|career|day\s+job)\s+is\s+(?:an?\s+)?(?=(?P<rest>.{0,200}))",
    re.I,
)
_DO_FOR_A_LIVING = re.compile(
    r"\bi\s+do\s+(?P<job>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+for\s+(?:a\s+living|work)\b", re.I
)
_JOB_STATUS = re.compile(
    _I_AM + r"\s+(?:now\s+|currently\s+)?(?P<job>retired|unemployed|self-employed|between\s+jobs"
    r"|a\s+stay[\s-]at[\s-]home\s+(?:mum|mom|dad|parent))\b",
    re.I,
)
_WORK_AT = re.compile(
    r"(?:\b(?:i|we)\s+(?:(?:currently|now|still|also|actually|mainly|mostly)\s+)?work"
    rf"|{_I_AM}\s+(?:(?:currently|now|still|also)\s+)?working)\s+(?P<prep>at|for|in)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_MY_WORKPLACE = re.compile(
    r"\bmy\s+(?:workplace|employer|company)\s+is\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_AT_PLACE = re.compile(r"^\s+(?:at|for)\s+(?=(?P<rest>.{0,200}))", re.I)


def _workplace(text: str) -> str:
    if _WHEN.match(text) or _DATE_START.match(text):
        return ""
    place = _take(text, _WORK_STOPS, 6)
    lowered = place.lower()
    if (
        not place
        or _first_word(place) in _NOT_WORKPLACES
        or lowered in {"a living", "the weekend", "the moment"}
        or any(word in _ABOUT_YOU for word in lowered.split())
    ):
        return ""
    return place


_AGE_BEFORE_JOB = re.compile(r"^\S+[\s-]+years?[\s-]+old\s+", re.I)


def _job_is_real(job: str) -> bool:
    return not any(word.lower() in _NOT_A_JOB for word in job.split())


@_rule
def _jobs(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for match in _I_AM_A_JOB.finditer(text):
        job = _AGE_BEFORE_JOB.sub("", " ".join(match["job"].split()))
        if _job_is_real(job):
            yield match.start(), LearnedFact("job", "", job)
            if (at := _AT_PLACE.match(match["after"])) and (place := _workplace(at["rest"])):
                yield match.start() + 1, LearnedFact("workplace", "", place)
    for match in _BY_PROFESSION.finditer(text):
        if _job_is_real(match["job"]):
            yield match.start(), LearnedFact("job", "", _tidy(match["job"]))
    for match in _WORK_AS.finditer(text):
        job = _take(match["rest"], _JOB_STOPS, 4)
        if job and not _about_someone_else(job):
            yield match.start(), LearnedFact("job", "", job)
            rest = _clause(match["rest"])
            after = rest[rest.find(job) + len(job) :] if job in rest else ""
            if (at := _AT_PLACE.match(after)) and (place := _workplace(at["rest"])):
                yield match.start() + 1, LearnedFact("workplace", "", place)
    for match in _MY_JOB_IS.finditer(text):
        job = _take(match["rest"], _JOB_STOPS, 4)
        words = job.lower().split()
        if not words or _about_someone_else(job) or words[0] in _NOT_JOB_WORDS:
            continue
        if words[-1] in _JOBS or (len(words) == 1 and words[0].endswith("ing")):
            yield match.start(), LearnedFact("job", "", job)
    for match in _DO_FOR_A_LIVING.finditer(text):
        if not _about_someone_else(match["job"]):
            yield match.start(), LearnedFact("job", "", match["job"])
    for match in _JOB_STATUS.finditer(text):
        job = re.sub(r"^a\s+", "", " ".join(match["job"].split()), flags=re.I)
        yield match.start(), LearnedFact("job", "", job)
    for match in re.finditer(r"\bi\s+work\s+for\s+myself\b", text, re.I):
        yield match.start(), LearnedFact("job", "", "self-employed")
    for match in _WORK_AT.finditer(text):
        # "I work in a hospital" is a place; "I work in finance" is a field, left alone.
        if match["prep"].lower() == "in" and not re.match(r"(?:a|an|the)\s", match["rest"], re.I):
            continue
        if place := _workplace(match["rest"]):
            yield match.start(), LearnedFact("workplace", "", place)
    for match in _MY_WORKPLACE.finditer(text):
        if place := _workplace(match["rest"]):
            yield match.start(), LearnedFact("workplace", "", place)


_MY_REL = rf"\b(?:my|our)\s+{_REL_MODS}(?P<rel>{_REL})"
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
            + rf"(?P<rel>{_REL})\s+(?:who's\s+|who\s+is\s+|that's\s+|that\s+is\s+)?"
            r"(?:named|called)\s+(?=(?P<rest>.{0,200}))",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            r"\b(?:i|we|they)\s+(?:(?:just|finally)\s+)?named\s+(?:the|our|my|their)\s+"
            + _REL_MODS
            + rf"(?P<rel>{_REL})\s+(?=(?P<rest>.{{0,200}}))",
            re.I,
        ),
        False,
    ),
    # "I called my sister Ana" is as likely a phone call as a naming: only a capital tells.
    (
        re.compile(
            r"\b(?:i|we|they)\s+(?:(?:just|finally)\s+)?called\s+(?:the|our|my|their)\s+"
            + _REL_MODS
            + rf"(?P<rel>{_REL})\s+(?=(?P<rest>.{{0,200}}))",
            re.I,
        ),
        True,
    ),
    (re.compile(_MY_REL + r"\s*,?\s+(?=(?P<rest>.{0,200}))", re.I), True),
]
_REL_IS_NAME = re.compile(_MY_REL + r"\s+is\s+(?=(?P<rest>.{0,200}))", re.I)
_NAME_IS_MY_REL = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but|so)\s+)(?P<rest>[^\W\d_][\w'-]*)\s+is\s+my\s+"
    + _REL_MODS
    + rf"(?P<rel>{_REL})(?P<named>'s\s+name\b|(?!')(?!\w))",
    re.I,
)
_NAME_ENDS = _words("and but so who btw lol haha")


def _person(match: re.Match[str], name: str) -> LearnedFact:
    kind, subject = _relation(match["rel"])
    return LearnedFact(kind, subject, name)


@_rule
def _people_and_pets(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for pattern, capital in _PEOPLE_PATTERNS:
        for match in pattern.finditer(text):
            if name := _name_in(match["rest"], sentence, capital=capital, stops=_NOT_NAMES):
                yield match.start(), _person(match, name)
    # "my sister is Ana" only when the name ends the clause: "my sister is Irish" is not a name.
    for match in _REL_IS_NAME.finditer(text):
        name = _name_in(match["rest"], sentence, capital=True, stops=_NOT_NAMES)
        following = _clause(match["rest"]).split()[len(name.split()) :]
        if name and (not following or following[0].lower() in _NAME_ENDS):
            yield match.start(), _person(match, name)
    for match in _NAME_IS_MY_REL.finditer(text):
        capital = not match["named"]
        if name := _name_in(match["rest"], sentence, capital=capital, stops=_NOT_NAMES):
            yield match.start("rest"), _person(match, name)


_LIKE_ADVERBS = (
    r"(?:really|absolutely|just|totally|do|so|truly|genuinely|also|actually|kinda|kind\s+of|"
    r"quite|especially|still|always|honestly|seriously|deeply|rly|definitely|particularly)"
)
_LIKES = [
    re.compile(
        rf"\bi\s+(?:{_LIKE_ADVERBS}\s+){{0,3}}(?:love|like|adore|enjoy)\s+(?=(?P<rest>.{{0,200}}))",
        re.I,
    ),
    re.compile(
        _I_AM + r"\s+(?:(?:really|so|super|very|totally|quite|kinda|also|especially|pretty|"
        r"deeply|heavily|absolutely)\s+){0,2}(?:into|obsessed\s+with|passionate\s+about|"
        r"fond\s+of|keen\s+on|crazy\s+about|mad\s+about|addicted\s+to|"
        r"a\s+(?:(?:big|huge|massive|great|real|total|die-hard)\s+)?(?:fan|lover)\s+of)\s+"
        r"(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]
_DISLIKES = [
    re.compile(
        rf"\bi\s+(?:{_LIKE_ADVERBS}\s+){{0,3}}(?:hate|dislike|detest|loathe|despise|"
        r"can'?t\s+stand|cannot\s+stand|can\s+not\s+stand|can'?t\s+bear|"
        r"(?:don'?t|do\s+not)\s+(?:(?:really|much|particularly|even)\s+)?"
        r"(?:like|love|enjoy|care\s+for)|never\s+(?:liked|like|enjoyed|enjoy))\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
    re.compile(
        _I_AM + r"\s+not\s+(?:(?:really|very|too|that|so|much\s+of)\s+)?(?:into|fond\s+of|"
        r"keen\s+on|a\s+(?:(?:big|huge|great)\s+)?fan\s+of)\s+(?=(?P<rest>.{0,200}))",
        re.I,
    ),
]


# "I like to think so" says nothing about what the user likes.
_NOT_LIKED = _words("think believe imagine pretend say know be hear assume hope consider")


def _liked_thing(text: str) -> str:
    thing = _take(text, _VALUE_STOPS, 6)
    thing = re.sub(r"^to\s+", "", thing, flags=re.I)
    return "" if _about_someone_else(thing) or _first_word(thing) in _NOT_LIKED else thing


@_rule
def _likes(sentence: _Sentence) -> Iterator[_Found]:
    for kind, patterns in (("like", _LIKES), ("dislike", _DISLIKES)):
        for pattern in patterns:
            for match in pattern.finditer(sentence.text):
                if thing := _liked_thing(match["rest"]):
                    yield match.start(), LearnedFact(kind, "", thing)


_FAVOURITE = r"(?:(?:all[\s-]time|absolute|current|most)\s+)?(?:favourite|favorite|fave|fav)"
_MY_FAVOURITE_IS = re.compile(
    rf"\bmy\s+{_FAVOURITE}\s+(?P<cat>[\w'-]+(?:\s+[\w'-]+){{0,3}}?)"
    r"(?:\s+(?:is|are|was|would\s+(?:have\s+to\s+)?be|has\s+(?:got\s+)?to\s+be)|'s)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_IS_MY_FAVOURITE = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but|so|because)\s+)(?P<value>[^,;]{1,60}?)\s+(?:is|are|'s)\s+"
    rf"(?:(?:definitely|probably|still|easily|always)\s+)?my\s+{_FAVOURITE}\s+(?=(?P<cat>.{{0,200}}))",
    re.I,
)
_HEDGE = re.compile(
    r"^(?:(?:i\s+think|i\s+guess|i'd\s+say|i\s+reckon|honestly|probably|definitely|easily|"
    r"obviously|hands\s+down|currently|still|always|oh|well|yeah|um+)[\s,]+)+",
    re.I,
)


@_rule
def _favourites(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for match in _MY_FAVOURITE_IS.finditer(text):
        value = _take(_HEDGE.sub("", match["rest"]), _VALUE_STOPS, 6)
        if value and not _about_someone_else(value):
            yield match.start(), LearnedFact("favourite", _category(match["cat"]), value)
    for match in _IS_MY_FAVOURITE.finditer(text):
        value = _tidy(_HEDGE.sub("", match["value"]))
        category = _take(match["cat"], _VALUE_STOPS | _words("by in of"), 4)
        if value and category and len(value.split()) <= 5 and not _about_someone_else(value):
            yield match.start("value"), LearnedFact("favourite", _category(category), value)


_TRAVEL = re.compile(
    rf"(?:{_I_AM}|{_WE_ARE})\s+(?:(?:also|actually|finally|definitely|probably|just)\s+)?"
    r"(?P<verb>going|heading|flying|travelling|traveling|driving|moving|relocating|off)\s+"
    r"(?P<to>(?:back\s+)?to)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_DOING_SOON = re.compile(
    rf"(?:{_I_AM}|{_WE_ARE})\s+(?:(?:also|actually|finally|just)\s+)?"
    r"(?P<verb>visiting|seeing|meeting|starting|hosting|throwing|celebrating|attending|running|"
    r"taking|getting\s+married|getting\s+engaged|leaving\s+for|flying\s+out)(?!\w)(?=(?P<rest>.{0,200}))",
    re.I,
)
_INTENT = re.compile(
    r"(?:" + _I_AM + r"\s+(?:(?:really|also|seriously)\s+)?(?:planning|hoping|aiming|intending"
    r"|going\s+to\s+try|saving\s+up|determined)\s+to"
    r"|\bi(?:\s+(?:(?:really|also)\s+)?(?:plan|hope|intend|aim|have\s+decided|decided)"
    r"|'ve\s+decided)\s+to"
    r"|\bmy\s+(?:new\s+year'?s?\s+)?(?:goal|plan|dream|resolution|aim|ambition)\s+is\s+to"
    r"|" + _I_AM + r"\s+planning\s+on)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
_CONSIDERING = re.compile(
    _I_AM + r"\s+(?:(?:seriously|really|also)\s+)?(?:thinking\s+(?:of|about)|considering)\s+"
    r"(?=(?P<rest>\w+ing\b.{0,200}))",
    re.I,
)
_WANT = re.compile(
    r"\bi(?:\s+(?:(?:really|still|also)\s+)?(?:want\s+to|wanna|would\s+(?:like|love)\s+to)"
    r"|'d\s+(?:really\s+)?(?:like|love)\s+to)\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
# "I'm going to bed" is not worth remembering; "I'm going to Paris" is.
_NOT_PLANS = _words("sleep bed cry die kill scream lose explode faint puke vomit freak snap")


def _split_when(text: str) -> tuple[str, str]:
    """The clause at the start of `text`, split into what comes before a time phrase, and it."""
    clause = _clause(text)
    when = _WHEN.search(clause)
    if not when:
        return clause, ""
    return clause[: when.start()], _tidy(when.group())


def _plan(text: str) -> str:
    plan = _take(text, _VALUE_STOPS, 8)
    if not plan or _about_someone_else(plan) or _first_word(plan) in _NOT_PLANS:
        return ""
    return plan


@_rule
def _plans(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    for match in _TRAVEL.finditer(text):
        before, when = _split_when(match["rest"])
        place = _take(before, _PLACE_STOPS, 5)
        if not place or _first_word(place) in _NOT_PLANS or _about_someone_else(place):
            continue
        named_place = place[0].isupper() and sentence.capitals_mean_names
        moving = match["verb"].lower() in {"moving", "relocating"}
        if when or named_place or moving:
            value = f"{match['verb']} {' '.join(match['to'].split())} {place}"
            yield match.start(), LearnedFact("plan", "", value, when)
    for match in _DOING_SOON.finditer(text):
        before, when = _split_when(match["rest"])
        value = _tidy(f"{' '.join(match['verb'].split())} {_take(before, _VALUE_STOPS, 6)}")
        if when and not _about_someone_else(value):
            yield match.start(), LearnedFact("plan", "", value, when)
    for pattern, need_when in ((_INTENT, False), (_CONSIDERING, False), (_WANT, True)):
        for match in pattern.finditer(text):
            before, when = _split_when(match["rest"])
            if need_when and not when:
                continue
            if plan := _plan(before):
                yield match.start(), LearnedFact("plan", "", plan, when)


_EVENT_PHRASE = rf"(?P<event>(?:[\w'-]+\s+){{0,2}}?{_EVENT})"
_DETERMINER = r"(?:(?:a|an|my|the|this|that|another|our|one|two|some|his|her|their)\s+)"
_HAVE_EVENT = (
    r"(?:\b(?:i|we)\s+(?:also\s+)?(?:have\s+got|have|got)|\b(?:i|we)'ve\s+(?:also\s+)?got"
    r"|\b(?:i|we)'ve|\bive\s+got|" + _I_AM + r"\s+having|\bthere's|\bthere\s+is)"
)
_EVENT_PATTERNS = [
    re.compile(
        r"\b(?:my|our|the)\s+"
        + _EVENT_PHRASE
        + r"(?:\s+(?:is|are|was)|'s)\s+(?:(?:coming\s+up|scheduled|booked|set|planned|happening)"
        r"\s+(?:for\s+)?)?(?P<when>" + _WHEN.pattern + ")",
        re.I,
    ),
    re.compile(
        _HAVE_EVENT
        + r"\s+"
        + _DETERMINER
        + "?"
        + _EVENT_PHRASE
        + r"(?P<middle>(?:\s+[\w'-]+){0,6}?)\s+(?P<when>"
        + _WHEN.pattern
        + ")",
        re.I,
    ),
    re.compile(
        r"(?P<when>"
        + _WHEN.pattern
        + r")\s*,?\s+"
        + _HAVE_EVENT
        + r"\s+"
        + _DETERMINER
        + "?"
        + _EVENT_PHRASE,
        re.I,
    ),
]
_NEGATIONS = _words("no not never any without")


def _event_name(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in _EVENT_COLOUR:
        words.pop(0)
    return " ".join(words)


@_rule
def _events(sentence: _Sentence) -> Iterator[_Found]:
    for pattern in _EVENT_PATTERNS:
        for match in pattern.finditer(sentence.text):
            words = match["event"].lower().split()
            middle = match.groupdict().get("middle") or ""
            if any(word in _NEGATIONS for word in words) or any(
                word.lower() in _VALUE_STOPS | _NEGATIONS for word in middle.split()
            ):
                continue
            yield (
                match.start(),
                LearnedFact("event", "", _event_name(match["event"]), _tidy(match["when"])),
            )


_QUESTION_START = re.compile(
    r"^(?:what|where|when|who|whom|whose|why|how|which|do|does|did|am|is|are|was|were|can|could"
    r"|would|should|will|shall|have|has|may|might|isn't|aren't|don't|doesn't|didn't|wasn't"
    r"|won't|wouldn't|shouldn't|couldn't|can't)\b",
    re.I,
)


def _is_question(sentence: str) -> bool:
    """A question asks rather than tells: "Do you think I should move to Porto?" states nothing."""
    return sentence.rstrip().endswith("?") and bool(_QUESTION_START.match(sentence))


def extract_facts(text: str) -> list[LearnedFact]:
    """The facts about the user that `text` states, in the order they appear.

    Questions state nothing ("should I move to Porto?"), and neither do pronoun objects
    ("I love you", "I like that").
    """
    try:
        return _extract_facts(text)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return []


def _extract_facts(text: str) -> list[LearnedFact]:
    cleaned = _clean(text)
    sentences = _sentences(cleaned)
    capitals_mean_names = any(character.islower() for character in cleaned)
    found: list[tuple[int, int, LearnedFact]] = []
    for number, sentence_text in enumerate(sentences):
        if _is_question(sentence_text):
            continue
        sentence = _Sentence(sentence_text, capitals_mean_names, len(sentences) == 1)
        in_sentence: list[tuple[int, int, LearnedFact]] = []
        for rule in _RULES:
            in_sentence.extend((number, position, fact) for position, fact in rule(sentence))
        # "my birthday is in June" is the birthday, not an event happening in June.
        if any(fact.kind == "birthday" for _, _, fact in in_sentence):
            in_sentence = [
                item
                for item in in_sentence
                if not (item[2].kind == "event" and item[2].value.lower() in {"birthday", "bday"})
            ]
        found.extend(in_sentence)
    facts: list[LearnedFact] = []
    for _, _, fact in sorted(found, key=lambda item: (item[0], item[1])):
        if fact not in facts:
            facts.append(fact)
    return facts


# ---------------------------------------------------------------------------------------------
# Mood.

_SOFT_TAIL = re.compile(
    r"\s*(?:$|[,.;:!?)…]|(?:today|tonight|now|lately|recently|thanks|thank|thx|ty|and|but|though"
    r"|tho|actually|honestly|tbh|too|again|rn|right\s+now|atm|at\s+the\s+moment|these\s+days"
    r"|this\s+\w+|lol|haha\w*|because|cause|cos|since|so|about|after|overall|mostly|anyway|"
    r"anyways|i\s+guess|i\s+think|i\s+suppose|considering|all\s+day|as\s+hell|af)\b)",
    re.I,
)
_MOOD_CORE = rf"(?P<mods>(?:{_INTENSIFIER}\s+){{0,5}})(?:like\s+)?(?P<word>{_MOOD})(?!\w)(?!-)"
_MOOD_PATTERNS = [
    re.compile(_I_AM + r"\s+" + _MOOD_CORE, re.I),
    re.compile(
        r"\bi\s+(?P<neg>(?:(?:just|really|still|honestly|kinda)\s+)?(?:don't|dont|do\s+not"
        r"|didn't|did\s+not|never)\s+)?(?:(?:just|really|still|honestly|kinda|kind\s+of"
        r"|sort\s+of|always)\s+)?(?:feel|felt)\s+" + _MOOD_CORE,
        re.I,
    ),
    re.compile(r"\bi(?:'ve|\s+have|ve)\s+been\s+" + _MOOD_CORE, re.I),
]
_MOOD_ALONE = re.compile(
    r"^(?P<mods>(?:(?:" + _INTENSIFIER + r"|feelin'?|been)\s+){0,5})(?P<word>" + _MOOD + r")(?!\w)",
    re.I,
)
_DAY_WORDS: dict[str, tuple[int, str]] = {
    "good": (1, "good"),
    "nice": (1, "happy"),
    "lovely": (1, "happy"),
    "fun": (1, "happy"),
    "productive": (1, "good"),
    "great": (2, "happy"),
    "amazing": (2, "happy"),
    "wonderful": (2, "happy"),
    "fantastic": (2, "happy"),
    "brilliant": (2, "happy"),
    "perfect": (2, "happy"),
    "bad": (-1, "low"),
    "rough": (-1, "low"),
    "hard": (-1, "low"),
    "tough": (-1, "low"),
    "crap": (-1, "low"),
    "crappy": (-1, "low"),
    "shit": (-2, "low"),
    "shitty": (-2, "low"),
    "terrible": (-2, "low"),
    "awful": (-2, "low"),
    "horrible": (-2, "low"),
    "horrendous": (-2, "low"),
    "stressful": (-1, "stressed"),
    "long": (-1, "tired"),
    "exhausting": (-1, "tired"),
    "lonely": (-1, "lonely"),
    "sad": (-1, "sad"),
    "boring": (-1, "bored"),
}
_DAY_WORD = _alt(_DAY_WORDS)
_DAY_PATTERNS = [
    re.compile(
        r"\b(?:i\s+had|i've\s+had|i\s+have\s+had|i'm\s+having|i\s+am\s+having|having|had|what)\s+"
        rf"(?:a|an|such\s+an?)\s+(?:{_INTENSIFIER}\s+){{0,3}}(?P<word>{_DAY_WORD})\s+"
        r"(?:day|week|night|morning|evening|afternoon|time|year|month|weekend)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:my\s+day|today|this\s+week|my\s+week|tonight|this\s+morning|work|life|my\s+life)"
        rf"\s+(?:was|has\s+been|is|'s|had\s+been)\s+(?:{_INTENSIFIER}\s+){{0,3}}"
        rf"(?P<word>{_DAY_WORD})(?!\w)",
        re.I,
    ),
    re.compile(
        rf"\bin\s+an?\s+(?:{_INTENSIFIER}\s+){{0,2}}(?P<word>{_DAY_WORD})\s+mood\b",
        re.I,
    ),
]
# Whole phrases that say how someone feels without a mood word.
_MOOD_PHRASES: list[tuple[re.Pattern[str], MoodReading]] = [
    (re.compile(r"\bi\s+(?:really\s+|just\s+)?hate\s+myself\b", re.I), MoodReading(-2, "low")),
    (
        re.compile(
            r"\bi\s+(?:just\s+|really\s+)?(?:want\s+to|wanna)\s+(?:die|kill\s+myself|end\s+it"
            r"|disappear)\b|\bi\s+don'?t\s+want\s+to\s+(?:live|be\s+here|exist)\b",
            re.I,
        ),
        MoodReading(-2, "hopeless"),
    ),
    (
        re.compile(r"\bi\s+can'?t\s+(?:take|do|handle)\s+(?:it|this)\s+anymore\b", re.I),
        MoodReading(-2, "overwhelmed"),
    ),
    (re.compile(r"\bi\s+can'?t\s+stop\s+crying\b", re.I), MoodReading(-2, "sad")),
    (re.compile(r"\bi\s+can'?t\s+sleep\b", re.I), MoodReading(-1, "restless")),
    (re.compile(r"\bi\s+(?:really\s+|just\s+)?miss\s+\w+", re.I), MoodReading(-1, "lonely")),
    (
        re.compile(
            r"\bi(?:'m|\s+am)?\s+(?:having|had|have|just\s+had|keep\s+having)\s+(?:a\s+)?"
            r"panic\s+attacks?\b",
            re.I,
        ),
        MoodReading(-2, "panicked"),
    ),
    (
        re.compile(
            r"\b(?:life|everything|today|my\s+life|this\s+week)\s+(?:really\s+)?sucks\b", re.I
        ),
        MoodReading(-1, "low"),
    ),
    (re.compile(r"\bi\s+(?:really\s+)?love\s+my\s+life\b", re.I), MoodReading(2, "happy")),
    (
        re.compile(
            _I_AM + r"\s+(?:(?:so|really|just|getting)\s+)?(?:sick|tired)\s+of\b|\bfed\s+up\b",
            re.I,
        ),
        MoodReading(-1, "frustrated"),
    ),
]


def _negated_reading(word: str, score: int) -> MoodReading:
    """What "not <word>" means: "not happy" is down, "not bad" is okay, "not sad" is neutral."""
    if score >= 0:
        return MoodReading(-1, "down")
    if word in {"bad", "awful", "terrible", "horrible", "shit", "crap", "rubbish"}:
        return MoodReading(1, "okay")
    return MoodReading(0, "okay")


def _reading(match: re.Match[str], text: str, *, alone: bool = False) -> MoodReading | None:
    word = " ".join(match["word"].lower().split())
    score, label = _MOODS[word]
    mods = match["mods"].lower().split()
    negated = "not" in mods or "never" in mods or bool(match.groupdict().get("neg"))
    tail = text[match.end() :]
    if re.match(r"\s+at\b(?!\s+the\s+moment)", tail, re.I):
        return None  # "good at chess"
    if word in _AMBIGUOUS_MOODS and not _SOFT_TAIL.match(tail):
        return None  # "good with kids", "down for pizza", "lost in a book"
    if alone:
        said_feeling = any(mod.startswith("feelin") for mod in mods)
        if not (said_feeling or negated or word in _BARE_MOODS):
            return None  # "Great movie!", "Good morning"
        if not said_feeling and not _SOFT_TAIL.match(tail):
            return None
    return _negated_reading(word, score) if negated else MoodReading(score, label)


def extract_mood(text: str) -> MoodReading | None:
    """How the user says they feel, or None when the message says nothing about it.

    When a message mentions several feelings the last one wins ("I was sad but now I'm happy").
    """
    try:
        return _extract_mood(text)
    except Exception:  # pragma: no cover - a bad pattern must not break a conversation
        return None


def _extract_mood(text: str) -> MoodReading | None:
    readings: list[tuple[int, int, MoodReading]] = []
    for number, sentence in enumerate(_sentences(_clean(text))):
        for pattern in _MOOD_PATTERNS:
            for match in pattern.finditer(sentence):
                if reading := _reading(match, sentence):
                    readings.append((number, match.start("word"), reading))
        alone = _MOOD_ALONE.match(sentence)
        if alone and (reading := _reading(alone, sentence, alone=True)):
            readings.append((number, alone.start("word"), reading))
        for pattern in _DAY_PATTERNS:
            for match in pattern.finditer(sentence):
                score, label = _DAY_WORDS[match["word"].lower()]
                readings.append((number, match.start("word"), MoodReading(score, label)))
        for pattern, reading in _MOOD_PHRASES:
            for match in pattern.finditer(sentence):
                # A phrase outranks the mood word inside it: "tired of" is fed up, not tired.
                readings.append((number, match.end(), reading))
    if not readings:
        return None
    return max(readings, key=lambda item: (item[0], item[1]))[2]


# ---------------------------------------------------------------------------------------------
# Questions about memory, and requests to forget. Both are read from a lower-cased "canonical"
# message: contractions spelled out, punctuation gone, words like "fave" and "color" unified.

_SPELLINGS = {
    "what's": "what is",
    "whats": "what is",
    "wat": "what",
    "wut": "what",
    "who's": "who is",
    "whos": "who is",
    "where's": "where is",
    "wheres": "where is",
    "when's": "when is",
    "whens": "when is",
    "how's": "how is",
    "what're": "what are",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'd": "i would",
    "wanna": "want to",
    "gonna": "going to",
    "dont": "don't",
    "didnt": "didn't",
    "cant": "can't",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "favorite": "favourite",
    "fave": "favourite",
    "fav": "favourite",
    "color": "colour",
    "colors": "colours",
    "bday": "birthday",
    "b-day": "birthday",
    "hometown": "home town",
}
_SPELLING = re.compile(r"(?<![\w'])" + _alt(_SPELLINGS) + r"(?![\w'])")


def _canonical(text: str) -> str:
    text = text.lower()
    text = _SPELLING.sub(lambda match: _SPELLINGS[match.group()], text)
    text = re.sub(r"[^\w\s'/-]", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


_MODS_Q = (
    r"(?:(?:little|big|baby|older|younger|elder|eldest|oldest|youngest|twin|step|half|new"
    r"|current) )?"
)
_REL_Q = rf"{_MODS_Q}(?P<rel>{_REL})"
_EVENT_Q = rf"(?P<event>(?:[\w'-]+ ){{0,2}}?{_EVENT})"
_CATEGORY_Q = r"(?P<cat>[\w'-]+(?: [\w'-]+){0,3})"
_Patterns = list[tuple[re.Pattern[str], str]]


def _each(kind: str, *patterns: str) -> _Patterns:
    """Compile each pattern, to be matched against a whole canonical phrase, for `kind`.

    `kind` "rel" means the kind comes from the relation word (family, friend or pet).
    """
    return [(re.compile(pattern), kind) for pattern in patterns]


# Questions, matched against the whole canonical question ("what is my dog called").
_QUESTIONS: _Patterns = [
    *_each(
        "name",
        r"what (?:is|was) my (?:full |first |real )?name",
        r"who am i",
        r"what (?:should|do|will|would|can|did) you call me",
        r"what am i called",
        r"what did i say my name (?:is|was)",
    ),
    *_each(
        "preferred_name",
        r"what is my nick ?name",
        r"what do i (?:like|prefer) to be called",
        r"what (?:name )?do i go by",
    ),
    *_each(
        "age",
        r"how old am i",
        r"what is my age",
        r"what age am i",
        r"how old did i say i (?:am|was)",
    ),
    *_each(
        "birthday",
        r"(?:when|what day|what date) is my birthday",
        r"what is my (?:birthday|date of birth|birth date|dob)",
        r"when was i born",
        r"when did i say my birthday (?:is|was)",
    ),
    *_each(
        "location",
        r"where (?:do i live|am i living|am i based|am i staying|do i stay|did i move to)",
        r"where (?:did i live|was i living|did i move from|was i based)",
        r"(?:what|which) (?:city|town|country|place|neighbourhood|area) (?:do|did) i live in",
        r"(?:what|which) (?:city|town|country) am i (?:living )?in",
        r"what (?:is|was) my (?:address|location|city|current city)",
    ),
    *_each(
        "hometown",
        r"where am i (?:originally )?from",
        r"where do i (?:originally )?come from",
        r"where did i grow up",
        r"where was i (?:born|raised)",
        r"(?:what|where) is my home town",
    ),
    *_each(
        "job",
        r"what (?:do|did) i do for (?:work|a living|my job|money|a job)",
        r"what (?:is|was) my (?:job|occupation|profession|career|line of work|work)",
        r"what (?:job|work) (?:do|did) i (?:do|have)",
        r"what (?:do|did) i work as",
    ),
    *_each(
        "workplace",
        r"where (?:do|did) i work",
        r"where am i working",
        r"who (?:do|did) i work for",
        r"(?:what|which) company (?:do|did) i work (?:for|at)",
        r"where is my (?:work|workplace|office|job)",
    ),
    *_each(
        "rel",
        rf"what (?:is|was) my {_REL_Q}(?:'s|s)? (?:name|called|named)",
        rf"what (?:is|was) the name of my {_REL_Q}",
        rf"who (?:is|was) my {_REL_Q}",
        rf"what did i (?:call|name) my {_REL_Q}",
        rf"what did i say my {_REL_Q}(?:'s name)? (?:is|was)(?: called)?",
        rf"do i have (?:a|an|any) {_REL_Q}s?",
    ),
    *_each("pet", r"what (?:pets?|animals?) do i have", r"what kind of pets? do i have"),
    *_each("friend", r"who are my friends"),
    *_each(
        "favourite",
        rf"what (?:is|are|was|were) my (?:all time )?favourite {_CATEGORY_Q}",
        r"which (?P<cat>[\w'-]+) do i like (?:the )?(?:most|best)",
        r"what is my favourite",
    ),
    *_each(
        "like",
        r"what (?:things |stuff )?do i (?:like|love|enjoy|adore)(?: doing| to do)?",
        r"what am i into",
        r"what are my (?:likes|hobbies|interests|passions)",
        r"what kind of (?:[\w'-]+ ){1,2}do i (?:like|love|enjoy)",
        r"what are some things i (?:like|love|enjoy)",
    ),
    *_each(
        "dislike",
        r"what (?:things |stuff )?do i (?:hate|dislike|detest|not like|not enjoy)",
        r"what (?:don't|can't) i (?:like|stand)",
        r"what are my (?:dislikes|pet peeves)",
    ),
    *_each(
        "event",
        rf"(?:when|what time|what day|what date) (?:is|are|was) (?:my|the) {_EVENT_Q}",
        rf"when (?:do|did) i have (?:my|the|a|an) {_EVENT_Q}",
        r"what (?:do i have|is) (?:coming up|planned|on)(?: \w+){0,2}",
        r"do i have anything (?:coming up|on|planned)(?: \w+){0,2}",
    ),
    *_each(
        "plan",
        r"what (?:are|were) my (?:plans?|goals?)(?: for .+)?",
        r"what (?:is|was) my (?:plan|goal)(?: for .+)?",
        r"what (?:am|was) i planning(?: to do)?(?: .+)?",
        r"what did i say i (?:was|am|would be) (?:going|planning) to do",
    ),
    *_each(
        "everything",
        r"what (?:else )?do you (?:remember|know|recall)(?: about me| of me| so far)?",
        r"what have you (?:learned|learnt|found out|figured out|remembered|gathered)"
        r"(?: about me)?",
        r"how much do you (?:know|remember) about me",
        r"what (?:have|did) i (?:tell|told) you(?: about (?:me|myself))?",
        r"do you (?:remember|know) (?:me|anything about me|much about me)",
        r"tell me (?:about me|what you (?:know|remember)(?: about me)?)",
    ),
    *_each(
        "topic",
        r"what (?:did|have) i (?:tell you|told you|say|said|mention|mentioned|share|shared)"
        r" about (?P<topic>.+)",
        r"did i (?:ever )?(?:tell you|mention|say) (?:anything )?about (?P<topic>.+)",
        r"what do you (?:know|remember) about (?P<topic>my .+)",
    ),
]

# Phrases naming a kind of fact ("my dog's name", "where i live", "my favourite band"), for
# "do you remember <phrase>?" and "forget <phrase>".
_TARGETS: _Patterns = [
    *_each(
        "name",
        r"my (?:full |first |real )?name",
        r"what my name is",
        r"who i am",
        r"what you (?:should )?call me",
        r"what i am called",
    ),
    *_each(
        "preferred_name",
        r"my nick ?name",
        r"what to call me",
        r"what i (?:like|prefer|want) to be called",
    ),
    *_each("age", r"my age", r"how old i am"),
    *_each(
        "birthday",
        r"my (?:birthday|date of birth|birth date|dob)",
        r"when my birthday is",
        r"when i was born",
    ),
    *_each(
        "location",
        r"my (?:home )?(?:address|location|city|town|current city)",
        r"where i (?:live|lived|am living|was living|am based|stay)(?: now)?",
        r"where i moved to",
    ),
    *_each(
        "hometown",
        r"my home town",
        r"where i am (?:originally )?from",
        r"where i (?:originally )?come from",
        r"where i grew up",
        r"where i was (?:born|raised)",
    ),
    *_each(
        "job",
        r"my (?:job|occupation|profession|career|work|line of work)",
        r"what i do(?: for (?:work|a living))?",
        r"what my job is",
        r"what i work as",
    ),
    *_each(
        "workplace",
        r"my (?:workplace|employer|company|office)",
        r"where i (?:work|worked|am working)",
        r"who i work for",
    ),
    *_each(
        "rel",
        rf"(?:the name of )?my {_REL_Q}(?:(?:'s|s)? name)?",
        rf"what my {_REL_Q}(?:'s name is| is called| is named)",
        rf"who my {_REL_Q} is",
        rf"what i (?:called|named) my {_REL_Q}",
    ),
    *_each("pet", r"my pets"),
    *_each("friend", r"my friends"),
    *_each(
        "favourite",
        rf"my favourite {_CATEGORY_Q}",
        r"what my favourite (?P<cat>.+?) is",
    ),
    *_each(
        "like",
        r"my (?:likes|hobbies|interests)",
        r"what i (?:like|love|enjoy)",
        r"the things i (?:like|love|enjoy)",
    ),
    *_each(
        "dislike",
        r"my dislikes",
        r"what i (?:hate|dislike|don't like|can't stand)",
        r"the things i (?:hate|dislike|don't like)",
    ),
    *_each(
        "plan",
        r"my (?:plans?|goals?)",
        r"what i (?:am|was) planning(?: to do)?",
        r"what i want to do",
    ),
    *_each("event", rf"my {_EVENT_Q}", rf"when my {_EVENT_Q} is"),
]


def _kind_of(match: re.Match[str], kind: str) -> tuple[str, str]:
    """Turn a matched question or phrase into (kind, subject)."""
    groups = match.groupdict()
    if kind == "rel":
        return _relation(groups["rel"])
    if kind == "favourite":
        return kind, _category(groups.get("cat") or "")
    if kind == "event" and groups.get("event"):
        return kind, _event_name(groups["event"])
    return kind, ""


def _target(phrase: str) -> tuple[str, str] | None:
    for pattern, kind in _TARGETS:
        if match := pattern.fullmatch(phrase):
            return _kind_of(match, kind)
    return None


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
_TRAILING_FILLER_Q = re.compile(
    r"(?: (?:again|then|exactly|please|samantha|sam|lol|haha|do you remember|remember"
    r"|do you know|you know|right|by any chance|if you remember|if you know|already|now"
    r"|currently|these days|at the moment|by the way|btw|actually))+$"
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
_PAST_TENSE = re.compile(r"\b(?:did i (?:live|work)|was i (?:living|working|based))\b")
_ABOUT_ME = re.compile(
    r"me|(?:anything|everything|all) about me|about me|what you (?:know|remember)(?: about me)?"
)
_WHAT_I_SAID_ABOUT = re.compile(
    r"(?:anything |what i (?:said|told you|mentioned|wrote) )?about (?P<topic>.+)"
)
# Questions longer than this are conversation, not a quick "what's my dog called?".
_QUESTION_CHARS = 300


def _question_text(sentence: str) -> str:
    text = re.sub(r"^(?:[^\W\d_]+\s*,\s*){1,2}", "", sentence)  # "Samantha, what's my name?"
    text = re.sub(r",\s*[^\W\d_]+\s*[?!.]*$", "", text)  # "what's my name, Samantha?"
    text = _LEADING_FILLER.sub("", _canonical(text))
    return _TRAILING_FILLER_Q.sub("", text)


def parse_memory_question(text: str) -> MemoryQuestion | None:
    """The memory question `text` asks ("what's my dog called?"), or None if it asks none.

    Questions about anything but the user ("what's your name?", "who directed Her?") are None.
    """
    try:
        for sentence in _sentences(_clean(text))[:10]:
            if len(sentence) <= _QUESTION_CHARS and (question := _memory_question(sentence)):
                return question
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
                found_kind, subject = _kind_of(match, kind)
                return MemoryQuestion(found_kind, subject, previous and found_kind != "name")
    if not embedded:
        return None
    # "do you remember my cat's name?", "do you know where I live?"
    if _ABOUT_ME.fullmatch(embedded):
        return MemoryQuestion("everything")
    said = _WHAT_I_SAID_ABOUT.fullmatch(embedded)
    if said and (embedded.startswith("what") or said["topic"].startswith("my ")):
        return _topic(said["topic"])
    if found := _target(embedded):
        kind, subject = found
        return MemoryQuestion(kind, subject, previous and kind != "name")
    return None


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
_NOT_A_TARGET = _words("things stuff anything something someone somebody people names faces")


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
    cleaned = " ".join(_clean(text)[:_QUESTION_CHARS].split())
    start = _FORGET_START.match(cleaned)
    if not start:
        return None
    # The target ends with its clause: "forget that, let's talk about films".
    raw_target = re.split(r"[,;.!?]|\s(?:and|but)\s|\s-+\s", cleaned[start.end() :], maxsplit=1)[0]
    target = re.sub(r"^about ", "", _FORGET_TAIL.sub("", _canonical(raw_target)))
    if not target:
        # "Can you forget?" asks whether she can; "forget" and "/forget" alone mean the last thing.
        if start["ask"].strip() and cleaned.endswith("?"):
            return None
        return ForgetRequest(last=True)
    if target in _NOT_A_TARGET:
        return None
    if _FORGET_LAST.fullmatch(target):
        return ForgetRequest(last=True)
    if _FORGET_ALL.fullmatch(target):
        return ForgetRequest(everything=True)
    if about := _FORGET_ABOUT.fullmatch(target):
        target = about["topic"]
    target = re.sub(r"\bmy (?:old|previous|former|current) ", "my ", target)
    if found := _target(target):
        kind, subject = found
        return ForgetRequest(kind=kind, subject=subject)
    return ForgetRequest(words=_as_typed(raw_target, target))


def _as_typed(raw: str, target: str) -> str:
    """`target` with the user's own capitals, when it can be found in what they typed."""
    pattern = r"\s+".join(re.escape(word) for word in target.split())
    found = re.search(pattern, raw, re.I) if pattern else None
    return _tidy(found.group()) if found else target
