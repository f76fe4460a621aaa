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

import pyarrow as pa
import pyarrow.compute as pc

# Apostrophes (already escaped cells), then a character that starts a formula.
_RISKY = r"^'*[=+\-@\t\r]"
_ESCAPED = r"^'+[=+\-@\t\r]"
PREFIX = "'"


def _is_text(field: pa.Field) -> bool:
    return pa.types.is_string(field.type) or pa.types.is_large_string(field.type)


def neutralise(table: pa.Table) -> pa.Table:
    """Every text cell that a spreadsheet would take for a formula, prefixed with `'`."""
    for i, field in enumerate(table.schema):
        if not _is_text(field):
            continue
        column = table.column(i)
        risky = pc.fill_null(pc.match_substring_regex(column, _RISKY), False)
        if pc.any(risky).as_py():
            prefixed = pc.binary_join_element_wise(PREFIX, column, "")
            table = table.set_column(i, field, pc.if_else(risky, prefixed, column))
    return table


def restore(table: pa.Table) -> pa.Table:
    """The cells `neutralise` prefixed, as they were."""
    for i, field in enumerate(table.schema):
        if not _is_text(field):
            continue
        column = table.column(i)
        escaped = pc.fill_null(pc.match_substring_regex(column, _ESCAPED), False)
        if pc.any(escaped).as_py():
            unprefixed = pc.utf8_slice_codeunits(column, len(PREFIX))
            table = table.set_column(i, field, pc.if_else(escaped, unprefixed, column))
    return table
