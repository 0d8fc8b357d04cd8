//! The `clearinghouse` command line, built inside the tests package so that end-to-end
//! tests can start it as a child process and kill it.

fn main() -> std::process::ExitCode {
    server::cli::main()
}
