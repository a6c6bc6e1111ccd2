"""
Knowledge distillation (Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural
Network", section 2) on top of train.py: the same loop, data, schedule, seed and export, with the
student's loss replaced by

    loss = alpha * T^2 * KL( softmax(z_t / T) || softmax(z_s / T) ) + (1 - alpha) * CE(z_s, y)

per token, averaged over the batch's tokens. z_t are the logits of a frozen teacher (the shipped
float16 `lm`, read as fp32, eval mode, no gradient). The T^2 factor keeps the soft term's
gradient on the same scale as the hard term's when T changes (Hinton et al. 2015, section 2).

    python3 training/distill.py --teacher models/lm/model.safetensors --kd-temperature 2 \
        --kd-alpha 0.5 <every train.py flag>

The teacher is kept outside the student's module tree (a module-level global), so the student's
parameter count, state_dict and exported files are exactly train.py's. Validation, early stopping
and the exported numbers are plain next-token cross-entropy on the validation windows, as for
every other model. The logged "trainLoss" is the KD objective.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
for d in (HERE, os.path.join(os.getcwd(), "training")):
    if os.path.exists(os.path.join(d, "model.py")):
        sys.path.insert(0, d)
        break
import train as base  # noqa: E402
from model import Transformer, TransformerConfig  # noqa: E402

_TEACHER: dict = {}

DTYPES = {"F16": np.float16, "F32": np.float32, "BF16": None}


def read_safetensors(path: str) -> dict[str, torch.Tensor]:
    """safetensors file -> {name: fp32 tensor} (stdlib + numpy; F16/F32)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        arr = np.frombuffer(data[a:b], dtype=DTYPES[v["dtype"]]).reshape(v["shape"])
        out[k] = torch.from_numpy(arr.astype(np.float32))
    return out


def load_model(weights: str, config: str, max_len=None) -> Transformer:
    """A shipped model as an fp32 eval-mode Transformer."""
    cfg = TransformerConfig.from_dict(json.load(open(config)))
    m = Transformer(cfg, dropout=0.0, max_len=max_len)
    m.load_state_dict(read_safetensors(weights), strict=True)
    return m.eval()


def kd_loss(zs: torch.Tensor, zt: torch.Tensor, y: torch.Tensor, T: float, alpha: float) -> torch.Tensor:
    """zs, zt [N, V] student / teacher logits, y [N] -> scalar alpha*T^2*KL(p_t^T || p_s^T) + (1-alpha)*CE."""
    zs, zt = zs.float(), zt.float()
    log_ps = F.log_softmax(zs / T, -1)  # [N, V]
    log_pt = F.log_softmax(zt / T, -1)  # [N, V]
    kl = (log_pt.exp() * (log_pt - log_ps)).sum(-1).mean()
    ce = F.cross_entropy(zs, y) if alpha < 1 else zs.new_zeros(())
    return alpha * T * T * kl + (1 - alpha) * ce


class KDTransformer(Transformer):
    """train.py's student; in training mode with targets, its loss is the KD objective."""

    def forward(self, idx, targets=None, taps=None):
        logits, ce = super().forward(idx, targets, taps)
        if targets is None or not self.training:
            return logits, ce
        with torch.no_grad():
            zt, _ = _TEACHER["model"](idx)  # [B, T, V], same autocast context as the student
        V = logits.size(-1)
        return logits, kd_loss(logits.reshape(-1, V), zt.reshape(-1, V), targets.reshape(-1),
                               _TEACHER["T"], _TEACHER["alpha"])


def main(argv=None):
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--teacher", default="models/lm/model.safetensors")
    p.add_argument("--teacher-config", default="models/lm/config.json")
    p.add_argument("--kd-temperature", type=float, default=2.0)
    p.add_argument("--kd-alpha", type=float, default=0.5)
    kd, rest = p.parse_known_args(argv)
    a = base.parse_args(rest)
    for k, v in vars(kd).items():
        setattr(a, k, v)
    teacher = load_model(kd.teacher, kd.teacher_config).to(a.device)
    for q in teacher.parameters():
        q.requires_grad_(False)
    _TEACHER.update(model=teacher, T=kd.kd_temperature, alpha=kd.kd_alpha)
    base.Transformer = KDTransformer  # train() builds the student through this name
    log = base.train(a)
    return log


if __name__ == "__main__":
    main()
