#!/usr/bin/env bash
# Issue 14 (pruning-distillation): train lm-distill, a knowledge-distilled student with EXACTLY
# lm-draft's config and recipe (models/manifest.json -> lm-draft.commands: mix 2:1:1, batch 64,
# lr 3e-3 -> 10%, warm-up 200, 5000 steps, anneal last 25% on Austen, no dropout, seed 1337),
# only the loss differs: alpha*T^2*KL(teacher_T || student_T) + (1-alpha)*CE, teacher = shipped lm.
# In parallel on the same GPU: lm-distill-kd1 (pure KD at T=1, an ablation) and lm-draft-rerun
# (lm-draft from scratch again, plain train.py: the run-to-run noise of the baseline on this GPU).
# Then distill_eval.py: val loss, top-1 agreement with lm, KL(lm || model) for every model, same code.
# Expected: ~3-5 min of training (3 small runs sharing one H200; --max-seconds 330 caps each), ~1 min eval.
# Run from the repository root:  OUT=$OUT bash training/device_distill.sh     (SMOKE=1: CPU, a few steps)
set -uo pipefail
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4

OUT=${OUT:-/tmp/out}
RUNS=${RUNS:-/tmp/runs-prune}
mkdir -p "$RUNS/stdout" "$OUT"
D=training/data
VAL=$D/austen.val.bin
STEPS=5000; MAXSEC=330; EVAL=100; BATCH=64; EVALWIN=""
if [ "${SMOKE:-0}" = "1" ]; then
  python3 -c "import numpy as np; np.fromfile('$D/austen.val.bin', dtype='<u2')[:1025].tofile('$RUNS/val-smoke.bin')"
  VAL=$RUNS/val-smoke.bin; STEPS=6; MAXSEC=120; EVAL=3; BATCH=4; EVALWIN="--max-windows=2"
fi
nvidia-smi --query-gpu=name,memory.used --format=csv 2>/dev/null
COMMON="--train $D/austen.train.bin:2,$D/moby-dick.bin:1,$D/kjv.bin:1 --val $VAL --prompts $D/prompts.json --tokenizer models/tokenizer/austen-bpe-4096.json --batch-size $BATCH --lr 0.003 --min-lr-frac 0.1 --warmup 200 --max-steps $STEPS --max-seconds $MAXSEC --eval-every $EVAL --patience 10 --anneal-frac 0.25 --dropout 0.0 --weight-decay 0.1 --beta2 0.95 --grad-clip 1.0 --seed 1337 --ship-dtype float16 --extra-eval-lens 256,512 --fixture-val-windows 2 --sample-tokens 120 --out $RUNS --config training/configs/lm-draft.json"
T0=$(date +%s)
python3 training/distill.py --id lm-distill --kd-temperature 2 --kd-alpha 0.5 $COMMON > "$RUNS/stdout/lm-distill.txt" 2>&1 &
python3 training/distill.py --id lm-distill-kd1 --kd-temperature 1 --kd-alpha 1.0 $COMMON > "$RUNS/stdout/lm-distill-kd1.txt" 2>&1 &
python3 training/train.py --id lm-draft-rerun $COMMON > "$RUNS/stdout/lm-draft-rerun.txt" 2>&1 &
wait
echo "training wall: $(( $(date +%s) - T0 )) s"
grep -h "done:\|sample:" "$RUNS"/stdout/*.txt | cut -c1-300
grep -h -B2 -A12 "Error\|Traceback" "$RUNS"/stdout/*.txt | head -80
tail -n 4 "$RUNS"/stdout/*.txt
python3 training/distill_eval.py $EVALWIN "$OUT/distill-eval.json" teacher=models/lm lm-draft=models/lm-draft \
  lm-distill="$RUNS/lm-distill" lm-distill-kd1="$RUNS/lm-distill-kd1" lm-draft-rerun="$RUNS/lm-draft-rerun" 2>&1 | tail -60
echo "total wall: $(( $(date +%s) - T0 )) s"
cd "$RUNS"
tar cf "$OUT/prune-runs.tar" $(for m in lm-distill lm-distill-kd1 lm-draft-rerun; do for f in model.safetensors config.json log.json fixture.json; do [ -f $m/$f ] && echo $m/$f; done; done) stdout
ls -la "$OUT"
