#!/usr/bin/env python3
"""Measures, on the training writers' CROHME InkML, how the strokes of symbols the segmenter may
find as two marks lie: an i's or j's dot against its stem (LayoutParser.dotAcross, dotGap,
dotSize) and the two strokes of an x, X or \\times (ArcPairs.gap, heightShare, lineShare, aspect).

Usage: python3 scripts/measure-strokes.py /tmp/mathdata/TrainINKML

Only files of DataSplit's training part are read (as scripts/measure-layout.py, whose loading
and split it uses). Symbols of exactly two strokes; percentiles printed.
"""
import importlib.util, os, statistics, sys
import xml.etree.ElementTree as ET

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('measure_layout', os.path.join(here, 'measure-layout.py'))
layout = importlib.util.module_from_spec(spec); spec.loader.exec_module(layout)

def two_stroke_symbols(directory, labels):
    """The boxes (x0, y0, x1, y1) of the two strokes of each symbol of `labels`."""
    for dirpath, _, names in os.walk(directory):
        for name in sorted(names):
            if not name.endswith('.inkml'): continue
            path = os.path.join(dirpath, name)
            try: root = ET.parse(path).getroot()
            except Exception: continue
            writer = None
            for a in root.findall(layout.INK + 'annotation'):
                if a.get('type') == 'writer': writer = (a.text or '').strip()
            if layout.part(path, writer) != 'training': continue
            traces = {}
            for t in root.iter(layout.INK + 'trace'):
                points = [tuple(map(float, p.split()[:2])) for p in (t.text or '').split(',') if len(p.split()) >= 2]
                traces[t.get('id')] = points
            for g in root.iter(layout.INK + 'traceGroup'):
                label = None; refs = []
                for c in g:
                    if layout.local(c.tag) == 'annotation' and c.get('type') == 'truth': label = (c.text or '').strip()
                    elif layout.local(c.tag) == 'traceView': refs.append(c.get('traceDataRef'))
                if label not in labels or len(refs) != 2 or not all(traces.get(r) for r in refs): continue
                yield [(min(p[0] for p in traces[r]), min(p[1] for p in traces[r]),
                        max(p[0] for p in traces[r]), max(p[1] for p in traces[r])) for r in refs]

def show(name, values):
    cuts = statistics.quantiles(values, n=100)
    print(f'  {name:12} median {statistics.median(values):6.2f}   1st/5th/95th/99th percentiles '
          + ' '.join(f'{cuts[i]:.2f}' for i in (0, 4, 94, 98)))

def main(directory):
    across, gap, size = [], [], []
    for boxes in two_stroke_symbols(directory, {'i', 'j'}):
        dot, stem = sorted(boxes, key=lambda b: max(b[2] - b[0], b[3] - b[1]))
        height = stem[3] - stem[1]
        if height <= 0: continue
        across.append(((dot[0] + dot[2]) / 2 - (stem[0] + stem[2]) / 2) / height)
        gap.append((stem[1] - dot[3]) / height)
        size.append(max(dot[2] - dot[0], dot[3] - dot[1]) / height)
    print(f'i and j of two strokes: {len(across)} (in stem heights)')
    show('across', across); show('gap', gap); show('dot size', size)
    gaps, heights, lines, aspects = [], [], [], []
    for boxes in two_stroke_symbols(directory, {'x', 'X', '\\times'}):
        a, b = sorted(boxes)
        # Grown by the rendered pen (measure-layout.py's SIZE_PEN of the taller stroke), as a page's marks are.
        pen = layout.SIZE_PEN * max(a[3] - a[1], b[3] - b[1], 1)
        a, b = [(x0 - pen / 2, y0 - pen / 2, x1 + pen / 2, y1 + pen / 2) for x0, y0, x1, y1 in (a, b)]
        tall = max(a[3] - a[1], b[3] - b[1]); short = min(a[3] - a[1], b[3] - b[1])
        gaps.append((b[0] - a[2]) / tall)
        heights.append(short / tall)
        lines.append((min(a[3], b[3]) - max(a[1], b[1])) / short)
        aspects.append((max(a[2], b[2]) - a[0]) / (max(a[3], b[3]) - min(a[1], b[1])))
    print(f'x, X and \\times of two strokes: {len(gaps)} (left stroke first)')
    show('gap', gaps); show('height share', heights); show('line share', lines); show('aspect', aspects)

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/mathdata/TrainINKML')
