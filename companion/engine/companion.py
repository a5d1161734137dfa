"""``Companion``: the dialogue engine's one public object. Front ends hold no dialogue logic."""

from __future__ import annotations

import atexit
import dataclasses
import fnmatch
import random
import re
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np

from companion import locations
from companion.engine import skills
from companion.engine.choose import Candidate, Chooser, score_message
from companion.engine.compose import Composer, capitalise
from companion.engine.corpus import Corpus, load_corpus
from companion.engine.embedding_cache import EmbeddingCache, EmbeddingStopped
from companion.engine.encoder import Encoder
from companion.engine.learned import learned_readers
from companion.engine.onnx_encoder import load_fast_encoder
from companion.engine.retrieval import KeyIndex, build_keys, reply_reference
from companion.engine.select import (
    CONTINUING_THEMES,
    GREETING_THEMES,
    SLOT,
    IntentSelector,
    RankedIntent,
    fill_person,
    fillable,
    with_learned_mood,
)
from companion.engine.text import clean, for_understanding, tokens
from companion.memory.episodic import to_blob
from companion.memory.keeper import (
    ACKNOWLEDGEMENTS,
    NAME_KINDS,
    TURN_KINDS,
    MemoryKeeper,
    acknowledge,
    aside,
    callback_among,
    callback_line,
    gives_a_name,
    is_code_or_markup,
    learn,
    name_among,
    pending_among,
    person_named,
)
from companion.memory.people import NAMING_KINDS
from companion.persona import Persona
from companion.safety import CAREFUL_TURNS, SAFETY_KIND, CrisisReply, SafetyLayer
from companion.safety.rules import Assessment
from companion.store import (
    ConversationRecord,
    MemoryRecord,
    MessageRecord,
    NewFact,
    SourceRef,
    Store,
    TurnContext,
    TurnExtras,
    UserRecord,
)
from companion.understanding import ConversationState, Understanding, next_state, understand
from companion.understanding.acts import act_of, greeting_clause, only_states
from companion.understanding.address import without_address
from companion.understanding.feelings import MoodReading, extract_mood
from companion.understanding.people import mentioned_people
from companion.understanding.polarity import (
    polarity_of,
    with_ill_spelt_out,
    without_denied_feelings,
)
from companion.understanding.requests import ClockAsk
from companion.understanding.state import Person
from companion.understanding.times import describe_day

