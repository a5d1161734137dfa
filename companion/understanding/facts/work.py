"""Fact rules for the user's job ("I'm a nurse", "I work as a chef") and workplace."""

from __future__ import annotations

import re
from collections.abc import Iterator

from companion.understanding.facts.fact import LearnedFact
from companion.understanding.facts.rules import Found, RuleList, Sentence
from companion.understanding.facts.values import ABOUT_YOU, VALUE_STOPS, about_someone_else
from companion.understanding.facts.when import DATE_START, WHEN
from companion.understanding.reading import I_AM, alternation, clause, first_word, take, tidy
from companion.understanding.vocabulary import fact_words

RULES = RuleList()

_WORDS = fact_words()
_JOBS = _WORDS.jobs
_JOB = alternation(_JOBS)
_NOT_A_JOB = _WORDS.not_a_job
_NOT_JOB_WORDS = _WORDS.not_job_words
_JOB_STOPS = VALUE_STOPS | _WORDS.job_stops
_WORK_STOPS = VALUE_STOPS | _WORDS.work_stops
_NOT_WORKPLACES = _WORDS.not_workplaces

# A job phrase: up to three describing words, then a word from the job list ("software engineer").
_JOB_PHRASE = (
    r"(?P<job>(?:(?!(?:and|or|at|for|in|with|but|of|to|the|a|an|who|that|by|from)\b)"
    rf"[\w'-]+\s+){{0,3}}{_JOB})(?!\w)"
)
_I_AM_A_JOB = re.compile(
    I_AM
    + r"\s+(?:(?:now|also|actually|currently|still|just|only)\s+)?an?\s+"
    + _JOB_PHRASE
    + r"(?=(?P<after>.{0,200}))",
    re.I,
)
_BY_PROFESSION = re.compile(
    I_AM
    + r"\s+an?\s+(?P<job>(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+"
    + r"(?:by\s+(?:profession|trade)|for\s+a\s+living)\b",
    re.I,
)
_WORK_AS = re.compile(
    r"(?:\b(?:i|we)\s+(?:(?:currently|now|still|also|actually|mainly|mostly)\s+)?work"
    rf"|{I_AM}\s+(?:(?:currently|now|still|also)\s+)?(?:working|employed))\s+as\s+(?:an?\s+)?"
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
    I_AM + r"\s+(?:now\s+|currently\s+)?(?P<job>retired|unemployed|self-employed|between\s+jobs"
    r"|a\s+stay[\s-]at[\s-]home\s+(?:mum|mom|dad|parent))\b",
    re.I,
)
_WORK_AT = re.compile(
    r"(?:(?:\b(?:i|we)|^)\s*(?:(?:currently|now|still|also|actually|mainly|mostly)\s+)?work"
    rf"|{I_AM}\s+(?:(?:currently|now|still|also)\s+)?working)"
    # "i work evenings at a call centre", "work at greggs on weekends"
    r"(?:\s+(?:evenings|nights|weekends|days|mornings|part[\s-]time|full[\s-]time|shifts))?"
    r"\s+(?P<prep>at|for|in)\s+"
    r"(?=(?P<rest>.{0,200}))",
    re.I,
)
_MY_WORKPLACE = re.compile(
    r"\bmy\s+(?:workplace|employer|company)\s+is\s+(?=(?P<rest>.{0,200}))",
    re.I,
)
# What someone drives for a living ("i drive buses", "my dad drives a taxi"), and the job it is.
VEHICLE = (
    r"(?P<vehicle>taxi|cab|buses|bus|lorries|lorry|trucks|truck|vans|van|trams|tram|trains|train"
    r"|ambulances|ambulance|forklifts|forklift)"
)


_ONE_VEHICLE = {"buses": "bus", "lorries": "lorry", "trucks": "truck", "vans": "van",
                "trams": "tram", "trains": "train", "ambulances": "ambulance",
                "forklifts": "forklift"}  # fmt: skip


def driver_of(vehicle: str) -> str:
    """The job of driving it: "buses" and "a bus" are both "bus driver"."""
    word = vehicle.lower()
    return f"{_ONE_VEHICLE.get(word, word)} driver"


