//! Writing output files safely: never over an input, never half-written.

use crate::failure::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then
/// renamed into place, so that an interrupted run leaves either the old file or the new
/// one. Refuses a path that is one of `inputs`.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), Failure> {
    if is_input(path, inputs) {
        return Err(Failure::OutputIsInput {
            path: path.to_path_buf(),
        });
    }
    let fail = |source| Failure::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".koers-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Whether `output` names the same file as one of the inputs, or lies in an input folder
/// and would be read as input next time (an input folder given on the command line).
fn is_input(output: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(output_abs) = absolute(output) else {
        return false;
    };
    inputs.iter().any(|input| {
        let Ok(input_abs) = absolute(input) else {
            return false;
        };
        if input.is_dir() {
            // Writing a .toml into an input folder would overwrite or add an input.
            output_abs.starts_with(&input_abs)
                && output.extension().is_some_and(|e| e == "toml")
                && output_abs.exists()
        } else {
            input_abs == output_abs
        }
    })
}

/// The absolute, link-free form of a path; for a file that does not exist yet, its folder's.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    match path.canonicalize() {
        Ok(path) => Ok(path),
        Err(_) => {
            let name = path.file_name().map(PathBuf::from).unwrap_or_default();
            let dir = match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                _ => PathBuf::from("."),
            };
            Ok(dir.canonicalize()?.join(name))
        }
    }
}
