//! The `koers` binary: parse the command line, run it, turn the outcome into an exit code
//! (0 ok, 1 invalid input, 2 any other error).

use clap::Parser;
use koers_cli::{Cli, run};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Invalid input was reported file by file already; say how it ended.
            let _ = writeln!(std::io::stderr(), "koers: {failure}");
            failure.exit_code()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        koers_cli::Cli::command().debug_assert();
    }
}