# "i drive buses for dublin bus": the work, said as what they do all day.
_I_DRIVE = re.compile(
    rf"\bi\s+(?:(?:still|now|also)\s+)?drive\s+(?:an?\s+)?{VEHICLE}"
    r"\s+(?:for|at|in|round|around|all|full|part|professionally)\b",
    re.I,
)
_AT_PLACE = re.compile(r"^\s+(?:at|for)\s+(?=(?P<rest>.{0,200}))", re.I)


def workplace_at_start(text: str) -> str:
    """A workplace at the start of `text` ("the hospital", "Tesco"), or ""."""
    if WHEN.match(text) or DATE_START.match(text):
        return ""
    place = take(text, _WORK_STOPS, 6)
    lowered = place.lower()
    if (
        not place
        or first_word(place) in _NOT_WORKPLACES
        or lowered in {"a living", "the weekend", "the moment"}
        or any(word in ABOUT_YOU for word in lowered.split())
    ):
        return ""
    return place


_AGE_BEFORE_JOB = re.compile(r"^\S+[\s-]+years?[\s-]+old\s+", re.I)


def _job_is_real(job: str) -> bool:
    return not any(word.lower() in _NOT_A_JOB for word in job.split())


_JOB_AT_START = re.compile(_JOB_PHRASE, re.I)


def job_at_start(text: str) -> str:
    """A job phrase from the job list at the start of `text` ("nurse", "software engineer")."""
    match = _JOB_AT_START.match(text)
    if match is None:
        return ""
    job = _AGE_BEFORE_JOB.sub("", " ".join(match["job"].split()))
    return job if _job_is_real(job) else ""


@RULES.add
def _jobs(sentence: Sentence) -> Iterator[Found]:
    text = sentence.text
    for match in _I_AM_A_JOB.finditer(text):
        job = _AGE_BEFORE_JOB.sub("", " ".join(match["job"].split()))
        if _job_is_real(job):
            yield match.start(), LearnedFact("job", "", job)
            if (at := _AT_PLACE.match(match["after"])) and (
                place := workplace_at_start(at["rest"])
            ):
                yield match.start() + 1, LearnedFact("workplace", "", place)
    for match in _BY_PROFESSION.finditer(text):
        if _job_is_real(match["job"]):
            yield match.start(), LearnedFact("job", "", tidy(match["job"]))
    for match in _WORK_AS.finditer(text):
        job = take(match["rest"], _JOB_STOPS, 4)
        if job and not about_someone_else(job):
            yield match.start(), LearnedFact("job", "", job)
            rest = clause(match["rest"])
            after = rest[rest.find(job) + len(job) :] if job in rest else ""
            if (at := _AT_PLACE.match(after)) and (place := workplace_at_start(at["rest"])):
                yield match.start() + 1, LearnedFact("workplace", "", place)
    for match in _MY_JOB_IS.finditer(text):
        job = take(match["rest"], _JOB_STOPS, 4)
        words = job.lower().split()
        if not words or about_someone_else(job) or words[0] in _NOT_JOB_WORDS:
            continue
        if words[-1] in _JOBS or (len(words) == 1 and words[0].endswith("ing")):
            yield match.start(), LearnedFact("job", "", job)
    for match in _DO_FOR_A_LIVING.finditer(text):
        if not about_someone_else(match["job"]):
            yield match.start(), LearnedFact("job", "", match["job"])
    for match in _JOB_STATUS.finditer(text):
        job = re.sub(r"^a\s+", "", " ".join(match["job"].split()), flags=re.I)
        yield match.start(), LearnedFact("job", "", job)
    for match in _I_DRIVE.finditer(text):
        yield match.start(), LearnedFact("job", "", driver_of(match["vehicle"]))
    for match in re.finditer(r"\bi\s+work\s+for\s+myself\b", text, re.I):
        yield match.start(), LearnedFact("job", "", "self-employed")
    for match in _WORK_AT.finditer(text):
        # "I work in a hospital" is a place; "I work in finance" is a field, left alone.
        if match["prep"].lower() == "in" and not re.match(r"(?:a|an|the)\s", match["rest"], re.I):
            continue
        if place := workplace_at_start(match["rest"]):
            yield match.start(), LearnedFact("workplace", "", place)
    for match in _MY_WORKPLACE.finditer(text):
        if place := workplace_at_start(match["rest"]):
            yield match.start(), LearnedFact("workplace", "", place)
