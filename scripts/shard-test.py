"""The shard-set test (scripts/shard-test runs it): a collection split into 4 shards twice, by
contiguous ranges and by hash(id), built and searched through python/quarry_ray on Ray in local
mode, must rank exactly as one index of all its documents:

- the set's statistics (documents, per-field document counts and length sums, every term's
  document frequency and title-only count), read from global.stats by a reader of the format
  written here from docs/FORMAT.md, equal the single index's (quarry-index export-stats);
- for the keyword queries, the phrases, and boolean, field, prefix, fuzzy and date queries, at
  k=10 and at k=10 after offset 10, the merged ids, scores (compared exactly) and order and the
  totals equal the single index's (the hash split is compared with an index built from the
  shards' documents in shard order, since equal scores order by document number);
- negative controls: without the set's statistics the shards rank otherwise; a shard changed
  after its statistics were made refuses them;
- Ray Serve on 127.0.0.1, 4 shards x 2 replicas, answers a loop of queries as one index's
  server does, also after a replica (and its quarry-serve) is killed.

Usage: python scripts/shard-test.py --bin DIR [--data DIR] --work DIR
(DIR of --data holds corpus.jsonl[.gz], queries.jsonl, phrases.jsonl; without it, a seeded
collection is made of corpus/'s words: its articles and 6,000 documents of Zipfian words, with
sources and dates, 500 keyword queries and 300 phrases taken from it.)
"""

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import ray  # noqa: E402
import quarry_ray  # noqa: E402
from quarry_ray.batch import read_run  # noqa: E402
from quarry_ray.routing import shard_of  # noqa: E402
from quarry_ray.tools import run  # noqa: E402

SCHEMA = {"fields": [{"name": "source", "type": "keyword"}, {"name": "date", "type": "date"}]}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, flush=True)


# --- A reader of the statistics file, from docs/FORMAT.md (not from the Swift code) ---

class Reader:
    def __init__(self, data):
        self.data = data
        self.at = 0

    def byte(self):
        value = self.data[self.at]
        self.at += 1
        return value

    def vint(self):
        value, shift = 0, 0
        while True:
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    def raw(self, count):
        value = self.data[self.at:self.at + count]
        self.at += count
        return value

    def bytes(self):
        return self.raw(self.vint())


def read_statistics(path):
    """N, {field: (documents, length)}, {field: {term: (documents, titleOnly)}}, shards."""
    with open(path, "rb") as stream:
        data = stream.read()
    assert data[:4] == b"QRRY" and data[4:8] == b"STAT" and data[-8:-4] == b"YRRQ", path
    reader = Reader(data[28:-8])
    reader.bytes(), reader.bytes(), reader.byte(), reader.byte()  # settings
    for _ in range(reader.vint()):  # schema
        reader.bytes()
        reader.byte()
        flags = reader.byte()
        reader.raw(8)
        if flags & 4:
            reader.bytes()
    languages = [reader.bytes().decode() for _ in range(reader.vint())]
    shards = []
    for _ in range(reader.vint()):
        generation = reader.vint()
        fingerprint = struct.unpack("<I", reader.raw(4))[0]
        shards.append((generation, fingerprint, reader.vint()))
    documents = reader.vint()
    fields, terms = {}, {}
    for _ in range(reader.vint()):
        number = reader.byte()
        fields[number] = (reader.vint(), reader.vint())
        table, previous = {}, b""
        for _ in range(reader.vint()):
            shared = reader.vint()
            term = previous[:shared] + reader.bytes()
            table[term] = (reader.vint(), reader.vint())
            previous = term
        terms[number] = table
    assert reader.at == len(reader.data), "bytes after the last field"
    return documents, fields, terms, languages, shards


# --- Data ---

