#!/bin/sh
# Rebuild the bundled model (models/de-en) from nothing, in the order it was trained.
# Usage: models/rebuild.sh [WORKDIR] [TATOEBA_TSV]   (default ./rebuild; needs apt for `corpus fetch`)
#   TATOEBA_TSV (or $TATOEBA_TSV): German<TAB>English everyday pairs, e.g. a Tatoeba
#   (tatoeba.org, CC-BY 2.0 FR) German-English sentence-pair export; run 4 trains on it.
#
# Step counts replace the wall-clock limits the original runs stopped on, so a rerun stops
# at the same points (runs 1-4 in fp32, as they ran). On the 2-core CPUs of the model card this takes about 15 hours;
# add TRANSLATOR_DEVICE=cuda to the environment to train on a GPU.
set -eu
W=${1:-rebuild}
TATOEBA=${2:-${TATOEBA_TSV:-}}
if [ -z "$TATOEBA" ] || [ ! -f "$TATOEBA" ]; then
    echo "usage: models/rebuild.sh [WORKDIR] TATOEBA_TSV  (or set TATOEBA_TSV): the everyday pairs of run 4" >&2
    exit 2
fi
mkdir -p "$W"
translator-app corpus fetch --games --dest "$W/raw"   # --games: the game dialogue of run 5
# runs 1-3 trained on Ding + DDTP with the first held-out list only
translator-app corpus build --ding "$W/raw/ding/usr/share/trans/de-en" --ddtp-dir "$W/raw/ddtp" \
    --exclude-hashes translator_app/data/heldout-de-en.sha256 --out "$W/corpus"

# run 1: from scratch
translator-app train --recipe de-en --no-bf16 --corpus "$W/corpus" --out "$W/run1" --seed 1 --threads 2 --max-steps 1644

# run 2: warm start from run 1's bundle, a new shuffle and a lower peak learning rate
translator-app train --recipe de-en --no-bf16 --corpus "$W/corpus" --out "$W/run2" --init-from "$W/run1/best" \
    --seed 2 --lr 0.0012 --warmup 300 --threads 2 --max-steps 2867

# run 3: warm start from run 2, Ding sentences over-sampled 10x (measured against 3x)
translator-app train --recipe de-en --no-bf16 --corpus "$W/corpus" --out "$W/run3" --init-from "$W/run2/best" \
    --seed 3 --lr 0.0008 --warmup 200 --oversample-sentences 10 --threads 1 --max-steps 828
# ... then back-translate 50,000 English-only DDTP sentences with that bundle and go on with them
translator-app corpus backtranslate --ddtp-dir "$W/raw/ddtp" --corpus "$W/corpus" --model "$W/run3/best" --limit 50000
translator-app train --out "$W/run3" --resume --backtranslated --threads 1 --max-steps 1493
translator-app train --out "$W/run3" --resume --threads 2 --max-steps 11075
# ... and from there with the DDTP descriptions three times per epoch (measured against once)
translator-app train --out "$W/run3" --resume --oversample-technical 3 --threads 2 --max-steps 19868

# run 4: warm start from run 3 on Ding + DDTP + the everyday TSV pairs (both held-out lists);
# A/B of the TSV repeats (4x against 8x) for 0.22 h each, then the 4x arm went on
translator-app corpus build --ding "$W/raw/ding/usr/share/trans/de-en" --ddtp-dir "$W/raw/ddtp" \
    --tsv "$TATOEBA" --out "$W/corpus4"
translator-app train --recipe de-en --no-bf16 --corpus "$W/corpus4" --out "$W/run4" --init-from "$W/run3/last" \
    --lr 0.0006 --warmup 200 --oversample ding-sentence=6,tsv=4,ddtp=2 --sample-share ding-word=0.5 \
    --threads 1 --validate-every 450 --max-steps 138
translator-app train --out "$W/run4" --resume --validate-every 900 --snapshot-every 300 --max-steps 1758

# run 5: warm start from run 4 with the game dialogue added as its own origin (3x per epoch), both
# cores; the first 179 steps in fp32, then bf16 autocast (on by default on CPUs with AMX/AVX-512
# BF16). The bundle is RUN/best, step 25,006 (the best validation score). (The run read the project's copy of
# the dialogue; `corpus fetch --games` rebuilds 96% of it identically from the Debian packages.)
translator-app corpus build --ding "$W/raw/ding/usr/share/trans/de-en" --ddtp-dir "$W/raw/ddtp" \
    --tsv "$TATOEBA" --games "$W/raw/games/games-de-en.tsv" --out "$W/corpus5"
translator-app train --recipe de-en --corpus "$W/corpus5" --out "$W/run5" --init-from "$W/run4/last" \
    --lr 0.0005 --warmup 200 --oversample ding-sentence=6,tsv=4,ddtp=2,games=3 --sample-share ding-word=0.5 \
    --seed 5 --threads 2 --validate-every 1800 --snapshot-every 300 --no-bf16 --max-steps 179
translator-app train --out "$W/run5" --resume --bf16 --max-steps 25006
mkdir -p "$W/run5-avg" && cp "$W/run5/best/"* "$W/run5-avg/"  # RUN/best: step 25,006 (best validation score)
cp "$W/run5-avg/model.safetensors" "$W/run5-avg/config.json" "$W/run5-avg/spm.model" models/de-en/
echo "rebuilt models/de-en; set \"name\": \"de-en\" in its config.json and update the card's SHA-256"
