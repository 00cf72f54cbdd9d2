"""Corpora written by the tests: the mini fixture, grown to any size with valid references."""

from __future__ import annotations

import shutil
from pathlib import Path

MINI = Path(__file__).parent.parent / "fixtures" / "mini"

_REPORT = """\
  - id: rapport-genere
    title: Rapport généré
    title_en: Generated report
    sources:
      - {source: rapport-test}
"""

_MEASURE = """\
  - id: mesure-{i}
    report: rapport-genere
    title: Mesure générée numéro {i} sur le calcul et la frugalité
    title_en: Generated measure {i}
    text: >-
      Texte de la mesure {i}, assez long pour que la sortie dépasse le tampon d'un tube :
      faciliter l'accès au calcul, mesurer l'empreinte environnementale, former les agents.
    axes: [calcul, frugalite]
    actors: [jean-zay]
    sources:
      - {{source: rapport-test, quote: "mesure {i}"}}
"""


def copy_mini(target: Path) -> Path:
    shutil.copytree(MINI, target)
    return target


def grow(data_dir: Path, measures: int) -> Path:
    """Add a report and ``measures`` valid measures to a copy of the mini corpus."""
    path = data_dir / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("measures:\n", 1)
    generated = "".join(_MEASURE.format(i=i) for i in range(measures))
    path.write_text(head + _REPORT + "measures:\n" + tail + generated, encoding="utf-8")
    return data_dir


def big_corpus(target: Path, measures: int = 2000) -> Path:
    return grow(copy_mini(target), measures)
