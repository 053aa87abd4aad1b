#!/usr/bin/env python3
"""Checks that documents show the example code a test compiles and runs, exactly.

Usage: doc-snippets.py TEST DOCUMENT...

The example is the lines of TEST between `// README example begins` and `// README example ends`,
without their common indentation; each DOCUMENT (Markdown) must hold it as one of its ```swift
blocks. Exits 1, naming the document, when one does not.
"""
import re
import sys
import textwrap

BEGIN = "// README example begins"
END = "// README example ends"


def example(path):
    """The example code of the test file at `path`, dedented."""
    text = open(path, encoding="utf-8").read()
    match = re.search(re.escape(BEGIN) + r"[^\n]*\n(.*?)^[ \t]*" + re.escape(END), text, re.S | re.M)
    if match is None:
        sys.exit(f"error: {path}: no '{BEGIN}' ... '{END}' lines")
    return textwrap.dedent(match.group(1)).strip("\n")


def swift_blocks(path):
    """The ```swift blocks of the Markdown file at `path`."""
    text = open(path, encoding="utf-8").read()
    return [block.strip("\n") for block in re.findall(r"^```swift\n(.*?)^```", text, re.S | re.M)]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    code = example(sys.argv[1])
    stale = [path for path in sys.argv[2:] if code not in swift_blocks(path)]
    for path in stale:
        print(f"error: {path}: no ```swift block is the example of {sys.argv[1]} (between '{BEGIN}' and '{END}')",
              file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