def documents(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return [line for line in stream if line.strip()]


def identifier(line):
    document = json.loads(line)
    return str(document.get("_id", document.get("id")))


def seeded_collection(folder, seed=11):
    """corpus/articles.jsonl and 6,000 documents of its words drawn Zipfian (titles, sources,
    dates), with keyword queries of
    1-4 words (rare to common) and phrases of 2-4 words copied from documents."""
    generator = random.Random(seed)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    articles = documents(os.path.join(root, "corpus", "articles.jsonl"))
    words = sorted({w for line in articles for w in re.findall(r"[a-z]{3,}", (json.loads(line).get("title", "") + " "
                                                                          + json.loads(line).get("text", "")).lower())})
    generator.shuffle(words)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    sources = ["express-and-star", "bbc", "council", "ofsted", "gazette"]
    os.makedirs(folder, exist_ok=True)
    lines = list(articles)
    for i in range(6000):
        body = generator.choices(words, weights, k=int(generator.lognormvariate(4.0, 0.6)) + 1)
        document = {"id": f"syn-{i}", "title": " ".join(generator.choices(words, weights, k=generator.randint(2, 9))),
                    "text": " ".join(body), "source": generator.choice(sources),
                    "date": f"{generator.randint(1995, 2024)}-{generator.randint(1, 12):02d}-{generator.randint(1, 28):02d}"}
        lines.append(json.dumps(document) + "\n")
    with open(os.path.join(folder, "corpus.jsonl"), "w", encoding="utf-8") as out:
        out.writelines(lines)
    with open(os.path.join(folder, "queries.jsonl"), "w", encoding="utf-8") as out:
        for q in range(500):
            picked = [words[min(len(words) - 1, int(generator.paretovariate(0.7)) - 1)] for _ in range(generator.randint(1, 4))]
            out.write(json.dumps({"_id": f"q{q:04d}", "text": " ".join(picked)}) + "\n")
    with open(os.path.join(folder, "phrases.jsonl"), "w", encoding="utf-8") as out:
        for p in range(300):
            tokens = json.loads(generator.choice(lines))["text"].lower().split()
            length = generator.randint(2, 4)
            start = generator.randrange(max(1, len(tokens) - length))
            out.write(json.dumps({"_id": f"p{p:04d}", "text": " ".join(tokens[start:start + length])}) + "\n")
    return folder


def structured_queries(lines, count, seed):
    """Boolean, field, prefix, fuzzy and date queries made of the collection's own words."""
    generator = random.Random(seed)
    words = []
    for line in generator.sample(lines, min(400, len(lines))):
        document = json.loads(line)
        words += [w for w in re.findall(r"[a-z]{4,}", (document.get("title", "") + " " + document.get("text", "")).lower())]
    sources = sorted({json.loads(line).get("source") for line in lines[:2000]} - {None})
    shapes = [
        lambda w: f"+{w()} {w()}", lambda w: f"{w()} -{w()}", lambda w: f"({w()} OR {w()}) AND {w()}",
        lambda w: f"title:{w()} {w()}", lambda w: f"{w()[:4]}* {w()}", lambda w: f"{w()}~1 {w()}",
        lambda w: f"{w()} date:>=1987-03-10", lambda w: f"\"{w()} {w()}\" {w()}", lambda w: f"{w()}^2 {w()} {w()}",
    ]
    if sources:
        shapes.append(lambda w: f"source:{generator.choice(sources)} {w()} {w()}")
    return [(f"s{i:04d}", shapes[i % len(shapes)](lambda: generator.choice(words))) for i in range(count)]


# --- Comparisons ---

def single_run(index, queries, k, offset, arguments, output):
    """The single index's answers: top offset + k, the first offset dropped."""
    run("quarry-query", "batch", "--index", index, "--queries", queries, "--k", k + offset, "--format", "shard",
        "--exact-total", "--threads", "1", *arguments, "--output", output)
    answers = read_run(output)
    for answer in answers:
        answer["hits"] = answer["hits"][offset:]
    return answers


def compare(label, expected, merged):
    check(len(expected) == len(merged), f"{label}: {len(merged)} answers, expected {len(expected)}")
    wrong = 0
    for want, got in zip(expected, merged):
        same = (want["query"] == got["query"] and want["total"] == got["total"]
                and [(h["id"], h["score"]) for h in want["hits"]] == [(h["id"], h["score"]) for h in got["hits"]])
        if not same:
            wrong += 1
            if wrong <= 3:
                print(f"  {label}: query {want['query']}: expected {want['total']} "
                      f"{[(h['id'], h['score']) for h in want['hits'][:3]]}, got {got['total']} "
                      f"{[(h['id'], h['score']) for h in got['hits'][:3]]}")
    hits = sum(len(answer["hits"]) for answer in expected)
    check(wrong == 0, f"{label}: {wrong} of {len(expected)} queries differ")
    print(f"{label}: {len(expected)} queries, {hits} hits, {wrong} differ", flush=True)
    return hits


def compare_statistics(label, single_stats, set_folder):
    documents_a, fields_a, terms_a, languages_a, _ = read_statistics(single_stats)
    documents_b, fields_b, terms_b, languages_b, shards = read_statistics(os.path.join(set_folder, "global.stats"))
    check(len(shards) == 4, f"{label}: the set's statistics count {len(shards)} shards")
    check(documents_a == documents_b, f"{label}: N {documents_b}, one index {documents_a}")
    check(fields_a == fields_b, f"{label}: per-field sums {fields_b}, one index {fields_a}")
    check(languages_a == languages_b, f"{label}: languages {languages_b}, one index {languages_a}")
    for field in sorted(set(terms_a) | set(terms_b)):
        a, b = terms_a.get(field, {}), terms_b.get(field, {})
        differing = [term for term in set(a) | set(b) if a.get(term) != b.get(term)]
        check(not differing, f"{label}: field {field}: {len(differing)} terms' frequencies differ, e.g. {differing[:3]}")
    print(f"{label}: N {documents_b}, fields {fields_b}, {sum(len(t) for t in terms_b.values())} term entries equal one index's",
          flush=True)


def query_sets(data, work, lines):
    keyword = os.path.join(data, "queries.jsonl")
    phrases = os.path.join(data, "phrases.jsonl")
    structured = os.path.join(work, "structured.tsv")
    with open(structured, "w", encoding="utf-8") as out:
        for qid, text in structured_queries(lines, 300, 17):
            out.write(f"{qid}\t{text}\n")
    return [("keyword", keyword, []), ("phrase", phrases, ["--phrase"]), ("structured", structured, ["--syntax"])]


def check_split(label, set_folder, single, sets, work):
    for name, queries, arguments in sets:
        for offset in (0, 10):
            expected = single_run(single, queries, 10, offset, arguments, os.path.join(work, f"single-{label}-{name}-{offset}.jsonl"))
            merged_path = quarry_ray.run_batch(set_folder, queries, os.path.join(work, f"merged-{label}-{name}-{offset}.jsonl"),
                                               k=10, offset=offset, arguments=arguments)
            compare(f"{label} {name} k=10 offset={offset}", expected, read_run(merged_path))


# --- Serving ---

def start_server(index, work):
    process = subprocess.Popen([quarry_ray.executable("quarry-serve"), "--index", index, "--port", "0", "--threads", "1",
                                "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    address = line.split(" at ", 1)[1].split(";", 1)[0].strip()
    return process, "http://" + address.split("//")[-1]


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def check_serving(set_folder, single, keyword_file, phrase_file):
    from ray import serve
    from quarry_ray.serve import application

    queries = [json.loads(line)["text"] for line in open(keyword_file, encoding="utf-8")][:60]
    queries += ['"' + json.loads(line)["text"] + '"' for line in open(phrase_file, encoding="utf-8")][:20]
    reference, base = start_server(single, None)
    try:
        serve.start(http_options={"host": "127.0.0.1", "port": 8765})
        serve.run(application(set_folder, replicas=2), name="quarry", route_prefix="/")

        def loop(label):
            wrong = 0
            for text in queries:
                for offset in (0, 10):
                    parameters = urllib.parse.urlencode({"q": text, "limit": 10, "offset": offset, "exact_total": "true"})
                    want = get(f"{base}/search?{parameters}")
                    got = get(f"http://127.0.0.1:8765/?{parameters}")
                    if ([(h["id"], h["score"]) for h in want["hits"]] != [(h["id"], h["score"]) for h in got["hits"]]
                            or want["total"] != got["total"]):
                        wrong += 1
                    elif want["hits"] and want["hits"][0].get("snippet") != got["hits"][0].get("snippet"):
                        wrong += 1
            check(wrong == 0, f"serving {label}: {wrong} of {2 * len(queries)} answers differ from one index's server")
            print(f"serving {label}: {2 * len(queries)} answers, {wrong} differ", flush=True)

        loop("4 shards x 2 replicas")
        handle = serve.get_deployment_handle("shard-1", app_name="quarry")
        pid = handle.pid.remote().result()
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for child in children:
            os.kill(int(child), signal.SIGKILL)
        os.kill(pid, signal.SIGKILL)
        print(f"killed replica {pid} of shard 1 and its quarry-serve {children}", flush=True)
        time.sleep(1)
        loop("after a replica was killed")
    finally:
        serve.shutdown()
        reference.terminate()
        reference.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--data")
    parser.add_argument("--work", required=True)
    arguments = parser.parse_args()
    os.environ["QUARRY_BIN"] = os.path.abspath(arguments.bin)
    work = os.path.abspath(arguments.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    data = arguments.data or seeded_collection(os.path.join(work, "collection"))
    corpus = next(os.path.join(data, name) for name in ("corpus.jsonl.gz", "corpus.jsonl")
                  if os.path.exists(os.path.join(data, name)))
    lines = documents(corpus)
    print(f"collection {corpus}: {len(lines)} documents", flush=True)
    schema = os.path.join(work, "schema.json")
    with open(schema, "w") as out:
        json.dump(SCHEMA, out)
    build = ["--language", "en", "--schema", schema, "--threads", "1"]
    started = time.time()
    ray.init(num_cpus=2, log_to_driver=False, include_dashboard=False)
    try:
        sets = query_sets(data, work, lines)
        single = os.path.join(work, "single")
        run("quarry-index", "build", "--index", single, "--quiet", *build, corpus)
        run("quarry-index", "export-stats", "--index", single, "--output", os.path.join(work, "single.stats"))

        # Contiguous ranges: one index of the collection in its order is the reference.
        ranges = os.path.join(work, "ranges")
        quarry_ray.build_shard_set([corpus], ranges, 4, routing="ranges", build_arguments=build)
        run("quarry-index", "verify", "--shards", os.path.join(ranges, "SHARDS.json"))
        compare_statistics("ranges", os.path.join(work, "single.stats"), ranges)
        check_split("ranges", ranges, single, sets, work)

        # Hash routing: the reference is an index of the shards' documents in shard order.
        hashed = os.path.join(work, "hash")
        quarry_ray.build_shard_set([corpus], hashed, 4, routing="hash", build_arguments=build)
        run("quarry-index", "verify", "--shards", os.path.join(hashed, "SHARDS.json"))
        in_shard_order = os.path.join(work, "in-shard-order.jsonl")
        with open(in_shard_order, "w", encoding="utf-8") as out:
            for shard in range(4):
                out.writelines(line for line in lines if shard_of(identifier(line), 4) == shard)
        manifest = json.load(open(os.path.join(hashed, "SHARDS.json")))
        counts = [sum(1 for line in lines if shard_of(identifier(line), 4) == shard) for shard in range(4)]
        check([entry["documents"] for entry in manifest["shards"]] == counts,
              f"hash routing in Python gives {counts}, the shards hold {[e['documents'] for e in manifest['shards']]}")
        ordered = os.path.join(work, "single-hash-order")
        run("quarry-index", "build", "--index", ordered, "--quiet", *build, in_shard_order)
        run("quarry-index", "export-stats", "--index", ordered, "--output", os.path.join(work, "ordered.stats"))
        compare_statistics("hash", os.path.join(work, "ordered.stats"), hashed)
        check_split("hash", hashed, ordered, sets, work)

        # Negative control 1: each shard's own statistics rank otherwise.
        keyword = sets[0][1]
        own = []
        for s in range(4):
            path = os.path.join(work, f"own-{s}.jsonl")
            run("quarry-query", "batch", "--index", os.path.join(ranges, f"shard-{s}"), "--queries", keyword, "--k", 10,
                "--format", "shard", "--exact-total", "--output", path)
            own.append(path)
        run("quarry-query", "merge-runs", *own, "--k", 10, "--format", "shard", "--output", os.path.join(work, "own.jsonl"))
        expected = single_run(single, keyword, 10, 0, [], os.path.join(work, "single-control.jsonl"))
        differing = sum(1 for want, got in zip(expected, read_run(os.path.join(work, "own.jsonl")))
                        if [h["score"] for h in want["hits"]] != [h["score"] for h in got["hits"]])
        check(differing > len(expected) // 2, f"without the set's statistics only {differing} of {len(expected)} queries differ")
        print(f"control: without the set's statistics {differing} of {len(expected)} queries rank otherwise", flush=True)

        # Negative control 2: a shard changed after the statistics were made refuses them.
        changed = os.path.join(work, "changed-shard")
        shutil.copytree(os.path.join(ranges, "shard-0"), changed)
        extra = os.path.join(work, "extra.jsonl")
        with open(extra, "w") as out:
            out.write(json.dumps({"_id": "extra-1", "title": "an extra document", "text": "cocoa"}) + "\n")
        run("quarry-index", "add", "--index", changed, "--quiet", extra)
        refused = subprocess.run([quarry_ray.executable("quarry-query"), "search", "--index", changed, "--global-stats",
                                  os.path.join(ranges, "global.stats"), "cocoa"], capture_output=True, text=True)
        check(refused.returncode != 0 and "do not count this index's commit" in refused.stderr,
              f"stale statistics were not refused: {refused.returncode} {refused.stderr.strip()}")
        print(f"control: stale statistics refused: {refused.stderr.strip()[:160]}", flush=True)

        check_serving(hashed, ordered, keyword, sets[1][1])
    finally:
        ray.shutdown()
    print(f"shard test: {len(failures)} failures, {time.time() - started:.0f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
