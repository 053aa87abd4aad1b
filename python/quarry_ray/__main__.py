"""``python -m quarry_ray build|batch|serve``: shard sets on Ray from the command line."""

import argparse
import sys
import time

import ray

from .batch import run_batch
from .build import build_shard_set
from .tools import QuarryError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="quarry-ray", description="Quarry shard sets on Ray (local mode unless RAY_ADDRESS is set).")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build a shard set: shards as Ray tasks, statistics merged, SHARDS.json written")
    build.add_argument("--set", required=True, help="the set's folder")
    build.add_argument("--shards", type=int, required=True, help="how many shards")
    build.add_argument("--routing", choices=["hash", "ranges"], default="hash")
    build.add_argument("--language", default="en")
    build.add_argument("--schema", help="a schema file for every shard (needed with --routing ranges)")
    build.add_argument("inputs", nargs="+", help="files and folders to index (ranges: JSON lines)")
    batch = commands.add_parser("batch", help="a query set over a shard set: tasks per shard and chunk, merged exactly")
    batch.add_argument("--set", required=True)
    batch.add_argument("--queries", required=True)
    batch.add_argument("--k", type=int, default=10)
    batch.add_argument("--offset", type=int, default=0)
    batch.add_argument("--chunk", type=int, default=250, help="queries per task")
    batch.add_argument("--format", choices=["shard", "trec"], default="trec")
    batch.add_argument("--syntax", action="store_true", help="queries in the query language")
    batch.add_argument("--phrase", action="store_true", help="each query one phrase")
    batch.add_argument("--output", required=True)
    serve_command = commands.add_parser("serve", help="serve a shard set with Ray Serve until interrupted")
    serve_command.add_argument("--set", required=True)
    serve_command.add_argument("--replicas", type=int, default=2)
    serve_command.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args(argv)
    ray.init(log_to_driver=False)
    try:
        if arguments.command == "build":
            extra = ["--language", arguments.language] + (["--schema", arguments.schema] if arguments.schema else [])
            print(build_shard_set(arguments.inputs, arguments.set, arguments.shards, arguments.routing, extra))
        elif arguments.command == "batch":
            extra = ["--syntax"] * arguments.syntax + ["--phrase"] * arguments.phrase
            print(run_batch(arguments.set, arguments.queries, arguments.output, arguments.k, arguments.offset,
                            arguments.chunk, extra, arguments.format))
        else:
            from ray import serve
            from .serve import application
            serve.start(http_options={"host": "127.0.0.1", "port": arguments.port})
            serve.run(application(arguments.set, arguments.replicas), route_prefix="/")
            print(f"serving {arguments.set} at http://127.0.0.1:{arguments.port}/?q=...; stop with Ctrl-C", flush=True)
            while True:
                time.sleep(3600)
    except (QuarryError, ValueError) as error:
        print(f"quarry-ray: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
