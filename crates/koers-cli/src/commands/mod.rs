//! One module per subcommand.

pub mod explain;
pub mod form;
pub mod import;
pub mod init;
pub mod matrix;
pub mod plot;
pub mod score;
pub mod validate;
