"""``corpus fetch``'s downloads: Ding, DDTP and the games' catalogues with apt (Debian family only).

Each ``fetch_*`` puts one source under DEST and returns its manifest entry. No torch, no Qt here.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import List, Optional

DING_PACKAGE = "trans-de-en"


def default_cache_dir() -> Path:
    from translator_app.paths import user_cache_dir

    return user_cache_dir()  # TRANSLATOR_CACHE_DIR, else the platform's cache directory


def is_debian_family() -> bool:
    return (
        shutil.which("apt-get") is not None
        and shutil.which("dpkg-deb") is not None
        and os.path.exists("/usr/lib/apt/apt-helper")
    )


def _run(cmd: List[str], cwd: Optional[Path] = None) -> None:
    print("+ " + " ".join(cmd))
    subprocess.run(cmd, cwd=str(cwd) if cwd else None, check=True)


def fetch_ding(dest: Path) -> dict:
    ding = dest / "ding"
    debs = ding / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    for old in debs.glob("*.deb"):
        old.unlink()
    _run(["apt-get", "download", DING_PACKAGE], cwd=debs)
    found = sorted(debs.glob("*.deb"))
    if not found:
        raise RuntimeError("apt-get download produced no .deb")
    deb = found[-1]
    _run(["dpkg-deb", "-x", str(deb), str(ding)])
    version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True).stdout.strip()
    path = ding / "usr" / "share" / "trans" / "de-en"
    if not path.is_file():
        raise RuntimeError("the package did not contain usr/share/trans/de-en")
    return {
        "name": "ding",
        "package": DING_PACKAGE,
        "version": version,
        "licence": "GPL-2+",
        "path": str(path),
        "deb": deb.name,
    }


def fetch_ddtp(dest: Path) -> dict:
    ddtp = dest / "ddtp"
    lists = ddtp / "lists"
    (lists / "partial").mkdir(parents=True, exist_ok=True)
    cache = ddtp / "apt-cache"
    (cache / "archives" / "partial").mkdir(parents=True, exist_ok=True)
    _run([
        "apt-get", "update",
        "-o", "Acquire::Languages=de,en",
        "-o", "Dir::State::Lists=%s" % lists,
        "-o", "Dir::State::Lists::partial=%s" % (lists / "partial"),
        "-o", "Dir::Cache=%s" % cache,
        "-o", "Dir::Cache::pkgcache=",
        "-o", "Dir::Cache::srcpkgcache=",
        "-o", "Debug::NoLocking=1",
    ])
    outputs = {}
    for lang in ("de", "en"):
        files = sorted(glob.glob(str(lists / ("*_i18n_Translation-%s*" % lang))))
        files = [f for f in files if not f.endswith(".diff") and "partial" not in f]
        if not files:
            raise RuntimeError("apt-get update fetched no Translation-%s (are deb-src/i18n enabled?)" % lang)
        target = ddtp / ("Translation-" + lang)
        with open(target, "wb") as out:
            for f in files:
                res = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", f], capture_output=True, check=True)
                out.write(res.stdout)
                if not res.stdout.endswith(b"\n\n"):
                    out.write(b"\n")
        outputs[lang] = [os.path.basename(f) for f in files]
    from translator_app.training.readers import ddtp_version

    return {
        "name": "ddtp",
        "version": ddtp_version(ddtp),
        "licence": "Debian package descriptions (licence of each package) with DDTP translations",
        "path": str(ddtp),
        "files": outputs,
    }


def _download_and_unpack(package: str, debs: Path, root: Path) -> str:
    """apt-get download one package into ``debs`` and unpack it into ``root``; its version."""
    before = set(debs.glob("*.deb"))
    _run(["apt-get", "download", package], cwd=debs)
    new = sorted(set(debs.glob("*.deb")) - before) or sorted(debs.glob(package + "_*.deb"))
    if not new:
        raise RuntimeError("apt-get download %s produced no .deb" % package)
    _run(["dpkg-deb", "-x", str(new[-1]), str(root)])
    return subprocess.run(["dpkg-deb", "-f", str(new[-1]), "Version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def fetch_games(dest: Path) -> dict:
    """The games' packages (:data:`games.GAMES`), unpacked, and their dialogue as
    DEST/games/games-de-en.tsv (German TAB English, origin ``games`` in `corpus build --games`)."""
    from .games import GAMES, read_games

    games = dest / "games"
    debs, root = games / "debs", games / "root"
    for d in (debs, root):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    versions = {}
    for game in GAMES:
        for package in game.packages:
            versions[package] = _download_and_unpack(package, debs, root)
    stats: Counter = Counter()
    out = games / "games-de-en.tsv"
    tmp = out.with_suffix(".tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for pair in read_games(root, stats):
            fh.write("%s\t%s\n" % (pair.de, pair.en))
            n += 1
    os.replace(tmp, out)
    return {
        "name": "games",
        "version": "Debian packages: " + ", ".join("%s %s" % kv for kv in sorted(versions.items())),
        "licence": "; ".join("%s: %s" % (g.name, g.licence) for g in GAMES),
        "path": str(out),
        "pairs": n,
        "counts": dict(sorted(stats.items())),
    }