ModelMode = Literal["background", "wait", "lexical"]
CONTEXT_TURNS = 3
# How much the person's previous message leans into the query of a longer one (tuned on the
# dialogue dev sets): "house is very quiet" reads differently after a divorce than after a party.
CONTEXT_WEIGHT = 0.2
CAREFUL_DENSE_BAR = 0.45
# The learned reader's risk under which a message counts as plainly ordinary after a tentative alarm.
ORDINARY_RISK = 0.3
CAREFUL_LEXICAL_BAR = 0.35
# A fact or review question this close to one of theirs is answered even with no film word.
STRONG_DENSE = 0.72
STRONG_LEXICAL = 0.8
CLOCK_INTENTS: dict[str, ClockAsk] = {
    "clock.time": "time",
    "clock.date": "date",
    "clock.day": "day",
}
CLOCK_MARGIN = 0.2
# Facts that are situations (an event, a plan): a theme's reply can answer them.
SITUATION_KINDS = frozenset({"event", "plan"})
# When the best intent has no fresh reply left, intents this close to it may answer instead.
WIDEN_MARGIN = 0.12
# A reminder asked for in the last few messages is not read back at once.
JUST_SAID_MESSAGES = 6
# A greeting reply's opening sentence, put before an answer to a greeting-led message.
GREETING_SENTENCE = re.compile(r"(?<=[.!])\s+")
# A message below the bar still continues the thread when it scores this share of the bar there.
THREAD_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: its text, what it drew on, and how long it took."""

    text: str
    conversation_id: int
    sources: tuple[SourceRef, ...]
    latency_ms: float
    retrieval: Literal["dense", "lexical"]
    message_id: int = 0
    reply_id: int = 0
    crisis: CrisisReply | None = None  # set when the message showed someone in danger

    def to_json(self) -> dict[str, object]:
        payload: dict[str, object] = {
            "reply": self.text,
            "conversation_id": self.conversation_id,
            "sources": [s.to_json() for s in self.sources],
            "latency_ms": round(self.latency_ms, 3),
            "retrieval": self.retrieval,
        }
        if self.crisis is not None:
            payload["safety"] = self.crisis.to_json()
        return payload


@dataclass(slots=True)
class _ModelState:
    encoder: Encoder | None = None
    error: str | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    loader: threading.Thread | None = None
    embedded_texts: int = 0


# How long quitting waits for a model that is still loading to reach a point where it can stop.
STOP_WAIT_SECONDS = 30.0
_OPEN: weakref.WeakSet[Companion] = weakref.WeakSet()


@atexit.register
def _stop_loading_models() -> None:
    # The model loads in a daemon thread inside native thread pools (ONNX Runtime, faiss). If
    # the interpreter finalises while one is busy, the C++ runtime aborts the process
    # ("terminate called without an active exception", exit 134): let each stop first.
    for companion in list(_OPEN):
        companion.close()


class Companion:
    """Answers messages in the persona's voice, by retrieval, and stores every turn.

    ``model="background"`` (the default) loads the embedding model in a thread and answers with
    BM25 until it is ready; ``"wait"`` loads it before returning; ``"lexical"`` never loads it.
    """

    def __init__(
        self,
        store: Store,
        persona: Persona,
        *,
        encoder_factory: Callable[[], Encoder] = load_fast_encoder,
        model: ModelMode = "background",
        seed: int | None = None,
        corpus: Corpus | None = None,
        safety: SafetyLayer | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.safety = safety or SafetyLayer.load()
        self.persona = persona
        self.corpus = corpus or load_corpus(persona)
        self.rng = random.Random(seed)
        self.chooser = Chooser(self.corpus, self.rng, persona.routing)
        routing = self.persona.routing
        self.selector = IntentSelector(
            self.corpus.intents, loss_themes=routing.loss_themes, loss_avoid=routing.loss_avoid
        )
        # The greeting intents by position, for greeting back (see _greeting_back).
        self._greeting_intents = [
            (p, i) for p, i in enumerate(self.selector.intents) if i.theme in GREETING_THEMES
        ]
        self._clock = clock or (lambda: datetime.now().astimezone())
        self.composer = Composer(persona, self.rng)
        self.index = KeyIndex(build_keys(self.corpus))
        self._encoder_factory = encoder_factory
        self._model = _ModelState()
        self._users: dict[str, UserRecord] = {}
        self._vector_cache: dict[str, np.ndarray] = {}
        self.memory = MemoryKeeper(store, self._encode_one, lambda: self.model_id)
        _OPEN.add(self)
        if model == "wait":
            self._load_model()
        elif model == "background":
            loader = threading.Thread(target=self._load_model, name="companion-model", daemon=True)
            self._model.loader = loader
            loader.start()
        else:
            self._model.ready.set()  # lexical only: nothing will load

    # model ------------------------------------------------------------------------------
    def _load_model(self) -> None:
        stop = self._model.stop
        try:
            encoder = self._encoder_factory()
            cache = EmbeddingCache(locations.embeddings_cache_dir(), encoder.model_id)
            key_vectors = cache.vectors([k.text for k in self.index.keys], encoder, stop)
            if stop.is_set():
                return
            self.index.install_vectors(key_vectors, locations.cache_dir() / "search-index")
            # The examples are keys too: their vectors come from the cache, never embedded twice.
            examples = self.selector.scorer.examples
            example_vectors = cache.vectors(examples, encoder, stop)
            scorer = self.selector.scorer
            readers = learned_readers(
                example_vectors, scorer.owners, scorer.moods, locations.classifiers_cache_dir()
            )
            scorer.install_vectors(example_vectors, readers)
            self._model.encoder = encoder
            self._model.embedded_texts = cache.misses
        except EmbeddingStopped:
            return
        except Exception as error:  # a missing model must not stop her talking: stay lexical
            self._model.error = f"embedding model unavailable ({type(error).__name__}: {error})"
        finally:
            self._model.ready.set()

    def close(self) -> None:
        """Stop a model that is still loading and wait for it (at most STOP_WAIT_SECONDS).

        Called for every engine when the process exits; safe to call more than once.
        """
        self._model.stop.set()
        loader = self._model.loader
        if loader is not None and loader.is_alive() and loader is not threading.current_thread():
            loader.join(STOP_WAIT_SECONDS)

    def wait_until_ready(self, timeout: float | None = None) -> bool:
        """Block until the model finished loading (or failed); True if dense retrieval is on."""
        self._model.ready.wait(timeout)
        return self._model.encoder is not None

    @property
    def model_ready(self) -> bool:
        return self._model.encoder is not None

    @property
    def embedded_texts(self) -> int:
        """How many texts this process had to embed (0 when the on-disk cache had them all)."""
        return self._model.embedded_texts

    @property
    def encoder(self) -> Encoder | None:
        """The loaded sentence encoder (None until the model is ready, or if it failed)."""
        return self._model.encoder

    @property
    def model_error(self) -> str | None:
        return self._model.error

    # users and conversations ------------------------------------------------------------
    def user(self, name: str) -> UserRecord:
        if name not in self._users:
            self._users[name] = self.store.user(name)
        return self._users[name]

    def new_conversation(self, user: str) -> ConversationRecord:
        return self.store.create_conversation(self.user(user), persona=self.persona.name)

    def resolve_conversation(self, user: str, selector: str = "last") -> ConversationRecord:
        """``last`` (created if none), ``new``, or a numeric id owned by this user."""
        record = self.user(user)
        if selector == "new":
            return self.new_conversation(user)
        if selector == "last":
            return self.store.latest_conversation(record) or self.new_conversation(user)
        from companion.errors import NotFoundError

        if not selector.isdigit():
            raise NotFoundError(f"conversation must be a number, 'last' or 'new', not {selector!r}")
        return self.store.conversation(record, int(selector))

    def greet(self, user: str, conversation: ConversationRecord) -> str:
        """A greeting for the start of a session: first meeting, or a return with a callback."""
        record = self.user(user)
        talked = [c for c in self.store.list_conversations(record) if c.message_count]
        name = self.memory.name_for(record)
        greeting = self.composer.greeting(returning=bool(talked), name=name)
        # The callback names the conversation she is picking up, or else the last one.
        last = next((c for c in talked if c.conversation.id == conversation.id), None)
        last = last or (talked[0] if talked else None)
        if last is not None and len(last.conversation.title.split()) >= 3:
            greeting += (
                " I was thinking about last time, when we talked about"
                f" \u201c{last.conversation.title}\u201d."
            )
        return greeting

    # replying ---------------------------------------------------------------------------
    def reply(
        self,
        user: str,
        conversation: int | ConversationRecord,
        text: str,
        *,
        now: datetime | None = None,
    ) -> Reply:
        """Answer ``text`` in ``conversation``: read, understand, plan, then store it all at once.

        Nothing is written before the plan exists; the messages, what they taught or forgot and
        the conversation's new state go to the store in one transaction. ``now``: the local time
        the message was said (the clock's, by default).
        """
        started = time.perf_counter()
        now = now or self._clock()
        record = self.user(user)
        if isinstance(conversation, int):
            conversation = self.store.conversation(record, conversation)  # ownership check
        understood_text = with_ill_spelt_out(for_understanding(text))
        # Danger is read first, on the whole message, before anything else is planned.
        cleaned = clean(text)
        assessment = self.safety.assess(cleaned)
        window = self.persona.voice.no_repeat_turns
        context = self.store.turn_context(
            conversation.id,
            record,
            max(2 * window, 2 * CONTEXT_TURNS, 2 * CAREFUL_TURNS + 2),
            TURN_KINDS,
        )
        state = ConversationState.from_json(context.state)
        understood = understand(understood_text, state, now)
        own_vector = self._encode_one(without_denied_feelings(understood_text) or "...")
        understood = with_learned_mood(understood, self.selector.scorer.mood(own_vector))
        query_vector, message_vector = self._vectors(understood_text, context.recent, own_vector)
        plan = self._plan(
            record, conversation, understood, assessment, context, text, now, query_vector
        )
        new_state = next_state(
            understood, intent=plan.intent, theme=plan.theme, reply=plan.text
        ).to_json()
        latency_ms = (time.perf_counter() - started) * 1000
        extras = TurnExtras(
            facts=plan.facts,
            mood=(plan.mood.score, plan.mood.label) if plan.mood else None,
            vector=(self.model_id or "", to_blob(message_vector))
            if message_vector is not None
            else None,
            followed_up=plan.followed_up,
            forget=plan.forget,
            forget_everything=plan.forget_everything,
            state=new_state,
        )
        said, answered, _ = self.store.add_turn(
            conversation.id, cleaned, plan.text, plan.sources, extras
        )
        self.memory.note_message(record, said.id, message_vector)
        return Reply(
            text=plan.text,
            conversation_id=conversation.id,
            sources=plan.sources,
            latency_ms=latency_ms,
            retrieval="dense" if query_vector is not None else "lexical",
            message_id=said.id,
            reply_id=answered.id,
            crisis=plan.crisis,
        )

    def _a_memory_question_she_can_answer(
        self,
        record: UserRecord,
        assessment: Assessment,
        text: str,
        in_play: Sequence[Person],
    ) -> bool:
        """Whether a message only the learned reader found risk in ("when am i going home?",
        "what did i do before i broke my wrist?") asks for a memory she holds: a fact question
        with its answer in memory is not a crisis. A rule's finding always is."""
        if assessment.rules != ("model",):
            return False
        _, question = self.memory.parse(text)
        if question is None:
            return False
        answer = self.memory.answer(record, question, in_play)
        return answer is not None and answer.known

    def _plan(
        self,
        record: UserRecord,
        conversation: ConversationRecord,
        understood: Understanding,
        assessment: Assessment,
        context: TurnContext,
        raw_text: str,
        now: datetime,
        query_vector: np.ndarray | None,
    ) -> TurnPlan:
        """What to say and every effect of saying it, without writing anything."""
        recent, known = context.recent, context.memories
        text = understood.text
        in_play = (*mentioned_people(text), *understood.state.people)
        if assessment.at_risk and not self._a_memory_question_she_can_answer(
            record, assessment, text, in_play
        ):
            crisis = self.safety.crisis_reply(assessment, recent)
            return TurnPlan(
                crisis.text,
                (
                    SourceRef(
                        SAFETY_KIND, f"safety:{crisis.tier}", self.safety.certainty(assessment)
                    ),
                ),
                mood=extract_mood(text),
                crisis=crisis,
                intent=f"safety:{crisis.tier}",
                theme="safety",
            )
        careful = self.safety.is_careful(recent, text, self._plainly_ordinary)
        forget, question = self.memory.parse(text)
        remembered = self.memory.answer(record, question, in_play) if question is not None else None
        if remembered is None:
            question = None  # "who is Theo?" of no one she knows: the conversation answers it
        # Judged on the raw text: cleaning would join NUL-separated words into a "name".
        facts = (
            ()
            if (forget or question or is_code_or_markup(raw_text))
            else learn(text, in_play, known)
        )
        named = understood.named
        if (
            named is not None
            and not (forget or question)
            and not any(f.kind in NAMING_KINDS for f in facts)
        ):
            # "her name is Zosia", said of the daughter in play: a name for her, not for them.
            found = person_named(named.relation, named.name)
            # Never also as the user's own name: "his name's arjun" named him.
            kept = tuple(f for f in facts if f.kind not in NAME_KINDS or f.value != named.name)
            facts = (found, *kept) if found is not None else kept
        mood = None if (forget or question) else extract_mood(text)
        if forget is not None:
            answer = self.memory.forget(record, forget, self._last_learned(record, recent))
            return TurnPlan(
                answer.text,
                answer.sources,
                forget=answer.forget,
                forget_everything=answer.forget_everything,
                intent="memory:forget",
                theme="memory",
            )
        if remembered is not None:
            return TurnPlan(
                remembered.text, remembered.sources, intent="memory:answer", theme="memory"
            )
        if careful:
            # What a person asks of her as a tool (the date, a reminder for the results
            # appointment) is still done: care that ignores the request is not care.
            skill = self._skill(understood, known, now)
            if skill is not None:
                return skill
            # The turns after a crisis reply: gentle themes or written care, no trivia,
            # no jokes, no "by the way" callbacks.
            choice = self._careful_choice(understood, recent, query_vector)
            reply_text = (
                choice.text
                if choice.kind == "careful"
                else self.composer.compose(
                    choice,
                    name=None,
                    ratings=[],
                    recent_texts={m.text for m in recent if m.role == "assistant"},
                )
            )
            return TurnPlan(
                reply_text,
                (SourceRef(choice.kind, choice.reference, choice.score),),
                facts=facts,
                mood=mood,
                intent=choice.owner or "careful",
                theme=self._theme_of(choice.owner),
            )
        question_vector = (
            self._encode_one(understood.closing_question)
            if understood.closing_question and query_vector is not None
            else None
        )
        ranked, dense = self.selector.rank(
            understood, query_vector, question_vector=question_vector
        )
        film = self.chooser.is_film_context(text, understood)
        if not film:
            subject = set(self.persona.routing.subject_themes)
            ranked = [r for r in ranked if r.intent.theme not in subject]
        if (
            understood.clock is None
            and not film  # "what year did it come out" is the film's year, not today's
            and ranked
            and ranked[0].intent.id in CLOCK_INTENTS
            and ranked[0].score >= self.selector.bar(dense) + CLOCK_MARGIN
        ):
            # Worded past the clock rules ("how late is it?"), but plainly the clock.
            understood = dataclasses.replace(understood, clock=CLOCK_INTENTS[ranked[0].intent.id])
        skill = self._skill(understood, known, now)
        if skill is not None:
            return skill
        name = self._name_after(known, facts)
        choice = self._choose(understood, recent, query_vector, ranked, dense, film=film)
        window = self.persona.voice.no_repeat_turns
        recent_replies = [m for m in recent if m.role == "assistant"][-window:] if window else []
        reply_text = self.composer.compose(
            choice,
            name=name,
            ratings=self.chooser.ratings(),
            recent_texts={m.text for m in recent_replies},
        )
        sources: tuple[SourceRef, ...] = (SourceRef(choice.kind, choice.reference, choice.score),)
        learned = acknowledge(facts, self._fresh_choice(recent))
        if learned is not None and (
            choice.kind == "fallback"
            or (
                # An event or plan is a situation a theme may answer better ("the funeral is
                # on thursday"); a plain fact stated alone is answered by taking it in.
                not any(f.kind in SITUATION_KINDS for f in facts)
                and only_states(text, [w for f in facts for w in (f.value, f.subject, f.detail)])
            )
        ):
            # The message only told her something: taking it in IS the answer.
            reply_text, sources = learned, (SourceRef("memory-learned", facts[0].kind, 1.0),)
        elif learned is not None:
            taken_in = aside(facts, self._fresh_choice(recent))
            if (
                taken_in is not None
                and understood.polarity != "negative"
                and not understood.loss
                and not gives_a_name(facts)  # greeted
                and not any(f.value.lower() in reply_text.lower() for f in facts)
            ):
                # "my flatmate priya invited me to a pub quiz": "I'll remember Priya." and
                # the answer; after bad news the answer comes alone.
                reply_text = f"{taken_in} {reply_text}"
                sources += (SourceRef("memory-learned", f"woven:{facts[0].kind}", 1.0),)
            else:
                sources += (SourceRef("memory-learned", facts[0].kind, 1.0),)
        if (
            understood.greets
            and not understood.greeting_only
            and choice.kind in {"theme", "fact", "review"}
            and self._theme_of(choice.owner) not in GREETING_THEMES
            and not gives_a_name(facts)
        ):
            # "morning sam. rough night": greet back, then answer what was said.
            greeting = self._greeting_back(text, recent_replies)
            if greeting is not None:
                reply_text = f"{greeting[0]} {reply_text}"
                sources += (greeting[1],)
        reply_text, extra, followed_up = self._weave(
            known,
            conversation,
            reply_text,
            facts,
            name,
            now,
            frozenset(m.id for m in recent[-JUST_SAID_MESSAGES:]),
        )
        if not extra and not facts:
            reply_text, extra = self._call_back(understood, choice.owner, reply_text, known, recent)
        return TurnPlan(
            reply_text,
            sources + tuple(e for e in extra if e not in sources),
            facts=facts,
            mood=mood,
            followed_up=followed_up,
            intent=f"{choice.kind}:{choice.owner}"
            if choice.kind in {"fact", "review"}
            else choice.owner or choice.kind,
            theme=self._theme_of(choice.owner),
        )

    def _call_back(
        self,
        understood: Understanding,
        owner: str,
        reply_text: str,
        known: list[MemoryRecord],
        recent: list[MessageRecord],
    ) -> tuple[str, tuple[SourceRef, ...]]:
        """The reply with a memory brought back where the talk comes near it ("the weekend was
        so dull": "... Didn't you use to play the cello?"), once a conversation; never after a
        death, or when the message is about someone in particular."""
        if understood.person is not None or understood.loss:
            return reply_text, ()
        theme = self._theme_of(owner)
        kinds = [
            kind
            for kind, places in self.persona.routing.callbacks.items()
            if any(theme == p or fnmatch.fnmatchcase(owner, p) for p in places)
        ]
        if not kinds:
            return reply_text, ()
        said = " ".join([understood.text, reply_text, *(m.text for m in recent)])
        brought = callback_among(known, kinds, said)
        if brought is None:
            return reply_text, ()
        line = callback_line(brought, self._fresh_choice(recent))
        return f"{reply_text} {line}", (
            SourceRef("memory", f"memory:{brought.id}:{brought.kind}", 1.0),
        )

    def _greeting_back(
        self, text: str, recent: list[MessageRecord]
    ) -> tuple[str, SourceRef] | None:
        """The opening sentence of a reply to the message's greeting ("hi" is not "morning"),
        to put before the answer. Its source is a "greeting": the answer is what was chosen."""
        greeting_intents = self._greeting_intents
        if not greeting_intents:
            return None
        scores = self.selector.scorer.lexical(greeting_clause(text))
        position, intent = max(greeting_intents, key=lambda pair: scores[pair[0]])
        said = " ".join(m.text for m in recent)
        openings = []
        for number, text in enumerate(intent.replies):
            first = GREETING_SENTENCE.split(text.strip(), maxsplit=1)[0]
            if not first.endswith("?") and "{" not in first and first not in said:
                openings.append((number, first))
        if not openings:
            return None
        number, first = self.rng.choice(openings)
        reference = reply_reference(intent.theme, intent.id, number)
        return first, SourceRef("greeting", reference, float(scores[position]))

    def _theme_of(self, intent_id: str) -> str:
        intent = self.selector.by_id.get(intent_id)
        return intent.theme if intent is not None else ""

    def _skill(
        self, understood: Understanding, known: list[MemoryRecord], now: datetime
    ) -> TurnPlan | None:
        """The clock and reminders, answered from the persona's clock and reminders intents."""
        today = now.date()
        if understood.reminder is not None:
            reminder = understood.reminder
            return self._skill_reply(
                "reminders.set",
                skills.reminder_slots(reminder, today),
                facts=(skills.reminder_fact(reminder, today),),
                fallback="Okay: I'll remind you to {task} {when}.",
            )
        if understood.list_reminders:
            return self._skill_reply(
                "reminders.list",
                {"reminders": skills.reminders_sentence(known, today)},
                fallback="{reminders}.",
            )
        if understood.clock is not None:
            intent = {ask: intent_id for intent_id, ask in CLOCK_INTENTS.items()}
            fallback = {"time": "It's {time}.", "date": "It's {date}.", "day": "It's {weekday}."}
            return self._skill_reply(
                intent[understood.clock],
                skills.clock_slots(now),
                fallback=fallback[understood.clock],
            )
        return None

    def _skill_reply(
        self,
        intent_id: str,
        slots: dict[str, str],
        *,
        fallback: str,
        facts: tuple[NewFact, ...] = (),
    ) -> TurnPlan:
        intent = self.selector.by_id.get(intent_id)
        needed = set(slots)
        options = (
            [
                (n, r)
                for n, r in enumerate(intent.replies)
                if needed & set(SLOT.findall(r)) and not set(SLOT.findall(r)) - needed
            ]
            if intent is not None
            else []
        )
        if intent is None or not options:
            text = fallback.format(**slots)
            return TurnPlan(
                capitalise(text),
                (SourceRef("skill", intent_id, 1.0),),
                facts=facts,
                intent=intent_id,
                theme=intent_id.split(".")[0],
            )
        number, template = self.rng.choice(options)
        reference = reply_reference(intent.theme, intent.id, number)
        return TurnPlan(
            capitalise(template.format(**slots)),
            (SourceRef("theme", reference, 1.0),),
            facts=facts,
            intent=intent.id,
            theme=intent.theme,
        )

    def _fresh_choice(self, recent: list[MessageRecord]) -> Callable[[tuple[str, ...]], str]:
        """A chooser that prefers templates whose start was not said recently."""
        said = [m.text for m in recent if m.role == "assistant"]

        def choose(options: tuple[str, ...]) -> str:
            fresh = [
                o for o in options if not any(t.startswith(o.split("{")[0][:12]) for t in said)
            ]
            return self.rng.choice(fresh or list(options))

        return choose

    @staticmethod
    def _name_after(known: list[MemoryRecord], facts: tuple[NewFact, ...]) -> str | None:
        """What to call them now: a name this very message gave, else the remembered one."""
        for kind in NAME_KINDS:
            for fact in facts:
                if fact.kind == kind:
                    return fact.value
        return name_among(known)

    def _weave(
        self,
        known: list[MemoryRecord],
        conversation: ConversationRecord,
        text: str,
        facts: tuple[NewFact, ...],
        name: str | None,
        now: datetime,
        in_view: frozenset[int] = frozenset(),
    ) -> tuple[str, tuple[SourceRef, ...], tuple[int, ...]]:
        """Greet a new name; raise a reminder that is due; ask after an earlier event.

        At most one thing is woven in, so a reply never becomes a list.
        """
        if gives_a_name(facts) and name:
            # Greeting the new name is taking it in, woven into the answer.
            met = SourceRef("memory-learned", "woven:name", 1.0)
            return f"It's lovely to meet you, {name}. {text}", (met,), ()
        reminder = skills.due(known, now.date(), in_view)
        if reminder is not None:
            when = describe_day(skills.day_of(reminder) or now.date(), now.date())
            said = "today" if when == "today" else f"for {when.removeprefix('on ')}"
            source = SourceRef("memory", f"memory:{reminder.id}:{reminder.kind}", 1.0)
            return (
                f"{text} And a reminder, as you asked: {reminder.value}, {said}.",
                (source,),
                (reminder.id,),
            )
        if any(f.kind in ACKNOWLEDGEMENTS for f in facts):
            return text, (), ()  # one thing at a time: no event question on top of this
        pending = pending_among(known, conversation.started_at.timestamp(), now.date())
        if pending is not None:
            when = f" {pending.detail}" if pending.detail else ""
            question = f"By the way, did your {pending.value}{when} go well?"
            source = SourceRef("memory", f"memory:{pending.id}:{pending.kind}", 1.0)
            return f"{text} {question}", (source,), (pending.id,)
        return text, (), ()

    def _last_learned(self, user: UserRecord, recent: list[MessageRecord]) -> list[MemoryRecord]:
        """What "forget that" refers to: the facts from the last message that taught any."""
        for message in reversed([m for m in recent if m.role == "user"]):
            taught = [m for m in self.store.memories(user) if m.source_message_id == message.id]
            if taught:
                return taught
        return []

    def _encode_one(self, text: str) -> np.ndarray | None:
        encoder = self._model.encoder
        if encoder is None:
            return None
        cached = self._vector_cache.get(text)
        if cached is None:
            cached = self.index.key_vector(text)  # a corpus text was embedded with the corpus
        if cached is None:
            cached = encoder.encode([text])[0]
            if len(self._vector_cache) > 512:
                self._vector_cache.clear()
            self._vector_cache[text] = cached
        return cached

    @property
    def model_id(self) -> str | None:
        encoder = self._model.encoder
        return encoder.model_id if encoder is not None else None

    def _vectors(
        self, message: str, recent: list[MessageRecord], own: np.ndarray | None
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(query for retrieval, the message's own vector); both None until the model is ready."""
        if not self.index.is_dense or own is None:
            return None, None
        previous = [for_understanding(m.text) for m in recent if m.role == "user"][-1:]
        if not previous:
            return own, own
        # Short messages ("why?", "tell me more") lean on what was said just before.
        weight = 0.45 if len(tokens(message)) <= 2 else CONTEXT_WEIGHT
        before = self._encode_one(previous[0])
        query = own + weight * before if before is not None else own
        return query / (np.linalg.norm(query) or 1.0), own

    def _choose(
        self,
        understood: Understanding,
        recent: list[MessageRecord],
        query_vector: np.ndarray | None,
        ranked: list[RankedIntent],
        dense: bool,
        *,
        film: bool,
    ) -> Candidate:
        """A fact or review when the film is in play (``film``), else a reply of the best of
        ``ranked``, the thread's own intents, or a fallback."""
        message = understood.text
        used = {s.reference for m in recent if m.role == "assistant" for s in m.sources}
        if not tokens(message, keep_stopwords=True):
            # Silence, "...", pure punctuation or control characters: answer the silence itself.
            silent = self.chooser.choose_silence(used)
            if silent is not None:
                return silent
        # Her own name said to her is not the film's Samantha: route on the rest.
        routed = without_address(message, self.persona.name)
        routed_vector = (
            self._encode_one(routed) if routed != message and query_vector is not None else None
        )
        scores = score_message(
            self.index, routed, routed_vector if routed_vector is not None else query_vector
        )
        kind, score = self.chooser.route(routed, scores)
        # Facts and reviews answer when the film is in play, or when the question is plainly
        # one of theirs and about no one in the person's life (a review only to a question: a
        # review word in a statement is someone's 1-star review of a restaurant).
        strong = STRONG_DENSE if scores.dense else STRONG_LEXICAL
        if (
            kind in {"fact", "review"}
            and understood.act != "greeting"
            # "do you relate to samantha in the film?" asks her, not for a fact.
            and not (kind == "fact" and understood.act == "question_to_her")
            and (
                film
                or (
                    understood.person is None
                    and score >= strong
                    and (kind == "fact" or understood.question)
                )
            )
        ):
            choice: Candidate | None = (
                self.chooser.choose_fact(routed, scores, used)
                if kind == "fact"
                else self.chooser.choose_review(routed, scores, used)
            )
            if choice is not None:
                return choice
        if not ranked or ranked[0].score < self.selector.bar(dense):
            # Nothing fits on its own words; "he does this every month" still belongs to the
            # thread in play, so the topic's own intents answer it before she admits she's lost.
            return self._in_thread(understood, query_vector, used) or self._fallback(used)
        best = ranked[0]
        if best.intent.id == "followups.tell_me_more":
            more = self._more_of(understood, used)
            if more is not None:
                return more
        return self._reply_of(ranked, understood, used) or self._fallback(used)

    def _in_thread(
        self, understood: Understanding, query_vector: np.ndarray | None, used: set[str]
    ) -> Candidate | None:
        topic = understood.state.topic
        if not topic or topic in CONTINUING_THEMES or understood.act == "greeting":
            return None
        ranked, dense = self.selector.rank(understood, query_vector, themes={topic})
        if not ranked or ranked[0].score < THREAD_SHARE * self.selector.bar(dense):
            return None
        return self._reply_of(ranked, understood, used)

    def _more_of(self, understood: Understanding, used: set[str]) -> Candidate | None:
        """ "Tell me more" after one of her replies: another reply of the intent it came from."""
        last = self.selector.by_id.get(understood.state.last_intent)
        if last is None or last.theme in CONTINUING_THEMES:
            return None
        return self._reply_of([RankedIntent(last, 1.0)], understood, used)

    def _reply_of(
        self, ranked: list[RankedIntent], understood: Understanding, used: set[str]
    ) -> Candidate | None:
        """An unused, fillable reply of the best intent; of the near-best ones only when all of
        its replies were said recently (two close intents can answer different questions:
        "favourite film?" is 0.62 film and 0.60 food lexically)."""
        best = ranked[0].score
        for close in (ranked[:1], [r for r in ranked[:3] if r.score >= best - WIDEN_MARGIN]):
            options = [
                (r, n, text)
                for r in close
                for n, text in enumerate(r.intent.replies)
                if fillable(text, understood)
                and reply_reference(r.intent.theme, r.intent.id, n) not in used
            ]
            if options:
                ranked_intent, number, text = self.rng.choice(options)
                person = understood.person.called() if understood.person is not None else ""
                return Candidate(
                    "theme",
                    reply_reference(ranked_intent.intent.theme, ranked_intent.intent.id, number),
                    capitalise(fill_person(text, person)),
                    ranked_intent.score,
                    owner=ranked_intent.intent.id,
                )
        return None

    def _plainly_ordinary(self, text: str) -> bool:
        """A message that shows a tentative alarm was a false one: no risk read in it at all,
        not down, and a question, a greeting or good news."""
        assessment = self.safety.assess(text)
        if assessment.at_risk or (assessment.model_risk or 0.0) >= ORDINARY_RISK:
            return False
        polarity = polarity_of(text)
        act = act_of(text, she_asked=False)
        return polarity == "positive" or (
            polarity != "negative" and act in {"question_to_her", "question", "greeting"}
        )

    def _careful_choice(
        self,
        understood: Understanding,
        recent: list[MessageRecord],
        query_vector: np.ndarray | None,
    ) -> Candidate:
        """A reply from the persona's careful themes when one fits, else written care."""
        message = understood.text
        used = {s.reference for m in recent if m.role == "assistant" for s in m.sources}
        careful = set(self.persona.careful_themes)
        if careful and tokens(message) and not self.safety.is_thanks(message):
            vector = self._encode_one(message) if query_vector is not None else None
            ranked, dense = self.selector.rank(understood, vector, themes=careful)
            # A higher bar than usual: a near miss here would be an off-key reply to someone
            # who has just said they are in danger.
            bar = CAREFUL_DENSE_BAR if dense else CAREFUL_LEXICAL_BAR
            if ranked and ranked[0].score >= bar:
                choice = self._reply_of(ranked, understood, used)
                if choice is not None:
                    return choice
        text = self.safety.careful_reply(message, recent)
        return Candidate("careful", "careful", text, 1.0)

    def _fallback(self, used: set[str]) -> Candidate:
        options = [
            Candidate("fallback", f"fallback#{n}", text, 0.0)
            for n, text in enumerate(self.persona.fallbacks)
        ]
        fresh = [c for c in options if c.reference not in used] or options
        return self.rng.choice(fresh)


@dataclass(frozen=True, slots=True)
class TurnPlan:
    """One turn, decided: the reply and every effect it has, before anything is written."""

    text: str
    sources: tuple[SourceRef, ...]
    facts: tuple[NewFact, ...] = ()
    mood: MoodReading | None = None
    followed_up: tuple[int, ...] = ()
    forget: tuple[int, ...] = ()
    forget_everything: bool = False
    crisis: CrisisReply | None = None
    intent: str = ""  # what the reply came from, for the conversation's state
    theme: str = ""
