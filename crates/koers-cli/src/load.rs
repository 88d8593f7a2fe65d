//! Finding, reading and checking input files, and resolving the instruments and matrices
//! they name. Problems are collected as diagnostics, so one run reports them all.

use crate::diagnostics::{Diagnostic, Severity};
use crate::failure::Failure;
use crate::messages::{io_reason, say};
use koers::{
    Assessment, AssessmentInfo, Date, Document, DocumentKind, Error, Instrument, Invalid, Kind,
    Location, Matrix, Method, Organisation, Placement, Register, RegisterScore, Score, Source,
    Unresolved, Warning, builtin,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};

/// What scoring one file makes: a full [`Score`] for the commands that explain, compare
/// or draw, or a [`Placement`] (the same numbers without the explanation question by
/// question, a fraction of the work) for `score`, which only aggregates.
pub trait Scoring: Send + Sized {
    /// Checks and scores `assessment`, with the check's warnings.
    fn check_and_make(
        instrument: &Instrument,
        assessment: &Assessment,
        method: Method,
    ) -> Result<(Vec<Warning>, Self), Invalid>;
    /// Whose assessment it is.
    fn organisation(&self) -> &Organisation;
    /// When, what kind, and by whom.
    fn info(&self) -> &AssessmentInfo;
}

impl Scoring for Score {
    fn check_and_make(
        instrument: &Instrument,
        assessment: &Assessment,
        method: Method,
    ) -> Result<(Vec<Warning>, Self), Invalid> {
        instrument.check_and_score_with(assessment, method)
    }
    fn organisation(&self) -> &Organisation {
        &self.organisation
    }
    fn info(&self) -> &AssessmentInfo {
        &self.assessment
    }
}

impl Scoring for Placement {
    fn check_and_make(
        instrument: &Instrument,
        assessment: &Assessment,
        method: Method,
    ) -> Result<(Vec<Warning>, Self), Invalid> {
        instrument.check_and_place_with(assessment, method)
    }
    fn organisation(&self) -> &Organisation {
        &self.organisation
    }
    fn info(&self) -> &AssessmentInfo {
        &self.assessment
    }
}

/// One scored assessment with the instrument it was scored against.
pub struct Scored<S = Score> {
    /// The score.
    pub score: S,
    /// The instrument (shared between the assessments that use it).
    pub instrument: Arc<Instrument>,
    /// The file's name as messages show it.
    pub file: String,
    /// Where the organisation's name and the respondent code stand in the file.
    pub places: Places,
}

/// Reads the matrix an instrument names by a path: `None` when there is no such file, a
/// file that cannot be read its own failure.
type ResolveMatrix<'a> = dyn FnMut(&str) -> Result<Option<Matrix>, Unresolved<Failure>> + 'a;

/// One group of people: organisation, kind, and round (or date, without a round).
type PeriodKey = (String, Kind, Option<String>, Option<Date>);

/// Where the parts that identify a respondent stand in its file, as byte offsets: located
/// (line and column) only for a message, while the file's text is at hand.
#[derive(Debug, Clone, Copy)]
pub struct Places {
    /// The organisation's name.
    pub name: Option<usize>,
    /// The respondent code, if given.
    pub respondent: Option<usize>,
}

/// Reads files, keeps their text for quoting, and collects diagnostics.
#[derive(Default)]
pub struct Loader {
    /// The text of every file read, by the name used in messages.
    pub sources: BTreeMap<String, String>,
    /// Every problem found so far.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files had errors (counted by the callers of the loading methods).
    pub invalid_files: usize,
    instruments: BTreeMap<PathBuf, Option<Arc<Instrument>>>,
    builtin: BTreeMap<String, Arc<Instrument>>,
    /// Every file read and every folder searched, canonical: the inputs of this run, which
    /// no output may replace.
    inputs: BTreeSet<PathBuf>,
    /// Files named by other files that are not TOML documents: their lines are never
    /// quoted (see [`Loader::read_reference`]).
    unquotable: BTreeSet<String>,
    /// How many threads read and score files; `None`: `KOERS_THREADS`, or else one per
    /// core.
    threads: Option<usize>,
    /// The folders named on the command line, canonical.
    input_folders: Vec<PathBuf>,
    /// How many warnings of single scored files were counted instead of shown, and in
    /// how many files (see [`Loader::count_file_warnings`]).
    warnings_counted: usize,
    files_with_warnings: usize,
    /// The scoring method's version (3 unless `--method` says otherwise).
    method: Method,
    /// The registers read, each checked against its instrument and scored.
    pub registers: Vec<(Arc<Instrument>, RegisterScore)>,
    /// The werkgebied ids of the assessments read, to check against the register that
    /// serves each one's group once every file is read ([`Loader::check_werkgebied`]).
    werkgebieden: Vec<Werkgebied>,
}

/// An assessment's `werkgebied` ids, each with its place in the file.
struct Werkgebied {
    /// The file's name as messages show it.
    file: String,
    /// The file's text with only the lines of the ids kept, for the message to quote.
    text: String,
    instrument: Arc<Instrument>,
    organisation: String,
    kind: koers::Kind,
    round: Option<String>,
    date: koers::Date,
    ids: Vec<(String, Location)>,
}

/// What a walk passed over, and why: an entry of a folder is a warning, and the run goes
/// on; a file named on the command line is an error, an unreadable file (exit 2).
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// Why it was not read.
    pub reason: &'static str,
    /// Named on the command line rather than met in a folder.
    pub named: bool,
}

/// Expands folders into the `*.toml` files below them, in sorted order; files are kept as
/// given. A path that does not exist is an error (exit 2).
///
/// The walk visits each folder and each file once, however many links lead to it (a
/// link loop would otherwise repeat forever), passes over hidden entries (`.git`, an
/// editor's `.#x.toml` lock) as ripgrep does, and passes over what is not a regular file
/// (a FIFO would block the run; a dangling link cannot be read), each listed in `skipped`.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), Failure> {
    let (files, skipped) = walk(paths)?;
    Ok(((0..files.len()).map(|i| files.path(i)).collect(), skipped))
}

/// The files a walk found, in order, kept small: each folder's path once and each file's
/// name in one shared buffer, so that 14,000 files take a few hundred KiB rather than a
/// path of their own each.
#[derive(Default)]
pub struct Files {
    folders: Vec<PathBuf>,
    /// The names of the files found in folders, one after the other.
    names: String,
    /// Files named on their own, and the rare name that is not UTF-8: kept whole.
    whole: Vec<PathBuf>,
    entries: Vec<Entry>,
}

/// Where one file's path is kept in [`Files`], and whether it must be resolved.
struct Entry {
    place: Place,
    /// Whether its canonical path must be resolved to know whether an output could replace
    /// it: it was named on its own, reached through a link, or has other names (hard
    /// links). A file with one name found in a folder without passing a link lies inside
    /// that folder under its own `.toml` name, which no output may take.
    resolve: bool,
}

enum Place {
    /// `names[start..end]` in `folders[folder]`.
    InFolder { folder: u32, start: u32, end: u32 },
    /// `whole[index]`.
    Whole(u32),
}

impl Files {
    /// How many files there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The `i`-th file's path, as given or below a folder given (as the folder's own
    /// listing gives it).
    pub fn path(&self, i: usize) -> PathBuf {
        match self.entries[i].place {
            Place::InFolder { folder, start, end } => {
                self.folders[folder as usize].join(&self.names[start as usize..end as usize])
            }
            Place::Whole(index) => self.whole[index as usize].clone(),
        }
    }

    /// Whether the `i`-th file's canonical path is needed (see `Entry::resolve`).
    pub fn resolve(&self, i: usize) -> bool {
        self.entries[i].resolve
    }

