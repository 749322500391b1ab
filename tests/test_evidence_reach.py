"""The evidence rules read what they need of a long line once, not once per name (issue 20), and give the same
verdicts as the walk over the names near each one that they replace."""

from __future__ import annotations

import pytest

from gapcheck.hostile import hostile_text
from gapcheck.nlp import COMPONENT, _within_reach
from gapcheck.pipeline import toolkit
from gapcheck.skills.context import LINE_REACH, DocContext, NameRuns
from gapcheck.skills.lists import is_on_a_line_of_skills

TEXTS = [
    "Technologies: java go docker\nI like to go out. Skills: R, Go, C, Spark\n",
    "Tech stack: Kubernetes security, Go, R and Spark\nKubernetes security Go R\n",
    "Languages Python R Go and more words here; Spark or Flink\n- React on the front end, Vue.js, Go",
    # Lines longer than the reach: the line around each name is cut LINE_REACH tokens each way.
    "Skills: " + "R, Go, C, Spark, " * 60 + "and the words of a sentence " * 3 + "Go, Docker\n",
    "Kubernetes security, Go, " * 80 + "\n" + "AWS security Go R " * 70,
    hostile_text("ambiguous", 3000),
    hostile_text("python", 2000) + "\nsome words Go R then Spark",
]


@pytest.fixture(scope="module")
def finder():
    return toolkit().nlp.get_pipe(COMPONENT)


@pytest.mark.parametrize("text", TEXTS)
def test_the_line_of_skills_read_once_is_the_walked_one(finder, text):
    context = DocContext.of(toolkit().nlp.make_doc(text))
    names = finder.names(context)
    starts = [name.start for name in names]
    assert len(names) >= 5
    verdicts = []
    for name in names:
        near = _within_reach(names, starts, name)
        context.names = None
        walked = is_on_a_line_of_skills(context, name, near)
        context.set_names(names)
        assert is_on_a_line_of_skills(context, name, near) == walked, (name.start, name.text)
        verdicts.append(walked)
    if len(context.tokens) > 2 * LINE_REACH:
        assert any(verdicts)  # the comparison saw lists as well as prose


def test_a_long_name_past_the_line_end_is_left_to_the_walk(finder):
    # "Kubernetes security" runs past the line's end while "Kubernetes", which opens it, does not: no one range.
    doc = toolkit().nlp.make_doc("Go, R, Kubernetes security")
    context = DocContext.of(doc)
    names = finder.names(context)
    runs = NameRuns.of(names, context.words_before)
    assert [name.text for name in names] == ["Go", "R", "Kubernetes security", "Kubernetes"]
    assert runs.inside(0, len(doc) - 1) is None
    assert runs.inside(0, len(doc)) == (0, 4)


DOMAIN_TEXTS = [
    "Experience in banking, fintech or e-commerce. A global leader in financial services and fintech.\n",
    "years in B2B SaaS; banking domain knowledge; in retail / fintech & banking and insurance",
    "Experience in " + "fintech, banking, " * 120 + "\nWe lead in banking.",
    hostile_text("ambiguous", 500) + " experience in fintech, banking and insurance, or in banking",
]


@pytest.mark.parametrize("text", DOMAIN_TEXTS)
def test_a_list_of_domains_read_once_is_the_walked_one(finder, text):
    from gapcheck.nlp import EVIDENCE_REACH
    from gapcheck.skills.domains import DomainRuns, asks_for_the_domain, names_a_domain

    context = DocContext.of(toolkit().nlp.make_doc(text))
    names = finder.names(context)
    starts = [name.start for name in names]
    runs = DomainRuns.of(context, names)
    assert runs is not None
    domains = [name for name in names if names_a_domain(context, name)]
    assert len(domains) >= 3
    verdicts = []
    for name in domains:
        near = _within_reach(names, starts, name)
        walked = asks_for_the_domain(context, name, near)
        assert asks_for_the_domain(context, name, near, runs, name.start - EVIDENCE_REACH) == walked, name.start
        verdicts.append(walked)
    assert any(verdicts) and (len(set(verdicts)) == 2 or len(domains) > 200)


@pytest.mark.parametrize("text", [*TEXTS, *DOMAIN_TEXTS, "Vue.js Angular React Experience in Go Chen\nJulia Chen"])
def test_a_name_next_to_another_is_no_person_read_either_way(finder, text):
    from gapcheck.skills.cues import ambiguous_cues
    from gapcheck.skills.vetoes import is_vetoed

    context = DocContext.of(toolkit().nlp.make_doc(text.replace("fintech", "Fintech Go").replace("go", "Go")))
    names = finder.names(context)
    starts = [name.start for name in names]
    for name in names:
        near = _within_reach(names, starts, name)
        context.names = None
        walked = is_vetoed(context, name, near, ambiguous_cues())
        context.set_names(names)
        assert is_vetoed(context, name, near, ambiguous_cues()) == walked, (name.start, name.text)


@pytest.mark.parametrize("text", [*TEXTS, "Spark, then Go words; " * 30, "C/C++, Rust, Go and C\nScala Java Go, R"])
@pytest.mark.parametrize("named_tool", [False, True])
def test_a_list_on_the_line_read_near_the_name_is_the_walked_one(finder, text, named_tool):
    from gapcheck.skills.cues import ambiguous_cues
    from gapcheck.skills.lists import is_in_list_of_skills

    separators = ambiguous_cues()["separators"]
    context = DocContext.of(toolkit().nlp.make_doc(text))
    names = finder.names(context)
    starts = [name.start for name in names]
    labels = sorted({name.label_ for name in names})
    for accepted in (set(labels), set(labels[::2]), set()):
        for name in names:
            near = _within_reach(names, starts, name)
            context.names = None
            walked = is_in_list_of_skills(context, name, near, accepted, separators, named_tool)
            context.set_names(names)
            assert is_in_list_of_skills(context, name, near, accepted, separators, named_tool) == walked, name.start
