from __future__ import annotations

from coopnlp.knowledge.ranks import Rank, RankTable


def test_canonical_rank_with_its_service(small_ranks):
    table = small_ranks
    assert table.normalise("Police Colonel", "colonel") == Rank(
        "Colonel of Police", "Police", 60, "military"
    )
    assert table.normalise("Major", "major") == Rank("Major", None, 40, None)
    assert table.normalise("Brigadier", "unknown").canonical == "Brigadier"


def test_round_trip_through_a_folder(tmp_path, small_ranks):
    small_ranks.to_dir(tmp_path)
    loaded = RankTable.from_dir(tmp_path)
    assert loaded.normalise("Colonel of the Police", "colonel").canonical == "Colonel of Police"


def test_shipped_ranks():
    rank = RankTable.shipped().normalise("Police Colonel", "colonel")
    assert (rank.canonical, rank.grade) == ("Colonel of Police", 60)


def test_id_of_a_canonical_phrase(small_ranks):
    assert small_ranks.id_of("  colonel ") == "colonel"
    assert small_ranks.id_of("Brigadier") is None
