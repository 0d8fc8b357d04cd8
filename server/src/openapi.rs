//! The OpenAPI 3.1 document of the JSON API, served at `/api/v1/openapi.json`.
//!
//! Written by hand rather than derived (utoipa): the views and handlers are being changed
//! by several people at once and reference model types that must not learn about
//! OpenAPI, so the document is kept in sync by checks instead of by derives:
//!
//! - every view object is `additionalProperties: false` with every field `required`, so
//!   schemathesis (run by `.ci/run` against the real server) fails on a field added to a
//!   view but not here, or removed from it;
//! - [`tests::every_route_is_documented`] fails on a route in `routes.rs` that is
//!   neither documented here nor listed in [`NOT_YET_DOCUMENTED`].
//!
//! Adding a route: add its operation to [`paths`] (one entry) and drop it from
//! [`NOT_YET_DOCUMENTED`].

use serde_json::{Value, json};

/// Routes served but not documented yet, as `METHOD path` (their owners add them).
pub const NOT_YET_DOCUMENTED: &[&str] = &[
    // An operator's endpoint (admin token; writes a backup on the server's disk), kept out
    // of the public contract so that contract fuzzers do not call it. See the README.
    "POST /api/v1/admin/backup",
];

fn nullable(schema_type: &str) -> Value {
    json!({ "type": [schema_type, "null"] })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A closed object: every property listed is required.
fn object(description: &str, properties: Value) -> Value {
    let required: Vec<&String> = properties
        .as_object()
        .map(|map| map.keys().collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// An object whose listed properties are required, open to more (answers that carry
/// nested model types, described in `docs/clearinghouse-json.schema.json`).
fn open_object(description: &str, properties: Value) -> Value {
    let mut object = object(description, properties);
    object["additionalProperties"] = json!(true);
    object
}

fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

/// The `503` of every write of a decision.
const DISK_NEARLY_FULL: &str = "`disk_nearly_full`: the data directory's disk is below `server.min_free_disk_mb` free; nothing is recorded until space is freed (retry after `Retry-After` seconds). `store_cannot_write`: the store failed a write on disk; nothing is recorded until space is freed (the clearinghouse then starts again by itself) or, after another failure, until it is restarted (`/health` says which)";

fn error_response(description: &str) -> Value {
    json_response(description, reference("Error"))
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn path_id(description: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": description, "schema": { "type": "string" } })
}

const FACETS: [&str; 12] = [
    "country",
    "institution",
    "eqf_level",
    "ects",
    "isced_broad",
    "isced_narrow",
    "language",
    "participation",
    "kind",
    "assessment",
    "quality_assurance",
    "has_learning_outcomes",
];

/// The operations, by path.
fn paths() -> Value {
    let mut search_parameters = vec![
        query(
            "q",
            "words (all required), \"phrases\", -excluded, title:/outcome:/description: prefixes",
            json!({ "type": "string", "maxLength": 1000, "examples": ["data literacy"] }),
        ),
        query(
            "lang",
            "search only text in this language (and untagged text)",
            json!({ "type": "string", "examples": ["en"] }),
        ),
        query(
            "page",
            "page number, from 1",
            json!({ "type": "integer", "minimum": 1, "maximum": 10000, "default": 1 }),
        ),
        query(
            "per_page",
            "hits per page; page × per_page is at most 10 000",
            json!({ "type": "integer", "minimum": 1, "maximum": 100, "default": 20 }),
        ),
        query(
            "sort",
            "relevance (default), ects, eqf_level, title, updated or start (the next start of an offer, soonest first; records with none to come last), each optionally with :asc or :desc",
            json!({ "type": "string", "examples": ["ects:desc"] }),
        ),
        query(
            "ects_min",
            "at least this many ECTS credits",
            json!({ "type": "number", "minimum": 0 }),
        ),
        query(
            "ects_max",
            "at most this many ECTS credits",
            json!({ "type": "number", "minimum": 0 }),
        ),
        query(
            "eqf_min",
            "EQF level at least",
            json!({ "type": "integer", "minimum": 1, "maximum": 8 }),
        ),
        query(
            "eqf_max",
            "EQF level at most",
            json!({ "type": "integer", "minimum": 1, "maximum": 8 }),
        ),
        query(
            "starts_after",
            "an offer starts after this day (YYYY-MM-DD)",
            json!({ "type": "string", "format": "date" }),
        ),
        query(
            "updated_since",
            "stored or changed since (YYYY-MM-DD or RFC 3339)",
            json!({ "type": "string", "examples": ["2026-01-01"] }),
        ),
        query(
            "cost_max",
            "an offer costs at most this many euros (0: free of charge); prices stated in another currency or in words are not stated in euros",
            json!({ "type": "number", "minimum": 0 }),
        ),
        query(
            "duration_min_weeks",
            "an offer lasts at least this many weeks (its first to its last day)",
            json!({ "type": "integer", "minimum": 1, "maximum": 520 }),
        ),
        query(
            "duration_max_weeks",
            "an offer lasts at most this many weeks (its first to its last day)",
            json!({ "type": "integer", "minimum": 1, "maximum": 520 }),
        ),
        query(
            "open_now",
            "true: an offer can still be applied to today (its last day to apply is today or later)",
            json!({ "type": "boolean" }),
        ),
        {
            let mut parameter = query(
                "include_unstated",
                "elements whose filters also let in the records that do not state them: `eqf_level` (with `eqf_min`/`eqf_max` or the facet), `ects` (with `ects_min`/`ects_max` or the facet), `start_date` (with `starts_after`), `cost` (with `cost_max`), `duration` (with `duration_min_weeks`/`duration_max_weeks`), `application_deadline` (with `open_now`), or another facet's name; repeatable",
                json!({ "type": "array", "items": { "type": "string", "enum": search::Element::ALL.iter().map(|element| element.name()).collect::<Vec<_>>() } }),
            );
            parameter["style"] = json!("form");
            parameter["explode"] = json!(true);
            parameter
        },
    ];
    for facet in FACETS {
        let mut parameter = query(
            facet,
            "facet filter, repeatable: OR within a parameter, AND across parameters",
            json!({ "type": "array", "items": { "type": "string" } }),
        );
        parameter["style"] = json!("form");
        parameter["explode"] = json!(true);
        search_parameters.push(parameter);
    }
    json!({
        "/health": { "get": {
            "operationId": "health",
            "summary": "Whether the service is up, and whether store and index agree",
            "responses": { "200": json_response("up", reference("Health")) }
        }},
        "/api/v1/search": { "get": {
            "operationId": "search",
            "summary": "Full-text search with facets and filters",
            "description": "Unknown parameters are refused by name (400). Queries the parser cannot read are searched as plain words.",
            "parameters": search_parameters,
            "responses": {
                "200": json_response("a page of hits", reference("Search")),
                "400": error_response("a bad or unknown parameter, named in `parameter`")
            }
        }},
        "/api/v1/credentials/{id}": { "get": {
            "operationId": "getCredential",
            "summary": "One record, whole, with provenance, Annex I completeness and version history",
            "parameters": [path_id("record id, e.g. demo-tu.0123456789abcdef0123")],
            "responses": {
                "200": json_response("the record (a tombstone if deleted upstream)", reference("CredentialRecord")),
                "404": error_response("no such record")
            }
        }},
        "/api/v1/sources": { "get": {
            "operationId": "listSources",
            "summary": "Every configured source with its schedule and last harvest",
            "responses": { "200": json_response("the sources", object("The configured sources.", json!({
                "sources": { "type": "array", "items": reference("Source") }
            }))) }
        }},
        "/api/v1/sources/{id}/runs": { "get": {
            "operationId": "listRuns",
            "summary": "The harvest runs of one source, newest first",
            "parameters": [
                path_id("source id, e.g. demo-tu"),
                query("limit", "at most this many runs", json!({ "type": "integer", "minimum": 1, "maximum": 200, "default": 20 }))
            ],
            "responses": {
                "200": json_response("the runs", object("The runs of a source.", json!({
                    "source": { "type": "string" },
                    "runs": { "type": "array", "items": reference("HarvestRun") }
                }))),
                "400": error_response("a bad or unknown parameter"),
                "404": error_response("no such source")
            }
        }},
        "/api/v1/sources/{id}/harvest": { "post": {
            "operationId": "startHarvest",
            "summary": "Start a harvest now (a token of the source's institution, or an admin token)",
            "security": [{ "bearer": [] }],
            "parameters": [
                path_id("source id"),
                query("full", "ignore the last datestamp and harvest everything again", json!({ "type": "string", "enum": ["true", "false"] }))
            ],
            "responses": {
                "202": json_response("started in the background", object("A harvest started.", json!({
                    "source": { "type": "string" },
                    "status": { "const": "started" },
                    "runs": { "type": "string", "description": "where the run will be reported" }
                }))),
                "400": error_response("a bad or unknown parameter"),
                "401": error_response("no valid bearer token"),
                "403": error_response("the token may not act for this source"),
                "404": error_response("no such source"),
                "409": error_response("the source is already being harvested")
            }
        }},
        "/api/v1/sources/{id}/report": { "get": {
            "operationId": "sourceReport",
            "summary": "Feed-quality report of a source: Annex I elements present, missing or unreadable, failed and worst records",
            "parameters": [
                path_id("source id"),
                query("worst", "how many of the least complete records to list", json!({ "type": "integer", "minimum": 0, "maximum": 100, "default": 10 }))
            ],
            "responses": {
                "200": json_response("the report", open_object("A source's conformance report.", json!({
                    "source": { "type": "string" },
                    "last_run": nullable("string"),
                    "report": { "type": "object" }
                }))),
                "400": error_response("a bad or unknown parameter"),
                "404": error_response("no such source")
            }
        }},
        "/api/v1/credentials/{id}/equivalents": { "get": {
            "operationId": "equivalents",
            "summary": "Candidate equivalents, ranked, each compared on level, workload, quality, profile and learning outcomes, with precedents",
            "description": "Anonymous, or with an officer's bearer token: then that institution's private decisions are also precedents and evidence.",
            "security": [{}, { "bearer": [] }],
            "parameters": [
                path_id("record id of the credential held"),
                query("institution", "only candidates of this institution: a source id, or an institution's key or name (its first source)", json!({ "type": "string", "examples": ["demo-tu"] })),
                query("country", "only candidates whose awarding body is in this country (ISO 3166-1 alpha-2)", json!({ "type": "string", "examples": ["DE"] })),
                query("limit", "at most this many hits", json!({ "type": "integer", "minimum": 1, "maximum": 50, "default": 10 })),
                query("threshold", "overall score a candidate must reach", json!({ "type": "number", "minimum": 0, "maximum": 1, "default": 0.35 }))
            ],
            "responses": {
                "200": json_response("the ranked candidates, or no_equivalent_above_threshold", open_object("Equivalents of a credential.", json!({
                    "credential": { "type": "object" },
                    "hits": { "type": "array", "description": "best first (by `probability` when the institution has recorded decisions, else by `score`); each hit has `credential`, `score`, `comparison` (each element's `verdict`, `missing` saying which side does not state it, `comparable`, `confidence`, `overall` and `to_ask_for`), `precedents`, `probability`, `label`, `evidence` and `also_listed_as` (the same course listed by the same source under other codes, i.e. same title, description and course number: folded into this hit, each with its record id and code)", "items": { "type": "object", "properties": {
                        "also_listed_as": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "code": { "type": "string" } } } },
                        "across_languages": { "type": "object", "description": "present when the candidate is written in another language than the credential held and the multilingual bridge compared them by meaning", "properties": { "described_in": { "type": "string", "description": "the candidate's language (ISO 639-1, `und` if not known)" }, "similarity": { "type": "number", "description": "cosine of the two texts' multilingual vectors, each centred on its language's mean; it stands for their text similarity" } } },
                        "translated": { "type": "object", "description": "present when the candidate is written in English, the credential held in another language, and a bilingual dictionary (FreeDict, `[multilingual] dictionaries`) translated the credential held", "properties": { "from": { "type": "string", "description": "the language translated from (ISO 639-1)" }, "coverage": { "type": "number", "description": "share of the held text's content words the dictionary knew, 0 to 1" }, "similarity": { "type": "number", "description": "text similarity of the translation and the candidate, 0 to 1" }, "weighted": { "type": "number", "description": "what it adds to their text similarity: similarity × coverage (× 0.25 when the multilingual vectors compared them too)" } } },
                        "probability": { "type": "number", "minimum": 0, "maximum": 1, "description": "the chance this candidate is the equivalent the institution would recognise, from text similarity and the institution's recorded decisions (calibrated on real decisions)" },
                        "label": { "type": "string", "enum": ["match", "maybe", "miss"], "description": "a suggestion, not a decision: `match` needs the probability to reach the Match threshold, at least 3 of the 5 elements comparable and none substantially different" },
                        "evidence": { "type": "object", "description": "what the recorded decisions say about this candidate: `similar_recognised` (similar credentials recognised as it) from `similar_senders` institutions, `similar` (their ids and similarities), `subject_mapping`, `sequence`, `same_code`, and `explanation` in plain words" },
                        "precedents": { "type": "object", "description": "`equivalent` (holding decisions that recognised the credential, or a near-identical one, as this candidate) and `other` (holding decisions that contradict it: a competing equivalence, credits only or a refusal at the candidate's institution; decisions at other institutions are never counted here), `consistency`, `direct`, `near_identical`, their decisions, and `by_institution`: every visible decision that bears on the pair grouped by deciding institution (the candidate's first), each with its `relation` (`recognised_as_this`, `competing_equivalence`, `credits_only`, `refused`, `elsewhere`), `decided_on`, `expired`, `at_risk`, `holds` and `counted`" }
                    } } },
                    "threshold": { "type": "number" },
                    "no_equivalent_above_threshold": { "type": "boolean" },
                    "candidates_compared": { "type": "integer" },
                    "near_identical": { "type": "array", "description": "credentials near-identical to the one held (same title and awarding body, or text similarity of at least 0.9) whose decisions count as precedents; each hit's precedents say how many are direct (`direct`, `decisions`) and how many come from these (`near_identical`, `near_identical_decisions`)", "items": { "type": "object", "properties": { "id": { "type": "string" }, "reason": { "type": "string" } } } },
                    "no_specific_equivalent": { "type": ["object", "null"], "description": "scoped to an institution with recorded decisions: the chance it would give credits only or refuse rather than name a course (`probability`, `likely`, the similar credentials so decided, `explanation`)" },
                    "decided_credentials": { "type": "integer", "description": "credentials whose decisions at the institution (those the caller may see) taught this lookup" },
                    "note": { "type": "string", "description": "that labels are suggestions, not decisions" }
                }))),
                "400": error_response("a bad or unknown parameter"),
                "404": error_response("no such record"),
                "503": error_response("`over_time_budget`: the lookup took longer than `server.recognition_budget_ms`; retry after `Retry-After` seconds")
            }
        }},
        "/api/v1/compare": { "get": {
            "operationId": "compare",
            "summary": "Two records side by side on the five elements, outcomes aligned, precedents",
            "parameters": [
                { "name": "a", "in": "query", "required": true, "description": "record id of the credential held", "schema": { "type": "string" } },
                { "name": "b", "in": "query", "required": true, "description": "record id of the candidate", "schema": { "type": "string" } }
            ],
            "responses": {
                "200": json_response("the comparison", open_object("A comparison.", json!({
                    "a": { "type": "object" }, "b": { "type": "object" },
                    "comparison": { "type": "object", "description": "as in a hit of the equivalents: element verdicts with what is missing on which side, `comparable`, `confidence`, `overall` (`no_substantial_difference`, `substantial_difference` or `not_enough_information` when fewer than 3 elements could be compared) and `to_ask_for`" },
                    "precedents": { "type": "array", "items": { "type": "object" } },
                    "precedents_for_b": { "type": "object", "description": "the decisions that bear on b as a candidate for a, as in a hit's `precedents`" }
                }))),
                "400": error_response("a missing or unknown parameter"),
                "404": error_response("no such record"),
                "503": error_response("`over_time_budget`: the comparison took longer than `server.recognition_budget_ms`; retry after `Retry-After` seconds")
            }
        }},
        "/api/v1/search/reindex": { "post": {
            "operationId": "reindex",
            "summary": "Rebuild the search index from the store beside the one in use, then switch (admin token)",
            "security": [{ "bearer": [] }],
            "responses": {
                "200": json_response("rebuilt", { let mut o = open_object("A finished rebuild.", json!({})); o["required"] = json!([]); o }),
                "401": error_response("no valid bearer token"),
                "403": error_response("not an admin token")
            }
        }},
        "/api/v1/recognitions": {
            "get": {
                "operationId": "listRecognitions",
                "summary": "Recognition decisions: latest revisions, newest first; the public ones, and with an officer's token its institution's private ones (an admin's: all); `total` counts what is listed",
                "security": [{}, { "bearer": [] }],
                "parameters": [
                    query("credential", "decisions about this record (recognised or as the equivalent)", json!({ "type": "string" })),
                    query("institution", "decisions of this institution", json!({ "type": "string" })),
                    query("at_risk", "only decisions whose credential changed since", json!({ "type": "string", "enum": ["true", "false"] })),
                    query("withdrawn", "include withdrawn decisions", json!({ "type": "string", "enum": ["true", "false"] })),
                    query("limit", "decisions per page (default 100)", json!({ "type": "integer", "minimum": 1, "maximum": 1000 })),
                    query("offset", "where the page starts (next_offset of the page before)", json!({ "type": "integer", "minimum": 0, "maximum": 4294967295u64 }))
                ],
                "responses": {
                    "200": json_response("the decisions", open_object("Decisions.", json!({
                        "total": { "type": "integer" },
                        "offset": { "type": "integer" },
                        "limit": { "type": "integer" },
                        "next_offset": { "type": ["integer", "null"] },
                        "decisions": { "type": "array", "items": reference("Decision") }
                    }))),
                    "400": error_response("a bad or unknown parameter")
                }
            },
            "post": {
                "operationId": "recordRecognition",
                "summary": "Record a decision of the token's institution (append-only; Idempotency-Key makes retries safe)",
                "security": [{ "bearer": [] }],
                "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": false, "schema": { "type": "string", "maxLength": 200 } }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": reference("DecisionInput"), "examples": { "equivalent": { "value": {
                    "credential": "demo-lyon.0123456789abcdef0123",
                    "outcome": { "kind": "equivalent", "target": "demo-tu.0123456789abcdef0123" },
                    "rationale": "same learning outcomes; 6 vs 5 ECTS accepted",
                    "decided_on": "2026-11-20"
                } } } } } },
                "responses": {
                    "201": json_response("recorded", reference("Decision")),
                    "400": error_response("a missing or bad field, named in `parameter`"),
                    "401": error_response("no valid bearer token"),
                    "403": error_response("the token may not decide for that institution"),
                    "404": error_response("no such credential"),
                    "503": error_response(DISK_NEARLY_FULL)
                }
            }
        },
        "/api/v1/recognitions/{id}": {
            "get": {
                "operationId": "getRecognition",
                "summary": "A decision: latest revision, every revision, audit entries (a private one only for its institution's officers and admins: 404 for anyone else)",
                "security": [{}, { "bearer": [] }],
                "parameters": [path_id("decision id")],
                "responses": {
                    "200": json_response("the decision", open_object("A decision with its history.", json!({
                        "decision": reference("Decision"),
                        "revisions": { "type": "array", "items": { "type": "object" } },
                        "audit": { "type": "array", "items": { "type": "object" } }
                    }))),
                    "401": error_response("no valid bearer token"),
                    "404": error_response("no such decision")
                }
            },
            "delete": {
                "operationId": "withdrawRecognition",
                "summary": "Withdraw a decision (a new revision, with the reason if given; nothing is erased)",
                "security": [{ "bearer": [] }],
                "parameters": [path_id("decision id"), query("reason", "why it is withdrawn (kept on the revision, shown with the decision's history)", json!({ "type": "string", "maxLength": 2000 }))],
                "responses": {
                    "200": json_response("withdrawn", reference("Decision")),
                    "401": error_response("no valid bearer token"),
                    "403": error_response("the decision belongs to another institution"),
                    "404": error_response("no such decision"),
                    "503": error_response(DISK_NEARLY_FULL)
                }
            }
        },
        "/api/v1/agreements/{from}/{to}": { "get": {
            "operationId": "getAgreement",
            "summary": "What institution `to` decided about the credentials published by institution `from`: the latest revisions, newest decided first, the public ones (with an officer's token also its institution's private ones), as JSON pages or one CSV file",
            "security": [{}, { "bearer": [] }],
            "parameters": [
                { "name": "from", "in": "path", "required": true, "description": "the institution whose credentials were decided on (a source id)", "schema": { "type": "string" } },
                { "name": "to", "in": "path", "required": true, "description": "the institution that decided", "schema": { "type": "string" } },
                query("outcome", "only decisions of this outcome", json!({ "type": "string", "enum": ["equivalent", "credits", "refused"] })),
                query("at_risk", "only decisions whose credential changed since (true) or did not (false)", json!({ "type": "string", "enum": ["true", "false"] })),
                query("decided_from", "only decisions taken on or after this day", json!({ "type": "string", "format": "date" })),
                query("decided_until", "only decisions taken on or before this day", json!({ "type": "string", "format": "date" })),
                query("withdrawn", "include withdrawn decisions", json!({ "type": "string", "enum": ["true", "false"] })),
                query("format", "json (pages, the default) or csv (every decision, one file)", json!({ "type": "string", "enum": ["json", "csv"] })),
                query("limit", "decisions per JSON page (default 100)", json!({ "type": "integer", "minimum": 1, "maximum": 1000 })),
                query("offset", "where the JSON page starts", json!({ "type": "integer", "minimum": 0, "maximum": 4294967295u64 }))
            ],
            "responses": {
                "200": {
                    "description": "the decisions",
                    "content": {
                        "application/json": { "schema": open_object("An agreement.", json!({
                            "from": { "type": "object" },
                            "to": { "type": "object" },
                            "total": { "type": "integer" },
                            "offset": { "type": "integer" },
                            "limit": { "type": "integer" },
                            "next_offset": { "type": ["integer", "null"] },
                            "decisions": { "type": "array", "items": { "type": "object" } }
                        })) },
                        "text/csv": { "schema": { "type": "string" } }
                    }
                },
                "400": error_response("a bad or unknown parameter"),
                "401": error_response("a bearer token that is not valid"),
                "404": error_response("an institution that is not known")
            }
        }},
        "/api/v1/recognitions/{id}/revisions": { "post": {
            "operationId": "reviseRecognition",
            "summary": "A new revision of a decision of the token's institution",
            "security": [{ "bearer": [] }],
            "parameters": [path_id("decision id")],
            "requestBody": { "required": true, "content": { "application/json": { "schema": reference("DecisionInput") } } },
            "responses": {
                "200": json_response("revised", reference("Decision")),
                "400": error_response("a missing or bad field"),
                "401": error_response("no valid bearer token"),
                "403": error_response("the decision belongs to another institution"),
                "404": error_response("no such decision or credential"),
                "503": error_response(DISK_NEARLY_FULL)
            }
        }},
        "/api/v1/recognitions/{id}/case-file": { "get": {
            "operationId": "getRecognitionCaseFile",
            "summary": "A decision's case file for the student's file (format `clearinghouse-case-file`, version 1): the decision with every revision and audit entry, the credential held as decided on and the equivalent as it is now, their comparison on the five elements, and the precedents (a private one only for its institution's officers and admins: 404 for anyone else)",
            "description": "The page `/decisions/{id}/case-file` shows the same, to print or save as PDF. Titles and texts are in the language asked for with `Accept-Language`.",
            "security": [{}, { "bearer": [] }],
            "parameters": [path_id("decision id")],
            "responses": {
                "200": json_response("the case file", reference("CaseFile")),
                "401": error_response("a bearer token that is not valid"),
                "404": error_response("no such decision"),
                "503": error_response("`over_time_budget`: comparing the two credentials took longer than `server.recognition_budget_ms`; retry after `Retry-After` seconds")
            }
        }},
        "/api/v1/openapi.json": { "get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": { "200": json_response("the OpenAPI 3.1 document", json!({ "type": "object" })) }
        }}
    })
}