    /// Adds a file; `folder`: the index of the folder it was listed in, if it was.
    fn push(&mut self, path: &Path, folder: Option<u32>, resolve: bool) {
        let name = path.file_name().and_then(|name| name.to_str());
        let place = match (folder, name) {
            (Some(folder), Some(name)) if u32::try_from(self.names.len() + name.len()).is_ok() => {
                let start = self.names.len() as u32;
                self.names.push_str(name);
                Place::InFolder {
                    folder,
                    start,
                    end: self.names.len() as u32,
                }
            }
            _ => {
                self.whole.push(path.to_path_buf());
                Place::Whole((self.whole.len() - 1) as u32)
            }
        };
        self.entries.push(Entry { place, resolve });
    }
}

/// As [`expand`], with for each file whether its canonical path is needed.
pub fn walk(paths: &[PathBuf]) -> Result<(Files, Vec<Skipped>), Failure> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Failure::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk.folder(path, false)?;
        } else if meta.is_file() {
            walk.file(path);
        } else {
            // Named on the command line, it is a file argument that cannot be read: never
            // opened (a FIFO would block the run, /dev/zero never end), an error (exit 2).
            crate::failure::note_unreadable();
            walk.skipped.push(Skipped {
                path: path.clone(),
                reason: crate::output::kind(&meta),
                named: true,
            });
        }
    }
    Ok((walk.files, walk.skipped))
}

/// Why a walk passes over an entry that is not a regular file.
fn not_a_file() -> &'static str {
    say(
        "geen gewoon bestand (een FIFO, socket of apparaat): niet gelezen",
        "not a regular file (a FIFO, socket or device): not read",
    )
}

#[derive(Default)]
struct Walk {
    files: Files,
    skipped: Vec<Skipped>,
    /// Canonical paths of the folders met so far (and of files without an inode).
    seen: std::collections::HashSet<PathBuf>,
    /// The files met in folders, by device and inode: as sure as a canonical path, and
    /// neither a path resolved per file nor a path kept per file.
    seen_files: std::collections::HashSet<(u64, u64)>,
}

impl Walk {
    /// Whether `path` is met for the first time (by its canonical path).
    fn first_visit(&mut self, path: &Path) -> bool {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(canonical)
    }

    fn file(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Ok(meta) => self.file_with(path, None, &meta, true),
            Err(_) => {
                if self.first_visit(path) {
                    self.files.push(path, None, true);
                }
            }
        }
    }

    /// A file met for the first time (by device and inode, or else canonical path) joins
    /// the list; `folder`: the folder it was listed in; `resolve`: named on its own or
    /// reached through a link.
    fn file_with(
        &mut self,
        path: &Path,
        folder: Option<u32>,
        meta: &std::fs::Metadata,
        resolve: bool,
    ) {
        let first = match identity(meta) {
            Some(id) => self.seen_files.insert(id),
            None => self.first_visit(path),
        };
        if first {
            self.files
                .push(path, folder, resolve || has_other_names(meta));
        }
    }

    fn skip(&mut self, path: &Path, reason: &'static str) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
            named: false,
        });
    }

    /// Walks a folder; `linked`: it was reached through a link.
    fn folder(&mut self, dir: &Path, linked: bool) -> Result<(), Failure> {
        if !self.first_visit(dir) {
            return Ok(());
        }
        let read_error = |source| Failure::Read {
            path: dir.to_path_buf(),
            source,
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_error)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(read_error)?;
        entries.sort();
        // The folder's path is kept once for all its files (see [`Files`]).
        let mut folder = None;
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            // The entry itself, then what a link leads to; a dangling link has no metadata.
            let (meta, link) = match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_symlink() => (std::fs::metadata(&path), true),
                other => (other, false),
            };
            let linked = linked || link;
            match meta {
                Ok(meta) if meta.is_dir() => self.folder(&path, linked)?,
                Ok(meta) if meta.is_file() && is_toml => {
                    let index = *folder.get_or_insert_with(|| {
                        self.files.folders.push(dir.to_path_buf());
                        u32::try_from(self.files.folders.len() - 1).ok()
                    });
                    self.file_with(&path, index, &meta, linked)
                }
                Ok(meta) if meta.is_file() => {}
                Ok(_) if is_toml => self.skip(&path, not_a_file()),
                Err(_) if is_toml => self.skip(
                    &path,
                    say(
                        "een koppeling naar niets: niet gelezen",
                        "a link to nothing: not read",
                    ),
                ),
                _ => {}
            }
        }
        Ok(())
    }
}

/// A file's device and inode, where the system has them.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether a file has more than one name (a hard link).
#[cfg(unix)]
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_names(_: &std::fs::Metadata) -> bool {
    true
}

/// The name a path is shown under in messages.
pub fn display_name(path: &Path) -> String {
    path.display().to_string()
}

/// The one problem of a spreadsheet (a CSV form or export, an xlsx or ods workbook) named
/// to a command that reads assessments: told at once, by its name, instead of the dozens
/// of TOML errors its text would give. A folder walk only finds `*.toml`, so only a file
/// named on its own can be one.
fn spreadsheet(path: &Path) -> Option<Diagnostic> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let what = match extension.as_str() {
        "csv" | "tsv" => ("een CSV-bestand", "a CSV file"),
        "xlsx" | "xlsm" | "xls" => ("een Excel-werkmap", "an Excel workbook"),
        "ods" => ("een ODS-werkmap", "an ODS workbook"),
        _ => return None,
    };
    Some(Diagnostic {
        help: None,
        severity: Severity::Error,
        location: Source::new(display_name(path), "").whole(),
        message: say(
            format!(
                "dit is {}, geen beoordeling; lees antwoorden in met `koers import`",
                what.0
            ),
            format!(
                "this is {}, not an assessment; read answers in with `koers import`",
                what.1
            ),
        ),
    })
}

impl Loader {
    /// Whether `path` is a spreadsheet rather than a document: if so its one problem is
    /// recorded (see `spreadsheet`) and it is not read.
    pub fn is_spreadsheet(&mut self, path: &Path) -> bool {
        match spreadsheet(path) {
            Some(diagnostic) => {
                self.diagnostics.push(diagnostic);
                true
            }
            None => false,
        }
    }

