"""Countries by their ISO 3166-1 names, in English and French, from pycountry.

The corpus stores a country as its alpha-2 code (``FR``); a person types ``France``, ``USA``,
``États-Unis`` or ``Emirats``. pycountry carries the standard's table and the Debian
iso-codes translations, so no country name is written by hand here.
"""

from __future__ import annotations

import functools


@functools.cache
def _french() -> object:
    import gettext  # noqa: PLC0415

    import pycountry  # noqa: PLC0415 - 40 ms: only when a country or a state is named, not by its code

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


EUROPEAN_UNION = "EU"
"""The European Union, for its institutions and programmes: the code ISO 3166-1 reserves for it
("exceptionally reserved"), which pycountry, holding assigned codes only, does not list."""
_EU_NAMES = ("European Union", "Union européenne", "UE", "Europe", "European institutions", "institutions européennes")


def country_names(code: str) -> tuple[str, ...]:
    """The alpha-3 code and the English (short, common, official) and French names of the
    country whose alpha-2 code is ``code`` (the European Union's for ``EU``); ``()`` for a code the
    standard does not have."""
    import pycountry  # noqa: PLC0415

    if code.upper() == EUROPEAN_UNION:
        return _EU_NAMES
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return ()
    english = [getattr(country, field, None) for field in ("name", "common_name", "official_name")]
    translate = _french().gettext  # type: ignore[attr-defined]
    french = [translate(name) for name in english if name]
    return tuple(dict.fromkeys(name for name in (country.alpha_3, *english, *french) if name))
