"""Per-user memory: what the companion learns about the person she talks to.

`companion.memory.language` reads messages (facts, mood, questions about memory, requests to
forget); it holds no state and does no I/O.
"""
