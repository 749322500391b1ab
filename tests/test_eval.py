"""Holds every measured figure of `python -m gapcheck.eval` at or above its floor, so a regression fails CI.

The floors sit a little under the figures last measured; raise them when a change improves a figure.
SkillSpan is read from ../shared/data/skillspan beside the repository (CI has it there) or from the folder in
the GAPCHECK_SKILLSPAN environment variable; without it that test is skipped, saying so, except under CI (the
CI variable set), where missing data is a failure: the floor must be checked there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gapcheck.eval import Score, ads, corpus, skillspan, tools
from gapcheck.eval.__main__ import main

# Measured in round 2: own corpus P 0.937 R 0.972; traps 0 false positives, recall 1.000;
# SkillSpan tech dev mention P 0.737 knowledge R 0.696 (train: P 0.768 R 0.707). Dev is held out: tune on train.
# Measured in round 3 (taxonomy and cue data only): own corpus P 0.939 R 0.972; traps 0 false positives;
# SkillSpan tech dev mention P 0.738 knowledge R 0.705 (train: P 0.776 R 0.745).
# Measured in round 4 (runs of tags, compounds, workplace phrases, names from job ads): own corpus P 0.939
# R 0.970; traps 0 false positives; SkillSpan tech dev mention P 0.741 knowledge R 0.711 (train: P 0.785 R 0.756).
# Measured in round 5 (open vocabulary, 53 new skills, 5 documents and 22 traps added): own corpus P 0.943
# R 0.973; traps 0 false positives, recall 0.989 (a new trap's Snowflake is missed); unrecognised tools P 1.000
# R 0.966 on resumes, P 1.000 R 0.844 on job ads, 0 read from the traps; SkillSpan tech dev mention P 0.741
# knowledge R 0.713, F1 0.727.
# Measured in round 6 (tools from the job-ad set, shared heads, brackets of examples): own corpus P 0.945
# R 0.973; traps 0 false positives; unrecognised tools P 1.000 R 0.966 on resumes, P 1.000 R 0.839 on job ads
# (Vitest became a skill, so the ads' gold lost a tool found); SkillSpan tech dev P 0.742 R 0.715, F1 0.728.
FLOORS = {
    "own corpus": (0.93, 0.95),
    "traps": (1.0, 0.98),
    "SkillSpan tech dev": (0.73, 0.70),
    "unrecognised tools, resumes": (0.95, 0.92),
    "unrecognised tools, job ads": (0.95, 0.80),
    "unrecognised tools, traps": (1.0, 1.0),
}
SKILLSPAN_F1_FLOOR = 0.727


REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = REPOSITORY / "tests" / "corpus"


def skillspan_folder() -> Path:
    return Path(os.environ.get("GAPCHECK_SKILLSPAN") or skillspan.default_folder(REPOSITORY))


def check(name: str, score: Score) -> None:
    precision_floor, recall_floor = FLOORS[name]
    assert score.precision >= precision_floor, f"{name}: precision {score.precision:.3f} < floor {precision_floor}"
    assert score.recall >= recall_floor, f"{name}: recall {score.recall:.3f} < floor {recall_floor}"


def test_corpus_is_big_enough_and_half_about_ml_and_data() -> None:
    folder = CORPUS
    gold = corpus._read_toml(folder / corpus.GOLD_FILE)
    assert len(gold) >= 30
    for name in gold:
        assert (folder / f"{name}.txt").is_file(), name
    ml_words = ("ml", "data", "nlp", "cv_", "stats", "analyst", "analytics", "research")
    assert sum(any(word in name for word in ml_words) for name in gold) >= len(gold) / 2
    assert len(corpus._read_toml(folder / corpus.TRAPS_FILE)["trap"]) >= 50


def test_own_corpus_floor() -> None:
    check("own corpus", corpus.evaluate_documents(CORPUS).score)


def test_traps_have_no_false_positive() -> None:
    results = corpus.run_traps(CORPUS)
    wrong = [(r.sentence, r.wrongly_found) for r in results if r.wrongly_found]
    assert not wrong
    check("traps", corpus.evaluate_traps(CORPUS).score)


def test_skillspan_dev_floor() -> None:
    path = skillspan_folder() / skillspan.DEV
    if not path.is_file():
        message = f"SkillSpan data missing: {path} (set GAPCHECK_SKILLSPAN to its folder)"
        if os.environ.get("CI"):
            pytest.fail(message + "; under CI the floor must be checked")
        pytest.skip(message)
    score = skillspan.evaluate(path).score
    check("SkillSpan tech dev", score)
    assert score.f1 >= SKILLSPAN_F1_FLOOR, f"SkillSpan tech dev: F1 {score.f1:.3f} < floor {SKILLSPAN_F1_FLOOR}"


def test_unrecognised_tools_floors_and_no_tool_from_a_trap() -> None:
    reports = {report.name: report for report in tools.evaluate(CORPUS)}
    assert set(reports) == {name for name in FLOORS if name.startswith("unrecognised tools")}
    for name, report in reports.items():
        check(name, report.score)
    assert reports["unrecognised tools, traps"].score.found_wrong == 0


def test_the_long_tail_corpus_is_big_enough_and_its_tools_unknown() -> None:
    """At least 40 long-tail tools in list lines, none of which the taxonomy knows (else it is a skill, and
    belongs in `skills`), and at least 20 traps of prose whose capitalised words are not tools."""
    taxonomy = corpus.cached_taxonomy()
    gold = corpus._read_toml(CORPUS / corpus.GOLD_FILE)
    listed = {name for entry in gold.values() for name in entry.get("tools", [])}
    assert len(listed) >= 40
    assert sorted(name for name in listed if taxonomy.lookup(name) is not None) == []
    traps = corpus._read_toml(CORPUS / corpus.TRAPS_FILE)["trap"]
    assert len(traps) >= 50 + 20


def test_conll_reading_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text("Strong\tB\tO\nPython\tI\tB\nskills\tI\tO\n\nDocker\tO\tB\n", encoding="utf-8")
    first, second = skillspan.read_conll(path)
    assert first.text == "Strong Python skills"
    assert first.skills == [(0, 20)]
    assert [first.text[a:b] for a, b in first.knowledge] == ["Python"]
    assert [second.text[a:b] for a, b in second.knowledge] == ["Docker"]


def test_eval_command_prints_every_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # An explicit SkillSpan folder without the data is an error, the other corpora still print.
    assert main(["--top", "3", "--corpus", str(CORPUS), "--skillspan", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "== own corpus" in out and "== traps" in out and "skipped SkillSpan tech dev" in out
    assert "== unrecognised tools, resumes" in out and "== unrecognised tools, traps" in out


# Job ads (issue 15), measured on 33 ads: required recall 0.973, skill precision 1.000, 0 trap hits, titles,
# years, seniority and degree right in 1.000 of ads, groups 0.972 (`python -m gapcheck.eval --ads`). Must-haves
# (coach review #8): 21 of 21 gold must-haves read as must-haves (0.095 before tier headings and the title's
# skill counted), 0 boilerplate soft skills read as must-haves (2 before). Round 6 (taxo2): required recall
# 0.993, precision 1.000, groups 1.000.
ADS_FLOORS = {"required recall": 0.97, "precision": 0.97, "titles": 0.95, "years": 0.95, "groups": 0.9,
              "must-haves": 0.9}  # fmt: skip


def test_ads_set_is_big_varied_and_annotated() -> None:
    folder = REPOSITORY / "tests" / "ads"
    gold = sorted(folder.glob("*.toml"))
    assert len(gold) >= 25
    for path in gold:
        assert path.with_suffix(".txt").is_file(), path
    roles = ("ml", "data", "backend", "frontend", "full", "devops", "product", "sre", "analyst")
    assert sum(any(role in path.stem for role in roles) for path in gold) >= len(gold) / 2
    assert (folder / "SOURCE.md").is_file()


def test_ads_floor() -> None:
    report = ads.evaluate(REPOSITORY / "tests" / "ads")
    figures = {"required recall": report.required_recall, "precision": report.precision,
               "titles": report.share("title"), "years": report.share("years"), "groups": report.groups,
               "must-haves": report.must_recall}  # fmt: skip
    for name, floor in ADS_FLOORS.items():
        assert figures[name] >= floor, f"job ads: {name} {figures[name]:.3f} < floor {floor}"
    assert report.trap_hits == 0, [(ad.name, ad.trap_hits) for ad in report.ads if ad.trap_hits]
    assert not any(ad.must_wrong for ad in report.ads), [(ad.name, ad.must_wrong) for ad in report.ads]


def test_ads_gold_names_are_all_known(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Data Analyst\n\nRequirements\n- SQL\n", encoding="utf-8")
    (tmp_path / "x.toml").write_text('title = "Data Analyst"\nrequired = ["No Such Skill"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="No Such Skill"):
        ads.evaluate(tmp_path)


def test_ads_mode_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--ads"]) == 0
    out = capsys.readouterr().out
    assert "required recall" in out and "trap hits 0" in out and "titles right" in out


# ------------------------------------------------------------------------------------------------ advice

# Measured on tests/advice (40 pairs, 5 rank orders) with `python -m gapcheck.eval --advice`: before this work
# 55.0% of scores in band, 0.59 of coach gaps in the top 5, 30 absurd gaps in a top 5, fit verdicts 84.4% right,
# rank orders 80.0% right. The floors sit a little under the figures measured after it (see README).
# After the merged work of issues 15-17 and the coach review (`python -m gapcheck.eval --advice`, 2026-12-04):
# 87.5% in band, 0.743 coach gaps in the top 5, 0 absurd, fit verdicts 91.1%, rank orders 100%.
# Issue 16 finished (41 pairs: the coach's Go backend engineer x ml-engineer added, out of its band at 48):
# 85.4% in band (35 of 41; 35 of the first 40 as before), 0.757 coach gaps in the top 5 (109 of 144), 0 absurd,
# fit verdicts 91.1%, rank orders 100%. With the core-area ceiling of role profiles (scoring.toml [core_area]) and the
# fit and taxonomy fixes of the held-out review: 87.8% in band (36 of 41), 0.757, 0 absurd, 91.1%, 100%.
ADVICE_FLOORS = {
    "scores_in_band": 0.87,
    "coach_gaps_in_top5": 0.75,
    "fit_verdicts_right": 0.91,
    "rank_orders_right": 1.0,
}


def _advice_cases(folder: Path) -> dict[str, Any]:
    import tomllib

    from gapcheck.eval import advice

    return tomllib.loads((folder / advice.CASES_FILE).read_text(encoding="utf-8"))


def _assert_annotated_in_full(cases: list[dict[str, Any]]) -> None:
    from gapcheck.fit import VERDICTS
    from gapcheck.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    for case in cases:
        low, high = case["band"]
        assert 0 <= low < high <= 100, case
        assert not case["coach_gaps"] or 1 <= len(case["coach_gaps"]) <= 5, case
        for skill_id in [*case["coach_gaps"], *case["absurd"]]:
            assert skill_id in taxonomy.skills, (case["resume"], skill_id)
        assert set(case.get("fit", {})) <= {"title", "experience", "education"}
        assert set(case.get("fit", {}).values()) <= set(VERDICTS)
        assert (REPOSITORY / "tests" / case["resume"]).is_file()
        target = case["target"]
        assert target.removeprefix("role:") in taxonomy.roles or (REPOSITORY / "tests" / target).is_file(), target


def test_advice_set_is_big_enough_and_annotated_in_full() -> None:
    from gapcheck.eval import advice
    from gapcheck.taxonomy import load_taxonomy

    data = _advice_cases(advice.default_folder(REPOSITORY))
    cases, taxonomy = data["case"], load_taxonomy()
    assert len(cases) >= 30
    targets = {c["target"] for c in cases}
    assert {t.removeprefix("role:") for t in targets if t.startswith("role:")} == set(taxonomy.roles)
    assert len([t for t in targets if not t.startswith("role:")]) >= 10
    _assert_annotated_in_full(cases)
    assert len(data["rank"]) >= 3
    assert all(order["first"] in order["ads"] for order in data["rank"])


def test_advice_floors() -> None:
    from gapcheck.eval import advice

    report = advice.evaluate(advice.default_folder(REPOSITORY))
    figures = report.figures()
    assert figures["absurd_gaps_in_top5"] == 0, [(c.resume, c.target, c.absurd_found) for c in report.cases]
    for name, floor in ADVICE_FLOORS.items():
        assert figures[name] >= floor, f"advice: {name} {figures[name]} < floor {floor}"


# The held-out set (tests/advice-heldout), measured the same way: as annotated, on the code it was annotated on,
# 54.2% in band, 0.75 coach gaps in the top 5, 6 absurd gaps, fit verdicts 75.0%; after the fixes its review asked
# for, 66.7%, 0.78, 3 absurd, 95.0%. Its floors hold what was won; they are not targets met by tuning on it.
HELD_OUT_FLOORS = {"scores_in_band": 0.66, "coach_gaps_in_top5": 0.78, "fit_verdicts_right": 0.95}
HELD_OUT_MOST_ABSURD = 3


def test_held_out_advice_floors() -> None:
    from gapcheck.eval import advice

    figures = advice.evaluate(advice.held_out_folder(REPOSITORY)).figures()
    assert figures["absurd_gaps_in_top5"] <= HELD_OUT_MOST_ABSURD, figures
    for name, floor in HELD_OUT_FLOORS.items():
        assert figures[name] >= floor, f"held-out advice: {name} {figures[name]} < floor {floor}"


def test_held_out_advice_set_is_apart_and_annotated_in_full() -> None:
    from gapcheck.eval import advice

    held_out = _advice_cases(advice.held_out_folder(REPOSITORY))["case"]
    development = _advice_cases(advice.default_folder(REPOSITORY))["case"]
    assert len(held_out) >= 20
    pairs = {(c["resume"], c["target"]) for c in development}
    assert not [c for c in held_out if (c["resume"], c["target"]) in pairs], "a held-out pair is in the development set"
    _assert_annotated_in_full(held_out)


def test_advice_mode_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--advice", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    names = {"scores_in_band", "coach_gaps_in_top5", "absurd_gaps_in_top5", "fit_verdicts_right", "pairs"}
    assert set(figures) >= names | {"rank_orders_right", "held_out"}
    assert set(figures["held_out"]) >= names and figures["held_out"]["pairs"] >= 20
