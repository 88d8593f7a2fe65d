//! Responses to assessments: one row of an export becomes one assessment, checked by
//! parsing its TOML back and scoring it before anything is written.
//!
//! Names, e-mail addresses and IP addresses are never read into an assessment: a
//! respondent is known by a code (the one given in a respondent column, or r01, r02, …
//! in row order) and a role.

use super::answers;
use super::headers::{Column, Questions, classify};
use super::map::Map;
use super::sheet::{Place, Table, Value};
use koers::{
    Answer, Assessment, AssessmentInfo, Date, Instrument, Kind, Lang, Location, Organisation,
    Source,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but its result is worth less.
    Warning,
}

/// How many rows at the top of a sheet may stand above the header row.
const HEADER_SEARCH: usize = 10;

/// What every imported assessment shares.
#[derive(Debug, Clone)]
pub struct Options {
    /// The organisation's name.
    pub organisation: String,
    /// The organisation's grouping key.
    pub id: Option<String>,
    /// The date of every row (else the date column's).
    pub date: Option<Date>,
    /// Current or ambition.
    pub kind: Kind,
    /// The survey round.
    pub round: Option<String>,
    /// How the files name the instrument: a built-in id, or a path relative to them.
    pub instrument: String,
    /// The language of the comments in the files.
    pub lang: Lang,
}

/// A problem with the responses, at its cell.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Error, warning (or a note, shown as a warning).
    pub severity: Severity,
    /// `file:Sheet!B7` or `file:line:column`.
    pub place: String,
    /// The line and column in a CSV file, for quoting the line.
    pub location: Option<Location>,
    /// What is wrong and what was expected.
    pub message: String,
}

/// One respondent whose file was handed to the caller ([`import_with`]): its text is
/// not kept, so that the memory of an import does not grow with every file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The file name within the output folder.
    pub file_name: String,
    /// The respondent's code.
    pub respondent: String,
}

/// The outcome of an import: the respondents when there are no errors, and every
/// problem found.
pub struct Outcome {
    /// The respondents, in row order.
    pub imported: Vec<Imported>,
    /// Errors and warnings, in the order of the cells.
    pub problems: Vec<Problem>,
    /// The table read (file and sheet), for the summary.
    pub table: String,
}

impl Outcome {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

struct Collector<'a> {
    table: &'a Table,
    problems: Vec<Problem>,
    lang: Lang,
}

impl Collector<'_> {
    fn push(&mut self, severity: Severity, place: Place, message: String) {
        let location = match place {
            Place::Line { line, column } => Some(Location {
                source: self.table.file.clone(),
                line,
                column,
            }),
            Place::Cell { .. } => None,
        };
        self.problems.push(Problem {
            severity,
            place: self.table.at(place),
            location,
            message,
        });
    }

    fn error(&mut self, place: Place, message: String) {
        self.push(Severity::Error, place, message);
    }

    fn whole(&mut self, severity: Severity, message: String) {
        self.problems.push(Problem {
            severity,
            place: self.table.name(),
            location: None,
            message,
        });
    }
}

/// The header row of a table and its number of question columns: the row among the
/// first few that names the most questions; of equals, the lowest (the form that
/// `koers form` writes has the question texts above the row of ids).
fn header_row(table: &Table, questions: &Questions, map: &Map) -> Option<(usize, usize)> {
    table
        .rows()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, row)| {
            let count = row
                .iter()
                .filter(|c| {
                    matches!(
                        classify(&c.value.shown(), questions, map),
                        Column::Question(_)
                    )
                })
                .count();
            (i, count)
        })
        .filter(|&(_, count)| count > 0)
        .max_by_key(|&(i, count)| (count, i))
}

impl Outcome {
    /// A file refused as a whole, before any row is read: one error at the file.
    fn refused(name: String, message: String) -> Outcome {
        Outcome {
            imported: Vec::new(),
            problems: vec![Problem {
                severity: Severity::Error,
                place: name.clone(),
                location: None,
                message,
            }],
            table: name,
        }
    }
}

/// Reads the responses: the table (of those given, the one whose header names the most
/// questions) row by row. The files' texts are not kept: [`import_with`] hands them over.
pub fn import(tables: &[Table], instrument: &Instrument, map: &Map, options: &Options) -> Outcome {
    import_with(tables, instrument, map, options, &mut |_, _| {})
}

