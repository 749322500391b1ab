"""`python -m gapcheck.eval`: print precision, recall and F1 per corpus, and the worst errors.

    python -m gapcheck.eval                      # own corpus, traps, unrecognised tools, SkillSpan tech dev, job ads
    python -m gapcheck.eval --ads                # only the job-ad readings (tests/ads/)
    python -m gapcheck.eval --train              # also SkillSpan tech train (the split to tune on)
    python -m gapcheck.eval --skillspan PATH     # SkillSpan folder (default ../shared/data/skillspan)
    python -m gapcheck.eval --top 20 --json      # more errors; figures as JSON
    python -m gapcheck.eval --advice [--all]     # the advice set (tests/advice) against a coach's judgement

The exit code is 0 unless a corpus is missing (2). This is a development tool, so it uses argparse and keeps
out of the click CLI.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gapcheck.eval import Report, ads, corpus, skillspan, tools


def run(
    corpus_folder: Path,
    skillspan_folder: Path | None,
    *,
    train: bool = False,
    taxonomy_files: tuple[str, ...] = (),
) -> tuple[list[Report], list[str]]:
    """Return the reports of every corpus that is there, and a note for each that is not."""
    reports = [
        corpus.evaluate_documents(corpus_folder, taxonomy_files),
        corpus.evaluate_traps(corpus_folder, taxonomy_files),
        *tools.evaluate(corpus_folder, taxonomy_files),
    ]
    missing: list[str] = []
    splits = [("SkillSpan tech dev", skillspan.DEV)] + ([("SkillSpan tech train", skillspan.TRAIN)] if train else [])
    for name, filename in splits:
        path = (skillspan_folder or skillspan.default_folder()) / filename
        if path.is_file():
            reports.append(skillspan.evaluate(path, taxonomy_files, name=name))
        else:
            missing.append(f"{name}: {path} not found (give --skillspan PATH)")
    return reports, missing


def format_report(report: Report, top: int) -> str:
    """Return one corpus's figures and its `top` commonest false positives and false negatives, as text."""
    score = report.score
    lines = [
        f"== {report.name}",
        f"   {report.precision_label} {score.precision:.3f}   {report.recall_label} {score.recall:.3f}"
        f"   F1 {score.f1:.3f}",
        f"   found {score.found_right + score.found_wrong} ({score.found_wrong} wrong),"
        f" gold {score.gold_found + score.gold_missed} ({score.gold_missed} missed)",
    ]
    for note in report.notes:
        lines.append(f"   note: {note}")
    for title, errors in (("false positives", report.false_positives), ("false negatives", report.false_negatives)):
        if errors:
            lines.append(f"   top {title}:")
            lines.extend(f"     {count:4d}  {label}" for label, count in errors.most_common(top))
    return "\n".join(lines)


def as_json(report: Report, top: int) -> dict[str, object]:
    score = report.score
    return {
        "name": report.name,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "false_positives": score.found_wrong,
        "false_negatives": score.gold_missed,
        "top_false_positives": report.false_positives.most_common(top),
        "top_false_negatives": report.false_negatives.most_common(top),
        "notes": report.notes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gapcheck.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus.default_folder(), help="annotated corpus folder")
    parser.add_argument("--skillspan", type=Path, default=None, help="folder with the SkillSpan CoNLL files")
    parser.add_argument("--train", action="store_true", help="also score SkillSpan tech train")
    parser.add_argument("--top", type=int, default=10, help="how many of the worst errors to list")
    parser.add_argument("--taxonomy", action="append", default=[], help="extra taxonomy file (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--advice", action="store_true", help="score the advice set against a coach's judgement")
    parser.add_argument("--advice-set", type=Path, default=None, help="advice set folder (default tests/advice)")
    parser.add_argument("--all", action="store_true", help="with --advice: list every pair, not only misses")
    parser.add_argument("--ads", action="store_true", help="only score the job-ad readings (tests/ads/)")
    parser.add_argument("--ads-folder", type=Path, default=None, help="folder of annotated job ads")
    options = parser.parse_args(argv)
    if options.advice:
        return _advice(options)
    ads_folder = options.ads_folder or ads.default_folder()
    ads_report = ads.evaluate(ads_folder, tuple(options.taxonomy)) if any(ads_folder.glob("*.toml")) else None
    if options.ads:
        if ads_report is None:
            print(f"no annotated job ads at {ads_folder}", file=sys.stderr)
            return 2
        text = (
            json.dumps(ads.as_json(ads_report), indent=2) if options.json else ads.format_ads(ads_report, options.top)
        )
        print(text)
        return 0
    if not (options.corpus / corpus.GOLD_FILE).is_file():
        print(f"no annotated corpus at {options.corpus}", file=sys.stderr)
        return 2
    reports, missing = run(options.corpus, options.skillspan, train=options.train,
                           taxonomy_files=tuple(options.taxonomy))  # fmt: skip
    if options.json:
        payload = {"reports": [as_json(r, options.top) for r in reports], "missing": missing}
        if ads_report is not None:
            payload["ads"] = ads.as_json(ads_report)
        print(json.dumps(payload, indent=2))
    else:
        print("\n\n".join(format_report(report, options.top) for report in reports))
        if ads_report is not None:
            print("\n" + ads.format_ads(ads_report, options.top))
        for note in missing:
            print(f"\nskipped {note}")
    return 2 if missing and options.skillspan is not None else 0


def _advice(options: argparse.Namespace) -> int:
    from gapcheck.eval import advice

    folder = options.advice_set or advice.default_folder()
    if not (folder / advice.CASES_FILE).is_file():
        print(f"no advice set at {folder}", file=sys.stderr)
        return 2
    report = advice.evaluate(folder, tuple(options.taxonomy))
    held_out = advice.held_out_folder()
    held_out_report = None
    if options.advice_set is None and (held_out / advice.CASES_FILE).is_file():
        held_out_report = advice.evaluate(held_out, tuple(options.taxonomy))
    if options.json:
        figures: dict[str, object] = dict(report.figures())
        if held_out_report is not None:
            figures["held_out"] = held_out_report.figures()
        print(json.dumps(figures, indent=2))
    else:
        print(advice.format_advice(report, all_pairs=options.all))
        if held_out_report is not None:
            print()
            print(advice.format_advice(held_out_report, all_pairs=options.all, title="advice, held out"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
