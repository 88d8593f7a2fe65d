//! One module per subcommand.

pub mod agenda;
pub mod completions;
pub mod explain;
pub mod form;
pub mod gap;
pub mod import;
pub mod init;
pub mod man;
pub mod matrix;
pub mod plot;
pub mod profile;
pub mod report;
pub mod schema;
pub mod score;
pub mod serve;
pub mod validate;
