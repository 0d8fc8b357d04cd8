//! Typed configuration of the clearinghouse, parsed and validated once at load.
//!
//! The TOML file is read into serde structs that deny unknown keys ([`raw`]), then
//! [`Config::validate`]d into the types the rest of the system uses: cron strings become
//! [`cron::Schedule`]s, URLs [`url::Url`]s, ids [`SourceId`]s. Every error names the key
//! and says what is wrong with it.
//!
//! Relative paths (`data_dir`, file sources) are resolved against the directory of the
//! configuration file. The embedded default is the bundled demo ([`demo`]): its paths are
//! resolved against the data directory, where its feeds (compiled into the binary) are
//! written when it starts, so a copied or installed binary runs it anywhere and writes
//! nowhere else. The command line may override the data directory and the listening
//! address ([`Overrides`]).
//!
//! ```
//! let text = r#"
//! data_dir = "data"
//! [server]
//! listen = "127.0.0.1:0"
//! "#;
//! let config = config::Config::from_toml_str(text, std::path::Path::new("/srv/ch")).unwrap();
//! assert_eq!(config.data_dir, std::path::PathBuf::from("/srv/ch/data"));
//! ```

pub mod demo;
mod institutions;
mod raw;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use institutions::{Institution, Institutions};
pub use model::Format;
use model::{Country, SourceId};

/// The annotated default configuration (the bundled demo), compiled into the binary.
pub const EMBEDDED_DEFAULT: &str = include_str!("../clearinghouse.toml");

/// The data directory when neither the configuration nor the command line names one:
/// `data/` under the current directory. Visible where the user ran the command and gone
/// with it, rather than hidden in a platform directory the user has to go looking for.
pub const DEFAULT_DATA_DIR: &str = "data";

/// What the command line overrides in a configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--data-dir` (or `CLEARINGHOUSE_DATA_DIR`).
    pub data_dir: Option<PathBuf>,
    /// `--listen`.
    pub listen: Option<SocketAddr>,
    /// `--model` (or `CLEARINGHOUSE_MODEL`): the multilingual model file.
    pub model: Option<PathBuf>,
    /// `--dictionaries` (or `CLEARINGHOUSE_DICTIONARIES`): the folder of the bilingual
    /// dictionaries.
    pub dictionaries: Option<PathBuf>,
}

/// Why a configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key or a value of the wrong type.
    #[error("configuration is not valid: {0}")]
    Syntax(String),
    /// A value is of the right type but not acceptable.
    #[error("configuration key `{key}`: {problem}")]
    Invalid {
        /// The key, as a path (`sources[1].schedule`).
        key: String,
        /// What is wrong and what would be right.
        problem: String,
    },
}

fn invalid(key: impl Into<String>, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        problem: problem.into(),
    }
}

/// The whole configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the sled store (`store/`) and tantivy index (`index/`) live.
    pub data_dir: PathBuf,
    /// The HTTP server.
    pub server: ServerConfig,
    /// How harvesting behaves for every source.
    pub harvest: HarvestConfig,
    /// The search index.
    pub index: IndexConfig,
    /// The bridge between languages.
    pub multilingual: MultilingualConfig,
    /// The feeds to harvest.
    pub sources: Vec<Source>,
    /// The institutions behind the sources: one per publisher ([`Institutions`]).
    pub institutions: Institutions,
    /// API tokens, stored as SHA-256 hashes: who may write, for which institution.
    pub tokens: Vec<ApiToken>,
    /// Whether this is the bundled demo ([`demo`]): demo decisions at first start, and a
    /// demo officer's sign-in.
    pub demo: bool,
}

/// An API token, known only by the SHA-256 hash of its secret.
#[derive(Debug, Clone)]
pub struct ApiToken {
    /// A name for audit trails and logs (never the secret).
    pub id: String,
    /// SHA-256 of the token.
    pub sha256: [u8; 32],
    /// The institution the token acts for: a source id, or another stable `[a-z0-9-]` id
    /// for an institution that only decides and publishes no feed.
    pub institution: String,
    /// Whether it may also act for every source (manual harvests, administration).
    pub admin: bool,
    /// The officer it belongs to, for a personal token: only those sign in on the pages,
    /// and the pages name the person in a decision's history. A token without one is an
    /// institution's API token, for programs.
    pub person: Option<String>,
}

