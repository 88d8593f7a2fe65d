//! `koers completions SHELL`: a completion script for bash, zsh, fish, PowerShell or
//! elvish, written to standard output.

use crate::args::{Cli, CompletionsArgs};
use crate::failure::Failure;
use crate::output::{Output, Own, Rules, write};
use clap::CommandFactory;

/// Runs the command.
pub fn run(args: &CompletionsArgs) -> Result<(), Failure> {
    let script = script(args.shell);
    let rules = Rules {
        inputs: &[],
        force: false,
        own: Own::Nothing,
    };
    write(&Output::Stdout, &script, &rules)
}

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "koers", &mut script);
    script
}
