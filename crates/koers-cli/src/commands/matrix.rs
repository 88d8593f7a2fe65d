//! `koers matrix`: the axes and regions in words, so that a reader knows what
//! "wijkregisseur, vastgoed accent" means.

use crate::args::MatrixArgs;
use crate::failure::{Failure, print};
use crate::load::Loader;
use crate::reading::say;
use koers::{Lang, Matrix};
use std::fmt::Write as _;

/// Runs the command.
pub fn run(args: &MatrixArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let matrix = loader.load_matrix(&args.matrix)?;
    let Some(matrix) = matrix else {
        loader.print_diagnostics(true);
        return Err(Failure::Invalid { count: 1 });
    };
    let text = describe(&matrix, args.lang);
    // Each line wraps to the terminal under its own indent.
    print(&crate::tabular::wrap_lines(&text, crate::console::width()))
}

/// The matrix in words.
pub fn describe(matrix: &Matrix, lang: Lang) -> String {
    let mut out = format!("{}\n\n", matrix.title.get(lang));
    for (name, axis) in [("x", &matrix.x), ("y", &matrix.y)] {
        let _ = writeln!(
            out,
            "{name}: {}, {} {} (0) {} {} (100)",
            axis.label.get(lang),
            say(lang, "van", "from"),
            axis.low.get(lang),
            say(lang, "tot", "to"),
            axis.high.get(lang)
        );
        for band in &axis.bands {
            let _ = writeln!(
                out,
                "   {:>3}–{:<3} {}",
                band.range.low,
                band.range.high,
                band.label.get(lang)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        say(
            lang,
            "gebieden (intervallen zijn [laag, hoog); 100 hoort bij het bovenste en rechtse gebied):",
            "regions (intervals are [low, high); 100 belongs to the top and right):"
        )
    );
    let mut regions: Vec<_> = matrix.regions.iter().collect();
    // Top of the ladder first, vastgoed before sociaal: the order a reader scans a matrix.
    regions.sort_by(|a, b| {
        b.y.low
            .total_cmp(&a.y.low)
            .then(a.x.low.total_cmp(&b.x.low))
    });
    for region in regions {
        let _ = writeln!(
            out,
            "\n{}  [{}]\n  x {}–{}, y {}–{}\n  {}",
            region.label.get(lang),
            region.id,
            region.x.low,
            region.x.high,
            region.y.low,
            region.y.high,
            region.description.get(lang)
        );
    }
    out
}
