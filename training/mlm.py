"""
Masked-language-model objective for an encoder-only model (cfg.attnMask = {kind: 'bidirectional'}).

BERT's recipe (Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional Transformers for
Language Understanding", section 3.1 "Task #1: Masked LM" and appendix C.2): choose 15% of the
positions of each sequence; of the chosen, replace 80% by [MASK], 10% by a random token, leave
10% unchanged; the loss is the cross-entropy of the ORIGINAL token at the chosen positions only.

The [MASK] token: our BPE (models/tokenizer/austen-bpe-4096.json) has ids 0..4095 and no special
tokens, so the masked LM has vocabSize 4097 and id 4096 = [MASK]. Only the model knows it: the
tokenizer never emits it, random replacements draw from 0..4095, targets are never 4096, and the
TS side (lib/interp/mlm.ts) excludes it from predictions.

Shapes: B batch, T time, V vocab (4097), N tokens.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

MASK_FRAC = 0.15  # share of positions chosen
MASK_ID_FRAC, RANDOM_FRAC = 0.8, 0.1  # of the chosen: [MASK], random token (the rest unchanged)
IGNORE = -100  # cross_entropy's ignore_index: positions without a loss


def bert_mask(x: torch.Tensor, mask_id: int, n_real: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """x [B, T] int64 -> (inputs [B, T], targets [B, T] (IGNORE where not chosen), kind [B, T] int8).

    kind: 0 not chosen, 1 -> [MASK], 2 -> random token in 0..n_real-1, 3 chosen but unchanged.
    Random numbers come from `gen` (on x's device), so a fixed seed gives a fixed masking.
    """
    u = torch.rand(x.shape, generator=gen, device=x.device)  # [B, T] chosen?
    r = torch.rand(x.shape, generator=gen, device=x.device)  # [B, T] which replacement
    rnd = torch.randint(0, n_real, x.shape, generator=gen, device=x.device)  # [B, T]
    chosen = u < MASK_FRAC
    to_mask = chosen & (r < MASK_ID_FRAC)
    to_rand = chosen & (r >= MASK_ID_FRAC) & (r < MASK_ID_FRAC + RANDOM_FRAC)
    inputs = torch.where(to_mask, torch.full_like(x, mask_id), torch.where(to_rand, rnd, x))  # [B, T]
    targets = torch.where(chosen, x, torch.full_like(x, IGNORE))  # [B, T]
    kind = torch.zeros_like(x, dtype=torch.int8)
    kind[chosen] = 3
    kind[to_rand] = 2
    kind[to_mask] = 1
    return inputs, targets, kind


def mlm_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over chosen positions. logits [B, T, V], targets [B, T] -> scalar."""
    return F.cross_entropy(logits.float().reshape(-1, logits.size(-1)), targets.reshape(-1), ignore_index=IGNORE)


def val_mlm_windows(tokens: torch.Tensor, T: int, mask_id: int, n_real: int, seed: int = 20190524):
    """Non-overlapping windows of the whole validation file, each masked once with a fixed seed.

    tokens [N] -> inputs, targets [W, T], kind [W, T] (W = N // T). Same numbers every call.
    """
    W = tokens.numel() // T
    x = tokens[: W * T].view(W, T)  # [W, T]
    gen = torch.Generator().manual_seed(seed)
    return bert_mask(x, mask_id, n_real, gen)


@torch.no_grad()
def mlm_eval(model, inputs, targets, kind, batch: int, mask_id: int, autocast_dtype=None) -> dict:
    """Masked-token loss (nats) and top-1 accuracy, over all chosen positions and over the [MASK] ones.

    Predictions never count [MASK] itself (its logit is excluded from the argmax, as in lib/interp/mlm.ts);
    the loss is the plain softmax over all V logits, as in training.
    """
    model.eval()
    dev = next(model.parameters()).device
    acc = {"all": [0.0, 0, 0], "mask": [0.0, 0, 0]}  # nll sum, correct, count
    for i in range(0, inputs.shape[0], batch):
        xb, yb, kb = inputs[i : i + batch].to(dev), targets[i : i + batch].to(dev), kind[i : i + batch].to(dev)
        with torch.autocast(dev.type, dtype=autocast_dtype, enabled=autocast_dtype is not None):
            logits, _ = model(xb)
        logits = logits.float()  # [b, T, V]
        nll = F.cross_entropy(logits.reshape(-1, logits.size(-1)), yb.reshape(-1).clamp_min(0), reduction="none").view(yb.shape)
        pred = logits[..., :mask_id].argmax(-1)  # [b, T]
        for key, sel in (("all", kb > 0), ("mask", kb == 1)):
            acc[key][0] += float(nll[sel].sum())
            acc[key][1] += int((pred[sel] == yb[sel]).sum())
            acc[key][2] += int(sel.sum())
    out = {}
    for key, (s, c, n) in acc.items():
        out[key] = {"loss": s / max(n, 1), "accuracy": c / max(n, 1), "positions": n}
    return out


@torch.no_grad()
def causal_eval_same_positions(lm, tokens: torch.Tensor, T: int, kind: torch.Tensor, batch: int = 32) -> dict:
    """A causal LM's next-token loss/accuracy at the positions the masked LM had [MASK] (kind == 1).

    Same windows as val_mlm_windows; position t is predicted from tokens < t of its window only
    (position 0 has no left context and is left out). lm's vocabulary is 4096 (no [MASK]).
    """
    lm.eval()
    dev = next(lm.parameters()).device
    W = tokens.numel() // T
    x = tokens[: W * T].view(W, T)  # [W, T]
    s, c, n = 0.0, 0, 0
    for i in range(0, W, batch):
        xb, kb = x[i : i + batch].to(dev), kind[i : i + batch].to(dev)
        logits, _ = lm(xb)  # [b, T, V]
        logits = logits.float()
        pred_logits = logits[:, :-1]  # position t-1 predicts token t
        tgt = xb[:, 1:]  # [b, T-1]
        sel = kb[:, 1:] == 1
        nll = F.cross_entropy(pred_logits.reshape(-1, logits.size(-1)), tgt.reshape(-1), reduction="none").view(tgt.shape)
        s += float(nll[sel].sum())
        c += int((pred_logits.argmax(-1)[sel] == tgt[sel]).sum())
        n += int(sel.sum())
    return {"loss": s / max(n, 1), "accuracy": c / max(n, 1), "positions": n}


def r6(x: float) -> float:
    return float(f"{x:.6g}")


@torch.no_grad()
def masked_fixture_entries(model, ids: list[int], mask_id: int, top: int = 10) -> list[dict]:
    """For every [MASK] position of ids: top-`top` real-token logits and the log-sum-exp over all V."""
    logits, _ = model(torch.tensor([ids]))
    out = []
    for t, tok in enumerate(ids):
        if tok != mask_id:
            continue
        row = logits[0, t].float()  # [V]
        tv = torch.topk(row[:mask_id], top)
        out.append({"position": t, "logSumExp": r6(float(torch.logsumexp(row, -1))),
                    "top": [[int(i), r6(float(v))] for i, v in zip(tv.indices, tv.values)]})
    return out
