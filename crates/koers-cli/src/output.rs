//! Where a command's output goes, and the one rule for writing it.
//!
//! `-o -` is standard output. A file is written atomically (a temporary file in the same
//! folder, renamed into place), never over a file the run read, never as a `.toml` into a
//! folder it searched, never through a device or FIFO, and never over an existing file
//! unless `--force` is given or the file is the command's own earlier output (an SVG or
//! PNG picture that `koers plot` drew). A new file gets the mode the umask allows, a replaced
//! file keeps its mode, and an interrupted run removes its temporary file.

use crate::failure::{Failure, stdout_result};
use crate::messages::say;
use std::ffi::OsString;
use std::fs::{Metadata, Permissions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Where `-o` sends a command's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// `-o -`: standard output.
    Stdout,
    /// A file (`-o ./-` names a file called `-`).
    File(PathBuf),
}

impl From<OsString> for Output {
    fn from(arg: OsString) -> Self {
        if arg == "-" {
            Output::Stdout
        } else {
            Output::File(arg.into())
        }
    }
}

/// Which existing file a command may replace without `--force`: its own earlier output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    /// None: what `koers init` wrote is filled in by hand afterwards, so it is the user's.
    Nothing,
    /// A picture that `koers plot` drew.
    Plot,
}

/// What an output must respect.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Every file the run read and every folder it searched, canonical
    /// ([`Loader::inputs`](crate::load::Loader::inputs)). Never replaced, even with
    /// `--force`.
    pub inputs: &'a [PathBuf],
    /// `--force`: replace an existing regular file that is not the command's own output.
    pub force: bool,
    /// The command's own earlier output, replaced without `--force`.
    pub own: Own,
}

/// Writes a command's output: to standard output, or to a file by the rules above.
pub fn write(output: &Output, bytes: &[u8], rules: &Rules<'_>) -> Result<(), Failure> {
    match output {
        Output::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout_result(stdout.write_all(bytes).and_then(|()| stdout.flush()))
        }
        Output::File(path) => {
            let target = check(path, rules)?;
            write_file(path, &target, bytes)
        }
    }
}

/// Writes several files as one output, such as the assessments of `koers import`: every
/// file is checked by the rules above before any is written, then every file is written
/// to a temporary file in its folder, and only then are they renamed into place. A
/// refusal or a failed write leaves every target as it was; should a rename fail
/// halfway, the files the run had newly made are removed again.
pub fn write_all(files: &[(PathBuf, &[u8])], rules: &Rules<'_>) -> Result<(), Failure> {
    let mut targets = Vec::with_capacity(files.len());
    for (path, _) in files {
        let target = check(path, rules)?;
        // Two outputs that end in one file: the second would silently replace the first.
        if targets.iter().any(|t: &Target| t.path == target.path) {
            return Err(Failure::Write {
                path: path.clone(),
                source: std::io::Error::other(crate::messages::say(
                    "de run zou dit bestand twee keer schrijven",
                    "the run writes this file twice",
                )),
            });
        }
        targets.push(target);
    }
    let mut pending = Vec::with_capacity(files.len());
    for ((path, bytes), target) in files.iter().zip(&targets) {
        pending.push(prepare(path, target, bytes)?);
    }
    let mut made = Vec::new();
    for ((temp, (path, _)), target) in pending.into_iter().zip(files).zip(&targets) {
        if let Err(source) = temp.persist(&target.path) {
            for done in made {
                let _ = std::fs::remove_file(done);
            }
            return Err(Failure::Write {
                path: path.clone(),
                source,
            });
        }
        if target.replaces.is_none() {
            made.push(&target.path);
        }
    }
    Ok(())
}

/// A file that may be written: where (symbolic links followed), and the permissions of
/// the file it replaces.
#[derive(Debug)]
struct Target {
    path: PathBuf,
    replaces: Option<Permissions>,
}