/// The HTTP server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// Worker threads (default: one per core).
    pub workers: Option<usize>,
    /// Requests per minute and client IP address (IPv6: per /64) the server answers
    /// before `429 Too Many Requests`; 0 turns the limit off. `/health` is not limited.
    pub rate_limit_per_minute: u32,
    /// Requests a client may make at once before the per-minute rate applies.
    pub rate_limit_burst: u32,
    /// Failed authentications (bad or missing token, refused sign-in) per minute and
    /// client IP address before requests with credentials are refused with `429`;
    /// 0 turns the limit off.
    pub failed_auth_per_minute: u32,
    /// Failed authentications per minute from all addresses together before requests
    /// with credentials are refused with `429` from every address (guessing spread over
    /// many addresses); 0 turns the limit off. While it holds, officers who sign in are
    /// refused too: set it well above what your officers mistype.
    pub failed_auth_total_per_minute: u32,
    /// Largest request body accepted, in bytes (`413` beyond).
    pub max_body_bytes: usize,
    /// Largest credential file a person may upload or paste on the pages, in bytes
    /// (a plain-words refusal beyond); the upload form's body may exceed
    /// `max_body_bytes` by up to this much.
    pub max_upload_bytes: usize,
    /// Longest query string accepted, in bytes (`414` beyond).
    pub max_query_bytes: usize,
    /// The only directory backups requested through the API are written under (`None`:
    /// `backups` in the data directory, see [`Config::backup_dir`]).
    pub backup_dir: Option<PathBuf>,
    /// The address the clearinghouse is published at (`https://host[/prefix]`, no
    /// trailing slash): the OAI-PMH base URL and repository identifier are taken from
    /// it. Without it they come from the request's `Host` header (never from forwarded
    /// headers, which any client can send).
    pub public_url: Option<url::Url>,
    /// The longest a comparison or an equivalence lookup may take before the request is
    /// answered `503` (`over_time_budget`), in milliseconds.
    pub recognition_budget_ms: u64,
    /// Free space, in megabytes, kept on the data directory's file system: below it the
    /// clearinghouse stops writing (harvests and decisions are refused, `/health` says
    /// `degraded`) until space is back, so that the store never runs into a full disk
    /// and a refused harvest can still be recorded; 0 turns the check off.
    pub min_free_disk_mb: u64,
}

/// How harvesting behaves.
#[derive(Debug, Clone)]
pub struct HarvestConfig {
    /// The `User-Agent` header sent to every source.
    pub user_agent: String,
    /// Timeout for one HTTP request, in seconds.
    pub request_timeout_secs: u64,
    /// Timeout for a whole harvest of one source, in seconds.
    pub harvest_timeout_secs: u64,
    /// How many sources may harvest at once.
    pub max_concurrent_harvests: usize,
    /// Largest response accepted, in bytes.
    pub max_response_bytes: u64,
    /// Minimum time between two requests to the same source, in milliseconds.
    pub min_request_interval_ms: u64,
    /// Retries after a connection error or a 5xx, with exponential backoff.
    pub max_retries: u32,
    /// A full-document feed that shrinks by more than this share is held for review.
    pub max_shrink_fraction: f64,
    /// Whether to harvest every source once when `serve` starts.
    pub harvest_on_start: bool,
    /// Whether every source may connect to private, loopback, link-local, CGNAT,
    /// unique-local and metadata addresses (default: refused, against SSRF).
    pub allow_private_addresses: bool,
    /// The directories `file` sources must lie in, after following symbolic links
    /// (absolute after load; default: the configuration file's directory).
    pub file_roots: Vec<std::path::PathBuf>,
    /// Most pages one run of a source stores before it stops (a feed paging without end),
    /// unless the source sets its own.
    pub max_pages_per_run: u64,
    /// Most records one run of a source stores before it stops, unless the source sets
    /// its own.
    pub max_records_per_run: u64,
    /// A run of a source that holds records stops after storing this many times as
    /// many records as the source held when it started (and at least
    /// [`GROWTH_ALLOWED_AT_LEAST`]), unless the source sets its own: a feed that suddenly
    /// grows many-fold is not taken in one run.
    pub max_growth_factor: f64,
    /// The limits on reading one harvested document (`max_parse_memory_bytes`,
    /// `max_list_items`, `max_nesting_depth`, `max_text_bytes`, `max_items_per_record`).
    pub parse_limits: model::ParseLimits,
}

/// The search index.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Memory for tantivy's indexing buffer, in bytes.
    pub writer_heap_bytes: usize,
}

/// Where Debian's `dict-freedict-*` packages install their dictionaries: the folder of
/// the bilingual dictionaries when the configuration names none.
pub const DEFAULT_DICTIONARIES_DIR: &str = "/usr/share/dictd";

