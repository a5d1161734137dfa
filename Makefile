# Developer shortcuts; the README's two commands need none of this.
.PHONY: check lint test quality

check: lint test

lint:
	.venv/bin/ruff format --check companion tests benchmarks scripts
	.venv/bin/ruff check companion tests benchmarks scripts
	.venv/bin/mypy

test:
	.venv/bin/python -m pytest

quality:
	.venv/bin/python benchmarks/quality.py
