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


def test_a_built_name_follows_the_texts_wording_of_the_type(small_registry):
    registry = small_registry
    ministry = registry.functions[0]
    # "Interior Ministry" is a cue of the type but not a name: the type's own name.
    assert registry.national(ministry, "XBB", "Bebrian Interior Minister").name == (
        "Ministry of Internal Affairs of Bebria"
    )
    # A known body keeps its registry name whatever the wording.
    assert registry.national(ministry, "XAA", "Interior Minister").name == (
        "Ministry of Internal Affairs of Aaland"
    )


def test_title_rewrites_and_body_words_come_from_the_registrys_own_data(small_registry):
    assert small_registry.body_wording("Deputy Interior Minister") == "Deputy Interior Ministry"
    assert "aaland" in small_registry.body_words
    assert "gendarmerie" not in small_registry.body_words  # shipped-only word
    assert "gendarmerie" in Registry.shipped().body_words


def test_shipped_type_names_in_the_texts_wording():
    registry = Registry.shipped()
    interior = next(f for f in registry.functions if f.id == "internal_affairs")
    assert registry.type_name(interior, "Minister of Interior") == "Ministry of Interior"
    assert registry.type_name(interior, "Interior Minister") == "Ministry of Interior"
    assert registry.type_name(interior, "Home Minister") == "Ministry of Home Affairs"
    assert registry.type_name(interior, "MIA") == "Ministry of Internal Affairs"
