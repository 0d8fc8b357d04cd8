//! End-to-end tests of the whole workspace: one test binary, one module per area.

#![allow(
    clippy::disallowed_methods,
    reason = "tests talk to the server under test with plain clients; they fetch no feed"
)]

mod agreements;
mod backup;
mod bounds;
mod case_file;
mod claims;
mod completeness;
mod crash;
mod crosslingual;
mod decision_pages;
mod dictionaries;
mod disk;
mod evidence;
mod failures;
mod fresh_clone;
mod fuzz;
mod institutions;
mod notify;
mod oai;
mod pages;
mod pipeline;
mod portfolio;
mod private;
mod recognitions;
mod reports;
mod resume;
mod security;
mod source_page;
mod upload;
mod validate;
