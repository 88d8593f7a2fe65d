//! `koers plot`: the matrix with the positions, as an SVG file.

use crate::args::PlotArgs;
use crate::failure::Failure;
use crate::group::{group, single};
use crate::load::Loader;
use crate::output::{Own, Rules, write};
use crate::plot::{PlotOptions, render};
use koers::GroupBy;

/// Runs the command.
pub fn run(args: &PlotArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let part = single(group(scored, GroupBy::Organisation))?;
    let options = PlotOptions {
        lang: args.lang.into(),
        title: args.title.clone(),
        width: args.width,
        height: args.height,
        respondents: args.respondents,
    };
    let svg = render(&part.instrument, &part.groups, &options);
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Plot,
    };
    write(&args.output, svg.as_bytes(), &rules)
}