/// The rule every output file follows; see the module documentation.
fn check(path: &Path, rules: &Rules<'_>) -> Result<Target, Failure> {
    let fail = |source| Failure::Write {
        path: path.to_path_buf(),
        source,
    };
    // Where the name itself lies, its folder resolved but not the name (a link stays one).
    let place = place(path).map_err(fail)?;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(_) => std::fs::metadata(path).map_err(|_| Failure::OutputNotAFile {
            path: path.to_path_buf(),
            kind: say(
                "een symbolische koppeling naar niets",
                "a symbolic link to nothing",
            ),
        })?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            refuse_input(path, &[&place], None, rules.inputs)?;
            return Ok(Target {
                path: place,
                replaces: None,
            });
        }
        Err(error) => return Err(fail(error)),
    };
    if !meta.is_file() {
        return Err(Failure::OutputNotAFile {
            path: path.to_path_buf(),
            kind: kind(&meta),
        });
    }
    // Written through a link, as the shell's `>` does: the link stays, its file changes.
    let target = path.canonicalize().map_err(fail)?;
    refuse_input(path, &[&place, &target], Some(&meta), rules.inputs)?;
    let own = rules.own == Own::Plot && is_plot(&target);
    if !(rules.force || own) {
        return Err(Failure::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(Target {
        path: target,
        replaces: Some(meta.permissions()),
    })
}

/// Refuses an output that is an input, or a `.toml` file in an input folder. `names` are
/// the output's canonical names (the link and the file it points to); `meta` is the
/// existing file's, to catch a hard link to an input.
fn refuse_input(
    path: &Path,
    names: &[&Path],
    meta: Option<&Metadata>,
    inputs: &[PathBuf],
) -> Result<(), Failure> {
    for input in inputs {
        let input_meta = std::fs::metadata(input).ok();
        if names.iter().any(|name| name == input)
            || meta.zip(input_meta.as_ref()).is_some_and(same_file)
        {
            return Err(Failure::OutputIsInput {
                path: path.to_path_buf(),
            });
        }
        if input_meta.is_some_and(|m| m.is_dir())
            && names.iter().any(|name| {
                name.starts_with(input) && name.extension().is_some_and(|e| e == "toml")
            })
        {
            return Err(Failure::OutputInInputFolder {
                path: path.to_path_buf(),
                folder: input.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file((a, b): (&Metadata, &Metadata)) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: (&Metadata, &Metadata)) -> bool {
    false
}

/// What a file that is not a regular file is, for the message.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return say("een FIFO", "a FIFO");
        }
        if kind.is_char_device() {
            return say("een tekenapparaat", "a character device");
        }
        if kind.is_block_device() {
            return say("een blokapparaat", "a block device");
        }
        if kind.is_socket() {
            return say("een socket", "a socket");
        }
    }
    if meta.is_dir() {
        say("een map", "a folder")
    } else {
        say("een speciaal bestand", "a special file")
    }
}

/// Whether the file is a picture `koers plot` drew: an SVG whose first element is the
/// accessible title that `koers_plot::render` adds, or a PNG whose first chunk after the header is
/// the `Software: koers plot` text that `koers_plot::png` writes. Only the start is read.
fn is_plot(path: &Path) -> bool {
    let mut start = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| file.take(4096).read_to_end(&mut start));
    let svg = || {
        start.starts_with(b"<svg ")
            && start
                .split(|&b| b == b'\n')
                .nth(1)
                .is_some_and(|line| line.starts_with(b"<title id=\"koers-title\">"))
    };
    // Signature (8 bytes), IHDR (4 + 4 + 13 + 4), then the tEXt chunk's length and type.
    let png = || {
        let text = format!("tEXtSoftware\0{}", koers_plot::PNG_SOFTWARE);
        start.starts_with(b"\x89PNG\r\n\x1a\n")
            && start
                .get(37..37 + text.len())
                .is_some_and(|chunk| chunk == text.as_bytes())
    };
    read.is_ok() && (svg() || png())
}

/// The absolute form of `path` with its folder resolved and its last name kept as given.
fn place(path: &Path) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let dir = dir.canonicalize()?;
    Ok(match path.file_name() {
        Some(name) => dir.join(name),
        // `..` or `/`: no name to keep.
        None => path.canonicalize()?,
    })
}

