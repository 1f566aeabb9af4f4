"""The demonstration library reads as plausible law, still labelled as demonstration (issue 11)."""

from __future__ import annotations

import random

from ctassist.library import demo


def test_generated_library_texts_read_as_law():
    """Demonstration provisions are whole statutory sentences, one section per subject (issue 11)."""
    for seed in range(20):
        drafts = demo.law_provisions(random.Random(seed), 12)
        headings = [d.heading for d in drafts]
        assert len(headings) == len(set(headings))
        for draft in drafts[1:]:
            lines = draft.text.splitlines()
            assert [line.split(")", 1)[0] for line in lines] == [f"({n}" for n in range(1, len(lines) + 1)]
            for line in lines:
                sentence = line.split(") ", 1)[1]
                assert sentence[0].isupper() and sentence.endswith("."), line
                assert "who an offence" not in sentence and "who the " not in sentence and "lorem" not in sentence
                assert "subsection (2)" not in sentence  # a later subsection may be left out; only (1) is cited
