"""Builders of the span ruler's pattern files (``src/coopnlp/resources/patterns/*.jsonl``).

One module per label (``agency``, ``agreement``, ``country``, ``rank``,
``title``), each with ``OUTPUT`` (its pattern file), ``INPUTS`` (the data files
it reads) and ``build(data)`` (the patterns made from a resources folder);
``common`` holds what they share and ``build`` is the one command line
(``python -m scripts.patterns.build [--check]``, ``make patterns``). The
runtime never imports this package: it only reads the files it writes.
"""
