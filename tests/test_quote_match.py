"""The quote matcher alone: tiers, OCR confusions, elisions, documented fixes, and properties.

The texts are written here (never the seeds): short French passages with the slips the seeds
show, so each case says what it tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from iafr.quotes.fixes import documented_fixes
from iafr.quotes.guillemets import outermost
from iafr.quotes.index import index_text
from iafr.quotes.match import MAX_GAP, MAX_WORDS, Level, find_quote
from iafr.quotes.normalise import normalise
from iafr.quotes.ocr import ocr_equivalent

ARTICLE = (
    "Le gouvernement français investit dans l’IA depuis 2018, avec un montant de 1,5 milliard d’euros\n"
    "d’ici 2025, dans quatre domaines prioritaires.\n\n"
    "« Nous voulons que la France sorte gagnante », a ajouté la ministre.\u00a0C’est pourquoi les super-\n"
    "calculateurs seront ouverts aux start-ups.\n"
)
OCR_REPORT = (
    "Pour le Hub, quatre objectifs doivent étre tenus pour permettre\n"
    "d la France et & I'Europe de devenir d’ici 5 ans les leaders de I'lA\n"
    "Générative. Les modeéles frugaux réduisent le colt de I'entrainement\n"
    "et la mise en oceuvre des régles etdelaculture.\n"
)


def level(text: str, quote: str, ocr: bool = False) -> Level:
    return find_quote(index_text(text, ocr=ocr), quote).level


# --- the tiers -----------------------------------------------------------------------------------


def test_exact() -> None:
    assert level(ARTICLE, "investit dans l’IA depuis 2018") is Level.EXACT


@pytest.mark.parametrize(
    "quote",
    [
        "INVESTIT dans l’IA depuis 2018",  # case
        "investit dans l'IA depuis 2018",  # typographic apostrophe
        "1,5 milliard d’euros d’ici 2025",  # a line break in the text
        '"Nous voulons que la France sorte gagnante"',  # guillemets and their spaces
        "a ajouté la ministre. C’est pourquoi",  # a non-breaking space
        "les supercalculateurs seront ouverts",  # a word hyphenated across a line break
        "les super-calculateurs seront ouverts",
        "investit  dans\tl’IA",  # runs of whitespace
    ],
)
def test_normalised(quote: str) -> None:
    assert level(ARTICLE, quote) is Level.NORMALISED


def test_a_changed_figure_is_not_found_and_says_what_differs() -> None:
    index = index_text(ARTICLE)
    found = find_quote(index, "investit dans l’IA depuis 2017")
    assert found.level is Level.NOT_FOUND
    assert found.differences == ("'2017' where the text has '2018'",)
    assert found.span is not None and index.raw[found.span[0] : found.span[1]].endswith("2018")


def test_decimal_marks_are_part_of_a_figure() -> None:
    assert level(ARTICLE, "un montant de 15 milliard") is Level.NOT_FOUND
    assert level(ARTICLE, "un montant de 1.5 milliard") is Level.NOT_FOUND


def test_a_changed_long_word_is_not_found() -> None:
    found = find_quote(index_text(ARTICLE), "Le gouvernement allemand investit dans l’IA")
    assert found.level is Level.NOT_FOUND
    assert "'allemand' where the text has 'français'" in found.differences


def test_a_lost_long_word_is_not_found() -> None:
    found = find_quote(index_text(ARTICLE), "dans quatre domaines très prioritaires")
    assert found.level is Level.NOT_FOUND
    assert "'très' is not in the text" in found.differences


def test_a_changed_short_word_is_approximate_with_the_closest_passage() -> None:
    index = index_text(ARTICLE)
    found = find_quote(index, "investit dans la IA depuis 2018")
    assert found.level is Level.APPROXIMATE
    assert found.span is not None
    assert index.raw[found.span[0] : found.span[1]] == "investit dans l’IA depuis 2018"


def test_other_punctuation_is_approximate() -> None:
    found = find_quote(index_text(ARTICLE), "depuis 2018; avec un montant")
    assert found.level is Level.APPROXIMATE
    assert found.differences == ("the same words, with other punctuation",)


def test_an_accent_is_approximate_outside_ocr() -> None:
    found = find_quote(index_text(ARTICLE), "Le gouvernement francais investit")
    assert found.level is Level.APPROXIMATE
    assert found.differences == ("'francais' where the text has 'français'",)


def test_a_quote_sharing_no_word_has_no_passage() -> None:
    found = find_quote(index_text(ARTICLE), "entièrement autre chose ici")
    assert found.level is Level.NOT_FOUND and found.span is None


def test_a_lost_space_in_a_web_text_is_whitespace() -> None:
    assert level("un enjeu d’inclusion etd’équité pour tous", "d’inclusion et d’équité pour tous") is Level.NORMALISED


def test_doubled_link_text_is_read_once_when_the_source_says_so() -> None:
    text = "C’est le nom de l’agent conversationnelagent conversationnel de MistralMistral AI."
    assert (
        find_quote(index_text(text, undouble=True), "l’agent conversationnel de Mistral AI").level is Level.NORMALISED
    )
    assert find_quote(index_text(text), "l’agent conversationnel de Mistral AI").level is Level.NOT_FOUND


# --- OCR ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "doivent être tenus pour permettre à la France et à l’Europe",  # é/ê, d and & for à, I for l
        "les leaders de l’IA Générative",  # I'lA
        "Les modèles frugaux réduisent le coût de l’entraînement",  # eé for è, colt, î
        "la mise en œuvre des règles et de la culture",  # oce for œ, words run together
    ],
)
def test_ocr_slips_are_forgiven_in_an_ocr_text(quote: str) -> None:
    assert level(OCR_REPORT, quote, ocr=True) is Level.OCR


def test_ocr_slips_are_not_forgiven_in_a_clean_text() -> None:
    assert level(OCR_REPORT, "Les modèles frugaux réduisent le coût") is Level.NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "difference"),
    [
        ("devenir d’ici 6 ans les leaders", "'6' where the text has '5'"),
        ("Les modèles frugaux réduisent le prix de l’entraînement", "'prix' where the text has 'colt'"),
    ],
)
def test_ocr_tolerance_keeps_figures_and_long_words(quote: str, difference: str) -> None:
    found = find_quote(index_text(OCR_REPORT, ocr=True), quote)
    assert found.level is Level.NOT_FOUND
    assert difference in found.differences


@pytest.mark.parametrize(
    ("clean", "scanned"),
    [
        ("coût", "colGt"),
        ("coût", "codt"),
        ("façon", "fagon"),
        ("modèles", "modeéles"),
        ("œuvre", "ceuvre"),
        ("législatif", "Iégislatif"),
        ("l'ia", "l'l|a"),
        ("2017", "2O17"),
        ("grâce", "grdce"),
        ("à", "@"),
    ],
)
def test_confusions(clean: str, scanned: str) -> None:
    assert ocr_equivalent(clean, scanned)


@pytest.mark.parametrize(("clean", "scanned"), [("2017", "2018"), ("1", "7"), ("modèles", "modules"), ("coût", "ct")])
def test_not_confusions(clean: str, scanned: str) -> None:
    assert not ocr_equivalent(clean, scanned)


def test_a_lost_negation_is_never_forgiven() -> None:
    text = "Il est nécessaire d’utiliser des modèles plus petits."
    found = find_quote(index_text(text, ocr=True), "Il n’est nécessaire d’utiliser des modèles")
    assert found.level is Level.APPROXIMATE and "'n' is not in the text" in found.differences


# --- elisions -------------------------------------------------------------------------------------


def test_an_elided_quote_spanning_two_paragraphs_is_found() -> None:
    assert level(ARTICLE, "Le gouvernement français investit […] sorte gagnante") is Level.EXACT
    assert level(ARTICLE, "Le gouvernement français investit … a ajouté la ministre") is Level.EXACT


def test_elided_fragments_must_come_in_order() -> None:
    found = find_quote(index_text(ARTICLE), "sorte gagnante […] Le gouvernement français investit")
    assert found.level is Level.NOT_FOUND
    assert "fragment 2" in found.differences[0]


def test_elided_fragments_must_be_near_each_other() -> None:
    text = "Premier passage bien précis." + " remplissage" * (MAX_GAP // 10) + " Second passage lointain."
    assert level(text, "Premier passage bien précis […] Second passage lointain") is Level.NOT_FOUND
    near = "Premier passage bien précis. Autre chose. Second passage lointain."
    assert level(near, "Premier passage bien précis […] Second passage lointain") is Level.EXACT


def test_an_elided_fragment_is_checked_like_a_quote() -> None:
    found = find_quote(index_text(ARTICLE), "Le gouvernement français investit […] depuis 2017")
    assert found.level is Level.NOT_FOUND and "'2017' where the text has '2018'" in found.differences


def test_ellipsis_in_the_text_itself_is_not_an_elision() -> None:
    assert level("Des documentaires scientifiques... et plus.", "documentaires scientifiques...") is Level.EXACT


# --- documented fixes -----------------------------------------------------------------------------


def test_documented_fixes_are_read_from_a_note_even_nested() -> None:
    note = "OCR : « l’«copen source» » → « l’« open source » » ; « Systtmes d’A » → « Systèmes d’IA »."
    assert documented_fixes(note) == (("l’«copen source»", "l’« open source »"), ("Systtmes d’A", "Systèmes d’IA"))
    assert documented_fixes("« AG » : IA générative.") == ()


def test_a_documented_fix_makes_its_quote_found() -> None:
    index = index_text("Favoriser l'«copen source» pour garantir l'indépendance", ocr=True)
    quote = "Favoriser l’« open source » pour garantir l’indépendance"
    assert find_quote(index, quote).level is Level.NOT_FOUND
    fixes = documented_fixes("OCR : « l’«copen source» » → « l’« open source » ».")
    assert find_quote(index, quote, fixes).level <= Level.OCR


def test_guillemets_nest() -> None:
    assert outermost("§ « Auto « Frenchbashing » sur l’IA », §3 « Deux »") == [
        "Auto « Frenchbashing » sur l’IA",
        "Deux",
    ]


# --- limits ---------------------------------------------------------------------------------------


def test_a_huge_quote_is_refused_quickly() -> None:
    quote = "mot " * (MAX_WORDS + 1)
    found = find_quote(index_text(ARTICLE), quote)
    assert found.level is Level.NOT_FOUND and "too many to compare" in found.differences[0]


def test_normalised_offsets_point_back_into_the_raw_text() -> None:
    raw = "Un « exemple »\u00a0:  l’IA—vite, super-\ncalculateurs e\u0301te\u0301."
    normalised = normalise(raw)
    assert len(normalised.starts) == len(normalised.ends) == len(normalised.text)
    for char, start, end in zip(normalised.text, normalised.starts, normalised.ends, strict=True):
        assert 0 <= start < end <= len(raw)
        assert char == " " or normalise(raw[start:end]).text.find(char) >= 0 or char in "'\"-"


# --- properties -----------------------------------------------------------------------------------

WORDS = [
    "données", "modèles", "calcul", "souveraineté", "l’IA", "européen", "frugalité", "à", "la", "de", "et",
    "entraînement", "coût", "œuvre", "français", "marché", "le", "des", "pour", "accès", "règles", "d’un",
]  # fmt: skip
# The scanner's slips, as the OCR tier is meant to forgive them (see iafr/quotes/ocr.py).
SLIPS = {"é": ["e", "è"], "è": ["eé", "e"], "à": ["d", "&", "a"], "ç": ["g"], "û": ["l", "d"], "l": ["I", "1"]}
SLIPS |= {"œ": ["ce", "oe"], "î": ["i"], "’": ["'", "’'"]}

text_words = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 9999).map(str)), min_size=12, max_size=60).map(
    " ".join
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text_words, st.data(), st.booleans())
def test_a_quote_cut_from_a_text_is_always_found_exactly(text: str, data: st.DataObject, ocr: bool) -> None:
    bounds = [0, *(match.start() for match in re.finditer(r"(?<=\S) (?=\S)", text)), len(text)]
    start = data.draw(st.sampled_from(bounds[:-1]))
    end = data.draw(st.sampled_from([bound for bound in bounds if bound > start]))
    quote = text[start:end].strip()
    assert find_quote(index_text(text, ocr=ocr), quote).level is Level.EXACT


def test_an_exact_quote_starts_and_ends_where_words_do() -> None:
    assert level("en 12019 données, puis 2018", "2019 données") is Level.NOT_FOUND
    assert level("les IAG et les IA", "les IA") is Level.EXACT


@PROPERTY
@given(text_words, st.data())
def test_a_quote_cut_from_a_text_is_found_normalised_once_its_spacing_and_marks_change(
    text: str, data: st.DataObject
) -> None:
    words = text.split(" ")
    first = data.draw(st.integers(0, len(words) - 4))
    quote = " ".join(words[first : first + data.draw(st.integers(4, len(words) - first))])
    spaced = data.draw(st.sampled_from(["\n", "  ", "\u00a0", " \n "]))
    assume(sum(char.isalnum() for char in quote) >= 8)
    changed = quote.replace("’", "'").upper()
    assert find_quote(index_text(text.replace(" ", spaced)), changed).level <= Level.NORMALISED


@PROPERTY
@given(text_words, st.data())
def test_a_clean_quote_is_found_in_its_scanned_text(text: str, data: st.DataObject) -> None:
    words = text.split(" ")
    first = data.draw(st.integers(0, len(words) - 5))
    quote_words = words[first : first + data.draw(st.integers(5, len(words) - first))]
    scanned_words = [
        "".join(data.draw(st.sampled_from([char, *SLIPS[char]])) if char in SLIPS else char for char in word)
        for word in words
    ]
    found = find_quote(index_text(" ".join(scanned_words), ocr=True), " ".join(quote_words))
    assert found.level <= Level.OCR, (scanned_words, found)


@PROPERTY
@given(text_words, st.data(), st.booleans())
def test_changing_one_digit_is_never_accepted(text: str, data: st.DataObject, ocr: bool) -> None:
    numbers = list(re.finditer(r"\d+(?:[.,]\d+)*", text))
    assume(numbers)
    number = data.draw(st.sampled_from(numbers))
    position = data.draw(st.integers(number.start(), number.end() - 1))
    new = data.draw(st.sampled_from([digit for digit in "0123456789" if digit != text[position]]))
    changed = number.group()[: position - number.start()] + new + number.group()[position - number.start() + 1 :]
    assume(not re.search(rf"(?<![\d.,]){re.escape(changed)}(?![\d.,])", text))  # the new figure is nowhere
    start = data.draw(st.integers(max(0, number.start() - 40), number.start()))
    end = data.draw(st.integers(number.end(), min(len(text), number.end() + 40)))
    quote = text[start:position] + new + text[position + 1 : end]
    found = find_quote(index_text(text, ocr=ocr), quote)
    assert found.level is Level.NOT_FOUND, (quote, found)


ANY_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
FRENCHISH = st.sampled_from(
    list("aàâbcçdeéèêfghiîjklmnoôœpqrstuûvwxyz AÉIL0125789'’«»“”-–…,.;:?![]()|&@\n\t\u00a0\u0301")
)


@pytest.mark.parametrize(("ocr", "undouble"), [(False, False), (True, True)])
@PROPERTY
@given(
    text=st.text(st.one_of(FRENCHISH, ANY_CHARS), max_size=400),
    quote=st.text(st.one_of(FRENCHISH, ANY_CHARS), max_size=80),
)
def test_any_text_and_quote_give_a_verdict(ocr: bool, undouble: bool, text: str, quote: str) -> None:
    index = index_text(text, ocr=ocr, undouble=undouble)
    found = find_quote(index, quote)
    assert isinstance(found.level, Level)
    if found.span is not None:
        start, end = found.span
        assert 0 <= start <= end <= len(text)
        line, column = index.position(start)
        assert line >= 1 and column >= 1
    if found.level <= Level.NORMALISED:
        assert found.span is not None
