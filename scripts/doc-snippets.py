#!/usr/bin/env python3
"""Checks that the documentation shows code that is compiled and run, as it is.

Usage: doc-snippets.py exact TEST DOCUMENT...
       doc-snippets.py compiled DOCUMENT... --in SOURCE...

`exact`: the lines of TEST between `// README example begins` and `// README example ends`,
without their common indentation, must be one of each DOCUMENT's ```swift blocks, as they are.
`compiled`: every ```swift block of each DOCUMENT must be a run of consecutive lines of one
SOURCE (a test or an example, which the build compiles and the suite runs), compared without
indentation and blank lines.
Exits 1 when a document fails, naming it (and the block's first line).
"""
import re
import sys
import textwrap

BEGIN = "// README example begins"
END = "// README example ends"


def read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def example(path):
    """The example code of the test file at `path`, dedented."""
    match = re.search(re.escape(BEGIN) + r"[^\n]*\n(.*?)^[ \t]*" + re.escape(END), read(path), re.S | re.M)
    if match is None:
        sys.exit(f"error: {path}: no '{BEGIN}' ... '{END}' lines")
    return textwrap.dedent(match.group(1)).strip("\n")


def swift_blocks(path):
    """The ```swift blocks of the Markdown file at `path`."""
    return [block.strip("\n") for block in re.findall(r"^```swift\n(.*?)^```", read(path), re.S | re.M)]


def lines(text):
    """The non-blank lines of `text`, without indentation."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def contains(haystack, needle):
    """Whether `needle` is a run of consecutive items of `haystack`."""
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def exact(test, documents):
    """The documents that do not show `test`'s example as one of their blocks."""
    code = example(test)
    stale = [path for path in documents if code not in swift_blocks(path)]
    for path in stale:
        print(f"error: {path}: no ```swift block is the example of {test} (between '{BEGIN}' and '{END}')",
              file=sys.stderr)
    return stale


def compiled(documents, sources):
    """The documents with a block that is in none of `sources`."""
    compiled_lines = [lines(read(path)) for path in sources]
    failed = []
    for path in documents:
        for block in swift_blocks(path):
            if not any(contains(source, lines(block)) for source in compiled_lines):
                print(f"error: {path}: the ```swift block '{lines(block)[0]}' ... is in no test or example", file=sys.stderr)
                failed.append(path)
    return failed


def main():
    arguments = sys.argv[1:]
    if len(arguments) >= 3 and arguments[0] == "exact":
        return 1 if exact(arguments[1], arguments[2:]) else 0
    if len(arguments) >= 4 and arguments[0] == "compiled" and "--in" in arguments[2:]:
        split = arguments.index("--in")
        return 1 if compiled(arguments[1:split], arguments[split + 1:]) else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
