"""archive-builder: turn a folder of news-article seeds into a cross-linked, searchable archive site."""

__version__ = "0.1.0"
