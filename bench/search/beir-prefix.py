#!/usr/bin/env python3
"""Cuts a BEIR folder to the first N documents of its corpus and the queries judged on them.

    bench/search/beir-prefix.py SRC OUT N

`dailypapers eval --work DIR` embeds the collection in corpus order and keeps what it embedded when
interrupted, so the first N documents (N = rows in DIR's paper_embeddings) form a smaller collection
that eval scores without embedding anything more: run it on a copy of DIR cut to those papers
(docs/benchmarks.md shows the commands). Judgments on documents past N, and queries left without any,
are dropped.
"""
import json
import os
import sys


def main(src, out, n):
    with open(os.path.join(src, "corpus.jsonl"), encoding="utf-8") as f:
        corpus = [line for line in f if line.strip()][:n]
    kept = {json.loads(line)["_id"] for line in corpus}
    with open(os.path.join(src, "qrels.tsv"), encoding="utf-8") as f:
        header, *rows = list(f)
    rows = [row for row in rows if row.split("\t")[1] in kept]
    judged = {row.split("\t")[0] for row in rows}
    with open(os.path.join(src, "queries.jsonl"), encoding="utf-8") as f:
        queries = [line for line in f if line.strip() and json.loads(line)["_id"] in judged]
    os.makedirs(out, exist_ok=True)
    for name, lines in (("corpus.jsonl", corpus), ("qrels.tsv", [header, *rows]), ("queries.jsonl", queries)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.writelines(lines)
    print(f"{len(corpus)} documents, {len(queries)} judged queries -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
