"""Prints how many training steps of a config fit in SECONDS on this device (batch 64, bf16 autocast).

    python3 training/steps_for.py training/configs/lm-ssm.json 400 [cap]
Times 15 steps after 5 warm-up steps; used by device_moe_ssm.sh so the cosine schedule and the
Austen-only anneal fit the time box whatever the model's speed.
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Transformer, TransformerConfig  # noqa: E402

cfg = TransformerConfig.from_dict(json.load(open(sys.argv[1])))
seconds, cap = float(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 8000
dev = torch.device("cuda")
torch.backends.cuda.matmul.allow_tf32 = True
m = Transformer(cfg, dropout=0.2).to(dev)
opt = torch.optim.AdamW(m.parameters(), lr=1e-3, fused=True)
x = torch.randint(0, cfg.vocabSize, (64, cfg.contextLength), device=dev)
for i in range(20):
    if i == 5:
        torch.cuda.synchronize()
        t0 = time.time()
    with torch.autocast("cuda", dtype=torch.bfloat16):
        _, loss = m(x, x)
    (loss + 0.01 * m.aux_loss).backward()
    torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
    opt.step()
    opt.zero_grad(set_to_none=True)
torch.cuda.synchronize()
per = (time.time() - t0) / 15
steps = min(cap, int(seconds / per / 100) * 100)
print(f"{sys.argv[1]}: {per * 1000:.1f} ms/step -> {steps} steps", file=sys.stderr)
print(steps)
