"""
Checks of training/model.py against a deliberately naive re-implementation of the contract in
lib/model/config.ts (loops over heads and positions, RoPE as complex rotation of pairs
(x[j], x[j + hs/2]), ALiBi as an explicit -slope*(i-j) loop, GQA by index arithmetic).

    python3 training/selftest.py          # CPU is enough; exits non-zero on a mismatch
"""

from __future__ import annotations

import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Transformer, TransformerConfig, alibi_slopes, count_params, sinusoidal_table  # noqa: E402

BASE = dict(vocabSize=50, contextLength=12, nLayer=2, dModel=16, nHead=4, nKvHead=2, dFF=24, normEps=1e-5)

CONFIGS = {
    "rope-rms-swiglu-gqa-tied": dict(norm="rmsnorm", position="rope", rope={"base": 10000}, mlp="swiglu",
                                     tiedEmbeddings=True, bias=False),
    "learned-ln-gelu-bias-untied": dict(norm="layernorm", position="learned", mlp="gelu", tiedEmbeddings=False,
                                        bias=True, nKvHead=4),
    "sinusoidal-ln-gelu-nobias-mqa": dict(norm="layernorm", position="sinusoidal", mlp="gelu", tiedEmbeddings=True,
                                          bias=False, nKvHead=1),
    "alibi-rms-swiglu-6heads": dict(norm="rmsnorm", position="alibi", mlp="swiglu", tiedEmbeddings=True,
                                    bias=False, dModel=24, nHead=6, nKvHead=3),
}


def naive_forward(sd: dict, cfg: TransformerConfig, ids: list[int]) -> torch.Tensor:
    """float64, one position at a time. -> logits [T, V]."""
    sd = {k: v.double() for k, v in sd.items()}
    T, C, hs, nh, nkv = len(ids), cfg.dModel, cfg.head_size, cfg.nHead, cfg.nKvHead

    def norm(x, prefix):
        if cfg.norm == "rmsnorm":
            return x / torch.sqrt((x * x).mean() + cfg.normEps) * sd[prefix + ".weight"]
        mu, var = x.mean(), ((x - x.mean()) ** 2).mean()
        y = (x - mu) / torch.sqrt(var + cfg.normEps) * sd[prefix + ".weight"]
        return y + sd[prefix + ".bias"] if cfg.bias else y

    def lin(x, prefix):
        y = sd[prefix + ".weight"] @ x
        return y + sd[prefix + ".bias"] if cfg.bias else y

    def rope(vec, p):
        half = hs // 2
        z = torch.complex(vec[:half], vec[half:])
        ang = torch.tensor([p * cfg.rope["base"] ** (-2 * j / hs) for j in range(half)], dtype=torch.float64)
        z = z * torch.polar(torch.ones(half, dtype=torch.float64), ang)
        return torch.cat([z.real, z.imag])

    xs = []
    for p, t in enumerate(ids):
        x = sd["tok_emb.weight"][t].clone()
        if cfg.position == "learned":
            x = x + sd["pos_emb.weight"][p]
        if cfg.position == "sinusoidal":
            for j in range(0, C, 2):
                x[j] += math.sin(p / 10000 ** (j / C))
                if j + 1 < C:
                    x[j + 1] += math.cos(p / 10000 ** (j / C))
        xs.append(x)
    slopes = alibi_slopes(nh)
    for i in range(cfg.nLayer):
        pre = f"blocks.{i}."
        h = [norm(x, pre + "norm1") for x in xs]
        q = [lin(v, pre + "attn.wq").view(nh, hs) for v in h]
        k = [lin(v, pre + "attn.wk").view(nkv, hs) for v in h]
        v_ = [lin(v, pre + "attn.wv").view(nkv, hs) for v in h]
        new = []
        for a in range(T):
            heads = []
            for hh in range(nh):
                g = hh // (nh // nkv)
                qa = rope(q[a][hh], a) if cfg.position == "rope" else q[a][hh]
                scores = []
                for b in range(a + 1):
                    kb = rope(k[b][g], b) if cfg.position == "rope" else k[b][g]
                    s = float(qa @ kb) / math.sqrt(hs)
                    if cfg.position == "alibi":
                        s -= slopes[hh] * (a - b)
                    scores.append(s)
                w = torch.softmax(torch.tensor(scores, dtype=torch.float64), 0)
                heads.append(sum(w[b] * v_[b][g] for b in range(a + 1)))
            new.append(xs[a] + lin(torch.cat(heads), pre + "attn.wo"))
        xs = new
        out = []
        for x in xs:
            m = norm(x, pre + "norm2")
            if cfg.mlp == "swiglu":
                u = lin(m, pre + "mlp.w1")
                hid = u / (1 + torch.exp(-u)) * lin(m, pre + "mlp.w3")
            else:
                u = lin(m, pre + "mlp.w1")
                hid = 0.5 * u * (1 + torch.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u**3)))
            out.append(x + lin(hid, pre + "mlp.w2"))
        xs = out
    head = sd["tok_emb.weight"] if cfg.tiedEmbeddings else sd["lm_head.weight"]
    return torch.stack([head @ norm(x, "norm_f") for x in xs])


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
    return ok


def main() -> int:
    torch.manual_seed(0)
    good = True
    good &= check("alibi slopes for 8 heads are 1/2..1/256", alibi_slopes(8) == [2.0**-k for k in range(1, 9)])
    good &= check("alibi slopes for 6 heads interleave", alibi_slopes(6) == [2**-2, 2**-4, 2**-6, 2**-8, 2**-1, 2**-3])
    pe = sinusoidal_table(3, 4)
    good &= check("sinusoidal PE[1] = sin 1, cos 1, sin .01, cos .01",
                  torch.allclose(pe[1], torch.tensor([math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)])))
    for name, over in CONFIGS.items():
        cfg = TransformerConfig.from_dict({**BASE, **over})
        model = Transformer(cfg).eval()
        with torch.no_grad():  # non-trivial norms/biases so every parameter matters
            for n, p in model.named_parameters():
                if "norm" in n or n.endswith(".bias"):
                    p.add_(0.1 * torch.randn_like(p))
        good &= check(f"{name}: count_params", count_params(cfg) == model.n_params(), f"{model.n_params()}")
        expected = {"tok_emb.weight", "norm_f.weight"}
        assert set(model.state_dict()) >= expected
        ids = torch.randint(0, cfg.vocabSize, (cfg.contextLength,)).tolist()
        with torch.no_grad():
            fast, _ = model(torch.tensor([ids]))
            taps: dict = {}
            slow, _ = model(torch.tensor([ids]), taps=taps)
        ref = naive_forward(model.state_dict(), cfg, ids)
        err = float((fast[0].double() - ref).abs().max())
        good &= check(f"{name}: matches naive reference", err < 1e-4, f"max|diff| {err:.2e}")
        err2 = float((slow[0] - fast[0]).abs().max())
        good &= check(f"{name}: tap path == fast path", err2 < 1e-5, f"{err2:.2e}")
        rows = taps["attn_probs.0"][0].sum(-1)
        good &= check(f"{name}: attention rows sum to 1", torch.allclose(rows, torch.ones_like(rows), atol=1e-5))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
