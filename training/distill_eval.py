"""
Teacher / student comparison on the fixed validation windows (every 256-token window of
austen.val.bin, fp32, TF32 off), the same code for every model so the numbers compare:

    python3 training/distill_eval.py OUT.json teacher=models/lm lm-draft=models/lm-draft lm-distill=RUNS/lm-distill

Per model: mean next-token cross-entropy (nats), top-1 agreement with the teacher (share of
positions where both argmaxes are the same token), top-1 accuracy against the true next token,
and the mean KL(teacher || model) in nats at temperature 1 and 2. A folder holds
model.safetensors (+ config.json). --max-windows limits the windows (CPU smoke test).
"""

from __future__ import annotations

import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill import load_model  # noqa: E402
from data import load_tokens, val_windows  # noqa: E402


@torch.no_grad()
def compare(models: dict, val_path: str, T: int = 256, batch: int = 16, max_windows: int = 0, device="cpu") -> dict:
    """models {name: Transformer}, the first is the teacher -> {name: metrics}."""
    x, y = val_windows(load_tokens(val_path), T)  # [W, T]
    if max_windows:
        x, y = x[:max_windows], y[:max_windows]
    names = list(models)
    acc = {n: {"nll": 0.0, "agree": 0, "correct": 0, "kl1": 0.0, "kl2": 0.0} for n in names}
    count = 0
    for i in range(0, x.shape[0], batch):
        xb, yb = x[i : i + batch].to(device), y[i : i + batch].to(device)
        logits = {n: models[n](xb)[0].float().reshape(-1, models[n].cfg.vocabSize) for n in names}  # [N, V]
        zt = logits[names[0]]
        top_t = zt.argmax(-1)
        yf = yb.reshape(-1)
        for n in names:
            z = logits[n]
            a = acc[n]
            a["nll"] += float(F.cross_entropy(z, yf, reduction="sum"))
            a["agree"] += int((z.argmax(-1) == top_t).sum())
            a["correct"] += int((z.argmax(-1) == yf).sum())
            for key, temp in (("kl1", 1.0), ("kl2", 2.0)):
                lt, ls = F.log_softmax(zt / temp, -1), F.log_softmax(z / temp, -1)
                a[key] += float((lt.exp() * (lt - ls)).sum())
        count += yf.numel()
    out = {}
    for n in names:
        a = acc[n]
        out[n] = {"valLoss": round(a["nll"] / count, 5), "top1AgreementWithTeacher": round(a["agree"] / count, 5),
                  "top1Accuracy": round(a["correct"] / count, 5), "klTeacherT1": round(a["kl1"] / count, 5),
                  "klTeacherT2": round(a["kl2"] / count, 5)}
    out["_positions"] = count
    out["_windows"] = int(x.shape[0])
    return out


def main(argv):
    max_windows = 0
    if argv and argv[0].startswith("--max-windows="):
        max_windows = int(argv.pop(0).split("=")[1])
    out_path, specs = argv[0], argv[1:]
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    models = {}
    for s in specs:
        name, _, folder = s.partition("=")
        if not os.path.exists(os.path.join(folder, "model.safetensors")):
            print(f"skip {name}: no {folder}/model.safetensors", flush=True)
            continue
        models[name] = load_model(os.path.join(folder, "model.safetensors"), os.path.join(folder, "config.json")).to(dev)
    res = compare(models, "training/data/austen.val.bin", max_windows=max_windows, device=dev)
    res["_teacher"] = specs[0].partition("=")[0]
    res["_device"] = torch.cuda.get_device_name(0) if dev == "cuda" else "cpu"
    with open(out_path, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
