#!/bin/bash
# Usage: tests/benchmarks/joint_vs_separate.sh CORPUS_DIR SPM_MODEL [WORKDIR]
# Prints each run's final dev line (BLEU/chrF on 300 dev pairs, greedy).
# one model with a target tag (both directions) vs two single-direction models, equal compute:
# the joint run gets 2N (1200) steps, each single-direction run N steps, same batch size.
set -euo pipefail
CORPUS=$(realpath "$1"); SPM=$(realpath "$2"); WORK=${3:-runs/joint-vs-separate}
mkdir -p "$WORK" && cd "$WORK"
SMALL="--emb-dim 128 --enc-hid 128 --dec-hid 256 --attn-dim 128 --max-tokens 4000 --lr 0.002 --warmup 100 --threads 1 --validate-every 1e9 --dev-size 300 --seed 3"
for d in joint de-en en-de; do
  mkdir -p $d && cp "$SPM" $d/spm.model  # the same vocabulary for all three
done
translator-app train --corpus "$CORPUS" --out joint --directions both --max-steps 1200 $SMALL > joint.log 2>&1
translator-app train --corpus "$CORPUS" --out de-en --directions de-en --max-steps 600 $SMALL > de-en.log 2>&1
translator-app train --corpus "$CORPUS" --out en-de --directions en-de --max-steps 600 $SMALL > en-de.log 2>&1
for d in joint de-en en-de; do echo "$d: $(grep -o 'dev_loss=[^|]*tokens=[0-9]*' $d.log | tail -1)"; done