    /// Reads a file as UTF-8 text and remembers it. Text that is not UTF-8 (a binary file)
    /// is invalid input, reported at the first bad byte; so is a file that cannot be read.
    pub fn read(&mut self, path: &Path) -> Result<Option<String>, Failure> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            // One file that cannot be read (no permission, removed meanwhile, a folder
            // named as a file) is one problem at its place; the run goes on with the rest.
            Err(error) => {
                crate::failure::note_unreadable();
                self.diagnostics.push(Diagnostic {
                    help: None,
                    severity: Severity::Error,
                    location: Source::new(display_name(path), "").whole(),
                    message: say(
                        format!("kan dit bestand niet lezen: {}", io_reason(&error)),
                        format!("cannot read this file: {error}"),
                    ),
                });
                return Ok(None);
            }
        };
        self.remember_input(path);
        let name = display_name(path);
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.sources.insert(name, text.clone());
                Ok(Some(text))
            }
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
                let location = Source::new(&name, &prefix).locate(prefix.len());
                self.sources.insert(name, prefix);
                self.diagnostics.push(Diagnostic {
                    help: Some(save_as_utf8()),
                    severity: Severity::Error,
                    location,
                    message: say(
                        format!(
                            "dit is geen UTF-8-tekst (byte {valid}): verwacht een TOML-bestand"
                        ),
                        format!("this is not UTF-8 text (byte {valid}): expected a TOML file"),
                    ),
                });
                Ok(None)
            }
        }
    }

    /// Records a warning for every entry a folder walk passed over, and an error (an
    /// invalid file) for every file named on the command line that is not a regular file.
    pub fn note_skipped(&mut self, skipped: &[Skipped]) {
        for entry in skipped {
            let (severity, message) = if entry.named {
                self.invalid_files += 1;
                (
                    Severity::Error,
                    say(
                        format!(
                            "kan dit bestand niet lezen: het is {}, geen gewoon bestand",
                            entry.reason
                        ),
                        format!(
                            "cannot read this file: it is {}, not a regular file",
                            entry.reason
                        ),
                    ),
                )
            } else {
                (Severity::Warning, entry.reason.to_string())
            };
            self.diagnostics.push(Diagnostic {
                help: None,
                severity,
                location: Source::new(display_name(&entry.path), "").whole(),
                message,
            });
        }
    }

    /// Every folder this loader searched and every file it read that the folder rule does
    /// not already cover (a `.toml` file with one name inside a searched folder is
    /// protected because no output may be a `.toml` file there), canonical (links
    /// resolved): what an output of the same run must never replace or add to.
    pub fn inputs(&self) -> Vec<PathBuf> {
        self.inputs.iter().cloned().collect()
    }

    fn remember_input(&mut self, path: &Path) {
        // A path that cannot be resolved any more (removed meanwhile) is kept as given.
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.inputs.insert(path);
    }

    /// Records every error of an invalid document.
    pub fn record(&mut self, invalid: &Invalid) {
        for error in &invalid.errors {
            self.diagnostics.push(Diagnostic::error(error));
        }
        for warning in &invalid.warnings {
            self.diagnostics.push(Diagnostic::warning(warning));
        }
    }

    /// Checks the text of one file of `koers validate`, parsed once (see
    /// [`koers::Document`]): its top-level keys tell which document it is, and it is read
    /// as that document from the parsed tree. Whether it is valid; the problems are
    /// recorded.
    pub fn check_text(&mut self, path: &Path, text: &str) -> Result<bool, Failure> {
        let name = display_name(path);
        let source = Source::new(&name, text);
        // Every document of koers is parsed with recovery, so that all its syntax errors
        // come at once (with an assessment's other problems too); a column map, read by
        // its own reader, stops at its first.
        let document = Document::parse_recovering(Source::new(&name, text));
        let kind = document.kind();
        // What is left of a broken document is read as what its headers say; a column
        // map's first syntax error comes from a strict parse.
        let readable = matches!(
            kind,
            DocumentKind::Assessment
                | DocumentKind::Instrument
                | DocumentKind::Matrix
                | DocumentKind::Register
        );
        if !document.syntax_errors().is_empty() && !readable {
            if let Err(invalid) = Document::parse(Source::new(&name, text)) {
                self.record(&invalid);
            }
            return Ok(false);
        }
        let read = |loader: &mut Self, result: Result<(), Invalid>| match result {
            Ok(()) => true,
            Err(invalid) => {
                loader.record(&invalid);
                false
            }
        };
        Ok(match kind {
            DocumentKind::Assessment => match document.into_assessment_lenient() {
                Ok(assessment) => {
                    let scored = self.score_assessment::<Placement>(path, &source, &assessment)?;
                    if let Some(one) = &scored {
                        self.note_werkgebied(&name, text, one);
                    }
                    scored.is_some()
                }
                Err(invalid) => read(self, Err(invalid)),
            },
            DocumentKind::Instrument => self
                .instrument_by(path, |resolve| document.into_instrument_with(resolve))?
                .is_some(),
            DocumentKind::Matrix => {
                let matrix = document.into_matrix().map(|_| ());
                read(self, matrix)
            }
            DocumentKind::Register => match document.into_register() {
                Ok(register) => self.take_register(path, &register)?,
                Err(invalid) => read(self, Err(invalid)),
            },
            DocumentKind::ColumnMap => match toml::from_str::<koers_survey::map::Map>(text) {
                Ok(_) => true,
                Err(error) => {
                    let location = match error.span() {
                        Some(span) => source.locate(span.start),
                        None => source.whole(),
                    };
                    self.diagnostics.push(Diagnostic {
                        help: None,
                        severity: Severity::Error,
                        location,
                        message: say(
                            format!("dit kolomkoppelingsbestand (--map van koers import) klopt niet: {}", error.message()),
                            format!("this column map (--map of koers import) is not right: {}", error.message()),
                        ),
                    });
                    false
                }
            },
            DocumentKind::Mixed { keys } => {
                self.mixed_kinds(path, text, &keys);
                false
            }
            // A kind of document a later koers library knows and this command does not.
            _ => {
                self.diagnostics.push(Diagnostic {
                    help: None,
                    severity: Severity::Error,
                    location: source.whole(),
                    message: say(
                        "koers validate kent dit soort document niet: verwacht een ingevulde vragenlijst, een instrument, een matrix, een register of een kolomkoppeling",
                        "koers validate does not know this kind of document: expected an assessment, an instrument, a matrix, a register or a column map",
                    )
                    .to_string(),
                });
                false
            }
        })
    }

    /// Records the error of a file whose keys belong to more than one kind of document,
    /// at the first key of the second kind.
    pub fn mixed_kinds(&mut self, path: &Path, text: &str, keys: &[&str]) {
        let name = display_name(path);
        let second = keys.get(1).copied().unwrap_or_default();
        // The line that starts with the key, as a key or a table header.
        // `split_inclusive` keeps each line's own ending ("\n" or "\r\n"), so the offsets
        // stay right in a file with Windows line endings.
        let offset = text
            .split_inclusive('\n')
            .scan(0, |start, line| {
                let here = *start;
                *start += line.len();
                Some((here, line))
            })
            .find(|(_, line)| {
                let line = line.trim_start().trim_start_matches('[');
                line.starts_with(second)
                    && line[second.len()..]
                        .trim_start()
                        .starts_with(['=', ']', '.'])
            })
            .map_or(0, |(start, _)| start);
        let location = Source::new(&name, text).locate(offset);
        self.diagnostics.push(Diagnostic {
            help: None,
            severity: Severity::Error,
            location,
            message: say(
                format!(
                    "dit bestand heeft sleutels van twee soorten document (`{}`): verwacht een ingevulde vragenlijst, een instrument of een matrix, geen mengsel; verwijder de verdwaalde sleutel",
                    keys.join("` en `")
                ),
                format!(
                    "this file has keys of two kinds of document (`{}`): expected an assessment, an instrument or a matrix, not a mix; remove the stray key",
                    keys.join("` and `")
                ),
            ),
        });
    }

    /// The instrument an assessment names: built in, or a path relative to the assessment.
    fn instrument_for(
        &mut self,
        assessment_path: &Path,
        assessment: &Assessment,
    ) -> Result<Option<Arc<Instrument>>, Failure> {
        self.instrument_named(assessment_path, &assessment.instrument, || {
            assessment.instrument_location()
        })
    }

    /// Checks a register against its instrument and keeps it for the groups it serves.
    /// Whether it is valid; its problems are recorded.
    fn take_register(&mut self, path: &Path, register: &Register) -> Result<bool, Failure> {
        let Some(instrument) = self.instrument_named(path, &register.instrument, || None)? else {
            return Ok(false);
        };
        match instrument.score_register(register) {
            Ok(scored) => {
                self.registers.push((instrument, scored));
                Ok(true)
            }
            Err(invalid) => {
                self.record(&invalid);
                Ok(false)
            }
        }
    }

    /// The instrument a file names by `reference` (a built-in id or a path relative to
    /// the file), read once per run.
    fn instrument_named(
        &mut self,
        assessment_path: &Path,
        reference: &str,
        location: impl FnOnce() -> Option<Location>,
    ) -> Result<Option<Arc<Instrument>>, Failure> {
        if let Some(instrument) = builtin::instrument(reference) {
            let shared = self
                .builtin
                .entry(reference.to_string())
                .or_insert_with(|| Arc::new(instrument.clone()));
            return Ok(Some(Arc::clone(shared)));
        }
        let path = assessment_path
            .parent()
            .unwrap_or(Path::new("."))
            .join(reference);
        // By canonical path: `instrument.toml` and `../x/instrument.toml` are one
        // instrument, whose assessments must group together.
        let path = path.canonicalize().unwrap_or(path);
        if let Some(known) = self.instruments.get(&path) {
            return Ok(known.clone());
        }
        let loaded = if path.is_file() {
            self.load_instrument(&path)?.map(Arc::new)
        } else {
            let location = location()
                .unwrap_or_else(|| Source::new(display_name(assessment_path), "").whole());
            self.diagnostics
                .push(Diagnostic::error(&Error::UnknownInstrument {
                    location,
                    id: reference.to_string(),
                    known: builtin::INSTRUMENT_IDS
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                }));
            None
        };
        self.instruments.insert(path, loaded.clone());
        Ok(loaded)
    }

    /// Loads an instrument file, resolving a matrix path relative to it.
    pub fn load_instrument(&mut self, path: &Path) -> Result<Option<Instrument>, Failure> {
        match self.read_reference(path)? {
            Some(text) => self.instrument_from_text(path, &text),
            None => Ok(None),
        }
    }

    /// Reads a file that another names (an instrument, a matrix): any path on the
    /// machine. Its lines are quoted in messages only when it is a TOML document, so that a
    /// path to a file of secrets never has its first line printed.
    fn read_reference(&mut self, path: &Path) -> Result<Option<String>, Failure> {
        let text = self.read(path)?;
        if text
            .as_deref()
            .is_none_or(|t| toml::from_str::<toml::Table>(t).is_err())
        {
            self.unquotable.insert(display_name(path));
        }
        Ok(text)
    }

    /// Parses the text of an instrument file; `None` when it is invalid (the problems are
    /// recorded).
    pub fn instrument_from_text(
        &mut self,
        path: &Path,
        text: &str,
    ) -> Result<Option<Instrument>, Failure> {
        let name = display_name(path);
        self.instrument_by(path, |resolve| {
            Instrument::parse_with(&Source::new(&name, text), resolve)
        })
    }

    /// Reads an instrument file with `parse`, which is handed the resolver of a matrix
    /// path (relative to the instrument); `None` when it is invalid (the problems are
    /// recorded).
    fn instrument_by(
        &mut self,
        path: &Path,
        parse: impl FnOnce(&mut ResolveMatrix<'_>) -> Result<Result<Instrument, Invalid>, Failure>,
    ) -> Result<Option<Instrument>, Failure> {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut matrix_sources = Vec::new();
        let result = parse(&mut |reference: &str| {
            let matrix_path = dir.join(reference);
            if !matrix_path.is_file() {
                return Ok(None);
            }
            let matrix_name = display_name(&matrix_path);
            let matrix_text = std::fs::read_to_string(&matrix_path).map_err(|source| {
                Unresolved::Failed(Failure::Read {
                    path: matrix_path.clone(),
                    source,
                })
            })?;
            let parsed = Matrix::parse(&Source::new(&matrix_name, &matrix_text));
            matrix_sources.push((matrix_path, matrix_name, matrix_text));
            parsed.map(Some).map_err(Unresolved::Invalid)
        });
        for (matrix_path, matrix_name, matrix_text) in matrix_sources {
            self.remember_input(&matrix_path);
            self.sources.insert(matrix_name, matrix_text);
        }
        match result? {
            Ok(instrument) => Ok(Some(instrument)),
            Err(invalid) => {
                self.record(&invalid);
                Ok(None)
            }
        }
    }

    /// Loads a matrix: built in, or a file.
    pub fn load_matrix(&mut self, reference: &str) -> Result<Option<Matrix>, Failure> {
        if let Some(matrix) = builtin::matrix(reference) {
            return Ok(Some(matrix.clone()));
        }
        let path = Path::new(reference);
        match self.read_reference(path)? {
            Some(text) => Ok(self.matrix_from_text(path, &text)),
            None => Ok(None),
        }
    }

    /// Parses the text of a matrix file; `None` when it is invalid (the problems are
    /// recorded).
    pub fn matrix_from_text(&mut self, path: &Path, text: &str) -> Option<Matrix> {
        match Matrix::parse(&Source::new(display_name(path), text)) {
            Ok(matrix) => Some(matrix),
            Err(invalid) => {
                self.record(&invalid);
                None
            }
        }
    }

    /// Loads and scores every assessment below `paths`. Instrument and matrix files found
    /// in a folder are passed over (they are not answers); named explicitly, they are an
    /// error. Fails with exit 1 after printing when any assessment is invalid.
    pub fn score_all(&mut self, paths: &[PathBuf]) -> Result<Vec<Scored>, Failure> {
        let mut scored = Vec::new();
        self.score_each(paths, |one| scored.push(one))?;
        Ok(scored)
    }

    /// Sets the scoring method's version.
    pub fn set_method(&mut self, method: Method) {
        self.method = method;
    }

    /// Sets how many threads read and score files (at least one).
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = Some(threads.max(1));
    }

    /// As [`Loader::score_all`], but hands each scored assessment to `sink` in input
    /// order instead of keeping them all, and returns how many there were. Files are
    /// read, parsed and scored on several threads; the scores, the problems and their
    /// order are the same for any number of threads. A file's text is kept only when a
    /// message is shown for it.
    pub fn score_each<S: Scoring>(
        &mut self,
        paths: &[PathBuf],
        mut sink: impl FnMut(Scored<S>),
    ) -> Result<usize, Failure> {
        for path in paths.iter().filter(|path| path.is_dir()) {
            self.remember_input(path);
            self.input_folders
                .push(path.canonicalize().unwrap_or_else(|_| path.clone()));
        }
        let (files, skipped) = walk(paths)?;
        self.note_skipped(&skipped);
        let mut identities = Identities::default();
        let mut count = 0;
        let threads = self.threads.unwrap_or_else(default_threads);
        // A set, not a search of `paths` per file: a shell glob can name 14,000 files.
        let named: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        let method = self.method;
        let work = |i| prepare::<S>(&files.path(i), files.resolve(i), method);
        in_order(files.len(), threads, work, |i, prepared| {
            let file = files.path(i);
            let explicit = named.contains(&file);
            if let Some(one) = self.take(&file, explicit, prepared, &mut identities, &files, i)? {
                count += 1;
                sink(one);
            }
            Ok(())
        })?;
        self.diagnostics.append(&mut identities.diagnostics);
        self.invalid_files += identities.duplicates;
        self.check_werkgebied();
        Ok(count)
    }

    /// Keeps the `werkgebied` ids of a scored assessment, with their places, for
    /// [`Loader::check_werkgebied`].
    fn note_werkgebied<S: Scoring>(&mut self, name: &str, text: &str, one: &Scored<S>) {
        let info = one.score.info();
        if info.werkgebied.is_empty() {
            return;
        }
        let source = Source::new(name, text);
        let ids: Vec<(String, Location)> = werkgebied_offsets(text, &info.werkgebied)
            .into_iter()
            .zip(&info.werkgebied)
            .map(|(offset, id)| (id.clone(), source.locate(offset)))
            .collect();
        let lines: BTreeSet<usize> = ids.iter().map(|(_, l)| l.line).collect();
        self.werkgebieden.push(Werkgebied {
            file: name.to_string(),
            text: only_lines(text, &lines),
            instrument: Arc::clone(&one.instrument),
            organisation: one.score.organisation().key().to_string(),
            kind: info.kind,
            round: info.round.clone(),
            date: info.date,
            ids,
        });
    }

    /// Warns of every `werkgebied` id that is not a wijk of the register that serves the
    /// assessment's group (same organisation and round, or the twelve months before), at
    /// its place, with the nearest wijk id: a respondent whose werkgebied names no wijk
    /// of the register counts for none. Assessments no register serves are not checked:
    /// without a register there are no wijken to name. Called once every file is read.
    pub fn check_werkgebied(&mut self) {
        for w in std::mem::take(&mut self.werkgebieden) {
            let registers = self
                .registers
                .iter()
                .filter(|(i, _)| i.id == w.instrument.id && i.version == w.instrument.version)
                .map(|(_, r)| r);
            let Some(register) = Register::pick_at(
                registers,
                &w.organisation,
                w.kind,
                w.round.as_deref(),
                w.date,
            ) else {
                continue;
            };
            let wijken = &register.register.wijken;
            let mut warned = false;
            for (id, location) in &w.ids {
                if wijken.iter().any(|k| &k.id == id) {
                    continue;
                }
                warned = true;
                let date = register.register.register.date;
                let nearest = koers_survey::nearest(
                    id,
                    wijken.iter().flat_map(|k| {
                        [
                            (k.id.as_str(), k.id.clone()),
                            (k.id.as_str(), k.name.clone()),
                        ]
                    }),
                );
                let help = match nearest {
                    Some(near) => say(
                        format!("bedoelt u `{near}`?"),
                        format!("did you mean `{near}`?"),
                    ),
                    None => {
                        let known = wijken
                            .iter()
                            .map(|k| format!("`{}`", k.id))
                            .collect::<Vec<_>>()
                            .join(", ");
                        say(
                            format!("de wijken van de registratie zijn {known}"),
                            format!("the register's wijken are {known}"),
                        )
                    }
                };
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    location: location.clone(),
                    message: say(
                        format!(
                            "werkgebied `{id}` is geen wijk van de registratie van {date} die deze groep bedient: deze respondent telt voor die wijk niet mee"
                        ),
                        format!(
                            "werkgebied `{id}` is not a wijk of the register of {date} that serves this group: this respondent does not count for that wijk"
                        ),
                    ),
                    help: Some(help),
                });
            }
            if warned && !self.sources.contains_key(&w.file) {
                self.sources.insert(w.file, w.text);
            }
        }
    }

    /// Takes in what [`prepare`] made of the `i`-th file: records its problems, resolves
    /// an instrument that is not built in, and checks what only shows across files.
    fn take<S: Scoring>(
        &mut self,
        file: &Path,
        explicit: bool,
        prepared: Prepared<S>,
        identities: &mut Identities,
        files: &Files,
        i: usize,
    ) -> Result<Option<Scored<S>>, Failure> {
        let Prepared {
            name,
            canonical,
            diagnostics,
            text,
            outcome,
        } = prepared;
        // A `.toml` file with one name inside a folder of the run is already safe: no
        // output may be a `.toml` file in an input folder. Keeping every file's path would
        // make memory grow with the number of files. A link `a.toml` to `answers.txt`
        // leads elsewhere, so its target is kept.
        if let Some((canonical, other_names)) = canonical {
            let inside = self
                .input_folders
                .iter()
                .any(|folder| canonical.starts_with(folder));
            let toml = canonical.extension().is_some_and(|e| e == "toml");
            if other_names || !inside || !toml {
                self.inputs.insert(canonical);
            }
        }
        let first_new = self.diagnostics.len();
        self.diagnostics.extend(diagnostics);
        let scored = match outcome {
            Outcome::Invalid => {
                self.invalid_files += 1;
                None
            }
            Outcome::Scored {
                score,
                instrument,
                places,
            } => {
                let shared = self
                    .builtin
                    .entry(instrument.to_string())
                    .or_insert_with(|| {
                        Arc::new(builtin::instrument(instrument).expect("built in").clone())
                    });
                Some(Scored {
                    score,
                    instrument: Arc::clone(shared),
                    file: name.clone(),
                    places,
                })
            }
            Outcome::Unresolved(assessment) => {
                let source = Source::new(&name, text.as_deref().unwrap_or_default());
                let scored = self.score_assessment(file, &source, &assessment)?;
                if scored.is_none() {
                    self.invalid_files += 1;
                }
                scored
            }
            Outcome::Mixed(keys) => {
                self.mixed_kinds(file, text.as_deref().unwrap_or_default(), &keys);
                self.invalid_files += 1;
                None
            }
            // A register is never a respondent: it is kept for the groups it serves.
            Outcome::Register(register) => {
                if !self.take_register(file, &register)? {
                    self.invalid_files += 1;
                }
                None
            }
            // Not answers: passed over in a folder, an error when named explicitly.
            Outcome::Other(kind) if explicit => {
                self.diagnostics.push(Diagnostic {
                    help: None,
                    severity: Severity::Error,
                    location: Source::new(&name, "").whole(),
                    message: match kind {
                            DocumentKind::Matrix => say(
                                "dit is een matrixbestand, geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is a matrix file, not an assessment: expected answers to score",
                            ),
                            DocumentKind::ColumnMap => say(
                                "dit is een kolomkoppeling (--map van koers import), geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is a column map (--map of koers import), not an assessment: expected answers to score",
                            ),
                            DocumentKind::Instrument => say(
                                "dit is een instrumentbestand, geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is an instrument file, not an assessment: expected answers to score",
                            ),
                            _ => say(
                                "dit is geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is not an assessment: expected answers to score",
                            ),
                        }
                        .to_string(),
                });
                self.invalid_files += 1;
                None
            }
            Outcome::Other(_) => None,
        };
        self.count_file_warnings(first_new);
        if let (Some(one), Some(text)) = (&scored, text.as_deref()) {
            self.note_werkgebied(&name, text, one);
        }
        let identity_problems = identities.diagnostics.len();
        if let Some(one) = &scored {
            identities.check(one, text.as_deref().unwrap_or_default(), files, i);
        }
        // The text stays only when a message of this file may quote it.
        let quoted = self.diagnostics[first_new..]
            .iter()
            .chain(&identities.diagnostics[identity_problems..])
            .any(|d| d.location.source == name);
        if let Some(text) = text.filter(|_| quoted) {
            let lines: BTreeSet<usize> = self.diagnostics[first_new..]
                .iter()
                .chain(&identities.diagnostics[identity_problems..])
                .filter(|d| d.location.source == name)
                .map(|d| d.location.line)
                .collect();
            self.sources.insert(name, only_lines(&text, &lines));
        }
        Ok(scored)
    }

    /// Counts the warnings among `diagnostics[from..]` (those of one file) instead of
    /// keeping them; errors are always kept. A command that scores says only how many
    /// warnings there were, in one line, and points to `koers validate`, which shows each:
    /// a skipped question should not print its snippet on every run, nor a survey of
    /// thousands of files drown its result. A warning not kept keeps no text of its file
    /// either.
    fn count_file_warnings(&mut self, from: usize) {
        let before = self.warnings_counted;
        let new = self.diagnostics.split_off(from);
        for diagnostic in new {
            if diagnostic.severity == Severity::Warning {
                self.warnings_counted += 1;
            } else {
                self.diagnostics.push(diagnostic);
            }
        }
        if self.warnings_counted > before {
            self.files_with_warnings += 1;
        }
    }

    /// Resolves the instrument of a parsed assessment, then checks and scores it; `None`
    /// when it is invalid (the problems are recorded).
    fn score_assessment<S: Scoring>(
        &mut self,
        path: &Path,
        source: &Source<'_>,
        assessment: &Assessment,
    ) -> Result<Option<Scored<S>>, Failure> {
        let Some(instrument) = self.instrument_for(path, assessment)? else {
            // Without the instrument the answers cannot be checked; the header can.
            let problems = assessment.problems().iter().map(Diagnostic::error);
            self.diagnostics.extend(problems);
            return Ok(None);
        };
        match S::check_and_make(&instrument, assessment, self.method) {
            Ok((warnings, score)) => {
                for warning in &warnings {
                    self.diagnostics.push(Diagnostic::warning(warning));
                }
                Ok(Some(Scored {
                    score,
                    instrument,
                    file: source.name().to_string(),
                    places: places(assessment),
                }))
            }
            Err(invalid) => {
                self.record(&invalid);
                Ok(None)
            }
        }
    }

    /// Prints the diagnostics to standard error, warnings only when `warnings` is set.
    pub fn print_diagnostics(&self, warnings: bool) {
        let mut text = String::new();
        let lines: BTreeMap<&str, Vec<&str>> = self
            .sources
            .iter()
            .filter(|(name, _)| !self.unquotable.contains(*name))
            .map(|(name, text)| (name.as_str(), text.lines().collect()))
            .collect();
        let width = crate::console::error_width();
        for diagnostic in &self.diagnostics {
            if diagnostic.severity == Severity::Warning && !warnings {
                continue;
            }
            text.push_str(&diagnostic.render(&lines, true, width));
        }
        crate::console::eprint_styled(&text);
    }

    /// Fails with exit 1 when any file was invalid, after printing every problem, or when
    /// `scored` is empty: a command asked to score nothing has nothing to show.
    pub fn finish(&self, scored: &[Scored]) -> Result<(), Failure> {
        self.finish_count(scored.len())
    }

    /// As [`Loader::finish`], for a run that scored `count` assessments without keeping
    /// them.
    pub fn finish_count(&self, count: usize) -> Result<(), Failure> {
        // Warnings that belong to no one file (entries passed over) are shown with the
        // errors, and on their own when the run goes on; those of single files are
        // counted in one line.
        self.print_diagnostics(true);
        if self.warnings_counted > 0 {
            let (n, files) = (self.warnings_counted, self.files_with_warnings);
            let (nl, en) = if n == 1 {
                ("waarschuwing", "warning")
            } else {
                ("waarschuwingen", "warnings")
            };
            let (nl_files, en_files) = if files == 1 {
                ("bestand", "file")
            } else {
                ("bestanden", "files")
            };
            crate::console::eprint_styled(&say(
                format!("{n} {nl} in {files} {nl_files}; `koers validate` toont ze\n"),
                format!("{n} {en} in {files} {en_files}; `koers validate` shows them\n"),
            ));
        }
        if self.invalid_files > 0 {
            let count_invalid = self.invalid_files;
            // With valid files beside the invalid ones, say why those are not shown.
            return Err(if count > 0 {
                Failure::NotScored {
                    count: count_invalid,
                }
            } else {
                Failure::Invalid {
                    count: count_invalid,
                }
            });
        }
        if count == 0 {
            return Err(Failure::Unsupported(
                say(
                    "geen ingevulde vragenlijsten gevonden: verwacht *.toml-bestanden met [answers]",
                    "no assessments found: expected *.toml files with [answers]",
                )
                .into(),
            ));
        }
        Ok(())
    }
}