/// [`import`], handing each respondent's file to `write` (its name in the output folder,
/// its text) as soon as its row is checked, in row order. A row found wrong later (a
/// code given twice, two codes that make one file name) makes the outcome an error, so
/// a caller writes the files where nobody sees them until the outcome has no errors.
///
/// `write` is called on a second thread, which parses each file back and scores it while
/// this one reads the next rows: the check and the writing (the kernel's part of an
/// import) take as long as reading the rows and making the texts, and two cores do both
/// at once.
pub fn import_with(
    tables: &[Table],
    instrument: &Instrument,
    map: &Map,
    options: &Options,
    write: &mut (dyn FnMut(&str, &str) + Send),
) -> Outcome {
    let questions = Questions::new(instrument);
    let found: Vec<(&Table, (usize, usize))> = tables
        .iter()
        .filter_map(|t| header_row(t, &questions, map).map(|h| (t, h)))
        .collect();
    // Two sheets that both hold answers: which one is meant is the user's to say, never
    // the order of the sheets.
    let answering: Vec<&Table> = found
        .iter()
        .filter(|(t, (header, _))| {
            t.rows()
                .skip(header + 1)
                .any(|r| r.iter().any(|c| !c.value.is_empty()))
        })
        .map(|(t, _)| *t)
        .collect();
    if answering.len() > 1 {
        let names: Vec<String> = answering
            .iter()
            .map(|t| format!("`{}`", t.sheet.as_deref().unwrap_or_default()))
            .collect();
        let name = answering[0].file.clone();
        return Outcome::refused(
            name,
            super::say(
                options.lang,
                format!(
                    "{} werkbladen bevatten antwoorden ({}): verwacht --sheet met het werkblad dat geteld moet worden",
                    names.len(),
                    names.join(", ")
                ),
                format!(
                    "{} sheets hold answers ({}): expected --sheet naming the sheet to count",
                    names.len(),
                    names.join(", ")
                ),
            ),
        );
    }
    let best = found.into_iter().max_by_key(|(_, (_, count))| *count);
    let Some((table, (header_index, _))) = best else {
        let name = tables.first().map_or_else(String::new, Table::name);
        let example: Vec<&str> = instrument
            .questions()
            .take(3)
            .map(|(_, q)| q.id.as_str())
            .collect();
        return Outcome::refused(
            name,
            super::say(
                options.lang,
                format!(
                    "geen kopregel noemt een vraag van `{}` in de eerste {HEADER_SEARCH} rijen{}: verwacht vraag-id's (zoals {}) of vraagteksten als kolomkoppen, of een --map-bestand",
                    instrument.id,
                    if tables.len() > 1 {
                        " van enig werkblad"
                    } else {
                        ""
                    },
                    example.join(", ")
                ),
                format!(
                    "no header row names a question of `{}` in the first {HEADER_SEARCH} rows{}: expected question ids (such as {}) or question texts as column headers, or a --map file",
                    instrument.id,
                    if tables.len() > 1 {
                        " of any sheet"
                    } else {
                        ""
                    },
                    example.join(", ")
                ),
            ),
        );
    };
    let mut out = Collector {
        table,
        problems: Vec::new(),
        lang: options.lang,
    };
    let columns = columns(table, header_index, &questions, map, instrument, &mut out);
    // Each question column's scale, looked up once rather than by id for every cell.
    let scales: Vec<Option<&koers::Scale>> = columns
        .iter()
        .map(|column| match column {
            Column::Question(id) => instrument.question(id).and_then(|q| instrument.scale_of(q)),
            _ => None,
        })
        .collect();
    // The rows below the header, read again for each pass: a CSV text is parsed row by
    // row rather than held as cells.
    let rows = || table.rows().skip(header_index + 1);
    let date_style = DateStyle::of(rows(), &columns);
    let template = Template::new(instrument, options.lang);
    let count = rows()
        .filter(|r| r.iter().any(|c| !c.value.is_empty()))
        .count();
    let width = count.to_string().len().max(2);
    let mut imported: Vec<Imported> = Vec::new();
    // Where each imported respondent came from: its row, and its code's cell if given.
    let mut origins: Vec<(Place, Option<Place>)> = Vec::new();
    let mut codes: BTreeMap<String, Place> = BTreeMap::new();
    // The codes given in the respondent column, as their file names see them: a code
    // made up for a row without one must not take a name that a given code needs.
    let mut taken: std::collections::BTreeSet<String> = columns
        .iter()
        .position(|c| *c == Column::Respondent)
        .map(|index| {
            rows()
                .filter_map(|r| {
                    r.get(index)
                        .filter(|c| !c.value.is_empty())
                        .map(|c| file_key(c.value.shown().trim()))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut dates = std::collections::BTreeSet::new();
    let mut missing_date = false;
    let mut number = 0;
    // The rows are read and their texts made on this thread; each text is parsed back,
    // scored and handed to `write` on a second one, in row order. A few texts wait in
    // between at most, so that the memory does not grow with the rows.
    let failed = std::thread::scope(|scope| {
        let (checks, to_check) = std::sync::mpsc::sync_channel::<Check>(16);
        let checker = scope.spawn(move || {
            let mut failed = Vec::new();
            for job in to_check {
                match verify(&job.file_name, &job.text, instrument, options.lang) {
                    Ok(()) => write(&job.file_name, &job.text),
                    Err(message) => failed.push((job.index, job.at, job.start, message)),
                }
            }
            failed
        });
        for row in rows() {
            if row.iter().all(|c| c.value.is_empty()) {
                continue;
            }
            number += 1;
            let start = row[0].place;
            let mut answers = BTreeMap::new();
            let mut notes = BTreeMap::new();
            let (mut code, mut role, mut date) = (None, None, options.date);
            let mut code_place = None;
            let mut valid = true;
            for ((cell, column), scale) in row.iter().zip(&columns).zip(&scales) {
                match column {
                    Column::Question(id) => {
                        let Some(scale) = *scale else {
                            continue;
                        };
                        match answers::read(&cell.value, scale, map, options.lang) {
                            Ok(Some(answer)) => {
                                answers.insert(id.clone(), answer);
                            }
                            Ok(None) => {}
                            Err(message) => {
                                let message = super::say(
                                    options.lang,
                                    format!("antwoord op `{id}`: {message}"),
                                    format!("answer to `{id}`: {message}"),
                                );
                                out.error(cell.place, message);
                                valid = false;
                            }
                        }
                    }
                    Column::Remark(Some(id)) if !cell.value.is_empty() => {
                        let (text, removed) =
                            without_contacts(cell.value.shown().trim(), options.lang);
                        if removed {
                            let message = super::say(
                                options.lang,
                                format!(
                                    "een e-mailadres of telefoonnummer in de toelichting bij `{id}` is niet overgenomen: een toelichting noemt geen personen"
                                ),
                                format!(
                                    "an e-mail address or phone number in the remarks on `{id}` was not copied: a remark names no person"
                                ),
                            );
                            out.push(Severity::Warning, cell.place, message);
                        }
                        if !text.is_empty() {
                            notes.insert(id.clone(), text);
                        }
                    }
                    Column::Respondent if !cell.value.is_empty() => {
                        let given = cell.value.shown().trim().to_string();
                        // A code, not a person: a name or an e-mail address is not copied.
                        if given.contains(['@', ' ']) {
                            let message = super::say(
                                    options.lang,
                                    "deze respondentcode lijkt een naam of e-mailadres, en die neemt koers niet over: verwacht een code zoals r01, of een lege cel (dan krijgen de rijen r01, r02, …)".to_string(),
                                    "this respondent code looks like a name or an e-mail address, which koers does not copy: expected a code such as r01, or an empty cell (then rows are numbered r01, r02, …)".to_string(),
                                );
                            out.error(cell.place, message);
                            valid = false;
                            continue;
                        }
                        // The code names the respondent's file: a file system takes 255 bytes.
                        if given.chars().count() > MAX_CODE {
                            let message = super::say(
                                options.lang,
                                format!(
                                    "deze respondentcode is langer dan {MAX_CODE} tekens: verwacht een korte code zoals r01, of een lege cel (dan krijgen de rijen r01, r02, …)"
                                ),
                                format!(
                                    "this respondent code is longer than {MAX_CODE} characters: expected a short code such as r01, or an empty cell (then rows are numbered r01, r02, …)"
                                ),
                            );
                            out.error(cell.place, message);
                            valid = false;
                            continue;
                        }
                        if let Some(first) = codes.get(&given) {
                            let first = table.at(*first);
                            let message = super::say(
                                options.lang,
                                format!(
                                    "respondentcode `{given}` staat er twee keer (eerst in {first}): elke respondent telt één keer; verwacht een eigen code"
                                ),
                                format!(
                                    "respondent code `{given}` is given twice (first at {first}): each respondent counts once; expected a code of its own"
                                ),
                            );
                            out.error(cell.place, message);
                            valid = false;
                        }
                        codes.insert(given.clone(), cell.place);
                        code_place = Some(cell.place);
                        code = Some(given);
                    }
                    Column::Role if !cell.value.is_empty() => {
                        let given = cell.value.shown().trim().to_string();
                        // A role, not a person: an e-mail address or a name beside the role
                        // would identify the respondent in every file and report.
                        if looks_like_a_person(&given) {
                            let message = super::say(
                                    options.lang,
                                    "deze rol lijkt een naam of e-mailadres te bevatten, en die neemt koers niet over: verwacht alleen een functie, zoals woonconsulent of beheerder".to_string(),
                                    "this role seems to hold a name or an e-mail address, which koers does not copy: expected only a role, such as housing officer or caretaker".to_string(),
                                );
                            out.error(cell.place, message);
                            valid = false;
                            continue;
                        }
                        role = Some(given);
                    }
                    Column::Date if options.date.is_none() => match date_style.read(&cell.value) {
                        Some(found) => date = Some(found),
                        None if cell.value.is_empty() => {}
                        None => {
                            let shown = super::shorten(&cell.value.shown(), 40);
                            let message = super::say(
                                options.lang,
                                format!(
                                    "`{shown}` is geen datum: verwacht een datum zoals 2026-01-15, 15-1-2026 of 1/15/2026 10:23, of geef --date"
                                ),
                                format!(
                                    "`{shown}` is not a date: expected a date such as 2026-01-15, 15-1-2026 or 1/15/2026 10:23, or give --date"
                                ),
                            );
                            out.error(cell.place, message);
                            valid = false;
                        }
                    },
                    _ => {}
                }
            }
            if answers.is_empty() {
                if valid {
                    let message = super::say(
                        options.lang,
                        "deze rij beantwoordt geen enkele vraag: overgeslagen".to_string(),
                        "this row answers no question: passed over".to_string(),
                    );
                    out.push(Severity::Warning, start, message);
                }
                continue;
            }
            let code = code.unwrap_or_else(|| {
                let mut generated = format!("r{number:0width$}");
                while codes.contains_key(&generated) || taken.contains(&file_key(&generated)) {
                    generated.push('b');
                }
                codes.insert(generated.clone(), start);
                taken.insert(file_key(&generated));
                generated
            });
            let Some(date) = date else {
                // Without a date column every row lacks its date: one error says so.
                let whole = !columns.contains(&Column::Date);
                if !whole {
                    let message = super::say(
                        options.lang,
                        "deze rij heeft geen datum: verwacht --date, of een datum in de datumkolom"
                            .to_string(),
                        "this row has no date: expected --date, or a date in the date column"
                            .to_string(),
                    );
                    out.error(start, message);
                } else if !missing_date {
                    let message = super::say(
                            options.lang,
                            "de rijen hebben geen datum: verwacht --date, of een datumkolom (Datum, Tijdstempel, Tijd van voltooien, Completion time, Timestamp)".to_string(),
                            "the rows have no date: expected --date, or a date column (Date, Completion time, Tijdstempel, Timestamp)".to_string(),
                        );
                    out.whole(Severity::Error, message);
                }
                missing_date = true;
                continue;
            };
            if !valid {
                continue;
            }
            dates.insert(date);
            let mut assessment = Assessment::new(
                options.instrument.clone(),
                Organisation {
                    name: options.organisation.clone(),
                    id: options.id.clone(),
                },
                AssessmentInfo {
                    date,
                    kind: options.kind,
                    round: options.round.clone(),
                    respondent: Some(code.clone()),
                    role,
                    ..AssessmentInfo::new(date, options.kind)
                },
                answers,
            );
            assessment.notes = notes;
            let text = template.render(&assessment, &origin(&table.at(start), options.lang));
            let file_name = file_name(&assessment);
            imported.push(Imported {
                file_name: file_name.clone(),
                respondent: code,
            });
            origins.push((start, code_place));
            // The row's place among the problems, so that a failed check is told in row order.
            let job = Check {
                index: imported.len() - 1,
                at: out.problems.len(),
                start,
                file_name,
                text,
            };
            if checks.send(job).is_err() {
                break;
            }
        }
        drop(checks);
        checker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    // A file that did not read back is no respondent; its error goes where the row stands
    // (newest first, so that the places of the earlier ones stay right).
    for (index, at, start, message) in failed.into_iter().rev() {
        imported.remove(index);
        origins.remove(index);
        out.error(start, message);
        let problem = out.problems.pop().expect("just pushed");
        out.problems.insert(at, problem);
    }
    same_file_names(&imported, &origins, &mut out);
    if imported.is_empty() && !out.problems.iter().any(|p| p.severity == Severity::Error) {
        let message = super::say(
            options.lang,
            "geen rij onder de kopregel beantwoordt een vraag: verwacht één rij per respondent"
                .to_string(),
            "no row below the header answers a question: expected one row per respondent"
                .to_string(),
        );
        out.whole(Severity::Error, message);
    }
    if dates.len() > 1 && options.round.is_none() {
        let (days, first, last) = (
            dates.len(),
            dates.first().map(Date::to_string).unwrap_or_default(),
            dates.last().map(Date::to_string).unwrap_or_default(),
        );
        let round = dates
            .last()
            .map(|d| format!("{}-{:02}", d.year(), d.month()))
            .unwrap_or_default();
        let message = super::say(
            options.lang,
            format!(
                "de respondenten antwoordden op {days} verschillende dagen ({first} tot {last}): zonder --round is elke dag een eigen groep; geef --round (bijv. --round {round}) om ze samen te scoren"
            ),
            format!(
                "the respondents answered on {days} different days ({first} to {last}): without --round each day is a group of its own; give --round (e.g. --round {round}) to score them together"
            ),
        );
        out.whole(Severity::Warning, message);
    }
    Outcome {
        imported,
        problems: out.problems,
        table: table.name(),
    }
}

/// What each column holds; unknown headers, duplicate columns and answers without a
/// header are errors, questions without a column a warning.
fn columns(
    table: &Table,
    header_index: usize,
    questions: &Questions,
    map: &Map,
    instrument: &Instrument,
    out: &mut Collector<'_>,
) -> Vec<Column> {
    let lang = out.lang;
    let say = |nl: String, en: String| super::say(lang, nl, en);
    let header = table.row(header_index).unwrap_or_default();
    let mut seen: BTreeMap<String, Place> = BTreeMap::new();
    let mut personal = Vec::new();
    // In one pass over the rows: the widest, and each column's first filled data cell.
    let mut width = header.len();
    let mut first_data: Vec<Option<Place>> = Vec::new();
    for row in table.rows().skip(header_index + 1) {
        width = width.max(row.len());
        first_data.resize(width, None);
        for (first, cell) in first_data.iter_mut().zip(row.iter()) {
            if first.is_none() && !cell.value.is_empty() {
                *first = Some(cell.place);
            }
        }
    }
    let mut columns = Vec::with_capacity(width);
    for index in 0..width {
        let Some(cell) = header.get(index) else {
            columns.push(Column::Blank);
            continue;
        };
        let text = cell.value.shown();
        let mut column = classify(&text, questions, map);
        // A remarks column that names no question belongs to the question column just
        // before it, as survey tools put a "Toelichting" after its question.
        if column == Column::Remark(None) {
            column = match columns.last() {
                Some(Column::Question(id)) => Column::Remark(Some(id.clone())),
                _ => {
                    out.push(
                        Severity::Warning,
                        cell.place,
                        say(
                            format!(
                                "kolom `{}` met opmerkingen hoort bij geen vraag en wordt niet overgenomen: zet hem direct na zijn vraag, of noem hem `<vraag-id> toelichting`",
                                super::shorten(text.trim(), 40)
                            ),
                            format!(
                                "the remarks column `{}` belongs to no question and is not kept: put it right after its question, or name it `<question id> toelichting`",
                                super::shorten(text.trim(), 40)
                            ),
                        ),
                    );
                    Column::Skip
                }
            };
        }
        let key = match &column {
            Column::Question(id) if instrument.question(id).is_none() => {
                out.error(
                    cell.place,
                    say(
                        format!(
                            "het --map-bestand zet `{text}` om in `{id}`, en dat is geen vraag van `{}`",
                            instrument.id
                        ),
                        format!(
                            "the --map file maps `{text}` to `{id}`, which is no question of `{}`",
                            instrument.id
                        ),
                    ),
                );
                columns.push(Column::Skip);
                continue;
            }
            Column::Question(id) => Some(say(format!("vraag `{id}`"), format!("question `{id}`"))),
            Column::Remark(Some(id)) => Some(say(
                format!("de toelichting bij `{id}`"),
                format!("the remarks on `{id}`"),
            )),
            Column::Remark(None) => None,
            Column::Respondent => Some(say(
                "de respondentcode".into(),
                "the respondent code".into(),
            )),
            Column::Role => Some(say("de functie".into(), "the role".into())),
            Column::Date => Some(say("de datum".into(), "the date".into())),
            Column::Personal => {
                personal.push(format!("{} ({})", text.trim(), table.at(cell.place)));
                None
            }
            Column::Unknown => {
                let near = questions.nearest(&text, lang);
                let shown = super::shorten(text.trim(), 80);
                out.error(
                    cell.place,
                    say(
                        format!(
                            "onbekende kolomkop `{shown}`: verwacht een vraag-id of vraagtekst van `{}`, de respondentcode of de functie{}; een --map-bestand kan de vraag noemen of de kolom overslaan",
                            instrument.id,
                            near.as_ref().map(|n| format!("; bedoelt u {n}?")).unwrap_or_default()
                        ),
                        format!(
                            "unknown column `{shown}`: expected a question id or text of `{}`, the respondent code or the role{}; a --map file can name its question, or skip it",
                            instrument.id,
                            near.as_ref().map(|n| format!("; nearest: {n}")).unwrap_or_default()
                        ),
                    ),
                );
                None
            }
            Column::Blank => {
                if let Some(Some(place)) = first_data.get(index) {
                    out.error(
                        *place,
                        say(
                            "deze kolom heeft antwoorden maar geen kolomkop: verwacht een vraag-id of vraagtekst erboven".to_string(),
                            "this column has answers but no header: expected a question id or text above it".to_string(),
                        ),
                    );
                }
                None
            }
            Column::Skip => None,
        };
        if let Some(key) = key {
            if let Some(first) = seen.get(&key) {
                let first = table.at(*first);
                out.error(
                    cell.place,
                    say(
                        format!(
                            "een tweede kolom voor {key} (de eerste is {first}): verwacht één kolom per vraag; verwijder er een, of sla hem over met een --map-bestand"
                        ),
                        format!(
                            "a second column for {key} (the first is {first}): expected one column each; remove one, or skip it with a --map file"
                        ),
                    ),
                );
                columns.push(Column::Skip);
                continue;
            }
            seen.insert(key, cell.place);
        }
        columns.push(column);
    }
    let missing: Vec<&str> = instrument
        .questions()
        .map(|(_, q)| q.id.as_str())
        .filter(|id| !seen.contains_key(&say(format!("vraag `{id}`"), format!("question `{id}`"))))
        .collect();
    if !missing.is_empty() {
        let (count, all, ids) = (
            missing.len(),
            instrument.questions().count(),
            missing.join(", "),
        );
        out.whole(
            Severity::Warning,
            say(
                format!(
                    "{count} van de {all} vragen hebben geen kolom, dus geen respondent beantwoordt ze: {ids}"
                ),
                format!(
                    "{count} of {all} questions have no column, so no respondent answers them: {ids}"
                ),
            ),
        );
    }
    if !personal.is_empty() {
        let list = personal.join(", ");
        out.whole(
            Severity::Warning,
            say(
                format!("persoonsgegevens in geen enkel bestand overgenomen: {list}"),
                format!("personal data not copied into any assessment: {list}"),
            ),
        );
    }
    columns
}

/// How a date column writes its dates: with `/`, day first or month first. Decided for
/// the whole column, by any day above 12.
#[derive(Debug, Clone, Copy)]
struct DateStyle {
    slash_day_first: bool,
}

impl DateStyle {
    fn of<'a>(rows: impl Iterator<Item = super::sheet::Row<'a>>, columns: &[Column]) -> DateStyle {
        let Some(index) = columns.iter().position(|c| *c == Column::Date) else {
            return DateStyle {
                slash_day_first: false,
            };
        };
        let slash_day_first = rows
            .filter_map(|r| match &r.get(index)?.value {
                Value::Text(t) => Some(t.trim().to_string()),
                _ => None,
            })
            .filter_map(|t| {
                let date = t.split([' ', 'T']).next()?;
                let mut parts = date.split('/');
                let first: u32 = parts.next()?.parse().ok()?;
                parts.next()?;
                (first > 12 && first <= 31).then_some(())
            })
            .next()
            .is_some();
        DateStyle { slash_day_first }
    }

    fn read(&self, value: &Value) -> Option<Date> {
        match value {
            Value::Date(date) => Some(*date),
            Value::Number(n) => super::sheet::serial_date(*n),
            Value::Text(text) => parse_date(text, self.slash_day_first),
            Value::Empty => None,
        }
    }
}

/// A date as survey tools write it: `2026-01-15`, `2026/01/15 10:23:45`,
/// `15-1-2026 10:23` (Dutch), `1/15/2026 10:23:45 AM` (American, unless `slash_day_first`).
fn parse_date(text: &str, slash_day_first: bool) -> Option<Date> {
    let date = text.trim().split([' ', 'T']).next()?;
    let separator = ['-', '/', '.'].into_iter().find(|s| date.contains(*s))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, c] = parts[..] else { return None };
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let (year, month, day) = if parts[0].len() == 4 {
        (a, b, c)
    } else {
        let year = if parts[2].len() == 2 { 2000 + c } else { c };
        if separator == '/' && !slash_day_first {
            (year, a, b)
        } else {
            (year, b, a)
        }
    };
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

/// The longest respondent code: it becomes part of a file name.
const MAX_CODE: usize = 64;

/// Whether a role cell names a person rather than a role: an e-mail address, or two or
/// more capitalised words before a role in brackets ("Jan Jansen (beheerder)"). Roles
/// with capitals ("Manager Wonen") or commas ("beheerder, wijk Oost") pass.
fn looks_like_a_person(role: &str) -> bool {
    if role.contains('@') {
        return true;
    }
    let Some((before, _)) = role.split_once('(') else {
        return false;
    };
    let words: Vec<&str> = before.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The file of one respondent: its round or date, `ambitie` for an ambition, its code.
pub fn file_name(assessment: &Assessment) -> String {
    let info = &assessment.assessment;
    let when = info.round.clone().unwrap_or_else(|| info.date.to_string());
    let mut name = safe(&when);
    if info.kind == Kind::Ambition {
        name.push_str("-ambitie");
    }
    name.push('-');
    name.push_str(&safe(info.respondent.as_deref().unwrap_or("r")));
    name + ".toml"
}

/// Respondents whose files would have one name, where a file system that does not tell
/// upper from lower case (Windows, macOS) sees one: an error at the second, naming the
/// first, so that no respondent silently replaces another.
fn same_file_names(
    imported: &[Imported],
    origins: &[(Place, Option<Place>)],
    out: &mut Collector<'_>,
) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, one) in imported.iter().enumerate() {
        let key = one.file_name.to_lowercase();
        let Some(&first) = seen.get(&key) else {
            seen.insert(key, index);
            continue;
        };
        let code = |i: usize| imported[i].respondent.clone();
        let place = |i: usize| origins[i].1.unwrap_or(origins[i].0);
        let first_at = out.table.at(place(first));
        out.error(
            place(index),
            super::say(
                out.lang,
                format!(
                    "respondentcode `{}` krijgt hetzelfde bestand `{}` als respondentcode `{}` (in {first_at}); een bestandsnaam houdt alleen letters, cijfers, - en _ en Windows en macOS maken geen verschil tussen hoofd- en kleine letters: verwacht codes die in letters of cijfers verschillen",
                    code(index),
                    imported[first].file_name,
                    code(first)
                ),
                format!(
                    "respondent code `{}` gets the same file `{}` as respondent code `{}` (at {first_at}); a file name keeps only letters, digits, - and _, and Windows and macOS do not tell upper from lower case: expected codes that differ in their letters or digits",
                    code(index),
                    imported[first].file_name,
                    code(first)
                ),
            ),
        );
    }
}

/// A code as its file name sees it: what [`safe`] keeps, in lower case.
fn file_key(code: &str) -> String {
    safe(code).to_lowercase()
}

/// A text as a part of a file name: letters, digits, `-` and `_`; anything else `-`.
fn safe(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() {
        "x".to_string()
    } else {
        name
    }
}

/// The assessment as `koers init` would have written it, filled in: every question with
/// its text as a comment, unanswered ones as `""`.
pub fn toml_text(
    assessment: &Assessment,
    instrument: &Instrument,
    lang: Lang,
    from: &str,
) -> String {
    Template::new(instrument, lang).render(assessment, &origin(from, lang))
}

/// The second comment line of an imported file: where its answers came from.
fn origin(from: &str, lang: Lang) -> String {
    if lang == Lang::Nl {
        format!("Ingelezen uit {} (koers import).", one_line(from))
    } else {
        format!("Imported from {} (koers import).", one_line(from))
    }
}

/// [`toml_text`] with its own second comment line, `origin`, saying where the answers
/// came from (`koers serve` writes its files with it).
pub fn toml_text_with(
    assessment: &Assessment,
    instrument: &Instrument,
    lang: Lang,
    origin: &str,
) -> String {
    Template::new(instrument, lang).render(assessment, origin)
}

/// What every file of one instrument and language shares: the title line, and the
/// section headings and wrapped question texts above the answers. Made once per import
/// rather than once per respondent (wrapping 47 question texts for each of 5,000 rows was
/// most of an import's time).
pub struct Template {
    /// The language of the file's comments, and of its words (`kind`, "weet niet").
    lang: Lang,
    title: String,
    /// Each section's heading line, then its questions.
    sections: Vec<(String, Vec<QuestionText>)>,
}

/// One question as every file shows it: its text as comment lines, its TOML key, its id.
type QuestionText = (String, String, String);

impl Template {
    /// The shared text of `instrument`'s files in `lang`.
    pub fn new(instrument: &Instrument, lang: Lang) -> Template {
        let sections = instrument
            .sections
            .iter()
            .map(|section| {
                let questions = section
                    .questions
                    .iter()
                    .map(|question| {
                        let mut comment = String::new();
                        crate::comment::comment(&mut comment, "# ", question.text.get(lang));
                        (comment, quote_key(&question.id), question.id.clone())
                    })
                    .collect();
                (
                    format!("\n# === {} ===\n", one_line(section.title.get(lang))),
                    questions,
                )
            })
            .collect();
        Template {
            lang,
            title: format!(
                "# {} ({})\n",
                instrument.title.get(lang),
                instrument.version
            ),
            sections,
        }
    }

    /// The file of one assessment, with `origin` as its second comment line.
    pub fn render(&self, assessment: &Assessment, origin: &str) -> String {
        let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
        let info = &assessment.assessment;
        let mut out = self.title.clone();
        let _ = writeln!(out, "# {}\n", one_line(origin));
        let _ = writeln!(out, "instrument = {}\n", quote(&assessment.instrument));
        let _ = writeln!(out, "[organisation]");
        let _ = writeln!(out, "name = {}", quote(&assessment.organisation.name));
        if let Some(id) = &assessment.organisation.id {
            let _ = writeln!(out, "id = {}", quote(id));
        }
        let _ = writeln!(out, "\n[assessment]");
        let _ = writeln!(out, "date = {}", info.date);
        // A Dutch file says its kind and "weet niet" in Dutch; the library reads both.
        let kind = match (self.lang, info.kind) {
            (Lang::Nl, Kind::Current) => "huidig",
            (Lang::Nl, Kind::Ambition) => "ambitie",
            (Lang::En, Kind::Current) => "current",
            (Lang::En, Kind::Ambition) => "ambition",
        };
        let _ = writeln!(out, "kind = \"{kind}\"");
        if let Some(round) = &info.round {
            let _ = writeln!(out, "round = {}", quote(round));
        }
        if let Some(respondent) = &info.respondent {
            let _ = writeln!(out, "respondent = {}", quote(respondent));
        }
        if let Some(role) = &info.role {
            let _ = writeln!(out, "role = {}", quote(role));
        }
        let _ = writeln!(out, "\n[answers]");
        for (heading, questions) in &self.sections {
            out.push_str(heading);
            for (comment, key, id) in questions {
                out.push('\n');
                out.push_str(comment);
                let value = match assessment.answers.get(id) {
                    Some(Answer::Point(p)) => p.to_string(),
                    Some(Answer::Unknown) => match self.lang {
                        Lang::Nl => "\"weet niet\"".to_string(),
                        Lang::En => "\"unknown\"".to_string(),
                    },
                    Some(Answer::NotApplicable) => "\"n.v.t.\"".to_string(),
                    None => "\"\"".to_string(),
                };
                let _ = writeln!(out, "{key} = {value}");
            }
        }
        if !assessment.notes.is_empty() {
            let _ = writeln!(out, "\n[notes]");
            for (id, note) in &assessment.notes {
                let _ = writeln!(out, "{} = {}", quote_key(id), quote(note));
            }
        }
        out
    }
}

/// `text` with every e-mail address and phone number replaced by a mark that says so, and
/// whether any was: a remark is kept as evidence for an answer, never as a way to reach
/// or name the person who gave it.
fn without_contacts(text: &str, lang: Lang) -> (String, bool) {
    let (email, phone) = match lang {
        Lang::Nl => ("[e-mailadres verwijderd]", "[telefoonnummer verwijderd]"),
        Lang::En => ("[e-mail address removed]", "[phone number removed]"),
    };
    let mut removed = false;
    // E-mail addresses: a word with an `@` and a dot after it.
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            match core.split_once('@') {
                Some((user, host)) if !user.is_empty() && host.contains('.') => {
                    removed = true;
                    word.replace(core, email)
                }
                _ => word.to_string(),
            }
        })
        .collect();
    let text = words.join(" ");
    // Phone numbers: a run of digits, spaces, dashes, dots, brackets and a leading `+`
    // that holds at least nine digits (a Dutch number has ten, 06 12 34 56 78).
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if starts {
            let mut j = i;
            let mut digits = 0;
            let mut end = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || " -.()+".contains(chars[j])) {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    end = j + 1;
                }
                j += 1;
            }
            if digits >= 9 {
                removed = true;
                out.push_str(phone);
                i = end;
                continue;
            }
            out.extend(&chars[i..end.max(i + 1)]);
            i = end.max(i + 1);
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, removed)
}

