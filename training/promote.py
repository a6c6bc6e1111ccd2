"""
Promote the best sweep run to a shipped model id (e.g. lm-d192-l4 -> lm).

    python3 training/promote.py --runs OUT_DIR --prefix lm-d --to lm --max-bytes 5000000

Picks, among runs whose id starts with --prefix and whose shipped file is <= --max-bytes, the one
with the lowest fp32 validation loss on the shipped weights; copies it to OUT_DIR/<to>/ with the
id rewritten in the safetensors metadata, the fixture and the log (sha256 recomputed).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import shutil

from safetensors import safe_open
from safetensors.torch import save_file


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", required=True)
    p.add_argument("--prefix", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--max-bytes", type=int, default=5_000_000)
    a = p.parse_args()
    logs = []
    for path in glob.glob(os.path.join(a.runs, "*", "log.json")):
        log = json.load(open(path))
        if log["id"].startswith(a.prefix) and log["bytes"] <= a.max_bytes:
            logs.append(log)
    logs.sort(key=lambda l: l["valLoss_fp32_shipped"])
    for l in logs:
        print(f"{l['id']:24s} params {l['params']:8d} bytes {l['bytes']:8d} val {l['valLoss_fp32_shipped']:.4f} best step {l['bestStep']} stop {l['stopReason']}")
    best = logs[0]
    src, dst = os.path.join(a.runs, best["id"]), os.path.join(a.runs, a.to)
    os.makedirs(dst, exist_ok=True)
    for name in ("model.safetensors", "model.fp32.safetensors"):
        with safe_open(os.path.join(src, name), "pt") as f:
            meta = dict(f.metadata() or {})
            tensors = {k: f.get_tensor(k) for k in f.keys()}
        meta["id"], meta["promotedFrom"] = a.to, best["id"]
        save_file(tensors, os.path.join(dst, name), metadata=meta)
    sha = hashlib.sha256(open(os.path.join(dst, "model.safetensors"), "rb").read()).hexdigest()
    sha_master = hashlib.sha256(open(os.path.join(dst, "model.fp32.safetensors"), "rb").read()).hexdigest()
    shutil.copy(os.path.join(src, "config.json"), os.path.join(dst, "config.json"))
    fixture = json.load(open(os.path.join(src, "fixture.json")))
    fixture.update({"id": a.to, "weights": f"models/{a.to}/model.safetensors", "sha256": sha})
    json.dump(fixture, open(os.path.join(dst, "fixture.json"), "w"), separators=(",", ":"))
    sweep = [{"id": l["id"], "params": l["params"], "bytes": l["bytes"], "valLoss": l["valLoss_fp32_shipped"],
                      "bestStep": l["bestStep"], "args": {k: l["args"][k] for k in ("dropout", "lr", "max_steps", "train")}}
                     for l in logs]
    best.update({"id": a.to, "sweep": sweep, "promotedFrom": best["id"], "sha256": sha, "sha256Master": sha_master,
                 "bytes": os.path.getsize(os.path.join(dst, "model.safetensors"))})
    json.dump(best, open(os.path.join(dst, "log.json"), "w"), indent=1)
    print(f"promoted {best['promotedFrom']} -> {a.to} (sha256 {sha[:12]}…)")


if __name__ == "__main__":
    main()
