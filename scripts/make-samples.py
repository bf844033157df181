#!/usr/bin/env python3
"""Renders samples/ from real CROHME handwriting of writers the shipped model never saw, and
writes each sample's .expected (and .known-failure where today's reading is wrong).

Usage: python3 scripts/make-samples.py [DATA_DIR] [MATHSCAN]
  DATA_DIR  holds TrainINKML/ (crohme2016-train-inkml.tar.xz) and TestINKMLGT/
            (crohme2013-valid-inkml.tar.xz) unpacked (default /tmp/mathdata)
  MATHSCAN  the built executable (default .build/release/mathscan)

The samples are every arithmetic-only expression of the held-out writers (HAMEX and MfrDB
writers with an odd number, never trained on; see the README) and the four arithmetic-only
expressions of CROHME 2013, half of them photo-like, plus worksheet pages stacked from them.
The expectation is computed here, independently of mathscan: the truth LaTeX in token form,
and the verdict from exact fractions (true also when a side written with k decimals equals the
other side rounded to k decimals, half away from zero). Where mathscan's reading differs, its
reading is written to NAME.known-failure: the sample stays, marked as a known failure.
"""
import glob, json, os, re, subprocess, sys, zlib
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = sys.argv[1:]
DATA = ARGS[0] if len(ARGS) > 0 else "/tmp/mathdata"
MATHSCAN = ARGS[1] if len(ARGS) > 1 else os.path.join(ROOT, ".build/release/mathscan")
OUT = os.environ.get("SAMPLES_OUT", os.path.join(ROOT, "samples"))

# Readable names for some sources (the README shows two of them); the rest are named by file.
NAMES = {
    "TrainINKML/HAMEX/formulaire007-equation010": "times-nested",
    "TrainINKML/HAMEX/formulaire021-equation040": "sum-85",
    "TrainINKML/HAMEX/formulaire029-equation015": "product-1260",
    "TrainINKML/HAMEX/formulaire009-equation040": "minus-brackets",
    "TrainINKML/HAMEX/formulaire011-equation006": "factorial-360",
    "TrainINKML/HAMEX/formulaire029-equation055": "product-4932",
    "TrainINKML/HAMEX/formulaire025-equation020": "minus-15322",
    "TrainINKML/HAMEX/formulaire027-equation041": "chain-times-minus",
    "TrainINKML/HAMEX/formulaire027-equation005": "divide-135-04",
    "TrainINKML/HAMEX/formulaire013-equation045": "product-33652",
    "TrainINKML/HAMEX/formulaire033-equation070": "sum-1693",
    "TrainINKML/HAMEX/formulaire037-equation050": "sum-104",
    "TrainINKML/HAMEX/formulaire031-equation068": "two-plus-two",
    "TrainINKML/HAMEX/formulaire021-equation025": "divide-167-19",
    "TrainINKML/HAMEX/formulaire003-equation005": "minus-78",
    "TrainINKML/HAMEX/formulaire035-equation001": "difference-6",
    "TrainINKML/MfrDB/MfrDB2237": "two-plus-three",
    "TrainINKML/MfrDB/MfrDB0724": "one-plus-one-three",
}
# Worksheet pages, one line per source; the first is the photo-like page the README grades.
WORKSHEETS = [
    ("worksheet-mixed", ["TrainINKML/HAMEX/formulaire015-equation070", "TrainINKML/HAMEX/formulaire003-equation055",
                         "TrainINKML/HAMEX/formulaire021-equation018", "TrainINKML/HAMEX/formulaire007-equation010"], True),
    ("worksheet-products", ["TrainINKML/HAMEX/formulaire029-equation055", "TrainINKML/HAMEX/formulaire013-equation045",
                            "TrainINKML/HAMEX/formulaire029-equation015"], False),
    ("worksheet-small-sums", ["TrainINKML/MfrDB/MfrDB2237", "TrainINKML/MfrDB/MfrDB0724",
                              "TrainINKML/HAMEX/formulaire031-equation068"], False),
]


def annotation(path, kind):
    text = open(path, encoding="utf-8", errors="replace").read()
    found = re.search(r'<annotation type="%s">(.*?)</annotation>' % kind, text, re.S)
    return found.group(1).strip() if found else ""


def truth(path):
    return annotation(path, "truth")


def held_out(source):
    """The README's rule: HAMEX and MfrDB writers with an odd number; CROHME 2013 writers."""
    if source.startswith("TestINKMLGT/"):
        return True
    number = re.findall(r"\d+", annotation(os.path.join(DATA, source + ".inkml"), "writer"))
    return bool(number) and int(number[0]) % 2 == 1 and re.search(r"/(HAMEX|MfrDB)/", source) is not None


def arithmetic(latex):
    return re.fullmatch(r"(\\times|\\div|[0-9.+\-=()\s])+", latex.strip().strip("$")) is not None


def sources():
    found = []
    for path in sorted(glob.glob(os.path.join(DATA, "TrainINKML", "*", "*.inkml"))
                       + glob.glob(os.path.join(DATA, "TestINKMLGT", "*.inkml"))):
        source = os.path.relpath(path, DATA)[:-len(".inkml")]
        if re.search(r"/(HAMEX|MfrDB)/|^TestINKMLGT/", source) and arithmetic(truth(path)) and held_out(source):
            found.append(source)
    return found


