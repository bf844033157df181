#!/usr/bin/env python3
"""Writes crohme-arithmetic-lines.tsv: the symbol boxes of every CROHME expression whose truth
uses only mathscan's arithmetic vocabulary (digits . + - \\times \\div = ( )), for
CrohmeLayoutTests. CROHME 2016 training and 2013 test InkML (CC BY-NC-SA 3.0).

Each row: source file, expected LaTeX (tokens spaced, numbers joined), then the pieces
`label x y width height` separated by "; ". An `=` drawn in two strokes becomes two `-`
pieces and a `÷` in three strokes a `-` and two `.`, as a segmenter that did not group them
would deliver. Ink has no thickness, so each box is grown by a pen width of 7% of the
expression's median digit height, as a rendered image would show it.

Usage: make-crohme-arithmetic-lines.py [/tmp/mathdata] > crohme-arithmetic-lines.tsv
"""
import glob, os, re, statistics, sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2003/InkML}'
VOCABULARY = set("0123456789") | {".", "+", "-", "\\times", "\\div", "=", "(", ")"}
PEN = 0.07


def tokens(latex):
    latex = latex.strip().strip('$')
    out = []
    i = 0
    while i < len(latex):
        if latex[i].isspace():
            i += 1
        elif latex[i] == '\\':
            match = re.match(r'\\[a-zA-Z]+', latex[i:])
            if not match:
                return None
            out.append(match.group(0))
            i += len(match.group(0))
        else:
            out.append(latex[i])
            i += 1
    return out


def is_number_part(token):
    return token.isdigit() or token == '.'


def read(path):
    root = ET.parse(path).getroot()
    truth = next((a.text for a in root.findall(NS + 'annotation') if a.get('type') == 'truth'), None)
    expected = tokens(truth or '')
    if not expected or any(t not in VOCABULARY for t in expected):
        return None
    traces = {}
    for trace in root.findall(NS + 'trace'):
        points = [p.split() for p in trace.text.strip().split(',')]
        traces[trace.get('id')] = [(float(p[0]), float(p[1])) for p in points if len(p) >= 2]
    symbols = []

    def walk(group):
        for sub in group.findall(NS + 'traceGroup'):
            label = next((a.text for a in sub.findall(NS + 'annotation') if a.get('type') == 'truth'), None)
            refs = [view.get('traceDataRef') for view in sub.findall(NS + 'traceView')]
            if label is not None and refs:
                symbols.append((label, refs))
            walk(sub)
    walk(root)
    if sorted(label for label, _ in symbols) != sorted(expected):
        return None

    def box(refs):
        points = [p for ref in refs for p in traces.get(ref, [])]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]

    pieces = []
    for label, refs in symbols:
        if label == '=' and len(refs) == 2:
            pieces += [['-'] + box([ref]) for ref in refs]
        elif label == '\\div' and len(refs) == 3:
            boxes = [box([ref]) for ref in refs]
            widest = max(range(3), key=lambda k: boxes[k][2])
            pieces += [['-' if k == widest else '.'] + boxes[k] for k in range(3)]
        else:
            pieces.append([label] + box(refs))
    heights = [p[4] for p in pieces if p[0].isdigit()] or [p[4] for p in pieces]
    pen = PEN * statistics.median(heights)
    for piece in pieces:
        piece[1] -= pen / 2
        piece[2] -= pen / 2
        piece[3] += pen
        piece[4] += pen
    joined = []
    for token in expected:
        if is_number_part(token) and joined and is_number_part(joined[-1][-1]):
            joined[-1] += token
        else:
            joined.append(token)
    return ' '.join(joined), pieces


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else '/tmp/mathdata'
    paths = sorted(glob.glob(f'{data}/TrainINKML/*/*.inkml') + glob.glob(f'{data}/TestINKMLGT/*.inkml'))
    for path in paths:
        try:
            line = read(path)
        except (ET.ParseError, ValueError):
            continue
        if line:
            expected, pieces = line
            described = '; '.join('%s %.5g %.5g %.5g %.5g' % tuple(p) for p in pieces)
            print(f'{os.path.relpath(path, data)}\t{expected}\t{described}')


if __name__ == '__main__':
    main()
