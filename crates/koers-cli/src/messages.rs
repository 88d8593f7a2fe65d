//! The language of messages about input and output: the problems found in files, the
//! entries a folder walk passes over, an output refused, and how a run ended.
//!
//! One language per run, as a locale is one per process: [`crate::run`] sets it from the
//! command's `--lang` (which falls back to `KOERS_LANG`, then to Dutch) before anything
//! is read. The places that form a message (the loader, the folder walk, the output rules,
//! the failure shown at the end) read it here rather than have it passed through every
//! call. Before the command line is parsed, `KOERS_LANG` alone decides ([`set_from_env`]).

use koers::Lang;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether messages are English; Dutch, the default, otherwise.
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Sets the language of this run's messages.
pub fn set(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// Sets the language of this run's messages from `KOERS_LANG` alone, for a message
/// before or instead of a parsed command line (`--help` that cannot be written).
pub fn set_from_env() {
    if std::env::var_os("KOERS_LANG").is_some_and(|lang| lang.eq_ignore_ascii_case("en")) {
        set(Lang::En);
    }
}

/// Sets the language of this run's messages from a `--lang` among the raw arguments, so
/// that an argument refused while the command line is parsed (`--scale 9`, `-o x.pdf`)
/// is refused in the language asked for; the last `--lang` wins, as it does for clap.
pub fn set_from_args(args: impl IntoIterator<Item = std::ffi::OsString>) {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--lang" {
            args.next()
        } else if arg == "--" {
            return; // Only paths follow.
        } else {
            arg.to_str()
                .and_then(|a| a.strip_prefix("--lang="))
                .map(Into::into)
        };
        // Read as clap reads it (`--lang EN` too), so the refusal speaks that language.
        if let Some(lang) = value.as_ref().and_then(|v| v.to_str()?.parse().ok()) {
            set(lang);
        }
    }
}

/// Whether messages list every item (every question not answered), for a program that
/// reads them (`validate --format json`); a person reads the first few and a count.
static WHOLE_LISTS: AtomicBool = AtomicBool::new(false);

/// How many items of a long list (the questions not answered) a message names before it
/// counts the rest.
pub const LISTED: usize = 8;

/// Makes this run's messages list every item, for a program that reads them.
pub fn set_whole_lists() {
    WHOLE_LISTS.store(true, Ordering::Relaxed);
}

/// Whether this run's messages list every item (see [`set_whole_lists`]).
pub fn whole_lists() -> bool {
    WHOLE_LISTS.load(Ordering::Relaxed)
}

/// The language of this run's messages.
pub fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Nl
    }
}

/// Picks the Dutch or the English form of a message, by the language of this run.
pub fn say<T>(nl: T, en: T) -> T {
    match lang() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The reason an operation on a file failed, in the language of this run. The common
/// reasons are translated; any other keeps the system's (English) text.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if lang() == Lang::En {
        return error.to_string();
    }
    let dutch = match error.kind() {
        ErrorKind::NotFound => "het bestand of de map bestaat niet",
        ErrorKind::PermissionDenied => "geen toestemming",
        ErrorKind::AlreadyExists => "bestaat al",
        ErrorKind::IsADirectory => "dit is een map, geen bestand",
        ErrorKind::NotADirectory => "een deel van het pad is geen map",
        ErrorKind::ReadOnlyFilesystem => "het bestandssysteem is alleen-lezen",
        ErrorKind::StorageFull => "de schijf is vol",
        _ => return error.to_string(),
    };
    dutch.to_string()
}
