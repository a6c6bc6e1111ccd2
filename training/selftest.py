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

import inspect

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Transformer, TransformerConfig, alibi_slopes, count_params, sinusoidal_table  # noqa: E402
from moe_ssm import moe_in_layer  # noqa: E402

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
    "moe-4x-top2-rope": dict(norm="rmsnorm", position="rope", rope={"base": 10000}, mlp="swiglu", tiedEmbeddings=True,
                             bias=False, moe={"experts": 4, "topK": 2}),
    "moe-3x-top1-shared-gelu-partial": dict(norm="rmsnorm", position="none", mlp="gelu", tiedEmbeddings=False, bias=False,
                                            moe={"experts": 3, "topK": 1, "sharedExpert": True, "layers": [1]}),
    "bidirectional-rope-mlm": dict(norm="rmsnorm", position="rope", rope={"base": 10000}, mlp="swiglu",
                                   tiedEmbeddings=True, bias=False, attnMask={"kind": "bidirectional"}),
    "bidirectional-alibi-gelu": dict(norm="rmsnorm", position="alibi", mlp="gelu", tiedEmbeddings=True, bias=True,
                                     attnMask={"kind": "bidirectional"}),
    "window3-sinks1-learned": dict(norm="rmsnorm", position="learned", mlp="swiglu", tiedEmbeddings=True, bias=False,
                                   attnMask={"kind": "window", "size": 3, "sinks": 1}),
    "ssm-mamba2": dict(norm="rmsnorm", position="none", mlp="swiglu", tiedEmbeddings=True, bias=False,
                       ssm={"dState": 4, "headDim": 8, "expand": 2, "convKernel": 4}),
}


def sees(cfg: TransformerConfig, i: int, j: int) -> bool:
    """May query i see key j (config.ts AttentionMask, written out case by case)?"""
    m = cfg.attnMask or {"kind": "causal"}
    if m["kind"] == "bidirectional":
        return True
    if m["kind"] == "window":
        return j <= i and (i - j < m["size"] or j < m.get("sinks", 0))
    return j <= i


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
        if cfg.ssm:
            xs = [x + y for x, y in zip(xs, naive_ssm(sd, cfg, pre + "ssm.", [norm(x, pre + "norm1") for x in xs]))]
            xs = [x + naive_ff(sd, cfg, i, norm(x, pre + "norm2"), lin) for x in xs]
            continue
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
                keys = [b for b in range(T) if sees(cfg, a, b)]
                for b in keys:
                    kb = rope(k[b][g], b) if cfg.position == "rope" else k[b][g]
                    s = float(qa @ kb) / math.sqrt(hs)
                    if cfg.position == "alibi":
                        s -= slopes[hh] * (a - b)
                    scores.append(s)
                w = torch.softmax(torch.tensor(scores, dtype=torch.float64), 0)
                heads.append(sum(w[n] * v_[b][g] for n, b in enumerate(keys)))
            new.append(xs[a] + lin(torch.cat(heads), pre + "attn.wo"))
        xs = new
        out = []
        for x in xs:
            m = norm(x, pre + "norm2")
            if moe_in_layer(cfg, i):
                out.append(x + naive_ff(sd, cfg, i, m, lin))
                continue
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


def naive_mlp(sd, cfg, x, w1, w2, w3):
    u = w1 @ x
    if cfg.mlp == "swiglu":
        return w2 @ (u / (1 + torch.exp(-u)) * (w3 @ x))
    return w2 @ (0.5 * u * (1 + torch.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u**3))))


def naive_ff(sd, cfg, i, x, lin):
    """Feed-forward of block i for one token: the dense MLP or the MoE (no capacity: one token at a time)."""
    pre = f"blocks.{i}."
    if not moe_in_layer(cfg, i):
        return naive_mlp(sd, cfg, x, sd[pre + "mlp.w1.weight"], sd[pre + "mlp.w2.weight"], sd.get(pre + "mlp.w3.weight"))
    E, k = cfg.moe["experts"], cfg.moe["topK"]
    logits = sd[pre + "moe.router.weight"] @ x
    p = torch.softmax(logits, 0)
    order = sorted(range(E), key=lambda e: (-float(p[e]), e))[:k]
    z = sum(float(p[e]) for e in order)
    y = torch.zeros_like(x)
    for e in order:
        w3 = sd[pre + "moe.w3"][e] if cfg.mlp == "swiglu" else None
        y = y + float(p[e]) / z * naive_mlp(sd, cfg, x, sd[pre + "moe.w1"][e], sd[pre + "moe.w2"][e], w3)
    if cfg.moe.get("sharedExpert"):
        y = y + naive_mlp(sd, cfg, x, sd[pre + "moe.shared.w1.weight"], sd[pre + "moe.shared.w2.weight"],
                          sd.get(pre + "moe.shared.w3.weight"))
    return y


