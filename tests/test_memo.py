"""gapcheck.memo: answers kept between calls, and forgotten all at once (the benchmarks time each stage cold)."""

from __future__ import annotations

from gapcheck import memo
from gapcheck.checks import word_count
from gapcheck.fit import experience


def test_a_kept_answer_is_reused_until_forgotten() -> None:
    calls: list[str] = []

    @memo.kept(2)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("a") == shout("a") == "A"
    assert calls == ["a"]
    memo.forget()
    assert shout("a") == "A"
    assert calls == ["a", "a"]


def test_forget_empties_the_memos_of_the_stages() -> None:
    """The per-text memos the stages keep (a resume's word count, its dated roles) are all registered."""
    word_count("Python and SQL")
    experience._BLOCKS[("text", (), None)] = ()  # type: ignore[index]
    assert word_count.cache_info().currsize >= 1  # type: ignore[attr-defined]
    memo.forget()
    assert word_count.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert experience._BLOCKS == {}
