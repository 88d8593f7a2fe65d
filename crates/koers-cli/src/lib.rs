//! The `koers` command-line tool. The picture is the `koers-plot` library, the report
//! `koers-report`, the form and the import of responses `koers-survey`.
//!
//! The binary is thin: [`run`] dispatches each subcommand to its module in `commands`.
//! All file I/O of koers happens here, never in the `koers` library.
//!
//! This library is the binary's own, not an API: its modules are private, and the few
//! that `main.rs` and the tests reach are hidden from the docs, as is `commands` (rustdoc
//! 1.95 stops with an internal error on the links in its private submodules). A program that wants
//! koers's scoring, picture, report or import uses the crates `koers`, `koers-plot`,
//! `koers-report` and `koers-survey`.

pub(crate) mod args;
#[doc(hidden)]
pub mod commands;
pub(crate) mod console;
pub(crate) mod diagnostics;
pub(crate) mod excel;
#[doc(hidden)]
pub mod failure;
pub(crate) mod group;
#[doc(hidden)]
pub mod help;
pub(crate) mod load;
#[doc(hidden)]
pub mod messages;
pub(crate) mod output;
#[doc(hidden)]
pub mod safe_text;
pub(crate) mod tabular;
#[doc(hidden)]
pub mod usage;

use koers_report::reading;

pub use args::Cli;
pub use failure::Failure;

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    use args::Command;
    messages::set(cli.lang());
    console::set(cli.color, cli.quiet);
    match &cli.command {
        Command::Init(args) => commands::init::run(args),
        Command::Validate(args) => commands::validate::run(args),
        Command::Score(args) => commands::score::run(args, cli.method),
        Command::Explain(args) => commands::explain::run(args, cli.method),
        Command::Matrix(args) => commands::matrix::run(args),
        Command::Plot(args) => commands::plot::run(args, cli.method),
        Command::Agenda(args) => commands::agenda::run(args, cli.method),
        Command::Gap(args) => commands::gap::run(args, cli.method),
        Command::Profile(args) => commands::profile::run(args, cli.method),
        Command::Form(args) => commands::form::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Report(args) => commands::report::run(args, cli.method),
        Command::Serve(args) => commands::serve::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    }
}
