"""The line breaks and colons the evidence rules read (`context.Marks`), found once per Doc from its text, are
where a walk over its tokens finds them, and the line around a name is the one that walk gives."""

from __future__ import annotations

import pytest

from gapcheck.skills.context import LINE_REACH, DocContext, find_marks

TEXTS = [
    "",
    "\n",
    "Skills: Python, R\nGo and C++ \n\n  Role: DevOps\r\nhttp://example.com:8080 a:b",
    "Tel 📞 +44 1234: Python\t Java\n𝐀 SQL:\n:\n",
    " leading space\n\n\nthree breaks, then words " * 40,
]


@pytest.mark.parametrize("text", TEXTS)
def test_marks_are_where_the_tokens_are(nlp, text):
    doc = nlp.make_doc(text)
    marks = find_marks(doc, text)
    assert marks.breaks == [token.i for token in doc if "\n" in token.text_with_ws]
    assert marks.colons == [token.i for token in doc if token.text == ":"]


def _walked_line(doc, start, end):
    """The line as the rules found it before: a walk token by token, LINE_REACH at most each way."""
    line_start, floor = start, max(0, start - LINE_REACH)
    while line_start > floor and "\n" not in doc[line_start - 1].text_with_ws:
        line_start -= 1
    line_end, ceiling = end, min(len(doc), end + LINE_REACH)
    while line_end < ceiling and "\n" not in doc[line_end].text and "\n" not in doc[line_end - 1].whitespace_:
        line_end += 1
    return line_start, line_end


@pytest.mark.parametrize("text", TEXTS)
def test_the_line_around_every_token_is_the_walked_one(nlp, text):
    doc = nlp.make_doc(text)
    context = DocContext.of(doc, text)
    for start in range(len(doc)):
        for end in (start + 1, min(len(doc), start + 3)):
            assert context.line_bounds(doc[start:end]) == _walked_line(doc, start, end), (start, end)
