"""The bundled corpus (YAML files); a regular package so importlib.resources gives a real path."""
