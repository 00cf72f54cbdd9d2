"""What every renderer shares, written once: values as text, Markdown and JSON escaping, nouns.

No renderer imports another format's renderer; they all import this module, which imports no
output library (no Rich), so the Markdown, CSV and JSON paths stay light.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from iafr.i18n import _, ngettext

if TYPE_CHECKING:
    from decimal import Decimal

# --- values -------------------------------------------------------------------------------------


def plain(value: Any, list_separator: str = ";") -> str:
    """One value as plain text: the CSV cells, the table cells, the Markdown cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # no Decimal can exist before decimal is imported: a CSV of measures never pays for it
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        from iafr.money import canonical_text  # noqa: PLC0415

        return canonical_text(value)
    if isinstance(value, list):
        return list_separator.join(plain(item) for item in value)
    if isinstance(value, dict):
        if set(value) == {"start", "end"}:
            return f"{value['start']}-{value['end']}"
        return list_separator.join(f"{key}={plain(item)}" for key, item in value.items())
    return str(value)


_PRECISION_MARKS = {"about": "≈ ", "at-least": "> ", "up-to": "≤ "}


def figure_amount(record: dict[str, Any]) -> str:
    """A funding figure's amount as the French write it: ``1,5 Md€``, ``> 105 M€``, ``≈ 10 Md€/an``."""
    from iafr.money import human  # noqa: PLC0415 - money paths only

    text = human(record["amount"], record["currency"], record["upper"], record["per_year"])
    return _PRECISION_MARKS.get(record["precision"], "") + text


def total_amount(total: Mapping[str, Any], currency: str, per_year: bool = False) -> str:
    """A sum (an interval, see iafr.totals) as a journalist can quote it: ``1,5 Md€``,
    ``≈ 10 Md€ a year``, ``at least 109 Md€``, ``up to 50 Md€``, ``5–15 Md€ a year``, or ``—``."""
    from iafr.money import human  # noqa: PLC0415 - money paths only

    low, high = total["low"], total["high"]
    if low is None:
        return "—"
    if high is None:
        text = _("at least {amount}").format(amount=human(low, currency))
    elif high == low:
        text = ("≈ " if total["approximate"] else "") + human(low, currency)
    elif not low:
        text = _("up to {amount}").format(amount=human(high, currency))
    else:
        text = ("≈ " if total["approximate"] else "") + human(low, currency, high)
    text = _("{amount} a year").format(amount=text) if per_year else text
    if total.get("bounded"):  # the least was not searched exactly (see iafr.totals): say so where it is quoted
        text = _("{amount} (its lower end a bound)").format(amount=text)
    return text


def total_notes(total: Mapping[str, Any], currency: str) -> list[str]:
    """What a total counts and leaves out: figures, approximations, parts, copies, overlaps."""
    from iafr.money import human  # noqa: PLC0415 - money paths only

    notes = [ngettext("{count} figure", "{count} figures", total["figures"]).format(count=total["figures"])]
    if total["approximate"]:
        notes.append(_("{count} approximate").format(count=total["approximate"]))
    if total["without_amount"]:
        notes.append(_("{count} without amount, not summed").format(count=total["without_amount"]))
    if total["parts"]:
        notes.append(ngettext("{count} part counted in its whole", "{count} parts counted in their whole",
                              total["parts"]).format(count=total["parts"]))  # fmt: skip
    if total["copies"]:
        notes.append(ngettext("{count} copy of another figure counted once",
                              "{count} copies of another figure counted once", total["copies"]
                              ).format(count=total["copies"]))  # fmt: skip
    if total["linked_elsewhere"]:
        notes.append(_("{count} part of a figure in another total: never add the two").format(
            count=total["linked_elsewhere"]))  # fmt: skip
    if total["related_elsewhere"]:
        others = ", ".join(total["related_to"])  # never empty when related_elsewhere counts one
        notes.append(_("{count} possibly the same money as {others}").format(
            count=total["related_elsewhere"], others=others))  # fmt: skip
    if total["overlapping"]:
        twice = total["counted_twice"]
        if twice:
            note = _("{count} linked as possibly the same money: up to {amount} may be counted twice")
            notes.append(note.format(count=total["overlapping"], amount=human(twice, currency)))
        else:
            notes.append(_("{count} linked as possibly the same money").format(count=total["overlapping"]))
    if total.get("bounded"):
        note = _(
            "{count} of them too entangled to search exactly: the lower end and what may be counted twice are bounds"
        )
        notes.append(note.format(count=total["bounded"]))
    return notes


# --- citations ----------------------------------------------------------------------------------


def passage_text(quote: str | None, locator: str | None) -> str:
    """What a record takes from a source, as a citation's note says it: ``§5, mesure 33: « … »``."""
    quoted = f"« {quote} »" if quote else ""
    return f"{locator}: {quoted}" if locator and quoted else locator or quoted


# --- nouns --------------------------------------------------------------------------------------


