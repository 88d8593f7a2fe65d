//! `koers import`: a spreadsheet of responses into one assessment file per respondent.
//! Nothing is written unless every row is valid and no file would be replaced.

use crate::args::ImportArgs;
use crate::commands::form::instrument;
use crate::commands::init::relative_path;
use crate::diagnostics::{Diagnostic, Severity};
use crate::failure::Failure;
use crate::load::{Loader, display_name};
use crate::output::{self, Own, Rules};
use koers::{Lang, Source, builtin};
use koers_survey::import::{Options, Outcome, import_with};
use koers_survey::map::Map;
use koers_survey::say;
use koers_survey::sheet;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

/// Runs the command.
pub fn run(args: &ImportArgs) -> Result<(), Failure> {
    refuse_empty(args)?;
    let mut loader = Loader::default();
    let instrument = instrument(&mut loader, &args.instrument)?;
    let map = match &args.map {
        Some(path) => read_map(&mut loader, path, args.lang)?,
        None => Map::default(),
    };
    let lang: Lang = args.lang;
    let name = display_name(&args.responses);
    let tables = match read(&args.responses, &name, args.sheet.as_deref()) {
        Ok(tables) => tables,
        Err(ReadFailure::Io(source)) => {
            return Err(Failure::Read {
                path: args.responses.clone(),
                source,
            });
        }
        Err(ReadFailure::Sheet(error)) => {
            let text = match &error {
                sheet::ReadError::Limit { place, limit } => format!(
                    "{place}: {}: {}",
                    severity(Severity::Error, lang),
                    limit.message(lang)
                ),
                _ => format!(
                    "{name}: {}: {}",
                    severity(Severity::Error, lang),
                    error.message(lang)
                ),
            };
            let _ = writeln!(std::io::stderr(), "{}", crate::safe_text::terminal(&text));
            return Err(Failure::Invalid { count: 1 });
        }
    };
    let mut inputs = loader.inputs();
    inputs.extend(args.responses.canonicalize());
    // A file names its instrument relative to itself, as `koers init` does.
    let reference = if builtin::instrument(&args.instrument).is_some() {
        args.instrument.clone()
    } else {
        instrument_from(Path::new(&args.instrument), &args.output)
            .unwrap_or_else(|| args.instrument.clone())
    };
    let options = Options {
        organisation: args.organisation.clone(),
        id: args.id.clone(),
        date: args.date,
        kind: args.kind,
        round: args.round.clone(),
        instrument: reference,
        lang,
    };
    // Each checked row's file goes straight into the staging folder, so that no text is
    // held; the folder is moved into place only when every row passed ([`finish`]).
    let rules = Rules {
        inputs: &inputs,
        force: args.force,
        own: Own::Nothing,
    };
    let mut writer = output::FolderWriter::new(&args.output, &rules);
    let mut failed = None;
    // The files are made on a thread of their own: making 5,000 files is the kernel's
    // work, as long as parsing each back, and it goes on while the next rows are read
    // and checked ([`import_with`] checks on a second thread). A few files wait at most.
    let outcome = std::thread::scope(|scope| {
        let (files, to_write) = std::sync::mpsc::sync_channel::<(String, String)>(16);
        let (writer, failed) = (&mut writer, &mut failed);
        scope.spawn(move || {
            for (name, text) in to_write {
                if failed.is_none()
                    && let Err(failure) = writer.add(&name, text.as_bytes())
                {
                    *failed = Some(failure);
                }
            }
        });
        import_with(&tables, &instrument, &map, &options, &mut |name, text| {
            // The writing thread ends only when this sender is dropped.
            let _ = files.send((name.to_string(), text.to_string()));
        })
    });
    print_problems(&outcome, &tables, lang);
    if outcome.has_errors() {
        let count = outcome
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let message = say(
            lang,
            format!(
                "koers: niets geschreven: {count} {} in {}",
                if count == 1 { "probleem" } else { "problemen" },
                outcome.table
            ),
            format!(
                "koers: nothing written: {count} problem(s) in {}",
                outcome.table
            ),
        );
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            crate::safe_text::terminal(&message)
        );
        return Err(Failure::Invalid { count: 1 });
    }
    if let Some(failure) = failed {
        return Err(failure);
    }
    writer.finish()?;
    done(args, &outcome);
    Ok(())
}

