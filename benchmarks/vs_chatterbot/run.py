"""Side by side: companion and ChatterBot 1.2.15 on the ChatterBot English corpus.

Usage (from the repository root, after `bash benchmarks/vs_chatterbot/setup.sh`):

    .venv/bin/python benchmarks/vs_chatterbot/run.py [--sizes 1000,10000,100000] [--sample 100]

Measures (a) top-1 accuracy on a seeded sample of the corpus's own prompts and on the
hand-written paraphrases in paraphrases.py, (b) median and p95 reply latency, (c) cold start
(process start to first reply) and peak RSS, (d) median reply latency on 20 fixed questions as
N generated prompt/reply pairs are added to the corpus. Each system runs in its own process
(companion_worker.py in this venv, chatterbot_worker.py in .venv-chatterbot). Everything is
written under a temporary folder (COMPANION_HOME, databases, generated YAML); only the SVG plot
(--svg) and results/ (gitignored) are written in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_PARAPHRASES = [HERE / "paraphrases.py", HERE / "paraphrases_holdout.py"]

CB_PYTHON = HERE / ".venv-chatterbot" / "bin" / "python"
CO_PYTHON = Path(sys.executable)
CHUNK = 1000  # generated conversations per YAML file

# Vocabulary for generated pairs: everyday English, function words included, so ChatterBot's
# word-by-word SQL pre-filter (LIKE '%word%') meets what it would in a real corpus.
WH = ["what", "why", "how", "when", "where", "who", "which"]
AUX = ["do", "does", "did", "can", "will", "should", "would", "is", "are"]
PRON = ["you", "we", "they", "your friend", "my sister", "the teacher", "people", "she", "he"]
VERB = [
    "like",
    "need",
    "remember",
    "want",
    "find",
    "think about",
    "cook",
    "read",
    "visit",
    "build",
    "paint",
    "enjoy",
    "carry",
    "write",
    "choose",
    "fix",
    "sell",
    "watch",
    "plan",
]
ADJ = [
    "old",
    "new",
    "quiet",
    "bright",
    "small",
    "large",
    "warm",
    "cold",
    "red",
    "green",
    "strange",
    "simple",
    "expensive",
    "cheap",
    "famous",
    "local",
    "broken",
    "favourite",
]
NOUN = [
    "garden",
    "river",
    "train",
    "letter",
    "song",
    "city",
    "coffee",
    "market",
    "bridge",
    "window",
    "book",
    "bicycle",
    "kitchen",
    "mountain",
    "office",
    "museum",
    "holiday",
    "recipe",
    "camera",
    "island",
    "school",
    "village",
    "harbour",
    "festival",
    "library",
]
TIME = [
    "today",
    "tomorrow",
    "on sunday",
    "every morning",
    "last year",
    "in winter",
    "after work",
    "at night",
    "before lunch",
    "sometimes",
]


def generated_pairs(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` seeded question/answer pairs; the first n are the same for any count >= n."""
    rng = random.Random(seed)
    pairs = []
    for n in range(count):
        c = rng.choice
        prompt = f"{c(WH)} {c(AUX)} {c(PRON)} {c(VERB)} the {c(ADJ)} {c(NOUN)} {c(TIME)} {n}?"
        reply = (
            f"I think {c(PRON)} {c(VERB)} the {c(ADJ)} {c(NOUN)} {c(TIME)}, "
            f"because the {c(NOUN)} is {c(ADJ)} ({n})."
        )
        pairs.append((prompt, reply))
    return pairs