/// The bridge between languages (`[multilingual]`).
#[derive(Debug, Clone)]
pub struct MultilingualConfig {
    /// The multilingual-E5-small model file (`e5-small-q4.bin`, fetched by
    /// `embed/fetch-model.sh`); without it the bridge is off.
    pub model: Option<PathBuf>,
    /// The folder of the bilingual dictionaries into English (FreeDict's dictd files,
    /// `freedict-XXX-eng.index` and `.dict.dz`, fetched by
    /// `crosslingual/fetch-dictionaries.sh`): [`DEFAULT_DICTIONARIES_DIR`] unless the
    /// configuration names another; `None` when it is set to `""` (no dictionaries).
    pub dictionaries: Option<PathBuf>,
}

impl Default for MultilingualConfig {
    fn default() -> Self {
        MultilingualConfig {
            model: None,
            dictionaries: Some(PathBuf::from(DEFAULT_DICTIONARIES_DIR)),
        }
    }
}

/// How to fetch a source.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetch {
    /// An OAI-PMH 2.0 endpoint, harvested with `ListRecords`.
    OaiPmh {
        /// The base URL.
        url: url::Url,
        /// The `metadataPrefix` to ask for.
        metadata_prefix: String,
        /// The `set` to harvest, if not all.
        set: Option<String>,
    },
    /// One document over HTTP(S) holding the whole feed.
    Http {
        /// Its URL.
        url: url::Url,
    },
    /// One local file holding the whole feed.
    File {
        /// Its path (absolute after load).
        path: PathBuf,
    },
    /// An Erasmus Without Paper partner: the Course Replication API lists the ids of its
    /// learning opportunities, the Courses API serves them in batches. Requests are not
    /// signed (EWP HTTP signatures are not supported yet), so only endpoints that answer
    /// unsigned requests can be harvested.
    Ewp {
        /// The Course Replication API endpoint (the `url` key).
        replication_url: url::Url,
        /// The Courses API endpoint (the `courses_url` key).
        courses_url: url::Url,
        /// The SCHAC code of the institution whose courses are harvested (`hei_id`).
        hei_id: String,
        /// Most `los_id`s per Courses API request, as the partner's manifest declares.
        max_los_ids: usize,
    },
}

impl Fetch {
    /// The protocol name, as configured.
    pub fn protocol(&self) -> &'static str {
        match self {
            Fetch::OaiPmh { .. } => "oai-pmh",
            Fetch::Http { .. } => "http",
            Fetch::File { .. } => "file",
            Fetch::Ewp { .. } => "ewp",
        }
    }

    /// The URL or path, for display.
    pub fn location(&self) -> String {
        match self {
            Fetch::OaiPmh { url, .. } | Fetch::Http { url } => url.to_string(),
            Fetch::File { path } => path.display().to_string(),
            Fetch::Ewp {
                replication_url, ..
            } => replication_url.to_string(),
        }
    }
}

/// A source's webhook (`notify`, `notify_secret`).
#[derive(Debug, Clone, PartialEq)]
pub struct Notify {
    /// The URL notices are posted to (fetched under the harvest's address rules).
    pub url: url::Url,
    /// The HMAC-SHA256 key of their signature.
    pub secret: String,
}

/// One feed of one institution.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id (`[a-z0-9-]`).
    pub id: SourceId,
    /// The publishing institution's name.
    pub institution: String,
    /// Its name in other languages (`institution_names`): language code and name.
    pub institution_names: Vec<(String, String)>,
    /// Its SCHAC code (`schac`, or the `hei_id` of an `ewp` source), when known: sources
    /// with the same code are one institution ([`Institutions`]).
    pub schac: Option<String>,
    /// Where to tell its publisher of a failed, partial or held harvest and of the
    /// recovery (a webhook), with the secret the notices are signed with.
    pub notify: Option<Notify>,
    /// Its country.
    pub country: Country,
    /// How to fetch it.
    pub fetch: Fetch,
    /// Which parser reads it.
    pub format: Format,
    /// When to harvest it; `None` for manual runs only.
    pub schedule: Option<cron::Schedule>,
    /// The schedule as written, for display.
    pub schedule_text: Option<String>,
    /// The institution's home page.
    pub homepage: Option<url::Url>,
    /// Whether this source may connect to non-public addresses (see
    /// [`HarvestConfig::allow_private_addresses`]).
    pub allow_private_address: bool,
    /// The awarding bodies (names) it may publish for besides its institution.
    pub publishes_for: Vec<String>,
    /// What it is: an institution, an aggregator or another clearinghouse.
    pub role: SourceRole,
    /// Its own cap on pages per run ([`HarvestConfig::max_pages_per_run`] otherwise).
    pub max_pages_per_run: Option<u64>,
    /// Its own cap on records per run ([`HarvestConfig::max_records_per_run`] otherwise).
    pub max_records_per_run: Option<u64>,
    /// Its own cap on growth per run ([`HarvestConfig::max_growth_factor`] otherwise).
    pub max_growth_factor: Option<f64>,
}

