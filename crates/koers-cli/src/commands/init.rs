//! `koers init`: an assessment to fill in, with every question and its scale as comments.

use crate::args::InitArgs;
use crate::commands::schema;
use crate::failure::Failure;
use crate::load::Loader;
use crate::output::{Output, Own, Rules, write, write_all};
use crate::safe_text::terminal;
use koers::{Date, Instrument, Lang, builtin};
use koers_survey::comment::comment;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs the command.
pub fn run(args: &InitArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let instrument = match builtin::instrument(&args.instrument) {
        Some(instrument) => instrument.clone(),
        None => match loader.load_instrument(&PathBuf::from(&args.instrument))? {
            Some(instrument) => instrument,
            None => {
                loader.print_diagnostics(true);
                return Err(Failure::Invalid { count: 1 });
            }
        },
    };
    let date = args.date.unwrap_or_else(today);
    // The file reads its instrument path relative to itself, not to where koers ran.
    let reference = match (&args.output, builtin::instrument(&args.instrument)) {
        (Some(Output::File(output)), None) => {
            relative_path(Path::new(&args.instrument), output).unwrap_or(args.instrument.clone())
        }
        _ => args.instrument.clone(),
    };
    if args.register {
        return register(args, &instrument, &reference, date, &loader);
    }
    let schema_name = schema::file_name(&instrument);
    let text = template(
        &instrument,
        &reference,
        date,
        args.lang,
        Some(&format!("./{schema_name}")),
    );
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Nothing,
    };
    let Some(Output::File(path)) = &args.output else {
        return write(&Output::Stdout, text.as_bytes(), &rules);
    };
    // The `#:schema` line names a schema beside the new file, so that an editor finds it
    // wherever koers is installed. An existing schema is kept unless it differs and
    // --force is given (it may be the user's own, or one for another language).
    let schema_path = path.with_file_name(&schema_name);
    let schema_text = schema::to_json(&koers::schema::assessment_for(&instrument, args.lang));
    let mut files: Vec<(PathBuf, &[u8])> = vec![(path.clone(), text.as_bytes())];
    let existing = std::fs::read(&schema_path).ok();
    let differs = existing
        .as_ref()
        .is_some_and(|existing| existing != schema_text.as_bytes());
    if existing.is_none() || (args.force && differs) {
        files.push((schema_path.clone(), schema_text.as_bytes()));
    }
    write_all(&files, &rules)?;
    let n = instrument.questions().count();
    crate::console::done(
        format!(
            "{} geschreven: een lege vragenlijst met {n} vragen van `{}`",
            path.display(),
            args.instrument
        ),
        format!(
            "{} written: an empty assessment with {n} questions of `{}`",
            path.display(),
            args.instrument
        ),
    );
    if differs {
        schema_note(&schema_path, args, args.force);
    }
    Ok(())
}

/// Says that the schema beside the new file differed from this assessment's, and what
/// became of it: kept (it may be the user's own, or for another language or version, and
/// other files in the folder may use it) or replaced by `--force`. A warning, shown even
/// with `--quiet`: an editor would otherwise complete from the other schema, or other
/// files in the folder lose theirs, without a word.
fn schema_note(schema_path: &Path, args: &InitArgs, replaced: bool) {
    let schema = schema_path.display();
    let lang = args.lang.code();
    let command = format!(
        "koers schema --instrument {} --lang {lang} -o {schema} --force",
        args.instrument
    );
    let text = if replaced {
        crate::messages::say(
            format!(
                "waarschuwing: {schema} is vervangen door het schema van deze vragenlijst; andere bestanden in de map met een andere taal of versie volgen het nu ook\n"
            ),
            format!(
                "warning: {schema} was replaced by this assessment's schema; other files in the folder in another language or version now follow it too\n"
            ),
        )
    } else {
        crate::messages::say(
            format!(
                "waarschuwing: {schema} blijft staan: het wijkt af van het schema van deze vragenlijst (een andere taal of versie); `{command}` vervangt het\n"
            ),
            format!(
                "warning: {schema} is kept: it differs from this assessment's schema (another language or version); `{command}` replaces it\n"
            ),
        )
    };
    crate::console::eprint_styled(&terminal(&text));
}