/// Refuses a value that would silently mean something else: an empty `--organisation`,
/// `--id` or `--round` (files that merge organisations, or are named `x-r01.toml`), an
/// empty `-o` or `-o -` (import writes a folder, never to standard output), and `--sheet`
/// for a CSV file, which has no sheets.
fn refuse_empty(args: &ImportArgs) -> Result<(), Failure> {
    use crate::messages::say;
    let blank = |value: &str| value.trim().is_empty();
    let refusal = if blank(&args.organisation) {
        Some(say(
            "--organisation is leeg: geef de naam van de corporatie",
            "--organisation is empty: give the corporation's name",
        ))
    } else if args.id.as_deref().is_some_and(blank) {
        Some(say(
            "--id is leeg: geef een sleutel zoals `de-dijk`, of laat --id weg",
            "--id is empty: give a key such as `de-dijk`, or leave --id out",
        ))
    } else if args.round.as_deref().is_some_and(blank) {
        Some(say(
            "--round is leeg: geef een ronde zoals `2026-voorjaar`, of laat --round weg",
            "--round is empty: give a round such as `2026-spring`, or leave --round out",
        ))
    } else if args.output.as_os_str().is_empty() {
        Some(say(
            "-o is leeg: geef de map voor de bestanden",
            "-o is empty: give the folder for the files",
        ))
    } else if args.output.as_os_str() == "-" {
        Some(say(
            "import schrijft een map met een bestand per respondent, niet naar standaarduitvoer: geef met -o een map (`-o ./-` voor een map die `-` heet)",
            "import writes a folder with a file per respondent, not to standard output: give -o a folder (`-o ./-` for a folder named `-`)",
        ))
    } else if args.sheet.is_some() && !sheet::is_workbook(&args.responses) {
        Some(say(
            "--sheet geldt alleen voor een werkmap (xlsx, ods); een CSV-bestand heeft geen werkbladen",
            "--sheet applies to a workbook only (xlsx, ods); a CSV file has no sheets",
        ))
    } else {
        None
    };
    match refusal {
        Some(text) => Err(Failure::Unsupported(format!("koers import: {text}"))),
        None => Ok(()),
    }
}

/// The instrument's path as seen from the output folder, which may not exist yet: from
/// its nearest existing ancestor, one `..` per folder still to be made.
pub(crate) fn instrument_from(instrument: &Path, folder: &Path) -> Option<String> {
    let mut existing = folder;
    let mut missing = 0;
    while !existing.as_os_str().is_empty() && !existing.is_dir() {
        existing = existing.parent()?;
        missing += 1;
    }
    let path = relative_path(instrument, &existing.join("assessment.toml"))?;
    Some("../".repeat(missing) + &path)
}

/// Says what was written, and how to go on.
fn done(args: &ImportArgs, outcome: &Outcome) {
    let first = outcome.imported.first().map(|i| i.file_name.as_str());
    let last = outcome.imported.last().map(|i| i.file_name.as_str());
    let (count, organisation, folder) = (
        outcome.imported.len(),
        crate::safe_text::terminal(&args.organisation),
        args.output.display(),
    );
    let (first, last) = (first.unwrap_or_default(), last.unwrap_or_default());
    let message = say(
        args.lang,
        format!(
            "{count} {} van {organisation} opgeslagen in {folder} ({first} … {last}); bereken de posities met: koers score {folder}",
            if count == 1 {
                "vragenlijst"
            } else {
                "vragenlijsten"
            }
        ),
        format!(
            "{count} assessment(s) of {organisation} written to {folder} ({first} … {last}); score them with: koers score {folder}"
        ),
    );
    // What was done goes to standard error, with the other commands' reports, and
    // `--quiet` silences it.
    crate::console::done(&message, &message);
}

/// How many problems are printed; the rest are counted.
const SHOWN_PROBLEMS: usize = 20;

