//! `koers plot`: the matrix with the positions, as an SVG file, or a PNG when the output's
//! name ends in `.png`.

use crate::args::PlotArgs;
use crate::failure::Failure;
use crate::group::{group, single};
use crate::load::Loader;
use crate::output::{Output, Own, Rules, write};
use crate::plot::{PlotOptions, png, render};
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
    let bytes = if is_png(&args.output) {
        png(&svg, args.scale).map_err(Failure::Format)?
    } else {
        svg.into_bytes()
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Plot,
    };
    write(&args.output, &bytes, &rules)?;
    if let Output::File(path) = &args.output {
        let n = part.groups.len();
        crate::console::done(
            format!(
                "{} geschreven: {n} positie{}",
                path.display(),
                if n == 1 { "" } else { "s" }
            ),
            format!(
                "{} written: {n} position{}",
                path.display(),
                if n == 1 { "" } else { "s" }
            ),
        );
    }
    Ok(())
}

/// Whether the output names a PNG file (by its extension, in any case).
fn is_png(output: &Output) -> bool {
    match output {
        Output::File(path) => path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png")),
        Output::Stdout => false,
    }
}
