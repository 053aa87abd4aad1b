"""Quarry shard sets on Ray.

Quarry keeps all analysis, scoring and merging; Ray runs the work. Every function here runs the
Quarry executables (``quarry-index``, ``quarry-query``, ``quarry-serve``) found through
``QUARRY_BIN`` (a folder) or ``PATH``:

- :func:`build_shard_set`: shards built as Ray tasks (``quarry-index build``), their statistics
  exported as tasks, merged on the driver, and the set's ``SHARDS.json`` written.
- :func:`run_batch`: a query set as tasks per shard and chunk of queries, scored with the set's
  statistics, merged on the driver (``quarry-query merge-runs``).
- :mod:`quarry_ray.serve`: one Ray Serve deployment per shard, each replica holding the shard
  open in a ``quarry-serve`` process, and an ingress that fans out and merges.
"""

from .routing import shard_of
from .tools import QuarryError, executable
from .build import build_shard_set
from .batch import run_batch

__all__ = ["shard_of", "QuarryError", "executable", "build_shard_set", "run_batch"]
