"""iafr: a command-line knowledge base of French AI policy."""

__version__ = "0.1.0"
