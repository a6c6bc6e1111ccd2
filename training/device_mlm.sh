#!/usr/bin/env bash
# The one GPU call for lm-mlm (issue 12): self-test (naive float64 reference, every attnMask kind
# included), then the encoder-only masked LM with lm's corpus mix (2:1:1, last 25% Austen only) and
# BERT's masking (training/mlm.py), --max-steps sized by steps_for.py to a time box of SECONDS_BOX
# seconds of training (default 330 s: about 6 minutes of device time with start-up and export).
# Run from a folder holding training/ and models/ (tokenizer + lm for the comparison):
#   OUT=/some/dir bash training/device_mlm.sh           SMOKE=1 on a CPU: 30 steps, no timing
set -uo pipefail
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4
OUT=${OUT:-/tmp/out}
RUNS=${RUNS:-/tmp/runs-mlm}
SECONDS_BOX=${SECONDS_BOX:-330}
PY=${PY:-python3}
mkdir -p "$RUNS/stdout" "$OUT"
$PY training/selftest.py > "$RUNS/stdout/selftest.txt" 2>&1; echo "selftest rc $?"
cat "$RUNS/stdout/selftest.txt"
D=training/data
MIX="$D/austen.train.bin:2,$D/moby-dick.bin:1,$D/kjv.bin:1"
if [ "${SMOKE:-0}" = 1 ]; then
  STEPS=30; EXTRA="--device cpu --eval-every 10 --batch-size 8 --warmup 5"; CMP=""
else
  STEPS=$($PY training/steps_for.py training/configs/lm-mlm.json $((SECONDS_BOX * 9 / 10)) 20000); EXTRA="--eval-every 200"; CMP=models/lm
fi
echo "steps: $STEPS"
$PY training/train.py --id lm-mlm --config training/configs/lm-mlm.json --objective mlm --compare-lm "$CMP" \
  --val $D/austen.val.bin --prompts $D/prompts.json --tokenizer models/tokenizer/austen-bpe-4096.json --out "$RUNS" \
  --patience 10 --max-seconds "$SECONDS_BOX" --train "$MIX" --dropout 0.1 --anneal-frac 0.25 \
  --max-steps "$STEPS" $EXTRA > "$RUNS/stdout/lm-mlm.txt" 2>&1
echo "train rc $?"
grep -h "done:\|fill:\|causal" "$RUNS"/stdout/lm-mlm.txt | cut -c1-600
grep -h -B2 -A12 "Error\|Traceback" "$RUNS"/stdout/lm-mlm.txt | head -60
tail -4 "$RUNS"/stdout/lm-mlm.txt
cd "$RUNS"
tar cf "$OUT/mlm.tar" $(for f in model.safetensors config.json log.json fixture.json; do [ -f lm-mlm/$f ] && echo lm-mlm/$f; done) stdout
tar cf "$OUT/master.tar" lm-mlm/model.fp32.safetensors 2>/dev/null || true
ls -la "$OUT"
