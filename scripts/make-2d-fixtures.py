#!/usr/bin/env python3
"""Composes the 2-D InkML fixtures of issue 15's examples from real handwritten CROHME symbols.

Each expression is written with the traces of one writer's symbols, taken unmodified (only moved
and scaled) from the CROHME 2016 training InkML, and placed to form the expression: scripts
raised and smaller, numerators and denominators over and under a bar, a radicand inside its root.
The writers are held out (DataSplit: HAMEX `departNNN` and MfrDB `UserNNN` with NNN odd), so no
model was trained on their handwriting. Prints the source of every symbol, for the fixtures' README.

    python3 scripts/make-2d-fixtures.py --data /tmp/mathdata/TrainINKML --out Tests/Fixtures/inkml
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2003/InkML}"

# Each symbol: (label, placement). Units: a digit is 100 high, its top at y = 0. Placement keys:
# h (uniform scale to this height) or w (uniform scale to this width, for flat symbols) or
# box=(w, h) (a root stretched over its radicand); top or cy (vertical centre); x (left edge) or
# cx (horizontal centre), else left of it is the previous symbol's right edge plus gap (default 25).
EXPRESSIONS = {
    "2d-power-letters": ("x ^ { 2 } + 3 x = 10", [
        ("x", dict(h=60, top=40)), ("2", dict(h=55, top=-30, gap=8)), ("+", dict(h=60, top=20, gap=35)),
        ("3", dict(h=100, top=0, gap=35)), ("x", dict(h=60, top=40, gap=12)), ("=", dict(w=70, cy=50, gap=35)),
        ("1", dict(h=100, top=0, gap=35)), ("0", dict(h=100, top=0))]),
    "2d-fractions": ("\\frac { 3 } { 4 } + \\frac { 1 } { 4 } = 1", [
        ("-", dict(w=90, cy=50, x=0)), ("3", dict(h=80, top=-45, cx=45)), ("4", dict(h=80, top=65, cx=45)),
        ("+", dict(h=60, top=20, x=130)), ("-", dict(w=90, cy=50, x=230)), ("1", dict(h=80, top=-45, cx=275)),
        ("4", dict(h=80, top=65, cx=275)), ("=", dict(w=70, cy=50, x=360)), ("1", dict(h=100, top=0, gap=40))]),
    "2d-root": ("\\sqrt { 16 } = 4", [
        ("\\sqrt", dict(box=(230, 140), top=-25, x=0)), ("1", dict(h=100, top=5, x=80)), ("6", dict(h=100, top=5)),
        ("=", dict(w=70, cy=55, x=270)), ("4", dict(h=100, top=5, gap=35))]),
    "2d-less": ("2 \\lt 5", [
        ("2", dict(h=100, top=0, x=0)), ("\\lt", dict(h=65, cy=50, gap=35)), ("5", dict(h=100, top=0, gap=35))]),
    "2d-not-equal": ("a \\neq b", [
        ("a", dict(h=60, top=40, x=0)), ("\\neq", dict(w=75, cy=50, gap=35)), ("b", dict(h=100, top=0, gap=35))]),
}

# A writer to use instead of the first that has every symbol (after a misreading, another
# writer's symbols are chosen here; the recognizer is never tuned to a fixture).
# 2 \lt 5: User001's flat < reads as a - (2 - 5); User035 is the next writer with all three symbols.
WRITERS = {"2d-less": "User035"}


def held_out(writer):
    match = re.fullmatch(r"(depart|User)(\d+)", writer or "")
    return bool(match) and int(match.group(2)[-1]) % 2 == 1


def read_symbols(path):
    """(writer, [(label, group id, [stroke points])]) of one InkML file."""
    root = ET.parse(path).getroot()
    writer = None
    for annotation in root.findall(NS + "annotation"):
        if annotation.get("type") == "writer":
            writer = (annotation.text or "").strip()
    traces = {}
    for trace in root.iter(NS + "trace"):
        points = []
        for point in (trace.text or "").strip().split(","):
            values = point.split()
            if len(values) >= 2:
                points.append((float(values[0]), float(values[1])))
        traces[trace.get("id")] = points
    symbols = []
    for group in root.iter(NS + "traceGroup"):
        label = next((a.text.strip() for a in group.findall(NS + "annotation") if a.get("type") == "truth" and a.text), None)
        refs = [view.get("traceDataRef") for view in group.findall(NS + "traceView")]
        if label and label != "Segmentation" and refs and all(ref in traces for ref in refs):
            group_id = group.get("{http://www.w3.org/XML/1998/namespace}id") or ""
            symbols.append((label, group_id, [traces[ref] for ref in refs]))
    return writer, symbols


def index(data):
    """writer → label → [(file, group id, strokes)], over the held-out writers' files."""
    writers = {}
    for folder in ("HAMEX", "MfrDB"):
        directory = os.path.join(data, folder)
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".inkml"):
                continue
            path = os.path.join(directory, name)
            try:
                writer, symbols = read_symbols(path)
            except ET.ParseError:
                continue  # a few files are not well-formed XML (a bare < in a truth annotation)
            if not held_out(writer):
                continue
            for label, group_id, strokes in symbols:
                writers.setdefault(writer, {}).setdefault(label, []).append((f"{folder}/{name}", group_id, strokes))
    return writers