def plural(count: int, singular: str, plural_form: str) -> str:
    """``1 measure``, ``3 measures``: a count and the noun's form for it in the reader's language
    (in French 0 and 1 take the singular). The nouns come translated: a kind's from its declaration."""
    from iafr.i18n import language  # noqa: PLC0415

    one = count == 1 or (count == 0 and language() == "fr")
    return f"{count} {singular if one else plural_form}"


def count_of(count: int, entity: str) -> str:
    """``1 measure``, ``3 funding figures``, ``2 matches``: a count of records of ``entity`` (a
    kind, a kind's nested list such as ``relations``, or a listing such as ``search``), in the
    reader's language (« 5 mesures »)."""
    from iafr.i18n import language  # noqa: PLC0415
    from iafr.kinds import nouns_of  # noqa: PLC0415

    return plural(count, *nouns_of(entity, language()))


# --- Markdown -----------------------------------------------------------------------------------

# What Markdown (CommonMark, GFM) reads as syntax anywhere in a line: emphasis, code, links and
# images, raw HTML and entities, table pipes, strikethrough. What it reads only at the start of
# a line (headings, lists, quotes) is escaped there; bare URLs are broken so GFM links nothing.
_MD_ESCAPES = str.maketrans({character: "\\" + character for character in "\\`*_[]<>|#~!&"})
_LINE_START = r"^(\d*)([-+=>.)])"
_AUTOLINK = r"(?i)(?<=[a-z])(://)|(?<![\w.])(www)(?=\.)"  # re caches them compiled: CSV never pays


def md_text(text: object, starts_line: bool = False, marks: Sequence[tuple[int, int]] = ()) -> str:
    """Text shown literally in Markdown, in a table cell or in prose: one line, no syntax, no HTML.
    ``starts_line``: the text begins a line, where "- ", "12. " or "> " would open a block.
    ``marks``: places (start, end) in ``text``, in order and apart, shown in bold (a search's
    matches): the only emphasis in the output, the text inside escaped like the rest."""
    from iafr.text import printable  # noqa: PLC0415

    shown = printable(str(text))  # one character for one: the places still fall where they were
    pieces, done = [], 0
    for start, end in marks:
        pieces += [shown[done:start].translate(_MD_ESCAPES), "**", shown[start:end].translate(_MD_ESCAPES), "**"]
        done = end
    pieces.append(shown[done:].translate(_MD_ESCAPES))
    line = " ".join("".join(pieces).split())
    line = re.sub(_AUTOLINK, lambda match: "\\:\\/\\/" if match.group(1) else "ww\\w", line)
    if not starts_line:
        return line
    return re.sub(
        _LINE_START, lambda match: f"{match.group(1)}\\{match.group(2)}" if _is_block(match) else match[0], line
    )


def _is_block(match: re.Match[str]) -> bool:
    # "12." and "3)" open an ordered list; "-", "+", "=" and ">" a list, a heading line or a quote
    return bool(match.group(1)) == (match.group(2) in ".)")


def md_code(text: str) -> str:
    """An inline code span holding ``text`` whatever backticks it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{padding}{' '.join(text.split())}{padding}{fence}"


def md_link(title: str, url: str | None) -> str:
    """A link whose title is literal text; the URL percent-escapes what would end it."""
    if not url:
        return md_text(title)
    target = "".join(f"%{ord(c):02X}" if c in "()<>| \\" else c for c in url)
    return f"[{md_text(title)}]({target})"


def md_table(headers: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    """A pipe table; the cells must already be Markdown (``md_text`` for data)."""
    lines = [
        "| " + " | ".join(md_text(header) for header in headers) + " |",
        "|" + "|".join("---:" if index in right else "---" for index in range(len(headers))) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


# --- JSON ---------------------------------------------------------------------------------------

_MARK = "\x00decimal:"


def json_text(value: Any) -> str:
    """JSON with exact decimal amounts as numbers, keys in their order, UTF-8 text."""
    import json  # noqa: PLC0415 - 1.3 ms of import the CSV and Markdown paths do not need
    from decimal import Decimal  # noqa: PLC0415

    from iafr.money import canonical_text  # noqa: PLC0415

    def encode(item: Any) -> Any:
        if isinstance(item, Decimal):
            # an exact number: ints print exactly; other decimals go through a marker replaced below
            return int(item) if item == item.to_integral_value() else f"{_MARK}{canonical_text(item)}\x00"
        if isinstance(item, dict):
            return {key: encode(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return [encode(inner) for inner in item]
        return item

    text = json.dumps(encode(value), ensure_ascii=False, indent=2)
    if "\\u0000decimal:" in text:  # json.dumps writes the marker's NUL as \u0000
        text = re.sub(r'"\\u0000decimal:([0-9.\-]+)\\u0000"', r"\1", text)
    return text + "\n"


# --- bars ---------------------------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, cells: int) -> str:
    """A bar ``fraction`` of ``cells`` long, to an eighth of a cell."""
    eighths = round(fraction * cells * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def bar_fraction(amount: Decimal | None, largest: Decimal | None) -> float:
    """The bar's length as a share of the longest; a non-zero amount is never an empty bar."""
    if amount is None or not largest:
        return 0.0
    return max(float(amount / largest), 0.004)
