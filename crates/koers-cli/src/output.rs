//! Where a command's output goes, and the one rule for writing it.
//!
//! `-o -` is standard output. A file is written atomically (a temporary file in the same
//! folder, renamed into place; a new file without replacing, so a file another run wrote
//! meanwhile is never replaced), never over a file the run read, never as a `.toml` into a
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

/// Which existing file a command may replace without `--force`: its own earlier output,
/// unedited since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    /// None: what `koers init` wrote is filled in by hand afterwards, so it is the user's.
    Nothing,
    /// A picture that `koers plot` drew.
    Plot,
    /// A text that can end in an HTML comment (HTML, Markdown): a file written here ends
    /// in [`MARK`] with a hash of what comes before it, and a file that still ends so,
    /// its hash matching, is koers's own, unedited, and replaced without `--force`.
    Marked,
}

/// How a marked output's last line begins; the hash and ` -->` follow.
pub const MARK: &str = "<!-- koers:";

/// A 64-bit FNV-1a hash: enough to tell an edited file from the one koers wrote.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The output with its mark appended.
fn marked(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let hash = fnv(&out);
    out.extend_from_slice(format!("{MARK}{hash:016x} -->\n").as_bytes());
    out
}

/// Whether a file holds a marked output, unedited since it was written.
fn is_marked(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    // A koers report is far below this; a larger file is not read to find out.
    if !meta.is_file() || meta.len() > 256 << 20 {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Some(body) = bytes.strip_suffix(b" -->\n") else {
        return false;
    };
    let Some(at) = body.windows(MARK.len()).rposition(|w| w == MARK.as_bytes()) else {
        return false;
    };
    let (before, hash) = (&body[..at], &body[at + MARK.len()..]);
    (at == 0 || before.ends_with(b"\n"))
        && std::str::from_utf8(hash)
            .ok()
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .is_some_and(|h| h == fnv(before))
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
            refuse_folder_name(path)?;
            let target = check(path, rules)?;
            if rules.own == Own::Marked {
                write_file(path, &target, &marked(bytes))
            } else {
                write_file(path, &target, bytes)
            }
        }
    }
}

