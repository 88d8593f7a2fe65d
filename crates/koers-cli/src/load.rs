//! Finding, reading and checking input files, and resolving the instruments and matrices
//! they name. Problems are collected as diagnostics, so one run reports them all.

use crate::diagnostics::{Diagnostic, Severity};
use crate::failure::Failure;
use crate::messages::{io_reason, say};
use koers::{
    Assessment, Date, Error, Instrument, Invalid, Kind, Location, Matrix, Score, Source, builtin,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Which of the three documents a file holds, judged by its top-level keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    /// Has `[answers]` or `instrument = ...`: one respondent's answers.
    Assessment,
    /// Has `[[sections]]`: a questionnaire.
    Instrument,
    /// Has `[[regions]]`: a matrix.
    Matrix,
    /// Has the keys of more than one kind: an error, never a guess (a stray key must not
    /// turn an assessment into a matrix that a folder run passes over without a word).
    Mixed {
        /// The first key of each kind found, e.g. `answers` and `regions`.
        keys: Vec<&'static str>,
    },
}

/// The kind of a text that is not valid TOML, judged by its table headers, so that its
/// error comes from the right parser (an instrument with one bad number is not reported as
/// an assessment with unknown keys).
fn kind_by_headers(text: &str) -> DocumentKind {
    let has = |prefix: &str| text.lines().any(|l| l.trim_start().starts_with(prefix));
    if has("[[sections]]") || has("[scales.") {
        DocumentKind::Instrument
    } else if has("[[regions]]") {
        DocumentKind::Matrix
    } else {
        DocumentKind::Assessment
    }
}

/// The top-level keys that only one kind of document has.
const KIND_KEYS: [(DocumentKind, &[&str]); 3] = [
    (
        DocumentKind::Assessment,
        &["answers", "organisation", "assessment", "instrument"],
    ),
    (DocumentKind::Instrument, &["sections", "scales"]),
    (DocumentKind::Matrix, &["regions"]),
];

/// One scored assessment with the instrument it was scored against.
pub struct Scored {
    /// The score.
    pub score: Score,
    /// The instrument (shared between the assessments that use it).
    pub instrument: Rc<Instrument>,
    /// The file's name as messages show it.
    pub file: String,
    /// Where the organisation's name and the respondent code stand in the file.
    pub places: Places,
}

/// One person: organisation, kind, round (or date, without a round) and respondent code.
type RespondentKey<'a> = (&'a str, Kind, Option<&'a str>, Option<Date>, &'a str);

/// Where the parts that identify a respondent stand in its file.
#[derive(Debug, Clone)]
pub struct Places {
    /// The organisation's name.
    pub name: Location,
    /// The respondent code, if given.
    pub respondent: Option<Location>,
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
    instruments: BTreeMap<PathBuf, Option<Rc<Instrument>>>,
    builtin: BTreeMap<String, Rc<Instrument>>,
    /// Every file read and every folder searched, canonical: the inputs of this run, which
    /// no output may replace.
    inputs: BTreeSet<PathBuf>,
    /// Files named by other files that are not TOML documents: their lines are never
    /// quoted (see [`Loader::read_reference`]).
    unquotable: BTreeSet<String>,
}

/// What a folder walk passed over, and why: shown as a warning, and the run goes on.
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// Why it was not read.
    pub reason: &'static str,
}

/// Expands folders into the `*.toml` files below them, in sorted order; files are kept as
/// given. A path that does not exist is an error (exit 2).
///
/// The walk visits each folder and each file once, however many links lead to it (a
/// link loop would otherwise repeat forever), passes over hidden entries (`.git`, an
/// editor's `.#x.toml` lock) as ripgrep does, and passes over what is not a regular file
/// (a FIFO would block the run; a dangling link cannot be read), each listed in `skipped`.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), Failure> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Failure::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk.folder(path)?;
        } else if meta.is_file() {
            walk.file(path);
        } else {
            walk.skip(path, not_a_file());
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
    files: Vec<PathBuf>,
    skipped: Vec<Skipped>,
    /// Canonical paths of the folders and files met so far.
    seen: std::collections::HashSet<PathBuf>,
}

