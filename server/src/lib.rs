//! The clearinghouse service: the actix-web API, the harvest scheduler and the CLI.
//!
//! This crate wires the others together and is the only one that knows actix-web and the
//! JSON wire shapes (the `*View` types of [`views`]).
//!
//! - [`cli`]: the `clearinghouse` command line (serve, harvest, reindex, validate).
//! - [`app`]: builds the shared state and the HTTP server; used by `serve` and the tests.
//! - [`pipeline`]: runs harvests (harvester → indexer) and schedules them.
//! - [`routes`]: one module per URL subtree.
//! - [`pages`]: the web pages for people, rendered on the server.
//! - [`case_file`]: a decision's case file, read once for its page and its JSON.
//! - [`uploads`]: the credential files people upload on the pages, held in memory for
//!   their session only, never stored.
//! - [`reports`]: the feed-quality reports of the stored sources, kept until the store
//!   changes.
//! - [`oai`]: the OAI-PMH provider that other clearinghouses and aggregators harvest.
//! - [`openapi`]: the OpenAPI 3.1 document of the JSON API.
//! - [`auth`]: bearer tokens checked against configured hashes.
//! - [`backup`]: backup (while serving) and restore of a data directory.
//! - [`error`]: the one API error type with a stable code per case.
//! - [`institutions`]: the institution facet and hits: one value per publisher, named in
//!   the reader's language.
//! - [`middleware`]: rate limits, the failed-authentication lockout, request size bounds
//!   and the security headers of every response.

pub mod app;
pub mod auth;
pub mod backup;
pub mod budget;
pub mod case_file;
pub mod cli;
pub mod demo;
pub mod disk;
pub mod error;
pub mod institutions;
pub mod middleware;
pub mod notify;
pub mod oai;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod pipeline;
pub mod reports;
pub mod routes;
pub mod state;
pub mod uploads;
pub mod validate;
pub mod views;
