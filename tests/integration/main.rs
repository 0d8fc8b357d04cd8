//! End-to-end tests of the whole workspace: one test binary, one module per area.

mod backup;
mod crash;
mod fuzz;
mod oai;
mod pages;
mod pipeline;
mod recognitions;
mod reports;
mod resume;
mod security;
