"""Building a shard set with Ray tasks."""

import os

import ray

from .routing import split_by_ranges
from .tools import run


@ray.remote
def _build_shard(index, inputs, arguments):
    return run("quarry-index", "build", "--index", index, "--quiet", *arguments, *inputs)


@ray.remote
def _export_statistics(index, output):
    run("quarry-index", "export-stats", "--index", index, "--output", output)
    return output


def build_shard_set(inputs, folder, shards, routing="hash", build_arguments=()):
    """Builds a set of ``shards`` shards of the documents in ``inputs`` in ``folder``, each
    shard's build a Ray task, then exports each shard's statistics as a task, merges them on
    the driver (``quarry-index merge-stats``) and writes ``SHARDS.json`` (``quarry-index
    shard-set``). ``routing``: ``"hash"`` (each task reads all the input and keeps its
    documents, ``--shard i/S``) or ``"ranges"`` (JSON lines input split into contiguous ranges
    first; every shard then needs the same ``--schema``). ``build_arguments`` go to every
    ``quarry-index build`` (``--language``, ``--schema``, ``--threads`` ...). Returns the
    manifest's path."""
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    names = [f"shard-{i}" for i in range(shards)]
    if routing == "hash":
        jobs = [_build_shard.remote(os.path.join(folder, name), list(map(os.path.abspath, inputs)),
                                    [*build_arguments, "--shard", f"{i}/{shards}"]) for i, name in enumerate(names)]
    elif routing == "ranges":
        if "--schema" not in build_arguments:
            # Each part would infer its own schema from its own documents, and shards of one
            # set must have one.
            raise ValueError("a set split by ranges needs a schema file for every shard: pass --schema FILE")
        parts = split_by_ranges(inputs, shards, os.path.join(folder, "parts"))
        jobs = [_build_shard.remote(os.path.join(folder, name), [part], list(build_arguments)) for name, part in zip(names, parts)]
    else:
        raise ValueError(f"routing must be 'hash' or 'ranges', not {routing!r}")
    ray.get(jobs)
    stats = ray.get([_export_statistics.remote(os.path.join(folder, name), os.path.join(folder, f"{name}.stats")) for name in names])
    merged = os.path.join(folder, "merged.stats")
    run("quarry-index", "merge-stats", *stats, "--output", merged)
    run("quarry-index", "shard-set", "--set", folder, "--routing", routing, "--global-stats", merged, *names)
    for path in [*stats, merged]:
        os.remove(path)
    return os.path.join(folder, "SHARDS.json")
