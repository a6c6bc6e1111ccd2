"""
PyTorch mirror of lib/model/transformer.ts (decoder-only Transformer), by weight name.

The configuration is the TransformerConfig JSON of lib/model/config.ts (camelCase keys), and
the parameter names of this module ARE the safetensors keys that the TS model loads:

    tok_emb.weight [V, C]            pos_emb.weight [T, C]   (position == 'learned' only)
    blocks.{i}.norm1.weight [C]      blocks.{i}.attn.wq/wk/wv/wo.weight
    blocks.{i}.norm2.weight [C]      blocks.{i}.mlp.w1/w2(/w3).weight
    norm_f.weight [C]                lm_head.weight [V, C]   (tiedEmbeddings == false only)

Math conventions (same as config.ts): pre-norm blocks; hs = C / nh; query head h reads kv head
h // (nh / nkv); scale 1/sqrt(hs); mask = cfg.attnMask (causal by default; bidirectional = every
key visible, the encoder-only masked LM; window = causal and i - j < size or j < sinks); softmax in fp32; RoPE in the rotate-half layout
(dims j and j + hs/2 form pair j, invFreq[j] = base^(-2j/hs)); sinusoidal PE added to the
token embedding; ALiBi bias -slope[h] * (i - j); GELU = tanh approximation;
RMSNorm = x / sqrt(mean(x^2) + eps) * w. LayerNorm carries a bias iff cfg.bias.

Shapes: B batch, T time, C channels, nh heads, nkv kv-heads, hs head size, V vocab, F MLP width.

Left out: KV cache (generation here recomputes the prefix; models are tiny), RoPE scaling rules
(training uses the plain frequencies; lib/model/rope.ts rewrites them at inference).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class TransformerConfig:
    vocabSize: int
    contextLength: int
    nLayer: int
    dModel: int
    nHead: int
    nKvHead: int
    dFF: int
    norm: str  # 'layernorm' | 'rmsnorm'
    normEps: float
    position: str  # 'learned' | 'sinusoidal' | 'rope' | 'alibi'
    mlp: str  # 'gelu' | 'swiglu'
    tiedEmbeddings: bool
    bias: bool
    rope: Optional[dict] = None
    # {kind: 'causal' | 'bidirectional' | 'window', size?, sinks?}: which keys a query sees (config.ts AttentionMask)
    attnMask: Optional[dict] = None
    # {experts, topK, sharedExpert?, capacityFactor?, layers?}: MoE feed-forward (training/moe_ssm.py)
    moe: Optional[dict] = None
    # {dState, headDim, expand, convKernel}: every block's attention replaced by a Mamba-2 mixer
    ssm: Optional[dict] = None

    @staticmethod
    def from_dict(d: dict) -> "TransformerConfig":
        names = {f.name for f in fields(TransformerConfig)}
        unknown = set(d) - names
        if unknown:
            raise ValueError(f"unknown config keys: {sorted(unknown)}")
        cfg = TransformerConfig(**d)
        cfg.validate()
        return cfg

    def to_dict(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for k in ("rope", "attnMask", "moe", "ssm"):
            if out[k] is None:
                del out[k]
        return out

    @property
    def head_size(self) -> int:
        return self.dModel // self.nHead

    def validate(self) -> None:
        for k in ("vocabSize", "contextLength", "nLayer", "dModel", "nHead", "nKvHead", "dFF"):
            v = getattr(self, k)
            if not isinstance(v, int) or v <= 0:
                raise ValueError(f"{k} must be a positive integer (got {v})")
        if self.dModel % self.nHead:
            raise ValueError("dModel must be divisible by nHead")
        if self.nHead % self.nKvHead:
            raise ValueError("nHead must be divisible by nKvHead")
        if self.norm not in ("layernorm", "rmsnorm"):
            raise ValueError(f"bad norm {self.norm}")
        if self.position not in ("learned", "sinusoidal", "rope", "alibi", "none"):
            raise ValueError(f"bad position {self.position}")
        if self.mlp not in ("gelu", "swiglu"):
            raise ValueError(f"bad mlp {self.mlp}")
        if self.position == "rope":
            if self.head_size % 2:
                raise ValueError("RoPE needs an even head size")
            if not self.rope or "base" not in self.rope:
                raise ValueError('position "rope" needs a rope {base} block')
            kind = (self.rope.get("scaling") or {"kind": "none"})["kind"]
            if kind != "none":
                raise ValueError("training supports only rope.scaling.kind == 'none'")
        m = self.attnMask
        if m is not None:
            if m.get("kind") not in ("causal", "bidirectional", "window"):
                raise ValueError(f"bad attnMask {m}")
            if m["kind"] == "window" and (not isinstance(m.get("size"), int) or m["size"] < 1):
                raise ValueError("attnMask.size must be a positive integer")

    @property
    def mask_kind(self) -> str:
        return (self.attnMask or {"kind": "causal"})["kind"]


# ---------------------------------------------------------------------------------------------
# Position helpers (pure functions of the config)
# ---------------------------------------------------------------------------------------------


def rope_cos_sin(hs: int, base: float, positions: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin tables for rotate-half RoPE. positions [T] -> cos, sin [T, hs/2] (fp32).

    invFreq[j] = base^(-2j/hs), angle[t, j] = pos[t] * invFreq[j].
    """
    j = torch.arange(hs // 2, dtype=torch.float64)
    inv_freq = base ** (-2.0 * j / hs)  # [hs/2]
    ang = positions.to(torch.float64)[:, None] * inv_freq[None, :]  # [T, hs/2]
    return ang.cos().float(), ang.sin().float()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate pairs (j, j + hs/2). x [B, h, T, hs], cos/sin [T, hs/2] -> [B, h, T, hs]."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]  # [B, h, T, hs/2] each
    return torch.cat((x1 * cos - x2 * sin, x2 * cos + x1 * sin), dim=-1)


def alibi_slopes(n: int) -> list[float]:
    """Press et al.'s slopes: 2^(-8(h+1)/n) for n a power of two, else the interleaving rule.

    Example: n = 4 -> [1/4, 1/16, 1/64, 1/256]; n = 6 -> slopes(4) + slopes(8)[0::2][:2].
    """

    def pow2(m: int) -> list[float]:
        return [2.0 ** (-8.0 * (h + 1) / m) for h in range(m)]

    if n & (n - 1) == 0:
        return pow2(n)
    m = 2 ** math.floor(math.log2(n))
    return pow2(m) + pow2(2 * m)[0::2][: n - m]


def sinusoidal_table(T: int, C: int) -> torch.Tensor:
    """PE[pos, 2j] = sin(pos / 10000^(2j/C)), PE[pos, 2j+1] = cos(same). -> [T, C] fp32."""
    pos = torch.arange(T, dtype=torch.float64)[:, None]  # [T, 1]
    two_j = torch.arange(0, C, 2, dtype=torch.float64)[None, :]  # [1, C/2]
    ang = pos / (10000.0 ** (two_j / C))  # [T, C/2]
    pe = torch.zeros(T, C, dtype=torch.float64)
    pe[:, 0::2] = ang.sin()
    pe[:, 1::2] = ang.cos()[:, : pe[:, 1::2].shape[1]]
    return pe.float()


# ---------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------


class RMSNorm(nn.Module):
    def __init__(self, C: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(C))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        xf = x.float()
        y = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)  # [..., C]
        return (y * self.weight.float()).to(x.dtype)


