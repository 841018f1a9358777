"""BLEU and chrF (sacrebleu), overall and per source-length bucket."""

from __future__ import annotations

from pathlib import Path

LENGTH_BUCKETS = ((1, 5), (6, 10), (11, 20), (21, 40), (41, 10_000))


def score(hypotheses: list[str], references: list[str]) -> dict:
    import sacrebleu

    if not hypotheses:
        return {"bleu": 0.0, "chrf": 0.0, "n": 0}
    bleu = sacrebleu.corpus_bleu(hypotheses, [references])
    chrf = sacrebleu.corpus_chrf(hypotheses, [references])
    return {"bleu": round(bleu.score, 2), "chrf": round(chrf.score, 2), "n": len(hypotheses)}


def bucketed(sources: list[str], hypotheses: list[str], references: list[str]) -> list[dict]:
    rows = []
    for low, high in LENGTH_BUCKETS:
        idx = [i for i, s in enumerate(sources) if low <= len(s.split()) <= high]
        if idx:
            label = f"{low}-{high}" if high < 10_000 else f"{low}+"
            rows.append({"bucket": label, **score([hypotheses[i] for i in idx], [references[i] for i in idx])})
    return rows


def report_lines(name: str, overall: dict, buckets: list[dict]) -> list[str]:
    lines = [f"{name}: BLEU = {overall['bleu']:.2f}  chrF = {overall['chrf']:.2f}  (n = {overall['n']})"]
    for row in buckets:
        lines.append(f"  words {row['bucket']:>6}: BLEU = {row['bleu']:6.2f}  chrF = {row['chrf']:6.2f}  (n = {row['n']})")
    return lines


def write_hypotheses(path: str | Path, hypotheses: list[str]) -> None:
    Path(path).write_text("".join(h.replace("\n", " ") + "\n" for h in hypotheses), encoding="utf-8")
