"""gapcheck: find the skills in a resume, compare them with a job, report the gaps."""

from __future__ import annotations

__version__ = "0.1.0"
