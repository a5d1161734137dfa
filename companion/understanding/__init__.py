"""The understanding layer: what a message does, who it is about, its mood, people and times.

Also what a user says about themselves, for memory: the facts it states (`facts`), how they say
they feel (`feelings`), a question about what she remembers (`memory_questions`) and a request to
forget (`forgetting`). Pure functions over text and the conversation's state; nothing here reads
or writes the store.
"""

from companion.understanding.state import ConversationState, Person
from companion.understanding.understand import Understanding, next_state, understand

__all__ = ["ConversationState", "Person", "Understanding", "next_state", "understand"]
