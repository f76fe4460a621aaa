from __future__ import annotations

from coopnlp.knowledge.registry import Registry


def test_alias_and_type_lookups(small_registry):
    registry = small_registry
    assert registry.by_alias("the Aaland MIA").name == "Ministry of Internal Affairs of Aaland"
    assert registry.function_in("Bebrian Interior Ministry").id == "internal_affairs"
    assert registry.by_id("xaa_mia").source == "registry:xaa_mia"


def test_national_body_known_or_named_from_its_parts(small_registry):
    registry = small_registry
    ministry = registry.functions[0]
    assert registry.national(ministry, "XAA").name == "Ministry of Internal Affairs of Aaland"
    built = registry.national(ministry, "XBB")
    assert (built.name, built.country, built.source) == (
        "Ministry of Internal Affairs of Bebria",
        "XBB",
        "function:internal_affairs",
    )


def test_round_trip_through_a_folder(tmp_path, small_registry):
    small_registry.to_dir(tmp_path)
    loaded = Registry.from_dir(tmp_path, small_registry.gazetteer)
    assert loaded.bodies == small_registry.bodies
    assert [f.id for f in loaded.functions] == ["internal_affairs", "border_service"]


def test_shipped_registry():
    body = Registry.shipped().by_alias("MIA of Russia")
    assert body.country == "RUS" and body.kind == "ministry"
