"""Bytes to text: BOMs, UTF-16/32 (with or without BOM), UTF-8 with stray bad
bytes, legacy web encodings (charset-normalizer), and sniffing binary data."""

from __future__ import annotations

from collections import Counter

# File signatures of formats that are never article text.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"PAR1", "Parquet data"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 8192
# Legacy encodings of this domain's sources (Russian and Western sites), tried
# first when several encodings fit a text equally well.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "cp1251")
# Detection considers only the legacy encodings of web pages (the WHATWG set):
# with few non-ASCII letters, DOS and Mac code pages would fit as well and win.
_WEB_ENCODINGS = (
    *("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"),
    *("cp1258", "latin_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15", "koi8_r"),
    *("koi8_u", "cp866", "gb18030", "big5", "euc_jp", "shift_jis", "euc_kr"),
)
# Above this share of control bytes a file is data, not text.
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
# BOM-less UTF-16 is accepted when at least this share of the sample decodes
# to printable text and the other byte of each pair takes few values (one
# script plus ASCII), which binary data does not do.
_UTF16_MIN_PRINTABLE = 0.95
_UTF16_MIN_HIGH_SHARE = 0.8
# Text failing UTF-8 is still read as UTF-8 (bad bytes as U+FFFD) when it has
# at least one valid multi-byte character per this many bad sequences.
_UTF8_BAD_PER_GOOD = 4


def _unicode_encoding(head: bytes) -> str | None:
    """The encoding a BOM announces, or UTF-16 recognised without a BOM."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" not in head or len(head) < 4:
        return None  # of text encodings, only UTF-16/32 put NUL bytes in text
    even = head[: len(head) // 2 * 2]
    for encoding, other in (("utf-16-le", even[1::2]), ("utf-16-be", even[0::2])):
        common = sum(n for _, n in Counter(other).most_common(2))
        if common < _UTF16_MIN_HIGH_SHARE * len(other):
            continue
        text = even.decode(encoding, errors="replace")
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if printable >= _UTF16_MIN_PRINTABLE * len(text):
            return encoding
    return None


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file say it is not text, or None."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if _unicode_encoding(head):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
        if controls / len(head) > _MAX_CONTROL_SHARE:
            return "mostly non-text bytes"
    return None


def decode(data: bytes) -> str | None:
    """Decode bytes: BOM or UTF-16 first, then UTF-8, then a detected legacy encoding.

    UTF-8 with a few corrupt bytes (more valid multi-byte characters than bad
    sequences) keeps its UTF-8 reading, the bad bytes becoming U+FFFD: read as
    a legacy encoding, every good character would turn into mojibake.
    """
    encoding = _unicode_encoding(data[:SNIFF_BYTES])
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data) or _detect_legacy(data)


def _mostly_utf8(data: bytes) -> str | None:
    """`data` read as UTF-8 with U+FFFD for bad bytes, when UTF-8 is the likely reading.

    A legacy single-byte text almost never forms a valid multi-byte UTF-8
    sequence, while it fails UTF-8 at nearly every non-ASCII letter; a corrupt
    UTF-8 file has a few bad bytes among its valid sequences.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    return text if wide * _UTF8_BAD_PER_GOOD >= bad else None


def undecodable(data: bytes) -> str:
    """Why `decode` found no reading of `data`, and where."""
    encoding = _unicode_encoding(data[:SNIFF_BYTES])
    try:
        data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding:
            return f"invalid {encoding} on line {line}"
        return f"not UTF-8 (first bad byte on line {line}) and no other encoding fits"
    return "no encoding fits"


def _detect_legacy(data: bytes) -> str | None:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds.

    Short texts often fit several single-byte encodings equally well (Latin-1
    French also reads as Central-European cp1250); among equally good
    candidates the encodings common in this domain's sources win.
    """
    from charset_normalizer import from_bytes  # slow import: only for legacy files

    matches = list(from_bytes(data, cp_isolation=list(_WEB_ENCODINGS)))
    if not matches:
        return None
    best = matches[0]
    tied = [
        m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01
    ]
    for preferred in _PREFERRED_LEGACY:
        for m in tied:
            if preferred in m.could_be_from_charset:
                try:
                    return data.decode(preferred)
                except UnicodeDecodeError:
                    continue
    return str(best)


def sniff_encoding(head: bytes) -> str:
    """Encoding for a streamed text file, judged from its first bytes."""
    unicode = _unicode_encoding(head)
    if unicode:
        return unicode
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return "utf-8"  # only a character cut by the sample's end
    if _mostly_utf8(head) is not None:
        return "utf-8"
    text = _detect_legacy(head)
    if text is None:
        return "utf-8"
    for encoding in (*_PREFERRED_LEGACY, "utf-8"):
        try:
            if head.decode(encoding) == text:
                return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=list(_WEB_ENCODINGS)).best()
    return "utf-8" if best is None else best.encoding