impl Config {
    /// Reads and validates the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let base_dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let base_dir = if base_dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base_dir
        };
        Config::from_toml_str(&text, &base_dir)
    }

    /// The embedded default, the bundled demo, with its data (and its feeds, once
    /// The directory backups requested through the API go under: `server.backup_dir`,
    /// or `backups` in the data directory.
    pub fn backup_dir(&self) -> PathBuf {
        self.server
            .backup_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    /// [`demo::write_feeds`] wrote them) in `data_dir`.
    pub fn embedded_default(data_dir: &Path) -> Result<Config, ConfigError> {
        Config::from_toml_str(EMBEDDED_DEFAULT, data_dir)
    }

    /// The configuration a command runs with: the file at `path` (its relative paths
    /// relative to it) or the embedded demo, with the command line's overrides.
    pub fn for_command(path: Option<&Path>, overrides: &Overrides) -> Result<Config, ConfigError> {
        let mut config = match path {
            Some(path) => Config::load(path)?,
            None => {
                let data_dir = overrides
                    .data_dir
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
                Config::embedded_default(&data_dir)?
            }
        };
        if let Some(data_dir) = &overrides.data_dir {
            config.data_dir = data_dir.clone();
        }
        if let Some(listen) = overrides.listen {
            config.server.listen = listen;
        }
        if let Some(model) = &overrides.model {
            config.multilingual.model = Some(model.clone());
        }
        if let Some(dictionaries) = &overrides.dictionaries {
            config.multilingual.dictionaries =
                (!dictionaries.as_os_str().is_empty()).then(|| dictionaries.clone());
        }
        Ok(config)
    }

    /// Parses and validates `text`; relative paths are taken from `base_dir`.
    pub fn from_toml_str(text: &str, base_dir: &Path) -> Result<Config, ConfigError> {
        let raw: raw::RawConfig =
            toml::from_str(text).map_err(|err| ConfigError::Syntax(err.to_string()))?;
        Config::validate(raw, base_dir)
    }

    fn validate(raw: raw::RawConfig, base_dir: &Path) -> Result<Config, ConfigError> {
        let data_dir = resolve(base_dir, &raw.data_dir);
        let listen = SocketAddr::from_str(&raw.server.listen).map_err(|err| {
            invalid(
                "server.listen",
                format!(
                    "{:?} is not an address and port like 127.0.0.1:8080 ({err})",
                    raw.server.listen
                ),
            )
        })?;
        if raw.server.workers == Some(0) {
            return Err(invalid("server.workers", "must be at least 1"));
        }
        if raw.server.rate_limit_per_minute > 0 && raw.server.rate_limit_burst == 0 {
            return Err(invalid(
                "server.rate_limit_burst",
                "must be at least 1 while server.rate_limit_per_minute is on",
            ));
        }
        for (key, value) in [
            ("server.max_body_bytes", raw.server.max_body_bytes),
            ("server.max_upload_bytes", raw.server.max_upload_bytes),
            ("server.max_query_bytes", raw.server.max_query_bytes),
            (
                "server.recognition_budget_ms",
                raw.server.recognition_budget_ms as usize,
            ),
        ] {
            if value == 0 {
                return Err(invalid(key, "must be greater than 0"));
            }
        }
        let harvest = validate_harvest(raw.harvest, base_dir)?;
        if raw.index.writer_heap_bytes < 15_000_000 {
            return Err(invalid(
                "index.writer_heap_bytes",
                "must be at least 15000000 (tantivy's minimum)",
            ));
        }
        let mut sources: Vec<Source> = Vec::with_capacity(raw.sources.len());
        for (i, raw_source) in raw.sources.into_iter().enumerate() {
            let source = validate_source(i, raw_source, base_dir)?;
            if sources.iter().any(|other| other.id == source.id) {
                return Err(invalid(
                    format!("sources[{i}].id"),
                    format!(
                        "{:?} is used by another source; ids must be unique",
                        source.id.as_str()
                    ),
                ));
            }
            sources.push(source);
        }
        let mut tokens: Vec<ApiToken> = Vec::with_capacity(raw.tokens.len());
        for (i, raw_token) in raw.tokens.into_iter().enumerate() {
            let token = validate_token(i, raw_token)?;
            if tokens.iter().any(|other| other.id == token.id) {
                return Err(invalid(
                    format!("tokens[{i}].id"),
                    format!(
                        "{:?} is used by another token; ids must be unique",
                        token.id
                    ),
                ));
            }
            tokens.push(token);
        }
        if !raw.demo
            && let Some(position) = tokens
                .iter()
                .position(|token| token.sha256 == demo::officer_token_sha256())
        {
            return Err(invalid(
                format!("tokens[{position}].sha256"),
                "this is the demo officer's token, which is public: configure a token of \
                 your own (printf %s 'a long random secret' | sha256sum)",
            ));
        }
        Ok(Config {
            tokens,
            demo: raw.demo,
            data_dir,
            server: ServerConfig {
                listen,
                workers: raw.server.workers,
                rate_limit_per_minute: raw.server.rate_limit_per_minute,
                rate_limit_burst: raw.server.rate_limit_burst,
                failed_auth_per_minute: raw.server.failed_auth_per_minute,
                failed_auth_total_per_minute: raw.server.failed_auth_total_per_minute,
                max_body_bytes: raw.server.max_body_bytes,
                max_upload_bytes: raw.server.max_upload_bytes,
                max_query_bytes: raw.server.max_query_bytes,
                backup_dir: raw
                    .server
                    .backup_dir
                    .as_deref()
                    .map(|dir| resolve(base_dir, dir)),
                recognition_budget_ms: raw.server.recognition_budget_ms,
                min_free_disk_mb: raw.server.min_free_disk_mb,
                public_url: raw
                    .server
                    .public_url
                    .as_deref()
                    .map(parse_public_url)
                    .transpose()?,
            },
            harvest,
            index: IndexConfig {
                writer_heap_bytes: raw.index.writer_heap_bytes,
            },
            multilingual: MultilingualConfig {
                model: raw
                    .multilingual
                    .model
                    .filter(|path| !path.trim().is_empty())
                    .map(|path| resolve(base_dir, &path)),
                dictionaries: match raw.multilingual.dictionaries {
                    None => Some(PathBuf::from(DEFAULT_DICTIONARIES_DIR)),
                    Some(path) if path.trim().is_empty() => None,
                    Some(path) => Some(resolve(base_dir, &path)),
                },
            },
            institutions: Institutions::new(&sources),
            sources,
        })
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id.as_str() == id)
    }

    /// The source a lookup scoped to `text` looks at: the source with that id, else the
    /// first source of the institution with that key or name ([`Institutions::resolve`]).
    pub fn source_of_institution(&self, text: &str) -> Option<&Source> {
        self.source(text).or_else(|| {
            let institution = self.institutions.resolve(text)?;
            self.source(institution.sources.first()?.as_str())
        })
    }

    /// The name of the institution with this id, if one is configured: a source's
    /// institution, or an institution that only decides (a token's), named by its id.
    pub fn institution_name(&self, id: &str) -> Option<&str> {
        self.institution_name_in::<&str>(id, &[])
    }

    /// [`Self::institution_name`] in the first of `languages` the institution has a name
    /// in ([`Institution::name_in`]).
    pub fn institution_name_in<S: AsRef<str>>(&self, id: &str, languages: &[S]) -> Option<&str> {
        match self.institutions.of_source(id) {
            Some(institution) => Some(institution.name_in(languages)),
            None => self
                .tokens
                .iter()
                .find(|token| token.institution == id)
                .map(|token| token.institution.as_str()),
        }
    }
}