/// The path of `target` as seen from the folder of the file `from` (which may not exist
/// yet), with `/` between parts; `None` when it cannot be worked out (then the path is
/// written as given).
pub fn relative_path(target: &Path, from: &Path) -> Option<String> {
    let target = target.canonicalize().ok()?;
    let folder = match from.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let folder = folder.canonicalize().ok()?;
    let common = target
        .components()
        .zip(folder.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = folder.components().count() - common;
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups)
        .chain(
            target
                .components()
                .skip(common)
                .map(|c| c.as_os_str().to_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()?,
        )
        .collect();
    Some(parts.join("/"))
}

/// The template: the document keys, then one empty answer per question with the question
/// and its scale points above it. `""` means "not answered yet", so the template is valid
/// from the start and `koers validate` lists what is still open. `schema`, when given, is
/// the path of the JSON Schema for the `#:schema` line that Taplo and Even Better TOML read.
pub fn template(
    instrument: &Instrument,
    reference: &str,
    date: Date,
    lang: Lang,
    schema: Option<&str>,
) -> String {
    // The template's own words, in the language of the questions.
    let say = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "#:schema {}", one_line(schema));
    }
    let _ = writeln!(
        out,
        "# {} ({})",
        one_line(instrument.title.get(lang)),
        one_line(&instrument.version)
    );
    if let Some(description) = &instrument.description {
        comment(&mut out, "# ", description.get(lang));
    }
    let _ = writeln!(
        out,
        "# {}\n",
        say(
            "Vul na elke '=' een getal van de schaal in, of \"weet niet\" of \"n.v.t.\". \"\" = nog niet beantwoord.",
            "After each '=' fill in a number on the scale, or \"unknown\" (don't know / n/a). \"\" = not answered yet."
        )
    );
    let _ = writeln!(out, "instrument = {}\n", quote(reference));
    organisation(
        &mut out,
        lang,
        say(
            "optioneel: korte sleutel om te groeperen",
            "optional: short key to group by",
        ),
    );
    let _ = writeln!(out, "[assessment]");
    let _ = writeln!(out, "date = {date}");
    // The kind in the words of the file's language; the library reads both.
    let _ = writeln!(
        out,
        "{}",
        say(
            "kind = \"huidig\"  # \"huidig\" of \"ambitie\"",
            "kind = \"current\"  # \"current\" (now) or \"ambition\""
        )
    );
    let _ = writeln!(out, "# respondent = \"r01\"");
    let _ = writeln!(out, "# role = \"woonconsulent\"\n");
    let _ = writeln!(out, "[answers]");
    for section in &instrument.sections {
        let _ = writeln!(out, "\n# === {} ===", one_line(section.title.get(lang)));
        for question in &section.questions {
            let _ = writeln!(out);
            comment(&mut out, "# ", question.text.get(lang));
            if let Some(scale) = instrument.scale_of(question) {
                // One point per line: a label is never broken in two.
                for point in scale.min..=scale.max {
                    if let Some(label) = scale.label(point) {
                        let _ = writeln!(out, "#   {point} = {}", one_line(label.get(lang)));
                    }
                }
            }
            let _ = writeln!(out, "{} = \"\"", key(&question.id));
        }
    }
    out
}

/// `koers init --register`: a register to fill in.
fn register(
    args: &InitArgs,
    instrument: &Instrument,
    reference: &str,
    date: Date,
    loader: &Loader,
) -> Result<(), Failure> {
    if instrument.ladder.is_none() {
        return Err(Failure::Unsupported(
            crate::messages::say(
                format!(
                    "instrument `{}` heeft geen ladder: een registratie legt de praktijken van de ladder vast",
                    args.instrument
                ),
                format!(
                    "instrument `{}` declares no ladder: a register records the ladder's practices",
                    args.instrument
                ),
            )
            .to_string(),
        ));
    }
    let text = register_template(instrument, reference, date, args.lang);
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Nothing,
    };
    let output = args.output.clone().unwrap_or(Output::Stdout);
    write(&output, text.as_bytes(), &rules)?;
    if let Output::File(path) = &output {
        crate::console::done(
            format!("{} geschreven: een lege registratie", path.display()),
            format!("{} written: an empty register", path.display()),
        );
    }
    Ok(())
}