impl Walk {
    /// Whether `path` is met for the first time (by its canonical path).
    fn first_visit(&mut self, path: &Path) -> bool {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(canonical)
    }

    fn file(&mut self, path: &Path) {
        if self.first_visit(path) {
            self.files.push(path.to_path_buf());
        }
    }

    fn skip(&mut self, path: &Path, reason: &'static str) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }

    fn folder(&mut self, dir: &Path) -> Result<(), Failure> {
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
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            // Follows links; a dangling link has no metadata.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.folder(&path)?,
                Ok(meta) if meta.is_file() && is_toml => self.file(&path),
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

/// The name a path is shown under in messages.
pub fn display_name(path: &Path) -> String {
    path.display().to_string()
}

impl Loader {
    /// Reads a file as UTF-8 text and remembers it. Text that is not UTF-8 (a binary file)
    /// is invalid input, reported at the first bad byte; so is a file that cannot be read.
    pub fn read(&mut self, path: &Path) -> Result<Option<String>, Failure> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            // One file that cannot be read (no permission, removed meanwhile, a folder
            // named as a file) is one problem at its place; the run goes on with the rest.
            Err(error) => {
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    location: Source::new(&display_name(path), "").whole(),
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

    /// Records a warning for every entry a folder walk passed over.
    pub fn note_skipped(&mut self, skipped: &[Skipped]) {
        for entry in skipped {
            self.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                location: Source::new(&display_name(&entry.path), "").whole(),
                message: entry.reason.to_string(),
            });
        }
    }

    /// Every file this loader read and every folder it searched, canonical (links
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
    }

    /// Judges which document a text is. Text that is not TOML counts as an assessment, so
    /// that the assessment parser reports the syntax error. This parses the text a second
    /// time (the typed parse keeps the spans that messages need); for files of a few
    /// kilobytes that costs microseconds and keeps one parser per document kind.
    pub fn kind_of(text: &str) -> DocumentKind {
        let Ok(table) = toml::from_str::<toml::Table>(text) else {
            return kind_by_headers(text);
        };
        let found: Vec<(DocumentKind, &'static str)> = KIND_KEYS
            .iter()
            .filter_map(|(kind, keys)| {
                let key = keys.iter().find(|k| table.contains_key(**k))?;
                Some((kind.clone(), *key))
            })
            .collect();
        match found.as_slice() {
            [] => DocumentKind::Assessment,
            [(kind, _)] => kind.clone(),
            several => DocumentKind::Mixed {
                keys: several.iter().map(|(_, key)| *key).collect(),
            },
        }
    }

    /// Records the error of a file whose keys belong to more than one kind of document,
    /// at the first key of the second kind.
    pub fn mixed_kinds(&mut self, path: &Path, text: &str, keys: &[&str]) {
        let name = display_name(path);
        let second = keys.get(1).copied().unwrap_or_default();
        // The line that starts with the key, as a key or a table header.
        let offset = text
            .lines()
            .scan(0, |start, line| {
                let here = *start;
                *start += line.len() + 1;
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

    /// Checks and scores the text of an assessment file. `None` when it is invalid; the
    /// problems and warnings are recorded.
    pub fn score_text(&mut self, path: &Path, text: &str) -> Result<Option<Scored>, Failure> {
        let name = display_name(path);
        let source = Source::new(&name, text);
        let assessment = match Assessment::parse(&source) {
            Ok(assessment) => assessment,
            Err(invalid) => {
                self.record(&invalid);
                return Ok(None);
            }
        };
        let Some(instrument) = self.instrument_for(path, &assessment)? else {
            return Ok(None);
        };
        let checked = instrument.check(&assessment).and_then(|warnings| {
            let score = instrument.score(&assessment)?;
            Ok((warnings, score))
        });
        match checked {
            Ok((warnings, score)) => {
                for warning in &warnings {
                    self.diagnostics.push(Diagnostic::warning(warning));
                }
                let whole = source.whole();
                Ok(Some(Scored {
                    score,
                    instrument,
                    file: name.clone(),
                    places: Places {
                        name: assessment.name_location().cloned().unwrap_or(whole),
                        respondent: assessment.respondent_location().cloned(),
                    },
                }))
            }
            Err(invalid) => {
                self.record(&invalid);
                Ok(None)
            }
        }
    }

    /// The instrument an assessment names: built in, or a path relative to the assessment.
    fn instrument_for(
        &mut self,
        assessment_path: &Path,
        assessment: &Assessment,
    ) -> Result<Option<Rc<Instrument>>, Failure> {
        let reference = assessment.instrument.as_str();
        if let Some(instrument) = builtin::instrument(reference) {
            let shared = self
                .builtin
                .entry(reference.to_string())
                .or_insert_with(|| Rc::new(instrument.clone()));
            return Ok(Some(Rc::clone(shared)));
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
            self.load_instrument(&path)?.map(Rc::new)
        } else {
            let location = assessment
                .instrument_location()
                .cloned()
                .unwrap_or_else(|| Source::new(&display_name(assessment_path), "").whole());
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
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut matrix_failure = None;
        let mut matrix_sources = Vec::new();
        let result = Instrument::parse_with(&Source::new(&name, text), |reference| {
            let matrix_path = dir.join(reference);
            if !matrix_path.is_file() {
                return None;
            }
            let matrix_name = display_name(&matrix_path);
            match std::fs::read_to_string(&matrix_path) {
                Ok(matrix_text) => {
                    let parsed = Matrix::parse(&Source::new(&matrix_name, &matrix_text));
                    matrix_sources.push((matrix_path, matrix_name, matrix_text));
                    Some(parsed)
                }
                Err(source) => {
                    matrix_failure = Some(Failure::Read {
                        path: matrix_path,
                        source,
                    });
                    None
                }
            }
        });
        for (matrix_path, matrix_name, matrix_text) in matrix_sources {
            self.remember_input(&matrix_path);
            self.sources.insert(matrix_name, matrix_text);
        }
        if let Some(failure) = matrix_failure {
            return Err(failure);
        }
        match result {
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
            return Ok(Some(matrix));
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
        match Matrix::parse(&Source::new(&display_name(path), text)) {
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
        for path in paths.iter().filter(|path| path.is_dir()) {
            self.remember_input(path);
        }
        let (files, skipped) = expand(paths)?;
        self.note_skipped(&skipped);
        for file in files {
            let Some(text) = self.read(&file)? else {
                self.invalid_files += 1;
                continue;
            };
            match Loader::kind_of(&text) {
                DocumentKind::Assessment => match self.score_text(&file, &text)? {
                    Some(one) => scored.push(one),
                    None => self.invalid_files += 1,
                },
                DocumentKind::Mixed { keys } => {
                    self.mixed_kinds(&file, &text, &keys);
                    self.invalid_files += 1;
                }
                // Not answers: passed over in a folder, an error when named explicitly.
                kind if paths.contains(&file) => {
                    self.diagnostics.push(Diagnostic {
                        severity: Severity::Error,
                        location: Source::new(&display_name(&file), "").whole(),
                        message: match kind {
                            DocumentKind::Matrix => say(
                                "dit is een matrixbestand, geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is a matrix file, not an assessment: expected answers to score",
                            ),
                            _ => say(
                                "dit is een instrumentbestand, geen ingevulde vragenlijst: verwacht antwoorden om te scoren",
                                "this is an instrument file, not an assessment: expected answers to score",
                            ),
                        }
                        .to_string(),
                    });
                    self.invalid_files += 1;
                }
                _ => {}
            }
        }
        self.check_identities(&scored);
        Ok(scored)
    }

    /// What only shows across files: one respondent in two files (an error: each person
    /// counts once), and one organisation id under two names (a warning: rows show the
    /// first name).
    fn check_identities(&mut self, scored: &[Scored]) {
        // A respondent is one person within one organisation, kind and round (or date).
        let mut respondents: HashMap<RespondentKey, &Scored> = HashMap::new();
        let mut names: HashMap<&str, &Scored> = HashMap::new();
        for one in scored {
            let (organisation, info) = (&one.score.organisation, &one.score.assessment);
            if let Some(code) = info.respondent.as_deref() {
                let round = info.round.as_deref();
                let date = round.is_none().then_some(info.date);
                let key = (organisation.key(), info.kind, round, date, code);
                if let Some(first) = respondents.insert(key, one) {
                    respondents.insert(key, first);
                    self.diagnostics.push(Diagnostic {
                        severity: Severity::Error,
                        location: one.places.respondent.clone().unwrap_or_else(|| one.places.name.clone()),
                        message: say(
                            format!(
                                "respondent `{code}` van `{}` ({}, {}) antwoordt ook in {}: elke respondent telt één keer; verwijder een van de bestanden of geef het een eigen respondentcode",
                                organisation.key(),
                                info.kind,
                                info.round.clone().unwrap_or_else(|| info.date.to_string()),
                                first.file
                            ),
                            format!(
                                "respondent `{code}` of `{}` ({}, {}) also answers in {}: each respondent counts once; remove one file or give it its own respondent code",
                                organisation.key(),
                                info.kind,
                                info.round.clone().unwrap_or_else(|| info.date.to_string()),
                                first.file
                            ),
                        ),
                    });
                    self.invalid_files += 1;
                }
            }
            let first = *names.entry(organisation.key()).or_insert(one);
            if first.score.organisation.name != organisation.name {
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    location: one.places.name.clone(),
                    message: say(
                        format!(
                            "organisatie `{}` heet hier \"{}\" maar \"{}\" in {} ({}): de rijen tonen de eerste naam; gebruik één naam, of een andere id",
                            organisation.key(),
                            organisation.name,
                            first.score.organisation.name,
                            first.file,
                            first.places.name
                        ),
                        format!(
                            "organisation `{}` is called \"{}\" here but \"{}\" in {} ({}): the rows show the first name; use one name, or another id",
                            organisation.key(),
                            organisation.name,
                            first.score.organisation.name,
                            first.file,
                            first.places.name
                        ),
                    ),
                });
            }
        }
    }

    /// Prints the diagnostics to standard error, warnings only when `warnings` is set.
    pub fn print_diagnostics(&self, warnings: bool) {
        let mut stderr = std::io::stderr().lock();
        let lines: BTreeMap<&str, Vec<&str>> = self
            .sources
            .iter()
            .filter(|(name, _)| !self.unquotable.contains(*name))
            .map(|(name, text)| (name.as_str(), text.lines().collect()))
            .collect();
        for diagnostic in &self.diagnostics {
            if diagnostic.severity == Severity::Warning && !warnings {
                continue;
            }
            let _ = std::io::Write::write_all(&mut stderr, diagnostic.render(&lines).as_bytes());
        }
    }

    /// Fails with exit 1 when any file was invalid, after printing every problem, or when
    /// `scored` is empty: a command asked to score nothing has nothing to show.
    pub fn finish(&self, scored: &[Scored]) -> Result<(), Failure> {
        // Warnings (unanswered questions, entries passed over) are shown with the errors,
        // and on their own when the run goes on.
        self.print_diagnostics(true);
        if self.invalid_files > 0 {
            return Err(Failure::Invalid {
                count: self.invalid_files,
            });
        }
        if scored.is_empty() {
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