def tokens(latex):
    """CROHME truth → mathscan's token form: `3\\times(5+1)=18` → `3 \\times ( 5 + 1 ) = 18`."""
    latex = latex.strip().strip("$").replace("\\left", "").replace("\\right", "")
    out, number = [], ""
    for match in re.finditer(r"\\[a-z]+|[0-9.]|[-+=()]|\s", latex):
        token = match.group(0)
        if token.isspace():
            continue
        if re.fullmatch(r"[0-9.]", token):
            number += token
            continue
        if number:
            out.append(number)
            number = ""
        assert token in ("\\times", "\\div", "+", "-", "=", "(", ")"), token
        out.append(token)
    if number:
        out.append(number)
    return " ".join(out)


def value(side):
    expression = side.replace("\\times", "*").replace("\\div", "/")
    expression = re.sub(r"[0-9.]+", lambda m: 'Fraction("%s")' % m.group(0), expression)
    return eval(expression, {"Fraction": Fraction})


def rounded(x, digits):
    scale = Fraction(10) ** digits
    n = abs(x) * scale
    whole = int(n) + (1 if n - int(n) >= Fraction(1, 2) else 0)
    return Fraction(whole if x >= 0 else -whole) / scale


def verdict(token_form):
    sides = token_form.split(" = ")
    if len(sides) < 2:
        return "none"
    values = [value(s) for s in sides]

    def holds(a_text, a, b):
        if a == b:
            return True
        written = re.fullmatch(r"-? ?[0-9]+\.([0-9]+)", a_text.strip())
        return bool(written) and rounded(b, len(written.group(1))) == a

    pairs = zip(zip(sides, values), zip(sides[1:], values[1:]))
    return "true" if all(holds(ta, a, b) or holds(tb, b, a) for (ta, a), (tb, b) in pairs) else "false"


def name_of(source):
    return NAMES.get(source) or os.path.basename(source)


def reading(result):
    """mathscan's reading of one sample in the .expected form."""
    verdicts = {True: "true", False: "false", None: "none"}
    return [f"{line.get('latex') or ''} | {verdicts[line.get('verdict')]}" for line in result.get("lines") or []]


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*")):
        if old.endswith((".png", ".jpg", ".expected", ".known-failure")):
            os.remove(old)
    pages = [(name_of(s), [s], zlib.crc32(name_of(s).encode()) % 2 == 1) for s in sources()] + WORKSHEETS
    credits, images, expected = [], [], {}
    for name, page_sources, photo in pages:
        assert all(held_out(s) for s in page_sources), name
        paths = [os.path.join(DATA, s + ".inkml") for s in page_sources]
        command = [MATHSCAN, "render", *paths, "--out", OUT, "--name", name]
        if photo:
            command += ["--photo", "--seed", str(sum(map(ord, name)))]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        rows = []
        for path in paths:
            form = tokens(truth(path))
            rows.append(f"{form} | {verdict(form)}")
        expected[name] = rows
        with open(os.path.join(OUT, name + ".expected"), "w") as f:
            f.write("\n".join(rows) + "\n")
        image = f"{name}.{'jpg' if photo else 'png'}"
        images.append(os.path.join(OUT, image))
        credits.append([image, ", ".join(s + ".inkml" for s in page_sources),
                        ", ".join(annotation(p, "writer") or "?" for p in paths)])
    output = subprocess.run([MATHSCAN, "recognize", "--json", *images], capture_output=True, text=True).stdout
    failures = 0
    for image, line, credit in zip(images, output.splitlines(), credits):
        name = os.path.splitext(os.path.basename(image))[0]
        read = reading(json.loads(line))
        if read != expected[name]:
            failures += 1
            credit.append("known failure")
            with open(os.path.join(OUT, name + ".known-failure"), "w") as f:
                f.write("\n".join(read) + "\n")
    table = "\n".join("| `%s` | %s | %s | %s |" % (c[0], c[1], c[2], c[3] if len(c) > 3 else "") for c in credits)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# Samples\n\nReal handwriting of writers the shipped model never saw, rendered from CROHME InkML\n"
                "(TC-11, CC BY-NC-SA 3.0) by `python3 scripts/make-samples.py`: every arithmetic-only expression\n"
                "of the held-out HAMEX and MfrDB writers (see the README's hold-out rule) and of CROHME 2013,\n"
                "and worksheet pages stacked from them. `.jpg` files are photo-like renderings. `NAME.expected`\n"
                "holds the truth, one row per line of writing: `LATEX | VERDICT`. Where the current model and\n"
                "segmenter read a sample wrong, `NAME.known-failure` holds today's reading in the same form;\n"
                f"the golden test checks both. {failures} of {len(images)} are known failures.\n\n"
                "| sample | CROHME source | writer | |\n|---|---|---|---|\n" + table + "\n")
    print(f"{len(images)} samples, {failures} known failures")


if __name__ == "__main__":
    main()
