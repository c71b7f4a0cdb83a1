"""`check` shows the strongest suggested merges and says how many weaker ones the export holds."""

from __future__ import annotations

from archive_builder.entities import SUGGESTIONS_SHOWN, _suggestion_diagnostics
from archive_builder.model import EntityIndex, MergeSuggestion


def test_only_the_strongest_suggestions_are_printed() -> None:
    suggestions = tuple(MergeSuggestion(f"a{i:03d}", f"b{i:03d}", round(i / 1000, 3), "similar names")
                        for i in range(SUGGESTIONS_SHOWN + 50))
    shown = _suggestion_diagnostics("seeds/curation.yml", EntityIndex(suggestions=suggestions))
    assert len(shown) == SUGGESTIONS_SHOWN + 1
    assert shown[0].message.startswith(f"suggested merge: 'a{SUGGESTIONS_SHOWN + 49:03d}'")
    assert all("'a049'" not in d.message for d in shown)  # the 50 weakest are left to the export
    assert shown[-1].message == "50 weaker suggested merges not shown"


def test_few_suggestions_are_all_printed() -> None:
    shown = _suggestion_diagnostics("seeds/curation.yml", EntityIndex(suggestions=(MergeSuggestion("x", "y", 0.7, "r"),)))
    assert [d.message for d in shown] == ["suggested merge: 'x' and 'y' (score 0.70: r)"]
