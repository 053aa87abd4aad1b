"""Reading a shard set's manifest."""

import json
import os


class ShardSet:
    """A shard set's ``SHARDS.json``: its folder, shard folders and statistics file."""

    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        with open(os.path.join(self.folder, "SHARDS.json"), encoding="utf-8") as stream:
            self.manifest = json.load(stream)
        self.routing = self.manifest["routing"]
        self.shards = [entry["path"] if os.path.isabs(entry["path"]) else os.path.join(self.folder, entry["path"])
                       for entry in self.manifest["shards"]]
        self.statistics = os.path.join(self.folder, self.manifest["statistics"]["file"])
