//! The narcograph command-line tool: parses arguments, runs the command, and
//! turns the outcome into an exit code (0 success, 1 finished with skipped
//! inputs, 2 fatal error). A closed output pipe ends the program quietly.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            // `narcograph query ... | head` closes the pipe: that is not an error.
            if error.chain().any(|cause| {
                cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(cli::SUCCESS);
            }
            #[expect(clippy::print_stderr, reason = "main reports fatal errors")]
            {
                eprintln!("error: {error:#}");
            }
            ExitCode::from(cli::FATAL)
        }
    }
}
