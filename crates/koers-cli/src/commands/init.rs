//! `koers init`: an assessment to fill in, with every question and its scale as comments.

use crate::args::InitArgs;
use crate::failure::Failure;
use crate::load::Loader;
use crate::output::{Output, Own, Rules, write};
use crate::safe_text::terminal;
use koers::{Date, Instrument, Lang, builtin};
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
    let text = template(&instrument, &reference, date, args.lang.into());
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Nothing,
    };
    let output = args.output.as_ref().unwrap_or(&Output::Stdout);
    write(output, text.as_bytes(), &rules)?;
    if let Output::File(path) = output {
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
    }
    Ok(())
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
/// from the start and `koers validate` lists what is still open.
pub fn template(instrument: &Instrument, reference: &str, date: Date, lang: Lang) -> String {
    // The template's own words, in the language of the questions.
    let say = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let mut out = String::new();
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
    let _ = writeln!(out, "[organisation]");
    let _ = writeln!(
        out,
        "name = \"\"  # {}",
        say("naam van de corporatie", "name of the corporation")
    );
    let _ = writeln!(
        out,
        "# id = \"\"  # {}\n",
        say(
            "optioneel: korte sleutel om te groeperen",
            "optional: short key to group by"
        )
    );
    let _ = writeln!(out, "[assessment]");
    let _ = writeln!(out, "date = {date}");
    let _ = writeln!(
        out,
        "kind = \"current\"  # \"current\" {} \"ambition\"",
        say("(nu) of", "(now) or")
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
                let points: Vec<String> = (scale.min..=scale.max)
                    .filter_map(|p| scale.label(p).map(|l| format!("{p} = {}", l.get(lang))))
                    .collect();
                comment(&mut out, "#   ", &points.join(" · "));
            }
            let _ = writeln!(out, "{} = \"\"", key(&question.id));
        }
    }
    out
}

/// Writes `text` as comment lines of at most 86 characters, each starting with `prefix`.
pub fn comment(out: &mut String, prefix: &str, text: &str) {
    for line in wrap(text, 86) {
        let _ = writeln!(out, "{prefix}{}", one_line(&line));
    }
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

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("lines starts non-empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Today's date in UTC, from the system clock.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((seconds / 86_400) as i64)
}

/// The calendar date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).unwrap_or_else(|| Date::new(1970, 1, 1).expect("a valid date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(13_664).to_string(), "2007-05-31");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
    }
}
