"""Quarry's routing rule for hash-routed shard sets, and splitting input by ranges."""

import gzip
import os


def shard_of(document_id, count):
    """The shard of ``count`` that holds ``document_id``: the 64-bit FNV-1a of its UTF-8 bytes
    mod ``count`` (Quarry's ``ShardRoute``)."""
    value = 0xCBF29CE484222325
    for byte in document_id.encode("utf-8"):
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value % count


def _lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield line if line.endswith("\n") else line + "\n"


def split_by_ranges(paths, count, folder):
    """Writes the JSON lines of ``paths`` (plain or gzipped), in order, as ``count`` files of
    contiguous ranges (as equal as lines allow) in ``folder``; returns their paths."""
    lines = [line for path in paths for line in _lines(path)]
    os.makedirs(folder, exist_ok=True)
    parts = []
    for shard in range(count):
        part = os.path.join(folder, f"part-{shard}.jsonl")
        with open(part, "w", encoding="utf-8") as out:
            out.writelines(lines[shard * len(lines) // count:(shard + 1) * len(lines) // count])
        parts.append(part)
    return parts
