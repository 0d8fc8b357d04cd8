//! The configuration file as written: serde structs that deny unknown keys, with every
//! default in a named function. [`crate::Config::validate`] turns them into typed values.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    #[serde(default = "default_data_dir")]
    pub data_dir: String,
    #[serde(default)]
    pub server: RawServer,
    #[serde(default)]
    pub harvest: RawHarvest,
    #[serde(default)]
    pub index: RawIndex,
    #[serde(default)]
    pub multilingual: RawMultilingual,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub tokens: Vec<RawToken>,
    #[serde(default)]
    pub demo: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawToken {
    pub id: String,
    pub sha256: String,
    pub institution: String,
    #[serde(default)]
    pub admin: bool,
    #[serde(default)]
    pub person: Option<String>,
}

fn default_data_dir() -> String {
    "data".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawServer {
    #[serde(default = "default_listen")]
    pub listen: String,
    #[serde(default)]
    pub workers: Option<usize>,
    #[serde(default = "default_rate_limit_per_minute")]
    pub rate_limit_per_minute: u32,
    #[serde(default = "default_rate_limit_burst")]
    pub rate_limit_burst: u32,
    #[serde(default = "default_failed_auth_per_minute")]
    pub failed_auth_per_minute: u32,
    #[serde(default = "default_failed_auth_total_per_minute")]
    pub failed_auth_total_per_minute: u32,
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: usize,
    #[serde(default = "default_max_upload_bytes")]
    pub max_upload_bytes: usize,
    #[serde(default = "default_max_query_bytes")]
    pub max_query_bytes: usize,
    #[serde(default)]
    pub backup_dir: Option<String>,
    #[serde(default)]
    pub public_url: Option<String>,
    #[serde(default = "default_recognition_budget_ms")]
    pub recognition_budget_ms: u64,
    #[serde(default = "default_min_free_disk_mb")]
    pub min_free_disk_mb: u64,
}

impl Default for RawServer {
    fn default() -> Self {
        RawServer {
            listen: default_listen(),
            workers: None,
            rate_limit_per_minute: default_rate_limit_per_minute(),
            rate_limit_burst: default_rate_limit_burst(),
            failed_auth_per_minute: default_failed_auth_per_minute(),
            failed_auth_total_per_minute: default_failed_auth_total_per_minute(),
            max_body_bytes: default_max_body_bytes(),
            max_upload_bytes: default_max_upload_bytes(),
            max_query_bytes: default_max_query_bytes(),
            backup_dir: None,
            public_url: None,
            recognition_budget_ms: default_recognition_budget_ms(),
            min_free_disk_mb: default_min_free_disk_mb(),
        }
    }
}

fn default_recognition_budget_ms() -> u64 {
    10_000
}

fn default_min_free_disk_mb() -> u64 {
    256
}

fn default_rate_limit_per_minute() -> u32 {
    600
}

fn default_rate_limit_burst() -> u32 {
    120
}

fn default_failed_auth_per_minute() -> u32 {
    10
}

fn default_failed_auth_total_per_minute() -> u32 {
    60
}

fn default_max_body_bytes() -> usize {
    1024 * 1024
}

fn default_max_upload_bytes() -> usize {
    1024 * 1024
}

fn default_max_query_bytes() -> usize {
    4096
}

fn default_listen() -> String {
    "127.0.0.1:8080".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHarvest {
    #[serde(default = "default_user_agent")]
    pub user_agent: String,
    #[serde(default = "default_request_timeout_secs")]
    pub request_timeout_secs: u64,
    #[serde(default = "default_harvest_timeout_secs")]
    pub harvest_timeout_secs: u64,
    #[serde(default = "default_max_concurrent_harvests")]
    pub max_concurrent_harvests: usize,
    #[serde(default = "default_max_response_bytes")]
    pub max_response_bytes: u64,
    #[serde(default = "default_min_request_interval_ms")]
    pub min_request_interval_ms: u64,
    #[serde(default = "default_max_retries")]
    pub max_retries: u32,
    #[serde(default = "default_max_shrink_fraction")]
    pub max_shrink_fraction: f64,
    #[serde(default)]
    pub harvest_on_start: bool,
    /// Let every source connect to private, loopback and link-local addresses.
    #[serde(default)]
    pub allow_private_addresses: bool,
    /// Where `file` sources may lie; `None`: the configuration file's directory.
    #[serde(default)]
    pub file_roots: Option<Vec<String>>,
    #[serde(default = "default_max_parse_memory_bytes")]
    pub max_parse_memory_bytes: u64,
    #[serde(default = "default_max_list_items")]
    pub max_list_items: usize,
    #[serde(default = "default_max_nesting_depth")]
    pub max_nesting_depth: usize,
    #[serde(default = "default_max_text_bytes")]
    pub max_text_bytes: usize,
    #[serde(default = "default_max_items_per_record")]
    pub max_items_per_record: usize,
    #[serde(default = "default_max_pages_per_run")]
    pub max_pages_per_run: u64,
    #[serde(default = "default_max_records_per_run")]
    pub max_records_per_run: u64,
    #[serde(default = "default_max_growth_factor")]
    pub max_growth_factor: f64,
}

impl Default for RawHarvest {
    fn default() -> Self {
        RawHarvest {
            user_agent: default_user_agent(),
            request_timeout_secs: default_request_timeout_secs(),
            harvest_timeout_secs: default_harvest_timeout_secs(),
            max_concurrent_harvests: default_max_concurrent_harvests(),
            max_response_bytes: default_max_response_bytes(),
            min_request_interval_ms: default_min_request_interval_ms(),
            max_retries: default_max_retries(),
            max_shrink_fraction: default_max_shrink_fraction(),
            harvest_on_start: false,
            allow_private_addresses: false,
            file_roots: None,
            max_parse_memory_bytes: default_max_parse_memory_bytes(),
            max_list_items: default_max_list_items(),
            max_nesting_depth: default_max_nesting_depth(),
            max_text_bytes: default_max_text_bytes(),
            max_items_per_record: default_max_items_per_record(),
            max_pages_per_run: default_max_pages_per_run(),
            max_records_per_run: default_max_records_per_run(),
            max_growth_factor: default_max_growth_factor(),
        }
    }
}

fn default_max_pages_per_run() -> u64 {
    100_000
}

fn default_max_records_per_run() -> u64 {
    5_000_000
}

fn default_max_parse_memory_bytes() -> u64 {
    model::ParseLimits::DEFAULT_MAX_PARSE_MEMORY_BYTES
}

fn default_max_list_items() -> usize {
    model::ParseLimits::DEFAULT_MAX_LIST_ITEMS
}

fn default_max_nesting_depth() -> usize {
    model::ParseLimits::DEFAULT_MAX_NESTING_DEPTH
}

fn default_max_text_bytes() -> usize {
    model::ParseLimits::DEFAULT_MAX_TEXT_BYTES
}

fn default_max_items_per_record() -> usize {
    model::ParseLimits::DEFAULT_MAX_ITEMS_PER_RECORD
}

fn default_user_agent() -> String {
    concat!(
        "MicroHE-Clearinghouse/",
        env!("CARGO_PKG_VERSION"),
        " (micro-credential recognition clearinghouse harvester)"
    )
    .to_owned()
}

fn default_request_timeout_secs() -> u64 {
    60
}

fn default_harvest_timeout_secs() -> u64 {
    6 * 3600
}

fn default_max_concurrent_harvests() -> usize {
    4
}

fn default_max_response_bytes() -> u64 {
    64 * 1024 * 1024
}

fn default_min_request_interval_ms() -> u64 {
    0
}

fn default_max_retries() -> u32 {
    4
}

fn default_max_growth_factor() -> f64 {
    10.0
}

fn default_max_shrink_fraction() -> f64 {
    0.5
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMultilingual {
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub dictionaries: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndex {
    #[serde(default = "default_writer_heap_bytes")]
    pub writer_heap_bytes: usize,
}

impl Default for RawIndex {
    fn default() -> Self {
        RawIndex {
            writer_heap_bytes: default_writer_heap_bytes(),
        }
    }
}

fn default_writer_heap_bytes() -> usize {
    128 * 1024 * 1024
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub id: String,
    pub institution: String,
    pub country: String,
    pub protocol: String,
    pub url: String,
    #[serde(default)]
    pub metadata_prefix: Option<String>,
    #[serde(default)]
    pub set: Option<String>,
    pub format: String,
    #[serde(default)]
    pub schedule: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    /// ewp only: the Courses API endpoint (`url` is the Course Replication API).
    #[serde(default)]
    pub courses_url: Option<String>,
    /// ewp only: the SCHAC code of the institution.
    #[serde(default)]
    pub hei_id: Option<String>,
    /// ewp only: most `los_id`s per Courses API request.
    #[serde(default)]
    pub max_los_ids: Option<usize>,
    /// Let this source connect to private, loopback and link-local addresses.
    #[serde(default)]
    pub allow_private_address: bool,
    /// Awarding bodies (names) this source may publish for besides its institution.
    #[serde(default)]
    pub publishes_for: Vec<String>,
    /// The institution's name in other languages: language code → name.
    #[serde(default)]
    pub institution_names: std::collections::BTreeMap<String, String>,
    /// The institution's SCHAC code (its Erasmus Without Paper `hei_id`).
    #[serde(default)]
    pub schac: Option<String>,
    /// A URL told of failed, partial and held harvests and of the recovery.
    #[serde(default)]
    pub notify: Option<String>,
    /// The secret the notices to `notify` are signed with (HMAC-SHA256).
    #[serde(default)]
    pub notify_secret: Option<String>,
    /// `institution` (the default), `aggregator` (may publish for any awarding body) or
    /// `clearinghouse` (an aggregator whose upstream provenance is accepted).
    #[serde(default)]
    pub role: Option<String>,
    /// This source's own cap on pages per run (`harvest.max_pages_per_run` otherwise).
    #[serde(default)]
    pub max_pages_per_run: Option<u64>,
    /// This source's own cap on records per run (`harvest.max_records_per_run`
    /// otherwise).
    #[serde(default)]
    pub max_records_per_run: Option<u64>,
    /// This source's own cap on growth per run (`harvest.max_growth_factor` otherwise).
    #[serde(default)]
    pub max_growth_factor: Option<f64>,
}

/// The Courses API's `max-los-ids` when the configuration does not say: small enough
/// for any partner (the EWP manifest of most partners allows more).
pub(crate) fn default_max_los_ids() -> usize {
    10
}
