"""companion: a terminal companion you talk to, inspired by the film *Her* (2013)."""

__version__ = "0.1.0"
