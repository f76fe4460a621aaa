"""Default pattern ids link like the shipped patterns (`retrain.patterns`)."""

from __future__ import annotations

import pytest

from coopnlp.retrain import patterns as store


@pytest.mark.parametrize(
    "label, text, expected",
    [
        ("COUNTRY", "Azerbaijan", "AZE"),
        ("AGENCY", "Russian Interior Ministry", "rus_mia"),
        ("AGENCY", "Kestrel Watch of Georgia", store.LEARNED_AGENCY_ID),
        ("AGREEMENT", "Joint Action Plan", "plan"),
        ("RANK", "Colonel General", "colonel_general"),
        ("TITLE", "Deputy Minister", "deputy_minister"),
    ],
)
def test_default_ids_link_like_the_shipped_patterns(label, text, expected) -> None:
    assert store.default_id(label, text) == expected
