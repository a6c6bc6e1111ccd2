#!/usr/bin/env bash
# The one GPU call that trains everything (see training/README.md): a size/regularisation sweep
# for `lm` and the family (lm-draft, lm-learned-pos, lm-alibi, plus a RoPE twin at context 128
# for comparison), all as parallel processes on one GPU; then the best lm-* run becomes `lm`.
#   OUT=/some/dir bash training/device_train.sh
set -uo pipefail
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=2
OUT=${OUT:-/tmp/out}
RUNS=${RUNS:-/tmp/runs}
mkdir -p "$RUNS/stdout"
D=training/data
AUSTEN="$D/austen.train.bin"
MIX="$D/austen.train.bin:2,$D/moby-dick.bin:1,$D/kjv.bin:1"
COMMON="--val $D/austen.val.bin --prompts $D/prompts.json --tokenizer models/tokenizer/austen-bpe-4096.json --out $RUNS --eval-every 100 --patience 10 --max-seconds ${MAX_SECONDS:-470} --sample-tokens 120"
TABLE=${TABLE:-training/sweeps/round2.txt}
# Each table line: id | config name | train data (AUSTEN or MIX) | extra train.py flags
while read -r id cfg data rest; do
  case "$id" in ""|"#"*) continue;; esac
  case "$data" in AUSTEN) data=$AUSTEN;; MIX) data=$MIX;; esac
  echo "launch $id: --config training/configs/$cfg.json --train $data $rest"
  python3 training/train.py --id "$id" --config "training/configs/$cfg.json" --train "$data" $COMMON $rest \
    > "$RUNS/stdout/$id.txt" 2>&1 &
done < "$TABLE"
wait
grep -h "done:" "$RUNS"/stdout/*.txt
grep -h -A1 "Error" "$RUNS"/stdout/*.txt | head -20
python3 training/promote.py --runs "$RUNS" --prefix lm-d --to lm --max-bytes 5000000
grep -h "sample:" "$RUNS"/stdout/*.txt | cut -c1-400
cd "$RUNS"
tar cf "$OUT/lm.tar" lm/model.safetensors lm/config.json lm/log.json lm/fixture.json
tar cf "$OUT/family.tar" $(for m in lm-draft lm-learned-pos lm-alibi; do echo $m/model.safetensors $m/config.json $m/log.json $m/fixture.json; done) || echo "no family in this round"
tar cf "$OUT/masters.tar" lm/model.fp32.safetensors || true
tar cf "$OUT/masters2.tar" lm-learned-pos/model.fp32.safetensors lm-alibi/model.fp32.safetensors || true
tar cf "$OUT/logs.tar" */log.json */fixture.json stdout
ls -la "$OUT"
