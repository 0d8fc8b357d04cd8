"""Baseline search: SQLite FTS5 on the records the Sickle pipeline stored, same queries.

    fts5_search.py DB QUERIES_JSON --threads N --seconds S

QUERIES_JSON is a list of {"kind", "match", "country", "eqf"}. Each thread opens its own
connection and loops over the queries of one kind for S seconds: the 20 best hits by
bm25 with a snippet, plus the exact total (what the clearinghouse's search answers, less
its facets). Prints one JSON line per kind: queries, QPS, p50 and p99 in ms.
"""

import argparse
import json
import sqlite3
import sys
import threading
import time

HITS = (
    "SELECT upstream_id, title, snippet(credentials, 1, '<b>', '</b>', '…', 12) "
    "FROM credentials WHERE credentials MATCH ?{filter} ORDER BY rank LIMIT 20"
)
TOTAL = "SELECT count(*) FROM credentials WHERE credentials MATCH ?{filter}"


def statements(query):
    clauses, parameters = "", [query["match"]]
    if query.get("country"):
        clauses += " AND country = ?"
        parameters.append(query["country"])
    if query.get("eqf"):
        clauses += " AND eqf = ?"
        parameters.append(query["eqf"])
    return HITS.format(filter=clauses), TOTAL.format(filter=clauses), parameters


def worker(path, queries, deadline, offset, latencies):
    database = sqlite3.connect(path, check_same_thread=False)
    prepared = [statements(q) for q in queries]
    at = offset
    while time.perf_counter() < deadline:
        hits, total, parameters = prepared[at % len(prepared)]
        at += 1
        started = time.perf_counter()
        database.execute(hits, parameters).fetchall()
        database.execute(total, parameters).fetchone()
        latencies.append(time.perf_counter() - started)
    database.close()


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    return sorted_values[round((len(sorted_values) - 1) * q)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("queries")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    with open(args.queries, encoding="utf-8") as f:
        queries = json.load(f)
    kinds = []
    for query in queries:
        if query["kind"] not in kinds:
            kinds.append(query["kind"])
    for kind in kinds:
        of_kind = [q for q in queries if q["kind"] == kind]
        per_thread = [[] for _ in range(args.threads)]
        started = time.perf_counter()
        deadline = started + args.seconds
        threads = [
            threading.Thread(target=worker, args=(args.db, of_kind, deadline, i, per_thread[i]))
            for i in range(args.threads)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        latencies = sorted(x for lat in per_thread for x in lat)
        json.dump(
            {
                "kind": kind,
                "threads": args.threads,
                "queries": len(latencies),
                "qps": len(latencies) / elapsed,
                "p50_ms": percentile(latencies, 0.5) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000,
            },
            sys.stdout,
        )
        print()


if __name__ == "__main__":
    main()
