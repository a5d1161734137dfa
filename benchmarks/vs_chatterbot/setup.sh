#!/usr/bin/env bash
# Creates benchmarks/vs_chatterbot/.venv-chatterbot with ChatterBot and its English corpus.
# These packages are NOT project dependencies; they live only in this separate venv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-chatterbot"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "chatterbot==1.2.15" chatterbot-corpus pyyaml
"$venv/bin/python" - <<'PY'
import importlib.metadata as m
for name in ("chatterbot", "chatterbot-corpus", "spacy", "sqlalchemy", "pyyaml"):
    try:
        print(f"{name}=={m.version(name)}")
    except m.PackageNotFoundError:
        print(f"{name}: not installed")
PY
echo "ready: $venv"