/// Where the organisation's name and the respondent code of a parsed assessment stand.
fn places(assessment: &Assessment) -> Places {
    Places {
        name: assessment.name_offset(),
        respondent: assessment.respondent_offset(),
    }
}

/// The offset of each of `ids` in the `werkgebied = [...]` array of `text`: the opening
/// quote of the id, else the key, else the start of the file.
fn werkgebied_offsets(text: &str, ids: &[String]) -> Vec<usize> {
    let mut start = 0;
    let mut key = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("werkgebied")
            && rest.trim_start().starts_with('=')
        {
            key = Some(start + line.len() - trimmed.len());
            break;
        }
        start += line.len();
    }
    let Some(key) = key else {
        return vec![0; ids.len()];
    };
    ids.iter()
        .map(|id| {
            ['"', '\'']
                .iter()
                .find_map(|q| text[key..].find(&format!("{q}{id}{q}")))
                .map_or(key, |i| key + i)
        })
        .collect()
}

/// `text` with only the given lines (counted from 1) kept and the others left empty, so
/// that a message can still quote its line by number while the rest is let go.
fn only_lines(text: &str, keep: &BTreeSet<usize>) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if keep.contains(&(i + 1)) {
            out.push_str(line);
        }
        out.push('\n');
        if keep.range(i + 2..).next().is_none() {
            break;
        }
    }
    out
}

