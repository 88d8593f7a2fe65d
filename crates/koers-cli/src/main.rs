//! The `koers` binary: parse the command line, run it, turn the outcome into an exit code
//! (0 ok, 1 invalid input, 2 any other error).

use clap::{FromArgMatches, Parser};
use koers_cli::failure::stdout_result;
use koers_cli::{Cli, run};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    koers_cli::failure::note_stdout();
    koers_cli::messages::set_from_env();
    koers_cli::messages::set_from_args(std::env::args_os().skip(1));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&help_in_language(error)),
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

/// The help that `error` asks for in the language of the run: clap's derived command is
/// English, so a Dutch run parses again with the Dutch command for its help text. Only then:
/// building the Dutch command costs more than the whole parse of an ordinary run.
fn help_in_language(error: clap::Error) -> clap::Error {
    use clap::error::ErrorKind;
    let help = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if !help || koers_cli::messages::lang() == koers::Lang::En {
        return error;
    }
    let mut command = koers_cli::help::command(koers::Lang::Nl);
    match command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Err(dutch) if dutch.kind() == error.kind() => dutch,
        _ => error,
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