/// The reusable schemas.
fn schemas() -> Value {
    let lang_text = json!({
        "type": "object",
        "description": "Text by BCP 47 language tag (`und` when unknown).",
        "additionalProperties": { "type": "string" },
        "examples": [{ "en": "Data literacy", "de": "Datenkompetenz" }]
    });
    let counts = object(
        "Record counts of a run.",
        json!({
            "seen": { "type": "integer" }, "added": { "type": "integer" }, "updated": { "type": "integer" },
            "unchanged": { "type": "integer" }, "deleted": { "type": "integer" }, "failed": { "type": "integer" }
        }),
    );
    let decision = open_object(
        "One revision of a recognition decision.",
        json!({
            "id": { "type": "string" },
            "revision": { "type": "integer", "minimum": 1 },
            "credential": { "type": "string" },
            "institution": { "type": "string" },
            "outcome": { "type": "object", "properties": { "kind": { "enum": ["equivalent", "credits", "refused"] } }, "required": ["kind"] },
            "conditions": nullable("string"),
            "rationale": { "type": "string" },
            "decided_on": { "type": "string", "format": "date" },
            "valid_until": { "type": ["string", "null"], "format": "date" },
            "private": { "type": "boolean" },
            "recorded_at": { "type": "string", "format": "date-time" },
            "recorded_by": { "type": "string" },
            "withdrawn": { "type": "boolean" },
            "withdrawal_reason": { "type": "string", "description": "why it was withdrawn, when the officer said" },
            "relied_on": { "type": "object" },
            "at_risk": { "type": ["object", "null"] },
            "url": { "type": "string" },
            "not_harvested": { "type": "boolean", "description": "the credential decided on was uploaded by a person (id `upload.…`), not harvested" },
            "uploaded": {
                "description": "for a credential not harvested: the uploaded file's SHA-256 and what it claims (the file is not kept)",
                "oneOf": [
                    { "type": "null" },
                    { "type": "object", "properties": {
                        "content_hash": { "type": "string", "pattern": "^sha256-[0-9a-f]{64}$" },
                        "upstream_id": { "type": "string" },
                        "title": { "type": "string" },
                        "claimed_issuer": { "type": ["string", "null"] },
                        "format": { "type": "string" }
                    }, "required": ["content_hash", "upstream_id", "title", "claimed_issuer", "format"], "additionalProperties": false }
                ]
            }
        }),
    );
    let decision_input = json!({
        "type": "object",
        "description": "A decision to record: what credential, what outcome, why, when.",
        "properties": {
            "credential": { "type": "string", "description": "the record recognised (from another institution)" },
            "outcome": { "oneOf": [
                { "type": "object", "properties": { "kind": { "const": "equivalent" }, "target": { "type": "string" } }, "required": ["kind", "target"], "additionalProperties": false },
                { "type": "object", "properties": { "kind": { "const": "credits" }, "ects": { "type": "number", "exclusiveMinimum": 0, "maximum": 240 } }, "required": ["kind", "ects"], "additionalProperties": false },
                { "type": "object", "properties": { "kind": { "const": "refused" } }, "required": ["kind"], "additionalProperties": false }
            ] },
            "rationale": { "type": "string", "minLength": 1 },
            "decided_on": { "type": "string", "format": "date" },
            "conditions": { "type": ["string", "null"] },
            "valid_until": { "type": ["string", "null"], "format": "date" },
            "private": { "type": "boolean", "default": false },
            "institution": { "type": ["string", "null"], "description": "must be the token's institution if given" }
        },
        "required": ["credential", "outcome", "rationale", "decided_on"],
        "additionalProperties": false
    });
    let case_credential = open_object(
        "A credential of a case file: the record in brief and the elements an officer weighs.",
        json!({
            "id": { "type": "string" },
            "title": { "type": "string" },
            "title_lang": { "type": "string" },
            "institution": nullable("string"),
            "institution_unverified": { "type": "boolean" },
            "country": nullable("string"),
            "source": { "type": "string" },
            "url": { "type": "string", "description": "the whole record in the API" },
            "version": { "type": "integer", "minimum": 1, "description": "the version shown: for the credential held, the one the decision relied on" },
            "current_version": { "type": ["integer", "null"], "description": "the version the store holds now" },
            "deleted": { "type": "boolean", "description": "its publisher withdrew it" },
            "page": { "type": "string" },
            "kind": nullable("string"),
            "credits": { "oneOf": [reference("Credits"), { "type": "null" }] },
            "workload_hours": nullable("number"),
            "eqf_level": { "type": ["integer", "null"], "minimum": 1, "maximum": 8 },
            "nqf_level": nullable("string"),
            "isced_fields": { "type": "array", "items": { "type": "string" } },
            "languages": { "type": "array", "items": { "type": "string" } },
            "learning_outcomes": { "type": "array", "items": { "type": "string" } },
            "assessment": nullable("string"),
            "quality_assurance": nullable("string"),
            "identifiers": { "type": "array", "items": object("An identifier.", json!({ "scheme": { "type": "string" }, "value": { "type": "string" } })) }
        }),
    );
    let case_file = open_object(
        "One decision's case file (`clearinghouse-case-file`, version 1: fields are only added).",
        json!({
            "format": { "const": "clearinghouse-case-file" },
            "format_version": { "const": 1 },
            "generated_at": { "type": "string", "format": "date-time" },
            "page": { "type": "string", "description": "the case file's page, to print or save as PDF" },
            "decision": reference("Decision"),
            "standing": { "type": "string", "enum": ["in_force", "withdrawn", "at_risk", "expired"], "description": "where the decision stands today: withdrawn, else at risk (its credential changed since), else expired (past `valid_until`), else in force" },
            "credential": { "oneOf": [reference("CaseCredential"), { "type": "null" }], "description": "the credential held, at the version the decision relied on" },
            "target": { "oneOf": [reference("CaseCredential"), { "type": "null" }], "description": "for an equivalence: the equivalent credential as it is now" },
            "comparison": { "type": ["object", "null"], "description": "for an equivalence: the two compared, as in `/api/v1/compare` (element verdicts, `comparable`, `confidence`, `overall`, `to_ask_for`)" },
            "precedents": { "type": "array", "items": reference("Decision"), "description": "every other decision about the credential held that the caller may see (latest revisions, withdrawn ones included), newest decided first" },
            "precedents_for_target": { "type": ["object", "null"], "description": "for an equivalence: how those decisions bear on the equivalent, as in a hit's `precedents`" },
            "revisions": { "type": "array", "items": reference("Decision"), "description": "every revision, oldest first" },
            "audit": { "type": "array", "items": { "type": "object" }, "description": "the decision's audit entries (`at`, `actor`, `action`, `decision_id`, `revision`), oldest first" }
        }),
    );
    let run_failure = json!({ "oneOf": [{ "type": "null" }, { "type": "object", "description": "why a failed run failed, for the publisher: `kind` (stable: host_not_found, connection_refused, tls, network_error, timeout, http_not_found, http_denied, http_client_error, http_server_error, not_oai_pmh, oai_error, too_large, malformed_xml, malformed_json, wrong_format, empty_feed, private_address, file_unreadable, file_outside_roots, endless_paging, harvest_timeout, internal), `cause` in one line and the `next_step`, in English", "properties": {
        "kind": { "type": "string" }, "cause": { "type": "string" }, "next_step": { "type": "string" } },
        "required": ["kind", "cause", "next_step"] }] });
    json!({
        "CaseCredential": case_credential,
        "CaseFile": case_file,
        "Decision": decision,
        "DecisionInput": decision_input,
        "Error": {
            "type": "object",
            "description": "Every error: a stable machine-readable code, a message for people, and the parameter at fault.",
            "properties": {
                "code": { "type": "string", "enum": ["bad_parameter", "not_found", "unauthorized", "forbidden", "conflict", "over_time_budget", "disk_nearly_full", "store_cannot_write", "internal", "query_too_long", "body_too_large", "rate_limited", "too_many_failed_authentications"] },
                "message": { "type": "string" },
                "parameter": { "type": "string" }
            },
            "required": ["code", "message"],
            "additionalProperties": false,
            "examples": [{ "code": "bad_parameter", "message": "`per_page` must be between 1 and 100, not 101", "parameter": "per_page" }]
        },
        "LangText": lang_text,
        "Credits": {
            "type": "object",
            "description": "A credit value and its scheme; `name` names a scheme other than ECTS.",
            "properties": {
                "value": { "type": "number" },
                "scheme": { "type": "string", "enum": ["ects", "other", "unspecified"] },
                "name": { "type": "string" }
            },
            "required": ["value", "scheme"],
            "examples": [{ "value": 5.0, "scheme": "ects" }]
        },
        "Credential": {
            "type": "object",
            "description": "The canonical record (Annex I of the Council Recommendation on micro-credentials); the full shape is docs/clearinghouse-json.schema.json.",
            "properties": {
                "kind": { "type": "string", "enum": ["course", "module", "programme", "micro-credential", "badge", "qualification"] },
                "title": reference("LangText"),
                "description": reference("LangText"),
                "credits": { "oneOf": [reference("Credits"), { "type": "null" }] },
                "eqf_level": { "type": ["integer", "null"], "minimum": 1, "maximum": 8 },
                "learning_outcomes": { "type": "array" },
                "awarding_body": { "type": "object" },
                "status": { "type": "string", "enum": ["active", "inactive"] }
            }
        },
        "Health": object("Status, and counts of the store and the index with the sequence number each has reached.", json!({
            "status": { "type": "string", "enum": ["ok", "degraded"], "description": "`degraded` while a nearly full disk pauses harvests and decisions (see `disk`), or once the store failed a write (see `store_cannot_write`)" },
            "version": { "type": "string" },
            "started_at": { "type": "string", "format": "date-time" },
            "store": object("Records in the store.", json!({ "live": { "type": "integer" }, "tombstones": { "type": "integer" } })),
            "store_seq": { "type": "integer" },
            "index_docs": { "type": "integer" },
            "index_seq": { "type": "integer" },
            "index_segments": { "type": "integer" },
            "store_cannot_write": { "type": ["string", "null"], "description": "once the store failed a write on disk (then `status` is `degraded`): what failed and what to do, in plain words; null while it writes. After a full disk the clearinghouse starts itself again once space is freed; after another failure it must be restarted" },
            "disk": { "type": "object", "description": "free space on the data directory's disk (absent when `server.min_free_disk_mb` is 0): `available_bytes`, `reserve_bytes`, `writes_paused`, and `message` in plain words while they are" },
            "multilingual": { "type": "object", "description": "the bridge between languages: `enabled` (a multilingual model is loaded), `off_because` (why not), `model`, `model_bytes`, `records_embedded`, `languages` (vectors by language), `backlog` (change-log entries not embedded yet), `millis_per_record`, `failure` (the enrichment's last failure); the bilingual dictionaries: `dictionaries` (each pair loaded: `pair`, `from`, `headwords`, `bytes`, `load_millis`), `dictionaries_dir`, `dictionaries_loading` (still being read), `dictionaries_off_because` (why none is used), `dictionaries_left_out` (files that could not be read)" }
        })),
        "Hit": object("One search hit.", json!({
            "id": { "type": "string", "examples": ["demo-tu.0123456789abcdef0123"] },
            "title": { "type": "string" },
            "title_lang": { "type": "string" },
            "institution": { "type": ["string", "null"], "description": "the awarding institution, named in the visitor's language (`Accept-Language`) where its configuration gives such a name" },
            "institution_key": { "type": "string", "description": "its key, as the `institution` filter and facet take it: a configured institution's SCHAC code or first source id, else `name:…` (another awarding body its source may publish for) or `claim:…`" },
            "institution_unverified": { "type": "boolean", "description": "true when `institution` is only the record's claim: its source is not registered to publish for that awarding body (shown and faceted apart)" },
            "country": nullable("string"),
            "ects": nullable("number"),
            "credits": { "oneOf": [reference("Credits"), { "type": "null" }] },
            "eqf_level": nullable("integer"),
            "kind": { "type": "string" },
            "participation": { "type": "array", "items": { "type": "string", "enum": ["online", "on-site", "blended"] } },
            "languages": { "type": "array", "items": { "type": "string" }, "description": "languages of instruction (primary subtags), of the credential and its offers" },
            "next_offer": { "oneOf": [object("The offer that starts next (today or later).", json!({
                "start": { "type": "string", "format": "date" },
                "end": { "type": ["string", "null"], "format": "date" },
                "application_deadline": { "type": ["string", "null"], "format": "date" },
                "participation": { "type": ["string", "null"], "enum": ["online", "on-site", "blended", null] },
                "cost": { "type": ["string", "null"], "description": "the price as published" }
            })), { "type": "null" }] },
            "snippet": { "type": ["string", "null"], "description": "HTML-escaped text around the matches, matches in <b>" },
            "snippet_field": { "type": ["string", "null"], "enum": ["title", "outcomes", "description", null] },
            "score": { "type": "number" },
            "url": { "type": "string" },
            "across_languages": { "oneOf": [{ "type": "object", "properties": { "described_in": { "type": "string" }, "similarity": { "type": "number" } }, "required": ["described_in", "similarity"] }, { "type": "null" }], "description": "for a hit found by meaning in another language than the query's words (the multilingual bridge, when on; listed after the hits of the words, on a first page they do not fill): `described_in` (ISO 639-1) and `similarity`; null for a hit of the words" }
        })),
        "FacetValue": object("One value of a facet.", json!({
            "value": { "type": "string" },
            "label": { "type": "string" },
            "count": { "type": "integer" },
            "selected": { "type": "boolean" }
        })),
        "Search": object("A page of search results.", json!({
            "total": { "type": "integer" },
            "page": { "type": "integer" },
            "per_page": { "type": "integer" },
            "hits": { "type": "array", "items": reference("Hit") },
            "facets": {
                "type": "object",
                "description": "Every facet's values, each facet counted with its own selection ignored.",
                "additionalProperties": { "type": "array", "items": reference("FacetValue") }
            },
            "unstated": {
                "type": "array",
                "description": "For each element a filter asks about, the records matching the query and every other filter that do not state it, and whether they are let in (`include_unstated`).",
                "items": object("Records a filter leaves out, or lets in, for not stating its element.", json!({
                    "element": { "type": "string" },
                    "count": { "type": "integer", "minimum": 0 },
                    "included": { "type": "boolean" }
                }))
            }
        })),
        "Provenance": {
            "type": "object",
            "description": "Where a stored record came from; `via` lists earlier hops through other clearinghouses, oldest first.",
            "properties": {
                "source_id": { "type": "string" }, "run_id": { "type": "string" },
                "upstream_id": { "type": "string" }, "datestamp": nullable("string"),
                "harvested_at": { "type": "string", "format": "date-time" },
                "payload_hash": { "type": "string" }, "format": { "type": "string" },
                "via": { "type": "array", "items": { "type": "string" } }
            },
            "required": ["source_id", "run_id", "upstream_id", "datestamp", "harvested_at", "payload_hash", "format"],
            "additionalProperties": false
        },
        "CredentialRecord": object("A whole record with its provenance.", json!({
            "id": { "type": "string" },
            "version": { "type": "integer", "minimum": 1 },
            "deleted": { "type": "boolean" },
            "credential": { "oneOf": [reference("Credential"), { "type": "null" }] },
            "completeness": nullable("number"),
            "elements": { "type": "array", "items": object("An Annex I element and whether the record has it.", json!({
                "element": { "type": "string" }, "label": { "type": "string" }, "present": { "type": "boolean" }
            })) },
            "provenance": reference("Provenance"),
            "first_seen": { "type": "string", "format": "date-time" },
            "updated_at": { "type": "string", "format": "date-time" },
            "history": { "type": "array", "items": object("An earlier version.", json!({
                "version": { "type": "integer" }, "updated_at": { "type": "string", "format": "date-time" },
                "deleted": { "type": "boolean" }, "run_id": { "type": "string" }
            })) }
        })),
        "RunCounts": counts,
        "HarvestRun": {
            "type": "object",
            "description": "One harvest run of a source.",
            "properties": {
                "run_id": { "type": "string" }, "source_id": { "type": "string" },
                "started_at": { "type": "string", "format": "date-time" },
                "finished_at": { "type": ["string", "null"], "format": "date-time" },
                "outcome": { "type": "string", "enum": ["running", "succeeded", "partial", "failed"] },
                "incremental_from": nullable("string"),
                "pages": { "type": "integer" },
                "counts": reference("RunCounts"),
                "complete_list_size": nullable("integer"),
                "errors": { "type": "array", "items": { "type": "object", "properties": {
                    "upstream_id": nullable("string"), "reason": { "type": "string" } } } },
                "message": { "type": ["string", "null"], "description": "the technical detail: the error chain, the HTTP status and body, the OAI-PMH code and message; or notes of a partial run" },
                "failure": run_failure
            },
            "required": ["run_id", "source_id", "started_at", "outcome", "pages", "counts"]
        },
        "Source": object("A configured source and its last harvest.", json!({
            "id": { "type": "string" }, "institution": { "type": "string" }, "country": { "type": "string" },
            "protocol": { "type": "string" }, "location": { "type": "string" }, "format": { "type": "string" },
            "schedule": nullable("string"),
            "next_harvest": { "type": ["string", "null"], "format": "date-time" },
            "running_since": { "type": ["string", "null"], "format": "date-time" },
            "last_run": { "oneOf": [reference("HarvestRun"), { "type": "null" }] }
        }))
    })
}