/// Writes several files as one output, such as the man pages of `koers man`: every
/// file is checked by the rules above before any is written, then every file is written
/// to a temporary file in its folder, and only then are they renamed into place. A
/// refusal or a failed write leaves every target as it was; should a rename fail
/// halfway, the files the run had newly made are removed again.
pub fn write_all(files: &[(PathBuf, &[u8])], rules: &Rules<'_>) -> Result<(), Failure> {
    let mut targets = Vec::with_capacity(files.len());
    for (path, _) in files {
        refuse_folder_name(path)?;
        let target = check(path, rules)?;
        // Two outputs that end in one file: the second would silently replace the first.
        if targets.iter().any(|t: &Target| t.path == target.path) {
            return Err(Failure::Write {
                path: path.clone(),
                source: std::io::Error::other(say(
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
        let replace = target.replaces.is_some();
        if let Err(source) = temp.persist(&target.path, replace) {
            for done in made {
                let _ = std::fs::remove_file(done);
            }
            return Err(
                if !replace && source.kind() == std::io::ErrorKind::AlreadyExists {
                    Failure::OutputExists { path: path.clone() }
                } else {
                    Failure::Write {
                        path: path.clone(),
                        source,
                    }
                },
            );
        }
        if !replace {
            made.push(&target.path);
        }
    }
    Ok(())
}

/// Refuses an output path that names a folder (`out.html/`, `out/.`, `..`): it would
/// otherwise write a file of the name before the slash.
fn refuse_folder_name(path: &Path) -> Result<(), Failure> {
    let raw = path.as_os_str().as_encoded_bytes();
    let folder = raw.is_empty()
        || raw.ends_with(b"/")
        || raw == b"."
        || raw == b".."
        || raw.ends_with(b"/.")
        || raw.ends_with(b"/..")
        || (cfg!(windows) && raw.ends_with(b"\\"));
    if folder {
        return Err(Failure::OutputNotAFile {
            path: path.to_path_buf(),
            kind: say("een mapnaam", "a folder name"),
        });
    }
    Ok(())
}

/// Writes the files of `koers import` into `folder`, all or nothing, one file at a time
/// as they come ([`FolderWriter::add`]), so that no more than one file's text is held.
/// Every target is checked by the rules above; every file is written to a staging folder
/// next to `folder`; [`FolderWriter::finish`] syncs them and only then moves them in.
/// A folder that did not exist is made by renaming the staging folder, in one step; into
/// an existing folder each file is moved without replacing (a file that appeared
/// meanwhile stops the run), and with `--force` each file it replaces is first moved
/// aside, to be put back should the run fail or be interrupted (SIGINT, SIGTERM, SIGHUP)
/// before the last file is in place. A writer dropped before `finish` (an invalid row,
/// a failure) removes the staging folder and the folders the run made. An existing
/// symbolic link in the folder is replaced by a file (`--force`), never written through.
pub struct FolderWriter<'a> {
    folder: PathBuf,
    rules: Rules<'a>,
    /// Made on the first file: nothing is touched for an import that has no file.
    open: Option<Staging>,
    /// The names written, in lower case: Windows and macOS do not tell case apart.
    names: std::collections::HashSet<String>,
    /// Each file's name, and the permissions of the file it replaces.
    files: Vec<(String, Option<Permissions>)>,
}

/// The staging folder and the steps that made it.
struct Staging {
    journal: journal::Transaction,
    stage: PathBuf,
    /// Whether `folder` existed before the run.
    exists: bool,
    /// The folder that holds `folder`.
    parent: PathBuf,
}

impl<'a> FolderWriter<'a> {
    /// A writer for `folder`; nothing is touched until the first file.
    pub fn new(folder: &Path, rules: &Rules<'a>) -> FolderWriter<'a> {
        FolderWriter {
            folder: folder.to_path_buf(),
            rules: *rules,
            open: None,
            names: std::collections::HashSet::new(),
            files: Vec::new(),
        }
    }

    /// Checks the folder, makes the folders missing above it and the staging folder.
    fn open(&mut self) -> Result<&mut Staging, Failure> {
        if self.open.is_none() {
            self.open = Some(stage_for(&self.folder)?);
        }
        Ok(self.open.as_mut().expect("just made"))
    }

    /// Checks `name`'s target by the rules and writes `bytes` to the staging folder.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), Failure> {
        let path = self.folder.join(name);
        // Two outputs that end in one file: the second would silently replace the first.
        if !self.names.insert(name.to_lowercase()) {
            return Err(Failure::Write {
                path,
                source: std::io::Error::other(say(
                    "de run zou dit bestand twee keer schrijven",
                    "the run writes this file twice",
                )),
            });
        }
        let rules = self.rules;
        let staging = self.open()?;
        let replaces = if staging.exists {
            check(&path, &rules)?.replaces
        } else {
            None
        };
        // Under the journal's lock: a signal's undo, which removes the staging folder,
        // never runs while a file is being made in it, and no file is made after it.
        let written = journal::locked(|| {
            std::fs::File::create(staging.stage.join(name)).and_then(|mut file| {
                if let Some(permissions) = &replaces {
                    file.set_permissions(permissions.clone())?;
                }
                file.write_all(bytes)
            })
        });
        written.map_err(|source| Failure::Write { path, source })?;
        self.files.push((name.to_string(), replaces));
        Ok(())
    }

    /// Syncs the staged files, then moves them into the folder.
    pub fn finish(mut self) -> Result<(), Failure> {
        let fail = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Failure::Write { path, source }
        };
        let folder = self.folder.clone();
        self.open()?;
        let Some(Staging {
            mut journal,
            stage,
            exists,
            parent,
        }) = self.open.take()
        else {
            unreachable!("opened above")
        };
        sync_staged(&stage, &self.files).map_err(fail(&folder))?;
        if exists {
            let aside = stage.join(".replaced");
            journal
                .step(|| std::fs::create_dir(&aside), journal::Undo::Nothing)
                .map_err(fail(&folder))?;
            for (name, replaces) in &self.files {
                let (from, to) = (stage.join(name), folder.join(name));
                if replaces.is_some() {
                    let old = aside.join(name);
                    journal
                        .step(
                            || std::fs::rename(&to, &old),
                            journal::Undo::Rename {
                                from: old.clone(),
                                to: to.clone(),
                            },
                        )
                        .map_err(fail(&to))?;
                }
                journal
                    .step(
                        || std::fs::hard_link(&from, &to),
                        journal::Undo::RemoveFile(to.clone()),
                    )
                    .map_err(|error| {
                        if error.kind() == std::io::ErrorKind::AlreadyExists {
                            Failure::OutputExists { path: to.clone() }
                        } else {
                            fail(&to)(error)
                        }
                    })?;
            }
            sync_dir(&folder).map_err(fail(&folder))?;
        } else {
            journal
                .rename_stage(&folder)
                .map_err(|error| match error.kind() {
                    std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::DirectoryNotEmpty => {
                        Failure::Write {
                            path: folder.clone(),
                            source: std::io::Error::other(say(
                                "de map is intussen door een ander gemaakt; niets geschreven",
                                "another run made the folder meanwhile; nothing written",
                            )),
                        }
                    }
                    _ => fail(&folder)(error),
                })?;
            sync_dir(&parent).map_err(fail(&parent))?;
        }
        journal.commit();
        Ok(())
    }
}

/// The staging folder for `folder`: on the same file system, so that renames move the
/// files; the folders missing above `folder` are made first, and removed on undo.
fn stage_for(folder: &Path) -> Result<Staging, Failure> {
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Failure::Write { path, source }
    };
    let exists = match std::fs::symlink_metadata(folder) {
        Ok(_) => {
            let meta = std::fs::metadata(folder).map_err(fail(folder))?;
            if !meta.is_dir() {
                return Err(Failure::Write {
                    path: folder.to_path_buf(),
                    source: std::io::Error::other(say(
                        "dit is geen map: geef met -o een map voor de bestanden",
                        "this is not a folder: give -o a folder for the files",
                    )),
                });
            }
            true
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
        Err(error) => return Err(fail(folder)(error)),
    };
    let mut journal = journal::Transaction::new();
    // The folders to make, outermost first.
    let mut missing = Vec::new();
    let mut up = folder;
    while !up.as_os_str().is_empty() && std::fs::symlink_metadata(up).is_err() {
        missing.push(up.to_path_buf());
        up = up.parent().unwrap_or(Path::new(""));
    }
    missing.reverse();
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    for made in missing.iter().filter(|m| m.as_path() != folder) {
        journal
            .step(
                || std::fs::create_dir(made),
                journal::Undo::RemoveDir(made.clone()),
            )
            .map_err(fail(made))?;
    }
    let same_device = !exists || same_device(folder, parent);
    let stage_in = if same_device { parent } else { folder };
    let stage = journal.make_stage(stage_in).map_err(fail(stage_in))?;
    Ok(Staging {
        journal,
        stage,
        exists,
        parent: parent.to_path_buf(),
    })
}

/// Makes the staged files' contents durable before they are moved in, so that a crash
/// leaves no empty or half file in the folder. On Linux one `syncfs` of the staging
/// folder's file system does it for every file at once (one `fsync` per file was a third
/// of an import's time); elsewhere each file is synced, a few at a time.
fn sync_staged(stage: &Path, files: &[(String, Option<Permissions>)]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        rustix::fs::syncfs(std::fs::File::open(stage)?)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let threads = std::thread::available_parallelism().map_or(4, |n| n.get().clamp(4, 16));
        let chunk = files.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let running: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter().try_for_each(|(name, _)| {
                            std::fs::OpenOptions::new()
                                .write(true)
                                .open(stage.join(name))?
                                .sync_all()
                        })
                    })
                })
                .collect();
            running.into_iter().try_for_each(|t| {
                t.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("sync")))
            })
        })
    }
}

