"""
Train one Transformer from a lib/model TransformerConfig JSON and write everything the project
ships for it: weights (master fp32 + shipped dtype), config.json, a training log (loss curves for
lessons), samples, and the golden fixture for the TS parity tests.

    python3 training/train.py --config training/configs/lm.json --id lm --out .device-carry/out \
        --train training/data/austen.train.bin --val training/data/austen.val.bin

AdamW (decoupled weight decay on matrices and embeddings only), linear warm-up then cosine decay
to min_lr, gradient clipping, bf16 autocast on CUDA (fp32 master weights), periodic validation
on fixed windows, early stopping that keeps the best weights, seeded RNGs. See training/README.md.

--objective mlm trains an encoder-only masked LM instead (config attnMask bidirectional, vocabSize =
tokenizer + 1 with the last id = [MASK]): BERT's 15% / 80-10-10 masking, loss on the chosen positions
only, validation = masked-token loss on the fixed validation windows with a fixed seeded masking
(training/mlm.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import BatchSampler, load_tokens, mean_loss, parse_mix, val_windows  # noqa: E402
from export import generate, golden_fixture, save_weights, shipped_copy  # noqa: E402
from model import Transformer, TransformerConfig, count_params  # noqa: E402
from moe_ssm import active_params  # noqa: E402
import mlm  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", required=True, help="TransformerConfig JSON (camelCase, as lib/model/config.ts)")
    p.add_argument("--id", required=True, help="model id (folder name under --out)")
    p.add_argument("--out", required=True)
    p.add_argument("--train", required=True, help="token file(s) with mix weights: a.bin:3,b.bin:1")
    p.add_argument("--val", required=True, help="validation token file (Austen's last 5%%)")
    p.add_argument("--prompts", default="training/data/prompts.json")
    p.add_argument("--tokenizer", default="", help="tokenizer JSON, to decode samples into text")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--min-lr-frac", type=float, default=0.1)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--max-steps", type=int, default=5000)
    p.add_argument("--max-seconds", type=float, default=1e9, help="wall-clock cap on the training loop")
    p.add_argument("--eval-every", type=int, default=100)
    p.add_argument("--patience", type=int, default=10, help="evals without improvement before stopping")
    p.add_argument("--anneal-frac", type=float, default=0.0,
                   help="last fraction of max-steps trained on the FIRST --train file only (e.g. Austen after a mix)")
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--beta2", type=float, default=0.95)
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--ship-dtype", default="float16", choices=["float32", "float16", "bfloat16"])
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--compile", action="store_true", help="torch.compile the training forward")
    p.add_argument("--extra-eval-lens", default="", help="also report val loss at these window lengths, e.g. 256,512")
    p.add_argument("--fixture-val-windows", type=int, default=2)
    p.add_argument("--sample-tokens", type=int, default=120)
    p.add_argument("--objective", default="next-token", choices=["next-token", "mlm"],
                   help="mlm: BERT masked-token objective (needs attnMask bidirectional); [MASK] = vocabSize - 1")
    p.add_argument("--compare-lm", default="", help="mlm only: a causal model folder (config.json + model.safetensors) "
                   "whose next-token loss at the same [MASK] positions goes into the log")
    p.add_argument("--moe-aux", type=float, default=0.01, help="weight of the MoE load-balancing loss (summed over layers)")
    return p.parse_args(argv)


def lr_at(step: int, a) -> float:
    """Linear warm-up to a.lr over a.warmup steps, then cosine to a.lr * a.min_lr_frac at max_steps."""
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    t = min(1.0, (step - a.warmup) / max(1, a.max_steps - a.warmup))
    return a.lr * (a.min_lr_frac + (1 - a.min_lr_frac) * 0.5 * (1 + math.cos(math.pi * t)))


def make_optimizer(model, a):
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": a.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    extra = {"fused": True} if a.device.startswith("cuda") else {}  # (CPU smoke runs may have an older torch)
    return torch.optim.AdamW(groups, lr=a.lr, betas=(0.9, a.beta2), eps=1e-8, **extra)


def train(a) -> dict:
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    dev = torch.device(a.device)
    torch.backends.cuda.matmul.allow_tf32 = True  # training only; final numbers are recomputed in fp32
    with open(a.config) as f:
        cfg = TransformerConfig.from_dict(json.load(f))
    T = cfg.contextLength
    extra_lens = [int(s) for s in a.extra_eval_lens.split(",") if s]
    model = Transformer(cfg, dropout=a.dropout, max_len=max([T] + extra_lens)).to(dev)
    assert model.n_params() == count_params(cfg), (model.n_params(), count_params(cfg))
    fwd = torch.compile(model) if a.compile else model

    is_mlm = a.objective == "mlm"
    if is_mlm and cfg.mask_kind != "bidirectional":
        raise ValueError("--objective mlm needs attnMask {kind: 'bidirectional'}")
    mask_id = cfg.vocabSize - 1  # [MASK]; real tokens are 0..mask_id-1
    mask_gen = torch.Generator(device=dev).manual_seed(a.seed + 1)
    mix = parse_mix(a.train)
    sampler = BatchSampler([load_tokens(p) for p, _ in mix], [w for _, w in mix], T, a.batch_size, gen, dev)
    val = load_tokens(a.val)
    vx, vy = val_windows(val, T)
    if is_mlm:
        vi, vt, vk = mlm.val_mlm_windows(val, T, mask_id, mask_id)
    amp = torch.bfloat16 if dev.type == "cuda" else None
    opt = make_optimizer(model, a)

    log = {"id": a.id, "config": cfg.to_dict(), "params": model.n_params(), "activeParams": active_params(cfg), "args": vars(a),
           "tokensPerStep": a.batch_size * T, "trainTokens": {p: int(load_tokens(p).numel()) for p, _ in mix},
           "valTokens": int(val.numel()), "valWindows": int(vx.shape[0]),
           "trainLoss": [], "valLoss": [], "lr": []}
    best = {"val": float("inf"), "step": -1, "state": None}
    bad_evals, stop_reason = 0, "max-steps"
    run_loss = torch.zeros((), device=dev)
    run_n = 0
    t0 = time.time()
    step = 0
    for step in range(a.max_steps + 1):
        last = step == a.max_steps or time.time() - t0 > a.max_seconds
        if step % a.eval_every == 0 or last:
            v = mlm.mlm_eval(model, vi, vt, vk, 64, mask_id, amp)["all"]["loss"] if is_mlm else mean_loss(model, vx, vy, 64, amp)
            model.train()
            elapsed = time.time() - t0
            if run_n:
                log["trainLoss"].append([step, round(float(run_loss) / run_n, 5)])
            log["valLoss"].append([step, round(v, 5)])
            log["lr"].append([step, lr_at(step, a)])
            print(f"[{a.id}] step {step:6d}  val {v:.4f}  train {float(run_loss) / max(run_n, 1):.4f}  {elapsed:6.1f}s", flush=True)
            run_loss.zero_()
            run_n = 0
            if v < best["val"] - 1e-4:
                best = {"val": v, "step": step, "state": {k: t.detach().clone() for k, t in model.state_dict().items()}}
                bad_evals = 0
            else:
                bad_evals += 1
                if bad_evals >= a.patience:
                    stop_reason = "early-stop"
                    break
            if last:
                if step != a.max_steps:
                    stop_reason = "max-seconds"
                break
        for g in opt.param_groups:
            g["lr"] = lr_at(step, a)
        if a.anneal_frac and step == int(a.max_steps * (1 - a.anneal_frac)) and len(mix) > 1:
            sampler.set_weights([1.0] + [0.0] * (len(mix) - 1))
            log["annealFromStep"] = step
        x, y = sampler.next()
        if is_mlm:
            xin, tgt, _ = mlm.bert_mask(x, mask_id, mask_id, mask_gen)
        with torch.autocast(dev.type, dtype=amp, enabled=amp is not None):
            if is_mlm:
                logits, _ = fwd(xin)
                loss = mlm.mlm_loss(logits, tgt)
            else:
                _, loss = fwd(x, y)
        if cfg.moe:
            aux = model.aux_loss
            log.setdefault("auxLoss", [])
            if step % a.eval_every == 0:
                log["auxLoss"].append([step, round(float(aux), 5)])
            (loss + a.moe_aux * aux).backward()
        else:
            loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), a.grad_clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        run_loss += loss.detach()
        run_n += 1
    log.update({"stopReason": stop_reason, "stepsRun": step, "trainSeconds": round(time.time() - t0, 1),
                "bestStep": best["step"], "bestValLossBf16": round(best["val"], 5)})
    model.load_state_dict(best["state"])
    if is_mlm:
        return finish_mlm(model, cfg, a, log, val)
    return finish(model, cfg, a, log, val)


def finish(model, cfg, a, log, val) -> dict:
    out_dir = os.path.join(a.out, a.id)
    os.makedirs(out_dir, exist_ok=True)
    meta = {"id": a.id, "format": "pt", "config": json.dumps(cfg.to_dict())}
    sha_master = save_weights(model, os.path.join(out_dir, "model.fp32.safetensors"), "float32", meta)
    sha_ship = save_weights(model, os.path.join(out_dir, "model.safetensors"), a.ship_dtype, meta)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg.to_dict(), f, indent=2)

    ship = shipped_copy(model, a.ship_dtype)  # CPU fp32, weights through the shipped dtype
    torch.backends.cuda.matmul.allow_tf32 = False
    dev = torch.device(a.device)
    ship_dev = ship.to(dev)
    T = cfg.contextLength
    vx, vy = val_windows(val, T)
    val_loss = mean_loss(ship_dev, vx, vy, 32, None)  # fp32 math on the shipped weights
    extra = {}
    for n in [int(s) for s in a.extra_eval_lens.split(",") if s]:
        if cfg.position == "learned" and n > T:
            extra[str(n)] = None
            continue
        ex, ey = val_windows(val, n)
        extra[str(n)] = round(mean_loss(ship_dev, ex, ey, 16, None), 5)
    log.update({"valLoss_fp32_shipped": round(val_loss, 5), "valPerplexity": round(math.exp(val_loss), 3),
                "valLossAtLength": extra, "shipDtype": a.ship_dtype, "sha256": sha_ship, "sha256Master": sha_master,
                "bytes": os.path.getsize(os.path.join(out_dir, "model.safetensors"))})

    if cfg.moe:
        from moe_ssm import routing_stats

        log["moeRouting"] = routing_stats(ship_dev, vx)
    ship = ship_dev.cpu()
    decode = load_decoder(a.tokenizer)
    if cfg.moe and decode:
        for experts in log["moeRouting"]["layers"].values():
            for e in experts:
                e["topText"] = [decode([t]) for t, _, _ in e["topTokens"]]
    prompts = json.load(open(a.prompts)) if os.path.exists(a.prompts) else []
    samples = []
    for i, pr in enumerate(prompts[:3]):
        g = torch.Generator().manual_seed(a.seed + i)
        ids, _ = generate(ship, pr["ids"], a.sample_tokens, temperature=0.8, top_k=40, gen=g)
        samples.append({"prompt": pr.get("text"), "promptIds": pr["ids"], "ids": ids, "temperature": 0.8,
                        "topK": 40, "seed": a.seed + i, "text": decode(pr["ids"] + ids) if decode else None})
    log["samples"] = samples
    if prompts:
        cases = [dict(p) for p in prompts[:2]] + [{"name": "val-window", "text": None, "ids": val[:T].tolist()}]
        fixture = golden_fixture(ship, a.id, f"models/{a.id}/model.safetensors", a.ship_dtype, cases,
                                 val.tolist(), a.fixture_val_windows)
        fixture["sha256"] = sha_ship
        if decode:
            fixture["greedy"]["text"] = decode(cases[0]["ids"] + fixture["greedy"]["tokens"])
        with open(os.path.join(out_dir, "fixture.json"), "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
        log["fixtureValSliceLoss"] = fixture["valSlice"]["loss"]
    with open(os.path.join(out_dir, "log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"[{a.id}] done: params {log['params']}  best step {log['bestStep']}  val fp32 {val_loss:.4f} "
          f"(ppl {math.exp(val_loss):.2f})  bytes {log['bytes']}  stop {log['stopReason']}", flush=True)
    for s in samples:
        print(f"[{a.id}] sample: {s['text']!r}" if s["text"] else f"[{a.id}] sample ids: {s['ids'][:30]}", flush=True)
    return log


def finish_mlm(model, cfg, a, log, val) -> dict:
    """finish() for the masked LM: weights, masked-token numbers on the shipped weights, MLM fixture."""
    out_dir = os.path.join(a.out, a.id)
    os.makedirs(out_dir, exist_ok=True)
    meta = {"id": a.id, "format": "pt", "config": json.dumps(cfg.to_dict()), "maskTokenId": str(cfg.vocabSize - 1)}
    sha_master = save_weights(model, os.path.join(out_dir, "model.fp32.safetensors"), "float32", meta)
    sha_ship = save_weights(model, os.path.join(out_dir, "model.safetensors"), a.ship_dtype, meta)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg.to_dict(), f, indent=2)
    torch.backends.cuda.matmul.allow_tf32 = False
    dev = torch.device(a.device)
    ship = shipped_copy(model, a.ship_dtype).to(dev)  # fp32 math on the shipped weights
    T, mask_id = cfg.contextLength, cfg.vocabSize - 1
    vi, vt, vk = mlm.val_mlm_windows(val, T, mask_id, mask_id)
    ev = mlm.mlm_eval(ship, vi, vt, vk, 32, mask_id, None)
    log.update({"objective": "mlm", "maskTokenId": mask_id,
                "masking": {"recipe": "Devlin et al. 2019 sec. 3.1: 15% of positions; 80% [MASK], 10% random, 10% unchanged",
                            "valSeed": 20190524, "trainSeed": a.seed + 1},
                "valLoss_fp32_shipped": round(ev["all"]["loss"], 5), "valPerplexity": round(math.exp(ev["all"]["loss"]), 3),
                "valMlm": {k: {"loss": round(v["loss"], 5), "accuracy": round(v["accuracy"], 5), "positions": v["positions"]}
                           for k, v in ev.items()},
                "valLossAtLength": {}, "shipDtype": a.ship_dtype, "sha256": sha_ship, "sha256Master": sha_master,
                "bytes": os.path.getsize(os.path.join(out_dir, "model.safetensors"))})
    if a.compare_lm and os.path.exists(os.path.join(a.compare_lm, "config.json")):
        from safetensors.torch import load_file

        lcfg = TransformerConfig.from_dict(json.load(open(os.path.join(a.compare_lm, "config.json"))))
        lm = Transformer(lcfg, max_len=T)
        lm.load_state_dict({k: v.float() for k, v in load_file(os.path.join(a.compare_lm, "model.safetensors")).items()})
        c = mlm.causal_eval_same_positions(lm.to(dev), val, T, vk)
        log["compareCausal"] = {"model": a.compare_lm, "what": "next-token loss/accuracy at the same [MASK] positions "
                                "from the left context of the same 128-token window only (position 0 left out)",
                                "loss": round(c["loss"], 5), "accuracy": round(c["accuracy"], 5), "positions": c["positions"]}
    ship = ship.cpu()
    decode = load_decoder(a.tokenizer)
    prompts = json.load(open(a.prompts)) if os.path.exists(a.prompts) else []
    if len(prompts) >= 2:
        p0, p1 = list(prompts[0]["ids"]), list(prompts[1]["ids"])
        p0[len(p0) // 2] = mask_id  # one [MASK] in the middle
        for t in (3, len(p1) - 3):
            p1[t] = mask_id  # two [MASK]s
        W = 2
        cases = [{"name": prompts[0].get("name", "p0") + "-mask", "text": prompts[0].get("text"), "ids": p0},
                 {"name": prompts[1].get("name", "p1") + "-mask", "text": prompts[1].get("text"), "ids": p1},
                 {"name": "val-window", "text": None, "ids": vi[0].tolist()}]
        fixture = golden_fixture(ship, a.id, f"models/{a.id}/model.safetensors", a.ship_dtype, cases, val.tolist(), W)
        fixture["sha256"] = sha_ship
        fixture["greedy"]["note"] = "argmax over all V by re-running the whole prefix (no KV cache: the mask is bidirectional)"
        sl = mlm.mlm_eval(ship, vi[:W], vt[:W], vk[:W], W, mask_id, None)
        fixture["valSlice"] = {"file": "training/data/austen.val.bin", "startToken": 0, "windows": W, "windowLen": T,
                               "tokens": W * T, "objective": "mlm", "inputs": vi[:W].tolist(), "targets": vt[:W].tolist(),
                               "kind": vk[:W].tolist(), "loss": mlm.r6(sl["all"]["loss"]),
                               "accuracy": mlm.r6(sl["all"]["accuracy"]), "positions": sl["all"]["positions"],
                               "perplexity": mlm.r6(math.exp(sl["all"]["loss"]))}
        fixture["mlm"] = {"maskId": mask_id, "ignoreIndex": mlm.IGNORE,
                          "cases": [{"case": i, "masked": mlm.masked_fixture_entries(ship, c["ids"], mask_id)}
                                    for i, c in enumerate(cases)]}
        with open(os.path.join(out_dir, "fixture.json"), "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
        log["fixtureValSliceLoss"] = fixture["valSlice"]["loss"]
        if decode:  # what the model fills in, for the log
            log["fills"] = []
            for c, m in zip(cases[:2], fixture["mlm"]["cases"][:2]):
                ids = list(c["ids"])
                for e in m["masked"]:
                    ids[e["position"]] = e["top"][0][0]
                log["fills"].append({"input": decode([t for t in c["ids"] if t != mask_id]), "filled": decode(ids),
                                     "top5": [[decode([i]) for i, _ in e["top"][:5]] for e in m["masked"]]})
    with open(os.path.join(out_dir, "log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"[{a.id}] done: params {log['params']}  best step {log['bestStep']}  masked val fp32 {ev['all']['loss']:.4f} "
          f"acc {ev['all']['accuracy']:.4f} ([MASK] only {ev['mask']['loss']:.4f} / {ev['mask']['accuracy']:.4f})  "
          f"bytes {log['bytes']}  stop {log['stopReason']}", flush=True)
    if "compareCausal" in log:
        print(f"[{a.id}] causal {a.compare_lm} at the same positions: {log['compareCausal']}", flush=True)
    for f_ in log.get("fills", []):
        print(f"[{a.id}] fill: {f_}", flush=True)
    return log


def load_decoder(path: str):
    if not path or not os.path.exists(path):
        return None
    from bpe_decode import load_bpe_decoder

    return load_bpe_decoder(path)


if __name__ == "__main__":
    train(parse_args())