/// A text on one comment line: line breaks and control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn quote_key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        toml::Value::String(id.to_string()).to_string()
    }
}

/// One respondent's file on its way to [`verify`] and the caller's `write`.
struct Check {
    /// Its place in `imported`.
    index: usize,
    /// How many problems were known when its row was read.
    at: usize,
    /// Where its row starts.
    start: Place,
    file_name: String,
    text: String,
}

/// Parses the text back and scores it: what is written is what `koers score` reads.
fn verify(name: &str, text: &str, instrument: &Instrument, lang: Lang) -> Result<(), String> {
    let bug = |invalid: koers::Invalid| {
        let what = invalid
            .errors
            .first()
            .map(|e| e.message_in(lang))
            .unwrap_or_default();
        crate::say(
            lang,
            format!(
                "koers schreef een vragenlijst die het niet terug kan lezen ({what}); dit is een fout in koers"
            ),
            format!(
                "koers wrote an assessment it cannot read back ({what}); this is a bug in koers"
            ),
        )
    };
    let parsed = Assessment::parse(&Source::new(name, text)).map_err(bug)?;
    // Checked and scored as `koers score` does, in one pass.
    instrument.check_and_score(&parsed).map_err(bug)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_that_names_a_person_is_refused() {
        assert!(looks_like_a_person("piet@corp.nl"));
        assert!(looks_like_a_person("Jan Jansen (beheerder)"));
        assert!(looks_like_a_person("beheerder <jan@corp.nl>"));
        assert!(!looks_like_a_person("Manager Wonen"));
        assert!(!looks_like_a_person("beheerder, wijk Oost"));
        assert!(!looks_like_a_person("projectleider (vastgoed)"));
    }

    #[test]
    fn dates_in_the_forms_survey_tools_write() {
        let d = |t: &str, f: bool| parse_date(t, f).map(|d| d.to_string());
        assert_eq!(d("2026-01-15", false).as_deref(), Some("2026-01-15"));
        assert_eq!(
            d("2026/01/15 10:23:45", false).as_deref(),
            Some("2026-01-15")
        );
        assert_eq!(d("15-1-2026 10:23", false).as_deref(), Some("2026-01-15"));
        assert_eq!(
            d("1/15/2026 10:23:45 AM", false).as_deref(),
            Some("2026-01-15")
        );
        assert_eq!(d("15/1/2026", true).as_deref(), Some("2026-01-15"));
        assert_eq!(
            d("2026-01-15T10:23:45Z", false).as_deref(),
            Some("2026-01-15")
        );
        assert_eq!(d("gisteren", false), None);
        assert_eq!(d("31/31/2026", true), None);
    }

    #[test]
    fn a_remark_keeps_its_words_but_no_e_mail_address_or_phone_number() {
        let (text, removed) = without_contacts(
            "Zie wijkplan 2025 (p. 12); vragen: j.jansen@dedijk.nl of 06-12345678.",
            Lang::Nl,
        );
        assert!(removed);
        assert_eq!(
            text,
            "Zie wijkplan 2025 (p. 12); vragen: [e-mailadres verwijderd] of [telefoonnummer verwijderd]."
        );
        let (text, removed) = without_contacts("Call +31 (0)20 123 4567 please", Lang::En);
        assert!(removed);
        assert_eq!(text, "Call [phone number removed] please");
        // Years, counts and dates stay.
        let plain = "In 2025 liepen 12 projecten, 3 van 1.200 woningen, op 15-03-2026.";
        assert_eq!(
            without_contacts(plain, Lang::Nl),
            (plain.to_string(), false)
        );
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe("2026 voorjaar/../x"), "2026-voorjaar----x");
        assert_eq!(safe("../"), "x");
    }
}
