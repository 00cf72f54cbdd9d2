"""Write a synthetic corpus of N records per entity that passes ``iafr check`` (for scale tests).

Same layout as data/ (corpus.yaml, sources.yaml, axes.yaml, recommendations.yaml, actors.yaml,
funding.yaml, events.yaml, statements.yaml) and records shaped like the curated ones: about the
same size (quotes, notes, accents, flow and block styles), every cross reference valid, numbered reports numbered
1..count, record dates not after their sources, every actor, axis and source used and
``related`` figures linked both ways, so ``iafr check --strict`` is clean. Deterministic:
the same ``--seed`` and ``--records`` give the same bytes.

``--axis-hits`` measures carry the axis ``frugalite`` (14 by default, as in the curated
corpus), so ``iafr measures --axis frugalite`` returns a result of the same size at any scale
and a timing compares the lookup, not the amount of output.

Run: ``python bench/generate.py OUT_DIR --records 1000 --seed 1``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

WORDS = [
    "souveraineté",
    "numérique",
    "intelligence",
    "artificielle",
    "générative",
    "modèles",
    "frugaux",
    "calcul",
    "supercalculateur",
    "données",
    "entraînement",
    "inférence",
    "écosystème",
    "startups",
    "financement",
    "public",
    "privé",
    "européen",
    "réglementation",
    "conformité",
    "risques",
    "éthique",
    "confiance",
    "formation",
    "compétences",
    "adoption",
    "entreprises",
    "PME",
    "ETI",
    "recherche",
    "laboratoires",
    "talents",
    "infrastructures",
    "énergie",
    "empreinte",
    "environnementale",
    "sobriété",
    "usages",
    "effet",
    "rebond",
    "commande",
    "publique",
    "achats",
    "cloud",
    "hébergement",
    "open",
    "source",
    "licences",
    "droits",
    "d’auteur",
    "culture",
    "médias",
    "santé",
    "éducation",
    "industrie",
    "territoires",
    "régions",
    "État",
    "ministère",
    "agence",
    "plan",
    "stratégie",
    "nationale",
    "investissement",
    "milliards",
    "euros",
    "appel",
    "projets",
    "déploiement",
    "accélération",
    "souverain",
    "partenariat",
    "gouvernance",
    "évaluation",
    "transparence",
    "explicabilité",
    "robustesse",
    "cybersécurité",
    "souveraine",
    "mutualisation",
    "plateforme",
    "accès",
    "ouvert",
    "qualité",
    "interopérabilité",
    "standardisation",
    "normes",
    "marché",
    "unique",
    "concurrence",
]
AXES = (
    ("souverainete-excellence", "Favoriser la souveraineté et l’excellence", "chapter"),
    ("ecosysteme", "Stimuler et soutenir la croissance de l’écosystème", "chapter"),
    ("donnees", "Faciliter l’accès aux données dans un cadre de confiance", "chapter"),
    ("risques-regulation", "Accompagner les entreprises dans la gestion des risques", "chapter"),
    ("environnement", "Piloter et optimiser l’empreinte environnementale", "chapter"),
    ("competences", "Accélérer la montée en compétence", "chapter"),
    ("frugalite", "Frugalité", "theme"),
    ("calcul", "Calcul", "theme"),
    ("souverainete", "Souveraineté", "theme"),
    ("financement", "Financement", "theme"),
    ("open-source", "Open source", "theme"),
    ("concurrence", "Concurrence", "theme"),
    ("conformite", "Conformité", "theme"),
    ("formation", "Formation", "theme"),
    ("adoption", "Adoption", "theme"),
    ("commande-publique", "Commande publique", "theme"),
    ("droit-auteur", "Droit d’auteur", "theme"),
    ("donnees-entrainement", "Données d’entraînement", "theme"),
    ("cybersecurite", "Cybersécurité", "theme"),
    ("sante", "Santé", "theme"),
    ("education", "Éducation", "theme"),
    ("recherche", "Recherche", "theme"),
    ("talents", "Talents", "theme"),
    ("energie", "Énergie", "theme"),
    ("ia-embarquee", "IA embarquée", "state-priority"),
    ("ia-frugale", "IA frugale", "state-priority"),
    ("ia-confiance", "IA de confiance", "state-priority"),
    ("ia-generative", "IA générative", "state-priority"),
)
FRUGAL = "frugalite"
SOURCE_KINDS = ("press-article", "op-ed", "report", "study", "paper", "speech", "web-page", "law")
ACTOR_KINDS = (
    "company",
    "startup",
    "public-body",
    "association",
    "research",
    "investor",
    "state",
    "programme",
    "infrastructure",
    "model",
    "person",
    "law",
    "media",
)
INSTRUMENTS = ("direct-funding", "regulation", "infrastructure", "skills", "governance")
TARGETS = ("startups", "smes-midcaps", "researchers")
EVENT_KINDS = ("trade-fair", "conference", "summit", "vote", "launch", "announcement", "publication")
FORMS = ("direct", "indirect", "paraphrase")
RELATIONS = ("founded", "works-for", "member-of", "part-of", "operates", "develops", "funds", "partner-of")
STATUSES = ("announced", "committed", "recommended", "mobilised", "raised", "invested", "estimated", "sought")
FUNDING_KINDS = ("public", "private", "mixed")
COUNTRIES = ("FR", "FR", "FR", "US", "DE", "GB", "IT", "ES")
CHAPTERS = ("1", "1.1", "1.2", "1.3", "2", "3", "4", "5", "6")
MEASURES_PER_REPORT = 40


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


class Generator:
    def __init__(self, records: int, seed: int, axis_hits: int) -> None:
        self.n = records
        self.rng = random.Random(seed)
        self.axis_hits = axis_hits
        self.reports = max(1, -(-records // MEASURES_PER_REPORT))

    # --- small pieces ---------------------------------------------------------------------------

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int, high: int) -> str:
        text = self.words(low, high)
        return text[:1].upper() + text[1:] + "."

    def source_id(self, index: int) -> str:
        return f"source-{index:05d}"

    def actor_id(self, index: int) -> str:
        return f"acteur-{index:05d}"

    def funding_id(self, index: int) -> str:
        return f"financement-{index:05d}"

    def measure_id(self, index: int) -> str:
        return f"mesure-{index:05d}"

    def report_id(self, index: int) -> str:
        return f"rapport-{index:04d}"

    def event_id(self, index: int) -> str:
        return f"evenement-{index:05d}"

    def statement_id(self, index: int) -> str:
        return f"declaration-{index:05d}"

    def record_time(self) -> str:
        """A time in EDTF as curated records give them: a date, about a month, on or before one."""
        date = self.record_date().strip('"')
        shape = self.rng.random()
        if shape < 0.2 and len(date) == 7:
            return f'"{date}~"'
        if shape < 0.4:
            return f'"[..{date}]"'
        return f'"{date}"'

    def record_date(self) -> str:
        # Records are dated 2018-2024 and every source 2025, so no record postdates its sources.
        year = self.rng.randint(2018, 2024)
        shape = self.rng.random()
        if shape < 0.3:
            return str(year)
        if shape < 0.8:
            return f'"{year}-{self.rng.randint(1, 12):02d}"'
        return f'"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"'

    def citations(self, indent: str, first: int | None = None, extra: int = 1) -> Iterator[str]:
        """A ``sources:`` list; ``first`` makes sure every source is cited by some record."""
        chosen = [first if first is not None else self.rng.randrange(self.n)]
        chosen += [self.rng.randrange(self.n) for _ in range(self.rng.randint(0, extra))]
        yield f"{indent}sources:"
        for index in chosen:
            if self.rng.random() < 0.5:
                yield f"{indent}  - source: {self.source_id(index)}"
                yield f"{indent}    quote: {q(self.words(10, 24))}"
                yield f"{indent}    locator: {q('§ ' + str(self.rng.randint(1, 40)) + ', ' + self.words(2, 4))}"
            else:
                yield f"{indent}  - {{source: {self.source_id(index)}, locator: {q('p. ' + str(index % 300))}}}"

    # --- files ----------------------------------------------------------------------------------

    def corpus(self) -> Iterator[str]:
        yield "# Synthetic corpus written by bench/generate.py: not real data."
        yield 'version: "0.0.1"'
        yield 'date: "2026-01-01"'
        yield f"title: {q(f'Corpus synthétique, {self.n} enregistrements par entité')}"
        yield "licence: CC0 1.0"

    def sources(self) -> Iterator[str]:
        yield "# Synthetic sources."
        yield "sources:"
        for i in range(self.n):
            yield f"  - id: {self.source_id(i)}"
            yield f"    title: {q(self.sentence(6, 14))}"
            yield f"    kind: {self.rng.choice(SOURCE_KINDS)}"
            if self.rng.random() < 0.7:
                yield f"    author: {q(self.words(2, 3).title())}"
            if self.rng.random() < 0.6:
                yield f"    publisher: {q(self.words(1, 3).title())}"
            yield f'    date: "2025-{self.rng.randint(1, 12):02d}"'
            if self.rng.random() < 0.3:
                yield "    date_note: >-"
                yield f"      {self.sentence(20, 40)}"
            yield f"    language: {self.rng.choice(('fr', 'fr', 'en'))}"
            yield f"    url: https://example.org/sources/{i}"
            if i < 5:
                yield "    primary: true"
            if i > 0 and self.rng.random() < 0.4:
                cites = sorted({self.source_id(self.rng.randrange(i)) for _ in range(self.rng.randint(1, 3))})
                yield "    cites:"
                yield from (f"      - {cited}" for cited in cites)
            if self.rng.random() < 0.5:
                yield "    note: >-"
                yield f"      {self.sentence(30, 60)}"
            yield ""

    def axes(self) -> Iterator[str]:
        yield "# The axis vocabulary (fixed, as in the curated corpus)."
        yield "axes:"
        for axis_id, label, group in AXES:
            yield f"  - id: {axis_id}"
            yield f"    label: {q(label)}"
            yield f"    label_en: {q(axis_id.replace('-', ' ').capitalize())}"
            yield f"    group: {group}"
            yield f"    description: {q(self.sentence(12, 30))}"

    def recommendations(self) -> Iterator[str]:
        yield "# Synthetic reports and their measures."
        yield "reports:"
        numbered_counts = self._report_layout()
        for r in range(self.reports):
            yield f"  - id: {self.report_id(r)}"
            yield f"    title: {q(self.sentence(5, 12))}"
            yield f"    title_en: {q(self.sentence(5, 12))}"
            yield f"    authors: {flow([self.actor_id(self.rng.randrange(self.n))])}"
            yield f"    date: {self.record_date()}"
            count = numbered_counts[r]
            if count:
                yield "    numbered: true"
                yield f"    count: {count}"
            yield "    chapters:"
            for chapter in CHAPTERS:
                yield f'      - {{id: "{chapter}", title: {q(self.sentence(3, 8))}}}'
            yield from self.citations("    ")
            yield ""
        yield "measures:"
        frugal = set(self.rng.sample(range(self.n), min(self.axis_hits, self.n)))
        others = [axis for axis, _, _ in AXES if axis != FRUGAL]
        number = 0
        for i in range(self.n):
            report = i // MEASURES_PER_REPORT
            if i % MEASURES_PER_REPORT == 0:
                number = 0
            numbered = numbered_counts[report] > 0
            # In a numbered report all measures are numbered; a few summaries elsewhere.
            kind = "measure" if numbered or self.rng.random() < 0.8 else "recommendation"
            axes = self.rng.sample(others, self.rng.randint(1, 4))
            if i < len(others):  # every axis is used at least once
                axes = [others[i], *[axis for axis in axes if axis != others[i]]]
            if i in frugal:
                axes.append(FRUGAL)
            yield f"  - id: {self.measure_id(i)}"
            yield f"    report: {self.report_id(report)}"
            if kind != "measure":
                yield f"    kind: {kind}"
            if numbered:
                number += 1
                yield f"    number: {number}"
            yield f'    chapter: "{self.rng.choice(CHAPTERS)}"'
            yield f"    title: {q(self.sentence(4, 10))}"
            yield f"    title_en: {q(self.sentence(6, 14))}"
            yield f"    text: {q(self.sentence(25, 60))}"
            yield f"    axes: {flow(axes)}"
            yield f"    actors: {flow(self._distinct(self.actor_id, i, self.rng.randint(0, 2)))}"
            if i > 0 and self.rng.random() < 0.2:
                yield f"    related: {flow([self.measure_id(self.rng.randrange(i))])}"
            if self.rng.random() < 0.2:
                yield f"    funding: {flow([self.funding_id(self.rng.randrange(self.n))])}"
            yield f"    instruments: {flow(sorted(set(self.rng.sample(INSTRUMENTS, self.rng.randint(1, 2)))))}"
            if self.rng.random() < 0.5:
                yield f"    targets: {flow([self.rng.choice(TARGETS)])}"
            yield from self.citations("    ", first=i)
            if self.rng.random() < 0.4:
                yield f"    note: {q(self.sentence(15, 40))}"

    def _report_layout(self) -> list[int]:
        """How many numbered measures each report declares (0: not numbered)."""
        counts = []
        for r in range(self.reports):
            size = min(MEASURES_PER_REPORT, self.n - r * MEASURES_PER_REPORT)
            counts.append(size if r % 2 == 0 else 0)
        return counts

    def _distinct(self, make: Callable[[int], str], first: int, extra: int) -> list[str]:
        chosen = [first] + [self.rng.randrange(self.n) for _ in range(extra)]
        return list(dict.fromkeys(make(index) for index in chosen))

    def actors(self) -> Iterator[str]:
        yield "# Synthetic actors."
        yield "actors:"
        for i in range(self.n):
            yield f"  - id: {self.actor_id(i)}"
            yield f"    name: {q(self.words(1, 3).title() + f' {i}')}"
            yield f"    kind: {self.rng.choice(ACTOR_KINDS)}"
            if self.rng.random() < 0.5:
                yield "    aliases:"
                for alias in range(self.rng.randint(1, 2)):
                    yield f"      - {q(self.words(1, 2).upper() + f' {i}-{alias}')}"
            yield f"    country: {self.rng.choice(COUNTRIES)}"
            yield f"    description: {q(self.sentence(15, 35))}"
            yield f"    description_en: {q(self.sentence(15, 35))}"
            if self.rng.random() < 0.5:
                yield "    relations:"
                # never itself: a relation to oneself is an error (rule self-link)
                others = {(i + 1 + self.rng.randrange(self.n - 1)) % self.n for _ in range(self.rng.randint(1, 2))}
                for target in sorted(others):
                    yield f"      - type: {self.rng.choice(RELATIONS)}"
                    yield f"        target: {self.actor_id(target)}"
                    if self.rng.random() < 0.5:
                        yield f"        role: {q(self.words(1, 3))}"
                    yield from self.citations("        ", extra=0)
            if self.rng.random() < 0.4:
                value = self.rng.randint(2, 5000)
                yield "    facts:"
                yield "      - name: members"
                yield f"        value: {value}"
                yield "        unit: membres"
                yield f"        stated: {q(f'environ {value} membres')}"
                yield f"        stated_en: {q(f'about {value} members')}"
                yield f"        date: {self.record_date()}"
                yield from self.citations("        ", extra=0)
            yield from self.citations("    ")
            if self.rng.random() < 0.3:
                yield f"    note: {q(self.sentence(15, 40))}"

    def funding(self) -> Iterator[str]:
        yield "# Synthetic funding figures."
        yield "funding:"
        for i in range(self.n):
            shape = self.rng.random()
            yield f"  - id: {self.funding_id(i)}"
            yield f"    label: {q(self.sentence(6, 14))}"
            yield f"    title_en: {q(self.sentence(6, 14))}"
            if shape < 0.1:
                yield "    precision: unspecified"
                yield f"    stated: {q('plusieurs ' + self.words(2, 5))}"
            else:
                low = self.rng.randint(1, 900)
                if shape < 0.2:
                    yield f'    amount: "{low} M$"'
                    yield "    currency: USD"
                    said = f"{low} millions de dollars"
                elif shape < 0.5:
                    yield f"    amount: {low * 1_000_000}"
                    said = f"{low} millions d'euros"
                else:
                    yield f'    amount: "{low / 10:.1f} Md€"'.replace(".", ",")
                    said = f"{low / 10:.1f} milliards d'euros".replace(".", ",")
                if 0.8 < shape < 0.9:
                    yield f"    upper: {low * 3 * 10**9}"
                    yield "    precision: up-to"
                    said += f" et jusqu'à {low * 3} milliards"
                # the wording states the amount, as a source's does (rule stated-amount)
                yield f"    stated: {q(self.words(4, 10) + ' ' + said)}"
            if self.rng.random() < 0.2:
                yield "    per_year: true"
            if self.rng.random() < 0.3:
                start = self.rng.randint(2018, 2024)
                yield f"    period: {{start: {start}, end: {start + self.rng.randint(0, 5)}}}"
            yield f"    date: {self.record_date()}"
            yield f"    status: {self.rng.choice(STATUSES)}"
            yield f"    kind: {self.rng.choice(FUNDING_KINDS)}"
            yield f"    funders: {flow(self._distinct(self.actor_id, i, self.rng.randint(0, 1)))}"
            if self.rng.random() < 0.5:
                yield f"    recipients: {flow([self.actor_id(self.rng.randrange(self.n))])}"
            yield f"    purpose: {q(self.sentence(10, 25))}"
            partner = i + 1 if i % 10 == 0 else i - 1 if i % 10 == 1 else None
            if partner is not None and partner < self.n:  # pairs linked both ways
                yield f"    related: {flow([self.funding_id(partner)])}"
            yield from self.citations("    ")
            if self.rng.random() < 0.4:
                yield "    note: >-"
                yield f"      {self.sentence(30, 60)}"

    def vocabularies(self) -> Iterator[str]:
        yield "# The vocabularies measures are classified by (fixed, as in the curated corpus)."
        for section, values in (("instruments", INSTRUMENTS), ("targets", TARGETS)):
            yield f"{section}:"
            for value in values:
                yield f"  - id: {value}"
                yield f"    label: {q(value.replace('-', ' ').capitalize())}"
                yield f"    label_en: {q(value.replace('-', ' ').capitalize())}"
                yield f"    description: {q(self.sentence(8, 16))}"
                yield f"    description_en: {q(self.sentence(8, 16))}"

    def events(self) -> Iterator[str]:
        yield "# Synthetic events."
        yield "events:"
        for i in range(self.n):
            yield f"  - id: {self.event_id(i)}"
            yield f"    name: {q(self.words(2, 6).capitalize() + f' {i}')}"
            yield f"    name_en: {q(self.words(2, 6).capitalize() + f' {i}')}"
            yield f"    kind: {self.rng.choice(EVENT_KINDS)}"
            yield f"    time: {self.record_time()}"
            if self.rng.random() < 0.5:
                yield f"    place: {q(self.words(1, 2).title())}"
            yield f"    organisers: {flow(self._distinct(self.actor_id, i, self.rng.randint(0, 1)))}"
            yield f"    participants: {flow(self._distinct(self.actor_id, (i + 7) % self.n, self.rng.randint(0, 3)))}"
            if self.rng.random() < 0.5:
                yield f"    about: {flow([self.funding_id(self.rng.randrange(self.n))])}"
            yield f"    description: {q(self.sentence(12, 30))}"
            yield f"    description_en: {q(self.sentence(12, 30))}"
            yield from self.citations("    ")

    def statements(self) -> Iterator[str]:
        yield "# Synthetic statements."
        yield "statements:"
        for i in range(self.n):
            yield f"  - id: {self.statement_id(i)}"
            yield f"    speakers: {flow(self._distinct(self.actor_id, (i + 3) % self.n, self.rng.randint(0, 1)))}"
            yield f"    words: {q(self.sentence(12, 40))}"
            yield f"    form: {self.rng.choice(FORMS)}"
            yield f"    gist_en: {q(self.sentence(8, 16))}"
            yield f"    time: {self.record_time()}"
            if self.rng.random() < 0.5:
                yield f"    event: {self.event_id(self.rng.randrange(self.n))}"
            yield f"    topics: {flow(sorted({self.rng.choice(AXES)[0] for _ in range(self.rng.randint(1, 2))}))}"
            about = [self.measure_id(self.rng.randrange(self.n)), self.funding_id(self.rng.randrange(self.n))]
            yield f"    about: {flow(about[: self.rng.randint(0, 2)])}"
            yield from self.citations("    ")


FILES: dict[str, Callable[[Generator], Iterator[str]]] = {
    "corpus.yaml": Generator.corpus,
    "sources.yaml": Generator.sources,
    "axes.yaml": Generator.axes,
    "recommendations.yaml": Generator.recommendations,
    "actors.yaml": Generator.actors,
    "funding.yaml": Generator.funding,
    "vocabularies.yaml": Generator.vocabularies,
    "events.yaml": Generator.events,
    "statements.yaml": Generator.statements,
}


def generate(out: Path, records: int, seed: int = 1, axis_hits: int = 14) -> int:
    """Write the corpus into ``out``; returns the number of bytes written."""
    if records < 1:
        raise ValueError("--records must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(records, seed, axis_hits)
    total = 0
    for name, write in FILES.items():
        data = ("\n".join(write(generator)) + "\n").encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="directory to write the YAML files into")
    parser.add_argument("--records", "-n", type=int, default=1000, help="records per entity (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--axis-hits", type=int, default=14, help="measures on the axis 'frugalite' (default 14)")
    args = parser.parse_args()
    size = generate(args.out, args.records, args.seed, args.axis_hits)
    print(f"wrote {args.out} ({args.records} records per entity, {size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
