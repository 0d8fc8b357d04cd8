//! How much of a harvested document the clearinghouse will read: the limits that bound
//! the memory and the work one feed page can cost, whatever the feed holds (issue 23).
//!
//! They are set in `[harvest]` of the configuration (`config`), enforced while a document
//! is parsed (`formats`: a document over a limit fails as a whole, with an error naming
//! the limit) and, for the lists of one record, by cutting the list and telling the
//! publisher (a per-record issue). The defaults are far above what any real feed
//! publishes (see `docs/normalisation.md`, "Limits"), so only a broken or hostile feed
//! meets them.

/// The limits on reading one harvested document (a feed page or a whole file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLimits {
    /// The most memory the parsed form of one document may take, in bytes, as estimated
    /// while it is read (`harvest.max_parse_memory_bytes`).
    pub max_parse_memory_bytes: u64,
    /// The most items in any one list of a document: a JSON array or object, the children
    /// of an XML element, the records of a document (`harvest.max_list_items`).
    pub max_list_items: usize,
    /// The deepest nesting of JSON arrays and objects, or of XML elements
    /// (`harvest.max_nesting_depth`).
    pub max_nesting_depth: usize,
    /// The longest single text: a JSON string, an XML text node or attribute value, in
    /// bytes (`harvest.max_text_bytes`).
    pub max_text_bytes: usize,
    /// The most items kept in one list of one record (learning outcomes, offers, skills,
    /// keywords, identifiers, ...); a longer list is cut there and the cut recorded as an
    /// issue of the record (`harvest.max_items_per_record`).
    pub max_items_per_record: usize,
}

impl ParseLimits {
    /// 512 MiB: eight times the largest response accepted by default (64 MiB), the
    /// estimated tree of a real document being two to five times its size.
    pub const DEFAULT_MAX_PARSE_MEMORY_BYTES: u64 = 512 * 1024 * 1024;
    /// 100,000: the largest real catalogues publish some tens of thousands of records
    /// in one document.
    pub const DEFAULT_MAX_LIST_ITEMS: usize = 100_000;
    /// 64: JSON-LD credentials nest about 12 levels deep, XML feeds about 10.
    pub const DEFAULT_MAX_NESTING_DEPTH: usize = 64;
    /// 1 MiB: the longest real descriptions are some tens of kilobytes.
    pub const DEFAULT_MAX_TEXT_BYTES: usize = 1024 * 1024;
    /// 500: a course states about 3 to 15 learning outcomes and a whole programme some
    /// tens; offers, skills and keywords run to tens as well.
    pub const DEFAULT_MAX_ITEMS_PER_RECORD: usize = 500;
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_parse_memory_bytes: Self::DEFAULT_MAX_PARSE_MEMORY_BYTES,
            max_list_items: Self::DEFAULT_MAX_LIST_ITEMS,
            max_nesting_depth: Self::DEFAULT_MAX_NESTING_DEPTH,
            max_text_bytes: Self::DEFAULT_MAX_TEXT_BYTES,
            max_items_per_record: Self::DEFAULT_MAX_ITEMS_PER_RECORD,
        }
    }
}