/// The register template: the document keys, an example wijk to copy, and every ladder
/// question, its text as a comment, with its key commented out: a practice stays "not
/// recorded" until its wijken are filled in (`[]` means it ran nowhere, a real answer).
pub fn register_template(
    instrument: &Instrument,
    reference: &str,
    date: Date,
    lang: Lang,
) -> String {
    let say = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({}): {}",
        one_line(instrument.title.get(lang)),
        one_line(&instrument.version),
        say("registratie", "register")
    );
    comment(
        &mut out,
        "# ",
        say(
            "Noem de wijken (of kernen) van de corporatie met hun woningen, en per praktijk van de ladder de wijken waar zij de twaalf maanden voor de datum liep, uit een bron (wijkfactsheets, prestatieafspraken). Haal het '#' voor een praktijk weg en noem de wijk-ids; [] betekent: nergens. Een praktijk die niet genoemd wordt, is niet geregistreerd (weet niet).",
            "List the corporation's wijken (or kernen) with their homes, and per ladder practice the wijken where it ran in the twelve months before the date, from a source (wijkfactsheets, prestatieafspraken). Remove the '#' before a practice and list the wijk ids; [] means: nowhere. A practice not listed is not recorded (don't know).",
        ),
    );
    let _ = writeln!(out, "\ninstrument = {}\n", quote(reference));
    organisation(
        &mut out,
        lang,
        say(
            "dezelfde korte sleutel als in de vragenlijsten",
            "the same short key as in the assessments",
        ),
    );
    let _ = writeln!(out, "[register]");
    let _ = writeln!(out, "date = {date}");
    let _ = writeln!(out, "# round = \"2026-voorjaar\"");
    let _ = writeln!(
        out,
        "source = \"\"  # {}\n",
        say(
            "bijvoorbeeld: Wijkfactsheets 2025; prestatieafspraken 2026",
            "e.g. Wijkfactsheets 2025; prestatieafspraken 2026"
        )
    );
    let _ = writeln!(
        out,
        "# {}",
        say(
            "Eén blok per wijk; kopieer het voor elke wijk.",
            "One block per wijk; copy it for each wijk."
        )
    );
    let _ = writeln!(
        out,
        "# [[wijken]]\n# id = \"centrum\"\n# name = \"Centrum\"\n# homes = 1200\n"
    );
    let _ = writeln!(out, "[practices]");
    if let Some(ladder) = &instrument.ladder {
        for section in instrument
            .sections
            .iter()
            .filter(|s| ladder.rungs.contains(&s.id))
        {
            let _ = writeln!(out, "\n# === {} ===", one_line(section.title.get(lang)));
            for question in &section.questions {
                let _ = writeln!(out);
                comment(&mut out, "# ", question.text.get(lang));
                let _ = writeln!(out, "# {} = []", key(&question.id));
            }
        }
    }
    out
}

/// The `[organisation]` table of a template, its optional id explained by `id_hint`.
fn organisation(out: &mut String, lang: Lang, id_hint: &str) {
    let name = match lang {
        Lang::Nl => "naam van de corporatie",
        Lang::En => "name of the corporation",
    };
    let _ = writeln!(out, "[organisation]");
    let _ = writeln!(out, "name = \"\"  # {name}");
    let _ = writeln!(out, "# id = \"\"  # {id_hint}\n");
}

/// Text from an instrument file for one comment line: a line break would end the comment
/// and turn the rest into TOML, and TOML forbids control characters in a comment, which a
/// terminal would act on; both are written as visible escapes.
fn one_line(text: &str) -> String {
    terminal(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// A question id as a TOML key: bare when it can be, quoted otherwise.
fn key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { id.to_string() } else { quote(id) }
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Today's date where the machine is: in its local time zone (`TZ`, or the system's),
/// so that just after midnight in the Netherlands it is already the new day.
pub(crate) fn today() -> Date {
    date_of(&jiff::ZonedDateTime::now())
}

/// The calendar date of a moment in its own time zone.
pub fn date_of(moment: &jiff::ZonedDateTime) -> Date {
    let date = moment.date();
    u16::try_from(date.year())
        .ok()
        .and_then(|year| Date::new(year, date.month() as u8, date.day() as u8).ok())
        // jiff's years run from -9999 to 9999; koers' dates have no year before 0.
        .unwrap_or_else(|| Date::new(1970, 1, 1).expect("a valid date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_in_the_local_time_zone_not_in_utc() {
        // 23:30 UTC on 30 May is 01:30 on 31 May in Dutch summer time (UTC+2).
        let moment: jiff::Timestamp = "2026-05-30T23:30:00Z".parse().unwrap();
        let summer = jiff::tz::TimeZone::fixed(jiff::tz::offset(2));
        assert_eq!(
            date_of(&moment.to_zoned_datetime(summer)).to_string(),
            "2026-05-31"
        );
        assert_eq!(
            date_of(&moment.to_zoned_datetime(jiff::tz::TimeZone::UTC)).to_string(),
            "2026-05-30"
        );
        let leap: jiff::Timestamp = "2028-02-28T23:00:00Z".parse().unwrap();
        let winter = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(
            date_of(&leap.to_zoned_datetime(winter)).to_string(),
            "2028-02-29"
        );
    }

    #[test]
    fn each_scale_point_has_a_comment_line_of_its_own() {
        let instrument = koers::builtin::instrument("sev").unwrap();
        let date = Date::new(2026, 1, 15).unwrap();
        let text = template(instrument, "sev", date, Lang::Nl, Some("./sev.schema.json"));
        assert!(text.starts_with("#:schema ./sev.schema.json\n"), "{text}");
        let scale = &instrument.scales["wijken"];
        for point in scale.min..=scale.max {
            let line = format!("#   {point} = {}\n", scale.label(point).unwrap().nl);
            assert!(text.contains(&line), "{line}");
        }
        assert!(!text.contains(" · "), "no points run on in one line");
    }
}
