#!/usr/bin/env python3
"""Tiny PNG reader (standard library only) for the report checks: decodes 8-bit RGB/RGBA
and grey PNGs as written by Chromium, counts non-white pixels, and crops images.

  pngcheck.py ink FILE.png          -> prints "WIDTH HEIGHT INK_SHARE COLOURED_SHARE"
  pngcheck.py crop IN.png OUT.png Y0 Y1
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat = 8, []
    width = height = bit_depth = colour_type = interlace = None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, bit_depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if bit_depth != 8 or interlace != 0 or colour_type not in (0, 2, 4, 6):
        raise ValueError(f"{path}: unsupported PNG (depth {bit_depth}, colour type {colour_type}, interlace {interlace})")
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        filter_type = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if filter_type == 1:
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 255
        elif filter_type == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 255
        elif filter_type == 3:
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif filter_type == 4:
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = prev[x]
                c = prev[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def rgb(row, x, channels):
    if channels < 3:
        v = row[x * channels]
        return v, v, v
    o = x * channels
    return row[o], row[o + 1], row[o + 2]


def ink(path):
    """Share of pixels that are not near-white, and share that are coloured (not grey)."""
    width, height, channels, rows = read_png(path)
    dark = coloured = 0
    for row in rows:
        for x in range(width):
            r, g, b = rgb(row, x, channels)
            if min(r, g, b) < 235:
                dark += 1
            if max(r, g, b) - min(r, g, b) > 40:
                coloured += 1
    total = max(1, width * height)
    return width, height, dark / total, coloured / total


def write_png(path, width, rows, channels):
    colour_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, colour_type, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def main(argv):
    if len(argv) >= 3 and argv[1] == "ink":
        w, h, dark, coloured = ink(argv[2])
        print(f"{w} {h} {dark:.4f} {coloured:.4f}")
    elif len(argv) == 6 and argv[1] == "crop":
        width, height, channels, rows = read_png(argv[2])
        write_png(argv[3], width, rows[int(argv[4]):min(height, int(argv[5]))], channels)
    else:
        print(__doc__, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
