"""The reader's language, and the message catalogues every string a person reads goes through.

The language is ``--lang fr|en``, else ``IAFR_LANG``, else the locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, in the order gettext reads them); English under ``C`` or ``POSIX`` and
for any language iafr has no catalogue of. Messages are written in English in the code (the
msgids) and looked up in ``locale/<lang>/LC_MESSAGES/iafr.mo``, compiled from the ``.po`` files by
``make locale`` (Babel extracts and compiles; the standard library's gettext reads, so a command
never imports Babel). The catalogue is read once, on the first message of a French run: an
English run reads none.

Strings are marked with :func:`_` (``_("no record has id {id!r}").format(id=…)``: a template with
named fields, never an f-string, so that a translator sees the whole sentence), :func:`ngettext`
for plurals, :func:`pgettext` where a word needs its context (``pgettext("month", "May")``), and
:func:`N_` for a string defined before the language is known, translated where it is used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "fr")
"""The languages iafr speaks; English is the language of the code's messages."""
DEFAULT = "en"
DOMAIN = "iafr"
LOCALE_DIR = Path(__file__).with_name("locale")
ENVIRONMENT = ("IAFR_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, Any] = {"language": None, "catalogue": None}


def language_from(value: str | None) -> str | None:
    """The supported language a locale value names (``fr_FR.UTF-8`` → ``fr``), None for none."""
    if not value:
        return None
    for part in value.split(":"):  # LANGUAGE is a list in order of preference
        code = part.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
        if code in ("c", "posix"):
            return DEFAULT
        if code in LANGUAGES:
            return code
    return None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The reader's language from the environment (see the module)."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            # the first variable set decides, as gettext does; an unsupported language means English
            return language_from(value) or DEFAULT
    return DEFAULT


def set_language(value: str | None) -> str:
    """Use ``value`` (``fr``, ``en``, a locale name), or the environment's language when None."""
    chosen = language_from(value) if value else None
    _state["language"] = chosen or language_from_environment()
    _state["catalogue"] = None
    return str(_state["language"])


@contextmanager
def speaking(value: str) -> Iterator[None]:
    """Messages in ``value`` inside the block (what a build writes in both languages), then as before."""
    saved = dict(_state)
    set_language(value)
    try:
        yield
    finally:
        _state.update(saved)


def language() -> str:
    """The language messages are printed in."""
    if _state["language"] is None:
        set_language(None)
    return str(_state["language"])


def _catalogue() -> Any:
    catalogue = _state["catalogue"]
    if catalogue is None:
        import gettext  # noqa: PLC0415 - only a run in another language than the code's reads a catalogue

        lang = language()
        if lang == DEFAULT:
            catalogue = gettext.NullTranslations()
        else:
            catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        _state["catalogue"] = catalogue
    return catalogue


def _(message: str) -> str:
    """``message`` in the reader's language."""
    if _state["language"] == DEFAULT or not message:
        return message  # the common case, with no catalogue at all (and "" is gettext's header)
    return str(_catalogue().gettext(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the reader's language (French: 0 and 1 singular)."""
    if _state["language"] == DEFAULT:
        return singular if count == 1 else plural
    return str(_catalogue().ngettext(singular, plural, count))


def pgettext(context: str, message: str) -> str:
    """``message`` in the reader's language, in ``context`` (a month's name, a column's header)."""
    if _state["language"] == DEFAULT:
        return message
    return str(_catalogue().pgettext(context, message))


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it: it is translated where used."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks ``message`` in ``context`` for the catalogue without translating it (see :func:`N_`)."""
    return message


def in_language(labels: tuple[str, str]) -> str:
    """A declared pair of texts (English, French) in the reader's language."""
    return labels[1] if language() == "fr" else labels[0]


def either(choices: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``, in the reader's language."""
    if len(choices) == 1:
        return choices[0]
    return _("{values} or {last}").format(values=", ".join(choices[:-1]), last=choices[-1])


def every(choices: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``, in the reader's language."""
    if len(choices) == 1:
        return choices[0]
    return _("{values} and {last}").format(values=", ".join(choices[:-1]), last=choices[-1])
