#!/bin/sh
# Rebuild the bundled model (models/de-en) from nothing, in the order it was trained.
# Usage: models/rebuild.sh [WORKDIR]   (default ./rebuild; needs apt for `corpus fetch`)
#
# Step counts replace the wall-clock limits the original runs stopped on, so a rerun stops
# at the same points. On the 2-core CPU of the model card this takes about 11.7 hours;
# add TRANSLATOR_DEVICE=cuda to the environment to train on a GPU.
set -eu
W=${1:-rebuild}
mkdir -p "$W"
translator-app corpus fetch --dest "$W/raw"
translator-app corpus build --ding "$W/raw/ding/usr/share/trans/de-en" --ddtp-dir "$W/raw/ddtp" --out "$W/corpus"

# run 1: from scratch
translator-app train --recipe de-en --corpus "$W/corpus" --out "$W/run1" --seed 1 --threads 2 --max-steps 1644

# run 2: warm start from run 1's bundle, a new shuffle and a lower peak learning rate
translator-app train --recipe de-en --corpus "$W/corpus" --out "$W/run2" --init-from "$W/run1/best" \
    --seed 2 --lr 0.0012 --warmup 300 --threads 2 --max-steps 2867

# run 3: warm start from run 2, Ding sentences over-sampled 10x (measured against 3x)
translator-app train --recipe de-en --corpus "$W/corpus" --out "$W/run3" --init-from "$W/run2/best" \
    --seed 3 --lr 0.0008 --warmup 200 --oversample-sentences 10 --threads 1 --max-steps 828
# ... then back-translate 50,000 English-only DDTP sentences with that bundle and go on with them
translator-app corpus backtranslate --ddtp-dir "$W/raw/ddtp" --corpus "$W/corpus" --model "$W/run3/best" --limit 50000
translator-app train --out "$W/run3" --resume --backtranslated --threads 1 --max-steps 1493
translator-app train --out "$W/run3" --resume --threads 2 --max-steps 11075
# ... and from there with the DDTP descriptions three times per epoch (measured against once)
translator-app train --out "$W/run3" --resume --oversample-technical 3 --threads 2 --max-steps 19868
cp "$W/run3/last/model.safetensors" "$W/run3/last/config.json" "$W/run3/last/spm.model" models/de-en/
echo "rebuilt models/de-en; set \"name\": \"de-en\" in its config.json and update the card's SHA-256"
