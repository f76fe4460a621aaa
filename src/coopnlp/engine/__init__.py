"""Runners that drive documents through the pipeline into tables."""
