#!/usr/bin/env python3
"""Lists the public symbols of a module's symbol graph that have no doc comment; exits 1 if any.

Usage: undocumented-symbols.py DIR...   (folders holding MODULE*.symbols.json as swift-docc-plugin
extracts them, with swift-symbolgraph-extract; the module is the first file's)

Each line is `file:line: kind path`. Three kinds of symbol are not asked for a doc comment:
- symbols the compiler synthesizes into a conforming type from a protocol extension of another
  module (`!=`, `hashValue`, `localizedDescription`, ...: `::SYNTHESIZED::` in their identifier),
  which the code never declares;
- declarations the compiler makes implicitly (a derived `init(from:)` or `init(rawValue:)`, an
  enum's `==`): they have no place in the source;
- implementations of a standard-library or Foundation protocol's requirement that the symbol
  graph documents with the requirement's own comment (`description`, `init(rawValue:)`,
  `init(from:)`, `==`, `hash(into:)`, ...: a `docComment` whose `module` is that library): their
  meaning is the protocol's.
A doc comment of only blank lines counts as none.
"""
import glob
import json
import os
import sys


def symbols(directories):
    """Every symbol of every symbol-graph file in `directories`, and the module they document."""
    files = sorted(f for d in directories for f in glob.glob(os.path.join(d, "*.symbols.json")))
    if not files:
        sys.exit(f"error: no symbol graph (*.symbols.json) in {' '.join(directories)}")
    module = json.load(open(files[0]))["module"]["name"]
    for path in files:
        for symbol in json.load(open(path))["symbols"]:
            yield module, symbol


def documented(symbol, module):
    """Whether `symbol` has a doc comment of its own, or one inherited from another library."""
    comment = symbol.get("docComment")
    if comment is None:
        return False
    if comment.get("module", module) != module:
        return True
    return any(line["text"].strip() for line in comment.get("lines", []))


def place(symbol):
    """The declaration's file (relative to the current folder) and 1-based line."""
    location = symbol["location"]
    return os.path.relpath(location["uri"].removeprefix("file://")), location["position"]["line"] + 1


def main():
    missing = set()
    for module, symbol in symbols(sys.argv[1:]):
        synthesized = "::SYNTHESIZED::" in symbol["identifier"]["precise"] or "location" not in symbol
        if synthesized or documented(symbol, module):
            continue
        kind = symbol["kind"]["identifier"].removeprefix("swift.")
        missing.add((*place(symbol), kind, ".".join(symbol["pathComponents"])))
    for path, line, kind, name in sorted(missing):
        print(f"{path}:{line}: {kind} {name}")
    if missing:
        print(f"{len(missing)} public symbols without a doc comment", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