fn validate_token(i: usize, raw: raw::RawToken) -> Result<ApiToken, ConfigError> {
    let key = |name: &str| format!("tokens[{i}].{name}");
    if raw.id.trim().is_empty() {
        return Err(invalid(key("id"), "must not be empty"));
    }
    let hex = raw.sha256.trim().to_ascii_lowercase();
    let mut sha256 = [0u8; 32];
    let well_formed = hex.len() == 64
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && (0..32).all(|j| {
            u8::from_str_radix(&hex[2 * j..2 * j + 2], 16)
                .map(|byte| sha256[j] = byte)
                .is_ok()
        });
    if !well_formed {
        return Err(invalid(
            key("sha256"),
            "must be the 64 hex digits of the token's SHA-256 (e.g. `printf %s TOKEN | sha256sum`); \
             never put the token itself in the configuration",
        ));
    }
    SourceId::parse(&raw.institution).map_err(|_| {
        invalid(
            key("institution"),
            format!(
                "{:?} must be an id of a-z, 0-9 and '-' (a source id or an institution id)",
                raw.institution
            ),
        )
    })?;
    let person = match raw.person.as_deref().map(str::trim) {
        None => None,
        Some("") => return Err(invalid(key("person"), "must not be empty when given")),
        Some(person) if person.chars().count() > 100 => {
            return Err(invalid(key("person"), "must be at most 100 characters"));
        }
        Some(person) => Some(person.to_owned()),
    };
    Ok(ApiToken {
        id: raw.id,
        sha256,
        institution: raw.institution,
        admin: raw.admin,
        person,
    })
}