/// Prints the first [`SHOWN_PROBLEMS`] problems, then how many more there are: a CSV
/// problem with its cell quoted (only the cell: see [`excerpt`]), a sheet's at its cell. Text from the file reaches the
/// terminal escaped ([`crate::safe_text::terminal`]).
fn print_problems(outcome: &Outcome, tables: &[sheet::Table], lang: Lang) {
    // Each file's text, to find a problem's line in: only for the few problems shown.
    let texts: BTreeMap<&str, &str> = tables
        .iter()
        .filter_map(|t| Some((t.file.as_str(), t.text.as_deref()?)))
        .collect();
    // Each file's separator, found once and only when a problem is quoted from it.
    let mut separators: BTreeMap<&str, char> = BTreeMap::new();
    let mut stderr = std::io::stderr().lock();
    for problem in outcome.problems.iter().take(SHOWN_PROBLEMS) {
        let severity = severity(problem.severity, lang);
        let mut text = format!("{}: {severity}: {}\n", problem.place, problem.message);
        let line = problem.location.as_ref().and_then(|l| {
            let line = texts
                .get(l.source.as_str())?
                .lines()
                .nth(l.line.checked_sub(1)?)?;
            let separator = *separators
                .entry(l.source.as_str())
                .or_insert_with(|| sheet::delimiter(texts.get(l.source.as_str()).unwrap_or(&"")));
            Some((l.line, line, l.column, separator))
        });
        if let Some((number, line, column, separator)) = line {
            let (excerpt, caret) = excerpt(line, column, separator);
            let pad = " ".repeat(number.to_string().len());
            text.push_str(&format!(
                "{pad} |\n{number} | {excerpt}\n{pad} | {}^\n",
                " ".repeat(caret)
            ));
        }
        let _ = stderr.write_all(crate::safe_text::terminal(&text).as_bytes());
    }
    let more = outcome.problems.len().saturating_sub(SHOWN_PROBLEMS);
    if more > 0 {
        let text = match lang {
            Lang::Nl => format!(
                "… en nog {more} {}\n",
                if more == 1 { "probleem" } else { "problemen" }
            ),
            Lang::En => format!("… and {more} more problem(s)\n"),
        };
        let _ = stderr.write_all(text.as_bytes());
    }
}

/// The word before a message: `error` / `fout`, `warning` / `waarschuwing`.
fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Nl) => "fout",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Nl) => "waarschuwing",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// The cell at `column` (1-based) of a CSV line, and where the column falls in what is
/// shown. Only that cell is quoted, never the rest of the row: a row of an export holds a
/// respondent's name and e-mail address beside the answer that is wrong, and a message on
/// a screen or in a log must not repeat them. A word with an `@` in the cell itself is
/// shown as `[e-mail]` for the same reason. At most 60 characters; tabs and other
/// control characters as spaces.
fn excerpt(line: &str, column: usize, separator: char) -> (String, usize) {
    const SHOWN: usize = 60;
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect();
    let at = column.saturating_sub(1).min(chars.len());
    let cell = cell_at(&chars, at, separator);
    let masked: Vec<String> = cell
        .split(' ')
        .map(|word| {
            if word.contains('@') {
                "[e-mail]".to_string()
            } else {
                word.to_string()
            }
        })
        .collect();
    let cell: Vec<char> = masked.join(" ").replace('\t', " ").chars().collect();
    let mut text: String = cell.iter().take(SHOWN).collect();
    if cell.len() > SHOWN {
        text.push('…');
    }
    let mut caret = 0;
    if at > 0 {
        text.insert(0, '…');
        caret = 1;
    }
    if at + cell.len() < chars.len() {
        text.push('…');
    }
    (text, caret)
}

/// The text of the CSV cell that starts at `at`: up to its closing quote when it is
/// quoted (a doubled quote inside it is a quote), else up to the next separator.
fn cell_at(chars: &[char], at: usize, separator: char) -> String {
    let rest = &chars[at..];
    if rest.first() == Some(&'"') {
        let mut i = 1;
        while i < rest.len() {
            if rest[i] == '"' {
                if rest.get(i + 1) == Some(&'"') {
                    i += 2;
                    continue;
                }
                return rest[..=i].iter().collect();
            }
            i += 1;
        }
        return rest.iter().collect();
    }
    rest.iter().take_while(|&&c| c != separator).collect()
}

