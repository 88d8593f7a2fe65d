//! `koers report`: the report a consultant hands over, as one self-contained HTML file or
//! as Markdown.

use crate::args::{ReportArgs, ReportFormat};
use crate::failure::Failure;
use crate::group::{group, single};
use crate::load::Loader;
use crate::output::{Own, Rules, write};
use koers::GroupBy;
use koers_report::{Options, compose, html, markdown};

/// Runs the command.
pub fn run(args: &ReportArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let part = single(group(scored, GroupBy::Organisation))?;
    let options = Options {
        lang: args.lang.into(),
        organisation: args.organisation.clone(),
        date: args.date,
    };
    let document =
        compose(&part, &options).map_err(|error| Failure::Unsupported(error.to_string()))?;
    let text = match args.format {
        ReportFormat::Html => html::render(&document),
        ReportFormat::Markdown => markdown::render(&document),
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        // A report koers wrote and nobody edited since is replaced; an edited one only
        // when told to.
        own: Own::Marked,
    };
    write(&args.output, text.as_bytes(), &rules)?;
    let (nl, en) = crate::console::positions(part.groups.len());
    crate::console::wrote(
        &args.output,
        (format!("rapport met {nl}"), format!("a report of {en}")),
    );
    Ok(())
}