fn resolve(base_dir: &Path, path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        path.to_path_buf()
    } else if path == Path::new(".") {
        base_dir.to_path_buf()
    } else {
        base_dir.join(path)
    }
}

fn validate_harvest(raw: raw::RawHarvest, base_dir: &Path) -> Result<HarvestConfig, ConfigError> {
    if raw.user_agent.trim().is_empty() {
        return Err(invalid("harvest.user_agent", "must not be empty"));
    }
    for (key, value) in [
        ("harvest.request_timeout_secs", raw.request_timeout_secs),
        ("harvest.harvest_timeout_secs", raw.harvest_timeout_secs),
        ("harvest.max_response_bytes", raw.max_response_bytes),
        (
            "harvest.max_concurrent_harvests",
            raw.max_concurrent_harvests as u64,
        ),
        ("harvest.max_parse_memory_bytes", raw.max_parse_memory_bytes),
        ("harvest.max_list_items", raw.max_list_items as u64),
        ("harvest.max_nesting_depth", raw.max_nesting_depth as u64),
        ("harvest.max_text_bytes", raw.max_text_bytes as u64),
        (
            "harvest.max_items_per_record",
            raw.max_items_per_record as u64,
        ),
    ] {
        if value == 0 {
            return Err(invalid(key, "must be greater than 0"));
        }
    }
    for (key, value) in [
        ("harvest.max_pages_per_run", raw.max_pages_per_run),
        ("harvest.max_records_per_run", raw.max_records_per_run),
    ] {
        if value == 0 {
            return Err(invalid(key, "must be at least 1"));
        }
    }
    check_growth_factor("harvest.max_growth_factor", raw.max_growth_factor)?;
    if !(raw.max_shrink_fraction > 0.0 && raw.max_shrink_fraction <= 1.0) {
        return Err(invalid(
            "harvest.max_shrink_fraction",
            format!(
                "{} is not a share between 0 (exclusive) and 1 (1 disables the guard)",
                raw.max_shrink_fraction
            ),
        ));
    }
    let file_roots = match raw.file_roots {
        None => vec![base_dir.to_path_buf()],
        Some(roots) => {
            if let Some(i) = roots.iter().position(|root| root.trim().is_empty()) {
                return Err(invalid(
                    format!("harvest.file_roots[{i}]"),
                    "must be a directory path, not empty",
                ));
            }
            roots.iter().map(|root| resolve(base_dir, root)).collect()
        }
    };
    Ok(HarvestConfig {
        allow_private_addresses: raw.allow_private_addresses,
        file_roots,
        user_agent: raw.user_agent,
        request_timeout_secs: raw.request_timeout_secs,
        harvest_timeout_secs: raw.harvest_timeout_secs,
        max_concurrent_harvests: raw.max_concurrent_harvests,
        max_response_bytes: raw.max_response_bytes,
        min_request_interval_ms: raw.min_request_interval_ms,
        max_retries: raw.max_retries,
        max_shrink_fraction: raw.max_shrink_fraction,
        harvest_on_start: raw.harvest_on_start,
        max_pages_per_run: raw.max_pages_per_run,
        max_records_per_run: raw.max_records_per_run,
        max_growth_factor: raw.max_growth_factor,
        parse_limits: model::ParseLimits {
            max_parse_memory_bytes: raw.max_parse_memory_bytes,
            max_list_items: raw.max_list_items,
            max_nesting_depth: raw.max_nesting_depth,
            max_text_bytes: raw.max_text_bytes,
            max_items_per_record: raw.max_items_per_record,
        },
    })
}

