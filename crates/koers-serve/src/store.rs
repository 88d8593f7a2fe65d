//! The session's folder: the assessment files already in it, the next respondent code,
//! and writing a file so that a kill at any moment leaves only whole files.
//!
//! A file is written to a hidden temporary file in the same folder, synced, then linked
//! under its name, which fails when that name exists (no file is ever replaced), and the
//! temporary name removed. Hidden files are passed over by `koers score` and the others;
//! a temporary file left by a kill is removed when the next session opens the folder.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// The prefix of the temporary files.
const TEMP_PREFIX: &str = ".koers-serve-";

/// The `.toml` files in `folder` (not hidden ones), sorted by name, with their texts.
pub fn read_folder(folder: &Path) -> io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            // Left by a session killed while writing: never a whole file under its name.
            let _ = fs::remove_file(entry.path());
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".toml") || !entry.file_type()?.is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path())?;
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

/// The number of a respondent code `r01`, `r2`, `r117`.
pub fn code_number(code: &str) -> Option<u32> {
    let digits = code.strip_prefix('r')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The number of the code at the end of a file name (`2026-05-31-r07.toml`).
pub fn name_number(name: &str) -> Option<u32> {
    let stem = name.strip_suffix(".toml")?;
    code_number(stem.rsplit('-').next()?)
}

/// The code of the `n`-th respondent: `r01` … `r99`, then `r100`.
pub fn code(n: u32) -> String {
    format!("r{n:02}")
}

/// Writes `text` as `folder/name` unless a file of that name exists: then
/// [`io::ErrorKind::AlreadyExists`] and nothing is changed.
pub fn write_new(folder: &Path, name: &str, text: &str, nonce: &str) -> io::Result<PathBuf> {
    let temp = folder.join(format!("{TEMP_PREFIX}{nonce}.tmp"));
    let target = folder.join(name);
    let result = (|| {
        let mut file = File::options().write(true).create_new(true).open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        // A hard link fails when the target exists: never a replaced file.
        fs::hard_link(&temp, &target)
    })();
    let _ = fs::remove_file(&temp);
    result?;
    sync_folder(folder);
    Ok(target)
}

/// Writes `text` as `path`, replacing it (a report, made again on request): a temporary
/// file, synced, renamed over it.
pub fn replace(path: &Path, text: &str, nonce: &str) -> io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = folder.join(format!("{TEMP_PREFIX}{nonce}.tmp"));
    let result = (|| {
        let mut file = File::options().write(true).create_new(true).open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_folder(folder);
    Ok(())
}

/// Syncs the folder's entries, so that a new name survives a power cut; where a folder
/// cannot be opened as a file (Windows) the rename is durable already.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(code(1), "r01");
        assert_eq!(code(100), "r100");
        assert_eq!(code_number("r07"), Some(7));
        assert_eq!(code_number("r"), None);
        assert_eq!(code_number("x07"), None);
        assert_eq!(name_number("2026-05-31-r12.toml"), Some(12));
        assert_eq!(name_number("2026-05-31-ambitie-r3.toml"), Some(3));
        assert_eq!(name_number("notes.toml"), None);
    }

    #[test]
    fn a_file_is_never_replaced_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        write_new(dir.path(), "a.toml", "one", "n1").unwrap();
        let again = write_new(dir.path(), "a.toml", "two", "n2").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "one"
        );
        fs::write(dir.path().join(".koers-serve-old.tmp"), "half").unwrap();
        fs::write(dir.path().join("b.txt"), "other").unwrap();
        let files = read_folder(dir.path()).unwrap();
        assert_eq!(files, vec![("a.toml".to_string(), "one".to_string())]);
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
