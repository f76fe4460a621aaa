"""Build ``patterns/agency.jsonl`` (span-ruler patterns, label ``AGENCY``).

Run ``python -m coopnlp.resources.build_agency_patterns`` after editing
``agencies.jsonl`` or the grammar below. The output has two parts:

1. Phrase patterns (strings, matched on ORTH) for the name and every alias of
   every registry body, ``id`` = the registry id. Each alias also yields its
   surface variants: typographic apostrophe (``’``), and, when the alias has a
   proper-name anchor (a country word, an adjective, an acronym), the forms
   with its common nouns lowercased (``Russian interior ministry``) or
   capitalised (``Russian Police``). A variant that would point to two bodies
   is dropped.
2. Token patterns for the *grammar* of bodies that are not in the registry,
   ``id`` prefixed ``grammar:`` (``grammar:ministry_of``, ``grammar:police``,
   ``grammar:embassy``...). They are hand-written here as small segment lists
   expanded into every combination. The Matcher returns every length of a
   match (``Dhabi Police`` as well as ``Abu Dhabi Police``): consumers keep
   the longest span. Open name sequences are bounded and stop at rank/title
   words, so a person's name after a body rarely extends it, and most patterns
   end on a closed-class head word.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry

RESOURCES = Path(__file__).resolve().parent
REGISTRY = RESOURCES / "agencies.jsonl"
OUTPUT = RESOURCES / "patterns" / "agency.jsonl"
LABEL = "AGENCY"

Token = dict[str, Any]
Pattern = list[Token]
Segment = list[Pattern]  # alternatives; [] inside means "nothing"

# --------------------------------------------------------------------------- word lists


def words(text: str) -> list[str]:
    """Whitespace-separated words of a block of text."""
    return text.split()


# Nouns that may be lowercased/capitalised in phrase-pattern variants.
COMMON = {
    "ministry",
    "ministries",
    "interior",
    "internal",
    "affairs",
    "foreign",
    "justice",
    "home",
    "public",
    "security",
    "police",
    "service",
    "guard",
    "national",
    "department",
    "directorate",
    "administration",
    "committee",
    "agency",
    "bureau",
    "office",
    "center",
    "centre",
    "force",
    "forces",
    "troops",
    "border",
    "state",
    "federal",
    "emergency",
    "emergencies",
    "situations",
    "defence",
    "defense",
    "embassy",
    "mission",
    "permanent",
    "press",
    "investigative",
    "investigation",
    "customs",
    "drug",
    "control",
    "migration",
    "academy",
    "university",
    "institute",
    "main",
    "division",
    "secretariat",
    "council",
    "government",
    "intelligence",
    "protection",
    "command",
    "gendarmerie",
    "narcotics",
    "general",
    "prosecutor",
    "prosecutor's",
    "general's",
    "law",
    "enforcement",
    "headquarters",
    "for",
    "and",
}
FUNCTION_WORDS = {"of", "the", "for", "and", "on", "in", "to", "at", "a", "an", "&", "-", ","}

# Country adjectives / demonyms (first tokens of multiword ones included).
DEMONYMS = words("""
Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Azeri Bahraini Bangladeshi Belarusian Belarussian Byelorussian Belgian Bolivian
Bosnian Brazilian British Bruneian Bulgarian Burmese Cambodian Cameroonian Canadian Chadian
Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian
Egyptian Emirati Eritrean Estonian Ethiopian Filipino Finnish French Georgian German Ghanaian
Greek Guatemalan Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli
Italian Ivorian Jamaican Japanese Jordanian Kazakh Kazakhstani Kenyan Korean Kosovan Kosovar
Kuwaiti Kyrgyz Kyrgyzstani Lao Laotian Latvian Lebanese Liberian Libyan Lithuanian Macedonian
Malagasy Malaysian Maldivian Malian Maltese Mauritanian Mexican Moldovan Mongolian Montenegrin
Moroccan Mozambican Myanmar Namibian Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian
Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Philippine Polish Portuguese Qatari
Romanian Russian Rwandan Saudi Arabian Senegalese Serbian Singaporean Slovak Slovenian Somali
South North Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik Tajikistani Tanzanian Thai
Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Uzbekistani Venezuelan Vietnamese
Yemeni Zambian Zimbabwean Emirian Soviet Arab European African Asian
""")

# Extra capitalised words that may stand in a country name.
COUNTRY_EXTRA = words("""
russia türkiye turkiye uae usa us u.s. uk prc dprk pdr lao laos kosovo vietnam korea moldova
iran syria britain emirates federation republic kingdom state states union islamic socialist
democratic people arab federal united sultanate hashemite principality commonwealth
bolivarian plurinational kyrgyz azerbaijan america macedonia czechia
""")
COUNTRY_DROP = {
    "of",
    "the",
    "and",
    "da",
    "de",
    "del",
    "do",
    "dos",
    "das",
    "el",
    "la",
    "le",
    "les",
    "part",
    "former",
    "province",
    "s",
    "martin",
    "vincent",
    "pierre",
    "helena",
    "lucia",
    "heard",
    "man",
    "see",
    "holy",
    "christmas",
    "cook",
    "jersey",
    "kitts",
    "nevis",
    "wallis",
    "futuna",
    "bouvet",
    "mcdonald",
    "ascension",
    "tristan",
    "cunha",
    "outlying",
    "minor",
    "sint",
    "saint",
    "territory",
    "territories",
    "british",
    "island",
    "islands",
    "city",
    "sar",
    "special",
    "administrative",
    "region",
    "plurinational",
}

# Words that never continue an open name sequence (ranks, titles, pronouns, dates...).
STOP = set(
    words(
        """
    the a an of and for on in at to by from with as or but not no this that these those his her
    their its our my your he she they we i it mr mrs ms dr prof sir colonel major lieutenant
    captain sergeant admiral marshal brigadier commander commissioner chief head deputy director
    minister ministers secretary ambassador president chairman chairperson chair vice acting
    first senior junior inspector officer officers spokesman spokeswoman spokesperson
    representative adviser advisor envoy consul attaché attache governor mayor prime premier
    king queen prince princess sheikh sultan emir gen col lt maj brig capt sgt adm gov
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow earlier later
    during according after before also meanwhile however besides moreover recently there here
    when where while since following upon between among both under within over about
    joint intergovernmental inter-governmental bilateral organizing organising steering working
    mixed meeting meetings conference session summit forum talks visit delegation delegations
    group commission said says told noted stated added reported photo source read related
    general party communist
    """
    )
)

# Function words allowed inside "Ministry of ...", "... Ministry" (matched on LOWER).
MINISTRY_FUNCTION = words("""
internal interior affairs home public security foreign justice defence defense national
emergency emergencies situations civil protection state social labour labor population finance
finances economy economic development trade industry digital information communications
transport health education science culture sport sports youth agriculture energy natural
resources ecology environment environmental law order administration citizen police immigration
migration border customs revenue human rights peace religious local government territorial
counter narcotics drug drugs control intelligence safety external disaster management
penitentiary power legal
""")

HEADS_OF = [
    "Department",
    "Directorate",
    "Administration",
    "Office",
    "Bureau",
    "Centre",
    "Center",
    "Division",
    "Service",
    "Committee",
    "Agency",
    "Inspectorate",
    "Command",
    "Unit",
    "Headquarters",
    "Authority",
    "Commissariat",
    "Directorate-General",
]
# "<names> <modifier> <head>" names: a closed modifier must stand right before the head
# (so "Saudi Press Agency" or "APA Information Agency", news outlets, do not match).
UNIT_HEADS = [
    "Agency",
    "Service",
    "Bureau",
    "Department",
    "Directorate",
    "Administration",
    "Command",
    "Force",
    "Forces",
    "Center",
    "Centre",
    "Office",
    "Inspectorate",
    "Corps",
    "Troops",
    "Authority",
    "Unit",
    "Squad",
]
UNIT_MODIFIERS = words("""
police control security intelligence investigation investigations investigative enforcement
crime crimes corruption migration immigration customs border guard protection narcotics
narcotic drugs drug monitoring terrorism terrorist counterterrorism cybercrime penitentiary
prison prisons correctional rescue emergency bailiffs marshals secret coast troops revenue
probation guards protective patrol traffic relations cooperation affairs personnel training
analytical operations operational coordination situation situational research cyber forensic
safety brigade defence defense reserve general central intervention response
tactical swat
""")
# Collective heads: only these modifiers (no "Coordination Committee", "Cooperation Council").
BOARD_HEADS = ["Committee", "Council", "Commission"]
BOARD_MODIFIERS = words("""
customs security border investigative investigation corruption crimes control enforcement
""")
REGION_HEADS = [
    "Territory",
    "Region",
    "Oblast",
    "Krai",
    "Kray",
    "District",
    "Province",
    "City",
    "Okrug",
    "Governorate",
    "Prefecture",
    "Emirate",
    "Municipality",
    "Republic",
    "Area",
]
ACRONYM_MINISTRY = ["MIA", "MVD", "MoI", "MOI", "MPS", "MFA", "MUP", "MHA", "MoIA"]
MISSION_TARGET_WORDS = [
    "United",
    "Nations",
    "UN",
    "U.N.",
    "OSCE",
    "EU",
    "European",
    "Union",
    "NATO",
    "CSTO",
    "CIS",
    "SCO",
    "ASEAN",
    "African",
    "AU",
    "Interpol",
    "INTERPOL",
    "IAEA",
    "UNESCO",
    "Office",
    "Communities",
    "WTO",
    "UNODC",
]


def country_words() -> list[str]:
    """Lowercased words of country names (pycountry) plus common short forms."""
    words: set[str] = set(COUNTRY_EXTRA)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                words.update(w.lower() for w in re.findall(r"[^\W\d_]+", value))
    words.update(d.lower() for d in DEMONYMS)
    return sorted(w for w in words if len(w) > 1 and w not in COUNTRY_DROP)


# --------------------------------------------------------------------------- token helpers

NAME_RE = r"^(?:[A-Z][\w.'’&]*|-|['’]s)$"


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


CW = country_words()
NAME: Token = {"TEXT": {"REGEX": NAME_RE}, "LOWER": {"NOT_IN": sorted(STOP)}}
NAMEC: Token = {
    "TEXT": {"REGEX": NAME_RE},
    "LOWER": {
        "NOT_IN": sorted(
            STOP | {"ministry", "ministries", "mia", "mvd", "mps"} | {d.lower() for d in DEMONYMS}
        )
    },
}
CWT: Token = {"LOWER": {"IN": [*CW, "'s", "’s"]}, "TEXT": {"REGEX": r"^(?:[A-Z]|['’]s$)"}}
PW: Token = {"LOWER": {"IN": CW}, "TEXT": {"REGEX": r"^[A-Z]"}}
DEM: Token = {"ORTH": {"IN": DEMONYMS}}
POSS: Token = lower("'s", "’s")
OF: Token = lower("of")
OF_FOR: Token = lower("of", "for")
THE: Token = opt(lower("the"))
FW: Token = {"LOWER": {"IN": MINISTRY_FUNCTION}}
MH: Token = lower("ministry")
ACR_MIN: Token = orth(*ACRONYM_MINISTRY)
ACRONYM: Token = {"TEXT": {"REGEX": r"^[A-Z]{2,6}$"}}

NONE: Segment = [[]]
PREFIX: Segment = [[], [rep(PW, 1, 3)], [rep(PW, 1, 3), POSS]]
COUNTRY_TAIL: Segment = [
    [OF, THE, rep(CWT, 1, 4)],
    [OF, THE, rep(CWT, 1, 3), OF, THE, rep(CWT, 1, 3)],
]
OUR_COUNTRY: Segment = [[OF, lower("our"), lower("country")]]
REGION_TAIL: Segment = [
    [OF_FOR, THE, orth("Republic"), OF, rep(NAME, 1, 3)],
    [OF_FOR, THE, rep(NAME, 1, 4), orth(*REGION_HEADS)],
    [OF_FOR, THE, orth("City"), OF, rep(NAME, 1, 2)],
]
REGION_COUNTRY_TAIL: Segment = combos(
    [[OF_FOR, THE, rep(NAME, 1, 4), orth(*REGION_HEADS)]], COUNTRY_TAIL
)
CITY_TAIL: Segment = [[lower("for"), rep(NAME, 1, 2)]]
MINISTRY_CORE: Segment = [
    [MH, OF_FOR, THE, rep(FW, 1, 4)],
    [MH, OF_FOR, THE, rep(FW, 1, 3), lower("and", ","), rep(FW, 1, 3)],
]
PARENT_MINISTRY: Segment = [
    *combos([[OF, THE]], MINISTRY_CORE, [[], *COUNTRY_TAIL, *OUR_COUNTRY]),
    [OF, THE, rep(PW, 1, 3), opt(POSS), rep(FW, 1, 3), MH],
    [OF, THE, rep(FW, 1, 3), MH],
    [OF, THE, rep(PW, 1, 2), opt(POSS), orth("MIA", "MVD", "MPS", "Ministry", "ministry")],
    [OF, THE, ACR_MIN, OF, THE, rep(CWT, 1, 4)],
]
PARENT_ACRONYM: Segment = [
    [OF, THE, ACRONYM, OF, THE, rep(CWT, 1, 4)],
    [OF, THE, ACRONYM],
]
PARENT: Segment = [
    *PARENT_MINISTRY,
    *PARENT_ACRONYM,
    [OF, THE, rep(PW, 0, 2), opt(orth("National", "Federal")), orth("Police")],
]
PLACE_TAILS: Segment = [[], *COUNTRY_TAIL, *REGION_TAIL]


def grammar() -> list[tuple[str, Pattern]]:
    """The hand-written grammar of agency names, expanded to token patterns."""
    g: list[tuple[str, Pattern]] = []

    def add(name: str, patterns: Iterable[Pattern]) -> None:
        g.extend((f"grammar:{name}", p) for p in patterns)

    # Ministry of X (and Y) (of <country> | for the Republic of X | of our country)
    add(
        "ministry_of",
        combos(PREFIX, MINISTRY_CORE, [[], *COUNTRY_TAIL, *OUR_COUNTRY, *REGION_TAIL]),
    )
    # <Adj> Interior Ministry (of <country>)
    add("adj_ministry", combos(PREFIX, [[rep(FW, 1, 3), MH]], [[], *COUNTRY_TAIL]))
    # Russian Ministry, Kazakh ministry
    add("adj_ministry_bare", [[rep(DEM, 1, 2), orth("Ministry", "ministry")]])
    # Coordinated plurals naming several bodies at once (split by the consumer):
    # "Ministries of Internal Affairs of Russia and Belarus",
    # "Internal Affairs Ministries of Kazakhstan and Russia",
    # "Russian and Iranian Foreign Ministries"
    conjunct: Pattern = [THE, rep(CWT, 1, 3), opt(OF), rep(CWT, 0, 2)]
    coordinated: Segment = [
        [*conjunct, lower("and"), *conjunct],
        [*conjunct, lower(","), *conjunct, opt(lower(",")), lower("and"), *conjunct],
    ]
    ministries = lower("ministries")
    add(
        "ministries_coord",
        [
            *combos([[ministries, OF_FOR, THE, rep(FW, 1, 4), OF_FOR]], coordinated),
            *combos([[rep(FW, 1, 3), ministries, OF]], coordinated),
            [rep(DEM, 1, 2), lower("and"), rep(DEM, 1, 2), rep(FW, 0, 3), ministries],
        ],
    )
    # MIA of Russia, Russian MIA, Russia's MVD
    add("mia_of", combos([[ACR_MIN]], COUNTRY_TAIL))
    add("adj_mia", [[rep(PW, 1, 3), opt(POSS), ACR_MIN]])
    # Department of International Cooperation (of the Ministry ...) (for the X Region)
    of_for_on = lower("of", "for", "on")
    unit_core: Segment = [
        [rep(NAME, 0, 3), orth(*HEADS_OF), of_for_on, THE, rep(NAMEC, 1, 4)],
        [
            rep(NAME, 0, 3),
            orth(*HEADS_OF),
            of_for_on,
            THE,
            rep(NAMEC, 1, 4),
            lower("and", "of"),
            rep(NAMEC, 1, 4),
        ],
        [
            rep(NAME, 0, 3),
            orth(*HEADS_OF),
            of_for_on,
            THE,
            rep(NAMEC, 1, 3),
            lower("and", "of", ","),
            rep(NAMEC, 1, 3),
            lower("and", "of"),
            rep(NAMEC, 1, 3),
        ],
    ]
    add("unit_of", combos(unit_core, [[], *PARENT, *REGION_COUNTRY_TAIL]))
    # Main Directorate of the Ministry of Internal Affairs (for Moscow)
    add(
        "unit_of_parent",
        combos([[rep(NAME, 0, 3), orth(*HEADS_OF)]], PARENT, [[], *REGION_TAIL, *CITY_TAIL]),
    )
    # <Names> <closed modifier> <Head>: Korean National Police Agency, Press Service ...
    add(
        "unit_named",
        combos(
            [
                [rep(NAME, 0, 3), lower(*UNIT_MODIFIERS), orth(*UNIT_HEADS)],
                [rep(NAME, 0, 3), lower(*BOARD_MODIFIERS), orth(*BOARD_HEADS)],
            ],
            [[], *PARENT, *COUNTRY_TAIL, *REGION_COUNTRY_TAIL],
        ),
    )
    add(
        "general_police",
        combos(
            [
                [
                    orth("General"),
                    orth("Police"),
                    orth("Department", "Directorate", "Inspectorate", "Command", "Agency"),
                ]
            ],
            [[], *PARENT, *COUNTRY_TAIL],
        ),
    )
    # MIA of Russia Administration for International Cooperation / GA for the X District
    add(
        "mia_unit",
        combos(
            [
                [
                    ACR_MIN,
                    OF,
                    rep(CWT, 1, 2),
                    rep(NAME, 0, 2),
                    orth(*HEADS_OF, "GA", "GU", "UMVD", "GUVD"),
                ],
                [orth("GA", "GU")],
            ],
            [[OF_FOR, THE, rep(NAMEC, 1, 5)]],
        ),
    )
    # Police
    add(
        "police_force",
        combos(
            [[rep(NAME, 1, 3), orth("Police")]],
            [
                [],
                [
                    orth(
                        "Force",
                        "Service",
                        "Department",
                        "Agency",
                        "Headquarters",
                        "Command",
                        "Directorate",
                        "Forces",
                        "Corps",
                    )
                ],
            ],
        ),
    )
    add("adj_police", [[rep(DEM, 1, 2), lower("police")], [rep(CWT, 1, 3), POSS, lower("police")]])
    add(
        "police_of",
        combos(
            [
                [
                    opt(
                        orth(
                            "National",
                            "Federal",
                            "State",
                            "Military",
                            "Border",
                            "Municipal",
                            "Criminal",
                            "Judicial",
                            "Royal",
                            "Traffic",
                            "Tourist",
                            "Transport",
                            "Financial",
                            "General",
                        )
                    ),
                    orth("Police"),
                    opt(orth("Force", "Service", "Department", "Agency")),
                ]
            ],
            [*COUNTRY_TAIL, *REGION_TAIL],
        ),
    )
    add(
        "law_enforcement_force",
        combos(
            [
                [
                    rep(NAME, 0, 2),
                    orth("Law"),
                    orth("Enforcement"),
                    orth("Force", "Forces", "Command", "Agency"),
                ]
            ],
            [[], *COUNTRY_TAIL],
        ),
    )
    add(
        "gendarmerie",
        combos(
            [
                [rep(NAME, 0, 2), orth("Gendarmerie")],
                [rep(NAME, 0, 2), orth("Gendarmerie"), orth("General"), orth("Command")],
                [rep(NAME, 0, 2), orth("Gendarmerie"), orth("Force", "Command", "Corps")],
            ],
            [[], *COUNTRY_TAIL],
        ),
    )
    # Guards, border, security, troops
    add(
        "national_guard",
        combos(
            PREFIX,
            [
                [orth("National"), orth("Guard")],
                [orth("National"), orth("Guard"), orth("Troops", "Service", "Forces", "Corps")],
                [orth("Republican", "Presidential", "Civil"), orth("Guard")],
            ],
            [[], *COUNTRY_TAIL],
        ),
    )
    add(
        "border_service",
        combos(
            PREFIX,
            [
                [
                    opt(orth("State", "National", "Federal")),
                    orth("Border"),
                    orth(
                        "Service",
                        "Guard",
                        "Guards",
                        "Troops",
                        "Police",
                        "Committee",
                        "Protection",
                        "Force",
                        "Agency",
                        "Department",
                        "Directorate",
                        "Command",
                    ),
                ],
                [
                    opt(orth("State", "National")),
                    orth("Border"),
                    orth("Guard", "Protection"),
                    orth("Service", "Command", "Agency", "Department"),
                ],
            ],
            [[], *COUNTRY_TAIL, *PARENT_ACRONYM],
        ),
    )
    add(
        "coast_guard",
        combos(PREFIX, [[orth("Coast"), orth("Guard"), opt(orth("Command"))]], [[], *COUNTRY_TAIL]),
    )
    add(
        "security_service",
        combos(
            PREFIX,
            [
                [
                    opt(
                        orth(
                            "State",
                            "National",
                            "Federal",
                            "Foreign",
                            "Internal",
                            "General",
                            "Central",
                        )
                    ),
                    orth("Security", "Intelligence"),
                    orth(
                        "Service",
                        "Committee",
                        "Agency",
                        "Council",
                        "Bureau",
                        "Directorate",
                        "Organization",
                        "Organisation",
                        "Department",
                    ),
                ]
            ],
            [[], *COUNTRY_TAIL],
        ),
    )
    add(
        "troops",
        combos(
            PREFIX,
            [[orth("Internal", "Interior", "Border", "Convoy"), orth("Troops")]],
            [[], *COUNTRY_TAIL, *PARENT_MINISTRY, *PARENT_ACRONYM],
        ),
    )
    # Prosecutors and investigators
    prosecutor_forms: Segment = [
        [orth("Prosecutor"), orth("General"), POSS, orth("Office")],
        [orth("Prosecutor"), orth("-"), orth("General"), POSS, orth("Office")],
        [orth("General"), orth("Prosecutor"), POSS, orth("Office")],
        [orth("Prosecutor"), orth("General"), orth("Office")],
        [orth("Prosecutor", "Procurator"), POSS, orth("Office")],
        [orth("Attorney"), orth("General"), POSS, orth("Office")],
        [orth("Office"), OF, lower("the"), orth("Prosecutor"), opt(orth("-")), orth("General")],
        [orth("Procuracy", "Procuratorate")],
        [orth("Prosecution"), orth("Service")],
    ]
    add("prosecutor", combos([[rep(NAME, 0, 3)]], prosecutor_forms, PLACE_TAILS))
    add(
        "investigative_committee",
        combos(
            [
                [
                    rep(NAME, 0, 2),
                    orth("Investigative", "Investigation", "Investigations"),
                    orth("Committee", "Service", "Department", "Directorate"),
                ]
            ],
            [[], *COUNTRY_TAIL, *PARENT],
        ),
    )
    # Diplomatic missions
    targets: Segment = [[lower("to", "at"), THE, rep(orth(*MISSION_TARGET_WORDS), 1, 3)]]
    add(
        "permanent_mission",
        combos(
            [[], [rep(PW, 1, 3), opt(POSS)]],
            [[orth("Permanent"), orth("Mission", "Representation", "Delegation")]],
            [[], *COUNTRY_TAIL],
            [[], *targets],
            [[], [lower("in", "at"), rep(NAME, 1, 2)]],
        ),
    )
    embassy_heads: Segment = [
        [orth("Embassy", "embassy")],
        [orth("Consulate", "Consulate-General", "consulate")],
        [orth("Consulate"), orth("General")],
        [orth("Consulate"), orth("-"), orth("General")],
    ]
    embassy_tails: Segment = [
        [],
        [lower("in", "to"), THE, rep(CWT, 1, 4)],
        [lower("in"), rep(NAME, 1, 2)],
    ]
    add("embassy", combos(embassy_heads, COUNTRY_TAIL, embassy_tails))
    add("adj_embassy", combos([[rep(PW, 1, 3), opt(POSS)]], embassy_heads, embassy_tails))
    # Training institutions
    schools = ("Academy", "University", "Institute", "College", "School")
    add("academy", combos([[rep(NAME, 0, 4), orth(*schools)]], PARENT, [[], *REGION_TAIL]))
    add(
        "police_academy",
        combos(
            [
                [
                    rep(NAME, 0, 3),
                    orth(
                        "Police", "Militia", "Border", "Gendarmerie", "Security", "Customs", "Guard"
                    ),
                    orth(*schools),
                ]
            ],
            [[], *COUNTRY_TAIL, *PARENT],
        ),
    )
    add("ministry_academy", [[rep(PW, 0, 2), opt(POSS), rep(FW, 1, 3), MH, orth(*schools)]])
    add(
        "training_center",
        [
            [
                rep(NAME, 1, 4),
                orth("Training"),
                orth("Center", "Centre", "Centers", "Centres", "Institute"),
            ]
        ],
    )
    # Press services
    add(
        "press_service",
        combos(
            [[lower("press"), lower("service", "center", "centre", "office")]],
            [*PARENT, [OF, lower("the"), MH]],
        ),
    )
    add(
        "press_service_poss",
        [
            [
                rep(PW, 0, 3),
                opt(POSS),
                rep(FW, 1, 3),
                MH,
                opt(POSS),
                lower("press"),
                lower("service", "center", "centre"),
            ],
            [
                rep(PW, 1, 3),
                opt(POSS),
                ACR_MIN,
                opt(POSS),
                lower("press"),
                lower("service", "center", "centre"),
            ],
        ],
    )
    # Interpol national central bureaus
    add(
        "ncb",
        combos(
            [
                [
                    orth("National"),
                    orth("Central"),
                    orth("Bureau"),
                    opt(OF),
                    opt(orth("Interpol", "INTERPOL")),
                ],
                [orth("Interpol", "INTERPOL"), orth("National"), orth("Central"), orth("Bureau")],
                [orth("NCB"), opt(OF), orth("Interpol", "INTERPOL")],
                [orth("Interpol", "INTERPOL"), orth("NCB")],
            ],
            [[], [lower("in", "of"), THE, rep(CWT, 1, 4)], [lower("in"), rep(NAME, 1, 2)]],
        ),
    )
    # Councils of ministers (CIS-style)
    member_tail: Segment = [
        [],
        [OF, THE, rep(NAME, 1, 3)],
        [OF, THE, rep(NAME, 1, 3), lower("member"), lower("states", "countries")],
        [OF, THE, rep(NAME, 1, 3), lower("countries", "states")],
    ]
    add(
        "council_of_ministers",
        combos(
            [
                [rep(PW, 0, 2), orth("Council"), OF, orth("Ministers"), OF, THE, rep(FW, 1, 3)],
                [rep(PW, 0, 2), orth("Council"), OF, rep(FW, 1, 3), orth("Ministers")],
            ],
            member_tail,
        ),
    )
    # Governments
    add(
        "government",
        combos(
            [
                [rep(PW, 1, 3), opt(POSS), orth("Government")],
                [orth("Government"), *COUNTRY_TAIL[0]],
                [orth("Government"), *COUNTRY_TAIL[1]],
                [orth("Cabinet"), OF, orth("Ministers"), *COUNTRY_TAIL[0]],
            ],
            NONE,
        ),
    )
    return g


# --------------------------------------------------------------------------- phrase patterns


def load_registry(path: Path = REGISTRY) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def surface_variants(alias: str) -> list[str]:
    """The alias, its typographic-apostrophe form and its case variants."""
    tokens = alias.split(" ")
    forms = [alias]
    anchored = any(t.lower() not in COMMON and t.lower() not in FUNCTION_WORDS for t in tokens)
    if anchored:

        def recase(tok: str, mode: str) -> str:
            if tok.lower() not in COMMON:
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


def phrase_patterns(registry: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    order: list[tuple[str, str]] = []
    for body in registry:
        for alias in [body["name"], *body["aliases"]]:
            for form in surface_variants(alias):
                if body["id"] not in owners[form]:
                    owners[form].add(body["id"])
                    order.append((form, body["id"]))
    # an exact registry name/alias always keeps its own body; ambiguous variants are dropped
    exact = {a: b["id"] for b in registry for a in [b["name"], *b["aliases"]]}
    out: list[dict[str, str]] = []
    for form, body_id in order:
        if len(owners[form]) > 1 and exact.get(form) != body_id:
            continue
        out.append({"label": LABEL, "id": body_id, "pattern": form})
    return out


def build(registry_path: Path = REGISTRY, output: Path = OUTPUT) -> int:
    """Write the pattern file; return the number of patterns."""
    registry = load_registry(registry_path)
    rows: list[dict[str, Any]] = list(phrase_patterns(registry))
    rows += [{"label": LABEL, "id": pid, "pattern": pat} for pid, pat in grammar()]
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def main() -> None:
    n = build()
    print(f"wrote {n} patterns to {OUTPUT}")


if __name__ == "__main__":
    main()