/// Syncs a folder's entries (the names just renamed into it); a no-op where folders
/// cannot be opened.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    false
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
    let own = match rules.own {
        Own::Nothing => false,
        Own::Plot => is_plot(&target),
        Own::Marked => is_marked(&target),
    };
    if !(rules.force || own) {
        return Err(Failure::OutputExists {
            path: path.to_path_buf(),
        });
    }
    // A read-only file says "keep this": not even `--force` replaces it.
    if meta.permissions().readonly() {
        return Err(Failure::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other(say(
                "het bestand is alleen-lezen; ook --force vervangt het niet",
                "the file is read-only; --force does not replace it either",
            )),
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
pub(crate) fn kind(meta: &Metadata) -> &'static str {
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
/// A new file is put in place without replacing: should another run have written the
/// name since the check, this one fails rather than replace it.
fn write_file(path: &Path, target: &Target, bytes: &[u8]) -> Result<(), Failure> {
    let temp = prepare(path, target, bytes)?;
    temp.persist(&target.path, target.replaces.is_some())
        .map_err(|source| {
            if target.replaces.is_none() && source.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::OutputExists {
                    path: path.to_path_buf(),
                }
            } else {
                Failure::Write {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })
}

/// The temporary file that becomes the target: written, synced, with the mode it keeps.
fn prepare(path: &Path, target: &Target, bytes: &[u8]) -> Result<journal::Pending, Failure> {
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
    let mut temp = journal::create(|| builder.tempfile_in(dir)).map_err(fail)?;
    let file = temp.file();
    if let Some(permissions) = &target.replaces {
        // Set on the open file, so the umask does not narrow the mode being kept.
        file.set_permissions(permissions.clone()).map_err(fail)?;
    }
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(temp)
}

/// What a signal must not leave behind: temporary files, and the steps of an import
/// under way. Every step that changes the file system is recorded with the step that
/// undoes it, under one lock; SIGINT, SIGTERM or SIGHUP undo every recorded step, newest
/// first, then end the process as the signal would have.
mod journal {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Mutex, MutexGuard, PoisonError};
    use tempfile::NamedTempFile;

    /// How to undo a step.
    #[derive(Debug)]
    pub enum Undo {
        /// Nothing to undo (the step's result goes with an enclosing folder).
        Nothing,
        /// Remove a file the step made.
        RemoveFile(PathBuf),
        /// Remove a folder the step made (when empty).
        RemoveDir(PathBuf),
        /// Remove a folder the step made, with everything in it.
        RemoveTree(PathBuf),
        /// Move a file back where it was.
        Rename {
            /// Where it is now.
            from: PathBuf,
            /// Where it was.
            to: PathBuf,
        },
    }

    impl Undo {
        fn run(&self) {
            let _ = match self {
                Undo::Nothing => Ok(()),
                Undo::RemoveFile(path) => std::fs::remove_file(path),
                Undo::RemoveDir(path) => std::fs::remove_dir(path),
                Undo::RemoveTree(path) => std::fs::remove_dir_all(path),
                Undo::Rename { from, to } => std::fs::rename(from, to),
            };
        }
    }

    static JOURNAL: Mutex<Vec<(u64, Undo)>> = Mutex::new(Vec::new());
    static NEXT: AtomicU64 = AtomicU64::new(0);

    fn journal() -> MutexGuard<'static, Vec<(u64, Undo)>> {
        JOURNAL.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(journal: &mut Vec<(u64, Undo)>, undo: Undo) -> u64 {
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        journal.push((id, undo));
        id
    }

    /// Undoes the recorded steps `ids`, newest first, and forgets them.
    fn undo(journal: &mut Vec<(u64, Undo)>, ids: &[u64]) {
        for (_, step) in journal.iter().rev().filter(|(id, _)| ids.contains(id)) {
            step.run();
        }
        journal.retain(|(id, _)| !ids.contains(id));
    }

    /// A registered temporary file; dropped, it is removed and unregistered.
    pub struct Pending {
        file: Option<NamedTempFile>,
        id: u64,
    }

    /// Creates a temporary file and registers it. The registry stays locked meanwhile, so
    /// a signal cannot come between the two.
    pub fn create(
        make: impl FnOnce() -> std::io::Result<NamedTempFile>,
    ) -> std::io::Result<Pending> {
        #[cfg(unix)]
        handle_signals();
        let mut journal = journal();
        let file = make()?;
        let id = record(&mut journal, Undo::RemoveFile(file.path().to_path_buf()));
        Ok(Pending {
            file: Some(file),
            id,
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

        /// Renames the file to `to`, replacing a file there only when `replace`; locked,
        /// so that a signal removes either the temporary file or nothing.
        pub fn persist(mut self, to: &Path, replace: bool) -> std::io::Result<()> {
            let mut journal = journal();
            let file = self
                .file
                .take()
                .expect("present until persisted or dropped");
            let result = if replace {
                file.persist(to).map(drop).map_err(|e| e.error)
            } else {
                file.persist_noclobber(to).map(drop).map_err(|e| e.error)
            };
            journal.retain(|(id, _)| *id != self.id);
            result
        }

        /// The temporary file's path.
        #[cfg(test)]
        pub fn path(&self) -> &Path {
            self.file.as_ref().expect("present").path()
        }
    }

    impl Drop for Pending {
        fn drop(&mut self) {
            let mut journal = journal();
            drop(self.file.take());
            journal.retain(|(id, _)| *id != self.id);
        }
    }

    /// Steps that stand or fall together: dropped before [`Transaction::commit`], every
    /// step is undone.
    pub struct Transaction {
        ids: Vec<u64>,
        stage: Option<(u64, PathBuf)>,
    }

    impl Transaction {
        /// A transaction with no steps yet; signals are handled from now on.
        pub fn new() -> Self {
            #[cfg(unix)]
            handle_signals();
            Transaction {
                ids: Vec::new(),
                stage: None,
            }
        }

        /// Takes a step and records how to undo it, in one locked moment.
        pub fn step(
            &mut self,
            step: impl FnOnce() -> std::io::Result<()>,
            undo: Undo,
        ) -> std::io::Result<()> {
            let mut journal = journal();
            step()?;
            self.ids.push(record(&mut journal, undo));
            Ok(())
        }

        /// Makes the staging folder in `dir`, removed with everything in it on undo.
        pub fn make_stage(&mut self, dir: &Path) -> std::io::Result<PathBuf> {
            let mut journal = journal();
            let stage = tempfile::Builder::new()
                .prefix(".koers-")
                .suffix(".tmp")
                .tempdir_in(dir)?
                .keep();
            let id = record(&mut journal, Undo::RemoveTree(stage.clone()));
            self.ids.push(id);
            self.stage = Some((id, stage.clone()));
            Ok(stage)
        }

        /// Renames the staging folder to `folder`, which must not exist; undone, the
        /// folder is removed.
        pub fn rename_stage(&mut self, folder: &Path) -> std::io::Result<()> {
            let mut journal = journal();
            let Some((id, stage)) = self.stage.take() else {
                return Err(std::io::Error::other("no staging folder"));
            };
            if std::fs::symlink_metadata(folder).is_ok() {
                self.stage = Some((id, stage));
                return Err(std::io::ErrorKind::AlreadyExists.into());
            }
            if let Err(error) = std::fs::rename(&stage, folder) {
                self.stage = Some((id, stage));
                return Err(error);
            }
            if let Some(entry) = journal.iter_mut().find(|(i, _)| *i == id) {
                entry.1 = Undo::RemoveTree(folder.to_path_buf());
            }
            Ok(())
        }

        /// Keeps every step; the staging folder (with the files moved aside) goes.
        /// The folder is removed with the journal still locked: a signal that came
        /// while it was unlocked found its steps forgotten and ended the process with
        /// the staging folder half removed (a flaky test caught it in CI).
        pub fn commit(mut self) {
            let mut journal = journal();
            let ids = std::mem::take(&mut self.ids);
            journal.retain(|(id, _)| !ids.contains(id));
            if let Some((_, stage)) = self.stage.take() {
                let _ = std::fs::remove_dir_all(stage);
            }
            drop(journal);
        }
    }

    impl Drop for Transaction {
        fn drop(&mut self) {
            undo(&mut journal(), &self.ids);
        }
    }

    /// Runs `work` with the journal locked, as a step that needs no undo of its own (a
    /// file made in the staging folder goes with the folder).
    pub fn locked<T>(work: impl FnOnce() -> T) -> T {
        let _journal = journal();
        work()
    }

    /// Undoes every recorded step. Returns the locked journal, so that nothing is
    /// renamed or registered before the process ends.
    pub fn undo_all() -> MutexGuard<'static, Vec<(u64, Undo)>> {
        let mut journal = journal();
        let ids: Vec<u64> = journal.iter().map(|(id, _)| *id).collect();
        undo(&mut journal, &ids);
        journal
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
                    let _locked = undo_all();
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

        /// `undo_all` undoes every recorded step: one test at a time.
        static SERIAL: Mutex<()> = Mutex::new(());

        fn registered(path: &Path) -> bool {
            journal()
                .iter()
                .any(|(_, undo)| matches!(undo, Undo::RemoveFile(p) if p == path))
        }

        #[test]
        fn a_registered_temporary_file_is_removed_by_the_cleanup() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let mut temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            std::io::Write::write_all(temp.file(), b"half").unwrap();
            let path = temp.path().to_path_buf();
            assert!(path.exists() && registered(&path));
            drop(undo_all());
            assert!(!path.exists(), "the signal handler's cleanup removes it");
            // The rename after an interruption fails and leaves nothing either.
            assert!(temp.persist(&dir.path().join("out"), true).is_err());
            assert!(!registered(&path));
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        }

        #[test]
        fn a_finished_or_failed_write_unregisters_its_file() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            let path = temp.path().to_path_buf();
            temp.persist(&dir.path().join("out"), false).unwrap();
            assert!(!registered(&path) && dir.path().join("out").exists());
            let temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            let path = temp.path().to_path_buf();
            drop(temp);
            assert!(!registered(&path) && !path.exists());
        }

        #[test]
        fn a_new_file_never_replaces_one_that_appeared_after_the_check() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            let temp = create(|| NamedTempFile::new_in(dir.path())).unwrap();
            std::fs::write(&out, "the other writer's").unwrap();
            let error = temp.persist(&out, false).unwrap_err();
            assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "the other writer's");
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        }

        #[test]
        fn an_interrupted_transaction_puts_back_what_it_replaced() {
            let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
            let dir = tempfile::tempdir().unwrap();
            let (old, aside, new) = (
                dir.path().join("a.toml"),
                dir.path().join("a.old"),
                dir.path().join("b.toml"),
            );
            std::fs::write(&old, "old").unwrap();
            let mut transaction = Transaction::new();
            let made = dir.path().join("made");
            transaction
                .step(|| std::fs::create_dir(&made), Undo::RemoveDir(made.clone()))
                .unwrap();
            transaction
                .step(
                    || std::fs::rename(&old, &aside),
                    Undo::Rename {
                        from: aside.clone(),
                        to: old.clone(),
                    },
                )
                .unwrap();
            transaction
                .step(
                    || std::fs::write(&new, "new"),
                    Undo::RemoveFile(new.clone()),
                )
                .unwrap();
            // What the signal handler does, at any moment before the commit.
            drop(undo_all());
            assert_eq!(std::fs::read_to_string(&old).unwrap(), "old");
            assert!(!aside.exists() && !new.exists() && !made.exists());
            drop(transaction);
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
