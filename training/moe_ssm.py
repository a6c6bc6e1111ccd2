"""
PyTorch mirrors of lib/model/moe.ts (Mixture-of-Experts feed-forward) and lib/model/ssm.ts
(Mamba-2 mixer), by weight name. model.py's Block picks them from the config.

MoE (cfg.moe = {experts E, topK k, sharedExpert?, capacityFactor?, layers?}), weights of block i:

    blocks.{i}.moe.router.weight [E, C]     router logits = x · Wᵀ (no bias)
    blocks.{i}.moe.w1 [E, F, C]  w3 [E, F, C] (swiglu)  w2 [E, C, F]   expert e = SwiGLU/GELU MLP, no biases
    blocks.{i}.moe.shared.w1/w3/w2.weight    optional shared expert (an ordinary MLP, always on)

  probs = softmax(logits); chosen = the k largest probs (lowest index wins a tie);
  gates = probs · chosen / Σ(probs · chosen); with capacityFactor f, expert e keeps the first
  ceil(f·T·k/E) tokens (in position order) routed to it and the rest get gate 0 (dropped: that
  expert's share is lost, the residual carries the token). y = Σ_e gate_e · expert_e(x) (+ shared).
  Load-balancing loss (Switch Transformer, Fedus et al. 2021, eq. 4, with top-k counting):
  aux = E · Σ_e f_e · P_e, f_e = (tokens routed to e) / (T·k) before dropping, P_e = mean prob.

Mamba-2 mixer (cfg.ssm = {dState N, headDim P, expand, convKernel K}); Di = expand·C, H = Di / P:

    blocks.{i}.ssm.in_proj.weight [2Di + 2N + H, C]   -> z [Di], xBC [Di + 2N], dt [H]
    blocks.{i}.ssm.conv.weight [Di + 2N, K]  conv.bias [Di + 2N]   causal depthwise conv on xBC
    blocks.{i}.ssm.dt_bias [H]  A_log [H]  D [H]
    blocks.{i}.ssm.norm.weight [Di]           gated RMSNorm: rms(y · silu(z)) · w
    blocks.{i}.ssm.out_proj.weight [C, Di]

  xBC = silu(conv(xBC)); x, B, C = split(xBC); dt = softplus(dt + dt_bias); A = -exp(A_log);
  h_t = exp(dt_t·A) h_{t-1} + dt_t · x_t ⊗ B_t  (per head h [P, N]);  y_t = h_t · C_t + D · x_t.
  Computed here (and in lib/model/ssm.ts) in the SSD quadratic form (Dao & Gu 2024):
  y = (L ∘ C Bᵀ)(dt·x), L[i, j] = exp(cs_i - cs_j) for j ≤ i, cs = cumsum(dt·A).
"""

from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def moe_in_layer(cfg, layer: int) -> bool:
    if not cfg.moe:
        return False
    layers = cfg.moe.get("layers")
    return layers is None or layer in layers


