"""``patterns/agency.jsonl`` (label ``AGENCY``) from the data files of ``agencies/``.

The output has two parts:

1. Phrase patterns (strings, matched on ORTH) for the name and every alias of
   every body of ``agencies.jsonl``, ``id`` = the registry id. Each alias also
   yields its surface variants: typographic apostrophe (``’``), and, when the
   alias has a proper-name anchor (a word that is neither a ``common_word`` nor
   a ``function_word``), the forms with its common words lowercased ("Russian
   interior ministry") or capitalised ("Russian Police"). A variant that would
   point to two bodies is dropped.
2. Token patterns for the *grammar* of bodies that are not in the registry,
   ``id`` prefixed ``grammar:`` (``grammar:ministry_of``, ``grammar:police``,
   ``grammar:embassy``...): small segment lists expanded into every
   combination. The Matcher returns every length of a match ("Dhabi Police"
   as well as "Abu Dhabi Police"): consumers keep the longest span. Open name
   sequences are bounded and stop at ``stop`` words (ranks, titles, dates), so
   a person's name after a body rarely extends it, and most patterns end on a
   closed-class head word.

The words come from data; the grammar below holds the shape of each
construction, its connectors ("of", "the", "'s", "and") and the one word that
names it ("Police", "Embassy", "Prosecutor"), nothing a list could grow:

* ``agency_pattern_words.csv``: named word lists (``list,word``), each named
  where the grammar uses it (``demonym``, ``stop``, ``ministry_field``,
  ``unit_modifier``, ``border_head`` ...). Country words are pycountry's name
  words, ``country_word`` and the demonyms, less ``not_country_word``.
* ``unit_heads.csv``: its ``agency_grammar`` column says where a unit head is
  used: ``of`` ("Department of ..."), ``named`` ("<modifier> Bureau"),
  ``acronym`` ("GA for the X District"), ``school`` ("Police Academy"); the
  ``of_head`` and ``named_head`` lists add the heads of those places that are
  no unit of a parent body ("Agency", "Service"). A head is listed once.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry

from coopnlp.resources import read_jsonl, split_list

from .common import Entry, Pattern, Token, read_rows, read_word_lists

LABEL = "AGENCY"
OUTPUT = "patterns/agency.jsonl"
REGISTRY = "agencies/agencies.jsonl"
PATTERN_WORDS = "agencies/agency_pattern_words.csv"
UNIT_HEADS = "agencies/unit_heads.csv"
INPUTS = (REGISTRY, PATTERN_WORDS, UNIT_HEADS)

Segment = list[Pattern]  # alternatives; [] inside means "nothing"
Words = dict[str, list[str]]

HEAD_ROLES = ("of", "named", "acronym", "school")
NAME_RE = r"^(?:[A-Z][\w.'’&]*|-|['’]s)$"


# --------------------------------------------------------------------------- word lists


def load_words(data: Path) -> Words:
    """The word lists; ``<role>_head`` lists start with the unit heads of that role."""
    lists = read_word_lists(data / PATTERN_WORDS)
    heads: Words = defaultdict(list)
    for row in read_rows(data / UNIT_HEADS):
        for role in split_list(row["agency_grammar"]):
            if role not in HEAD_ROLES:
                raise ValueError(f"{row['head']}: agency_grammar {role!r} not in {HEAD_ROLES}")
            head = row["head"].upper() if role == "acronym" else row["head"].title()
            heads[f"{role}_head"].append(head)
    for name, words in heads.items():
        lists[name] = [*words, *lists.get(name, [])]
    # International organisations' one-word short names ("UNODC", "OSCE"), for their offices.
    lists["international_short"] = sorted(
        {
            alias
            for body in read_jsonl(data / REGISTRY)
            if body.get("kind") == "international"
            for alias in [body["name"], *body["aliases"]]
            if re.fullmatch(r"[A-Z][A-Za-z]{1,9}", alias)
        }
    )
    return lists


def country_words(w: Words) -> list[str]:
    """Lowercased words of country names (pycountry), ``country_word`` and the demonyms."""
    words: set[str] = set(w["country_word"])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                words.update(x.lower() for x in re.findall(r"[^\W\d_]+", value))
    words.update(d.lower() for d in w["demonym"])
    drop = set(w["not_country_word"])
    return sorted(x for x in words if len(x) > 1 and x not in drop)


# --------------------------------------------------------------------------- token helpers


def lower(*words: str) -> Token:
    return {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": list(words)}}


def orth(*words: str) -> Token:
    return {"ORTH": words[0]} if len(words) == 1 else {"ORTH": {"IN": list(words)}}


def rep(token: Token, low: int, high: int) -> Token:
    """Token repeated low..high times."""
    if (low, high) == (1, 1):
        return dict(token)
    if (low, high) == (0, 1):
        return {**token, "OP": "?"}
    return {**token, "OP": f"{{{low},{high}}}"}


def opt(token: Token) -> Token:
    return {**token, "OP": "?"}


def combos(*segments: Segment) -> list[Pattern]:
    """Every concatenation of one alternative per segment."""
    out: list[Pattern] = []
    for parts in itertools.product(*segments):
        pattern: Pattern = [tok for part in parts for tok in part]
        if pattern:
            out.append(pattern)
    return out


# --------------------------------------------------------------------------- grammar


def grammar(w: Words) -> list[tuple[str, Pattern]]:
    """The grammar of agency names, expanded to token patterns."""

    def words(name: str) -> Token:
        """One token out of a word list (matched as written)."""
        return orth(*w[name])

    g: list[tuple[str, Pattern]] = []

    def add(name: str, patterns: Iterable[Pattern]) -> None:
        g.extend((f"grammar:{name}", p) for p in patterns)

    cw = country_words(w)
    stop = set(w["stop"])
    demonyms = w["demonym"]
    name: Token = {"TEXT": {"REGEX": NAME_RE}, "LOWER": {"NOT_IN": sorted(stop)}}
    # a name inside "Department of <names>": no ministry word or demonym either
    name_stop = stop | set(w["unit_name_stop"]) | {d.lower() for d in demonyms}
    namec: Token = {"TEXT": {"REGEX": NAME_RE}, "LOWER": {"NOT_IN": sorted(name_stop)}}
    cwt: Token = {"LOWER": {"IN": [*cw, "'s", "’s"]}, "TEXT": {"REGEX": r"^(?:[A-Z]|['’]s$)"}}
    pw: Token = {"LOWER": {"IN": cw}, "TEXT": {"REGEX": r"^[A-Z]"}}
    dem: Token = {"ORTH": {"IN": demonyms}}
    poss = lower("'s", "’s")
    of = lower("of")
    of_for = lower("of", "for")
    the = opt(lower("the"))
    fw: Token = {"LOWER": {"IN": w["ministry_field"]}}
    mh = lower("ministry")
    acr_min = words("ministry_acronym")
    acronym: Token = {"TEXT": {"REGEX": r"^[A-Z]{2,6}$"}}
    heads_of = words("of_head")

    prefix: Segment = [[], [rep(pw, 1, 3)], [rep(pw, 1, 3), poss]]
    country_tail: Segment = [
        [of, the, rep(cwt, 1, 4)],
        [of, the, rep(cwt, 1, 3), of, the, rep(cwt, 1, 3)],
    ]
    our_country: Segment = [[of, lower("our"), lower("country")]]
    region_heads = words("region_head")
    region_tail: Segment = [
        [of_for, the, orth("Republic"), of, rep(name, 1, 3)],
        [of_for, the, rep(name, 1, 4), region_heads],
        [of_for, the, orth("City"), of, rep(name, 1, 2)],
    ]
    region_country_tail = combos([[of_for, the, rep(name, 1, 4), region_heads]], country_tail)
    city_tail: Segment = [[lower("for"), rep(name, 1, 2)]]
    ministry_core: Segment = [
        [mh, of_for, the, rep(fw, 1, 4)],
        [mh, of_for, the, rep(fw, 1, 3), lower("and", ","), rep(fw, 1, 3)],
    ]
    parent_ministry: Segment = [
        *combos([[of, the]], ministry_core, [[], *country_tail, *our_country]),
        [of, the, rep(pw, 1, 3), opt(poss), rep(fw, 1, 3), mh],
        [of, the, rep(fw, 1, 3), mh],
        [of, the, rep(pw, 1, 2), opt(poss), words("parent_ministry")],
        [of, the, acr_min, of, the, rep(cwt, 1, 4)],
    ]
    parent_acronym: Segment = [[of, the, acronym, of, the, rep(cwt, 1, 4)], [of, the, acronym]]
    parent: Segment = [
        *parent_ministry,
        *parent_acronym,
        [of, the, rep(pw, 0, 2), opt(words("parent_police_modifier")), orth("Police")],
    ]
    place_tails: Segment = [[], *country_tail, *region_tail]

    # Ministry of X (and Y) (of <country> | for the Republic of X | of our country)
    add(
        "ministry_of",
        combos(prefix, ministry_core, [[], *country_tail, *our_country, *region_tail]),
    )
    # <Adj> Interior Ministry (of <country>)
    add("adj_ministry", combos(prefix, [[rep(fw, 1, 3), mh]], [[], *country_tail]))
    # Russian Ministry, Kazakh ministry
    add("adj_ministry_bare", [[rep(dem, 1, 2), orth("Ministry", "ministry")]])
    # Coordinated plurals naming several bodies at once (split by the consumer):
    # "Ministries of Internal Affairs of Russia and Belarus",
    # "Internal Affairs Ministries of Kazakhstan and Russia",
    # "Russian and Iranian Foreign Ministries"
    conjunct: Pattern = [the, rep(cwt, 1, 3), opt(of), rep(cwt, 0, 2)]
    coordinated: Segment = [
        [*conjunct, lower("and"), *conjunct],
        [*conjunct, lower(","), *conjunct, opt(lower(",")), lower("and"), *conjunct],
    ]
    ministries = lower("ministries")
    add(
        "ministries_coord",
        [
            *combos([[ministries, of_for, the, rep(fw, 1, 4), of_for]], coordinated),
            *combos([[rep(fw, 1, 3), ministries, of]], coordinated),
            [rep(dem, 1, 2), lower("and"), rep(dem, 1, 2), rep(fw, 0, 3), ministries],
        ],
    )
    # MIA of Russia, Russian MIA, Russia's MVD
    add("mia_of", combos([[acr_min]], country_tail))
    add("adj_mia", [[rep(pw, 1, 3), opt(poss), acr_min]])
    # Department of International Cooperation (of the Ministry ...) (for the X Region)
    of_for_on = lower("of", "for", "on")
    unit_core: Segment = [
        [rep(name, 0, 3), heads_of, of_for_on, the, rep(namec, 1, 4)],
        [
            rep(name, 0, 3),
            heads_of,
            of_for_on,
            the,
            rep(namec, 1, 4),
            lower("and", "of"),
            rep(namec, 1, 4),
        ],
        [
            rep(name, 0, 3),
            heads_of,
            of_for_on,
            the,
            rep(namec, 1, 3),
            lower("and", "of", ","),
            rep(namec, 1, 3),
            lower("and", "of"),
            rep(namec, 1, 3),
        ],
    ]
    add("unit_of", combos(unit_core, [[], *parent, *region_country_tail]))
    # Main Directorate of the Ministry of Internal Affairs (for Moscow)
    add(
        "unit_of_parent",
        combos([[rep(name, 0, 3), heads_of]], parent, [[], *region_tail, *city_tail]),
    )
    # <Names> <closed modifier> <Head>: Korean National Police Agency, Press Service ...
    add(
        "unit_named",
        combos(
            [
                [rep(name, 0, 3), lower(*w["unit_modifier"]), words("named_head")],
                [rep(name, 0, 3), lower(*w["board_modifier"]), words("board_head")],
            ],
            [[], *parent, *country_tail, *region_country_tail],
        ),
    )
    add(
        "general_police",
        combos(
            [[orth("General"), orth("Police"), words("general_police_head")]],
            [[], *parent, *country_tail],
        ),
    )
    # MIA of Russia Administration for International Cooperation / GA for the X District
    mia_heads = orth(*w["of_head"], *w["acronym_head"], *w["mia_unit_head"])
    add(
        "mia_unit",
        combos(
            [
                [acr_min, of, rep(cwt, 1, 2), rep(name, 0, 2), mia_heads],
                [words("acronym_head")],
            ],
            [[of_for, the, rep(namec, 1, 5)]],
        ),
    )
    # Police
    add(
        "police_force",
        combos([[rep(name, 1, 3), orth("Police")]], [[], [words("police_force_head")]]),
    )
    add("adj_police", [[rep(dem, 1, 2), lower("police")], [rep(cwt, 1, 3), poss, lower("police")]])
    add(
        "police_of",
        combos(
            [
                [
                    opt(words("police_modifier")),
                    orth("Police"),
                    opt(words("police_of_head")),
                ]
            ],
            [*country_tail, *region_tail],
        ),
    )
    add(
        "law_enforcement_force",
        combos(
            [[rep(name, 0, 2), orth("Law"), orth("Enforcement"), words("law_enforcement_head")]],
            [[], *country_tail],
        ),
    )
    add(
        "gendarmerie",
        combos(
            [
                [rep(name, 0, 2), orth("Gendarmerie")],
                [rep(name, 0, 2), orth("Gendarmerie"), orth("General"), orth("Command")],
                [rep(name, 0, 2), orth("Gendarmerie"), words("gendarmerie_head")],
            ],
            [[], *country_tail],
        ),
    )
    # Guards, border, security, troops
    add(
        "national_guard",
        combos(
            prefix,
            [
                [orth("National"), orth("Guard")],
                [orth("National"), orth("Guard"), words("national_guard_head")],
                [words("guard_modifier"), orth("Guard")],
            ],
            [[], *country_tail],
        ),
    )
    add(
        "border_service",
        combos(
            prefix,
            [
                [opt(words("border_modifier")), orth("Border"), words("border_head")],
                [
                    opt(words("border_guard_modifier")),
                    orth("Border"),
                    words("border_guard_word"),
                    words("border_guard_head"),
                ],
            ],
            [[], *country_tail, *parent_acronym],
        ),
    )
    add(
        "coast_guard",
        combos(prefix, [[orth("Coast"), orth("Guard"), opt(orth("Command"))]], [[], *country_tail]),
    )
    add(
        "security_service",
        combos(
            prefix,
            [
                [
                    opt(words("security_modifier")),
                    words("security_word"),
                    words("security_head"),
                ]
            ],
            [[], *country_tail],
        ),
    )
    add(
        "troops",
        combos(
            prefix,
            [[words("troops_modifier"), orth("Troops")]],
            [[], *country_tail, *parent_ministry, *parent_acronym],
        ),
    )
    # Prosecutors and investigators
    prosecutor_forms: Segment = [
        [orth("Prosecutor"), orth("General"), poss, orth("Office")],
        [orth("Prosecutor"), orth("-"), orth("General"), poss, orth("Office")],
        [orth("General"), orth("Prosecutor"), poss, orth("Office")],
        [orth("Prosecutor"), orth("General"), orth("Office")],
        [words("prosecutor"), poss, orth("Office")],
        [orth("Attorney"), orth("General"), poss, orth("Office")],
        [orth("Office"), of, lower("the"), orth("Prosecutor"), opt(orth("-")), orth("General")],
        [words("procuracy")],
        [orth("Prosecution"), orth("Service")],
    ]
    add("prosecutor", combos([[rep(name, 0, 3)]], prosecutor_forms, place_tails))
    add(
        "investigative_committee",
        combos(
            [[rep(name, 0, 2), words("investigative_word"), words("investigative_head")]],
            [[], *country_tail, *parent],
        ),
    )
    # Diplomatic missions
    targets: Segment = [[lower("to", "at"), the, rep(words("mission_target"), 1, 3)]]
    add(
        "permanent_mission",
        combos(
            [[], [rep(pw, 1, 3), opt(poss)]],
            [[orth("Permanent"), words("mission_head")]],
            [[], *country_tail],
            [[], *targets],
            [[], [lower("in", "at"), rep(name, 1, 2)]],
        ),
    )
    embassy_heads: Segment = [
        [words("embassy")],
        [words("consulate")],
        [orth("High"), orth("Commission")],  # a Commonwealth state's embassy in another
        [orth("Consulate"), orth("General")],
        [orth("Consulate"), orth("-"), orth("General")],
    ]
    embassy_tails: Segment = [
        [],
        [lower("in", "to"), the, rep(cwt, 1, 4)],
        [lower("in"), rep(name, 1, 2)],
    ]
    add("embassy", combos(embassy_heads, country_tail, embassy_tails))
    add("adj_embassy", combos([[rep(pw, 1, 3), opt(poss)]], embassy_heads, embassy_tails))
    # Training institutions
    schools = words("school_head")
    add("academy", combos([[rep(name, 0, 4), schools]], parent, [[], *region_tail]))
    add(
        "police_academy",
        combos(
            [[rep(name, 0, 3), words("academy_modifier"), schools]],
            [[], *country_tail, *parent],
        ),
    )
    add("ministry_academy", [[rep(pw, 0, 2), opt(poss), rep(fw, 1, 3), mh, schools]])
    add("training_center", [[rep(name, 1, 4), orth("Training"), words("training_head")]])
    # Press services
    press_poss = lower(*w["press_poss_head"])
    add(
        "press_service",
        combos(
            [[lower("press"), lower(*w["press_head"])]],
            [*parent, [of, lower("the"), mh]],
        ),
    )
    add(
        "press_service_poss",
        [
            [rep(pw, 0, 3), opt(poss), rep(fw, 1, 3), mh, opt(poss), lower("press"), press_poss],
            [rep(pw, 1, 3), opt(poss), acr_min, opt(poss), lower("press"), press_poss],
        ],
    )
    # Interpol national central bureaus
    interpol = words("interpol")
    add(
        "ncb",
        combos(
            [
                [orth("National"), orth("Central"), orth("Bureau"), opt(of), opt(interpol)],
                [interpol, orth("National"), orth("Central"), orth("Bureau")],
                [orth("NCB"), opt(of), interpol],
                [interpol, orth("NCB")],
            ],
            [[], [lower("in", "of"), the, rep(cwt, 1, 4)], [lower("in"), rep(name, 1, 2)]],
        ),
    )
    # An international organisation's office ("UNODC Programme Office in Vientiane",
    # "OSCE Regional Office for Central Asia"): the organisation by its one-word short
    # name from the registry, the office's own words, where it sits or what it covers.
    add(
        "org_office",
        combos(
            [[words("international_short"), rep(words("org_office_modifier"), 0, 2)]],
            [[words("org_office_head")]],
            # where or what for, always: a bare "UNODC Office" is the organisation itself
            [
                [lower("in"), rep(cwt, 1, 3)],
                [lower("in"), name],
                [lower("for"), the, rep(name, 1, 3)],
            ],
        ),
    )
    # Councils of ministers (CIS-style)
    member_tail: Segment = [
        [],
        [of, the, rep(name, 1, 3)],
        [of, the, rep(name, 1, 3), lower("member"), lower("states", "countries")],
        [of, the, rep(name, 1, 3), lower("countries", "states")],
    ]
    add(
        "council_of_ministers",
        combos(
            [
                [rep(pw, 0, 2), orth("Council"), of, orth("Ministers"), of, the, rep(fw, 1, 3)],
                [rep(pw, 0, 2), orth("Council"), of, rep(fw, 1, 3), orth("Ministers")],
            ],
            member_tail,
        ),
    )
    # Governments
    add(
        "government",
        [
            # "the Cuban government", "government of the Solomon Islands": a state's
            # government is written lower-case as often as not.
            [rep(pw, 1, 3), opt(poss), lower("government")],
            [lower("government"), *country_tail[0]],
            [lower("government"), *country_tail[1]],
            [orth("Cabinet"), of, orth("Ministers"), *country_tail[0]],
            # "the Bangladesh cabinet", "the Cabinet of Ministers" (of the state the
            # document is about), "the Union Cabinet": a state's cabinet. Lower case
            # only after a state's name: "Kenya's Cabinet Secretary" is a position.
            [rep(pw, 1, 3), opt(poss), orth("cabinet")],
            [orth("Cabinet"), of, orth("Ministers")],
            [orth("Union"), orth("Cabinet")],
        ],
    )
    return g


# --------------------------------------------------------------------------- phrase patterns


def surface_variants(alias: str, w: Words) -> list[str]:
    """The alias, its typographic-apostrophe form and its case variants."""
    common, function = set(w["common_word"]), set(w["function_word"])
    tokens = alias.split(" ")
    forms = [alias]
    if any(t.lower() not in common and t.lower() not in function for t in tokens):

        def recase(tok: str, mode: str) -> str:
            if tok.lower() not in common:
                return tok
            return tok.lower() if mode == "lower" else tok[:1].upper() + tok[1:]

        lowered = [recase(t, "lower") for t in tokens]
        titled = [t if t in {"and", "for"} else recase(t, "title") for t in tokens]
        forms += [" ".join(lowered), " ".join(titled)]
        if len(tokens) <= 3:  # "Interior ministry", "Russian interior ministry"
            forms.append(" ".join([tokens[0], *lowered[1:]]))
    out: list[str] = []
    for form in forms:
        out += [form, form.replace("'", "’")]
    return list(dict.fromkeys(out))


def phrase_patterns(registry: Sequence[dict[str, Any]], w: Words) -> list[Entry]:
    owners: dict[str, set[str]] = defaultdict(set)
    order: list[tuple[str, str]] = []
    for body in registry:
        for alias in [body["name"], *body["aliases"]]:
            for form in surface_variants(alias, w):
                if body["id"] not in owners[form]:
                    owners[form].add(body["id"])
                    order.append((form, body["id"]))
    # an exact registry name/alias always keeps its own body; ambiguous variants are dropped
    exact = {a: b["id"] for b in registry for a in [b["name"], *b["aliases"]]}
    out: list[Entry] = []
    for form, body_id in order:
        if len(owners[form]) > 1 and exact.get(form) != body_id:
            continue
        out.append({"label": LABEL, "id": body_id, "pattern": form})
    return out


def build(data: Path) -> list[Entry]:
    """The registry's phrase patterns, then the grammar's token patterns."""
    w = load_words(data)
    rows = phrase_patterns(read_jsonl(data / REGISTRY), w)
    return rows + [{"label": LABEL, "id": pid, "pattern": pat} for pid, pat in grammar(w)]
