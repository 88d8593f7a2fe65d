//! The `koers` binary: parse the command line, run it, turn the outcome into an exit code
//! (0 ok, 1 invalid input, 2 any other error).

use clap::FromArgMatches;
use koers_cli::failure::stdout_result;
use koers_cli::{Cli, run};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    koers_cli::failure::note_stdout();
    koers_cli::messages::set_from_env();
    koers_cli::messages::set_from_args(std::env::args_os().skip(1));
    // The help, the usage line and the man pages speak the language of the run.
    let mut command = koers_cli::help::command(koers_cli::messages::lang());
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Invalid input was reported file by file already; say how it ended.
            let message = failure.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "koers: {}",
                koers_cli::safe_text::terminal(&message)
            );
            failure.exit_code()
        }
    }
}

/// Prints clap's help, version or usage error. `Error::exit` would ignore a failed write
/// of `--help` to standard output (`--help > /dev/full`); here it is an error (exit 2), and
/// a closed pipe stays quiet.
fn clap_exit(error: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    // A usage error in Dutch, unless the run is English: said anew from clap's error kind.
    if koers_cli::messages::lang() == koers::Lang::Nl {
        use clap::CommandFactory;
        let command = Cli::command();
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let sub = std::env::args().skip(1).find(|a| names.contains(a));
        if let Some(text) = koers_cli::usage::dutch(error, sub.as_deref()) {
            let _ = std::io::stderr().write_all(koers_cli::safe_text::terminal(&text).as_bytes());
            return code;
        }
    }
    let printed = error.print();
    if error.use_stderr() {
        return code;
    }
    match stdout_result(printed.and_then(|()| std::io::stdout().flush())) {
        Ok(()) => code,
        Err(failure) => {
            let message = failure.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "koers: {}",
                koers_cli::safe_text::terminal(&message)
            );
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
