"""TrueType -> WOFF 1.0, so the browser can load the very font file Pillow measures.

WOFF (https://www.w3.org/TR/WOFF/) is only a container: each table of the TrueType file, byte
for byte, zlib-compressed when that makes it smaller. Glyphs and metrics are untouched, which is
what keeps the browser's fit equal to the Python fit. About half the size of the TTF, which
matters because the font travels in the widget state (and in the book's saved pages).
"""
from __future__ import annotations

import struct
import zlib

_SFNT_HEADER = struct.Struct(">IHHHH")  # sfnt version, numTables, searchRange, entrySelector, rangeShift
_SFNT_ENTRY = struct.Struct(">4sIII")  # tag, checksum, offset, length
_WOFF_HEADER = struct.Struct(">4sIIHHIHHIIIII")
_WOFF_ENTRY = struct.Struct(">4sIIII")  # tag, offset, compressed length, original length, checksum


def _padded(length: int) -> int:
    return (length + 3) & ~3


def sfnt_tables(font: bytes) -> dict[bytes, tuple[int, bytes]]:
    """``{tag: (checksum, table bytes)}`` of a TrueType/OpenType file."""
    version, count = _SFNT_HEADER.unpack_from(font)[:2]
    if version not in (0x00010000, 0x4F54544F):  # TrueType outlines, or "OTTO" (CFF)
        raise ValueError("not a TrueType/OpenType font file")
    tables = {}
    for index in range(count):
        tag, checksum, offset, length = _SFNT_ENTRY.unpack_from(font, _SFNT_HEADER.size + index * _SFNT_ENTRY.size)
        if offset + length > len(font):
            raise ValueError(f"table {tag!r} runs past the end of the font file")
        tables[tag] = (checksum, font[offset:offset + length])
    return tables


def to_woff(font: bytes) -> bytes:
    """The same font in a WOFF 1.0 container (deterministic: same input, same bytes)."""
    flavor = _SFNT_HEADER.unpack_from(font)[0]
    tables = sorted(sfnt_tables(font).items())  # the directory must be sorted by tag
    offset = _WOFF_HEADER.size + len(tables) * _WOFF_ENTRY.size
    directory, data = [], []
    for tag, (checksum, table) in tables:
        packed = zlib.compress(table, 9)
        stored = packed if len(packed) < len(table) else table  # keep it raw when zlib gains nothing
        directory.append(_WOFF_ENTRY.pack(tag, offset, len(stored), len(table), checksum))
        data.append(stored + b"\0" * (_padded(len(stored)) - len(stored)))
        offset += _padded(len(stored))
    sfnt_size = (_SFNT_HEADER.size + len(tables) * _SFNT_ENTRY.size
                 + sum(_padded(len(table)) for _tag, (_sum, table) in tables))
    header = _WOFF_HEADER.pack(b"wOFF", flavor, offset, len(tables), 0, sfnt_size,
                               1, 0,  # version of this WOFF file, not of the font
                               0, 0, 0, 0, 0)  # no metadata, no private data
    return header + b"".join(directory) + b"".join(data)


def woff_tables(woff: bytes) -> dict[bytes, tuple[int, bytes]]:
    """``{tag: (checksum, table bytes)}`` read back from a WOFF file (for the tests)."""
    signature, _flavor, length, count = _WOFF_HEADER.unpack_from(woff)[:4]
    if signature != b"wOFF" or length != len(woff):
        raise ValueError("not a complete WOFF 1.0 file")
    tables = {}
    for index in range(count):
        tag, offset, stored, original, checksum = _WOFF_ENTRY.unpack_from(woff, _WOFF_HEADER.size + index * _WOFF_ENTRY.size)
        table = woff[offset:offset + stored]
        tables[tag] = (checksum, zlib.decompress(table) if stored < original else table)
    return tables
