"""The time limit of one document holds even when the timer fires inside code that fails on its own way out."""

import time

import pytest

from gapcheck.deadline import DocumentTimeout, can_bound, document_deadline


@pytest.mark.skipif(not can_bound(), reason="a timer signal works only in the main thread on POSIX")
def test_a_failure_the_timer_caused_is_reported_as_the_time_limit() -> None:
    with pytest.raises(DocumentTimeout, match="took longer than 0.01 s"):
        with document_deadline(0.01, "resume.pdf"):
            try:
                time.sleep(1)
            except DocumentTimeout:
                # as a lock's release does when interrupted: the timer's exception turns into another one
                raise RuntimeError("release unlocked lock") from None


@pytest.mark.skipif(not can_bound(), reason="a timer signal works only in the main thread on POSIX")
def test_a_failure_inside_the_limit_stays_itself() -> None:
    with pytest.raises(ValueError, match="bad"):
        with document_deadline(5, "resume.pdf"):
            raise ValueError("bad")
