"""Constants in one place: paths, CRS, vocabularies with their labels, colours and line styles.

The vocabularies below are the single definition used by the data package schema
(``data/datapackage.json`` enums are checked against them by a test), the validator,
the figures, the legends and the About page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
LICENSE_PATH = ROOT / "LICENSE"  # the software's licence; the dataset's is in data/datapackage.json
# The operator's own data package instead of data/ (read by the app and by `make validate`).
DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
GEO_DIR = ROOT / "geo"
STATIC_DIR = ROOT / "static"
COUNTRIES_GEOJSON_PATH = STATIC_DIR / "geo" / "countries_110m.json"
TOPOJSON_DIR = STATIC_DIR / "topojson"

# NOTE: relative URLs, resolved by the browser against the app's own origin (and any
# base path a reverse proxy adds), so nothing is fetched from another host.
COUNTRIES_GEOJSON_URL = "app/static/geo/countries_110m.json"
TOPOJSON_URL = "app/static/topojson/"

CRS = "EPSG:4326"  # every coordinate in the project is lon/lat on WGS 84
ELLIPSOID = "WGS84"

# NOTE: claims last, so the problems of the older tables keep their order in messages.
TABLES = ("sources", "places", "flows", "events", "figures", "exchanges", "claims")


@dataclass(frozen=True)
class Term:
    """One value of a controlled vocabulary, with what it means and an example from the article."""

    code: str
    label: str
    definition: str
    example: str


# Ordinal: strongest evidence first. The order is the order of this tuple.
STATUSES: tuple[Term, ...] = (
    Term(
        "stated",
        "Stated by officials",
        "Stated as fact by a named or unnamed official or intelligence source.",
        "“It has been identified that ... anti-aircraft missiles ... have been delivered to North Korea,” Shin told SBS.",
    ),
    Term(
        "reported",
        "Reported by media",
        "Reported as fact by a news outlet, including the article's own narration, without an official source.",
        "A top general has been deployed to supervise more than 10,000 men, the Wall Street Journal reported.",
    ),
    Term(
        "assessed",
        "Assessed or believed",
        "Believed, assessed or suggested by experts or officials, with a hedge kept in the hedge column.",
        "North Korea's dispatch of troops ... has been repaid with Russian oil ..., experts believe.",
    ),
    Term(
        "claimed",
        "Claimed by an interested party",
        "Asserted by a party to the conflict or an interested government, not independently confirmed in the text.",
        "Pyongyang claimed it had put its first spy satellite into orbit; Zaluzhnyy: Iranian-made Shaheds are killing civilians.",
    ),
    Term(
        "promised",
        "Promised or agreed",
        "A commitment, agreement, authorisation or promise of a future flow, not a delivery.",
        "They signed a mutual aid agreement that obliged both countries to provide military assistance “without delay”.",
    ),
    Term(
        "possible",
        "Possible or feared",
        "A flow the text presents as possible, feared or hypothetical (could, may have, concerned about possible).",
        "The US and South Korea are concerned about possible transfers of Russian nuclear and missile technology.",
    ),
)

CATEGORIES: tuple[Term, ...] = (
    Term("troops", "Troops", "Soldiers deployed to another state's war or territory.",
         "More than 10,000 North Korean troops in Russia's Kursk region."),
    Term("command_personnel", "Command personnel", "Generals or officers sent to lead or supervise forces abroad.",
         "One of North Korea's top generals deployed to supervise the troops."),
    Term("weapons", "Weapons", "Arms, munitions and military equipment, including air-defence missiles.",
         "More than 13,000 containers of artillery, missiles and other conventional arms."),
    Term("military_technology", "Military technology", "Military know-how and technology, delivered, promised or feared.",
         "Technology for North Korea's spy satellite programme."),
    Term("oil", "Oil", "Oil and other fuel.", "Russian oil as repayment, experts believe."),
    Term("economic_aid", "Economic aid", "Economic support other than oil.", "“Various forms of economic support” from Russia."),
    Term("strike", "Strike", "A military strike by one state on another's territory.",
         "Russia striking the Ukrainian city of Dnipro with a new missile."),
    Term("drones", "Drones", "Unmanned aircraft, whoever operates them.",
         "Iranian-made Shahed drones killing civilians in Ukraine."),
    Term("agreement", "Promise, agreement or authorisation",
         "A commitment between states: a treaty, a promise, a guarantee or a permission to use weapons.",
         "The mutual aid agreement signed in June; the US authorising Ukraine to fire Atacms."),
    Term("diplomatic", "Diplomatic move", "A visit, a snub, a denunciation or another signal between states.",
         "The Chinese ambassador stayed away from the war-anniversary celebrations in Pyongyang."),
)

STATUS_CODES = tuple(t.code for t in STATUSES)
CATEGORY_CODES = tuple(t.code for t in CATEGORIES)
STATUS_LABELS = {t.code: t.label for t in STATUSES}
STATUS_DEFINITIONS = {t.code: t.definition for t in STATUSES}
# Rank of each status for display and for choosing the strongest assertion of a claim: 0 is the strongest.
STATUS_RANK = {code: rank for rank, code in enumerate(STATUS_CODES)}
# Whether a row with this status says the flow happened, is promised, or only might happen: a promise or
# a fear is not corroboration of a delivery, so claim proposals never cross these lines.
STATUS_MODALITY = {"stated": "happened", "reported": "happened", "assessed": "happened", "claimed": "happened",
                   "promised": "promised", "possible": "possible"}
# The statuses whose rows must keep the text's hedging words in the hedge column.
HEDGE_STATUSES = ("assessed", "possible")
# How strong a claim each status makes about a flow, weakest first: when several cues apply to one
# proposed flow, the extractor keeps the strongest (a promise outranks a report, a possibility all).
# NOTE: not the order of STATUSES, which ranks the evidence for display.
STATUS_STRENGTH = {code: rank for rank, code in enumerate(
    ("reported", "stated", "assessed", "claimed", "promised", "possible"))}
CATEGORY_LABELS = {t.code: t.label for t in CATEGORIES}

# Wire agencies, with the names a text credits them by. A paragraph an outlet republishes from one
# of them has the agency as its primary source, however many outlets carry it.
WIRE_AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters",),
    "Associated Press": ("Associated Press", "AP"),
    "Agence France-Presse": ("Agence France-Presse", "AFP"),
    "Yonhap": ("Yonhap",),
    "Kyodo": ("Kyodo",),
    "Xinhua": ("Xinhua",),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "KCNA": ("KCNA", "Korean Central News Agency"),
    "Ukrinform": ("Ukrinform",),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
}

PLACE_KINDS = ("country", "capital", "city", "region")
BOUNDS = ("exactly", "more_than", "up_to", "about")
BOUND_WORDS = {"exactly": "", "more_than": "more than", "up_to": "up to", "about": "about"}
BOUND_SYMBOLS = {"exactly": "", "more_than": "+", "up_to": "≤", "about": "~"}
BASES = ("stated", "inferred", "unknown")

# Colour-blind-safe colours (Paul Tol's "vibrant", "muted" and "high-contrast" schemes).
CATEGORY_COLOURS = {
    "troops": "#CC3311",
    "command_personnel": "#EE7733",
    "weapons": "#332288",
    "military_technology": "#33BBEE",
    "oil": "#DDAA33",
    "economic_aid": "#117733",
    "strike": "#882255",
    "drones": "#AA4499",
    "agreement": "#44AA99",
    "diplomatic": "#999933",
}

# Solid for the strongest evidence, broken lines for weaker levels.
STATUS_DASHES = {
    "stated": "solid",
    "reported": "longdash",
    "assessed": "dash",
    "claimed": "dashdot",
    "promised": "longdashdot",
    "possible": "dot",
}

ROLE_COLOURS = {"sender": "#F6D9BF", "receiver": "#CFE3F1", "both": "#E2D6EC", "none": "#E6E6E6"}

# Map views: name -> (lon_min, lon_max, lat_min, lat_max) that the view fits.
MAP_VIEWS = {
    "Eurasia": (15.0, 150.0, 20.0, 78.0),
    "Korean Peninsula": (118.0, 135.0, 32.0, 44.0),
    "Ukraine–Kursk front": (22.0, 42.0, 44.0, 56.0),
    "World": (-180.0, 180.0, -60.0, 85.0),
}
DEFAULT_VIEW = "Eurasia"
# The views' names on the map's own buttons: short enough for four in a row on a 390 px phone.
MAP_VIEW_LABELS = {"Eurasia": "Eurasia", "Korean Peninsula": "Korea", "Ukraine–Kursk front": "Ukraine–Kursk",
                   "World": "World"}