/// Reads a `--map` file; its problems are shown at their place in it.
fn read_map(loader: &mut Loader, path: &Path, lang: Lang) -> Result<Map, Failure> {
    let Some(text) = loader.read(path)? else {
        loader.print_diagnostics(true);
        return Err(Failure::Invalid { count: 1 });
    };
    match toml::from_str::<Map>(&text) {
        Ok(map) => Ok(map),
        Err(error) => {
            let name = display_name(path);
            let source = Source::new(&name, &text);
            let location = error
                .span()
                .map_or_else(|| source.whole(), |span| source.locate_span(span));
            loader.diagnostics.push(Diagnostic {
                help: None,
                severity: Severity::Error,
                location,
                message: say(
                    lang,
                    format!(
                        "{}: verwacht `respondent`, `role`, `date`, `skip`, [columns] (kolomkop = vraag-id) en [answers] (tekst = punt)",
                        error.message()
                    ),
                    format!(
                        "{}: expected `respondent`, `role`, `date`, `skip`, [columns] (header = question id) and [answers] (text = point)",
                        error.message()
                    ),
                ),
            });
            loader.print_diagnostics(true);
            Err(Failure::Invalid { count: 1 })
        }
    }
}

/// Why the responses could not be read as tables.
enum ReadFailure {
    /// The file could not be read.
    Io(std::io::Error),
    /// The workbook could not be read.
    Sheet(sheet::ReadError),
}

/// Reads every sheet of a workbook (or only `sheet`), or a CSV file as one table. What
/// is not a regular file (a device, a FIFO) is refused before it is opened, and no more
/// than [`sheet::MAX_BYTES`] are read, packed or unpacked.
fn read(
    path: &std::path::Path,
    name: &str,
    only: Option<&str>,
) -> Result<Vec<sheet::Table>, ReadFailure> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        return Err(ReadFailure::Io(std::io::Error::other(
            crate::messages::say(
                "dit is geen gewoon bestand (een map, apparaat of FIFO)",
                "this is not a regular file (a folder, device or FIFO)",
            ),
        )));
    }
    let too_large = || {
        ReadFailure::Sheet(sheet::ReadError::Limit {
            place: name.to_string(),
            limit: sheet::Limit::Bytes,
        })
    };
    if meta.len() > sheet::MAX_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(sheet::MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > sheet::MAX_BYTES {
        return Err(too_large());
    }
    if sheet::is_workbook(path) {
        sheet::check_unpacked(std::io::Cursor::new(&bytes), name).map_err(ReadFailure::Sheet)?;
        let workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| ReadFailure::Sheet(sheet::ReadError::Workbook(e.to_string())))?;
        sheet::read_workbook(workbook, name, only).map_err(ReadFailure::Sheet)
    } else {
        let (text, encoding) = sheet::decode_as(&bytes);
        drop(bytes);
        if let Some(note) = encoding.note(crate::messages::lang()) {
            let word = severity(Severity::Warning, crate::messages::lang());
            let line = format!("{name}: {word}: {note}");
            let _ = writeln!(std::io::stderr(), "{}", crate::safe_text::terminal(&line));
        }
        let table = sheet::csv_table(name, text);
        sheet::check_table(&table).map_err(ReadFailure::Sheet)?;
        Ok(vec![table])
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn only_the_cell_is_quoted_never_the_name_or_address_beside_it() {
        let line = "20-1-2026 9:10;Jan Jansen;jan@dijk.nl;woonconsulent;3,5;4";
        let column = line.find("3,5").unwrap() + 1;
        let (text, caret) = excerpt(line, column, ';');
        assert_eq!(text, "…3,5…");
        assert_eq!(caret, 1);
        assert!(!text.contains("Jan") && !text.contains('@'));
        // A quoted cell keeps its separators; the first cell has no lead.
        let (text, caret) = excerpt("\"3; of 4\",jan@dijk.nl", 1, ',');
        assert_eq!((text.as_str(), caret), ("\"3; of 4\"…", 0));
        // An address in the cell itself is not repeated either.
        let (text, _) = excerpt("r1,piet@corp.nl directeur,3", 4, ',');
        assert_eq!(text, "…[e-mail] directeur…");
    }
}
