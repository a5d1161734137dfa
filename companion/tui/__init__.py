"""The Textual app: a thin front end over ``companion.engine.Companion``."""