/// Writes `bytes` to the checked target through a temporary file in its folder. Errors
/// name `path`, the output as the user gave it, never the temporary file: the writes go to
/// the `std::fs::File` itself, as `NamedTempFile`'s own `Write` adds its path to errors.
fn write_file(path: &Path, target: &Target, bytes: &[u8]) -> Result<(), Failure> {
    let temp = prepare(path, target, bytes)?;
    temp.persist(&target.path).map_err(|source| Failure::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// The temporary file that becomes the target: written, synced, with the mode it keeps.
fn prepare(path: &Path, target: &Target, bytes: &[u8]) -> Result<cleanup::Pending, Failure> {
    let fail = |source| Failure::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = target.path.parent().unwrap_or(Path::new("/"));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".koers-").suffix(".tmp");
    #[cfg(unix)]
    {
        // The mode any new file gets: 0666 less the umask (tempfile's default is 0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut temp = cleanup::create(|| builder.tempfile_in(dir)).map_err(fail)?;
    let file = temp.file();
    if let Some(permissions) = &target.replaces {
        // Set on the open file, so the umask does not narrow the mode being kept.
        file.set_permissions(permissions.clone()).map_err(fail)?;
    }
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(temp)
}

/// Temporary files that a signal must not leave behind. While a temporary file exists its
/// path is registered; SIGINT, SIGTERM or SIGHUP remove the registered files, then end the
/// process as the signal would have.
mod cleanup {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard, PoisonError};
    use tempfile::NamedTempFile;

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
        PENDING.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A registered temporary file; dropped, it is removed and unregistered.
    pub struct Pending {
        file: Option<NamedTempFile>,
        path: PathBuf,
    }

    /// Creates a temporary file and registers it. The registry stays locked meanwhile, so
    /// a signal cannot come between the two.
    pub fn create(
        make: impl FnOnce() -> std::io::Result<NamedTempFile>,
    ) -> std::io::Result<Pending> {
        #[cfg(unix)]
        handle_signals();
        let mut pending = pending();
        let file = make()?;
        let path = file.path().to_path_buf();
        pending.push(path.clone());
        Ok(Pending {
            file: Some(file),
            path,
        })
    }

    impl Pending {
        /// The temporary file.
        pub fn file(&mut self) -> &mut std::fs::File {
            self.file
                .as_mut()
                .expect("present until persisted or dropped")
                .as_file_mut()
        }

        /// Renames the file to `to`; locked, so that a signal removes either the temporary
        /// file or nothing.
        pub fn persist(mut self, to: &Path) -> std::io::Result<()> {
            let mut pending = pending();
            let file = self
                .file
                .take()
                .expect("present until persisted or dropped");
            let result = file.persist(to).map(drop).map_err(|e| e.error);
            pending.retain(|p| p != &self.path);
            result
        }
    }

    impl Drop for Pending {
        fn drop(&mut self) {
            let mut pending = pending();
            drop(self.file.take());
            pending.retain(|p| p != &self.path);
        }
    }

    /// Removes every registered temporary file. Returns the locked registry, so that
    /// nothing is renamed or registered before the process ends.
    pub fn remove_all() -> MutexGuard<'static, Vec<PathBuf>> {
        let pending = pending();
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
        pending
    }

    /// Starts, once, a thread that waits for SIGINT, SIGTERM and SIGHUP. Without it (the
    /// handler could not be installed), an interrupted run leaves its temporary file, as
    /// any program killed mid-write would.
    #[cfg(unix)]
    fn handle_signals() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let _locked = remove_all();
                    // Die of the signal, so that a shell or make sees the interruption.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        });
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// `remove_all` removes every registered file: one test at a time.
        static SERIAL: Mutex<()> = Mutex::new(());

        fn registered(path: &Path) -> bool {
            pending().iter().any(|p| p == path)
        }

        #[test]
        fn a_registered_temporary_file_is_removed_by_the_cleanup() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let mut temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            std::io::Write::write_all(temp.file(), b"half").unwrap();
            let path = temp.path.clone();
            assert!(path.exists() && registered(&path));
            drop(remove_all());
            assert!(!path.exists(), "the signal handler's cleanup removes it");
            // The rename after an interruption fails and leaves nothing either.
            assert!(temp.persist(&dir.path().join("out")).is_err());
            assert!(!registered(&path));
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        }

        #[test]
        fn a_finished_or_failed_write_unregisters_its_file() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            let path = temp.path.clone();
            temp.persist(&dir.path().join("out")).unwrap();
            assert!(!registered(&path) && dir.path().join("out").exists());
            let temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            let path = temp.path.clone();
            drop(temp);
            assert!(!registered(&path) && !path.exists());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output() {
        assert_eq!(Output::from(OsString::from("-")), Output::Stdout);
        assert_eq!(
            Output::from(OsString::from("./-")),
            Output::File(PathBuf::from("./-"))
        );
    }

    #[test]
    fn the_picture_plot_draws_is_recognised_as_its_own() {
        let instrument = koers::builtin::instrument("sev").unwrap();
        let svg = koers_plot::render(instrument, &[], &koers_plot::PlotOptions::default());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.svg");
        std::fs::write(&path, &svg).unwrap();
        assert!(is_plot(&path));
        std::fs::write(&path, svg.replace("koers-title", "logo")).unwrap();
        assert!(!is_plot(&path));
        // The PNG of the same picture, by its text chunk; another PNG is not its own.
        let png = koers_plot::png(&svg, 0.25).unwrap();
        let path = dir.path().join("m.png");
        std::fs::write(&path, &png).unwrap();
        assert!(is_plot(&path));
        let mut other = png.clone();
        other[45] = b'X';
        std::fs::write(&path, &other).unwrap();
        assert!(!is_plot(&path));
    }
}