fn validate_source(i: usize, raw: raw::RawSource, base_dir: &Path) -> Result<Source, ConfigError> {
    let key = |name: &str| format!("sources[{i}].{name}");
    let id = SourceId::parse(&raw.id).map_err(|err| invalid(key("id"), err.to_string()))?;
    if id.as_str() == model::UPLOADED_SOURCE {
        return Err(invalid(
            key("id"),
            format!(
                "{:?} is reserved for the credentials people upload on the pages; choose another id",
                model::UPLOADED_SOURCE
            ),
        ));
    }
    if raw.institution.trim().is_empty() {
        return Err(invalid(key("institution"), "must not be empty"));
    }
    let country =
        Country::parse(&raw.country).map_err(|err| invalid(key("country"), err.to_string()))?;
    let format = Format::parse(&raw.format).ok_or_else(|| {
        invalid(
            key("format"),
            format!(
                "unknown format {:?}; allowed: {}",
                raw.format,
                Format::names()
            ),
        )
    })?;
    let parse_url_of = |name: &str, text: &str| -> Result<url::Url, ConfigError> {
        let url = url::Url::parse(text)
            .map_err(|err| invalid(key(name), format!("{text:?} is not a URL ({err})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(
                key(name),
                format!("{text:?} must be an http or https URL"),
            ));
        }
        if url.host_str().is_none() {
            return Err(invalid(key(name), format!("{text:?} has no host")));
        }
        Ok(url)
    };
    let parse_url = |text: &str| parse_url_of("url", text);
    if raw.metadata_prefix.is_some() && raw.protocol != "oai-pmh" {
        return Err(invalid(
            key("metadata_prefix"),
            "only applies to protocol = \"oai-pmh\"",
        ));
    }
    if raw.set.is_some() && raw.protocol != "oai-pmh" {
        return Err(invalid(
            key("set"),
            "only applies to protocol = \"oai-pmh\"",
        ));
    }
    for (name, present) in [
        ("courses_url", raw.courses_url.is_some()),
        ("hei_id", raw.hei_id.is_some()),
        ("max_los_ids", raw.max_los_ids.is_some()),
    ] {
        if present && raw.protocol != "ewp" {
            return Err(invalid(key(name), "only applies to protocol = \"ewp\""));
        }
    }
    let fetch = match raw.protocol.as_str() {
        "oai-pmh" => Fetch::OaiPmh {
            url: parse_url(&raw.url)?,
            metadata_prefix: raw.metadata_prefix.unwrap_or_else(|| "oai_dc".to_owned()),
            set: raw.set,
        },
        "http" => Fetch::Http {
            url: parse_url(&raw.url)?,
        },
        "file" => {
            if raw.url.trim().is_empty() {
                return Err(invalid(
                    key("url"),
                    "must be a file path for protocol \"file\"",
                ));
            }
            Fetch::File {
                path: resolve(
                    base_dir,
                    raw.url.strip_prefix("file://").unwrap_or(&raw.url),
                ),
            }
        }
        "ewp" => {
            let courses_url = raw.courses_url.as_deref().ok_or_else(|| {
                invalid(
                    key("courses_url"),
                    "is required for protocol \"ewp\" (the Courses API endpoint)",
                )
            })?;
            let hei_id = raw
                .hei_id
                .clone()
                .filter(|hei_id| !hei_id.trim().is_empty())
                .ok_or_else(|| {
                    invalid(
                        key("hei_id"),
                        "is required for protocol \"ewp\" (the SCHAC code, e.g. \"uw.edu.pl\")",
                    )
                })?;
            let max_los_ids = raw.max_los_ids.unwrap_or_else(raw::default_max_los_ids);
            if max_los_ids == 0 {
                return Err(invalid(key("max_los_ids"), "must be greater than 0"));
            }
            Fetch::Ewp {
                replication_url: parse_url(&raw.url)?,
                courses_url: parse_url_of("courses_url", courses_url)?,
                hei_id,
                max_los_ids,
            }
        }
        other => {
            return Err(invalid(
                key("protocol"),
                format!("unknown protocol {other:?}; allowed: oai-pmh, http, file, ewp"),
            ));
        }
    };
    let schedule = match raw.schedule.as_deref() {
        None => None,
        Some(text) => Some(cron::Schedule::from_str(text).map_err(|err| {
            invalid(
                key("schedule"),
                format!(
                    "{text:?} is not a cron expression ({err}); write six fields: \
                     sec min hour day-of-month month day-of-week, e.g. \"0 0 3 * * *\""
                ),
            )
        })?),
    };
    let homepage = raw
        .homepage
        .as_deref()
        .map(|text| {
            url::Url::parse(text)
                .map_err(|err| invalid(key("homepage"), format!("{text:?} is not a URL ({err})")))
        })
        .transpose()?;
    let mut institution_names = Vec::new();
    for (lang, name) in &raw.institution_names {
        let lang = lang.trim().to_ascii_lowercase();
        let well_formed =
            (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
        if !well_formed {
            return Err(invalid(
                key("institution_names"),
                format!("{lang:?} is not a language code (two or three letters, e.g. \"en\")"),
            ));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(invalid(
                key("institution_names"),
                format!("the name in {lang:?} is empty"),
            ));
        }
        institution_names.push((lang, name.to_owned()));
    }
    let hei_id = match &fetch {
        Fetch::Ewp { hei_id, .. } => Some(hei_id.trim().to_ascii_lowercase()),
        _ => None,
    };
    let schac = match raw
        .schac
        .as_deref()
        .map(|code| code.trim().to_ascii_lowercase())
    {
        Some(code) => {
            let well_formed = code.contains('.')
                && !code.starts_with('.')
                && !code.ends_with('.')
                && code.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'
                });
            if !well_formed {
                return Err(invalid(
                    key("schac"),
                    format!(
                        "{code:?} is not a SCHAC code (the institution's domain, e.g. \"uw.edu.pl\")"
                    ),
                ));
            }
            if hei_id.as_ref().is_some_and(|hei_id| *hei_id != code) {
                return Err(invalid(
                    key("schac"),
                    format!(
                        "{code:?} differs from `hei_id`; an EWP source's SCHAC code is its `hei_id`"
                    ),
                ));
            }
            Some(code)
        }
        None => hei_id,
    };
    let notify = match (raw.notify.as_deref(), raw.notify_secret) {
        (None, None) => None,
        (None, Some(_)) => {
            return Err(invalid(
                key("notify_secret"),
                "is set but `notify` (the URL) is not",
            ));
        }
        (Some(text), secret) => {
            let url = url::Url::parse(text)
                .ok()
                .filter(|url| matches!(url.scheme(), "http" | "https"))
                .ok_or_else(|| invalid(key("notify"), format!("{text:?} is not an http(s) URL")))?;
            let secret = secret.filter(|secret| secret.len() >= 16).ok_or_else(|| {
                invalid(
                    key("notify_secret"),
                    "must be set with `notify`, at least 16 characters: the receiver checks \
                     each notice's signature with it",
                )
            })?;
            Some(Notify { url, secret })
        }
    };
    Ok(Source {
        id,
        institution: raw.institution,
        institution_names,
        schac,
        notify,
        country,
        fetch,
        format,
        schedule,
        schedule_text: raw.schedule,
        homepage,
        allow_private_address: raw.allow_private_address,
        publishes_for: raw
            .publishes_for
            .into_iter()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect(),
        role: match raw.role.as_deref().map(str::trim) {
            None | Some("institution") => SourceRole::Institution,
            Some("aggregator") => SourceRole::Aggregator,
            Some("clearinghouse") => SourceRole::Clearinghouse,
            Some(other) => {
                return Err(invalid(
                    key("role"),
                    format!("{other:?} is not a role: institution, aggregator or clearinghouse"),
                ));
            }
        },
        max_pages_per_run: positive(key("max_pages_per_run"), raw.max_pages_per_run)?,
        max_records_per_run: positive(key("max_records_per_run"), raw.max_records_per_run)?,
        max_growth_factor: match raw.max_growth_factor {
            Some(factor) => Some(check_growth_factor(&key("max_growth_factor"), factor)?),
            None => None,
        },
    })
}

