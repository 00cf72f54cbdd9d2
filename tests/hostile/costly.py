"""Inputs whose cost a pull request controls: each written small, each once quadratic or worse.

Shared by the tests that bound their time and memory (tests/test_hostile_costs.py) and by the
script that measures them (bench/hostile.py). Every generator writes a valid corpus (a copy of
the mini fixture) into ``target`` and returns what to run on it.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

from tests.hostile.corpus import copy_mini, grow

REPO_DATA = Path(__file__).resolve().parent.parent.parent / "data"

# Words of four letters or more: every one is "significant" to the quote matcher, so each is an
# anchor, and a text of a few hundred of them repeated puts every quote on every diagonal.
_VOCABULARY = [
    "calcul", "donnees", "modele", "frugal", "souverain", "startup", "europe", "france", "energie", "public",
    "prive", "financement", "recherche", "formation", "confiance", "cloud", "ouvert", "source", "mesure", "plan",
    "etat", "region", "usage", "agent", "service", "norme", "marche", "achat", "talent", "centre",
]  # fmt: skip


def _words(rng: random.Random, count: int, suffixes: int = 40) -> list[str]:
    return [f"{rng.choice(_VOCABULARY)}{rng.randrange(suffixes)}" for _ in range(count)]


def near_miss_quotes(target: Path, quotes: int = 50, words: int = 400, text_words: int = 3000) -> tuple[Path, Path]:
    """The mini corpus whose figure ``plan-test`` quotes ``quotes`` passages of ``words`` words of a
    long article, each with one word in twenty changed (found nowhere word for word, so each is
    aligned); returns the data directory and the texts' directory for ``check --sources``."""
    rng = random.Random(7)
    data = copy_mini(target / "data")
    texts = target / "texts"
    texts.mkdir()
    body = _words(rng, text_words, suffixes=1)
    article = "Article de test\n\n" + " ".join(body) + "\n"
    (texts / "article.txt").write_text(article, encoding="utf-8")
    lines = []
    for _ in range(quotes):
        start = rng.randrange(text_words - words)
        passage = body[start : start + words]
        for position in range(0, words, 20):
            passage[position] = f"autre{rng.randrange(1000)}"
        lines.append(f'      - {{source: article-test, quote: "{" ".join(passage)}"}}\n')
    _add_quotes(data, "".join(lines))
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
    _map_text(data, "article-test", "article.txt", digest)
    return data, texts


def _add_quotes(data: Path, lines: str) -> None:
    path = data / "funding.yaml"
    anchor = '      - {source: article-test, quote: "1,5 milliards d\'euros"}\n'
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + lines, 1), encoding="utf-8")


def _map_text(data: Path, source: str, name: str, digest: str) -> None:
    path = data / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    block = f"  - id: {source}\n"
    at = text.index("    primary: true\n", text.index(block)) + len("    primary: true\n")
    path.write_text(text[:at] + f"    text: {name}\n    sha256: {digest}\n" + text[at:], encoding="utf-8")


def big_synonym_group(target: Path, terms: int = 3000) -> tuple[Path, str]:
    """The shipped corpus (its measures, figures, actors and statements to search and mark) with
    one more synonym group of ``terms`` two-word terms, ``calcul`` among them; returns the data
    directory and that word."""
    data = target / "data"
    shutil.copytree(REPO_DATA, data, ignore=shutil.ignore_patterns("*.md", "__init__.py"))
    rng = random.Random(11)
    names = dict.fromkeys(["calcul"])
    while len(names) < terms:
        names[f"{rng.choice(_VOCABULARY)}{len(names)} {rng.choice(_VOCABULARY)}"] = None
    listed = ", ".join(f'"{name}"' for name in names)
    path = data / "synonyms.yaml"
    group = f"  - id: groupe-immense\n    terms: [{listed}]\n    note: Un groupe immense.\n"
    path.write_text(path.read_text(encoding="utf-8") + group, encoding="utf-8")
    return data, "calcul"


def long_texts(target: Path, measures: int = 50) -> tuple[Path, str]:
    """The mini corpus with ``measures`` measures whose text is one word repeated to the length a
    text may have (20,000 characters): every word a match to mark, and to excerpt around; returns
    the data directory and that word."""
    data = grow(copy_mini(target / "data"), measures)
    path = data / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    long = " ".join(["calcul"] * 2800)
    marker = "      Texte de la mesure {i}, assez long"
    for i in range(measures):
        start = text.index(marker.format(i=i))
        end = text.index("\n    axes:", start)
        text = text[:start] + f"      {long}" + text[end:]
    path.write_text(text, encoding="utf-8")
    return data, "calcul"


def related_clusters(target: Path, clusters: int = 4, size: int = 16) -> Path:
    """The mini corpus with ``clusters`` groups of ``size`` announced public figures in euros, each
    linked as ``related`` to its neighbours in a ring and to the figure opposite (one cluster
    each: mutually unlinked sets must be searched for the sum's lower bound)."""
    data = copy_mini(target / "data")
    blocks = []
    for cluster in range(clusters):
        for member in range(size):
            ring = {(member + 1) % size, (member - 1) % size, (member + size // 2) % size} - {member}
            related = ", ".join(f"fig-{cluster}-{other}" for other in sorted(ring))
            blocks.append(
                f"  - id: fig-{cluster}-{member}\n"
                f"    label: Figure {cluster}-{member}\n"
                f"    title_en: Figure {cluster}-{member}\n"
                f'    amount: "{100 + member} M€"\n'
                f'    date: "2023-06"\n'
                f"    status: announced\n"
                f"    kind: public\n"
                f"    funders: [etat]\n"
                f"    related: [{related}]\n"
                f"    sources:\n"
                f"      - {{source: article-test}}\n"
            )
    path = data / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(blocks), encoding="utf-8")
    return data
