"""Full-text search in both languages of the corpus: words, stems, queries, marks.

Imported only where a text is searched (``iafr search``, ``--query``) or an index is built: a
listing without a text never loads it, nor the Snowball stemmers.
"""