def naive_ssm(sd, cfg, pre, us):
    """Mamba-2 mixer as the plain recurrence, one token at a time (float64). us: list of [C]."""
    s = cfg.ssm
    Di = s["expand"] * cfg.dModel
    N, P, K = s["dState"], s["headDim"], s["convKernel"]
    H = Di // P
    conv_state = [torch.zeros(Di + 2 * N, dtype=torch.float64) for _ in range(K - 1)]
    h = torch.zeros(H, P, N, dtype=torch.float64)
    A = -torch.exp(sd[pre + "A_log"])
    out = []
    for u in us:
        v = sd[pre + "in_proj.weight"] @ u
        z, xbc, dt = v[:Di], v[Di : 2 * Di + 2 * N], v[2 * Di + 2 * N :]
        window = conv_state + [xbc]  # K rows, oldest first
        c = sd[pre + "conv.bias"].clone()
        for j in range(K):
            c = c + sd[pre + "conv.weight"][:, j] * window[j]
        conv_state = window[1:]
        c = c / (1 + torch.exp(-c))
        x, Bv, Cv = c[:Di].view(H, P), c[Di : Di + N], c[Di + N :]
        dt = torch.log1p(torch.exp(dt + sd[pre + "dt_bias"]))  # [H]
        y = torch.zeros(H, P, dtype=torch.float64)
        for hh in range(H):
            h[hh] = math.exp(float(dt[hh] * A[hh])) * h[hh] + float(dt[hh]) * torch.outer(x[hh], Bv)
            y[hh] = h[hh] @ Cv + sd[pre + "D"][hh] * x[hh]
        g = y.reshape(Di) * (z / (1 + torch.exp(-z)))
        g = g / torch.sqrt((g * g).mean() + cfg.normEps) * sd[pre + "norm.weight"]
        out.append(sd[pre + "out_proj.weight"] @ g)
    return out


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
        if cfg.norm == "layernorm" and "bias" not in inspect.signature(torch.nn.LayerNorm).parameters:
            print(f"skip {name}: this torch's LayerNorm has no bias argument (torch < 2.1)")
            continue
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
        if "attn_probs.0" in taps:
            rows = taps["attn_probs.0"][0].sum(-1)
            good &= check(f"{name}: attention rows sum to 1", torch.allclose(rows, torch.ones_like(rows), atol=1e-5))
    good &= moe_checks()
    return 0 if good else 1


def moe_checks() -> bool:
    """Capacity dropping and the load-balancing loss on a hand case (2 experts, top-1, T = 4)."""
    from moe_ssm import MoE

    cfg = TransformerConfig.from_dict({**BASE, **CONFIGS["moe-4x-top2-rope"], "dModel": 2, "nHead": 1, "nKvHead": 1,
                                       "moe": {"experts": 2, "topK": 1, "capacityFactor": 1.0}})
    m = MoE(cfg)
    with torch.no_grad():
        for p in m.parameters():
            p.zero_()
        m.router.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0]]))
    x = torch.tensor([[[2.0, 0.0], [1.0, 0.0], [3.0, 0.0], [0.0, 1.0]]])  # tokens 0-2 prefer expert 0, token 3 expert 1
    _, probs, chosen, gates, kept = m.route(x)
    ok = check("moe hand case: capacity 2 keeps the first two tokens of expert 0",
               kept[0, :, 0].tolist() == [1, 1, 0, 0] and kept[0, :, 1].tolist() == [0, 0, 0, 1])
    m(x)
    P = probs[0].mean(0)
    want = 2 * (0.75 * float(P[0]) + 0.25 * float(P[1]))
    ok &= check("moe hand case: aux = E * sum f_e P_e", abs(float(m.aux_loss) - want) < 1e-6, f"{float(m.aux_loss):.6f}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
