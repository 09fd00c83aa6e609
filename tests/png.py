"""A tiny PNG reader for screenshot tests (8-bit RGB/RGBA, no interlace): no Pillow needed."""

from __future__ import annotations

import struct
import zlib

CHANNELS = {2: 3, 6: 4}


def read_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, unfiltered rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in CHANNELS and interlace == 0
            channels = CHANNELS[colour]
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        rows.append(row)
        previous = row
    return width, height, channels, rows


def _unfilter(kind: int, row: bytearray, up: bytes, bpp: int) -> bytes:
    if kind == 1:
        for i in range(bpp, len(row)):
            row[i] = (row[i] + row[i - bpp]) & 0xFF
    elif kind == 2:
        row = bytearray((a + b) & 0xFF for a, b in zip(row, up, strict=True))
    elif kind == 3:
        for i in range(len(row)):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + up[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0
            b = up[i]
            c = up[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    return bytes(row)


def count_colour(png: bytes, rgb: tuple[int, int, int], tolerance: int = 6) -> int:
    """How many pixels of a PNG are within `tolerance` of a colour."""
    width, _, channels, rows = read_png(png)
    found = 0
    for row in rows:
        for x in range(width):
            pixel = row[x * channels : x * channels + 3]
            if all(abs(pixel[i] - rgb[i]) <= tolerance for i in range(3)):
                found += 1
    return found
