"""Baseline harvests with Sickle (PyPI), the OAI-PMH client people reach for in Python.

    sickle_harvest.py URL PREFIX                # harvest only: iterate every record
    sickle_harvest.py URL PREFIX --fts5 DB      # Sickle -> normalise -> SQLite FTS5

The second is the cheapest pipeline a user might build instead of the clearinghouse: each
`clearinghouse-json` record is read from its `<ch:record>` element, normalised (first
title, description and outcomes as plain text, whitespace collapsed; institution,
country, ECTS, EQF, language) and inserted into an FTS5 table, committed every 1000
records and at the end. Prints one JSON line: records, seconds, peak RSS in KiB.
"""

import argparse
import json
import re
import resource
import sqlite3
import sys
import time

from sickle import Sickle

CH_NAMESPACE = "{https://microhe.eu/ns/clearinghouse-json/1}"
SPACES = re.compile(r"\s+")

SCHEMA = """
CREATE VIRTUAL TABLE credentials USING fts5(
    title, description, outcomes, institution,
    upstream_id UNINDEXED, country UNINDEXED, eqf UNINDEXED, ects UNINDEXED, lang UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


def first_text(lang_text):
    if not isinstance(lang_text, dict):
        return ""
    for value in lang_text.values():
        return SPACES.sub(" ", value).strip()
    return ""


def normalise(identifier, record):
    outcomes = " ".join(first_text(o.get("text")) for o in record.get("learning_outcomes", []))
    body = record.get("awarding_body", {})
    credits = record.get("credits") or {}
    languages = record.get("languages") or [""]
    return (
        first_text(record.get("title")),
        first_text(record.get("description")),
        outcomes,
        first_text(body.get("name")),
        identifier,
        (body.get("country") or "").upper(),
        record.get("eqf_level"),
        credits.get("value") if credits.get("scheme") == "ects" else None,
        languages[0],
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("prefix")
    parser.add_argument("--fts5")
    args = parser.parse_args()

    database = None
    if args.fts5:
        database = sqlite3.connect(args.fts5)
        database.executescript("DROP TABLE IF EXISTS credentials;" + SCHEMA)
    started = time.perf_counter()
    harvester = Sickle(args.url, max_retries=2, timeout=60)
    n_records = 0
    batch = []
    for record in harvester.ListRecords(metadataPrefix=args.prefix, ignore_deleted=True):
        n_records += 1
        if database is None:
            continue
        element = record.xml.find(".//" + CH_NAMESPACE + "record")
        if element is None or not element.text:
            continue
        batch.append(normalise(record.header.identifier, json.loads(element.text)))
        if len(batch) == 1000:
            database.executemany("INSERT INTO credentials VALUES (?,?,?,?,?,?,?,?,?)", batch)
            database.commit()
            batch.clear()
    if database is not None:
        if batch:
            database.executemany("INSERT INTO credentials VALUES (?,?,?,?,?,?,?,?,?)", batch)
        database.commit()
        database.close()
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump({"records": n_records, "seconds": seconds, "peak_rss_kib": peak_kib}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
