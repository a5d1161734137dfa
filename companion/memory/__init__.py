"""Per-user memory: what the companion learns about the person she talks to.

Reading a message (its facts, mood, questions about memory, requests to forget) is the
understanding layer's job (`companion.understanding.facts`, `.feelings`, `.memory_questions`,
`.forgetting`); this package keeps what is read and answers from it.
"""