def make_norm(cfg: TransformerConfig) -> nn.Module:
    if cfg.norm == "rmsnorm":
        return RMSNorm(cfg.dModel, cfg.normEps)
    return nn.LayerNorm(cfg.dModel, eps=cfg.normEps, bias=cfg.bias)


def visible_keys(cfg: TransformerConfig, T: int, device) -> Optional[torch.Tensor]:
    """Bool [T, T]: may query i see key j? None = every key (bidirectional). Mirrors positions.ts hiddenKeys."""
    m = cfg.attnMask or {"kind": "causal"}
    if m["kind"] == "bidirectional":
        return None
    i = torch.arange(T, device=device)[:, None]  # [T, 1]
    j = torch.arange(T, device=device)[None, :]  # [1, T]
    vis = j <= i  # [T, T] causal
    if m["kind"] == "window":
        vis = vis & ((i - j < m["size"]) | (j < m.get("sinks", 0)))
    return vis


class Attention(nn.Module):
    def __init__(self, cfg: TransformerConfig, dropout: float):
        super().__init__()
        self.cfg = cfg
        hs, nh, nkv, C = cfg.head_size, cfg.nHead, cfg.nKvHead, cfg.dModel
        self.wq = nn.Linear(C, nh * hs, bias=cfg.bias)
        self.wk = nn.Linear(C, nkv * hs, bias=cfg.bias)
        self.wv = nn.Linear(C, nkv * hs, bias=cfg.bias)
        self.wo = nn.Linear(nh * hs, C, bias=cfg.bias)
        self.dropout = dropout

    def forward(self, x: torch.Tensor, pos: "PositionState", taps: Optional[dict], layer: int) -> torch.Tensor:
        cfg = self.cfg
        B, T, C = x.shape
        hs, nh, nkv = cfg.head_size, cfg.nHead, cfg.nKvHead
        q = self.wq(x).view(B, T, nh, hs).transpose(1, 2)  # [B, nh, T, hs]
        k = self.wk(x).view(B, T, nkv, hs).transpose(1, 2)  # [B, nkv, T, hs]
        v = self.wv(x).view(B, T, nkv, hs).transpose(1, 2)  # [B, nkv, T, hs]
        if cfg.position == "rope":  # rotate in fp32 (inference runs fp32), then back to q's dtype
            cos, sin = pos.cos[:T], pos.sin[:T]  # [T, hs/2]
            q = apply_rope(q.float(), cos, sin).to(v.dtype)
            k = apply_rope(k.float(), cos, sin).to(v.dtype)
        if nkv != nh:  # GQA: query head h reads kv head h // (nh / nkv)
            k = k.repeat_interleave(nh // nkv, dim=1)  # [B, nh, T, hs]
            v = v.repeat_interleave(nh // nkv, dim=1)  # [B, nh, T, hs]
        p_drop = self.dropout if self.training else 0.0
        kind = cfg.mask_kind
        if taps is None and cfg.position != "alibi" and kind != "window" and hasattr(F, "scaled_dot_product_attention"):
            y = F.scaled_dot_product_attention(q, k, v, dropout_p=p_drop, is_causal=kind == "causal")  # [B, nh, T, hs]
        else:  # explicit fp32 scores: ALiBi biases stay exact, and taps can publish scores/probs
            scores = (q.float() @ k.float().transpose(-2, -1)) / math.sqrt(hs)  # [B, nh, T, T]
            if cfg.position == "alibi":
                scores = scores + pos.alibi[:, :T, :T][None]  # bias -slope*(i-j) (both sides of the diagonal)
            visible = visible_keys(cfg, T, x.device)  # [T, T] or None (bidirectional)
            if visible is not None:
                scores = scores.masked_fill(~visible, float("-inf"))
            probs = scores.softmax(-1)  # [B, nh, T, T]
            if taps is not None:
                taps[f"attn_scores.{layer}"] = scores
                taps[f"attn_probs.{layer}"] = probs
            y = F.dropout(probs, p_drop).to(v.dtype) @ v  # [B, nh, T, hs]
        y = y.transpose(1, 2).reshape(B, T, nh * hs)  # [B, T, nh*hs]
        return self.wo(y)  # [B, T, C]


class MLP(nn.Module):
    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.kind = cfg.mlp
        self.w1 = nn.Linear(cfg.dModel, cfg.dFF, bias=cfg.bias)
        if cfg.mlp == "swiglu":
            self.w3 = nn.Linear(cfg.dModel, cfg.dFF, bias=cfg.bias)
        self.w2 = nn.Linear(cfg.dFF, cfg.dModel, bias=cfg.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.kind == "swiglu":
            h = F.silu(self.w1(x)) * self.w3(x)  # [B, T, F]
        else:
            h = F.gelu(self.w1(x), approximate="tanh")  # [B, T, F]
        return self.w2(h)  # [B, T, C]


class Block(nn.Module):
    def __init__(self, cfg: TransformerConfig, dropout: float, layer: int = 0):
        super().__init__()
        from moe_ssm import MoE, Mamba2Mixer, moe_in_layer

        self.norm1 = make_norm(cfg)
        if cfg.ssm:
            self.ssm = Mamba2Mixer(cfg)
        else:
            self.attn = Attention(cfg, dropout)
        self.norm2 = make_norm(cfg)
        if moe_in_layer(cfg, layer):
            self.moe = MoE(cfg)
        else:
            self.mlp = MLP(cfg)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, pos, taps, layer):
        mixer = self.ssm(self.norm1(x), taps, layer) if hasattr(self, "ssm") else self.attn(self.norm1(x), pos, taps, layer)
        x = x + self.drop(mixer)  # [B, T, C]
        if taps is not None:
            taps[f"resid_mid.{layer}"] = x
        ff = self.moe(self.norm2(x), taps, layer) if hasattr(self, "moe") else self.mlp(self.norm2(x))
        x = x + self.drop(ff)  # [B, T, C]
        if taps is not None:
            taps[f"resid_post.{layer}"] = x
        return x


class PositionState(nn.Module):
    """Non-persistent tables (never saved): RoPE cos/sin, ALiBi bias, sinusoidal PE.

    Built for max_len positions (>= contextLength) so eval may run past the training context.
    """

    def __init__(self, cfg: TransformerConfig, max_len: int):
        super().__init__()
        t = torch.arange(max_len)
        if cfg.position == "rope":
            cos, sin = rope_cos_sin(cfg.head_size, float(cfg.rope["base"]), t)
            self.register_buffer("cos", cos, persistent=False)  # [Tm, hs/2]
            self.register_buffer("sin", sin, persistent=False)  # [Tm, hs/2]
        if cfg.position == "alibi":
            slopes = torch.tensor(alibi_slopes(cfg.nHead))  # [nh]
            dist = (t[:, None] - t[None, :]).float()  # [Tm, Tm]  i - j
            bias = -slopes[:, None, None] * dist[None]  # [nh, Tm, Tm]
            # no -inf here: the mask (cfg.attnMask) is applied separately, as lib/model/positions.ts does
            self.register_buffer("alibi", bias, persistent=False)
        if cfg.position == "sinusoidal":
            self.register_buffer("pe", sinusoidal_table(max_len, cfg.dModel), persistent=False)  # [Tm, C]


class Transformer(nn.Module):
    def __init__(self, cfg: TransformerConfig, dropout: float = 0.0, max_len: Optional[int] = None):
        super().__init__()
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocabSize, cfg.dModel)
        if cfg.position == "learned":
            self.pos_emb = nn.Embedding(cfg.contextLength, cfg.dModel)
        self.pos = PositionState(cfg, max(max_len or 0, cfg.contextLength))
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(cfg, dropout, i) for i in range(cfg.nLayer)])
        self.norm_f = make_norm(cfg)
        if not cfg.tiedEmbeddings:
            self.lm_head = nn.Linear(cfg.dModel, cfg.vocabSize, bias=False)
        self._init_weights()

    def _init_weights(self) -> None:
        """GPT-2 style: N(0, 0.02), residual output projections scaled by 1/sqrt(2L)."""
        for name, p in self.named_parameters():
            if ".ssm." in name and not name.endswith(("in_proj.weight", "out_proj.weight")):
                continue  # Mamba-2's own init (moe_ssm.Mamba2Mixer.reset_ssm_parameters)
            if name.endswith(".bias"):
                nn.init.zeros_(p)
            elif "norm" in name:
                nn.init.ones_(p)
            else:
                std = 0.02
                if name.endswith(("attn.wo.weight", "mlp.w2.weight", "moe.w2", "ssm.out_proj.weight")):
                    std = 0.02 / math.sqrt(2 * self.cfg.nLayer)
                nn.init.normal_(p, 0.0, std)

    def head_weight(self) -> torch.Tensor:
        return self.tok_emb.weight if self.cfg.tiedEmbeddings else self.lm_head.weight  # [V, C]

    def forward(self, idx: torch.Tensor, targets: Optional[torch.Tensor] = None, taps: Optional[dict] = None):
        """idx [B, T] int64 -> logits [B, T, V] (fp32 when taps, else autocast dtype), loss."""
        B, T = idx.shape
        x = self.tok_emb(idx)  # [B, T, C]
        if self.cfg.position == "learned":
            if T > self.cfg.contextLength:
                raise ValueError(f"learned positions stop at {self.cfg.contextLength}")
            x = x + self.pos_emb.weight[:T][None]  # [B, T, C]
        elif self.cfg.position == "sinusoidal":
            x = x + self.pos.pe[:T][None].to(x.dtype)  # [B, T, C]
        if taps is not None:
            taps["embed"] = x
        x = self.drop(x)
        self.aux_loss = torch.zeros((), device=x.device)  # MoE load-balancing loss, summed over layers
        for i, block in enumerate(self.blocks):
            x = block(x, self.pos, taps, i)  # [B, T, C]
            if hasattr(block, "moe"):
                self.aux_loss = self.aux_loss + block.moe.aux_loss
        x = self.norm_f(x)  # [B, T, C]
        if taps is not None:
            taps["final_norm"] = x
        logits = F.linear(x, self.head_weight())  # [B, T, V]
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.float().view(-1, logits.size(-1)), targets.reshape(-1))
        return logits, loss

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


def count_params(cfg: TransformerConfig) -> int:
    """Closed-form parameter count (no torch needed to reason about budgets)."""
    if cfg.moe or cfg.ssm:
        from moe_ssm import count_params_moe_ssm

        return count_params_moe_ssm(cfg)
    C, F_, V, L = cfg.dModel, cfg.dFF, cfg.vocabSize, cfg.nLayer
    hs, nh, nkv = cfg.head_size, cfg.nHead, cfg.nKvHead
    b = 1 if cfg.bias else 0
    norm = C * (2 if (cfg.norm == "layernorm" and cfg.bias) else 1)
    attn = C * nh * hs + 2 * C * nkv * hs + nh * hs * C + b * (nh * hs + 2 * nkv * hs + C)
    mlp = (3 if cfg.mlp == "swiglu" else 2) * C * F_ + b * ((2 if cfg.mlp == "swiglu" else 1) * F_ + C)
    total = V * C + L * (2 * norm + attn + mlp) + norm
    if cfg.position == "learned":
        total += cfg.contextLength * C
    if not cfg.tiedEmbeddings:
        total += V * C
    return total
