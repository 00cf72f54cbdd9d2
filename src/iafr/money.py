"""Exact money: parse human notations to ``Decimal`` and format them back.

Accepted input (full currency units, no float ever): an int, a ``Decimal``, or text such as
``1500000000``, ``1 500 000``, ``"1,5 Md€"``, ``"105 M€"``, ``"10 Md$"``, ``"5,57 M$"``.
A currency sign in the text must agree with the record's ``currency`` (checked by a rule).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, InvalidOperation

from iafr.i18n import _

SCALES: dict[str, Decimal] = {
    "": Decimal(1),
    "k": Decimal(10) ** 3,
    "k€": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "m€": Decimal(10) ** 6,
    "md": Decimal(10) ** 9,
    "mds": Decimal(10) ** 9,
    "mrd": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
}
SIGNS: dict[str, str] = {"€": "EUR", "$": "USD", "£": "GBP", "eur": "EUR", "usd": "USD"}

_HUMAN = re.compile(
    r"^(?P<number>\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?)\s*"
    r"(?P<scale>k|m|md|mds|mrd|bn|b)?\s*(?P<sign>€|\$|£|eur|usd)?$",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"^\d+(?:\.\d+)?(?:e\+?\d+)?$", re.IGNORECASE)
MAX_AMOUNT = Decimal(10) ** 15  # a quadrillion: above any real budget, below int64 minor units


def parse_amount(value: object) -> Decimal:
    """Return the exact amount, or raise ``ValueError`` with how to write it."""
    if isinstance(value, bool | float):
        raise ValueError(_("write amounts as text or whole numbers (e.g. 1500000000 or '1,5 Md€'), never a float"))
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        amount = _parse_text(value.strip())
    else:
        raise ValueError(_("an amount must be a number or a text like '1,5 Md€'"))
    if not amount.is_finite():
        raise ValueError(_("an amount must be a finite number"))
    if amount <= 0:
        raise ValueError(_("an amount must be positive; leave it out when the source gives none"))
    if amount >= MAX_AMOUNT:
        raise ValueError(_("an amount must be below 10^15 (check the scale: M€ or Md€?)"))
    if _decimal_places(amount) > 2:
        raise ValueError(_("an amount has at most two decimals in full units"))
    return normalise(amount)


def parse_money(value: object) -> Decimal:
    """A funding amount, in a notation that cannot be misread (``Amount`` in the models, ``--min``).

    French notation: a decimal comma, spaces (or none) between thousands, and a unit or a currency
    sign with any decimal (``"1,5 Md€"``, ``"5,57 M$"``, ``"1 500 000 €"``); or a whole number. A
    ``.`` is refused, since ``1.500`` is one thousand five hundred in French and one and a half in
    English, and so are floats (``1.5e9``)."""
    if isinstance(value, str):
        text = value.strip()
        match = _HUMAN.match(text)
        if match is None and _PLAIN.match(text) and not text.isdigit():
            raise ValueError(
                _("{text!r} is a float or an English decimal; write the whole number (1500000000) or '1,5 Md€'").format(
                    text=text
                )
            )
        if match is not None:
            number = match["number"]
            if "." in number:
                raise ValueError(
                    _(
                        "{text!r} is ambiguous: '.' separates thousands in French (1.500 = 1 500) and decimals "
                        "in English (1.5); write '1 500 …' or '1,5 …' with a decimal comma"
                    ).format(text=text)
                )
            if "," in number and not (match["scale"] or match["sign"]):
                raise ValueError(
                    _("{text!r} has a decimal comma but no unit; write e.g. '{text} M€' or '{text} €'").format(
                        text=text
                    )
                )
    return parse_amount(value)


def _decimal_places(amount: Decimal) -> int:
    """Decimals the value needs, trailing zeros aside: ``2.125 Md€`` is 2125000000.000, i.e. 0."""
    _sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by the caller
    kept = "".join(map(str, digits)).rstrip("0")
    return max(0, -(exponent + len(digits) - len(kept)))


# Scaling is done exactly or not at all: the default context rounds to 28 digits, which would
# turn "1,000000000000000000000000000001 Md€" into a round billion without a word.
_EXACT = Context(prec=60, traps=[Inexact, InvalidOperation])


def _parse_text(text: str) -> Decimal:
    if _PLAIN.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # an exponent beyond what Decimal holds, e.g. "1e99999999999999999999"
            raise ValueError(_("{text!r} is far too large for an amount").format(text=text)) from None
    match = _HUMAN.match(text)
    if not match:
        raise ValueError(
            _("cannot read {text!r} as an amount; write e.g. 1500000000, '1,5 Md€' or '105 M€'").format(text=text)
        )
    number = re.sub(r"[ \u00a0\u202f]", "", match["number"]).replace(",", ".")
    try:
        return _EXACT.multiply(Decimal(number), SCALES[(match["scale"] or "").lower()])
    except (Inexact, InvalidOperation):
        raise ValueError(_("{text!r} has too many digits to be an amount").format(text=text)) from None


def stated_currency(value: object) -> str | None:
    """The currency a human amount names (``"10 Md$"`` → ``USD``), or None."""
    if not isinstance(value, str):
        return None
    match = _HUMAN.match(value.strip())
    if not match or not match["sign"]:
        return None
    return SIGNS[match["sign"].lower()]


CURRENCY_NAMES: dict[str, tuple[str, ...]] = {
    "EUR": ("€", "euro", "euros"),
    "USD": ("$", "us$", "dollar", "dollars"),
    "GBP": ("£", "pound", "pounds", "livre", "livres"),
}


def currency_code(value: str) -> str:
    """``€``, ``euros``, ``eur`` → ``EUR``; ValueError naming the currencies for anything else."""
    wanted = value.strip().lower()
    for code, names in CURRENCY_NAMES.items():
        if wanted == code.lower() or wanted in names:
            return code
    known = "; ".join(f"{code} ({', '.join(names)})" for code, names in CURRENCY_NAMES.items())
    raise ValueError(_("unknown currency {value!r}; use {known}").format(value=value, known=known))


def parse_bound(text: str, currency: str | None, option: str) -> tuple[Decimal, str]:
    """``--min "1 Md€"``: the amount and its currency. A bare number needs ``currency``; a sign
    that disagrees with ``currency`` is refused, since amounts compare only within a currency."""
    try:
        amount = parse_money(text)
    except ValueError as error:
        raise ValueError(f"{option} {text!r}: {error}") from None
    sign = stated_currency(text)
    wanted = currency_code(currency) if currency else None
    if sign is None and wanted is None:
        raise ValueError(
            _(
                "{option} {text!r} has no currency and amounts compare only within one: write it with its sign "
                "('1 Md€', '500 M$') or add --currency EUR"
            ).format(option=option, text=text)
        )
    if sign is not None and wanted is not None and sign != wanted:
        raise ValueError(
            _("{option} {text!r} is in {sign} but --currency is {wanted}; keep one currency").format(
                option=option, text=text, sign=sign, wanted=wanted
            )
        )
    return amount, sign or str(wanted)


def normalise(amount: Decimal) -> Decimal:
    """Same value, canonical form: ``1.5E+9`` → ``1500000000``, ``2.50`` → ``2.5``."""
    if amount == amount.to_integral_value():
        return Decimal(int(amount))
    return amount.normalize()


def to_minor_units(amount: Decimal) -> int:
    """Cents as an exact integer, for sorting and range filters in SQLite."""
    return int(amount * 100)


def from_minor_units(cents: int) -> Decimal:
    return normalise(Decimal(cents) / 100)


def canonical_text(amount: Decimal) -> str:
    """Plain decimal text without exponent: what the store keeps and JSON prints."""
    return format(normalise(amount), "f")


_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_STEPS = ((Decimal(10) ** 9, "Md"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))


def _short(amount: Decimal) -> tuple[str, str]:
    for size, suffix in _STEPS:
        if amount >= size:
            scaled = normalise(amount / size)
            return format(scaled, "f").replace(".", ","), suffix
    return format(normalise(amount), "f").replace(".", ","), ""


_ENGLISH_STEPS = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k"))


def _english(amount: Decimal, currency: str, upper: Decimal | None, per_year: bool) -> str:
    """``€1.5bn``, ``€105m``, ``$10bn``, ``€5–15bn/yr``: amounts as English-language newsrooms write them."""

    def short(value: Decimal) -> tuple[str, str]:
        for size, suffix in _ENGLISH_STEPS:
            if value >= size:
                return format(normalise(value / size), "f"), suffix
        return format(normalise(value), "f"), ""

    symbol = _SYMBOLS.get(currency)
    number, suffix = short(amount)
    if upper is not None:
        upper_number, upper_suffix = short(upper)
        body = (
            f"{number}–{upper_number}{suffix}"
            if upper_suffix == suffix
            else f"{number}{suffix}–{upper_number}{upper_suffix}"
        )
    else:
        body = f"{number}{suffix}"
    text = f"{symbol}{body}" if symbol else f"{currency} {body}"
    return text + ("/yr" if per_year else "")


def human(
    amount: Decimal | None, currency: str, upper: Decimal | None = None, per_year: bool = False, language: str = ""
) -> str:
    """A short amount as the reader's language writes it (``language``, else the reader's): French
    ``1,5 Md€``, ``105 M€``, ``10 Md$``, ``5–15 Md€/an``; English ``€1.5bn``, ``€105m``, ``€5–15bn/yr``."""
    if amount is None:
        return "—"
    if (language or _reader_language()) == "en":
        return _english(amount, currency, upper, per_year)
    symbol = _SYMBOLS.get(currency, f" {currency}")
    number, suffix = _short(amount)
    if upper is not None:
        upper_number, upper_suffix = _short(upper)
        if upper_suffix == suffix:
            text = f"{number}–{upper_number} {suffix}{symbol}"
        else:
            text = f"{number} {suffix}{symbol}–{upper_number} {upper_suffix}{symbol}"
    else:
        text = f"{number} {suffix}{symbol}"
    text = text.replace("  ", " ").replace(" €", " €") if suffix == "" else text
    return text + ("/an" if per_year else "")


def _reader_language() -> str:
    from iafr.i18n import language  # noqa: PLC0415

    return language()


# --- amounts in prose: what a source or a stated wording says --------------------------------


class Mention:
    """An amount written in prose (« plus de 1,5 milliard d’euros par an »): its value, the place
    value of its last digit (``unit``: what the wording is precise to), its currency when it names
    one, what it says of the value (``qualifier``: ``at-least``, ``up-to``, ``about`` or None) and
    whether it is per year. A plain class: compared and shown, never stored."""

    __slots__ = ("amount", "currency", "end", "per_year", "qualifier", "start", "unit")

    def __init__(
        self,
        amount: Decimal,
        unit: Decimal,
        currency: str | None,
        qualifier: str | None,
        per_year: bool,
        span: tuple[int, int],
    ) -> None:
        self.amount = amount
        self.unit = unit
        self.currency = currency
        self.qualifier = qualifier
        self.per_year = per_year
        self.start, self.end = span

    def agrees(self, amount: Decimal, currency: str) -> bool:
        """Whether ``amount`` is what this mention says, within its precision (half its last
        digit's place: « 2,5 milliards » is 2 450 000 000 to 2 550 000 000), in its currency."""
        return abs(amount - self.amount) * 2 <= self.unit and self.currency in (None, currency)

    def shown(self, currency: str) -> str:
        """As iafr writes amounts: ``2,5 Md€`` (in the record's currency when it names none)."""
        return human(self.amount, self.currency or currency)


# « 1,5 milliard », « 500 millions », « 10Md », « 1,5 Md€ », « 1 500 000 € », « 5,57 M$ »: a number,
# then a scale word or a currency (a bare number, a year, a percentage is no amount).
_PROSE_NUMBER = r"(?<![\w,.])(?P<number>(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?)(?!\d)"
_PROSE_SCALE = r"(?:\s*(?P<scale>milliards?|mrds?|mds?|millions?|bn|[mk](?=\s*(?:€|\$|£)))(?!\w))?"
_PROSE_CURRENCY = (
    r"(?:\s*(?:d[’'`]\s*|de\s+)?(?P<currency>€|\$|£|euros?\b|dollars?\b|livres?\s+sterling\b|eur\b|usd\b))?"
)
_PROSE = re.compile(_PROSE_NUMBER + _PROSE_SCALE + _PROSE_CURRENCY, re.IGNORECASE)
_PROSE_SCALES = {"milliard": "md", "mrd": "md", "md": "md", "million": "m", "m": "m", "bn": "bn", "k": "k"}
_PROSE_CURRENCIES = {"€": "EUR", "euro": "EUR", "eur": "EUR", "$": "USD", "dollar": "USD", "usd": "USD", "£": "GBP"}
# what comes just before the number, and what it says of the value
_QUALIFIERS = (
    (re.compile(r"(?:plus\s+de|au\s+moins|plus\s+d[’'`]|more\s+than|at\s+least|over)\s*$", re.IGNORECASE), "at-least"),
    (
        re.compile(
            r"(?:jusqu[’'`]\s*[àa]|pouvant\s+s[’'`]\s*[ée]lever\s+[àa]|au\s+plus|up\s+to|as\s+much\s+as)\s*$",
            re.IGNORECASE,
        ),
        "up-to",
    ),
    (re.compile(r"(?:environ|près\s+de|quelque|autour\s+de|about|around|~|≈)\s*$", re.IGNORECASE), "about"),
)
_PER_YEAR = re.compile(r"\s*(?:par\s+an\b|annuels?\b|annuelles?\b|/\s*an\b|chaque\s+année|a\s+year\b|per\s+year\b)")


def amounts_in(text: str) -> list[Mention]:
    """Every amount ``text`` writes in French (or plain English) prose, in order: a number with a
    scale word (milliard, Md, million, bn) or a currency (€, euros, dollars), read by the same
    rules as :func:`parse_amount`. A number with neither (a year, a count, a percentage) is none."""
    found = []
    for match in _PROSE.finditer(text):
        scale, currency = match["scale"], match["currency"]
        if scale is None and currency is None:
            continue
        number = re.sub(r"[ \u00a0\u202f]", "", match["number"])
        code = _PROSE_SCALES[scale.lower().rstrip("s")] if scale else ""
        try:
            amount = parse_amount(f"{number} {code}".strip())
        except ValueError:
            continue  # zero, or past what an amount may be: not one to compare
        decimals = len(number.partition(",")[2])
        unit = SCALES[code] / Decimal(10) ** decimals
        named = None
        if currency is not None:
            word = currency.lower().split()[0].rstrip("s")
            named = _PROSE_CURRENCIES.get(word, "GBP" if word.startswith("livre") else None)
        before = text[max(0, match.start() - 40) : match.start()]
        qualifier = next((name for pattern, name in _QUALIFIERS if pattern.search(before)), None)
        per_year = bool(_PER_YEAR.match(text, match.end()))
        found.append(Mention(amount, unit, named, qualifier, per_year, (match.start(), match.end())))
    return found
