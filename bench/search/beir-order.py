#!/usr/bin/env python3
"""Reorders (and optionally cuts) a title -> abstract BEIR folder made by arxiv-beir.py.

    bench/search/beir-order.py SRC OUT KEEP [LIMIT] [SEED]

The corpus keeps its first KEEP documents in place (those already embedded by an interrupted
`dailypapers eval --work DIR`, which embeds in corpus order), then puts every judged document not yet
among them, then all others in a random order (SEED, default 20261129). Re-running the eval on OUT with
the same --work keeps the embeddings of the first KEEP documents, and the embedding then proceeds in
this order, so at any point the embedded prefix holds every judged document plus a random sample of
the rest. With LIMIT, the corpus is cut to its first LIMIT documents: the collection an eval can score
with the embeddings done so far. queries.jsonl and qrels.tsv are copied unchanged.
"""
import json
import os
import random
import shutil
import sys


def main(src, out, keep, limit=None, seed=20261129):
    with open(os.path.join(src, "corpus.jsonl"), encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    judged = set()
    with open(os.path.join(src, "qrels.tsv"), encoding="utf-8") as f:
        for row in list(f)[1:]:
            judged.add(row.split("\t")[1])
    head = lines[:keep]
    rest = lines[keep:]
    targets = [line for line in rest if json.loads(line)["_id"] in judged]
    others = [line for line in rest if json.loads(line)["_id"] not in judged]
    random.Random(seed).shuffle(others)
    ordered = head + targets + others
    if limit is not None:
        ordered = ordered[:limit]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(ordered)
    for name in ("queries.jsonl", "qrels.tsv"):
        shutil.copy(os.path.join(src, name), os.path.join(out, name))
    print(f"{len(ordered)} documents ({keep} kept in place, {len(targets)} judged moved up) -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:6]))
