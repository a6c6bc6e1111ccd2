#!/usr/bin/env bash
# The one GPU call for lm-moe and lm-ssm (issue 11): self-test (naive float64 references of the
# MoE and the Mamba-2 mixer), then both runs in parallel with lm's recipe (mix 2:1:1, dropout 0.2,
# last 25% Austen only), each sized to the time box by steps_for.py. Run from a folder holding
# training/ and models/tokenizer/:   OUT=/some/dir bash training/device_moe_ssm.sh
set -uo pipefail
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4
OUT=${OUT:-/tmp/out}
RUNS=${RUNS:-/tmp/runs-moe-ssm}
SECONDS_BOX=${SECONDS_BOX:-390}
mkdir -p "$RUNS/stdout"
python3 training/selftest.py > "$RUNS/stdout/selftest.txt" 2>&1; echo "selftest rc $?"
cat "$RUNS/stdout/selftest.txt"
D=training/data
MIX="$D/austen.train.bin:2,$D/moby-dick.bin:1,$D/kjv.bin:1"
COMMON="--val $D/austen.val.bin --prompts $D/prompts.json --tokenizer models/tokenizer/austen-bpe-4096.json --out $RUNS --eval-every 100 --patience 10 --max-seconds $SECONDS_BOX --sample-tokens 120 --train $MIX --dropout 0.2 --anneal-frac 0.25 --extra-eval-lens 256,512"
# time both together (they will share the GPU), 0.9 margin for evals
python3 training/steps_for.py training/configs/lm-moe.json $((SECONDS_BOX * 9 / 10)) > "$RUNS/steps-moe" &
python3 training/steps_for.py training/configs/lm-ssm.json $((SECONDS_BOX * 9 / 10)) > "$RUNS/steps-ssm" &
wait
SM=$(cat "$RUNS/steps-moe"); SS=$(cat "$RUNS/steps-ssm")
echo "steps: moe $SM ssm $SS"
python3 training/train.py --id lm-moe --config training/configs/lm-moe.json $COMMON --max-steps "$SM" > "$RUNS/stdout/lm-moe.txt" 2>&1 &
python3 training/train.py --id lm-ssm --config training/configs/lm-ssm.json $COMMON --max-steps "$SS" > "$RUNS/stdout/lm-ssm.txt" 2>&1 &
wait
grep -h "done:\|sample:" "$RUNS"/stdout/*.txt | cut -c1-300
grep -h -B2 -A8 "Error\|Traceback" "$RUNS"/stdout/*.txt | head -60
tail -3 "$RUNS"/stdout/lm-*.txt
cd "$RUNS"
tar cf "$OUT/moe-ssm.tar" $(for m in lm-moe lm-ssm; do for f in model.safetensors config.json log.json fixture.json; do [ -f $m/$f ] && echo $m/$f; done; done) stdout
tar cf "$OUT/masters.tar" lm-moe/model.fp32.safetensors lm-ssm/model.fp32.safetensors 2>/dev/null || true
ls -la "$OUT"
