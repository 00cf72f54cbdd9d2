"""``iafr export``: the corpus as a Frictionless data package, what data catalogues publish.

- :mod:`~iafr.export.fields`: Table Schema fields, from the models and the store's declarations;
- :mod:`~iafr.export.resources`: the package's tables, their schemas and rows, read from the store;
- :mod:`~iafr.export.descriptor`: ``datapackage.json`` (licence, sources, version, creation time);
- :mod:`~iafr.export.directory`: the directory written whole or not at all;
- :mod:`~iafr.export.package`: the files, then the directory.

Nothing here is imported by the listings: only ``iafr export`` pays for it.
"""
