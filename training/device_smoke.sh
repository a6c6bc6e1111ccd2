#!/usr/bin/env bash
# First device call: environment check, model self-test, smoke training of every option, and a
# throughput probe (single process, torch.compile, 6 processes sharing the GPU).
set -uo pipefail
export PYTHONUNBUFFERED=1
OUT=${OUT:-/tmp/out}
nvidia-smi -L
python3 -c "import torch, safetensors, numpy; print('torch', torch.__version__, torch.cuda.get_device_name(), 'safetensors', safetensors.__version__, 'numpy', numpy.__version__)"
python3 training/selftest.py 2>&1 | tee "$OUT/selftest.txt"
bash training/smoke.sh /tmp/smoke > "$OUT/smoke.txt" 2>&1; echo "smoke rc=$?"; grep -E "done:|sample|Error|error" "$OUT/smoke.txt" | head -30
python3 - <<'PY'
import json
f = json.load(open('/tmp/smoke/runs/smoke-rope/fixture.json'))
print('fixture keys', list(f), 'taps', list(f['taps']['values'])[:6], 'greedy', f['greedy'])
PY
C="--train training/data/austen.train.bin --val training/data/austen.val.bin --tokenizer models/tokenizer/austen-bpe-4096.json --max-steps 400 --eval-every 100 --patience 100 --sample-tokens 30 --out /tmp/speed"
python3 training/train.py --config training/configs/lm-d192-l4.json --id single $C > "$OUT/speed-single.txt" 2>&1
python3 training/train.py --config training/configs/lm-d192-l4.json --id compiled --compile $C > "$OUT/speed-compile.txt" 2>&1
for i in 1 2 3 4 5 6; do
  python3 training/train.py --config training/configs/lm-d192-l4.json --id par$i --seed $i $C > "$OUT/speed-par$i.txt" 2>&1 &
done
wait
python3 - <<'PY'
import json, glob
for p in sorted(glob.glob('/tmp/speed/*/log.json')):
    l = json.load(open(p))
    print(l['id'], 'steps', l['stepsRun'], 'sec', l['trainSeconds'], 'ms/step', round(1000 * l['trainSeconds'] / max(1, l['stepsRun']), 1), 'val', l['valLoss'][-1], 'fp32', l['valLoss_fp32_shipped'])
PY
tail -3 "$OUT/speed-compile.txt"
grep sample "$OUT/speed-single.txt" | head -3
