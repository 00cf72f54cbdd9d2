"""Quotes verified against the texts of their sources (``iafr check --sources DIR``).

Imported only by that command: nothing on the query path, nor a plain ``iafr check``, pays for it.
``normalise`` → ``tokens`` → ``index`` (each text once) → ``match`` (exact, normalised, OCR-tolerant,
with ``align`` for the token tiers and ``ocr`` for the confusions); ``library`` reads the texts.
"""
