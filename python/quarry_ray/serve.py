"""Serving a shard set with Ray Serve.

One deployment per shard (``ShardServer``), each replica holding the shard open in a
long-running ``quarry-serve --global-stats`` process on a loopback port of its own, and an
ingress (``ShardSetIngress``) that asks every shard for ``offset + limit`` hits, merges them by
score, then shard, then document number (exactly one index's order), and keeps the snippets
each hit's own shard made. Ray Serve restarts a replica that dies; the ingress retries a
request on another replica of the shard in the meantime.
"""

import asyncio
import json
import os
import signal
import subprocess
import urllib.parse
import urllib.request

from ray import serve
from starlette.requests import Request
from starlette.responses import JSONResponse

from .shardset import ShardSet
from .tools import executable


@serve.deployment
class ShardServer:
    """A replica of one shard: a ``quarry-serve`` process scoring with the set's statistics."""

    def __init__(self, shard, index, statistics):
        self.shard = shard
        self.process = subprocess.Popen(
            [executable("quarry-serve"), "--index", index, "--global-stats", statistics, "--host", "127.0.0.1",
             "--port", "0", "--threads", "1", "--log-level", "warning"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if " at " not in line:
            raise RuntimeError(f"quarry-serve for shard {shard} did not start: {line}{self.process.stderr.read()}")
        address = line.split(" at ", 1)[1].split(";", 1)[0].strip()
        self.base = "http://" + address.split("//")[-1]

    def pid(self):
        """The replica's own process id (tests kill it)."""
        return os.getpid()

    def search(self, parameters):
        """The shard's answer to GET /search with ``parameters`` (a dict), as JSON."""
        url = self.base + "/search?" + urllib.parse.urlencode(parameters)
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return {"shard": self.shard, "status": 200, "body": json.load(response)}
        except urllib.error.HTTPError as error:
            return {"shard": self.shard, "status": error.code, "body": json.load(error)}

    def __del__(self):
        if getattr(self, "process", None) and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def merge(answers, offset, limit):
    """The shards' answers (in shard order) merged as one index would rank: hits by score, then
    shard, then document; ``offset`` skipped, ``limit`` kept; totals added."""
    hits = [(hit, answer["shard"]) for answer in answers for hit in answer["body"]["hits"]]
    hits.sort(key=lambda entry: (-entry[0]["score"], entry[1], entry[0]["document"]))
    chosen = [dict(hit, shard=shard) for hit, shard in hits[offset:offset + limit]]
    return {
        "hits": chosen,
        "offset": offset,
        "limit": limit,
        "total": sum(answer["body"]["total"] for answer in answers),
        "total_exact": all(answer["body"]["total_exact"] for answer in answers),
    }


@serve.deployment
class ShardSetIngress:
    """GET /?q=...&limit=&offset= over the whole set (other parameters go to every shard)."""

    def __init__(self, *shards):
        self.shards = shards

    async def _ask(self, handle, parameters):
        for attempt in range(5):
            try:
                return await handle.search.remote(parameters)
            except Exception:
                # A replica that died: Ray Serve routes the retry to another one.
                if attempt == 4:
                    raise
                await asyncio.sleep(0.2 * (attempt + 1))

    async def __call__(self, request: Request):
        parameters = dict(request.query_params)
        try:
            offset = int(parameters.pop("offset", "0"))
            limit = int(parameters.pop("limit", "10"))
        except ValueError:
            return JSONResponse({"message": "offset and limit must be whole numbers", "code": "invalid_search_parameter",
                                 "type": "invalid_request"}, status_code=400)
        if offset < 0 or limit < 0 or offset + limit > 1000:
            return JSONResponse({"message": "offset + limit must be from 0 to 1000", "code": "invalid_search_parameter",
                                 "type": "invalid_request"}, status_code=400)
        parameters.update({"offset": "0", "limit": str(offset + limit)})
        answers = await asyncio.gather(*(self._ask(handle, parameters) for handle in self.shards))
        for answer in answers:
            if answer["status"] != 200:
                return JSONResponse(answer["body"], status_code=answer["status"])
        return JSONResponse(dict(merge(answers, offset, limit), query=parameters.get("q", "")))


def application(set_folder, replicas=2):
    """The Ray Serve application of the shard set in ``set_folder``: ``replicas`` replicas of
    each shard behind one ingress."""
    shard_set = ShardSet(set_folder)
    shards = [ShardServer.options(name=f"shard-{i}", num_replicas=replicas, ray_actor_options={"num_cpus": 0})
              .bind(i, path, shard_set.statistics) for i, path in enumerate(shard_set.shards)]
    return ShardSetIngress.options(ray_actor_options={"num_cpus": 0}).bind(*shards)
