"""Broken Word templates, one fault each, made by make_corpus.py from the shipped ones."""
