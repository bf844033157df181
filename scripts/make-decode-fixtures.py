#!/usr/bin/env python3
"""Writes the image-decoding test fixtures: Tests/Fixtures/decode/ and Tests/Fixtures/corrupt/.

PNGs are written by the small encoder below (numpy + zlib), so every colour type, bit depth,
tRNS variant and Adam7 interlacing is produced exactly; each comes with a PGM of the grey pixels
mathscan must decode (luma 0.299/0.587/0.114, rounded, transparency over white). JPEGs are
written by Pillow (pip install pillow), an encoder independent of the one under test; their PGM
(block-pattern.pgm) holds the source pattern, which a decoder must reproduce within JPEG's error.

Run from the repository root: python3 scripts/make-decode-fixtures.py
With --bench-photo DIR it writes instead the 12-megapixel photo-like JPEGs used with
`mathscan bench-decode` (too large to commit): baseline, progressive, and baseline with EXIF
orientation 6, as photo-12mp.jpg, photo-12mp-progressive.jpg and photo-12mp-rotated.jpg.
"""

import io
import os
import sys
import struct
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")
DECODE = os.path.join(ROOT, "decode")
CORRUPT = os.path.join(ROOT, "corrupt")
rng = np.random.default_rng(20261122)

# ----------------------------------------------------------------------------------- PNG

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def row_bytes(row, depth):
    """One scanline, samples (w, channels) packed at `depth` bits, MSB first, big-endian."""
    flat = row.reshape(-1).astype(np.uint32)
    if depth == 16:
        return flat.astype(">u2").tobytes()
    if depth == 8:
        return flat.astype(np.uint8).tobytes()
    per_byte = 8 // depth
    padded = np.zeros(-(-len(flat) // per_byte) * per_byte, dtype=np.uint32)
    padded[: len(flat)] = flat
    groups = padded.reshape(-1, per_byte)
    shifts = np.array([8 - depth * (i + 1) for i in range(per_byte)], dtype=np.uint32)
    return (groups << shifts).sum(axis=1).astype(np.uint8).tobytes()


def png(samples, color_type, depth, palette=None, trns=None, interlace=False):
    """samples: (h, w, channels) integers."""
    height, width = samples.shape[:2]
    raw = b""
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        sub = samples[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        raw += b"".join(b"\0" + row_bytes(row, depth) for row in sub)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 1 if interlace else 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if palette is not None:
        data += chunk(b"PLTE", bytes(np.asarray(palette, dtype=np.uint8).reshape(-1)))
    if trns is not None:
        data += chunk(b"tRNS", trns)
    return data + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def to8(values, depth):
    """Exact rounding of a sample to 8 bits, as libpng's expand (depth < 8) and scale_16 do."""
    values = values.astype(np.int64)
    return (values * 255 + (2**depth - 1) // 2) // (2**depth - 1)


def grey_over_white(r, g, b, a):
    """The decoder's formula: luma with weights 0.299/0.587/0.114 composited on white, rounded."""
    r, g, b, a = (np.asarray(v, dtype=np.int64) for v in (r, g, b, a))
    luma = 299 * r + 587 * g + 114 * b
    return ((luma * a + 255000 * (255 - a) + 127500) // 255000).astype(np.uint8)


def samples16(shape):
    """16-bit samples k·257 + d with |d| ≤ 100: they round to k unambiguously, yet their low
    byte differs from the high byte, so a decoder that drops the wrong byte is caught."""
    k = rng.integers(0, 256, shape)
    return np.clip(k * 257 + rng.integers(-100, 101, shape), 0, 65535)


def write_pgm(path, grey):
    height, width = grey.shape
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (width, height) + grey.astype(np.uint8).tobytes())


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def png_fixture(name, samples, color_type, depth, expected, **options):
    write(DECODE, name + ".png", png(samples, color_type, depth, **options))
    write_pgm(os.path.join(DECODE, name + ".pgm"), expected)


def make_pngs():
    h, w = 7, 13  # odd sizes: partial bytes at the end of low-depth rows, partial Adam7 passes
    opaque = np.full((h, w), 255)
    for depth in (1, 2, 4, 8, 16):
        s = samples16((h, w, 1)) if depth == 16 else rng.integers(0, 2**depth, (h, w, 1))
        g = to8(s[..., 0], depth)
        png_fixture(f"grey-{depth}", s, 0, depth, grey_over_white(g, g, g, opaque))
        if depth in (1, 8):
            png_fixture(f"grey-{depth}-interlaced", s, 0, depth, grey_over_white(g, g, g, opaque), interlace=True)

    s = rng.integers(0, 256, (h, w, 1))
    s[0, :4] = 77
    alpha = np.where(s[..., 0] == 77, 0, 255)
    g = s[..., 0]
    png_fixture("grey-8-trns", s, 0, 8, grey_over_white(g, g, g, alpha), trns=struct.pack(">H", 77))

    for depth in (8, 16):
        s = samples16((h, w, 2)) if depth == 16 else rng.integers(0, 256, (h, w, 2))
        g, a = to8(s[..., 0], depth), to8(s[..., 1], depth)
        png_fixture(f"grey-alpha-{depth}", s, 4, depth, grey_over_white(g, g, g, a))

        s = samples16((h, w, 3)) if depth == 16 else rng.integers(0, 256, (h, w, 3))
        r, g, b = (to8(s[..., i], depth) for i in range(3))
        png_fixture(f"rgb-{depth}", s, 2, depth, grey_over_white(r, g, b, opaque))
        png_fixture(f"rgb-{depth}-interlaced", s, 2, depth, grey_over_white(r, g, b, opaque), interlace=True)

        s = samples16((h, w, 4)) if depth == 16 else rng.integers(0, 256, (h, w, 4))
        r, g, b, a = (to8(s[..., i], depth) for i in range(4))
        png_fixture(f"rgba-{depth}", s, 6, depth, grey_over_white(r, g, b, a))

    s = rng.integers(0, 256, (h, w, 3))
    s[1, :5] = (10, 200, 30)
    alpha = np.where((s == (10, 200, 30)).all(axis=2), 0, 255)
    png_fixture("rgb-8-trns", s, 2, 8, grey_over_white(s[..., 0], s[..., 1], s[..., 2], alpha),
                trns=struct.pack(">HHH", 10, 200, 30))

    for depth in (1, 2, 4, 8):
        colours = 2**depth
        palette = rng.integers(0, 256, (colours, 3))
        s = rng.integers(0, colours, (h, w, 1))
        rgb = palette[s[..., 0]]
        expected = grey_over_white(rgb[..., 0], rgb[..., 1], rgb[..., 2], opaque)
        png_fixture(f"palette-{depth}", s, 3, depth, expected, palette=palette)
        if depth == 4:
            png_fixture("palette-4-interlaced", s, 3, depth, expected, palette=palette, interlace=True)
        if depth == 8:
            # tRNS shorter than the palette: the remaining entries are opaque.
            alphas = rng.integers(0, 256, colours // 2)
            a = np.where(s[..., 0] < len(alphas), alphas[np.minimum(s[..., 0], len(alphas) - 1)], 255)
            png_fixture("palette-8-trns", s, 3, depth, grey_over_white(rgb[..., 0], rgb[..., 1], rgb[..., 2], a),
                        palette=palette, trns=bytes(alphas.astype(np.uint8)))

# ---------------------------------------------------------------------------------- JPEG

def block_pattern(width, height):
    """Asymmetric pattern of flat 16×16 blocks: JPEG stores flat, block-aligned areas almost
    exactly (chroma subsampling included), and any flip or rotation moves the levels around."""
    y, x = np.mgrid[0:height, 0:width]
    bx, by = x // 16, y // 16
    red = 20 + (bx * 67 + by * 29) % 215
    green = 20 + (bx * 31 + by * 83) % 215
    blue = 20 + (bx * 53 + by * 41) % 215
    return np.stack([red, green, blue], axis=2).astype(np.uint8)


def jpeg(image, quality=95, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()


def exif_segment(orientation, big_endian):
    """APP1 Exif with IFD0 holding Orientation (SHORT) plus one unrelated tag before it."""
    e = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    tiff += struct.pack(e + "H", 2)
    tiff += struct.pack(e + "HHI", 0x010F, 2, 4) + b"Cam\0"  # Make = "Cam", inline
    tiff += struct.pack(e + "HHIH", 0x0112, 3, 1, orientation) + b"\0\0"
    tiff += struct.pack(e + "I", 0)
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def with_segment(jpeg_bytes, segment):
    """Inserts a marker segment right after SOI (before Pillow's APP0)."""
    return jpeg_bytes[:2] + segment + jpeg_bytes[2:]


def stored_for(upright, orientation):
    """The stored pixels that a viewer applying `orientation` shows as `upright` (h, w[, c])."""
    transforms = {
        1: lambda a: a,
        2: lambda a: a[:, ::-1],
        3: lambda a: a[::-1, ::-1],
        4: lambda a: a[::-1, :],
        5: lambda a: a.swapaxes(0, 1),
        6: lambda a: np.rot90(a, 1),   # the viewer turns it 90° clockwise
        7: lambda a: np.rot90(a, 2).swapaxes(0, 1),
        8: lambda a: np.rot90(a, -1),  # the viewer turns it 90° counter-clockwise
    }
    return np.ascontiguousarray(transforms[orientation](upright))


def displayed(stored, orientation):
    """EXIF semantics (TIFF 6.0, tag 274): where the stored 0th row and column are shown."""
    h, w = stored.shape[:2]
    if orientation >= 5:
        out = np.empty((w, h) + stored.shape[2:], stored.dtype)
    else:
        out = np.empty_like(stored)
    oh, ow = out.shape[:2]
    for y in range(oh):
        for x in range(ow):
            sx, sy = {1: (x, y), 2: (w - 1 - x, y), 3: (w - 1 - x, h - 1 - y), 4: (x, h - 1 - y),
                      5: (y, x), 6: (y, h - 1 - x), 7: (w - 1 - y, h - 1 - x), 8: (w - 1 - y, x)}[orientation]
            out[y, x] = stored[sy, sx]
    return out


def luma(rgb):
    opaque = np.full(rgb.shape[:2], 255)
    return grey_over_white(rgb[..., 0], rgb[..., 1], rgb[..., 2], opaque)


def make_jpegs():
    rgb = block_pattern(64, 48)
    grey = luma(rgb)
    colour, mono = Image.fromarray(rgb, "RGB"), Image.fromarray(grey, "L")
    fixtures = {
        "baseline-420": jpeg(colour, subsampling=2),
        "baseline-444": jpeg(colour, subsampling=0),
        "progressive": jpeg(colour, subsampling=2, progressive=True),
        "grey": jpeg(mono),
        "grey-progressive": jpeg(mono, progressive=True),
    }
    # CMYK with K = 0: R = 255 - C and so on, whatever the conversion convention (Adobe, inverted).
    cmyk = np.concatenate([255 - rgb, np.zeros(rgb.shape[:2] + (1,), np.uint8)], axis=2)
    fixtures["cmyk"] = jpeg(Image.fromarray(cmyk, "CMYK"))
    for orientation in range(1, 9):
        stored = stored_for(rgb, orientation)
        assert (displayed(stored, orientation) == rgb).all()
        data = with_segment(jpeg(Image.fromarray(stored, "RGB")), exif_segment(orientation, orientation % 2 == 0))
        fixtures[f"orientation-{orientation}"] = data
    # Exif whose IFD offset points far outside the segment, then an entry count running past it:
    # both must be ignored (orientation 1), never read out of bounds.
    broken = b"Exif\0\0II*\0" + struct.pack("<I", 0x7FFFFFF0)
    fixtures["exif-bad-offset"] = with_segment(jpeg(colour), b"\xff\xe1" + struct.pack(">H", len(broken) + 2) + broken)
    broken = b"Exif\0\0MM\0*" + struct.pack(">IH", 8, 0xFFFF) + b"\x01\x12\x00\x03"
    fixtures["exif-bad-count"] = with_segment(jpeg(colour), b"\xff\xe1" + struct.pack(">H", len(broken) + 2) + broken)
    for name, data in fixtures.items():
        write(DECODE, name + ".jpg", data)
    write_pgm(os.path.join(DECODE, "block-pattern.pgm"), grey)

# ------------------------------------------------------------------------------- corrupt

def make_corrupt():
    h, w = 24, 40
    rgb = rng.integers(0, 256, (h, w, 3))
    good_png = png(rgb, 2, 8)
    write(CORRUPT, "empty.png", b"")
    write(CORRUPT, "truncated.png", good_png[: len(good_png) * 6 // 10])
    idat = good_png.index(b"IDAT")
    crc_at = idat + 4 + struct.unpack(">I", good_png[idat - 4: idat])[0]
    write(CORRUPT, "bad-crc.png", good_png[:crc_at] + bytes([good_png[crc_at] ^ 0xFF]) + good_png[crc_at + 1:])
    text = chunk(b"tEXt", b"Comment\0written by mathscan")
    text = text[:-1] + bytes([text[-1] ^ 0x01])
    write(CORRUPT, "bad-crc-ancillary.png", good_png[: idat - 4] + text + good_png[idat - 4:])
    garbage = bytes(rng.integers(0, 256, 200, dtype=np.uint8))
    write(CORRUPT, "bad-zlib.png", good_png[: idat - 4] + chunk(b"IDAT", garbage) + chunk(b"IEND", b""))
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    write(CORRUPT, "huge.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
          + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))

    good_jpeg = jpeg(Image.fromarray(block_pattern(64, 48), "RGB"))
    write(CORRUPT, "truncated.jpg", good_jpeg[: len(good_jpeg) * 6 // 10])
    sos = good_jpeg.index(b"\xff\xda")
    write(CORRUPT, "header-only.jpg", good_jpeg[:sos])
    write(CORRUPT, "no-image.jpg", good_jpeg[:sos] + b"\xff\xd9")
    # Garbage between two marker segments: only a warning to libjpeg ("extraneous bytes").
    write(CORRUPT, "extraneous-bytes.jpg", good_jpeg[:sos] + b"garbage" + good_jpeg[sos:])
    sof = good_jpeg.index(b"\xff\xc0")
    write(CORRUPT, "huge.jpg", good_jpeg[: sof + 5] + struct.pack(">HH", 60000, 60000) + good_jpeg[sof + 9:])
    dht = good_jpeg.index(b"\xff\xc4")
    # Symbol counts adding up to far more than the 256 a Huffman table can hold.
    write(CORRUPT, "bad-huffman.jpg", good_jpeg[: dht + 5] + b"\xff" * 16 + good_jpeg[dht + 21:])

    noise = bytes(rng.integers(0, 256, 256, dtype=np.uint8))
    assert not noise.startswith(b"\x89PNG") and not noise.startswith(b"\xff\xd8")
    write(CORRUPT, "random.bin", noise)
    write(CORRUPT, "text.png", b"This is a text file, not a PNG image.\n")


def make_bench_photos(directory):
    """4000×3000 paper under uneven light, twelve lines of ink scribbles, blur, warm tint, sensor noise."""
    rng = np.random.default_rng(7)
    h, w = 3000, 4000
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    paper = 235 - 40 * (x / w) * (y / h) - 15 * np.exp(-((x - 3000) ** 2 + (y - 800) ** 2) / 8e5)
    image = Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8), "L").convert("RGB")
    draw = ImageDraw.Draw(image)
    for line in range(12):
        cx, cy = 200, 200 + line * 230
        for _ in range(60):
            points = [(cx + rng.normal(0, 25), cy + rng.normal(0, 40)) for _ in range(6)]
            draw.line(points, fill=(30, 30, 60), width=int(rng.integers(5, 12)), joint="curve")
            cx += 60
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.2))).astype(np.float32)
    pixels += rng.normal(0, 4, pixels.shape) + np.array([6, 2, -8])
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    os.makedirs(directory, exist_ok=True)
    baseline = jpeg(photo, quality=90)
    write(directory, "photo-12mp.jpg", baseline)
    write(directory, "photo-12mp-progressive.jpg", jpeg(photo, quality=90, progressive=True))
    write(directory, "photo-12mp-rotated.jpg", with_segment(baseline, exif_segment(6, big_endian=False)))


if __name__ == "__main__" and sys.argv[1:2] == ["--bench-photo"]:
    make_bench_photos(sys.argv[2])
elif __name__ == "__main__":
    os.makedirs(DECODE, exist_ok=True)
    os.makedirs(CORRUPT, exist_ok=True)
    make_pngs()
    make_jpegs()
    make_corrupt()
