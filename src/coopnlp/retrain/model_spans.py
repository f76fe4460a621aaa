"""Old home of `coop_model_spans` (now `coopnlp.pipeline.model_spans`).

Installs made before the move still name this module in their `spacy_factories`
entry point, and spaCy loads every entry point when it makes a Language: this
name keeps them working until they are reinstalled.
"""

from coopnlp.pipeline.model_spans import make_model_spans

__all__ = ["make_model_spans"]
