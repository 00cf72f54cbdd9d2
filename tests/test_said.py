"""Statements and events through the real CLI: who said what, where and when (mini corpus + said)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke
from tests.test_rules import edit


def ids(iafr: Invoke, data: Path, *args: str) -> list[str]:
    result = iafr(*args, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.stdout)]


def test_statements_filter_by_speaker_axis_subject_event_and_time(iafr: Invoke, said: Path) -> None:
    everything = ["etat-investit-depuis-2018", "hub-chercheurs-frugaux"]
    assert ids(iafr, said, "statements") == everything  # in time order
    assert ids(iafr, said, "statements", "--by", "Etat") == ["etat-investit-depuis-2018"]  # a name, as --actor
    assert ids(iafr, said, "statements", "--by", "etat", "--by", "hub-test") == everything  # OR
    assert ids(iafr, said, "statements", "--axis", "Frugalité") == ["hub-chercheurs-frugaux"]
    assert ids(iafr, said, "statements", "--axis", "frugalite", "--axis", "calcul") == []  # tags: AND
    assert ids(iafr, said, "statements", "--about", "m2") == ["hub-chercheurs-frugaux"]
    assert ids(iafr, said, "statements", "--about", "plan-test") == ["etat-investit-depuis-2018"]
    assert ids(iafr, said, "statements", "--event", "Salon de test") == ["etat-investit-depuis-2018"]
    assert ids(iafr, said, "statements", "--since", "2024") == ["hub-chercheurs-frugaux"]
    assert ids(iafr, said, "statements", "--query", "frugal models") == ["hub-chercheurs-frugaux"]  # its gist


def test_a_statements_caption_names_its_filters(iafr: Invoke, said: Path) -> None:
    result = iafr("statements", "--by", "etat", "--axis", "calcul", data=said)
    assert result.exit_code == 0
    assert "1 statement · by etat, axis calcul" in result.stdout
    assert "« " not in result.stdout  # reported speech is never shown between guillemets
    direct = iafr("statements", "--by", "hub-test", data=said)
    assert "« Privilégier des modèles frugaux et de petite taille. »" in " ".join(direct.stdout.split())


def test_an_unknown_speaker_or_subject_is_a_usage_error(iafr: Invoke, said: Path) -> None:
    unknown = iafr("statements", "--by", "hub-tst", data=said)
    assert unknown.exit_code == 2 and "hub-test" in unknown.stderr
    nothing = iafr("statements", "--about", "nothing-at-all", data=said)
    assert nothing.exit_code == 2
    assert "no measure, funding figure, actor or event is named 'nothing-at-all'" in nothing.stderr


def test_events_by_actor_kind_and_time(iafr: Invoke, said: Path) -> None:
    assert ids(iafr, said, "events") == ["salon-test"]
    assert ids(iafr, said, "events", "--actor", "hub-test") == ["salon-test"]  # organiser
    assert ids(iafr, said, "events", "--actor", "etat") == ["salon-test"]  # participant
    assert ids(iafr, said, "events", "--actor", "jean-zay") == []
    assert ids(iafr, said, "events", "--kind", "trade-fair", "--since", "2023", "--until", "2023") == ["salon-test"]
    refused = iafr("events", "--kind", "fair", data=said)
    assert refused.exit_code == 2 and "trade-fair" in refused.stderr


def test_show_an_actor_lists_what_it_said_and_an_event_what_was_said_there(iafr: Invoke, said: Path) -> None:
    (state,) = json.loads(iafr("show", "etat", "--format", "json", data=said).stdout)
    assert [row["id"] for row in state["said"]] == ["etat-investit-depuis-2018"]
    assert [row["id"] for row in state["took_part_in"]] == ["salon-test"]
    (event,) = json.loads(iafr("show", "salon-test", "--format", "json", data=said).stdout)
    assert event["type"] == "event" and event["name_en"] == "Test fair"
    assert [row["id"] for row in event["statements_made_there"]] == ["etat-investit-depuis-2018"]
    assert [row["id"] for row in event["about"]] == ["plan-test"]
    (figure,) = json.loads(iafr("show", "plan-test", "--format", "json", data=said).stdout)
    assert [row["id"] for row in figure["events_about_it"]] == ["salon-test"]
    assert [row["id"] for row in figure["statements_about_it"]] == ["etat-investit-depuis-2018"]


def test_the_timeline_search_and_cite_carry_statements_and_events(iafr: Invoke, said: Path) -> None:
    dated = json.loads(iafr("timeline", "--format", "json", data=said).stdout)
    kinds = {record["id"]: (record["type"], record["basis"]) for record in dated}
    assert kinds["salon-test"] == ("event", "held")
    assert kinds["etat-investit-depuis-2018"] == ("statement", "said")
    by_actor = json.loads(iafr("timeline", "--actor", "hub-test", "--format", "json", data=said).stdout)
    assert {"salon-test", "hub-chercheurs-frugaux"} <= {record["id"] for record in by_actor}
    found = json.loads(iafr("search", "Test fair", "--format", "json", data=said).stdout)
    assert ("event", "salon-test") in [(hit["type"], hit["id"]) for hit in found]
    found = json.loads(iafr("search", "investit depuis 2018", "--format", "json", data=said).stdout)
    assert ("statement", "etat-investit-depuis-2018") in [(hit["type"], hit["id"]) for hit in found]
    for record_id in ("etat-investit-depuis-2018", "salon-test"):
        cited = iafr("cite", record_id, data=said)
        assert cited.exit_code == 0 and "Article de test" in cited.stdout


def test_a_statement_naming_nobody_known_is_a_located_error(iafr: Invoke, said: Path) -> None:
    edit(said / "statements.yaml", "speakers: [etat]", "speakers: [etta]")
    result = iafr("check", "--data", str(said))
    assert result.exit_code == 1
    assert "statements.yaml:3:16: unknown-ref: no actor has id 'etta'; did you mean 'etat'?" in result.stdout


def test_a_fact_is_shown_and_cited_by_the_id_the_timeline_prints(iafr: Invoke, said: Path) -> None:
    edit(
        said / "actors.yaml",
        '        stated: "1400 chercheurs"\n',
        '        stated: "1400 chercheurs"\n        date: "2023"\n',
    )
    dated = json.loads(iafr("timeline", "--format", "json", data=said).stdout)
    (fact_id,) = [record["id"] for record in dated if record["type"] == "fact"]
    assert fact_id == "jean-zay#researchers"
    (page,) = json.loads(iafr("show", fact_id, "--format", "json", data=said).stdout)
    assert page["type"] == "fact" and page["id"] == fact_id
    cited = iafr("cite", fact_id, data=said)
    assert cited.exit_code == 0, cited.output
    unknown = iafr("show", fact_id + "x", data=said)
    assert unknown.exit_code == 2 and fact_id in unknown.stderr  # the closest id is suggested


def test_an_exact_id_names_its_record_whatever_other_records_words_say(iafr: Invoke, corpus_copy: Path) -> None:
    """``--about mistral-ai`` is the actor, though events hold the words « Mistral » and « AI »."""
    result = iafr("statements", "--about", "mistral-ai", "--format", "json", data=corpus_copy)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 5


def test_an_axis_counts_its_measures_not_its_statements(iafr: Invoke, corpus_copy: Path) -> None:
    axes = {row["id"]: row["measures"] for row in json.loads(iafr("axes", "--format", "json", data=corpus_copy).stdout)}
    frugal = json.loads(iafr("measures", "--axis", "frugalite", "--format", "json", data=corpus_copy).stdout)
    assert axes["frugalite"] == len(frugal)


def test_one_word_is_too_little_to_name_an_axis_by_its_words(iafr: Invoke, corpus_copy: Path) -> None:
    """« frugal » would pick "Frugal AI" over "Frugality": refused, with both suggested."""
    result = iafr("measures", "--axis", "frugal", data=corpus_copy)
    assert result.exit_code == 2 and "frugalite" in result.stderr
    assert iafr("measures", "--axis", "public procurement", data=corpus_copy).exit_code == 0


def test_the_timeline_reads_english_titles_to_an_english_reader(iafr: Invoke, corpus_copy: Path) -> None:
    english = iafr("--lang", "en", "timeline", "--since", "2025", "--format", "csv", data=corpus_copy).stdout
    french = iafr("--lang", "fr", "timeline", "--since", "2025", "--format", "csv", data=corpus_copy).stdout
    assert "AI Action Summit" in english and "Sommet pour l'action sur l'IA" in french