class MoE(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        from model import MLP

        m = cfg.moe
        self.E, self.k = int(m["experts"]), int(m["topK"])
        self.capacity_factor = m.get("capacityFactor")
        self.kind = cfg.mlp
        C, F_ = cfg.dModel, cfg.dFF
        self.router = nn.Linear(C, self.E, bias=False)
        self.w1 = nn.Parameter(torch.empty(self.E, F_, C))
        if cfg.mlp == "swiglu":
            self.w3 = nn.Parameter(torch.empty(self.E, F_, C))
        self.w2 = nn.Parameter(torch.empty(self.E, C, F_))
        if m.get("sharedExpert"):
            self.shared = MLP(cfg)
        self.aux_loss = torch.zeros(())

    def route(self, x):
        """x [B, T, C] -> logits, probs, chosen, gates, kept (all [B, T, E], fp32)."""
        B, T, _ = x.shape
        logits = F.linear(x.float(), self.router.weight.float())  # [B, T, E]
        probs = logits.softmax(-1)
        top = probs.topk(self.k, dim=-1).indices  # [B, T, k]
        chosen = torch.zeros_like(probs).scatter(-1, top, 1.0)  # [B, T, E]
        gates = probs * chosen
        gates = gates / gates.sum(-1, keepdim=True)
        kept = chosen
        if self.capacity_factor:
            cap = math.ceil(self.capacity_factor * T * self.k / self.E)
            kept = chosen * (chosen.cumsum(1) <= cap)  # first `cap` tokens per expert, in position order
            gates = gates * kept
        return logits, probs, chosen, gates, kept

    def forward(self, x, taps=None, layer=0):
        logits, probs, chosen, gates, kept = self.route(x)
        f = chosen.mean((0, 1)) / self.k  # [E] fraction of routed slots
        P = probs.mean((0, 1))  # [E]
        self.aux_loss = self.E * (f * P).sum()
        h = torch.einsum("btc,efc->btef", x, self.w1.to(x.dtype))  # [B, T, E, F]
        if self.kind == "swiglu":
            h = F.silu(h) * torch.einsum("btc,efc->btef", x, self.w3.to(x.dtype))
        else:
            h = F.gelu(h, approximate="tanh")
        ye = torch.einsum("btef,ecf->btec", h, self.w2.to(h.dtype))  # [B, T, E, C]
        y = torch.einsum("bte,btec->btc", gates.to(ye.dtype), ye)  # [B, T, C]
        if hasattr(self, "shared"):
            y = y + self.shared(x)
        if taps is not None:
            taps[f"moe_logits.{layer}"] = logits
            taps[f"moe_probs.{layer}"] = probs
            taps[f"moe_gates.{layer}"] = gates
        return y


class Mamba2Mixer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        s = cfg.ssm
        C = cfg.dModel
        self.N, self.P, self.K = int(s["dState"]), int(s["headDim"]), int(s["convKernel"])
        self.Di = int(s["expand"]) * C
        self.H = self.Di // self.P
        self.eps = cfg.normEps
        self.in_proj = nn.Linear(C, 2 * self.Di + 2 * self.N + self.H, bias=False)
        self.conv = nn.Module()
        self.conv.weight = nn.Parameter(torch.empty(self.Di + 2 * self.N, self.K))
        self.conv.bias = nn.Parameter(torch.empty(self.Di + 2 * self.N))
        self.dt_bias = nn.Parameter(torch.empty(self.H))
        self.A_log = nn.Parameter(torch.empty(self.H))
        self.D = nn.Parameter(torch.empty(self.H))
        self.norm = nn.Module()
        self.norm.weight = nn.Parameter(torch.empty(self.Di))
        self.out_proj = nn.Linear(self.Di, C, bias=False)
        self.reset_ssm_parameters()

    @torch.no_grad()
    def reset_ssm_parameters(self):
        """Mamba-2 defaults: A ~ U[1, 16], dt ~ logU[1e-3, 1e-1] (through softplus⁻¹), D = 1, conv ~ U(±1/√K)."""
        bound = 1 / math.sqrt(self.K)
        self.conv.weight.uniform_(-bound, bound)
        self.conv.bias.uniform_(-bound, bound)
        self.A_log.copy_(torch.log(torch.empty(self.H).uniform_(1, 16)))
        dt = torch.exp(torch.empty(self.H).uniform_(math.log(1e-3), math.log(1e-1))).clamp(min=1e-4)
        self.dt_bias.copy_(dt + torch.log(-torch.expm1(-dt)))
        self.D.fill_(1.0)
        self.norm.weight.fill_(1.0)

    def forward(self, u, taps=None, layer=0):
        """u [B, T, C] -> [B, T, C]."""
        zxbcdt = self.in_proj(u).float()  # [B, T, 2Di+2N+H]
        with torch.autocast(u.device.type, enabled=False):  # the scan math in fp32 (as served)
            g = self._core(zxbcdt, taps, layer)
        return self.out_proj(g.to(u.dtype))

    def _core(self, zxbcdt, taps, layer):
        B_, T, _ = zxbcdt.shape
        Di, N, H, P, K = self.Di, self.N, self.H, self.P, self.K
        u = zxbcdt
        z, xBC, dt = zxbcdt.split([Di, Di + 2 * N, H], dim=-1)
        xc = F.conv1d(xBC.transpose(1, 2), self.conv.weight.float()[:, None, :], self.conv.bias.float(),
                      padding=K - 1, groups=Di + 2 * N)[..., :T]  # [B, Di+2N, T] causal
        xBC = F.silu(xc.transpose(1, 2))  # [B, T, Di+2N]
        x, Bm, Cm = xBC.split([Di, N, N], dim=-1)
        dt = F.softplus(dt + self.dt_bias.float())  # [B, T, H]
        A = -torch.exp(self.A_log.float())  # [H]
        a = (dt * A).transpose(1, 2)  # [B, H, T]
        cs = a.cumsum(-1)  # [B, H, T]
        seg = cs[..., :, None] - cs[..., None, :]  # [B, H, T, T]  cs_i - cs_j
        causal = torch.ones(T, T, dtype=torch.bool, device=u.device).tril()
        L = torch.exp(seg.masked_fill(~causal, float("-inf")))  # [B, H, T, T]
        CB = Cm @ Bm.transpose(1, 2)  # [B, T, T]
        xh = x.view(B_, T, H, P).transpose(1, 2)  # [B, H, T, P]
        y = (L * CB[:, None]) @ (xh * dt.transpose(1, 2)[..., None])  # [B, H, T, P]
        y = y + self.D.float()[None, :, None, None] * xh
        y = y.transpose(1, 2).reshape(B_, T, Di)  # [B, T, Di]
        g = y * F.silu(z)
        g = g * torch.rsqrt(g.pow(2).mean(-1, keepdim=True) + self.eps) * self.norm.weight.float()
        if taps is not None:
            taps[f"ssm_dt.{layer}"] = dt
        return g


def count_params_moe_ssm(cfg) -> int:
    C, F_, V, L = cfg.dModel, cfg.dFF, cfg.vocabSize, cfg.nLayer
    assert not cfg.bias and cfg.norm == "rmsnorm", "MoE / SSM models here: rmsnorm, no biases"
    fw = 3 if cfg.mlp == "swiglu" else 2
    total = V * C + C  # embedding (tied head required below) + norm_f
    if not cfg.tiedEmbeddings:
        total += V * C
    if cfg.position == "learned":
        total += cfg.contextLength * C
    for i in range(L):
        total += 2 * C  # norm1, norm2
        if cfg.ssm:
            s = cfg.ssm
            Di = s["expand"] * C
            H, N, K = Di // s["headDim"], s["dState"], s["convKernel"]
            total += C * (2 * Di + 2 * N + H) + (Di + 2 * N) * (K + 1) + 3 * H + Di + Di * C
        else:
            hs, nh, nkv = cfg.head_size, cfg.nHead, cfg.nKvHead
            total += 2 * C * nh * hs + 2 * C * nkv * hs
        if moe_in_layer(cfg, i):
            E = cfg.moe["experts"]
            total += E * C + E * fw * C * F_ + (fw * C * F_ if cfg.moe.get("sharedExpert") else 0)
        else:
            total += fw * C * F_
    return total


def active_params(cfg) -> int:
    """Parameters one token's forward touches: every weight except the unchosen experts' (E-k per MoE layer)."""
    total = count_params_moe_ssm(cfg) if (cfg.moe or cfg.ssm) else None
    if total is None:
        from model import count_params

        return count_params(cfg)
    if not cfg.moe:
        return total
    fw = 3 if cfg.mlp == "swiglu" else 2
    n_moe = sum(moe_in_layer(cfg, i) for i in range(cfg.nLayer))
    return total - n_moe * (cfg.moe["experts"] - cfg.moe["topK"]) * fw * cfg.dModel * cfg.dFF


@torch.no_grad()
def routing_stats(model, vx: torch.Tensor, batch: int = 32, top: int = 25) -> dict:
    """What the experts specialise in, measured on validation windows vx [W, T] (fp32 model).

    Per MoE layer: the share of routed slots each expert takes, and per expert the token ids it is
    most often chosen for, ranked by lift = P(e chosen | token) / P(e chosen), among ids seen ≥ 20 times.
    """
    model.eval()
    cfg = model.cfg
    V, E = cfg.vocabSize, cfg.moe["experts"]
    dev = next(model.parameters()).device
    layers = [i for i in range(cfg.nLayer) if moe_in_layer(cfg, i)]
    counts = {i: torch.zeros(V, E, dtype=torch.float64) for i in layers}
    seen = torch.zeros(V, dtype=torch.float64)
    for s in range(0, vx.shape[0], batch):
        xb = vx[s : s + batch].to(dev)
        taps: dict = {}
        model(xb, taps=taps)
        ids = xb.reshape(-1).cpu()
        seen += torch.bincount(ids, minlength=V).double()
        for i in layers:
            ch = (taps[f"moe_gates.{i}"] > 0).reshape(-1, E).double().cpu()  # [W*T, E]
            counts[i].index_add_(0, ids, ch)
    out = {"windows": int(vx.shape[0]), "windowLen": int(vx.shape[1]), "layers": {}}
    k = cfg.moe["topK"]
    for i in layers:
        c = counts[i]
        share = c.sum(0) / c.sum()
        experts = []
        for e in range(E):
            p = c[:, e] / seen.clamp(min=1)  # P(chosen | token)
            lift = p / (share[e] * k)
            lift[seen < 20] = 0
            idx = torch.argsort(lift, descending=True)[:top]
            experts.append({"expert": e, "share": round(float(share[e]), 4),
                            "topTokens": [[int(t), round(float(lift[t]), 3), int(seen[t])] for t in idx]})
        out["layers"][str(i)] = experts
    return out