def place(strokes, spec, cursor):
    xs = [x for stroke in strokes for x, _ in stroke]
    ys = [y for stroke in strokes for _, y in stroke]
    left, top, width, height = min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
    if "box" in spec:
        sx, sy = spec["box"][0] / max(width, 1e-9), spec["box"][1] / max(height, 1e-9)
    elif "w" in spec:
        sx = sy = spec["w"] / max(width, 1e-9)
    else:
        sx = sy = spec["h"] / max(height, 1e-9)
    w, h = width * sx, height * sy
    if "x" in spec:
        x0 = spec["x"]
    elif "cx" in spec:
        x0 = spec["cx"] - w / 2
    else:
        x0 = cursor + spec.get("gap", 25)
    y0 = spec["top"] if "top" in spec else spec["cy"] - h / 2
    moved = [[(x0 + (x - left) * sx, y0 + (y - top) * sy) for x, y in stroke] for stroke in strokes]
    return moved, x0 + w


def compose(name, truth, symbols, writers):
    labels = [label for label, _ in symbols]
    needed = {label: labels.count(label) for label in labels}
    candidates = [w for w in sorted(writers) if all(len(writers[w].get(l, [])) >= 1 for l in needed)]
    if not candidates:
        sys.exit(f"{name}: no held-out writer has all of {sorted(needed)}")
    writer = WRITERS.get(name, candidates[0])
    used = {}
    traces, groups, sources = [], [], []
    cursor = 0.0
    for label, spec in symbols:
        samples = writers[writer][label]
        sample = samples[used.get(label, 0) % len(samples)]  # a repeated symbol takes the next sample
        used[label] = used.get(label, 0) + 1
        moved, right = place(sample[2], spec, cursor)
        # The next symbol follows this one, unless this one is centred over or under a bar.
        cursor = max(cursor, right) if "cx" in spec else right
        ids = []
        for stroke in moved:
            ids.append(str(len(traces)))
            traces.append(stroke)
        groups.append((label, ids))
        sources.append(f"{label} {sample[0]}#{sample[1]}")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<ink xmlns="http://www.w3.org/2003/InkML">',
             '  <traceFormat><channel name="X" type="decimal"/><channel name="Y" type="decimal"/></traceFormat>',
             f'  <annotation type="truth">${truth}$</annotation>',
             # No writer annotation: a composed page is no writer's expression, and the held-out
             # measurements (end-to-end-report, evaluate --held-out-writers) must not count it.
             f'  <annotation type="source">composed by scripts/make-2d-fixtures.py from {writer}\'s symbols: '
             + "; ".join(sources).replace("&", "&amp;").replace("<", "&lt;") + '</annotation>']
    for index, stroke in enumerate(traces):
        lines.append(f'  <trace id="{index}">' + ", ".join(f"{x:.1f} {y:.1f}" for x, y in stroke) + "</trace>")
    lines.append('  <traceGroup xml:id="g"><annotation type="truth">Segmentation</annotation>')
    for number, (label, ids) in enumerate(groups):
        escaped = label.replace("&", "&amp;").replace("<", "&lt;")
        views = "".join(f'<traceView traceDataRef="{i}"/>' for i in ids)
        lines.append(f'    <traceGroup xml:id="g{number}"><annotation type="truth">{escaped}</annotation>{views}</traceGroup>')
    lines.append("  </traceGroup>")
    lines.append("</ink>")
    return "\n".join(lines) + "\n", writer, sources


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="CROHME TrainINKML folder (with HAMEX/ and MfrDB/)")
    parser.add_argument("--out", required=True, help="folder for the fixtures")
    args = parser.parse_args()
    writers = index(args.data)
    for name, (truth, symbols) in EXPRESSIONS.items():
        text, writer, sources = compose(name, truth, symbols, writers)
        with open(os.path.join(args.out, name + ".inkml"), "w") as file:
            file.write(text)
        print(f"{name}.inkml\t{truth}\t{writer}\t" + "; ".join(sources))


if __name__ == "__main__":
    main()