/// The whole document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "MicroHE recognition clearinghouse API",
            "version": "1",
            "description": "The JSON API under /api/v1. Within v1, fields and parameters are only ever added; a field is never removed or renamed and its meaning never changes. Errors are JSON { code, message, parameter? }. The OAI-PMH 2.0 provider at /oai is described by its protocol, not here.",
            "license": { "name": "EUPL-1.2", "identifier": "EUPL-1.2" }
        },
        "paths": with_limit_responses(paths()),
        "components": {
            "schemas": schemas(),
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "an API token configured (as its SHA-256) for an institution" } }
        }
    })
}

/// Adds the answers of the request limits (`server/src/middleware.rs`) to every
/// operation: 414 for a query string over the limit, 429 when a client exceeds its rate
/// or failed authentications, and 413 for a body over the limit where there is a body.
fn with_limit_responses(mut paths: Value) -> Value {
    let Some(paths_map) = paths.as_object_mut() else {
        return paths;
    };
    for operations in paths_map.values_mut() {
        let Some(operations) = operations.as_object_mut() else {
            continue;
        };
        for (method, operation) in operations.iter_mut() {
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            responses.insert(
                "414".to_owned(),
                error_response("the query string is longer than the server accepts"),
            );
            let mut too_many = error_response(
                "too many requests (or failed authentications) from this client; retry after `Retry-After` seconds",
            );
            too_many["headers"] = json!({ "Retry-After": { "description": "seconds to wait", "schema": { "type": "integer" } } });
            responses.insert("429".to_owned(), too_many);
            if method == "post" {
                responses.insert(
                    "413".to_owned(),
                    error_response("the body is larger than the server accepts"),
                );
            }
        }
    }
    paths
}

