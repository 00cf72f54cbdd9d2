"""Every command on the shipped corpus at 60, 100 and 140 columns, byte for byte (tests/goldens.py
lists them; ``make golden`` rewrites them), the README's examples equal to them, and no table in
them breaking a word or an id."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iafr.render.table import fitted, make_console
from iafr.render.views import Column
from tests.goldens import (
    COMMANDS,
    README,
    WIDTHS,
    as_shown,
    built_database,
    golden_path,
    readme_with_goldens,
    render,
)

CASES = [(command, width) for command in COMMANDS for width in WIDTHS]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_database(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize(("command", "width"), CASES, ids=[golden_path(*case).stem for case in CASES])
def test_output_is_the_golden(database: Path, command: tuple[str, ...], width: int) -> None:
    path = golden_path(command, width)
    assert path.exists(), f"no golden {path.name}: run make golden, read it, commit it"
    assert render(command, width, database) == path.read_text(encoding="utf-8"), (
        f"{' '.join(command)} at {width} columns changed: run make golden and read git diff tests/golden"
    )


def test_the_readme_examples_are_the_goldens() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme_with_goldens(readme) == readme, "run make golden: a README example drifted from its golden"


def test_no_line_is_wider_than_its_terminal() -> None:
    for command, width in CASES:
        if "md" in command:
            continue  # Markdown is for a renderer, not a terminal: a table row is one line
        for line in as_shown(golden_path(command, width).read_text(encoding="utf-8")).splitlines():
            if not line.startswith("iafr: "):  # a one-line error is one line, whatever its length
                assert _cells(line) <= width, f"{golden_path(command, width).name}: {line!r}"
            if line and line[0] in _BOX_LEFT:  # whole, not cropped by the terminal at its width
                assert line[-1] in _BOX_RIGHT, f"{golden_path(command, width).name}: {line!r}"


# --- no word or id broken inside a table ---------------------------------------------------------


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def table_columns(text: str) -> Iterator[list[list[str]]]:
    """Each Rich table in ``text``, as its columns, each the list of its cells' lines (stripped)."""
    table: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("│") and line.endswith("│"):
            cells = [cell.strip() for cell in line[1:-1].split("│")]
            if not table:
                table = [[] for _ in cells]
            for column, cell in zip(table, cells, strict=True):
                column.append(cell)
        elif line.startswith("└") and table:
            yield table
            table = []


_WORD = re.compile(r"\S+")
_BOX_LEFT = "┏┃┡│└"
_BOX_RIGHT = "┓┃┩│┘"


def broken_words(column_lines: list[str], words: set[str]) -> list[str]:
    """The fragments of a column that are no whole word of ``words`` (a word folded in two)."""
    return [fragment for line in column_lines for fragment in _WORD.findall(line) if fragment not in words]


def _all_words(text: str) -> set[str]:
    return set(_WORD.findall(text))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(command) for command in COMMANDS])
def test_no_table_cell_is_narrower_than_its_longest_word(database: Path, command: tuple[str, ...]) -> None:
    """Each fragment in a table cell of a golden is a whole word of the same command printed 1000
    columns wide, where no cell needs wrapping: a word or an id cut to fit a column would not be."""
    words = _all_words(as_shown(render(command, 1000, database)).replace("│", " "))
    for width in WIDTHS:
        shown = as_shown(golden_path(command, width).read_text(encoding="utf-8"))
        for table in table_columns(shown):
            for column in table:
                cut = broken_words(column, words)
                assert not cut, f"{' '.join(command)} at {width} columns: cut words {cut}"


def test_the_word_check_sees_a_cut_id() -> None:
    """What the check above catches: a README example of before, an id folded mid-id."""
    before = "│ microsoft-openai-p │    > 10 Md$ │\n│ lus-10-mds-usd     │             │\n└──┘\n"
    (table,) = table_columns(before)
    assert broken_words(table[0], {"microsoft-openai-plus-10-mds-usd"}) == ["microsoft-openai-p", "lus-10-mds-usd"]


def test_two_text_columns_squeezed_to_the_same_width_keep_their_least_widths() -> None:
    """Rich's own collapsing shares a shortfall between equal text columns and then widens one
    back to its minimum: the table came out a column wider than the terminal (measures --kind
    demand at 100 columns lost its right border). The widths are now set, not left to Rich."""
    columns = [
        Column("id", lambda r: ""),
        Column("title", lambda r: "", wrap=True),
        Column("axes", lambda r: "", wrap=True),
    ]
    rows = [["x" * 40, "conversationnelle " * 5, "donnees-entrainement, " * 4], ["y" * 40, "a " * 40, "b " * 30]]
    for width in range(70, 141):
        console = make_console(width, False)
        for part in fitted(columns, rows, width, False):
            console.print(part)
        for line in console.file.getvalue().splitlines():  # type: ignore[attr-defined]
            assert _cells(line) <= width and (not line or line[0] not in _BOX_LEFT or line[-1] in _BOX_RIGHT), width


@given(
    cells=st.lists(
        st.lists(st.text(alphabet="abcdefghij-é", min_size=1, max_size=24), min_size=1, max_size=12).map(" ".join),
        min_size=3,
        max_size=3,
    ),
    ids=st.text(alphabet="abcdefgh-0123", min_size=1, max_size=30),
    width=st.integers(min_value=40, max_value=200),
)
def test_a_fitted_table_never_folds_a_word_or_an_id(cells: list[str], ids: str, width: int) -> None:
    columns = [
        Column("id", lambda r: ""),
        Column("text", lambda r: "", wrap=True),
        Column("more", lambda r: "", wrap=True),
    ]
    rows = [[ids, cells[0], cells[1]], [ids[::-1], cells[2], cells[0]]]
    console = make_console(width, False)
    for part in fitted(columns, rows, width, False):
        console.print(part, soft_wrap=not hasattr(part, "columns"))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    words = {word for row in rows for cell in row for word in cell.split()}
    for line in output.splitlines():
        assert _cells(line) <= width, (width, line)
        if line and line[0] in _BOX_LEFT:  # a table line is whole: cut by the terminal, it loses its right border
            assert line[-1] in _BOX_RIGHT, (width, line)
    for table in table_columns(output):
        for column in table:
            assert not broken_words(column, words), (width, column)
    if not list(table_columns(output)):  # blocks: every id whole on its own line
        assert ids in output.splitlines() and ids[::-1] in output.splitlines()