/// The number of threads when none is set: `KOERS_THREADS`, or else one per core.
pub fn default_threads() -> usize {
    std::env::var("KOERS_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// What one file came to, worked out on any thread: all of it but an instrument file that
/// it names, which the main thread reads (in input order, so that messages keep theirs).
struct Prepared<S> {
    /// The file's name in messages.
    name: String,
    /// The canonical path of a file that was read (an input of the run) when the walk
    /// asked for it ([`Found::resolve`]), and whether it has other names (hard links).
    canonical: Option<(PathBuf, bool)>,
    /// Its problems, in the order the file shows them.
    diagnostics: Vec<Diagnostic>,
    /// Its text (up to the first bad byte of one that is not UTF-8), until it is known
    /// whether a message quotes it.
    text: Option<String>,
    outcome: Outcome<S>,
}

enum Outcome<S> {
    /// Unreadable or invalid: the problems are in the diagnostics.
    Invalid,
    /// Scored against a built-in instrument.
    Scored {
        score: S,
        instrument: &'static str,
        places: Places,
    },
    /// An assessment whose instrument is a file, still to be read.
    Unresolved(Box<Assessment>),
    /// Keys of two kinds of document.
    Mixed(Vec<&'static str>),
    /// A register, parsed; checked against its instrument when taken in.
    Register(Box<Register>),
    /// An instrument or a matrix.
    Other(DocumentKind),
}

/// Reads, parses once, and (against a built-in instrument) checks and scores one file.
fn prepare<S: Scoring>(path: &Path, resolve: bool, method: Method) -> Prepared<S> {
    let name = display_name(path);
    let mut diagnostics = Vec::new();
    let invalid = |name, diagnostics, text| Prepared {
        name,
        canonical: None,
        diagnostics,
        text,
        outcome: Outcome::Invalid,
    };
    if let Some(diagnostic) = spreadsheet(path) {
        diagnostics.push(diagnostic);
        return invalid(name, diagnostics, None);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // One file that cannot be read (no permission, removed meanwhile, a folder
        // named as a file) is one problem at its place; the run goes on with the rest.
        Err(error) => {
            crate::failure::note_unreadable();
            diagnostics.push(Diagnostic {
                help: None,
                severity: Severity::Error,
                location: Source::new(&name, "").whole(),
                message: say(
                    format!("kan dit bestand niet lezen: {}", io_reason(&error)),
                    format!("cannot read this file: {error}"),
                ),
            });
            return invalid(name, diagnostics, None);
        }
    };
    // A path that cannot be resolved any more (removed meanwhile) is kept as given.
    let canonical = resolve.then(|| {
        (
            path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
            std::fs::metadata(path).map_or(true, |meta| has_other_names(&meta)),
        )
    });
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
            diagnostics.push(Diagnostic {
                help: Some(save_as_utf8()),
                severity: Severity::Error,
                location: Source::new(&name, &prefix).locate(prefix.len()),
                message: say(
                    format!("dit is geen UTF-8-tekst (byte {valid}): verwacht een TOML-bestand"),
                    format!("this is not UTF-8 text (byte {valid}): expected a TOML file"),
                ),
            });
            return Prepared {
                canonical,
                ..invalid(name, diagnostics, Some(prefix))
            };
        }
    };
    let outcome = judge(&name, &text, &mut diagnostics, method);
    Prepared {
        name,
        canonical,
        diagnostics,
        text: Some(text),
        outcome,
    }
}

/// What a text is, parsed once: its kind from the top-level keys of the parsed tree, and
/// an assessment read from that tree and scored when its instrument is built in.
fn judge<S: Scoring>(
    name: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    method: Method,
) -> Outcome<S> {
    let record = |invalid: Invalid, diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.extend(invalid.errors.iter().map(Diagnostic::error));
        diagnostics.extend(invalid.warnings.iter().map(Diagnostic::warning));
        Outcome::Invalid
    };
    // An assessment is parsed with recovery: its syntax errors come with its other
    // problems. Any other document with a syntax error is passed over, by its headers.
    let document = Document::parse_recovering(Source::new(name, text));
    let kind = document.kind();
    match kind {
        DocumentKind::Assessment => {}
        // A register serves the groups of a run, in a folder too: a broken one is
        // reported (with all its syntax errors), never passed over.
        DocumentKind::Register => {
            return match document.into_register() {
                Ok(register) => Outcome::Register(Box::new(register)),
                Err(invalid) => record(invalid, diagnostics),
            };
        }
        _ if !document.syntax_errors().is_empty() => return Outcome::Other(kind),
        DocumentKind::Mixed { keys } => return Outcome::Mixed(keys),
        kind => return Outcome::Other(kind),
    }
    let assessment = match document.into_assessment_lenient() {
        Ok(assessment) => assessment,
        Err(invalid) => return record(invalid, diagnostics),
    };
    let Some((id, instrument)) = builtin::INSTRUMENT_IDS
        .iter()
        .find(|id| **id == assessment.instrument)
        .and_then(|id| Some((*id, builtin::instrument(id)?)))
    else {
        return Outcome::Unresolved(Box::new(assessment));
    };
    match S::check_and_make(instrument, &assessment, method) {
        Ok((warnings, score)) => {
            diagnostics.extend(warnings.iter().map(Diagnostic::warning));
            Outcome::Scored {
                score,
                instrument: id,
                places: places(&assessment),
            }
        }
        Err(invalid) => record(invalid, diagnostics),
    }
}

