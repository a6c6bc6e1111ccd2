"""
Everything written after training: the safetensors files, generations, and the golden fixture
that test/lib/models/*.test.ts checks the TS eager model and the ONNX graph against.

Goldens are computed by PyTorch on the CPU in fp32 from the SHIPPED weights (e.g. fp16 rounded
back to fp32), exactly the numbers the TS side sees after loading the file.
"""

from __future__ import annotations

import copy
import hashlib
import math

import torch
from safetensors.torch import save_file

SHIP_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}

def contract_state(model) -> dict[str, torch.Tensor]:
    """The weights under their contract names (config.ts); no non-persistent tables."""
    return {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}


def save_weights(model, path: str, dtype: str, metadata: dict[str, str]) -> str:
    """Writes safetensors in `dtype`; returns the file's sha256 (hex)."""
    tensors = {k: v.to(SHIP_DTYPES[dtype]) for k, v in contract_state(model).items()}
    save_file(tensors, path, metadata=metadata)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def shipped_copy(model, dtype: str):
    """A CPU fp32 copy whose weights went through the shipped dtype (what TS will load)."""
    m = copy.deepcopy(model).cpu().float()
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.to(SHIP_DTYPES[dtype]).float())
    return m.eval()


def r6(x: float) -> float:
    """Round to 6 significant digits (fixture size; far below the 1e-3 test tolerance)."""
    return float(f"{x:.6g}")


def flat(t: torch.Tensor) -> list[float]:
    return [r6(v) for v in t.reshape(-1).tolist()]


@torch.no_grad()
def generate(model, ids: list[int], n: int, temperature: float = 0.0, top_k: int = 0, gen=None, max_ctx=None):
    """Appends n tokens. temperature 0 = greedy (argmax, lowest id on ties). Returns (new ids, margins).

    margins[i] is logit(top1) - logit(top2) at greedy step i (how safe the argmax is across runtimes).
    """
    model.eval()
    out, margins = list(ids), []
    ctx = max_ctx or model.cfg.contextLength
    for _ in range(n):
        x = torch.tensor([out[-ctx:]])
        logits, _ = model(x)
        last = logits[0, -1].float()  # [V]
        if temperature == 0.0:
            top2 = torch.topk(last, 2)
            margins.append(r6(float(top2.values[0] - top2.values[1])))
            out.append(int(torch.argmax(last)))
            continue
        scaled = last / temperature
        if top_k:
            kth = torch.topk(scaled, top_k).values[-1]
            scaled = scaled.masked_fill(scaled < kth, float("-inf"))
        probs = scaled.softmax(-1)
        out.append(int(torch.multinomial(probs, 1, generator=gen)))
    return out[len(ids) :], margins


@torch.no_grad()
def golden_fixture(model, model_id: str, weights_path: str, dtype: str, cases: list[dict], val_ids: list[int],
                   val_windows: int, greedy_steps: int = 20, stride: int = 8, probe_ids=None) -> dict:
    """model: CPU fp32 shipped copy. cases: [{name, text, ids}] (case 0 gets taps + greedy)."""
    cfg = model.cfg
    V, T = cfg.vocabSize, cfg.contextLength
    probe_ids = probe_ids or [(i * (V // 16) + 7) % V for i in range(16)]
    out_cases = []
    for ci, case in enumerate(cases):
        ids = case["ids"][:T]
        logits, _ = model(torch.tensor([ids]))
        last = logits[0, -1]  # [V]
        top = torch.topk(last, 10)
        entry = {
            "name": case["name"],
            "text": case.get("text"),
            "ids": ids,
            "lastLogSumExp": r6(float(torch.logsumexp(last, -1))),
            "lastTop": [[int(i), r6(float(v))] for i, v in zip(top.indices, top.values)],
            "lastLogitsStrided": {"stride": stride, "values": flat(last[::stride])},
        }
        if ci == 1:  # every position, a few vocab columns: checks causal masking and positions
            entry["positionLogits"] = {"vocab": probe_ids, "values": flat(logits[0][:, probe_ids])}
        out_cases.append(entry)

    taps: dict = {}
    ids0 = cases[0]["ids"][:T]
    model(torch.tensor([ids0]), taps=taps)
    L, n = cfg.nLayer, len(ids0)
    # Keys are lib/model/names.ts tap names. 'values' = the whole tensor (row-major, batch dim 1
    # included in 'shape'); 'lastPosition' = only the row of the last token ([C]).
    tap_out = {"tap.embed": {"shape": [1, n, cfg.dModel], "lastPosition": flat(taps["embed"][0, -1])}}
    for layer in sorted({0, L - 1}):
        for key, name in (("attn_probs", "attn.probs"), ("moe_probs", "moe.router_probs"), ("moe_gates", "moe.gates"),
                          ("ssm_dt", "ssm.dt")):
            if f"{key}.{layer}" in taps:  # attn [1, nh, T, T]; moe [1, T, E]; ssm dt [1, T, H]
                t = taps[f"{key}.{layer}"]
                tap_out[f"tap.blocks.{layer}.{name}"] = {"shape": list(t.shape), "values": flat(t)}
    for layer in range(L):
        for key in ("resid_mid", "resid_post"):
            t = taps[f"{key}.{layer}"]  # [1, T, C]
            tap_out[f"tap.blocks.{layer}.{key}"] = {"shape": list(t.shape), "lastPosition": flat(t[0, -1])}

    greedy, margins = generate(model, ids0, greedy_steps)

    vx = torch.tensor(val_ids[: val_windows * T + 1])
    xs = vx[:-1].view(val_windows, T)  # [W, T]
    ys = vx[1:].view(val_windows, T)  # [W, T]
    lg, _ = model(xs)
    slice_loss = float(torch.nn.functional.cross_entropy(lg.reshape(-1, V), ys.reshape(-1)))

    return {
        "id": model_id,
        "weights": weights_path,
        "dtype": dtype,
        "config": cfg.to_dict(),
        "computedBy": f"PyTorch {torch.__version__}, CPU, fp32 math on the shipped {dtype} weights",
        "cases": out_cases,
        "taps": {"case": 0, "values": tap_out},
        "greedy": {"case": 0, "steps": greedy_steps, "tokens": greedy, "margins": margins},
        "valSlice": {"file": "training/data/austen.val.bin", "startToken": 0, "windows": val_windows,
                     "windowLen": T, "tokens": val_windows * T, "loss": r6(slice_loss),
                     "perplexity": r6(math.exp(slice_loss))},
    }
