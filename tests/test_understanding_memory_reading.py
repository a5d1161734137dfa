"""What the understanding layer reads of what a user says about themselves: facts, mood,
questions about memory and requests to forget."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.understanding.facts import KINDS, LearnedFact, extract_facts
from companion.understanding.feelings import MoodReading, extract_mood
from companion.understanding.forgetting import ForgetRequest, parse_forget
from companion.understanding.memory_questions import MemoryQuestion, parse_memory_question


def fact(kind: str, value: str, subject: str = "", when: str = "") -> LearnedFact:
    return LearnedFact(kind, subject, value, when)


# --- facts: one message, exactly one fact ---------------------------------------------------

SINGLE_FACTS = [
    # name
    ("my name is Priya", fact("name", "Priya")),
    ("My name's Priya.", fact("name", "Priya")),
    ("my name is priya", fact("name", "Priya")),
    ("I'm Priya", fact("name", "Priya")),
    ("I am Priya", fact("name", "Priya")),
    ("Hi, I'm Priya!", fact("name", "Priya")),
    ("im priya", fact("name", "Priya")),
    ("i'm priya", fact("name", "Priya")),
    ("hi im sam", fact("name", "Sam")),
    ("I\u2019m Priya", fact("name", "Priya")),
    ("I'M PRIYA", fact("name", "Priya")),
    ("name's Priya", fact("name", "Priya")),
    ("it's Priya here", fact("name", "Priya")),
    ("this is Priya", fact("name", "Priya")),
    ("Hello, this is Priya.", fact("name", "Priya")),
    ("I'm Priya Sharma, nice to meet you", fact("name", "Priya Sharma")),
    ("My name is mary-jane", fact("name", "Mary-Jane")),
    # preferred name
    ("call me P", fact("preferred_name", "P")),
    ("you can call me Pri", fact("preferred_name", "Pri")),
    ("Please call me Pri.", fact("preferred_name", "Pri")),
    ("everyone calls me P", fact("preferred_name", "P")),
    ("my friends call me Pri", fact("preferred_name", "Pri")),
    ("I go by P", fact("preferred_name", "P")),
    ("my nickname is Pri", fact("preferred_name", "Pri")),
    # age
    ("I'm 34", fact("age", "34")),
    ("I am 34 years old", fact("age", "34")),
    ("I'm 34 years old.", fact("age", "34")),
    ("I just turned 40", fact("age", "40")),
    ("I turned 40 yesterday", fact("age", "40")),
    ("I'm turning 30 next week", fact("age", "30")),
    ("my age is 52", fact("age", "52")),
    ("I just turned forty", fact("age", "40")),
    ("I'm twenty-five", fact("age", "25")),
    # birthday
    ("my birthday is on March 3", fact("birthday", "March 3")),
    ("my birthday's in June", fact("birthday", "June")),
    ("my birthday is the 3rd of March", fact("birthday", "3rd of March")),
    ("my bday is 12 May", fact("birthday", "12 May")),
    ("I was born on 3 March 1990", fact("birthday", "3 March 1990")),
    ("I was born in June", fact("birthday", "June")),
    # location
    ("I live in Lisbon", fact("location", "Lisbon")),
    ("I moved to Porto last week", fact("location", "Porto")),
    ("I just moved to Porto", fact("location", "Porto")),
    ("I've just moved to Porto!", fact("location", "Porto")),
    ("I'm based in Berlin", fact("location", "Berlin")),
    ("we live in Leeds now", fact("location", "Leeds")),
    ("I'm living in Oslo", fact("location", "Oslo")),
    ("I've been living in Paris", fact("location", "Paris")),
    ("I currently live in New York City", fact("location", "New York City")),
    ("I live in the south of France", fact("location", "the south of France")),
    ("i live in lisbon", fact("location", "lisbon")),
    ("my address is 12 Baker Street", fact("location", "12 Baker Street")),
    # hometown
    ("I'm from Lagos", fact("hometown", "Lagos")),
    ("I'm originally from Lagos", fact("hometown", "Lagos")),
    ("I come from Kerala", fact("hometown", "Kerala")),
    ("I grew up in Cork", fact("hometown", "Cork")),
    ("I was born in Cork", fact("hometown", "Cork")),
    ("I'm from the UK", fact("hometown", "the UK")),
    # job
    ("I work as a nurse", fact("job", "nurse")),
    ("I'm a nurse", fact("job", "nurse")),
    ("I am a software engineer", fact("job", "software engineer")),
    ("I'm an accountant", fact("job", "accountant")),
    ("I'm an English teacher", fact("job", "English teacher")),
    ("I'm a nurse practitioner", fact("job", "nurse practitioner")),
    ("I'm a student", fact("job", "student")),
    ("I'm a juggler by profession", fact("job", "juggler")),
    ("I'm a juggler by trade", fact("job", "juggler")),
    ("I'm a locksmith for a living", fact("job", "locksmith")),
    ("my job is teaching", fact("job", "teaching")),
    ("my job is a nurse", fact("job", "nurse")),
    ("I do accounting for a living", fact("job", "accounting")),
    ("I'm retired", fact("job", "retired")),
    ("I work for myself", fact("job", "self-employed")),
    # workplace
    ("I work at Google", fact("workplace", "Google")),
    ("I work for a bakery", fact("workplace", "a bakery")),
    ("I work for the NHS", fact("workplace", "the NHS")),
    ("I work in a hospital", fact("workplace", "a hospital")),
    ("I work at the Bank of England", fact("workplace", "the Bank of England")),
    ("I work at Google in London", fact("workplace", "Google")),
    # family
    ("my sister is called Ana", fact("family", "Ana", "sister")),
    ("my sister's name is Ana", fact("family", "Ana", "sister")),
    ("my sister Ana is visiting", fact("family", "Ana", "sister")),
    ("my little sister Ana is visiting", fact("family", "Ana", "sister")),
    ("I have a brother named Tom", fact("family", "Tom", "brother")),
    ("I have a brother called Tom", fact("family", "Tom", "brother")),
    ("I've got a brother called Tom", fact("family", "Tom", "brother")),
    ("my mum is called Mary", fact("family", "Mary", "mother")),
    ("my mom's name is Mary", fact("family", "Mary", "mother")),
    ("my mommy is called Mary", fact("family", "Mary", "mother")),
    ("my mother is called Mary", fact("family", "Mary", "mother")),
    ("my dad is called Joe", fact("family", "Joe", "father")),
    ("my daddy is called Joe", fact("family", "Joe", "father")),
    ("my dad, Tom, is a plumber", fact("family", "Tom", "father")),
    ("my grandma is called Rose", fact("family", "Rose", "grandmother")),
    ("my grandmother Rose", fact("family", "Rose", "grandmother")),
    ("my grandpa is called Ben", fact("family", "Ben", "grandfather")),
    ("my wife Sarah is amazing", fact("family", "Sarah", "wife")),
    ("my husband is called Raj", fact("family", "Raj", "husband")),
    ("my partner's name is Alex", fact("family", "Alex", "partner")),
    ("my boyfriend's name is Alex", fact("family", "Alex", "boyfriend")),
    ("my girlfriend is called Jess", fact("family", "Jess", "girlfriend")),
    ("my son is called Leo", fact("family", "Leo", "son")),
    ("We named our son Leo", fact("family", "Leo", "son")),
    ("my daughter is named Maya", fact("family", "Maya", "daughter")),
    ("my aunt is called Lucy", fact("family", "Lucy", "aunt")),
    ("my uncle Bob", fact("family", "Bob", "uncle")),
    ("my cousin is called Dev", fact("family", "Dev", "cousin")),
    ("my niece is called Ivy", fact("family", "Ivy", "niece")),
    ("my nephew is called Max", fact("family", "Max", "nephew")),
    ("our baby is called Leo", fact("family", "Leo", "baby")),
    ("Ana is my sister", fact("family", "Ana", "sister")),
    ("my sister is Ana", fact("family", "Ana", "sister")),
    # friend
    ("my best friend is Sam", fact("friend", "Sam", "best friend")),
    ("my best friend is called Sam", fact("friend", "Sam", "best friend")),
    ("my best friend Sam", fact("friend", "Sam", "best friend")),
    ("Sam is my best friend", fact("friend", "Sam", "best friend")),
    ("my friend Jo", fact("friend", "Jo", "friend")),
    ("my friend is called Jo", fact("friend", "Jo", "friend")),
    ("my friend's name is Jo", fact("friend", "Jo", "friend")),
    # pet
    ("my dog is called Biscuit", fact("pet", "Biscuit", "dog")),
    ("my dog's name is Biscuit", fact("pet", "Biscuit", "dog")),
    ("we named the dog Biscuit", fact("pet", "Biscuit", "dog")),
    ("we called our cat Mochi", fact("pet", "Mochi", "cat")),
    ("I have a cat named Mochi", fact("pet", "Mochi", "cat")),
    ("i have a cat named mochi", fact("pet", "Mochi", "cat")),
    ("my cat Mochi", fact("pet", "Mochi", "cat")),
    ("our puppy Rex", fact("pet", "Rex", "dog")),
    ("my kitten is called Tiger", fact("pet", "Tiger", "cat")),
    ("my bunny is called Clover", fact("pet", "Clover", "rabbit")),
    ("my rabbit is called Clover", fact("pet", "Clover", "rabbit")),
    ("my hamster is called Nibbles", fact("pet", "Nibbles", "hamster")),
    ("my parrot is called Polly", fact("pet", "Polly", "parrot")),
    ("my bird is called Kiwi", fact("pet", "Kiwi", "bird")),
    ("my fish is called Bubbles", fact("pet", "Bubbles", "fish")),
    ("my horse is called Star", fact("pet", "Star", "horse")),
    ("my turtle is called Shelly", fact("pet", "Shelly", "turtle")),
    ("my lizard is called Spike", fact("pet", "Spike", "lizard")),
    ("my snake is called Noodle", fact("pet", "Noodle", "snake")),
    ("my guinea pig is called Pip", fact("pet", "Pip", "guinea pig")),
    ("Biscuit is my dog's name", fact("pet", "Biscuit", "dog")),
    ("my dog\u2019s name is Biscuit", fact("pet", "Biscuit", "dog")),
    # like
    ("I love hiking", fact("like", "hiking")),
    ("I really like jazz", fact("like", "jazz")),
    ("I'm into climbing", fact("like", "climbing")),
    ("I'm really into climbing", fact("like", "climbing")),
    ("I enjoy baking", fact("like", "baking")),
    ("I'm a big fan of Radiohead", fact("like", "Radiohead")),
    ("I'm a fan of Radiohead", fact("like", "Radiohead")),
    ("I adore old films", fact("like", "old films")),
    ("I love hiking so much", fact("like", "hiking")),
    ("I love jazz too", fact("like", "jazz")),
    ("I like to swim", fact("like", "swim")),
    ("I love hiking because it's quiet", fact("like", "hiking")),
    ("I love hiking but not in winter", fact("like", "hiking")),
    ("I love hiking so I go every week", fact("like", "hiking")),
    ("I love hiking. It clears my head", fact("like", "hiking")),
    ("I love rock and roll", fact("like", "rock")),
    # dislike
    ("I hate mornings", fact("dislike", "mornings")),
    ("I don't like coffee", fact("dislike", "coffee")),
    ("I don\u2019t like coffee", fact("dislike", "coffee")),
    ("I do not like coffee", fact("dislike", "coffee")),
    ("I can't stand loud music", fact("dislike", "loud music")),
    ("I cannot stand loud music", fact("dislike", "loud music")),
    ("I dislike crowds", fact("dislike", "crowds")),
    ("I really hate traffic", fact("dislike", "traffic")),
    ("I'm not a fan of horror films", fact("dislike", "horror films")),
    # favourite
    ("my favourite band is Radiohead", fact("favourite", "Radiohead", "band")),
    ("my favorite food is ramen", fact("favourite", "ramen", "food")),
    ("my fave colour is green", fact("favourite", "green", "colour")),
    ("my favorite color is blue", fact("favourite", "blue", "colour")),
    ("my fav colour is green", fact("favourite", "green", "colour")),
    ("my favourite food's ramen", fact("favourite", "ramen", "food")),
    ("my favourite TV show is Fleabag", fact("favourite", "Fleabag", "tv show")),
    ("my favourite bands are Radiohead", fact("favourite", "Radiohead", "band")),
    ("Radiohead is my favourite band", fact("favourite", "Radiohead", "band")),
    ("green is my favourite colour by far", fact("favourite", "green", "colour")),
    # event
    ("my interview is on Friday", fact("event", "interview", when="on Friday")),
    ("I have an interview on Friday", fact("event", "interview", when="on Friday")),
    ("I've got a job interview tomorrow", fact("event", "job interview", when="tomorrow")),
    ("my exam is next week", fact("event", "exam", when="next week")),
    ("my sister's wedding is in June", fact("event", "sister's wedding", when="in June")),
    ("I have a dentist appointment at 3pm", fact("event", "dentist appointment", when="at 3pm")),
    ("I have a big presentation on Monday", fact("event", "presentation", when="on Monday")),
    ("my exams are in two weeks", fact("event", "exams", when="in two weeks")),
    (
        "I have an interview with Google on Friday at 10am",
        fact("event", "interview", when="on Friday at 10am"),
    ),
    ("Tomorrow I have an exam", fact("event", "exam", when="Tomorrow")),
    ("my birthday is tomorrow", fact("event", "birthday", when="tomorrow")),
    ("I'm having a party on Saturday", fact("event", "party", when="on Saturday")),
    # plan
    ("I'm going to Paris next week", fact("plan", "going to Paris", when="next week")),
    ("I'm going to Paris", fact("plan", "going to Paris")),
    ("I'm going to the gym tomorrow", fact("plan", "going to the gym", when="tomorrow")),
    ("we're moving to Spain", fact("plan", "moving to Spain")),
    ("I'm moving to Berlin in March", fact("plan", "moving to Berlin", when="in March")),
    ("I'm visiting my mum next week", fact("plan", "visiting my mum", when="next week")),
    ("I'm getting married in June", fact("plan", "getting married", when="in June")),
    ("I'm planning to learn piano", fact("plan", "learn piano")),
    ("I'm planning on learning piano", fact("plan", "learning piano")),
    ("I want to run a marathon this year", fact("plan", "run a marathon", when="this year")),
    ("I'd love to visit Japan one day", fact("plan", "visit Japan", when="one day")),
    ("my goal is to finish my thesis", fact("plan", "finish my thesis")),
    ("I'm thinking of moving to Spain", fact("plan", "moving to Spain")),
    ("I'm hoping to get a dog", fact("plan", "get a dog")),
    ("I've decided to quit my job", fact("plan", "quit my job")),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE_FACTS, ids=[t for t, _ in SINGLE_FACTS])
def test_a_stated_fact_is_learned(text: str, expected: LearnedFact) -> None:
    assert extract_facts(text) == [expected]


# --- facts: several in one message ----------------------------------------------------------

SEVERAL_FACTS = [
    (
        "Hi, I'm Priya and I live in Lisbon. My dog is called Biscuit!",
        [fact("name", "Priya"), fact("location", "Lisbon"), fact("pet", "Biscuit", "dog")],
    ),
    (
        "I'm a teacher at Oakwood Primary",
        [fact("job", "teacher"), fact("workplace", "Oakwood Primary")],
    ),
    (
        "I work as a software engineer at Google",
        [fact("job", "software engineer"), fact("workplace", "Google")],
    ),
    ("I'm a nurse and I live in Leeds", [fact("job", "nurse"), fact("location", "Leeds")]),
    (
        "I'm from Lagos but I live in Lisbon now",
        [fact("hometown", "Lagos"), fact("location", "Lisbon")],
    ),
    ("I love hiking, and I hate mornings", [fact("like", "hiking"), fact("dislike", "mornings")]),
    ("I don't like coffee but I like tea", [fact("dislike", "coffee"), fact("like", "tea")]),
    (
        "my brother Tom and my sister Ana are coming",
        [fact("family", "Tom", "brother"), fact("family", "Ana", "sister")],
    ),
    ("I'm Priya but call me P", [fact("name", "Priya"), fact("preferred_name", "P")]),
    ("I'm Priya and I'm 34", [fact("name", "Priya"), fact("age", "34")]),
    ("I'm a 34 year old nurse", [fact("age", "34"), fact("job", "nurse")]),
    ("My name is Priya, what's yours?", [fact("name", "Priya")]),
    (
        "I'm Priya.\nI live in Lisbon.\nI have a cat named Mochi.",
        [fact("name", "Priya"), fact("location", "Lisbon"), fact("pet", "Mochi", "cat")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL_FACTS, ids=[t for t, _ in SEVERAL_FACTS])
def test_every_fact_in_a_message_is_learned_in_order(
    text: str, expected: list[LearnedFact]
) -> None:
    assert extract_facts(text) == expected


# --- facts: things that are not facts --------------------------------------------------------

NOT_FACTS = [
    # "I'm X" that is not a name
    "I'm tired",
    "I'm fine",
    "I'm home",
    "I'm sorry",
    "I'm back",
    "I'm so tired",
    "i'm so tired",
    "I'M TIRED",
    "I'm English",
    "I'm Going home",
    "I'm Priya's mum",
    "im bored",
    "im here",
    "this is Amazing",
    "my name is not important",
    # objects that are not likes
    "I love you",
    "I like you",
    "I love it",
    "I like that",
    "I like this",
    "I love you so much",
    "I love your voice",
    "I love how you talk",
    "I hate it when that happens",
    "I like to think so",
    "I'm really into you",
    "I'm a big fan of you",
    # wants and future tense that are not likes or plans
    "I'd like to sleep",
    "I would like a coffee",
    "I'd like to know more",
    "I want to sleep",
    "I want to die",
    "I'm going to bed",
    "I'm going to sleep now",
    "I'm seeing someone",
    "I would love to see you tomorrow",
    # questions state nothing
    "Do you think I should move to Porto?",
    "Should I live in Lisbon?",
    "What's my name?",
    "do I like jazz?",
    # numbers that are not ages
    "I'm 5 minutes away",
    "I'm 100% sure",
    "I'm 6 foot tall",
    # words after "call me" / "go by" that are not names
    "call me later",
    "don't call me that",
    "I go by train",
    # describing a relation, not naming them
    "my sister is Irish",
    "my dog is sick",
    "I called my mum yesterday",
    "my dog is a good boy",
    # negated or past facts
    "I don't live in Lisbon anymore",
    "I used to live in Lisbon",
    "I'm not a doctor",
    "I have no exams next week",
    "I don't have an interview tomorrow",
    # jobs that are not jobs
    "I'm a good cook",
    "I'm a terrible driver",
    "I'm a mess",
    "my job is killing me",
    "my job is boring",
    "I work in finance",
    "I work at night",
    "I work for a living",
    # places that are not places
    "I live in a flat",
    "I'm in Lisbon",
    # small talk
    "ok",
    "lol",
    "tell me a joke",
    "who directed Her?",
    "",
    "   ",
    "that is my favourite song",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_messages_that_state_no_fact(text: str) -> None:
    assert extract_facts(text) == []


def test_every_learned_kind_is_a_known_kind() -> None:
    for text, _ in SINGLE_FACTS + SEVERAL_FACTS:
        for learned in extract_facts(text):
            assert learned.kind in KINDS


def test_facts_are_frozen_values() -> None:
    learned = extract_facts("my dog is called Biscuit")[0]
    with pytest.raises(AttributeError):
        learned.value = "Rex"  # type: ignore[misc]
    assert learned == LearnedFact("pet", "dog", "Biscuit", "")


# --- mood ------------------------------------------------------------------------------------

MOODS = [
    ("I feel sad", MoodReading(-1, "sad")),
    ("I'm feeling great", MoodReading(2, "great")),
    ("I'm so tired", MoodReading(-1, "tired")),
    ("I'm really anxious about tomorrow", MoodReading(-1, "anxious")),
    ("feeling lonely tonight", MoodReading(-1, "lonely")),
    ("I'm happy", MoodReading(1, "happy")),
    ("I'm exhausted", MoodReading(-1, "exhausted")),
    ("I'm stressed", MoodReading(-1, "stressed")),
    ("I'm depressed", MoodReading(-2, "depressed")),
    ("I'm excited", MoodReading(2, "excited")),
    ("I'm ok", MoodReading(0, "okay")),
    ("I'm okay", MoodReading(0, "okay")),
    ("I'm fine", MoodReading(0, "fine")),
    ("I'm not happy", MoodReading(-1, "down")),
    ("I'm not feeling great", MoodReading(-1, "down")),
    ("I don't feel good", MoodReading(-1, "down")),
    ("I'm not ok", MoodReading(-1, "down")),
    ("not bad", MoodReading(1, "okay")),
    ("I'm not bad", MoodReading(1, "okay")),
    ("not too bad, thanks", MoodReading(1, "okay")),
    ("I'm not sad", MoodReading(0, "okay")),
    ("I\u2019m feeling down", MoodReading(-1, "down")),
    ("I'M SO TIRED", MoodReading(-1, "tired")),
    ("I'm *so* tired", MoodReading(-1, "tired")),
    ("I've been so stressed lately", MoodReading(-1, "stressed")),
    ("I'm doing well, thanks", MoodReading(1, "well")),
    ("I'm good thanks", MoodReading(1, "good")),
    ("I'm feeling a bit better", MoodReading(1, "better")),
    ("I feel like shit", MoodReading(-2, "awful")),
    ("Exhausted.", MoodReading(-1, "exhausted")),
    ("so tired today", MoodReading(-1, "tired")),
    ("I'm sick of this", MoodReading(-1, "frustrated")),
    ("I'm tired of everything", MoodReading(-1, "frustrated")),
    ("I had a terrible day", MoodReading(-2, "low")),
    ("I had a great day", MoodReading(2, "happy")),
    ("my day was long", MoodReading(-1, "tired")),
    ("I'm in a bad mood", MoodReading(-1, "low")),
    ("I can't sleep", MoodReading(-1, "restless")),
    ("I miss my sister", MoodReading(-1, "lonely")),
    ("I want to die", MoodReading(-2, "hopeless")),
    ("I was sad but now I'm happy", MoodReading(1, "happy")),
    ("I'm happy. Well, I was. Now I'm lonely.", MoodReading(-1, "lonely")),
    ("I'm angry", MoodReading(-1, "angry")),
    ("I'm so calm today", MoodReading(1, "calm")),
    ("I'm over the moon", MoodReading(2, "ecstatic")),
]


@pytest.mark.parametrize(("text", "expected"), MOODS, ids=[t for t, _ in MOODS])
def test_mood_is_read(text: str, expected: MoodReading) -> None:
    assert extract_mood(text) == expected


NO_MOOD = [
    "what's the weather like",
    "who directed Her?",
    "I'm a nurse",
    "I'm not sure",
    "I'm sorry",
    "I'm good at chess",
    "I'm bad at maths",
    "I'm down for pizza",
    "I'm lost in this book",
    "I'm fine with that",
    "I'm well aware",
    "Great movie!",
    "That's great",
    "Good morning",
    "Happy birthday!",
    "Are you happy?",
    "Why am I so tired?",
    "my sister is sad",
    "I love you",
    "tell me a joke",
    "",
]


@pytest.mark.parametrize("text", NO_MOOD)
def test_no_mood_when_the_message_says_nothing_about_feelings(text: str) -> None:
    assert extract_mood(text) is None


@pytest.mark.parametrize(("text", "expected"), MOODS, ids=[t for t, _ in MOODS])
def test_mood_scores_are_in_range(text: str, expected: MoodReading) -> None:
    reading = extract_mood(text)
    assert reading is not None and -2 <= reading.score <= 2 and reading.label


# --- memory questions ------------------------------------------------------------------------

QUESTIONS = [
    ("what's my name?", MemoryQuestion("name")),
    ("What is my name", MemoryQuestion("name")),
    ("do you know my name", MemoryQuestion("name")),
    ("Do you remember my name?", MemoryQuestion("name")),
    ("who am I?", MemoryQuestion("name")),
    ("do you know who I am?", MemoryQuestion("name")),
    ("what should you call me", MemoryQuestion("name")),
    ("hey samantha, what's my name?", MemoryQuestion("name")),
    ("Samantha, what's my name?", MemoryQuestion("name")),
    ("what\u2019s my name", MemoryQuestion("name")),
    ("whats my name", MemoryQuestion("name")),
    ("what's my nickname", MemoryQuestion("preferred_name")),
    ("how old am I", MemoryQuestion("age")),
    ("how old did I say I was", MemoryQuestion("age")),
    ("when is my birthday", MemoryQuestion("birthday")),
    ("when's my bday?", MemoryQuestion("birthday")),
    ("do you remember my birthday?", MemoryQuestion("birthday")),
    ("where do I live?", MemoryQuestion("location")),
    ("where am I living now", MemoryQuestion("location")),
    ("do you remember where I live?", MemoryQuestion("location")),
    ("what city do I live in", MemoryQuestion("location")),
    ("where did I live before?", MemoryQuestion("location", previous=True)),
    ("where did I used to live", MemoryQuestion("location", previous=True)),
    ("where am I from", MemoryQuestion("hometown")),
    ("where am I originally from?", MemoryQuestion("hometown")),
    ("where did I grow up?", MemoryQuestion("hometown")),
    ("what do I do for work", MemoryQuestion("job")),
    ("what do I do for a living?", MemoryQuestion("job")),
    ("what's my job", MemoryQuestion("job")),
    ("what was my old job?", MemoryQuestion("job", previous=True)),
    ("what was my previous job", MemoryQuestion("job", previous=True)),
    ("where do I work", MemoryQuestion("workplace")),
    ("remind me, where do I work?", MemoryQuestion("workplace")),
    ("where did I work before?", MemoryQuestion("workplace", previous=True)),
    ("what's my dog called?", MemoryQuestion("pet", "dog")),
    ("what is my dog's name", MemoryQuestion("pet", "dog")),
    ("what's my dogs name", MemoryQuestion("pet", "dog")),
    ("do you remember my cat's name", MemoryQuestion("pet", "cat")),
    ("what did I name my cat", MemoryQuestion("pet", "cat")),
    ("i forgot, what's my cat called?", MemoryQuestion("pet", "cat")),
    ("what's my puppy called", MemoryQuestion("pet", "dog")),
    ("what's my sister's name", MemoryQuestion("family", "sister")),
    ("who is my sister", MemoryQuestion("family", "sister")),
    ("what's my sister's name again?", MemoryQuestion("family", "sister")),
    ("Samantha, what's my mom's name?", MemoryQuestion("family", "mother")),
    ("do I have a sister?", MemoryQuestion("family", "sister")),
    ("who's my best friend", MemoryQuestion("friend", "best friend")),
    ("what's my favourite band?", MemoryQuestion("favourite", "band")),
    ("what's my favorite food", MemoryQuestion("favourite", "food")),
    ("what are my favorite colors", MemoryQuestion("favourite", "colour")),
    ("what do I like?", MemoryQuestion("like")),
    ("what do I love", MemoryQuestion("like")),
    ("what are my hobbies", MemoryQuestion("like")),
    ("what do I hate", MemoryQuestion("dislike")),
    ("what don't I like", MemoryQuestion("dislike")),
    ("when is my interview?", MemoryQuestion("event", "interview")),
    ("when's my exam", MemoryQuestion("event", "exam")),
    ("when is my job interview", MemoryQuestion("event", "job interview")),
    ("when is my sister's wedding?", MemoryQuestion("event", "sister's wedding")),
    ("what are my plans", MemoryQuestion("plan")),
    ("what am I planning to do", MemoryQuestion("plan")),
    ("what do you remember about me?", MemoryQuestion("everything")),
    ("what do you know about me", MemoryQuestion("everything")),
    ("tell me what you know about me", MemoryQuestion("everything")),
    ("do you remember me?", MemoryQuestion("everything")),
    ("what have I told you?", MemoryQuestion("everything")),
    ("what did I tell you about my sister?", MemoryQuestion("topic", "sister")),
    ("what did I say about work?", MemoryQuestion("topic", "work")),
    ("do you remember what I said about the party", MemoryQuestion("topic", "the party")),
    ("what did I tell you about my job interview", MemoryQuestion("topic", "job interview")),
    ("what do you know about my sister?", MemoryQuestion("topic", "sister")),
    ("what did I tell you about myself?", MemoryQuestion("everything")),
]


@pytest.mark.parametrize(("text", "expected"), QUESTIONS, ids=[t for t, _ in QUESTIONS])
def test_memory_question_is_understood(text: str, expected: MemoryQuestion) -> None:
    assert parse_memory_question(text) == expected


NOT_QUESTIONS = [
    "what's your name?",
    "who directed Her?",
    "where do you live?",
    "what's the capital of France?",
    "what do I do now?",
    "who am I talking to?",
    "what is love",
    "do you know Paris?",
    "tell me a joke",
    "what do you know about quantum physics",
    "my name is Priya",
    "I forgot my umbrella",
    "how are you?",
    "",
]


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_questions_not_about_the_user_are_not_memory_questions(text: str) -> None:
    assert parse_memory_question(text) is None


def test_question_kinds_are_known_kinds() -> None:
    for text, _ in QUESTIONS:
        question = parse_memory_question(text)
        assert question is not None
        assert question.kind in (*KINDS, "everything", "topic")


# --- forgetting ------------------------------------------------------------------------------

FORGETS = [
    ("forget that", ForgetRequest(last=True)),
    ("forget it", ForgetRequest(last=True)),
    ("Forget it.", ForgetRequest(last=True)),
    ("please forget what I just said", ForgetRequest(last=True)),
    ("forget what I said", ForgetRequest(last=True)),
    ("/forget", ForgetRequest(last=True)),
    ("forget", ForgetRequest(last=True)),
    ("hey, forget it", ForgetRequest(last=True)),
    ("never mind, forget that", ForgetRequest(last=True)),
    ("forget that, let's talk about films", ForgetRequest(last=True)),
    ("could you forget that?", ForgetRequest(last=True)),
    ("forget my address", ForgetRequest(kind="location")),
    ("forget where I live", ForgetRequest(kind="location")),
    ("can you forget my address?", ForgetRequest(kind="location")),
    ("forget my address please", ForgetRequest(kind="location")),
    ("forget my name", ForgetRequest(kind="name")),
    ("forget my dog's name", ForgetRequest(kind="pet", subject="dog")),
    ("forget my dog\u2019s name", ForgetRequest(kind="pet", subject="dog")),
    ("forget about my dog", ForgetRequest(kind="pet", subject="dog")),
    ("forget my sister", ForgetRequest(kind="family", subject="sister")),
    ("/forget my sister", ForgetRequest(kind="family", subject="sister")),
    ("forget my mum", ForgetRequest(kind="family", subject="mother")),
    ("forget my best friend", ForgetRequest(kind="friend", subject="best friend")),
    ("forget what I said about my sister", ForgetRequest(kind="family", subject="sister")),
    ("forget my job", ForgetRequest(kind="job")),
    ("Samantha, forget my job", ForgetRequest(kind="job")),
    ("forget where I work", ForgetRequest(kind="workplace")),
    ("forget my birthday", ForgetRequest(kind="birthday")),
    ("forget how old I am", ForgetRequest(kind="age")),
    ("forget where I'm from", ForgetRequest(kind="hometown")),
    ("forget my favourite band", ForgetRequest(kind="favourite", subject="band")),
    ("forget my plans", ForgetRequest(kind="plan")),
    ("forget my interview", ForgetRequest(kind="event", subject="interview")),
    ("forget everything about me", ForgetRequest(everything=True)),
    ("forget everything", ForgetRequest(everything=True)),
    ("/forget everything", ForgetRequest(everything=True)),
    ("please forget everything you know about me", ForgetRequest(everything=True)),
    ("forget about the party", ForgetRequest(words="the party")),
    ("forget the Party at Jo's", ForgetRequest(words="the Party at Jo's")),
]


@pytest.mark.parametrize(("text", "expected"), FORGETS, ids=[t for t, _ in FORGETS])
def test_forget_request_is_understood(text: str, expected: ForgetRequest) -> None:
    assert parse_forget(text) == expected


NOT_FORGETS = [
    "I always forget my keys",
    "don't forget me",
    "Don't forget my birthday!",
    "I forgot my umbrella",
    "how do I forget someone?",
    "can you forget things?",
    "can you forget?",
    "forgetting is hard",
    "I'll never forget that day",
    "Forget-me-nots are pretty",
    "what's my name?",
    "",
]


@pytest.mark.parametrize("text", NOT_FORGETS)
def test_messages_that_only_mention_forgetting_are_not_requests(text: str) -> None:
    assert parse_forget(text) is None


# --- robustness ------------------------------------------------------------------------------

FUNCTIONS = [extract_facts, extract_mood, parse_memory_question, parse_forget]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_is_read_without_raising(text: str) -> None:
    assert isinstance(extract_facts(text), list)
    extract_mood(text)
    parse_memory_question(text)
    parse_forget(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "I'm",
                "my",
                "name",
                "is",
                "Priya",
                "dog",
                "called",
                "forget",
                "what's",
                "love",
                "not",
                "so",
                "tired",
                "on",
                "Friday",
                ",",
                ".",
                "?",
                "\u2019",
                "\x00",
                "<b>",
                "\U0001f600",
                "\n",
                "",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_text_built_from_trigger_words_is_read_without_raising(text: str) -> None:
    facts = extract_facts(text)
    assert all(learned.kind in KINDS and learned.value for learned in facts)
    mood = extract_mood(text)
    assert mood is None or -2 <= mood.score <= 2
    parse_memory_question(text)
    parse_forget(text)


AWKWARD_INPUTS = [
    "\x00\x01\x02 my name is \x07Priya\x1b[31m",
    "<b>I'm Priya</b> <script>alert(1)</script>",
    "my dog is called \U0001f436 Biscuit \U0001f436",
    "\u202eI'm Priya\u202c",
    "I'm " + "so " * 5000 + "tired",
    "my " * 20000,
    "forget, " * 10000,
    "please " * 10000 + "forget",
    "I have a test " + "word " * 3000,
    "\ud800",  # a lone surrogate
    "９０",
]


@pytest.mark.parametrize("text", AWKWARD_INPUTS, ids=range(len(AWKWARD_INPUTS)))
def test_awkward_input_is_read_without_raising(text: str) -> None:
    for function in FUNCTIONS:
        function(text)


def test_control_characters_and_markup_do_not_hide_a_fact() -> None:
    assert extract_facts("<b>I'm Priya</b>") == [fact("name", "Priya")]
    assert extract_facts("my name is \x00Priya") == [fact("name", "Priya")]


@pytest.mark.parametrize(
    "text",
    [
        "I'm so tired my dog is called Biscuit " * 6000,
        "a" * 200_000,
        "\U0001f600" * 200_000,
        ("I love hiking, and " * 12_000)[:200_000],
    ],
    ids=["sentences", "letters", "emoji", "one-long-sentence"],
)
def test_a_200_kb_message_is_read_well_under_a_second(text: str) -> None:
    assert len(text) >= 200_000
    for function in FUNCTIONS:
        started = time.perf_counter()
        function(text)
        assert time.perf_counter() - started < 0.5, function.__name__


def test_an_ordinary_message_takes_well_under_a_millisecond() -> None:
    messages = [
        "Hi, I'm Priya and I live in Lisbon. My dog is called Biscuit!",
        "I'm so tired today, work was awful",
        "what's my dog called?",
        "forget my address",
    ]
    for function in FUNCTIONS:
        started = time.perf_counter()
        for _ in range(50):
            for message in messages:
                function(message)
        per_message = (time.perf_counter() - started) / (50 * len(messages))
        assert per_message < 0.002, (function.__name__, per_message)


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        ("Do you remember what my wife was called? testing you", "family", "wife"),
        ("What's my grandson called, dear?", "family", "grandson"),
        ("whats my new boss called again? my brain is mush", "friend", "boss"),
        ("which city did i say i moved to?", "location", ""),
        ("where am i again? bet u forgot", "location", ""),
        ("where did i say i moved to?", "location", ""),
        ("small test for you. which city in brazil i said i am from?", "hometown", ""),
    ],
)
def test_memory_questions_people_ask_in_passing(text: str, kind: str, subject: str) -> None:
    question = parse_memory_question(text)
    assert question is not None and (question.kind, question.subject) == (kind, subject)


def test_an_introduction_with_an_aside_is_learned() -> None:
    facts = extract_facts("im ravi btw, i dont think i ever told you")
    assert [(f.kind, f.value) for f in facts] == [("name", "Ravi")]
    assert extract_facts("im tired btw") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and my sister rosa lives literally 10 min from him", [("sister", "Rosa")]),
        ("my dog biscuit has to go to the vet tomorrow", [("dog", "Biscuit")]),
        ("my manager karen tore into me in front of the whole team", [("manager", "Karen")]),
        ("my mum cooked and cleaned", []),
        ("my sister never calls", []),
        ("my friend group is falling apart", []),
        ("my sister herself said so", []),
        ("my mum dont really get it", []),
        ("my flatmate jess seems nice, she invited me to a gig", [("flatmate", "Jess")]),
        ("my little sister copies literally everything i do", []),
    ],
)
def test_a_name_typed_in_lower_case_after_a_relation(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(f.subject, f.value) for f in extract_facts(text)] == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("yo samantha, names jaydn (not jayden lol everyone spells it wrong)", ["Jaydn"]),
        ("oh names Callum btw", ["Callum"]),
        ("names matter to me", []),
        ("what names do you like", []),
    ],
)
def test_names_typed_without_my_or_the_apostrophe(text: str, names: list[str]) -> None:
    assert [f.value for f in extract_facts(text) if f.kind == "name"] == names


def test_a_memory_question_with_a_dare_after_it() -> None:
    assert parse_memory_question("whats my name lol bet u forgot") == MemoryQuestion("name")
    question = parse_memory_question("whats my dogs name, testing u")
    assert question is not None and question.subject == "dog"


# Word orders of people typing fast or in a second language, and "remind me" as a question.
REWORDED_QUESTIONS = [
    ("where I work now?", MemoryQuestion("workplace")),
    ("where i am working now?", MemoryQuestion("workplace")),
    ("why I came to Berlin in the beginning?", MemoryQuestion("moved_for")),
    ("remind me why we moved to calgary?", MemoryQuestion("moved_for")),
    ("why am i even in edinburgh lol", MemoryQuestion("moved_for")),
    ("what my grandmother teach me?", MemoryQuestion("taught", "my grandmother")),
    ("what dance i used to do?", MemoryQuestion("used_to", "", True)),
    ("what's the dog called?", MemoryQuestion("pet", "dog")),
    ("what is the name of our cat?", MemoryQuestion("pet", "cat")),
    ("where lives my sister?", MemoryQuestion("their_home", "my sister")),
    ("what is the job of my ex?", MemoryQuestion("their_job", "my ex")),
    ("What is Lena's profession?", MemoryQuestion("their_job", "lena")),
    ("remind me what my husband does?", MemoryQuestion("their_job", "my husband")),
    ("what Margaux does for work?", MemoryQuestion("their_job", "margaux")),
]


@pytest.mark.parametrize(
    ("text", "expected"), REWORDED_QUESTIONS, ids=[t for t, _ in REWORDED_QUESTIONS]
)
def test_questions_in_other_word_orders_are_understood(text: str, expected: MemoryQuestion) -> None:
    assert parse_memory_question(text) == expected


def test_remind_me_followed_by_a_question_is_not_a_reminder() -> None:
    from datetime import datetime

    from companion.understanding.requests import reminder_request

    now = datetime(2026, 12, 2, 12, 0)
    assert reminder_request("remind me what my brother's wife is called?", now) is None
    assert reminder_request("remind me why we moved to calgary", now) is None
    reminder = reminder_request("remind me to ring the dentist on monday", now)
    assert reminder is not None and reminder.task == "ring the dentist"
