"""
Token files and batches.

A token file is raw little-endian uint16 ids, no header (written by scripts/encode-corpus.ts).
Training batches are random windows of T+1 tokens; a mix of several corpora picks the corpus of
each row by weight (e.g. austen:3,moby-dick:1). Validation uses fixed, non-overlapping windows
that cover the whole validation file, so the number is the same every time it is computed.
"""

from __future__ import annotations

import numpy as np
import torch


def load_tokens(path: str) -> torch.Tensor:
    """uint16 file -> int64 tensor [N] (CPU)."""
    arr = np.fromfile(path, dtype="<u2")
    return torch.from_numpy(arr.astype(np.int64))


def parse_mix(spec: str) -> list[tuple[str, float]]:
    """'a.bin:3,b.bin:1' -> [('a.bin', 0.75), ('b.bin', 0.25)]; a bare path gets weight 1."""
    parts = []
    for item in spec.split(","):
        path, _, w = item.partition(":")
        parts.append((path, float(w) if w else 1.0))
    total = sum(w for _, w in parts)
    return [(p, w / total) for p, w in parts]


class BatchSampler:
    """Random windows from one or more token streams, concatenated on the device.

    Row b picks corpus c with probability weights[c], then a start uniformly inside corpus c
    (a window never crosses into the next corpus). Starts come from a seeded CPU generator.
    """

    def __init__(self, streams: list[torch.Tensor], weights: list[float], T: int, B: int, gen: torch.Generator, device):
        self.T, self.B, self.gen = T, B, gen
        self.data = torch.cat(streams).to(device)  # [sum N]
        lens = torch.tensor([s.numel() for s in streams], dtype=torch.int64)
        self.offsets = torch.cumsum(lens, 0) - lens  # [K]
        self.spans = lens - T - 1  # [K] number of valid starts
        self.weights = torch.tensor(weights, dtype=torch.float64)
        self.ar = torch.arange(T + 1, device=device)  # [T+1]

    def set_weights(self, weights: list[float]) -> None:
        self.weights = torch.tensor(weights, dtype=torch.float64)

    def next(self) -> tuple[torch.Tensor, torch.Tensor]:
        which = torch.multinomial(self.weights, self.B, replacement=True, generator=self.gen)  # [B]
        u = torch.rand(self.B, generator=self.gen, dtype=torch.float64)  # [B]
        starts = self.offsets[which] + (u * self.spans[which]).long()  # [B]
        w = self.data[starts.to(self.data.device)[:, None] + self.ar[None]]  # [B, T+1]
        return w[:, :-1], w[:, 1:]  # x [B, T], y [B, T]


def val_windows(tokens: torch.Tensor, T: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Non-overlapping windows: row i predicts tokens[i*T+1 : i*T+T+1] from tokens[i*T : i*T+T].

    tokens [N] -> x, y [W, T] with W = (N - 1) // T (the tail that does not fill a window is dropped).
    """
    W = (tokens.numel() - 1) // T
    x = tokens[: W * T].view(W, T)  # [W, T]
    y = tokens[1 : W * T + 1].view(W, T)  # [W, T]
    return x, y


@torch.no_grad()
def mean_loss(model, x: torch.Tensor, y: torch.Tensor, batch: int, autocast_dtype=None) -> float:
    """Mean next-token NLL (nats/token) over all windows; every token counts once."""
    model.eval()
    total, count = 0.0, 0
    dev = next(model.parameters()).device
    for i in range(0, x.shape[0], batch):
        xb, yb = x[i : i + batch].to(dev), y[i : i + batch].to(dev)
        with torch.autocast(dev.type, dtype=autocast_dtype, enabled=autocast_dtype is not None):
            logits, _ = model(xb)
        nll = torch.nn.functional.cross_entropy(logits.float().reshape(-1, logits.size(-1)), yb.reshape(-1), reduction="sum")
        total += float(nll)
        count += yb.numel()
    return total / count
