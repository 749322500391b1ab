"""Finding skills: the evidence rules that decide whether an ambiguous name is a skill, one module per family.

In the order the skill finder (`gapcheck.nlp`) asks them: `context` reads a Doc once (its tokens, text, line
breaks and colons) for all the rules; `cues` loads their word lists from `taxonomy/cues.toml`; `ambiguous` says
which names need evidence and weighs it; `vetoes` rejects the ordinary word outright ("Julia Chen", "R&D");
`lists` finds the lists of skills that vouch for a name; `roles` sets job titles, organisations and the workplace
apart; `domains` keeps an industry's name only where experience of it is asked for.
"""
