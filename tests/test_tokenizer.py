"""The tokenizer the skill finder sets up: names kept whole in any casing, guard words kept whole inside longer
pieces, the language's exceptions kept, and a pipeline of anyone's that gets the same tokens as ours."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from gapcheck.nlp import COMPONENT
from gapcheck.tokenizer import KeepWhole

CORPUS = Path(__file__).parent / "corpus"


def words(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


@pytest.mark.parametrize("name", ["C++", "c++", "ASP.NET", "asp.net", "Asp.Net", "NODE.JS", "Node.js", "C#", "F#"])
def test_a_punctuated_name_is_one_token_in_any_casing(nlp: Language, name: str) -> None:
    assert words(nlp, f"Used {name}, daily ({name}).") == ["Used", name, ",", "daily", "(", name, ")", "."]


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("R&D-driven teams", "R&D"),
        ("A/B-testing platform", "A/B"),
        ("CI/CD-pipelines", "CI/CD"),
        ("UI/UX-focused", "UI/UX"),
    ],
)
def test_a_guard_word_stays_whole_inside_a_longer_piece(nlp: Language, text: str, whole: str) -> None:
    # Split at the hyphen as usual, but never into "R", "&", "D": a single letter could be read as a skill.
    assert whole in words(nlp, text)


def test_the_language_exceptions_still_apply(nlp: Language) -> None:
    assert words(nlp, "I don't use it, e.g. twice.") == ["I", "do", "n't", "use", "it", ",", "e.g.", "twice", "."]


def test_line_breaks_and_spaces_are_tokens_as_before(nlp: Language) -> None:
    assert words(nlp, "Python\nSQL\n\nGo  R\t") == ["Python", "\n", "SQL", "\n\n", "Go", " ", "R", "\t"]


def test_the_same_text_tokenises_the_same_twice(nlp: Language) -> None:
    # spaCy caches the tokens of a piece of text; a second pass must give the very same tokens.
    text = "Skills\nPython, C++, A/B-testing, R&D.\nBuilt Node.js services with ASP.NET and PyTorch.\n" * 3
    assert words(nlp, text) == words(nlp, text)


def test_keep_whole_ignores_case_only() -> None:
    keep = KeepWhole(["c++", "Node.js"]).match
    assert keep("C++") and keep("NODE.JS") and keep("node.js")
    assert not keep("C+") and not keep("Node.jsx") and not keep("")


def test_a_pipeline_of_ones_own_tokenises_as_ours(nlp: Language) -> None:
    own = spacy.blank("en")  # spaCy's default tokenizer, which the component replaces with ours
    own.add_pipe(COMPONENT, config={"inferred": False})  # stated skills only, as our own
    text = "Don't: C++ (ASP.net), R&D-driven A/B-testing; https://example.com/x.y\nNode.js/React"
    assert words(own, text) == words(nlp, text)
    theirs, ours = own(text), nlp(text)
    assert [s.label_ for s in theirs.spans["skills"]] == [s.label_ for s in ours.spans["skills"]]
    assert "cpp" in {s.label_ for s in ours.spans["skills"]}


def _without_shortcuts(nlp: Language) -> Tokenizer:
    """The same tokenizer with every affix rule read in full, as spaCy would."""
    tokenizer = nlp.tokenizer
    return Tokenizer(
        nlp.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search.__self__.rule.search,
        suffix_search=tokenizer.suffix_search.__self__.rule.search,
        infix_finditer=tokenizer.infix_finditer.__self__.rule.finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def test_plain_words_skip_the_affix_rules_without_changing_a_token(nlp: Language) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    texts.append("naïve café Zürich ½ 3km 10x (e.g. U.S.) don't £5 5% 'quoted' “smart” ...ellipsis… °C x² «guillemets»")
    assert len(texts) > 30
    full = _without_shortcuts(nlp)
    for text in texts:
        assert words(nlp, text) == [token.text for token in full(text)]


def test_the_tokenizer_can_be_saved_and_read_back(nlp: Language) -> None:
    text = "C++ and asp.net, R&D-driven A/B-testing (Python/Go) at www.example.com"
    restored = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [token.text for token in restored(text)] == words(nlp, text)


def test_a_bracket_and_a_colon_are_not_an_emoticon(nlp: Language) -> None:
    assert words(nlp, "Languages (Python): Go, Adobe XD") == [
        "Languages",
        "(",
        "Python",
        ")",
        ":",
        "Go",
        ",",
        "Adobe",
        "XD",
    ]


def test_no_special_case_stands_for_a_name_or_a_guard_word(nlp: Language) -> None:
    # spaCy caches nothing of a text after its first special case: names and guard words must not be ones.
    rules = {text.lower() for text in nlp.tokenizer.rules}
    assert not rules & {"c++", "a/b", "ci/cd", "r&d", "ui/ux", "\n", " ", "):", "xd"}
    assert "don't" in rules  # the language's own exceptions stay


def test_a_doc_made_from_part_of_another_reads_its_own_text(nlp: Language) -> None:
    from gapcheck.nlp import find_skill_spans
    from gapcheck.skills.context import DocContext

    doc = find_skill_spans(nlp, ["Some prose here.\nSkills\nPython, Docker, Kubernetes\n"])[0]
    part = doc[4:].as_doc(copy_user_data=True)  # spaCy copies user_data: nothing of the whole Doc's may be read
    found = nlp.get_pipe(COMPONENT)(part)
    assert [span.text for span in found.spans["skills"]] == ["Python", "Docker", "Kubernetes"]
    context = DocContext.of(part)
    assert [context.text_of(span) for span in found.spans["skills"]] == ["Python", "Docker", "Kubernetes"]
    assert not any(key.startswith("gapcheck_") and key != "gapcheck_skills" for key in part.user_data)
