//! Usage errors of the command line (an unknown option, a value not allowed, a required
//! argument missing) in Dutch. clap words them in English only; here they are said anew
//! from clap's error kind and the values it gives with it (the argument, the value, the
//! allowed values, the suggestion), never from its English sentence.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The usage error in Dutch, ending in a line break; `None` for what is no error (help,
/// version).
pub fn dutch(error: &clap::Error, command: Option<&str>) -> Option<String> {
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => list.first().cloned(),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = || text(ContextKind::InvalidArg).map_or_else(String::new, |a| argument(&a));
    let value = || text(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("fout: ");
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => {
            out.push_str(&format!(
                "onbekende optie of argument '{}'",
                value_or_arg(error)
            ));
        }
        ErrorKind::InvalidSubcommand => {
            out.push_str(&format!(
                "onbekende opdracht '{}'",
                text(ContextKind::InvalidSubcommand).unwrap_or_default()
            ));
        }
        ErrorKind::InvalidValue => {
            let value = value();
            if value.is_empty() {
                out.push_str(&format!("{} vraagt een waarde", arg()));
            } else {
                out.push_str(&format!("ongeldige waarde '{value}' voor {}", arg()));
            }
        }
        ErrorKind::ValueValidation => {
            out.push_str(&format!("ongeldige waarde '{}' voor {}", value(), arg()));
            // The reason comes from koers's own value parsers, in the language of the run.
            if let Some(reason) = std::error::Error::source(error) {
                out.push_str(&format!(": {reason}"));
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(ContextKind::InvalidArg)
                .iter()
                .map(|a| argument(a))
                .collect();
            out.push_str(&format!("ontbreekt: {}", missing.join(", ")));
        }
        ErrorKind::MissingSubcommand => out.push_str("welke opdracht? Geef er een, zoals 'score'"),
        ErrorKind::ArgumentConflict => {
            let prior = text(ContextKind::PriorArg).map_or_else(String::new, |a| argument(&a));
            if prior.is_empty() || prior == arg() {
                out.push_str(&format!("{} staat er meer dan één keer", arg()));
            } else {
                out.push_str(&format!("{} gaat niet samen met {prior}", arg()));
            }
        }
        ErrorKind::NoEquals => {
            out.push_str(&format!("{} vraagt een '=' voor de waarde", arg()));
        }
        ErrorKind::TooManyValues => {
            out.push_str(&format!("te veel waarden voor {}: '{}'", arg(), value()));
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            out.push_str(&format!("een verkeerd aantal waarden voor {}", arg()));
        }
        ErrorKind::InvalidUtf8 => out.push_str("een argument is geen geldige UTF-8-tekst"),
        // Any other kind: what is wrong, without clap's English detail.
        _ => out.push_str("de opdrachtregel klopt niet"),
    }
    out.push('\n');
    let valid = list(ContextKind::ValidValue);
    if !valid.is_empty() {
        let valid: Vec<String> = valid.iter().map(|v| format!("'{v}'")).collect();
        out.push_str(&format!("  mogelijk: {}\n", valid.join(", ")));
    }
    let suggested = list(ContextKind::SuggestedArg)
        .into_iter()
        .chain(list(ContextKind::SuggestedSubcommand))
        .chain(list(ContextKind::SuggestedValue));
    let suggested: Vec<String> = suggested.map(|s| format!("'{s}'")).collect();
    if !suggested.is_empty() {
        out.push_str(&format!("  bedoelt u {}?\n", suggested.join(" of ")));
    }
    // The usage line, as clap's English error has it, with the Dutch value names: it
    // shows what a missing `--output` takes. Built only here: the Dutch command costs more
    // than an ordinary run's whole parse.
    let mut dutch = crate::help::command(koers::Lang::Nl);
    let usage = match command.and_then(|c| dutch.find_subcommand_mut(c)) {
        Some(sub) => sub.render_usage().to_string(),
        None => dutch.render_usage().to_string(),
    };
    if let Some(usage) = usage.strip_prefix("Usage: ") {
        out.push_str(&format!("\nGebruik: {usage}\n"));
    }
    out.push_str(&format!(
        "\nMeer uitleg: koers {}--help\n",
        command.map_or_else(String::new, |c| format!("{c} "))
    ));
    Some(out)
}

/// The argument an unknown-argument error names: clap gives it as the invalid argument.
fn value_or_arg(error: &clap::Error) -> String {
    match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// An argument as a Dutch message names it: an option by its flag (`--output`, without
/// clap's English value name), a positional argument by what it is.
fn argument(shown: &str) -> String {
    if let Some(flag) = shown.strip_prefix('-') {
        let flag = flag.split([' ', '=']).next().unwrap_or(flag);
        return format!("'-{flag}'");
    }
    let name = shown
        .trim_end_matches("...")
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_ascii_lowercase();
    match name.as_str() {
        "paths" => "een bestand of map (of meer)".to_string(),
        "input" | "responses" => "het bestand met antwoorden".to_string(),
        "dir" => "de map".to_string(),
        "folder" => "de map".to_string(),
        "shell" => "de shell (bash, zsh, fish, powershell, elvish)".to_string(),
        "document" => "het document".to_string(),
        _ => format!("<{name}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_named_by_flag_and_positionals_by_what_they_are() {
        assert_eq!(argument("--output <OUTPUT>"), "'--output'");
        assert_eq!(argument("-o <OUTPUT>"), "'-o'");
        assert_eq!(argument("<PATHS>..."), "een bestand of map (of meer)");
    }

    #[test]
    fn every_positional_argument_has_a_dutch_name() {
        use clap::CommandFactory;
        for command in crate::Cli::command().get_subcommands() {
            for arg in command.get_positionals() {
                let id = arg.get_id().as_str();
                let name = argument(&format!("<{}>", id.to_ascii_uppercase()));
                assert!(
                    !name.starts_with('<'),
                    "{} {id}: {name}",
                    command.get_name()
                );
            }
        }
    }
}
