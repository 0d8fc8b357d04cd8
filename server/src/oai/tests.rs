//! Argument checking of the OAI-PMH provider, case by case; answers over a real store are
//! tested end to end in `tests/integration/oai.rs`.

use super::*;

fn pairs(query: &str) -> Vec<(String, String)> {
    crate::params::query_pairs(query)
}

/// Each query and the error code it must get, or `None` when it is well-formed.
#[test]
fn arguments_are_checked_as_the_protocol_says() {
    let cases: &[(&str, Option<ErrorCode>)] = &[
        ("", Some(ErrorCode::BadVerb)),
        ("verb=Fly", Some(ErrorCode::BadVerb)),
        ("verb=Identify&verb=Identify", Some(ErrorCode::BadVerb)),
        ("verb=Identify", None),
        ("verb=Identify&set=x", Some(ErrorCode::BadArgument)),
        ("verb=ListMetadataFormats", None),
        ("verb=ListMetadataFormats&identifier=oai:x:y", None),
        (
            "verb=ListMetadataFormats&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListSets", None),
        ("verb=ListSets&resumptionToken=x", None),
        (
            "verb=GetRecord&identifier=oai:x:y",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=GetRecord&identifier=oai:x:y&metadataPrefix=oai_dc",
            None,
        ),
        (
            "verb=GetRecord&identifier=a&identifier=b&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListRecords", Some(ErrorCode::BadArgument)),
        ("verb=ListRecords&metadataPrefix=oai_dc", None),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=marc",
            Some(ErrorCode::CannotDisseminateFormat),
        ),
        (
            "verb=ListRecords&metadataPrefix=a%20b",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00Z",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-1-1",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-02T00:00:00Z",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-02&until=2026-01-01",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-01",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=source:demo-tu",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=no%20spaces",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListRecords&resumptionToken=abc", None),
        (
            "verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListIdentifiers&metadataPrefix=oai_dc&colour=red",
            Some(ErrorCode::BadArgument),
        ),
    ];
    for (query, expected) in cases {
        let got = parse_request(&pairs(query)).err().map(|err| err.code);
        assert_eq!(got, *expected, "{query}");
    }
}

#[test]
fn day_granularity_covers_the_whole_day() {
    let request = parse_request(&pairs(
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-01",
    ))
    .unwrap();
    let Request::List {
        arguments: ListArguments::Fresh(query),
        ..
    } = request
    else {
        panic!("not a list: {request:?}");
    };
    assert_eq!(query.until.unwrap() - query.from.unwrap(), 86_399);
}
