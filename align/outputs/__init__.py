"""Renderings of a :class:`~align.result.Comparison`: JSON, HTML, QA reports."""
