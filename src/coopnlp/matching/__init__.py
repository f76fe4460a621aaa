"""Matcher machinery under the components: the gated ruler, speed-ups of the base
pipeline, sentence boundaries from arrays."""