/// How many files may be prepared ahead of the one taken in: enough to keep every
/// thread busy, few enough that memory does not grow with the number of files.
const WINDOW: usize = 128;

/// How many files a worker takes at a time: one claim, one message and one wake-up per
/// chunk instead of per file, which on 14,000 small files cost more than the files.
const CHUNK: usize = 16;

/// Runs `work` over the items `0..count` on `threads` threads and hands each result to
/// `take` in order, at most [`WINDOW`] ahead. The first error of `take` stops the work.
fn in_order<R: Send>(
    count: usize,
    threads: usize,
    work: impl Fn(usize) -> R + Sync,
    mut take: impl FnMut(usize, R) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if threads <= 1 || count < 2 {
        for i in 0..count {
            take(i, work(i))?;
        }
        return Ok(());
    }
    let chunks = count.div_ceil(CHUNK);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results were taken in, and a signal for the threads that wait on it.
    let taken = (Mutex::new(0usize), Condvar::new());
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Vec<R>)>();
        for _ in 0..threads.min(chunks) {
            let sender = sender.clone();
            let (next, stop, taken, work) = (&next, &stop, &taken, &work);
            scope.spawn(move || {
                // A worker that panics releases the others, which would wait for its file.
                let _release = Release {
                    stop,
                    taken,
                    only_on_panic: true,
                };
                loop {
                    let chunk = next.fetch_add(1, Ordering::Relaxed);
                    if chunk >= chunks {
                        break;
                    }
                    let first = chunk * CHUNK;
                    let mut done = taken.0.lock().unwrap_or_else(|e| e.into_inner());
                    while first >= *done + WINDOW && !stop.load(Ordering::Relaxed) {
                        done = taken.1.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let part = first..(first + CHUNK).min(count);
                    if sender.send((chunk, part.map(work).collect())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // However the taking ends (done, an error, a panic in `take`), the workers stop.
        let release = Release {
            stop: &stop,
            taken: &taken,
            only_on_panic: false,
        };
        let mut waiting: BTreeMap<usize, Vec<R>> = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        'receive: for (chunk, results) in receiver.iter() {
            waiting.insert(chunk, results);
            while let Some(ready) = waiting.remove(&want) {
                for (k, one) in ready.into_iter().enumerate() {
                    result = take(want * CHUNK + k, one);
                    if result.is_err() {
                        break 'receive;
                    }
                }
                want += 1;
                *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = want * CHUNK;
                taken.1.notify_all();
            }
        }
        drop(release);
        drop(receiver);
        result
    })
}

/// Sets `stop` and wakes every waiting worker when dropped, so that no thread waits for
/// ever: on the taking side always, on a worker only when it panics.
struct Release<'a> {
    stop: &'a AtomicBool,
    taken: &'a (Mutex<usize>, Condvar),
    only_on_panic: bool,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if self.only_on_panic && !std::thread::panicking() {
            return;
        }
        // Under the lock, so that a worker between its check of `stop` and its wait
        // cannot miss the wake-up.
        let _done = self.taken.0.lock().unwrap_or_else(|e| e.into_inner());
        self.stop.store(true, Ordering::Relaxed);
        self.taken.1.notify_all();
    }
}

