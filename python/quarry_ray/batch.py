"""Batch retrieval over a shard set with Ray tasks."""

import json
import os
import tempfile

import ray

from .shardset import ShardSet
from .tools import run


@ray.remote
def _shard_chunk(index, statistics, queries, window, arguments, output):
    run("quarry-query", "batch", "--index", index, "--queries", queries, "--k", window, "--format", "shard",
        "--exact-total", "--global-stats", statistics, "--threads", "1", *arguments, "--output", output)
    return output


def _chunks(queries, size, folder):
    """The query file ``queries`` (BEIR JSON lines or id<TAB>text) cut into files of ``size``
    queries, in order."""
    with open(queries, encoding="utf-8") as stream:
        lines = [line if line.endswith("\n") else line + "\n" for line in stream if line.strip()]
    paths = []
    for start in range(0, len(lines), size):
        path = os.path.join(folder, f"queries-{start // size}{os.path.splitext(queries)[1] or '.tsv'}")
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(lines[start:start + size])
        paths.append(path)
    return paths


def run_batch(set_folder, queries, output, k=10, offset=0, chunk_size=250, arguments=(), output_format="shard"):
    """Runs the query file ``queries`` over the shard set in ``set_folder``: a Ray task per
    shard and chunk of ``chunk_size`` queries (``quarry-query batch`` scored with the set's
    statistics, asked for ``offset + k``), each shard's chunks joined in order, and the shards'
    runs merged on the driver (``quarry-query merge-runs``) into ``output``: by score, then
    shard, then document number, ``offset`` skipped, ``k`` kept. ``arguments`` go to every
    batch (``--syntax``, ``--phrase``, ranking options). ``output_format``: ``"shard"`` (JSON
    lines, exact scores) or ``"trec"``."""
    shard_set = ShardSet(set_folder)
    with tempfile.TemporaryDirectory(prefix="quarry-ray-batch-") as work:
        chunks = _chunks(queries, chunk_size, work)
        jobs = {}
        for s, shard in enumerate(shard_set.shards):
            for c, chunk in enumerate(chunks):
                jobs[(s, c)] = _shard_chunk.remote(shard, shard_set.statistics, chunk, offset + k, list(arguments),
                                                   os.path.join(work, f"run-{s}-{c}.jsonl"))
        done = dict(zip(jobs.keys(), ray.get(list(jobs.values()))))
        runs = []
        for s in range(len(shard_set.shards)):
            path = os.path.join(work, f"shard-{s}.jsonl")
            with open(path, "w", encoding="utf-8") as out:
                for c in range(len(chunks)):
                    with open(done[(s, c)], encoding="utf-8") as part:
                        out.write(part.read())
            runs.append(path)
        run("quarry-query", "merge-runs", *runs, "--k", k, "--offset", offset, "--format", output_format, "--output", output)
    return output


def read_run(path):
    """A merged shard run as a list of per-query answers (dicts)."""
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]
