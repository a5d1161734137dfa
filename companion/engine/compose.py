"""Wrapping a chosen answer in the persona's templates: her name for you, follow-ups, quotes."""

from __future__ import annotations

import random

from companion.engine.choose import Candidate
from companion.persona import Persona


def _fill(template: str, **values: str) -> str:
    return template.format(**values).strip()


def _usable(templates: list[str], name: str | None) -> list[str]:
    """Templates that need the user's name are only used once she knows it."""
    usable = [t for t in templates if name or "{name}" not in t]
    return usable or [t.replace("{name}", "you") for t in templates]


def capitalise(text: str) -> str:
    """The text with its first letter in upper case (a slot may start a sentence)."""
    return text[:1].upper() + text[1:] if text else text


class Composer:
    def __init__(self, persona: Persona, rng: random.Random) -> None:
        self.persona = persona
        self.rng = rng

    def _question(self) -> str:
        return self.rng.choice(self.persona.followups)

    def _followup(self, text: str, recent_texts: set[str]) -> str:
        if text.rstrip().endswith("?") or self.rng.random() >= self.persona.voice.followup_chance:
            return text
        options = [f for f in self.persona.followups if f"{text} {f}" not in recent_texts]
        return f"{text} {self.rng.choice(options)}" if options else text

    def compose(
        self,
        choice: Candidate,
        *,
        name: str | None,
        ratings: list[str],
        recent_texts: set[str],
    ) -> str:
        """The final reply text; never identical to one of ``recent_texts`` when avoidable."""
        attempts = []
        for _ in range(6):
            text = self._compose_once(choice, name=name, ratings=ratings, recent_texts=recent_texts)
            if text not in recent_texts:
                return text
            attempts.append(text)
        # Every wrapping was said recently: add a follow-up that makes it new.
        for followup in self.persona.followups:
            text = f"{attempts[0]} {followup}"
            if text not in recent_texts:
                return text
        return attempts[0]

    def _compose_once(
        self, choice: Candidate, *, name: str | None, ratings: list[str], recent_texts: set[str]
    ) -> str:
        voice = self.persona.voice
        shown_name = name if name and self.rng.random() < voice.use_name_chance else None
        if choice.kind == "fact":
            template = self.rng.choice(_usable(self.persona.templates.fact, shown_name))
            return _fill(
                template, answer=choice.text, name=shown_name or "", followup=self._question()
            )
        if choice.kind == "review":
            template = self.rng.choice(self.persona.templates.review)
            quote = _fill(
                template,
                quote=choice.text,
                attribution=choice.attribution,
                rating=choice.rating or "",
                name=shown_name or "",
            )
            quote = capitalise(quote)
            if choice.owner == "rating" and ratings:
                listed = ", ".join(ratings[:-1]) + (
                    f" and {ratings[-1]}" if len(ratings) > 1 else ratings[0]
                )
                return f"The reviews I know give it {listed}. {quote}"
            if choice.rating and self.rng.random() < 0.5:
                return f"{quote} (They gave it {choice.rating}.)"
            return quote
        template = self.rng.choice(_usable(self.persona.templates.reply, shown_name))
        text = _fill(template, text=choice.text, name=shown_name or "", followup=self._question())
        return self._followup(text, recent_texts)

    def greeting(self, *, returning: bool, name: str | None) -> str:
        pool = (
            self.persona.greetings.returning if returning else self.persona.greetings.first_meeting
        )
        return self._personal(pool, name)

    def _personal(self, pool: list[str], name: str | None) -> str:
        """Once she knows the name she uses it: templates with ``{name}`` are preferred."""
        personal = [t for t in pool if "{name}" in t] if name else []
        template = self.rng.choice(personal or _usable(pool, name))
        return _fill(template, name=name or "", persona=self.persona.name)

    def farewell(self, *, name: str | None) -> str:
        return self._personal(self.persona.farewells, name)
