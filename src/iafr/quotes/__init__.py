"""Quotes verified against the texts of their sources (``iafr check --sources DIR``).

Imported only by that command: nothing on the query path, nor a plain ``iafr check``, pays for it.

- ``library``: the texts mapped in sources.yaml, read and checked (encoding, digest), indexed once;
- ``normalise`` → ``tokens`` → ``index``: the normalised text with a map back to the raw one, its
  words, and where each folded word occurs;
- ``match``: the tiers (exact, normalised, then word by word with ``align``, forgiving the OCR
  confusions of ``ocr`` in an OCR text), elisions, and the fixes a note documents (``fixes``);
- ``citations`` and ``verify``: what the rules in ``iafr.rules`` look up, and how a verdict is worded.
"""
