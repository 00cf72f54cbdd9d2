"""The shipped corpus: the shape that must not regress."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from iafr.check import check_data
from iafr.corpus import Corpus
from iafr.models import MeasureKind
from tests.conftest import REPO_DATA, Invoke

HUB = "hub-france-ia-40-mesures"
CHAPTER_RANGES = {
    "1.1": (1, 5),
    "1.2": (6, 9),
    "1.3": (10, 11),
    "2": (12, 20),
    "3": (21, 23),
    "4": (24, 28),
    "5": (29, 35),
    "6": (36, 40),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, problems = check_data(REPO_DATA)
    assert problems == [], "\n".join(map(str, problems))
    return loaded


def test_check_strict_is_clean(iafr: Invoke) -> None:
    result = iafr("check", "--strict", "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output


def test_forty_numbered_hub_measures(corpus: Corpus) -> None:
    numbered = sorted(
        m.number for m in corpus.measures if m.report == HUB and m.kind is MeasureKind.MEASURE if m.number is not None
    )
    assert numbered == list(range(1, 41))


def test_each_chapter_holds_its_range(corpus: Corpus) -> None:
    for measure in corpus.measures:
        if measure.report == HUB and measure.number is not None:
            low, high = CHAPTER_RANGES[measure.chapter or ""]
            assert low <= measure.number <= high, measure.id


def test_every_record_cites_a_source(corpus: Corpus) -> None:
    for section in ("reports", "measures", "actors", "funding"):
        for record in getattr(corpus, section):
            assert record.sources, f"{section} {record.id} has no source"


def test_every_actor_is_referenced_or_context(corpus: Corpus) -> None:
    referenced = {a for m in corpus.measures for a in m.actors}
    referenced |= {a for r in corpus.reports for a in r.authors}
    referenced |= {a for f in corpus.funding for a in (*f.funders, *f.recipients, *f.announced_by, *f.via)}
    for actor in corpus.actors:
        for relation in actor.relations:
            referenced |= {relation.target, actor.id}
    orphans = [a.id for a in corpus.actors if a.id not in referenced and not a.context]
    assert orphans == []


def test_every_measure_and_figure_has_an_english_title(corpus: Corpus) -> None:
    assert all(m.title_en for m in corpus.measures)
    assert all(f.title_en for f in corpus.funding)


def test_frugality_tagging_is_a_judgement(corpus: Corpus) -> None:
    frugal = {m.number for m in corpus.measures if m.report == HUB and "frugalite" in m.axes}
    assert {30, 32, 33} <= frugal
    assert 36 not in frugal


def test_the_five_seeds_are_primary_sources(corpus: Corpus) -> None:
    primary = {s.id for s in corpus.sources if s.primary}
    assert primary == {
        "hub-france-ia-40-mesures",
        "article-leader-mondial-ia",
        "article-france-chatgpt",
        "tribune-open-source",
        "article-france-brille-ia",
    }


def test_vague_amounts_stay_vague(corpus: Corpus) -> None:
    vague = [f for f in corpus.funding if f.amount is None]
    assert vague and all(f.stated for f in vague)
    assert any("plusieurs centaines de millions" in (f.stated or "") for f in vague)


def test_quotes_are_short(corpus: Corpus) -> None:
    for _, records in corpus.sections():
        for record in records:
            for ref in getattr(record, "sources", []):
                assert ref.quote is None or len(ref.quote) <= 300, record.id


@pytest.mark.parametrize("entity", ["funding", "measures", "actors"])
def test_json_contract(iafr: Invoke, entity: str, tmp_path: Path) -> None:
    result = iafr(entity, "--format", "json", data=REPO_DATA, db=tmp_path / "c.db")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert isinstance(records, list) and records
    assert all(next(iter(record)) == "id" for record in records)
    if entity == "funding":
        amounts = [r for r in records if r["amount"] is not None]
        assert all(isinstance(r["amount"], int) and r["currency"] in {"EUR", "USD"} for r in amounts)
        assert any(r["amount"] == 1_500_000_000 and r["currency"] == "EUR" for r in amounts)
    if entity == "measures":
        assert all("number" in r and r["axes"] for r in records)
        assert Counter(r["report"] for r in records if r["number"])[HUB] == 40
