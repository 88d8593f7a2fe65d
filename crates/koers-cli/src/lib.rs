//! The `koers` command-line tool, and the SVG drawing of the matrix ([`plot`]), which
//! other Rust tools can call too.
//!
//! The binary is thin: [`run`] dispatches each subcommand to its module in
//! [`commands`]. All file I/O of koers happens here, never in the `koers` library.

pub mod args;
pub mod commands;
pub mod console;
pub mod diagnostics;
pub mod failure;
pub mod group;
pub mod load;
pub mod messages;
pub mod output;
pub mod plot;
pub mod reading;
pub mod report;
pub mod safe_text;
pub mod survey;
pub mod tabular;

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
        Command::Schema(args) => commands::schema::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    }
}
