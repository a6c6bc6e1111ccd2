#!/usr/bin/env bash
# Smoke test of the trainer on a synthetic, learnable token stream (no tokenizer needed):
# every architecture option trains for a few dozen steps and writes weights, log and fixture.
#   bash training/smoke.sh [OUT_DIR]
set -euo pipefail
OUT=${1:-/tmp/smoke}
mkdir -p "$OUT/data" "$OUT/configs"
python3 - "$OUT" <<'PY'
import json, sys, numpy as np
out = sys.argv[1]
rng = np.random.default_rng(0)
V = 64
# next = (3*prev + 1) % V with 10% noise: a model that learns it reaches ~0.5 nats
def stream(n):
    s = np.empty(n, dtype="<u2"); s[0] = 1
    noise = rng.random(n) < 0.1; rnd = rng.integers(0, V, n)
    for i in range(1, n):
        s[i] = rnd[i] if noise[i] else (3 * int(s[i - 1]) + 1) % V
    return s
stream(200_000).tofile(f"{out}/data/train.bin")
stream(5_000).tofile(f"{out}/data/val.bin")
json.dump([{"name": "p0", "text": None, "ids": [1, 4, 13, 40]}, {"name": "p1", "text": None, "ids": list(range(20))}],
          open(f"{out}/data/prompts.json", "w"))
base = dict(vocabSize=V, contextLength=32, nLayer=2, dModel=32, nHead=4, nKvHead=2, dFF=64, normEps=1e-5)
cfgs = {
  "rope": dict(norm="rmsnorm", position="rope", rope={"base": 10000}, mlp="swiglu", tiedEmbeddings=True, bias=False),
  "learned": dict(norm="layernorm", position="learned", mlp="gelu", tiedEmbeddings=False, bias=True, nKvHead=4),
  "sinusoidal": dict(norm="layernorm", position="sinusoidal", mlp="gelu", tiedEmbeddings=True, bias=False, nKvHead=1),
  "alibi": dict(norm="rmsnorm", position="alibi", mlp="swiglu", tiedEmbeddings=True, bias=False),
}
for k, v in cfgs.items():
    json.dump({**base, **v}, open(f"{out}/configs/{k}.json", "w"))
PY
for k in rope learned sinusoidal alibi; do
  python3 training/train.py --config "$OUT/configs/$k.json" --id "smoke-$k" --out "$OUT/runs" \
    --train "$OUT/data/train.bin" --val "$OUT/data/val.bin" --prompts "$OUT/data/prompts.json" \
    --max-steps 300 --eval-every 50 --warmup 20 --batch-size 32 --lr 3e-3 --extra-eval-lens 32,64 \
    --sample-tokens 10 --fixture-val-windows 2 --ship-dtype float16
done
ls -la "$OUT/runs"/*
