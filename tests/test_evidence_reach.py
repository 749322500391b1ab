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