/// Records a run may always store, whatever the source held before
/// ([`HarvestConfig::max_growth_factor`]).
pub const GROWTH_ALLOWED_AT_LEAST: u64 = 1_000;

fn check_growth_factor(key: &str, factor: f64) -> Result<f64, ConfigError> {
    if factor.is_finite() && factor >= 1.0 {
        Ok(factor)
    } else {
        Err(invalid(
            key,
            format!(
                "{factor} is not a factor of at least 1 (a run may store this many times the \
                 records its source held)"
            ),
        ))
    }
}

/// What a source is, which says whose credentials it may publish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceRole {
    /// An institution publishing its own credentials (and those of the awarding bodies
    /// it lists in `publishes_for`); a record naming another is shown as a claim.
    #[default]
    Institution,
    /// A consortium or portal publishing for many awarding bodies: trusted to name them.
    Aggregator,
    /// Another clearinghouse: an aggregator whose records' upstream provenance (the hops
    /// they took before) is accepted and republished as asserted by it.
    Clearinghouse,
}

impl SourceRole {
    /// Whether it may name any awarding body.
    pub fn publishes_for_anyone(self) -> bool {
        self != SourceRole::Institution
    }

    /// Its name in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            SourceRole::Institution => "institution",
            SourceRole::Aggregator => "aggregator",
            SourceRole::Clearinghouse => "clearinghouse",
        }
    }
}

/// `value`, refused when it is 0.
fn positive(key: String, value: Option<u64>) -> Result<Option<u64>, ConfigError> {
    match value {
        Some(0) => Err(invalid(key, "must be at least 1")),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests;

/// `server.public_url`: an absolute `http(s)` URL without query or fragment, its path
/// kept without a trailing slash.
fn parse_public_url(text: &str) -> Result<url::Url, ConfigError> {
    let problem = |what: &str| invalid("server.public_url", format!("{text:?} {what}"));
    let mut url = url::Url::parse(text).map_err(|err| problem(&format!("is not a URL: {err}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(problem("must be an http or https address with a host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(problem("must not have a query or fragment"));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    Ok(url)
}
