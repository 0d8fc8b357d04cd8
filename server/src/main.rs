//! The `clearinghouse` binary: parses the command line and hands over to [`server::cli`].

/// mimalloc rather than glibc's malloc: the harvest's threads (prepare, writer, tantivy's
/// indexers) and the search workers allocate and free many small objects per record and
/// per hit, and malloc/free were 13-17 % of their profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    server::cli::main()
}
