"""CSV cells that a spreadsheet would run as formulas, neutralised and restored.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets (CSV injection): an article
title such as `=HYPERLINK(...)` would become a live link or worse. Such cells
are written with a leading apostrophe, the OWASP advice; spreadsheets show the
text and drop the apostrophe. So that the change is undone exactly, a cell that
already starts with apostrophes before one of those characters gets one more.
`restore` removes the one apostrophe again (`coopnlp.load` does this).
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

# Apostrophes (already escaped cells), then a character that starts a formula.
_RISKY = r"^'*[=+\-@\t\r]"
_ESCAPED = r"^'+[=+\-@\t\r]"
PREFIX = "'"


def _rewrite(
    table: pa.Table, pattern: str, change: Callable[[pa.ChunkedArray], pa.Array]
) -> pa.Table:
    """`table` with `change` applied to the text cells that match `pattern`."""
    for i, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(i)
        hit = pc.fill_null(pc.match_substring_regex(column, pattern), False)
        if pc.any(hit).as_py():
            table = table.set_column(i, field, pc.if_else(hit, change(column), column))
    return table


def neutralise(table: pa.Table) -> pa.Table:
    """Every text cell that a spreadsheet would take for a formula, prefixed with `'`."""
    return _rewrite(table, _RISKY, lambda c: pc.binary_join_element_wise(PREFIX, c, ""))


def restore(table: pa.Table) -> pa.Table:
    """The cells `neutralise` prefixed, as they were."""
    return _rewrite(table, _ESCAPED, lambda c: pc.utf8_slice_codeunits(c, len(PREFIX)))
