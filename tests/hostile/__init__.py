"""Helpers for the hostile-input tests: generated corpora and subprocesses under limits."""
