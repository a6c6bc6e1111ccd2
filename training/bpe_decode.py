"""
Decode ids of OUR byte-level BPE (lib/tokenizer) in Python, only to print training samples.

Ids 0..255 are the bytes; merge i creates id 256 + i from the pair (a, b); special tokens come
after the merges. Bytes are joined and decoded as UTF-8 (invalid bytes -> U+FFFD), which is
what Tokenizer.decode does on the TS side.
"""

from __future__ import annotations

import json


def load_bpe_decoder(path: str):
    with open(path) as f:
        data = json.load(f)
    merges = data["merges"]
    vocab: list[bytes] = [bytes([b]) for b in range(256)]
    for a, b in merges:
        vocab.append(vocab[a] + vocab[b])
    specials = {int(i): t.encode() for t, i in (data.get("specialTokens") or {}).items()}

    def decode(ids: list[int]) -> str:
        parts = [specials[i] if i in specials else vocab[i] for i in ids if i in specials or i < len(vocab)]
        return b"".join(parts).decode("utf-8", errors="replace")

    return decode
