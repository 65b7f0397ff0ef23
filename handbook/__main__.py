"""``python -m handbook``: print the built book (``_build/html``) as the facilitator handbook PDF.

Build the book first (``./run.sh build``); ``./run.sh handbook`` does both.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .printing import make_handbook

ROOT = Path(__file__).resolve().parent.parent
#: Inside the built site, so the published book can link to it (book/index.md does).
DEFAULT_PDF = Path("handbook") / "learning-circles-handbook.pdf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's sources (the folder with _toc.yml)")
    parser.add_argument("--built", type=Path, help="the built site (default: ROOT/_build/html)")
    parser.add_argument("--out", type=Path, help=f"the PDF (default: BUILT/{DEFAULT_PDF})")
    args = parser.parse_args(argv)
    built = args.built or args.root / "_build" / "html"
    if not (built / "book" / "index.html").exists():
        print(f"handbook: no built book in {built}: run ./run.sh build first", file=sys.stderr)
        return 1
    out = args.out or built / DEFAULT_PDF
    # The combined HTML stays outside the published site (it is a working file of the print).
    handbook = make_handbook(args.root, built, out, work=args.root / "_build" / "handbook")
    for docname in handbook.missing_paper:
        print(f"handbook: warning: {docname} has no paper version (paper.yml in its activity package)",
              file=sys.stderr)
    print(f"Handbook: {handbook.pdf} ({handbook.pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