def write_generated(folder: Path, pairs: list[tuple[str, str]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, len(pairs), CHUNK):
        path = folder / f"generated_{start // CHUNK:04d}.yml"
        if not path.exists():
            data = {
                "categories": ["generated"],
                "conversations": [list(p) for p in pairs[start : start + CHUNK]],
            }
            path.write_text(yaml.safe_dump(data, allow_unicode=True, width=1000), encoding="utf-8")
        files.append(path)
    return files


def load_paraphrases(path: Path) -> list[tuple[str, str]]:
    """(paraphrase, original corpus prompt) pairs from a .py file (a ``PARAPHRASES`` list), a .json
    file (a list of two-item lists) or a .tsv file (paraphrase TAB original, one pair a line)."""
    if path.suffix == ".py":
        import importlib.util

        spec = importlib.util.spec_from_file_location(f"paraphrases_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        pairs = module.PARAPHRASES
    elif path.suffix == ".json":
        pairs = json.loads(path.read_text(encoding="utf-8"))
    else:
        rows = path.read_text(encoding="utf-8").splitlines()
        pairs = [line.split("\t") for line in rows if line.strip()]
    return [(str(a), str(b)) for a, b in pairs]


def norm(text: str) -> str:
    return " ".join(str(text).split())


def english_corpus() -> Path:
    out = subprocess.run(
        [
            str(CB_PYTHON),
            "-c",
            "import chatterbot_corpus, os; print(os.path.dirname(chatterbot_corpus.__file__))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Path(out) / "data" / "english"


def corpus_answers(folder: Path) -> dict[str, set[str]]:
    """prompt -> every reply of every conversation that opens with that prompt."""
    answers: dict[str, set[str]] = {}
    for file in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for conversation in data.get("conversations") or []:
            texts = [norm(t) for t in conversation if t is not None and norm(t)]
            if len(texts) >= 2:
                answers.setdefault(texts[0], set()).update(texts[1:])
    return answers


def run_worker(kind: str, config: dict, work: Path, env: dict, timeout: float = 3600) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    config_path, out_path = work / f"{kind}-config.json", work / f"{kind}-out.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    python, script = (
        (CB_PYTHON, HERE / "chatterbot_worker.py")
        if kind == "chatterbot"
        else (CO_PYTHON, HERE / "companion_worker.py")
    )
    spawned = time.time()
    proc = subprocess.run(
        [str(python), str(script), str(config_path), str(out_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0 or not out_path.exists():
        raise RuntimeError(f"{kind} worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(out_path.read_text(encoding="utf-8"))
    result["spawned"] = spawned
    if "t_first_reply" in result:
        result["cold_start_s"] = result["t_first_reply"] - spawned
    return result


def is_right(kind: str, reply: str, expected: set[str]) -> bool:
    reply = norm(reply)
    if kind == "chatterbot":
        return reply in expected
    return any(answer in reply for answer in expected)


def ms(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def svg_plot(
    path: Path, labels: list[str], series: dict[str, list[float | None]], note: str
) -> None:
    """A small hand-made SVG: median reply latency (log y) against corpus size."""
    width, height, left, right, top, bottom = 640, 400, 70, 150, 40, 60
    values = [v for vs in series.values() for v in vs if v]
    lo = 10 ** np.floor(np.log10(min(values)))
    hi = 10 ** np.ceil(np.log10(max(values)))
    if hi / lo < 100:
        hi = lo * 100

    def x(i: int) -> float:
        return left + (width - left - right) * (i / max(1, len(labels) - 1))

    def y(v: float) -> float:
        frac = (np.log10(v) - np.log10(lo)) / (np.log10(hi) - np.log10(lo))
        return top + (height - top - bottom) * (1 - frac)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2 - 60}" y="22" font-size="14">Median reply latency vs corpus'
        f" size</text>",
    ]
    decade = lo
    while decade <= hi * 1.0001:
        yy = y(decade)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" stroke="#ddd"/>'
        )
        label = f"{decade:g} ms" if decade < 1000 else f"{decade / 1000:g} s"
        parts.append(f'<text x="{left - 8}" y="{yy + 4:.1f}" text-anchor="end">{label}</text>')
        decade *= 10
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle">{label}</text>'
        )
    parts.append(
        f'<text x="{(left + width - right) / 2:.1f}" y="{height - 18}" '
        'text-anchor="middle">extra generated prompt/reply pairs</text>'
    )
    parts.append(f'<text x="{left}" y="{height - 4}" font-size="10" fill="#666">{note}</text>')
    colours = {"companion": "#1f77b4", "ChatterBot": "#d62728"}
    for n, (name, vs) in enumerate(series.items()):
        colour = colours.get(name, "#333")
        points = [(x(i), y(v)) for i, v in enumerate(vs) if v]
        if len(points) > 1:
            parts.append(
                '<polyline fill="none" stroke-width="2" stroke="'
                + colour
                + '" points="'
                + " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
                + '"/>'
            )
        for (a, b), v in zip(points, [v for v in vs if v], strict=False):
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="4" fill="{colour}"/>')
            shown = f"{v:.1f}" if v < 10 else f"{v:.0f}"
            parts.append(
                f'<text x="{a + 6:.1f}" y="{b - 6:.1f}" font-size="10" '
                f'fill="{colour}">{shown} ms</text>'
            )
        parts.append(
            f'<rect x="{width - right + 15}" y="{top + 20 * n}" width="12" height="12" '
            f'fill="{colour}"/><text x="{width - right + 32}" y="{top + 20 * n + 11}">'
            f"{name}</text>"
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="extra generated pairs for the scaling part ('' to skip it)",
    )
    parser.add_argument("--sample", type=int, default=100, help="corpus prompts to ask")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale-questions", type=int, default=40)
    parser.add_argument(
        "--reply-limit",
        type=float,
        default=30.0,
        help="stop ChatterBot's scaling at the first reply slower than this (s)",
    )
    parser.add_argument(
        "--train-limit",
        type=float,
        default=600.0,
        help="stop ChatterBot's scaling when training takes longer (s)",
    )
    parser.add_argument(
        "--paraphrases",
        action="append",
        default=[],
        metavar="FILE",
        help="a paraphrase set (.py with PARAPHRASES, .json pairs, or .tsv); repeatable; "
        "default: paraphrases.py and paraphrases_holdout.py",
    )
    parser.add_argument(
        "--chatterbot-read-only",
        action="store_true",
        help="ChatterBot does not store the exchanges (its default, and companion's way, is to)",
    )
    parser.add_argument(
        "--companion-home",
        help="companion's COMPANION_HOME (its embedding cache): reuse one to skip re-embedding",
    )
    parser.add_argument("--svg", default=str(REPO / "docs" / "vs_chatterbot_latency.svg"))
    parser.add_argument("--results", default=str(HERE / "results"))
    args = parser.parse_args()
    if not CB_PYTHON.exists():
        sys.exit(f"{CB_PYTHON} missing: run bash benchmarks/vs_chatterbot/setup.sh first")

    work = Path(tempfile.mkdtemp(prefix="vs-chatterbot-"))
    env = dict(os.environ)
    env["COMPANION_HOME"] = args.companion_home or str(work / "companion-home")
    env.pop("COMPANION_DB", None)
    env["HF_HUB_OFFLINE"] = "1"
    english = english_corpus()
    answers = corpus_answers(english)
    prompts = random.Random(args.seed).sample(sorted(answers), args.sample)
    groups: list[tuple[str, list[str], list[str]]] = [("corpus prompts", prompts, prompts)]
    for path in [Path(p) for p in args.paraphrases] or DEFAULT_PARAPHRASES:
        pairs = load_paraphrases(path)
        unknown = [o for _, o in pairs if norm(o) not in answers]
        if unknown:
            sys.exit(f"{path}: {unknown[0]!r} is not the first line of a corpus conversation")
        groups.append((path.stem, [q for q, _ in pairs], [norm(o) for _, o in pairs]))
    questions = [q for _, qs, _ in groups for q in qs]
    intended = [i for _, _, targets in groups for i in targets]
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    log(f"work folder {work}; corpus {english}: {len(answers)} distinct prompts")

    # (a)-(c): base corpus, first run (training / import + embedding) then a warm start.
    runs: dict[str, dict] = {}
    warm: dict[str, dict] = {}
    for kind in ("companion", "chatterbot"):
        base = work / f"base-{kind}"
        config = (
            {
                "db_url": f"sqlite:///{base / 'companion.db'}",
                "persona": str(base / "chatter.toml"),
                "import_paths": [str(english)],
            }
            if kind == "companion"
            else {
                "db": str(base / "chatterbot.sqlite3"),
                "train_paths": [str(english)],
                "read_only": args.chatterbot_read_only,
            }
        )
        config.update(questions=questions, max_reply_seconds=1e9)
        log(f"{kind}: first run, {len(questions)} questions")
        runs[kind] = run_worker(kind, config, base, env)
        warm_config = dict(config, questions=questions[:5])
        warm_config.pop("import_paths" if kind == "companion" else "train_paths")
        log(f"{kind}: warm start")
        warm[kind] = run_worker(kind, warm_config, base / "warm", env)

    rows = []
    report: dict[str, object] = {"base": {}, "scaling": []}
    paraphrased = slice(len(prompts), len(questions))
    for kind, name in (("companion", "companion"), ("chatterbot", "ChatterBot")):
        r = runs[kind]
        right = [
            is_right(kind, rep, answers[q]) for rep, q in zip(r["replies"], intended, strict=True)
        ]
        cells, start = [], 0
        accuracy = {}
        for label, group_questions, _ in groups:
            hits = sum(right[start : start + len(group_questions)])
            accuracy[label] = hits / len(group_questions)
            cells.append(f"{100 * accuracy[label]:.0f}% ({hits}/{len(group_questions)})")
            start += len(group_questions)
        entry = {
            "top1": accuracy,
            "p50_ms": ms(r["seconds"], 50),
            "p95_ms": ms(r["seconds"], 95),
            "p50_paraphrases_ms": ms(r["seconds"][paraphrased], 50),
            "build_s": r["train_seconds"],
            "cold_first_s": r["cold_start_s"],
            "cold_warm_s": warm[kind]["cold_start_s"],
            "rss_mb": r["peak_rss_mb"],
            "warm_rss_mb": warm[kind]["peak_rss_mb"],
            "answers": [
                {"question": q, "intended": i, "reply": rep, "right": ok, "ms": sec * 1000}
                for q, i, rep, ok, sec in zip(
                    questions, intended, r["replies"], right, r["seconds"], strict=True
                )
            ],
        }
        report["base"][kind] = entry
        rows.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {entry['p50_ms']:.1f} | {entry['p50_paraphrases_ms']:.1f} "
            f"| {entry['p95_ms']:.1f} | {entry['build_s']:.1f} "
            f"| {entry['cold_first_s']:.1f} | {entry['cold_warm_s']:.1f} "
            f"| {entry['rss_mb']:.0f} |"
        )
    table1 = "\n".join(
        [
            "| system | "
            + " | ".join(f"top-1, {label}" for label, _, _ in groups)
            + " | median ms | median ms, paraphrases | p95 ms "
            "| build s | cold start, first run s | cold start, warm s | peak RSS MB |",
            "| --- " * (len(groups) + 8) + "|",
            *rows,
        ]
    )
    co, cb = report["base"]["companion"], report["base"]["chatterbot"]  # type: ignore[index]
    speedup = (
        f"companion's median reply is {cb['p50_ms'] / co['p50_ms']:.0f} times faster than "
        f"ChatterBot's over all {len(questions)} questions, and "
        f"{cb['p50_paraphrases_ms'] / co['p50_paraphrases_ms']:.0f} times faster on the "
        f"{len(questions) - len(prompts)} paraphrases alone."
    )
    report["speedup"] = speedup
    print("## Accuracy, latency, start-up (ChatterBot English corpus)\n")
    print(table1 + "\n")
    print(speedup + "\n", flush=True)

    # (d) scaling
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    half = min(args.scale_questions // 2, len(prompts))
    chosen = list(range(half)) + random.Random(args.seed).sample(
        range(len(prompts), len(questions)),
        min(args.scale_questions - half, len(questions) - len(prompts)),
    )
    scale_q = [questions[i] for i in chosen]
    scale_i = [intended[i] for i in chosen]
    labels, series = [], {"companion": [], "ChatterBot": []}
    scale_rows = []
    chatterbot_stopped = None
    pairs = generated_pairs(max(sizes)) if sizes else []
    for size in [0, *sizes] if sizes else []:
        files = write_generated(work / "generated", pairs)[: -(-size // CHUNK)] if size else []
        folder = work / f"scale-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        extra = [str(english)] + [str(f) for f in files]
        row = {"size": size}
        log(f"scaling {size}: companion")
        co = run_worker(
            "companion",
            {
                "db_url": f"sqlite:///{folder / 'companion.db'}",
                "persona": str(folder / "c.toml"),
                "import_paths": extra,
                "questions": scale_q,
                "max_reply_seconds": 1e9,
            },
            folder,
            env,
        )
        row["companion"] = {
            "p50_ms": ms(co["seconds"], 50),
            "build_s": co["train_seconds"],
            "rss_mb": co["peak_rss_mb"],
            "embedded": co["embedded_texts"],
            "right": sum(
                is_right("companion", r, answers[i])
                for r, i in zip(co["replies"], scale_i, strict=False)
            ),
        }
        cb_cells = "not run | | "
        if chatterbot_stopped is None:
            log(f"scaling {size}: chatterbot")
            cb = run_worker(
                "chatterbot",
                {
                    "db": str(folder / "cb.sqlite3"),
                    "train_paths": extra,
                    "questions": scale_q,
                    "max_reply_seconds": args.reply_limit,
                    "max_train_seconds": args.train_limit,
                    "read_only": args.chatterbot_read_only,
                },
                folder,
                env,
                timeout=args.train_limit * 2 + args.reply_limit * 40 + 600,
            )
            row["chatterbot"] = {
                "build_s": cb["train_seconds"],
                "rss_mb": cb["peak_rss_mb"],
                "stopped": cb["stopped"],
                "replies": len(cb["seconds"]),
            }
            if cb["stopped"]:
                chatterbot_stopped = f"stopped at {size}: {cb['stopped']}"
                row["chatterbot"]["stopped"] = chatterbot_stopped
            if cb["seconds"]:
                row["chatterbot"]["p50_ms"] = ms(cb["seconds"], 50)
                row["chatterbot"]["right"] = sum(
                    is_right("chatterbot", r, answers[i])
                    for r, i in zip(cb["replies"], scale_i, strict=False)
                )
            p50 = row["chatterbot"].get("p50_ms")
            cb_cells = (
                f"{p50:.1f}" if p50 is not None else "—"
            ) + f" | {cb['train_seconds']:.1f} | {cb['peak_rss_mb']:.0f}"
        note = chatterbot_stopped if row.get("chatterbot", {}).get("stopped") else ""
        if "chatterbot" not in row:
            note = "ChatterBot not run (stopped at a smaller size)"
        scale_rows.append(
            f"| {size:,} | {row['companion']['p50_ms']:.1f} | "
            f"{row['companion']['build_s']:.1f} | {row['companion']['rss_mb']:.0f} "
            f"| {cb_cells} | {note} |"
        )
        log(scale_rows[-1])
        labels.append(f"{size:,}")
        series["companion"].append(row["companion"]["p50_ms"])
        series["ChatterBot"].append(row.get("chatterbot", {}).get("p50_ms"))
        report["scaling"].append(row)
    table2 = "\n".join(
        [
            "| extra pairs | companion median ms | companion build s | companion peak RSS MB "
            "| ChatterBot median ms | ChatterBot train s | ChatterBot peak RSS MB | note |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *scale_rows,
        ]
    )
    if sizes:
        print(f"## Scaling: median reply latency on {len(scale_q)} fixed questions\n")
        print(table2 + "\n")
        if chatterbot_stopped:
            print(f"ChatterBot {chatterbot_stopped}.\n")
        medians = dict(zip(labels, series["companion"], strict=True))
        if "1,000" in medians and len(medians) > 2:
            largest = labels[-1]
            growth = (medians[largest] or 0) / (medians["1,000"] or 1)
            report["companion_growth"] = growth
            print(
                f"companion's median at {largest} extra pairs is {growth:.2f} times its median "
                "at 1,000.\n"
            )
        svg_plot(
            Path(args.svg),
            labels,
            series,
            f"{len(scale_q)} questions per point; ChatterBot 1.2.15 (LowercaseTagger), "
            "companion (all-MiniLM-L6-v2)",
        )
        print(f"plot: {args.svg}")
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    (results / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (results / "tables.md").write_text(table1 + "\n\n" + table2 + "\n", encoding="utf-8")
    log(f"details: {results / 'report.json'} (work folder {work} left for inspection)")


if __name__ == "__main__":
    main()
