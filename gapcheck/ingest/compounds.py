"""Language data for joining words hyphenated across a line break (see `cleanup.join_hyphenated`).

A hyphen at the end of a line is usually a typesetter's break ("Devel-" + "oping"), but some words carry their own
hyphen ("cloud-native", "end-to-end"). When the document itself does not settle the question, these word parts
mark a hyphen that belongs to the word and is kept.
"""

from __future__ import annotations

# First parts of common hyphenated compounds in resumes and job ads.
KEEP_AFTER = frozenset(
    """
    back cloud cross cutting end event front full hands high long low non open peer real self short state well
    """.split()
)

# Second parts of common hyphenated compounds.
KEEP_BEFORE = frozenset(
    """
    aware based critical driven end facing first focused free friendly level native on oriented ready related
    scale side source specific stack the time to up ups wide
    """.split()
)
