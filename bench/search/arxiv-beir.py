#!/usr/bin/env python3
"""Builds a BEIR-layout folder for the title -> abstract task from the real arXiv and HF paper files.

    bench/search/arxiv-beir.py ../shared/data/arxiv-corpus.jsonl.gz ../shared/data/hf-daily-papers.jsonl.gz OUT [QUERIES] [SEED]

corpus.jsonl: every distinct paper (by arXiv id) that has an abstract, with an empty title and the
abstract as text (the title is left out of the index: it is the query). queries.jsonl: the titles of
QUERIES (default 1,000) papers sampled with SEED (default 20261129). qrels.tsv: each query -> its paper.
Also writes titles.tsv (id, title of the sampled papers) for the known-item check.
"""
import gzip
import json
import os
import random
import sys


def read(path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def main(arxiv, hf, out, queries=1000, seed=20261129):
    papers = {}
    # The arXiv crawl first: it has every abstract; HF records only add papers it lacks.
    for path in (arxiv, hf):
        for record in read(path):
            known = papers.get(record["id"])
            if known is None or not known["abstract"] and record.get("abstract"):
                papers[record["id"]] = {"title": record.get("title") or "", "abstract": record.get("abstract") or ""}
    ids = sorted(i for i, p in papers.items() if p["abstract"].strip() and p["title"].strip())
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as corpus:
        for i in ids:
            corpus.write(json.dumps({"_id": i, "title": "", "text": papers[i]["abstract"]}, ensure_ascii=False) + "\n")
    sample = sorted(random.Random(seed).sample(ids, queries))
    with open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8") as q, \
            open(os.path.join(out, "qrels.tsv"), "w", encoding="utf-8") as qrels, \
            open(os.path.join(out, "titles.tsv"), "w", encoding="utf-8") as titles:
        qrels.write("query-id\tcorpus-id\tscore\n")
        for i in sample:
            title = " ".join(papers[i]["title"].split())
            q.write(json.dumps({"_id": "q" + i, "text": title}, ensure_ascii=False) + "\n")
            qrels.write(f"q{i}\t{i}\t1\n")
            titles.write(f"{i}\t{title}\n")
    print(f"{len(papers)} distinct papers, {len(ids)} with title and abstract in the corpus, {queries} queries (seed {seed}) -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], *(int(a) for a in sys.argv[4:6]))
