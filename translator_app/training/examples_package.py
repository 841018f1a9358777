"""Make resources/examples/de-en-examples.xz, the dictionary card's example sentences: the
Tatoeba pairs, the game dialogue and Ding's own example sentences, held-out pairs removed.

    python -m translator_app.training.examples_package ../shared/data/tatoeba-de-en.tsv \\
        ../shared/data/games-de-en.tsv resources/dictionary/de-en.xz resources/examples/de-en-examples.xz \\
        [--games-root ~/.cache/translator-app/raw-games/games/root]

The games TSV does not say which game a pair is from; with ``--games-root`` (the unpacked
Debian packages of ``corpus fetch --games``) each pair is traced to its game's catalogues,
and a pair found in none keeps the tag ``games``. The format is
``dictionary.examples_index``'s (``#`` header lines with the sources and their licences,
then ``german<TAB>english<TAB>tag``). Here, not in dictionary/: it reads the game catalogues
with the training readers.
"""

from __future__ import annotations

import argparse
import lzma
import os
import sys
from pathlib import Path

from .. import heldout
from ..dictionary import ding
from ..dictionary.examples_index import FORMAT, Source, heldout_pair
from ..dictionary.package import report
from . import games
from .readers import read_mo, read_tsv

TATOEBA = Source("tatoeba", "Tatoeba", "CC-BY 2.0 FR", "Tatoeba (tatoeba.org) and its contributors")
DING = Source("ding", "Ding", "GPL-2+", "Ding, Frank Richter (dict.tu-chemnitz.de)")
GAMES_ANY = Source("games", "game dialogue", "per game (see the README)", "free Debian games' translators")
# a word of a catalogue's path -> the game it belongs to (training.games.GAMES' names)
_CATALOGUE_WORDS = {"wesnoth": "The Battle for Wesnoth", "cataclysm": "Cataclysm: Dark Days Ahead",
                    "freedroidrpg": "FreedroidRPG", "widelands": "Widelands", "warzone": "Warzone 2100",
                    "flare": "Flare", "supertux": "SuperTux"}


def game_sources() -> dict[str, Source]:
    """Game name -> its Source (tag, name, licence, credit), from training.games.GAMES."""
    return {g.name: Source(g.packages[0].split("-")[0].lower(), g.name, g.licence,
                           f"{g.name} and its translators") for g in games.GAMES}


def trace_games(root: Path) -> dict[tuple[str, str], str]:
    """(German, English) -> game name, for the dialogue pairs of each game's catalogues."""
    found: dict[tuple[str, str], str] = {}
    for path in games.catalogues(root):
        name = next((g for w, g in _CATALOGUE_WORDS.items() if w in path.as_posix().lower()), None)
        if name is None:
            continue
        try:
            for p in games.dialogue_pairs(read_mo(path)):
                found.setdefault((p.de, p.en), name)
        except ValueError:
            continue  # a damaged catalogue: its pairs keep the tag "games"
    return found


def collect(tatoeba: Path, games_tsv: Path, ding_data: Path, hashes: set,
            games_root: Path | None = None) -> tuple[list[tuple[str, str, str]], list[Source], int]:
    """(pairs as (german, english, tag), the sources used, pairs dropped as held out)."""
    traced = trace_games(games_root) if games_root else {}
    by_game = game_sources()
    pairs, used, dropped, seen = [], {}, 0, set()

    def add(de: str, en: str, source: Source) -> None:
        nonlocal dropped
        de, en = heldout.clean_field(de), heldout.clean_field(en)
        if not de or not en or (de, en) in seen:
            return
        if heldout_pair(de, en, hashes):
            dropped += 1
            return
        seen.add((de, en))
        used.setdefault(source.tag, source)
        pairs.append((de, en, source.tag))

    for p in read_tsv(tatoeba):
        add(p.de, p.en, TATOEBA)
    for p in read_tsv(games_tsv):
        name = traced.get((" ".join(p.de.split()), " ".join(p.en.split())))
        add(p.de, p.en, by_game[name] if name else GAMES_ANY)
    # the dictionary's own walk over its lines (kept_lines reads the .xz as the index does);
    # alternatives paired by position, as the training reader pairs them
    for _, sub_words, _ in ding.kept_lines(ding.read_file(ding_data).lines, hashes):
        for words in sub_words:
            for de, en in zip(words["de"], words["en"]):
                if ding.is_sentence(de, en):
                    add(de, en, DING)
    return pairs, list(used.values()), dropped


def package(tatoeba: Path, games_tsv: Path, ding_data: Path, out: Path,
            hash_files: list[Path] | None = None, games_root: Path | None = None) -> dict:
    hash_files = list(hash_files) if hash_files else heldout.default_hash_files()
    hashes = heldout.load_hashes(hash_files)
    pairs, sources, dropped = collect(tatoeba, games_tsv, ding_data, hashes, games_root)
    if not pairs:
        raise ValueError("no example pairs found in the inputs")
    header = [f"#format {FORMAT}"]
    header += [f"#source {s.tag}\t{s.name}\t{s.licence}\t{s.credit}" for s in sources]
    header += [f"#heldout {dropped} pairs removed that are in translator-app's held-out lists "
               f"({', '.join(p.name for p in hash_files)})",
               f"#heldout_sha256 {ding.files_digest(hash_files)}", f"#pairs {len(pairs)}"]
    # grouped by source, for the compression; the index orders them by length
    pairs.sort(key=lambda p: [s.tag for s in sources].index(p[2]))
    text = "\n".join(header + ["\t".join(p) for p in pairs]) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with lzma.open(tmp, "wb", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write(text.encode("utf-8"))
    os.replace(tmp, out)
    counts = {s.tag: sum(p[2] == s.tag for p in pairs) for s in sources}
    return {"pairs": len(pairs), "dropped_heldout": dropped, "bytes": out.stat().st_size, **counts}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("tatoeba", type=Path, help="tatoeba-de-en.tsv")
    p.add_argument("games", type=Path, help="games-de-en.tsv")
    p.add_argument("ding", type=Path, help="the Ding data (resources/dictionary/de-en.xz)")
    p.add_argument("out", type=Path, help="resources/examples/de-en-examples.xz")
    p.add_argument("--games-root", type=Path, help="the unpacked game packages, to name each pair's game")
    p.add_argument("--exclude-hashes", type=Path, nargs="*", help="held-out lists (default: the packaged ones)")
    args = p.parse_args(argv)
    return report(lambda: package(args.tatoeba, args.games, args.ding, args.out, args.exclude_hashes,
                                  args.games_root))


if __name__ == "__main__":
    sys.exit(main())
