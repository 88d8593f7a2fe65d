//! `koers man --dir DIR`: a man page for koers and one per subcommand (`koers-score.1`),
//! made on demand rather than at every build.

use crate::args::{Cli, ManArgs};
use crate::failure::Failure;
use crate::output::{Own, Rules, write_all};
use clap::CommandFactory;
use koers::Lang;
use std::path::PathBuf;

/// Runs the command.
pub fn run(args: &ManArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.dir).map_err(|source| Failure::Write {
        path: args.dir.clone(),
        source,
    })?;
    let pages = pages(args.lang).map_err(|error| Failure::Format(error.to_string()))?;
    let files: Vec<(PathBuf, &[u8])> = pages
        .iter()
        .map(|(name, page)| (args.dir.join(name), page.as_slice()))
        .collect();
    let rules = Rules {
        inputs: &[],
        force: args.force,
        own: Own::Nothing,
    };
    write_all(&files, &rules)?;
    let n = files.len();
    crate::console::done(
        format!("{n} man-pagina's geschreven in {}", args.dir.display()),
        format!("{n} man pages written to {}", args.dir.display()),
    );
    Ok(())
}

/// Every page as (file name, roff text) in `lang`: `koers.1` first, then one per visible
/// subcommand.
pub fn pages(lang: Lang) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut command = crate::help::localize(Cli::command().disable_help_subcommand(true), lang);
    // Building names each subcommand `koers-<name>`, the name of its page.
    command.build();
    let mut pages = Vec::new();
    for command in
        std::iter::once(&command).chain(command.get_subcommands().filter(|c| !c.is_hide_set()))
    {
        let man = clap_mangen::Man::new(command.clone());
        let mut page = Vec::new();
        man.render(&mut page)?;
        if lang == Lang::Nl {
            page = dutch_headings(&page);
        }
        pages.push((man.get_filename(), page));
    }
    Ok(pages)
}

/// A page with the section headings clap_mangen writes itself (`.SH NAME`, ...) in Dutch;
/// the headings of the options and subcommands are the Dutch ones of the command.
fn dutch_headings(page: &[u8]) -> Vec<u8> {
    const HEADINGS: [(&str, &str); 5] = [
        (".SH NAME", ".SH NAAM"),
        (".SH SYNOPSIS", ".SH OVERZICHT"),
        (".SH DESCRIPTION", ".SH BESCHRIJVING"),
        (".SH EXTRA", ".SH VERDER"),
        (".SH VERSION", ".SH VERSIE"),
    ];
    let text = String::from_utf8_lossy(page);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        match HEADINGS.iter().find(|(english, _)| *english == bare) {
            Some((_, dutch)) => {
                out.push_str(dutch);
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    out.into_bytes()
}
