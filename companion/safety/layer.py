"""``SafetyLayer``: the one object the engine asks about danger before it plans any reply."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from companion.safety.classifier import Classifier
from companion.safety.replies import CrisisReply, CrisisWriter
from companion.safety.resources import Region, ResourceBook, region_from_environment
from companion.safety.rules import Assessment, Rules

SAFETY_KIND = "safety"
# After a crisis reply she stays careful while at most this many of the person's messages stand
# between it and the current one (so for the next seven), unless they move on.
CAREFUL_TURNS = 6
# A crisis reply raised by the learned reader alone, below this risk, is tentative: one plainly
# ordinary message after it ("what's the weather like where you are?") ends careful mode. Rules and
# surer readings keep it for CAREFUL_TURNS.
FIRM_RISK = 0.9


class _Source(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def score(self) -> float: ...


class Turn(Protocol):
    """What the layer needs of a stored message (``MessageRecord`` has it)."""

    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def sources(self) -> Sequence[_Source]: ...


class SafetyLayer:
    """Reads every message for danger and writes the reply when there is some."""

    def __init__(
        self,
        rules: Rules,
        book: ResourceBook,
        writer: CrisisWriter,
        region: str,
        classifier: Classifier | None = None,
    ) -> None:
        self.rules = rules
        self.classifier = classifier
        self.book = book
        self.writer = writer
        self.region: Region = book.region(region)

    @classmethod
    def load(cls, region: str | None = None) -> SafetyLayer:
        """The shipped rules and resources; ``region`` defaults to the person's own choice
        (``companion safety region``, or ``COMPANION_REGION``), else their locale."""
        from companion.settings import load_settings

        return cls(
            Rules.load(),
            ResourceBook.load(),
            CrisisWriter.load(),
            region or region_from_environment(load_settings().get("region")),
            Classifier.load(),
        )

    def assess(self, text: str) -> Assessment:
        """The rules first (they name what they caught); the learned reader for the rest."""
        found = self.rules.assess(text)
        if found.at_risk or self.classifier is None:
            return found
        reading = self.classifier.read(found.canonical)
        if reading.risk >= self.classifier.threshold:
            return Assessment((reading.tier,), ("model",), found.canonical, reading.risk)
        return Assessment((), (), found.canonical, reading.risk)

    def crisis_reply(self, assessment: Assessment, recent: Sequence[Turn]) -> CrisisReply:
        said = [m.text for m in recent if m.role == "assistant"]
        return self.writer.crisis(assessment.tiers, self.region, said)

    def certainty(self, assessment: Assessment) -> float:
        """How sure a crisis reading is: 1 for a rule, the learned reader's risk otherwise."""
        if assessment.rules == ("model",) and assessment.model_risk is not None:
            return assessment.model_risk
        return 1.0

    def is_careful(
        self,
        recent: Sequence[Turn],
        text: str,
        ordinary: Callable[[str], bool] = lambda _: False,
    ) -> bool:
        """Whether ``text``, said after ``recent``, is still in the turns after a crisis reply.

        Derived from the stored turns (a resumed conversation stays careful): a safety reply
        within the person's last CAREFUL_TURNS messages, and nothing since, ``text`` included,
        that clearly moved on. After a tentative reply (see FIRM_RISK) a message ``ordinary``
        accepts moves on too.
        """
        # The common case (no crisis reply in sight) costs no normalisation at all.
        since: list[str] = [text]  # the person's messages after the latest safety reply
        for message in reversed(recent):
            if message.role == "assistant":
                alarms = [s for s in message.sources if s.kind == SAFETY_KIND]
                if alarms:
                    if any(self.rules.moves_on(said) for said in since):
                        return False
                    tentative = max(s.score for s in alarms) < FIRM_RISK
                    return not (tentative and any(ordinary(said) for said in since))
            else:
                since.append(message.text)
                # ``since`` holds this message too: the window counts the stored ones.
                if len(since) > CAREFUL_TURNS + 1:
                    return False
        return False

    def moves_on(self, text: str) -> bool:
        return self.rules.moves_on(text)

    def is_thanks(self, text: str) -> bool:
        return self.writer.is_thanks(text)

    def careful_reply(self, text: str, recent: Sequence[Turn]) -> str:
        said = [m.text for m in recent if m.role == "assistant"][-8:]
        return self.writer.careful_reply(text, said)
