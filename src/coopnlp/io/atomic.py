"""Write a whole file atomically: a temporary file beside it, synced, renamed.

A failure midway (a full disk, a kill) leaves the previous file as it was,
never a truncated one; the temporary file is removed when the write fails.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path`, creating its folder; all or nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path
