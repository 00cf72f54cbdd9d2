"""``iafr diff`` between data directories and databases: semantic, by id, with stable exit codes."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from iafr.diff import canonical, compare_fields
from iafr.render.diff import DIFF_RENDERERS, DiffFormat, md_text
from tests.conftest import Invoke


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def new(mini: Path, tmp_path: Path) -> Path:
    """A second copy of the mini corpus, to edit into the NEW side."""
    target = tmp_path / "new"
    shutil.copytree(mini, target)
    return target


def run_json(iafr: Invoke, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = iafr("diff", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def counts(document: dict, entity: str) -> tuple[int, int, int, int]:  # type: ignore[type-arg]
    row = next(row for row in document["summary"] if row["entity"] == entity)
    return row["added"], row["removed"], row["changed"], row["renamed"]


def test_identical_copies_exit_zero(iafr: Invoke, mini: Path, new: Path) -> None:
    result = iafr("diff", str(mini), str(new))
    assert result.exit_code == 0, result.output
    assert "measures: +0 −0 ~0" in result.stdout
    assert "no differences" in result.stdout


def test_add_remove_change_reorder_and_renotate(iafr: Invoke, mini: Path, new: Path) -> None:
    # add an actor
    with (new / "actors.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: nouvel-acteur\n    name: Nouvel acteur\n    kind: company\n    context: true\n"
            "    sources:\n      - {source: article-test}\n"
        )
    # remove a funding figure
    text = (new / "funding.yaml").read_text(encoding="utf-8")
    (new / "funding.yaml").write_text(text[: text.index("  - id: vague-test")], encoding="utf-8")
    # change a field, reorder a list
    edit(new / "recommendations.yaml", "title: Frugalité des modèles", "title: Des modèles frugaux")
    edit(new / "recommendations.yaml", "axes: [environnement, frugalite]", "axes: [frugalite, environnement]")
    # the same amounts in other notations
    edit(new / "funding.yaml", 'amount: "1,5 Md€"', 'amount: "1 500 000 000 €"')
    edit(new / "funding.yaml", 'upper: "15 Md€"', "upper: 15000000000")

    code, document = run_json(iafr, str(mini), str(new))

    assert code == 1
    assert document["identical"] is False
    assert counts(document, "actors") == (1, 0, 0, 0)
    assert counts(document, "funding") == (0, 1, 0, 0)
    assert counts(document, "measures") == (0, 0, 1, 0)
    assert counts(document, "sources") == (0, 0, 0, 0)
    entities = document["entities"]
    assert [record["id"] for record in entities["actors"]["added"]] == ["nouvel-acteur"]
    assert [record["id"] for record in entities["funding"]["removed"]] == ["vague-test"]
    (change,) = entities["measures"]["changed"]
    assert change["id"] == "m2"
    # only the title: the reordered axes and the renotated amounts are no change
    assert change["fields"] == [{"field": "title", "old": "Frugalité des modèles", "new": "Des modèles frugaux"}]


def test_amount_notation_alone_is_no_change(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "funding.yaml", 'amount: "1,5 Md€"', "amount: 1500000000")
    result = iafr("diff", str(mini), str(new), "--stat")
    assert result.exit_code == 0, result.output


def test_amount_value_change_is_exact(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "funding.yaml", 'amount: "1,5 Md€"', 'amount: "1500000001"')
    code, document = run_json(iafr, str(mini), str(new))
    assert code == 1
    (change,) = document["entities"]["funding"]["changed"]
    assert change["fields"] == [{"field": "amount", "old": 1500000000, "new": 1500000001}]


def test_set_field_reports_added_and_removed(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "recommendations.yaml", "axes: [environnement, frugalite]", "axes: [calcul, frugalite]")
    code, document = run_json(iafr, str(mini), str(new))
    assert code == 1
    (change,) = document["entities"]["measures"]["changed"]
    (field,) = change["fields"]
    assert field["field"] == "axes"
    assert field["added"] == ["calcul"]
    assert field["removed"] == ["environnement"]
    table = iafr("diff", str(mini), str(new))
    assert "axes: +calcul  −environnement" in table.stdout


def test_ordered_list_reorder_is_a_change(iafr: Invoke, mini: Path, new: Path) -> None:
    # chapters keep the report's order, unlike axes
    edit(
        new / "recommendations.yaml",
        '      - {id: "1", title: Calcul}\n      - {id: "1.1", title: Entraînement}\n',
        '      - {id: "1.1", title: Entraînement}\n      - {id: "1", title: Calcul}\n',
    )
    code, document = run_json(iafr, str(mini), str(new))
    assert code == 1
    (change,) = document["entities"]["reports"]["changed"]
    assert [field["field"] for field in change["fields"]] == ["chapters"]


def test_rename_is_told_apart_from_add_and_remove(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "sources.yaml", "  - id: article-test\n", "  - id: article-essai\n")
    for name in ("actors.yaml", "funding.yaml"):
        path = new / name
        path.write_text(path.read_text(encoding="utf-8").replace("article-test", "article-essai"), encoding="utf-8")
    code, document = run_json(iafr, str(mini), str(new))
    assert code == 1
    assert counts(document, "sources") == (0, 0, 0, 1)
    assert document["entities"]["sources"]["renamed"] == [{"old_id": "article-test", "new_id": "article-essai"}]
    # the records citing it changed their sources field, shown as one ref out and one in
    funding = {change["id"]: change for change in document["entities"]["funding"]["changed"]}
    (field,) = funding["us-test"]["fields"]
    assert field["field"] == "sources"
    assert [ref["source"] for ref in field["added"]] == ["article-essai"]
    table = iafr("diff", str(mini), str(new))
    assert "article-test renamed article-essai" in table.stdout


def test_formats_and_stat(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "recommendations.yaml", "title: Frugalité des modèles", "title: Modèles | <b>frugaux</b>")
    table = iafr("diff", str(mini), str(new))
    assert table.exit_code == 1
    assert "measures: +0 −0 ~1" in table.stdout
    assert "title: Frugalité des modèles → Modèles | <b>frugaux</b>" in table.stdout

    markdown = iafr("diff", str(mini), str(new), "--format", "md")
    assert markdown.exit_code == 1
    assert markdown.stdout.startswith("### iafr diff:")
    assert "- **measures**: +0 −0 \\~1" in markdown.stdout
    assert "#### measures" in markdown.stdout
    assert "<b>" not in markdown.stdout  # data never becomes HTML in a PR comment
    assert "\\<b\\>frugaux\\</b\\>" in markdown.stdout

    stat = iafr("diff", str(mini), str(new), "--stat")
    assert stat.exit_code == 1
    assert "title:" not in stat.stdout
    from iafr.kinds import KINDS

    assert stat.stdout.count(": +") == len(KINDS)  # one summary line per kind (synonyms too)

    stat_json = json.loads(iafr("diff", str(mini), str(new), "--stat", "--format", "json").stdout)
    assert "entities" not in stat_json
    assert list(stat_json) == ["old", "new", "identical", "summary", "notes", "warnings"]


def test_invalid_side_is_a_usage_error_naming_the_side(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "funding.yaml", "status: announced", "status: promised")
    result = iafr("diff", str(mini), str(new))
    assert result.exit_code == 2
    assert "funding.yaml:" in result.stderr and "status" in result.stderr
    assert f"new ({new})" in result.stderr
    assert result.stdout == ""


def test_missing_path_and_non_database_file(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    missing = iafr("diff", str(tmp_path / "nothing.db"), str(mini))
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello", encoding="utf-8")
    result = iafr("diff", str(not_db), str(mini))
    assert result.exit_code == 2
    assert "not a database" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = iafr("diff", str(empty), str(mini))
    assert result.exit_code == 2
    assert "holds no corpus files" in result.stderr


def test_database_side_compares_with_its_directory(iafr: Invoke, mini: Path, new: Path, tmp_path: Path) -> None:
    # a fact's sources are kept with their quotes (in record_sources, under actor#name): compared too
    edit(mini / "actors.yaml", "sources: [{source: article-test}]", 'sources: [{source: article-test, quote: "1400"}]')
    database = tmp_path / "old.db"
    assert iafr("build", "--data", str(mini), "--db", str(database)).exit_code == 0

    same = iafr("diff", str(database), str(mini))
    assert same.exit_code == 0, same.output
    assert "(database)" in same.stdout
    assert "note: a .db side keeps neither" in " ".join(same.stdout.split())

    edit(new / "recommendations.yaml", "title: Frugalité des modèles", "title: Des modèles frugaux")
    code, document = run_json(iafr, str(database), str(new))
    assert code == 1
    assert document["old"]["kind"] == "database"
    assert counts(document, "measures") == (0, 0, 1, 0)
    assert counts(document, "actors") == (0, 0, 1, 0)  # the new side's fact has no quote


def test_new_defaults_to_the_working_data_directory(iafr: Invoke, mini: Path, new: Path) -> None:
    edit(new / "recommendations.yaml", "title: Frugalité des modèles", "title: Des modèles frugaux")
    result = iafr("diff", str(mini), "--data", str(new))
    assert result.exit_code == 1
    assert f"new: working tree {new}" in result.stdout


def test_every_format_has_a_renderer() -> None:
    assert set(DIFF_RENDERERS) == set(DiffFormat)


def test_canonical_values() -> None:
    assert canonical(Decimal("1.5E+9")) == canonical(Decimal("1500000000"))
    assert str(canonical(Decimal("1.5E+9"))) == "1500000000"
    unordered = frozenset({"axes", "sources"})  # iafr.kinds says which lists are sets
    assert canonical(["b", "a"], "axes", unordered) == ["a", "b"]
    assert canonical(["b", "a"], "chapters", unordered) == ["b", "a"]
    refs = [{"source": "b", "quote": None, "locator": None}, {"source": "a", "quote": "q", "locator": None}]
    assert [ref["source"] for ref in canonical(refs, "sources", unordered)] == ["a", "b"]


def test_compare_fields_counts_duplicates() -> None:
    (change,) = compare_fields({"aliases": ["x", "x", "y"]}, {"aliases": ["x", "y"]}, frozenset({"aliases"}))
    assert change.as_set
    assert change.removed == ("x",)
    assert change.added == ()


def test_markdown_text_is_inert() -> None:
    # GFM links bare URLs too: "://" is broken so that no link comes from data
    assert md_text("[link](http://x) *a* <b>|</b>") == "\\[link\\](http\\:\\/\\/x) \\*a\\* \\<b\\>\\|\\</b\\>"


# --- figures as people write them -----------------------------------------------------------------


def figures_changed(new: Path) -> None:
    """plan-test raised to 2 Md€ (its quote writes no amount), us-test removed, a figure added."""
    path = new / "funding.yaml"
    edit(path, 'quote: "1,5 milliards d\'euros"', 'quote: "Le plan de l\'État"')
    edit(path, 'amount: "1,5 Md€"', 'amount: "2 Md€"')
    edit(path, "status: recommended", "status: committed")
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: us-test")
    path.write_text(
        text[:start] + text[text.index("  - id: vague-test") :] + "  - id: ajoute-test\n    label: Plan ajouté\n"
        '    title_en: Added plan\n    amount: "400 M€"\n    date: "2023-09"\n    status: announced\n'
        "    kind: public\n    sources:\n      - {source: article-test}\n",
        encoding="utf-8",
    )


def test_a_figure_is_shown_with_its_amount_status_and_time(iafr: Invoke, mini: Path, new: Path) -> None:
    figures_changed(new)
    result = iafr("diff", str(mini), str(new))
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "+ ajoute-test  €400m, announced, Sept 2023 · Plan ajouté" in lines
    assert "− us-test  > $10bn, invested, 2019 · Investissement américain" in lines
    assert "~ plan-test  €2bn, announced, June 2023 · Plan de 1,5 milliard" in lines
    assert "amount: €1.5bn → €2bn" in lines
    assert "~ enveloppe-test  €5–15bn/yr, committed, 2024 · Enveloppe de 5 à 15 Md€ par an" in lines
    assert "status: recommended → committed" in lines


def test_a_pull_request_comment_shows_figures_as_people_write_them(iafr: Invoke, mini: Path, new: Path) -> None:
    figures_changed(new)
    result = iafr("diff", str(mini), str(new), "--format", "md")
    assert "- **added** `ajoute-test` **€400m, announced, Sept 2023** Plan ajouté" in result.stdout
    assert "  - `amount`: €1.5bn → €2bn" in result.stdout


def test_json_keeps_exact_amounts_for_scripts(iafr: Invoke, mini: Path, new: Path) -> None:
    figures_changed(new)
    _, document = run_json(iafr, str(mini), str(new))
    changed = {change["id"]: change["fields"] for change in document["entities"]["funding"]["changed"]}
    assert {"field": "amount", "old": 1500000000, "new": 2000000000} in changed["plan-test"]