/// `GET /api/v1/openapi.json`.
pub async fn serve() -> actix_web::HttpResponse {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(TEXT.get_or_init(|| document().to_string()).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.route("...", web::method()...)` of `routes.rs`, as `METHOD path`.
    fn routes_in_source() -> Vec<String> {
        let source = include_str!("routes.rs");
        let mut scope = "";
        let mut routes = Vec::new();
        for line in source.lines() {
            if let Some(rest) = line.split("web::scope(\"").nth(1) {
                scope = rest.split('"').next().unwrap_or("");
            }
        }
        let flat: String = source.split_whitespace().collect::<Vec<_>>().join("");
        for part in flat.split(".route(\"").skip(1) {
            let path = part.split('"').next().unwrap_or("");
            let method = part
                .split("web::")
                .nth(1)
                .and_then(|rest| rest.split('(').next())
                .unwrap_or("")
                .to_uppercase();
            if path.starts_with("/oai") {
                continue;
            }
            let full = if path == "/health" {
                path.to_owned()
            } else {
                format!("{scope}{path}")
            };
            routes.push(format!("{method} {full}"));
        }
        routes
    }

    #[test]
    fn every_route_is_documented() {
        let document = document();
        let routes = routes_in_source();
        assert!(
            routes.contains(&"GET /api/v1/search".to_owned()),
            "{routes:?}"
        );
        for route in &routes {
            let (method, path) = route.split_once(' ').unwrap();
            let documented = document["paths"][path][method.to_lowercase()].is_object();
            let pending = NOT_YET_DOCUMENTED.contains(&route.as_str());
            assert!(
                documented || pending,
                "{route} is served but not in the OpenAPI document: add it to openapi::paths()"
            );
            assert!(
                !(documented && pending),
                "{route} is documented: remove it from NOT_YET_DOCUMENTED"
            );
        }
    }

    #[test]
    fn every_reference_resolves() {
        let text = document().to_string();
        let schemas = document()["components"]["schemas"].clone();
        for piece in text.split("\"#/components/schemas/").skip(1) {
            let name = piece.split('"').next().unwrap();
            assert!(
                schemas[name].is_object(),
                "{name} is referenced but not defined"
            );
        }
    }
}
