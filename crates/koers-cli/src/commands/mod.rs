//! One module per subcommand.

pub mod agenda;
pub mod explain;
pub mod form;
pub mod gap;
pub mod import;
pub mod init;
pub mod matrix;
pub mod plot;
pub mod profile;
pub mod report;
pub mod score;
pub mod validate;