/// What only shows across files: one respondent in two files (an error: each person
/// counts once), and one organisation id under two names (a warning: rows show the first
/// name). Checked file by file as they are taken in, keeping a respondent code per
/// person, not the scores.
#[derive(Default)]
struct Identities {
    /// Per organisation, kind and round (or date): each respondent code and the file it
    /// was first met in.
    respondents: Respondents,
    /// Per organisation id: the first name, its file and place.
    names: HashMap<String, (String, String, Location)>,
    /// The problems, shown after those of the single files.
    diagnostics: Vec<Diagnostic>,
    /// How many files repeat a respondent.
    duplicates: usize,
}

/// Every respondent code met, by period (organisation, kind and round or date), kept
/// small because it holds one entry per file of the run: the codes sit in one shared
/// buffer, and the table's 16-byte entries point into it (a `String` per code would be an
/// allocation of its own per file).
#[derive(Default)]
struct Respondents {
    periods: HashMap<PeriodKey, u32>,
    codes: String,
    table: hashbrown::HashTable<Code>,
    hasher: std::hash::RandomState,
}

/// One respondent code: its period, its place in [`Respondents::codes`], and the index of
/// the file it was first met in.
struct Code {
    period: u32,
    start: u32,
    end: u32,
    first: u32,
}

impl Respondents {
    /// The index of the file `code` was first met in within `period`; `None` when this is
    /// its first file, which is then remembered.
    fn first_or_insert(&mut self, period: PeriodKey, code: &str, file: usize) -> Option<usize> {
        let next = self.periods.len();
        let Ok(next) = u32::try_from(next) else {
            return None; // Four billion periods: no memory holds them.
        };
        let period = *self.periods.entry(period).or_insert(next);
        let hash = self.hasher.hash_one((period, code));
        let codes = &self.codes;
        let same =
            |c: &Code| c.period == period && &codes[c.start as usize..c.end as usize] == code;
        if let Some(found) = self.table.find(hash, same) {
            return Some(found.first as usize);
        }
        let start = self.codes.len();
        let (Ok(start), Ok(end), Ok(first)) = (
            u32::try_from(start),
            u32::try_from(start + code.len()),
            u32::try_from(file),
        ) else {
            return None; // Beyond 4 GiB of codes or four billion files: no memory holds them.
        };
        self.codes.push_str(code);
        let hasher = &self.hasher;
        let codes = &self.codes;
        self.table.insert_unique(
            hash,
            Code {
                period,
                start,
                end,
                first,
            },
            |c| hasher.hash_one((c.period, &codes[c.start as usize..c.end as usize])),
        );
        None
    }
}

