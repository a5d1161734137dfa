"""Train the safety layer's learned reader and write companion/safety/data/classifier.npz.

    .venv/bin/python scripts/train_safety_classifier.py

Trains on benchmarks/safety/cases_dev.toml and train_*.toml, plus the persona corpus's own example
messages as ordinary ones (minus intents whose replies already point to a crisis line). Never on
cases_holdout.toml: that half is only measured (benchmarks/safety/recall.py). The decision
threshold is chosen by 5-fold cross-validation on the training data so that the model alone raises
at most TARGET_FALSE_ALARMS on ordinary messages. Needs scikit-learn (installed with
sentence-transformers).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.safety import TIERS, Rules  # noqa: E402
from companion.safety.classifier import NONE  # noqa: E402

SETS = ROOT / "benchmarks" / "safety"
TARGET = ROOT / "companion" / "safety" / "data" / "classifier.npz"
TARGET_FALSE_ALARMS = 0.05
TARGET_EVERYDAY_FALSE_ALARMS = 0.01
CHAR_RANGE = (2, 5)
PROBES = [
    "i want to kill myself",
    "my feet are killing me",
    "ive put the dog with my sister so shes looked after, i wont need to worry after friday",
    "what should i cook for dinner tonight",
]


def labelled_cases() -> list[tuple[str, str]]:
    """The suite's tuning sets: risk messages and the hard ordinary ones written beside them."""
    cases: list[tuple[str, str]] = []
    for path in [SETS / "cases_dev.toml", *sorted(SETS.glob("train_*.toml"))]:
        cases += [(c["text"], c["tier"]) for c in tomllib.loads(path.read_text())["case"]]
    return cases


def training_cases() -> list[tuple[str, str]]:
    cases = labelled_cases()
    cases += [(message, NONE) for message in in_domain_messages()]
    for path in sorted((ROOT / "persona" / "corpus" / "themes").glob("*.toml")):
        for intent in tomllib.loads(path.read_text()).get("intents", []):
            if any("crisis" in reply for reply in intent["replies"]):
                continue  # written for distress that may be danger: not an ordinary example
            cases += [(example, NONE) for example in intent["examples"]]
    return cases


def in_domain_messages() -> list[str]:
    """Ordinary messages people send her: the quality probes and the ChatterBot paraphrases."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks" / "vs_chatterbot")]
    import paraphrases
    import paraphrases_holdout
    from probes import EMOTION_PROBES, FACT_PROBES, REVIEW_PROBES, SMALL_TALK

    messages = [q for q, _ in FACT_PROBES] + list(REVIEW_PROBES) + list(SMALL_TALK)
    messages += [m for m, _ in EMOTION_PROBES]
    for module in (paraphrases, paraphrases_holdout):
        for value in vars(module).values():
            if isinstance(value, dict):
                value = list(value.items())
            if isinstance(value, list | tuple):
                for item in value:
                    items = item if isinstance(item, tuple) else (item,)
                    messages += [x for x in items if isinstance(x, str)]
    # The tuning halves of the scripted conversations (benchmarks/dialogue/dev*.toml): everyday
    # turns such as "ok ill talk to him when he gets home". The held-out half stays unseen.
    for path in sorted((ROOT / "benchmarks" / "dialogue").glob("dev*.toml")):
        dialogue = tomllib.loads(path.read_text())
        messages += [t["say"] for c in dialogue["conversations"] for t in c["turns"]]
    return sorted(set(messages))


def vectorizer():  # type: ignore[no-untyped-def]
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE, min_df=3, sublinear_tf=True),
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
    )


def model() -> LogisticRegression:
    # C chosen by 5-fold cross-validation on the training data (recall at 5 % false alarms).
    return LogisticRegression(C=16.0, max_iter=5000, class_weight="balanced")


def risk_of(probabilities: np.ndarray, classes: list[str]) -> np.ndarray:
    return 1.0 - probabilities[:, classes.index(NONE)]


def choose_threshold(texts: list[str], labels: np.ndarray, hard: np.ndarray) -> float:
    """The lowest threshold whose cross-validated false alarms stay within the targets: on the
    hard ordinary messages (``hard``: the suite's own, which use the risk words harmlessly), and,
    far lower, on everyday messages (the corpus examples, probes and scripted conversations),
    because one false alarm in an ordinary conversation derails the next six turns."""
    out_of_fold = np.zeros(len(texts))
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for train, test in folds.split(texts, labels):
        features = vectorizer()
        fitted = model().fit(features.fit_transform([texts[i] for i in train]), labels[train])
        probabilities = fitted.predict_proba(features.transform([texts[i] for i in test]))
        out_of_fold[test] = risk_of(probabilities, list(fitted.classes_))
    ordinary = (labels == NONE) & hard
    everyday = (labels == NONE) & ~hard
    for threshold in np.arange(0.30, 0.96, 0.01):
        if (out_of_fold[ordinary] >= threshold).mean() <= TARGET_FALSE_ALARMS and (
            out_of_fold[everyday] >= threshold
        ).mean() <= TARGET_EVERYDAY_FALSE_ALARMS:
            recall = (out_of_fold[labels != NONE] >= threshold).mean()
            print(f"threshold {threshold:.2f}: cross-validated recall {recall:.3f}")
            return float(threshold)
    return 0.95


def main() -> None:
    rules = Rules.load()
    cases = training_cases()
    texts = [rules.canonical(text) for text, _ in cases]
    labels = np.array([tier for _, tier in cases])
    print(f"{len(cases)} training messages, {(labels != NONE).sum()} of them risk")
    hard = np.arange(len(cases)) < len(labelled_cases())
    threshold = choose_threshold(texts, labels, hard)
    features = vectorizer()
    fitted = model().fit(features.fit_transform(texts), labels)
    classes = [str(c) for c in fitted.classes_]
    assert set(classes) == {*TIERS, NONE}, classes
    char_vec, word_vec = (step for _, step in features.transformer_list)
    char_terms = sorted(char_vec.vocabulary_, key=char_vec.vocabulary_.get)
    word_terms = sorted(word_vec.vocabulary_, key=word_vec.vocabulary_.get)
    probe_probabilities = fitted.predict_proba(
        features.transform([rules.canonical(p) for p in PROBES])
    )
    np.savez_compressed(
        TARGET,
        char_terms=np.array(char_terms),
        word_terms=np.array(word_terms),
        char_idf=char_vec.idf_.astype(np.float32),
        word_idf=word_vec.idf_.astype(np.float32),
        coef=fitted.coef_.astype(np.float32),
        intercept=fitted.intercept_.astype(np.float32),
        classes=np.array(classes),
        threshold=np.array(threshold),
        char_range=np.array(CHAR_RANGE),
        probes=np.array(PROBES),
        probe_probabilities=probe_probabilities.astype(np.float32),
    )
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
