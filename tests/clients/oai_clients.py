"""Harvests our OAI-PMH provider with two real clients, Sickle and pyoai, and checks
that every record and every deletion arrives, with the server restarted between pages
(the resumption token must stay valid). Every response is also validated against the
OAI-PMH 2.0 XML schema.

    python tests/clients/oai_clients.py target/debug/clearinghouse ../shared/fixtures/schemas/oaipmh-2.0-OAI-PMH.xsd
"""

import sys
import urllib.parse
import urllib.request

import xmlschema
from oaipmh.client import Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader
from sickle import Sickle

from clearinghouse import DELETED_TU, N_LYON, N_TU, Clearinghouse

PAGE_SIZE = 100


def expected_counts():
    total = N_TU + N_LYON
    return total, len(DELETED_TU)


def check(items, what):
    """`items` is a list of (identifier, deleted) pairs."""
    total, deleted = expected_counts()
    identifiers = [identifier for identifier, _ in items]
    assert len(identifiers) == total, f"{what}: {len(identifiers)} items, expected {total}"
    assert len(set(identifiers)) == total, f"{what}: an item came twice"
    n_deleted = sum(1 for _, is_deleted in items if is_deleted)
    assert n_deleted == deleted, f"{what}: {n_deleted} deletions, expected {deleted}"
    print(f"ok: {what}: {total} items, {deleted} deletions")


def harvest_with_sickle(house, prefix):
    sickle = Sickle(house.base_url + "/oai", max_retries=0)
    items = []
    for n, record in enumerate(
        sickle.ListRecords(metadataPrefix=prefix, ignore_deleted=False), start=1
    ):
        items.append((record.header.identifier, record.header.deleted))
        if not record.header.deleted:
            assert record.metadata or prefix != "oai_dc", record.raw
        if n == PAGE_SIZE:
            house.restart()
    check(items, f"sickle ListRecords {prefix}, restarted after page 1")
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False))
    check([(h.identifier, h.deleted) for h in headers], "sickle ListIdentifiers")
    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent", identify.deletedRecord
    sets = [s.setSpec for s in sickle.ListSets()]
    for spec in ["source:demo-tu", "source:demo-lyon", "country:DE", "country:FR"]:
        assert spec in sets, (spec, sets)
    lyon = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="source:demo-lyon"))
    assert len(lyon) == N_LYON, len(lyon)
    print("ok: sickle Identify, ListSets, selective ListIdentifiers")


def harvest_with_pyoai(house):
    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = Client(house.base_url + "/oai", registry, force_http_get=True)
    identify = client.identify()
    assert identify.deletedRecord() == "persistent"
    items = []
    for n, (header, metadata, _) in enumerate(
        client.listRecords(metadataPrefix="oai_dc"), start=1
    ):
        items.append((header.identifier(), header.isDeleted()))
        if not header.isDeleted():
            assert metadata.getField("title"), header.identifier()
        if n == PAGE_SIZE:
            house.restart()
    check(items, "pyoai listRecords oai_dc, restarted after page 1")
    headers = list(client.listIdentifiers(metadataPrefix="oai_dc"))
    check([(h.identifier(), h.isDeleted()) for h in headers], "pyoai listIdentifiers")
    header, metadata, _ = client.getRecord(identifier=items[0][0], metadataPrefix="oai_dc")
    assert header.identifier() == items[0][0]
    print("ok: pyoai identify, getRecord")


def validate_against_schema(house, xsd_path):
    schema = xmlschema.XMLSchema(xsd_path)
    base = house.base_url + "/oai?"
    first_page = fetch(base + "verb=ListRecords&metadataPrefix=oai_dc")
    token = first_page.split("<resumptionToken", 1)[1].split(">", 1)[1].split("<", 1)[0]
    queries = [
        "verb=Identify",
        "verb=ListMetadataFormats",
        "verb=ListSets",
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=clearinghouse-json",
        "verb=ListRecords&metadataPrefix=oai_dc&set=country:FR",
        "verb=ListRecords&resumptionToken=" + urllib.parse.quote(token),
        "verb=ListRecords&metadataPrefix=oai_dc&from=2000-01-01&until=2999-12-31",
        # Errors: every code we answer.
        "",
        "verb=Dance",
        "verb=ListRecords",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01",
        "verb=ListRecords&metadataPrefix=oai_dc&set=nowhere",
        "verb=ListRecords&metadataPrefix=marc21",
        "verb=ListRecords&resumptionToken=forged",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:demo-tu.00000000000000000000",
        "verb=ListMetadataFormats&identifier=nope",
    ]
    for query in queries:
        schema.validate(fetch(base + query))
    # The whole list, page by page, and one POST.
    body = urllib.parse.urlencode({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    request = urllib.request.Request(
        house.base_url + "/oai",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        schema.validate(response.read().decode())
    print(f"ok: {len(queries) + 1} responses valid against {xsd_path}")


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, (url, response.status)
        return response.read().decode()


def main():
    binary, xsd_path = sys.argv[1], sys.argv[2]
    house = Clearinghouse(binary)
    try:
        house.seed()
        house.start()
        validate_against_schema(house, xsd_path)
        harvest_with_sickle(house, "oai_dc")
        harvest_with_sickle(house, "clearinghouse-json")
        harvest_with_pyoai(house)
    finally:
        house.stop()
        house.remove()


if __name__ == "__main__":
    main()