impl Identities {
    /// Checks one scored file; `text` is its text, to locate a message in.
    fn check<S: Scoring>(&mut self, one: &Scored<S>, text: &str, files: &Files, i: usize) {
        let (organisation, info) = (one.score.organisation(), one.score.info());
        let source = Source::new(&one.file, text);
        let locate = |offset: Option<usize>| offset.map(|o| source.locate(o));
        let name_place = || locate(one.places.name).unwrap_or_else(|| source.whole());
        if let Some(code) = info.respondent.as_deref() {
            // A respondent is one person within one organisation, kind and round (or date).
            let round = info.round.clone();
            let date = round.is_none().then_some(info.date);
            let key = (organisation.key().to_string(), info.kind, round, date);
            if let Some(first) = self.respondents.first_or_insert(key, code, i) {
                self.diagnostics.push(Diagnostic {
                    help: None,
                    severity: Severity::Error,
                    location: locate(one.places.respondent).unwrap_or_else(name_place),
                    message: say(
                        format!(
                            "respondent `{code}` van `{}` ({}, {}) antwoordt ook in {}: elke respondent telt één keer; verwijder een van de bestanden of geef het een eigen respondentcode",
                            organisation.key(),
                            crate::reading::kind_word(info.kind, koers::Lang::Nl),
                            info.round.clone().unwrap_or_else(|| info.date.to_string()),
                            display_name(&files.path(first))
                        ),
                        format!(
                            "respondent `{code}` of `{}` ({}, {}) also answers in {}: each respondent counts once; remove one file or give it its own respondent code",
                            organisation.key(),
                            info.kind,
                            info.round.clone().unwrap_or_else(|| info.date.to_string()),
                            display_name(&files.path(first))
                        ),
                    ),
                });
                self.duplicates += 1;
            }
        }
        // Looked up before it is inserted: an owned key per file would be an allocation on
        // every file of a 14,000-file run, where nearly every organisation is met before.
        if !self.names.contains_key(organisation.key()) {
            let first = (organisation.name.clone(), one.file.clone(), name_place());
            self.names.insert(organisation.key().to_string(), first);
        }
        let (first_name, first_file, first_place) = &self.names[organisation.key()];
        if *first_name != organisation.name {
            self.diagnostics.push(Diagnostic {
                help: None,
                severity: Severity::Warning,
                location: name_place(),
                message: say(
                    format!(
                        "organisatie `{}` heet hier \"{}\" maar \"{}\" in {} ({}): de rijen tonen de eerste naam; gebruik één naam, of een andere id",
                        organisation.key(),
                        organisation.name,
                        first_name,
                        first_file,
                        first_place
                    ),
                    format!(
                        "organisation `{}` is called \"{}\" here but \"{}\" in {} ({}): the rows show the first name; use one name, or another id",
                        organisation.key(),
                        organisation.name,
                        first_name,
                        first_file,
                        first_place
                    ),
                ),
            });
        }
    }
}

/// What to do about a file that is not UTF-8: most often one saved as "ANSI"
/// (Windows-1252) by an editor, with an accented letter such as the é of Bakén.
fn save_as_utf8() -> String {
    say(
        "sla het bestand op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8); een letter als é of ë is nu anders opgeslagen",
        "save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8); a letter such as é or ë is stored otherwise now",
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_far_from_the_end_stops_every_worker() {
        // More files than the window: workers wait for the taking side, which fails at
        // once; they must be released, not wait for ever.
        let result = in_order(
            WINDOW * 8,
            4,
            |i| i,
            |_, _| Err(Failure::Format("stop".into())),
        );
        assert!(matches!(result, Err(Failure::Format(_))));
    }

    #[test]
    fn a_panicking_worker_releases_the_others() {
        let outcome = std::panic::catch_unwind(|| {
            in_order(
                WINDOW * 8,
                3,
                |i| {
                    assert!(i != 5, "a file that breaks the worker");
                    i
                },
                |_, _| Ok(()),
            )
        });
        assert!(outcome.is_err(), "the worker's panic reaches the caller");
    }

    #[test]
    fn a_respondent_code_repeats_only_within_its_own_period() {
        let period = |organisation: &str, round: &str| {
            (
                organisation.to_string(),
                Kind::Current,
                Some(round.to_string()),
                None,
            )
        };
        let mut respondents = Respondents::default();
        let mut meet = |organisation, round, code: &str, file| {
            respondents.first_or_insert(period(organisation, round), code, file)
        };
        assert_eq!(meet("a", "r1", "r01", 0), None);
        assert_eq!(meet("b", "r1", "r01", 1), None);
        assert_eq!(meet("a", "r2", "r01", 2), None);
        assert_eq!(meet("a", "r1", "r010", 3), None);
        assert_eq!(meet("a", "r1", "r0", 4), None);
        // Thousands of codes later, the first file of each is still known.
        for i in 0..5000 {
            assert_eq!(meet("c", "r1", &format!("x{i}"), 10 + i), None);
        }
        assert_eq!(meet("a", "r1", "r01", 9000), Some(0));
        assert_eq!(meet("b", "r1", "r01", 9001), Some(1));
        assert_eq!(meet("c", "r1", "x4321", 9002), Some(4331));
    }

    #[test]
    fn the_files_of_a_walk_keep_their_paths_as_the_folder_lists_them() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        std::fs::create_dir(&sub).unwrap();
        for file in ["z.toml", "a.toml", "b/m.toml", "b/n.txt", "b/.hidden.toml"] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        let alone = dir.path().join("b").join("m.toml");
        let (files, _) = walk(&[dir.path().to_path_buf(), alone.clone()]).unwrap();
        let paths: Vec<PathBuf> = (0..files.len()).map(|i| files.path(i)).collect();
        // m.toml is met in the folder first; named again on its own it is not repeated.
        assert_eq!(
            paths,
            [
                dir.path().join("a.toml"),
                dir.path().join("b").join("m.toml"),
                dir.path().join("z.toml"),
            ]
        );
        let (files, _) = walk(std::slice::from_ref(&alone)).unwrap();
        assert_eq!(
            files.path(0),
            alone,
            "named on its own, a file keeps its path"
        );
        assert!(files.resolve(0));
    }

    #[test]
    fn an_error_in_the_middle_of_a_chunk_stops_the_taking_there() {
        let mut taken = Vec::new();
        let result = in_order(
            CHUNK * 20,
            2,
            |i| i,
            |i, _| {
                taken.push(i);
                if i == CHUNK * 3 + 5 {
                    Err(Failure::Format("stop".into()))
                } else {
                    Ok(())
                }
            },
        );
        assert!(matches!(result, Err(Failure::Format(_))));
        assert_eq!(taken, (0..=CHUNK * 3 + 5).collect::<Vec<_>>());
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir
            .path()
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.toml"));
        if std::fs::write(&odd, "").is_err() {
            return; // A file system that refuses such names has nothing to test.
        }
        std::fs::write(dir.path().join("b.toml"), "").unwrap();
        let (files, _) = walk(&[dir.path().to_path_buf()]).unwrap();
        let paths: Vec<PathBuf> = (0..files.len()).map(|i| files.path(i)).collect();
        assert_eq!(paths, [dir.path().join("b.toml"), odd]);
    }

    #[test]
    fn results_are_taken_in_input_order() {
        let mut seen = Vec::new();
        in_order(
            500,
            3,
            |i| i * 2,
            |i, r| {
                seen.push((i, r));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..500).map(|i| (i, i * 2)).collect::<Vec<_>>());
    }
}
