//! `koers plot`: the matrix with the positions, as an SVG file, or a PNG when the output's
//! name ends in `.png`.

use crate::args::{PlotArgs, PlotBy};
use crate::failure::Failure;
use crate::group::{Grouped, group_registered, single, wijk_maps};
use crate::load::Loader;
use crate::messages::say;
use crate::output::{Output, Own, Rules, write};
use koers::{Group, GroupBy};
use koers_plot::key::{KeyFormat, key_table};
use koers_plot::wijk::{WijkMap, render_wijken};
use koers_plot::{PlotOptions, PngError, png, render};
use koers_survey::nearest;

/// Runs the command.
pub fn run(args: &PlotArgs, method: koers::Method) -> Result<(), Failure> {
    let mut loader = Loader::default();
    loader.set_method(method);
    let scored = loader.score_all(&args.paths)?;
    loader.finish(&scored)?;
    let part = single(group_registered(
        scored,
        GroupBy::Organisation,
        &loader.registers,
    ))?;
    let highlight = args
        .highlight
        .iter()
        .map(|wanted| organisation_id(&part.groups, wanted))
        .collect::<Result<Vec<_>, _>>()?;
    // Each group's respondents' roles, in the order of its points: the counted scores
    // that have a position.
    let roles = part
        .groups
        .iter()
        .map(|g| {
            part.counted(g)
                .filter(|s| s.position.is_some())
                .map(|s| s.assessment.role.clone())
                .collect()
        })
        .collect();
    // Each group's respondents' codes in the same order, to join a respondent's current
    // position and ambition.
    let respondent_ids = part
        .groups
        .iter()
        .map(|g| {
            part.counted(g)
                .filter(|s| s.position.is_some())
                .map(|s| s.assessment.respondent.clone())
                .collect()
        })
        .collect();
    let (width, height) = args.size.unwrap_or((args.width, args.height));
    let options = PlotOptions {
        lang: args.lang,
        title: args.title.clone(),
        width,
        height,
        respondents: args.respondents,
        labels: args.labels.into(),
        spread: args.spread.map(Into::into),
        highlight,
        roles,
        respondent_ids,
        facet: args.facet.is_some(),
        density: args.density,
        fixed: args.size.is_some(),
    };
    // How many points the picture holds, for the line on standard error.
    let (svg, shown) = if args.by == PlotBy::Wijk {
        wijk_picture(args, &loader, &part, &options)?
    } else {
        // Counted as the caption counts them: a group too little answered for a position
        // (a reading that answers no focus question) is drawn as no point.
        let placed = part.groups.iter().filter(|g| g.position.is_some()).count();
        (render(&part.instrument, &part.groups, &options), placed)
    };
    let bytes = if is_png(&args.output) {
        png(&svg, args.scale).map_err(|error| match error {
            PngError::TooLarge { .. } => Failure::TooLarge(error.message(crate::messages::lang())),
            PngError::Render(text) => Failure::Format(text),
        })?
    } else {
        svg.into_bytes()
    };
    let rules = Rules {
        inputs: &loader.inputs(),
        force: args.force,
        own: Own::Plot,
    };
    if let Some(path) = &args.key {
        let format = match crate::args::picture_extension(path).as_deref() {
            Some("csv") => KeyFormat::Csv,
            _ => KeyFormat::Markdown,
        };
        let table = key_table(&part.groups, options.lang, format);
        let output = Output::File(path.clone());
        write(&output, table.as_bytes(), &rules)?;
        crate::console::wrote(&output, crate::console::positions(part.groups.len()));
    }
    write(&args.output, &bytes, &rules)?;
    crate::console::wrote(&args.output, crate::console::positions(shown));
    if args.facet.is_none() && args.by != PlotBy::Wijk && crowded(&part.groups) {
        crate::console::done(
            "tip: met zoveel organisaties over meerdere jaren is --facet organisation beter leesbaar (een klein kader per organisatie)",
            "tip: with this many organisations over several years, --facet organisation reads better (a small panel per organisation)",
        );
    }
    Ok(())
}

/// Whether one picture holds so many organisations' trajectories that their labels
/// crowd: more than 15 organisations (the 13 examples still read well), some assessed
/// at several dates (a consultant's 30 organisations × 3 years gave dozens of year
/// labels on crossing lines).
fn crowded(groups: &[Group]) -> bool {
    let mut periods: std::collections::HashMap<&str, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for group in groups.iter().filter(|g| g.position.is_some()) {
        periods
            .entry(group.organisation.id.as_str())
            .or_default()
            .insert(group.period());
    }
    periods.len() > 15 && periods.values().any(|p| p.len() > 1)
}

/// `plot --by wijk`: the wijken of the one organisation with a register (or the one
/// `--highlight` names), as `score --by wijk` places them. Several organisations with a
/// register are refused with their ids rather than drawn in one crowded picture; of one
/// organisation with registers for several rounds, the latest round is drawn.
fn wijk_picture(
    args: &PlotArgs,
    loader: &Loader,
    part: &Grouped,
    options: &PlotOptions,
) -> Result<(String, usize), Failure> {
    let mut unused = Vec::new();
    if args.facet.is_some() {
        unused.push("--facet");
    }
    if args.respondents {
        unused.push("--respondents");
    }
    if args.density {
        unused.push("--density");
    }
    if args.key.is_some() {
        unused.push("--key");
    }
    if !unused.is_empty() {
        let list = unused.join(", ");
        return Err(Failure::Unsupported(say(
            format!("--by wijk tekent de wijken van één organisatie, zonder {list}; laat die weg"),
            format!(
                "--by wijk draws the wijken of one organisation, without {list}; leave those out"
            ),
        )));
    }
    let mut maps = wijk_maps(&loader.registers, part);
    if !options.highlight.is_empty() {
        maps.retain(|(g, ..)| options.highlight.contains(&g.organisation.id));
    }
    let mut ids: Vec<&str> = maps
        .iter()
        .map(|(g, ..)| g.organisation.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    match ids.len() {
        0 => {
            return Err(Failure::Unsupported(
                say(
                    "geen registratie gevonden die bij een groep past: --by wijk tekent de wijken uit een registratie (een bestand met [register] en [[wijken]] van dezelfde organisatie en ronde, of van de twaalf maanden ervoor)",
                    "no register found that serves a group: --by wijk draws the wijken of a register (a file with [register] and [[wijken]] of the same organisation and round, or of the twelve months before)",
                )
                .to_string(),
            ));
        }
        1 => {}
        _ => {
            let list = ids
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Failure::Unsupported(say(
                format!(
                    "--by wijk tekent de wijken van één organisatie, en {} organisaties hebben een registratie ({list}): kies er een met --highlight ID",
                    ids.len()
                ),
                format!(
                    "--by wijk draws the wijken of one organisation, and {} organisations have a register ({list}): choose one with --highlight ID",
                    ids.len()
                ),
            )));
        }
    }
    // The latest round of the organisation.
    let Some((group, register, wijken)) = maps.into_iter().max_by_key(|(g, ..)| g.date) else {
        return Err(Failure::Unsupported(String::new()));
    };
    let map = WijkMap {
        group,
        date: register.register.register.date,
        source: register.register.register.source.as_deref(),
        wijken: &wijken,
    };
    let shown = wijken.iter().filter(|w| w.position.is_some()).count()
        + usize::from(group.position.is_some());
    Ok((render_wijken(&part.instrument, &map, options), shown))
}

/// The id of the organisation that `wanted` names (its id, or its name as the tables show
/// it); an error that names the nearest id when there is none.
fn organisation_id(groups: &[Group], wanted: &str) -> Result<String, Failure> {
    if let Some(g) = groups
        .iter()
        .find(|g| g.organisation.id == wanted)
        .or_else(|| groups.iter().find(|g| g.organisation.name == wanted))
    {
        return Ok(g.organisation.id.clone());
    }
    let mut ids: Vec<&str> = groups.iter().map(|g| g.organisation.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let nearest = nearest(
        wanted,
        groups.iter().flat_map(|g| {
            [
                (g.organisation.id.as_str(), g.organisation.id.clone()),
                (g.organisation.id.as_str(), g.organisation.name.clone()),
            ]
        }),
    );
    let mut message = say(
        format!("--highlight `{wanted}`: geen organisatie met dit id of deze naam"),
        format!("--highlight `{wanted}`: no organisation has this id or name"),
    );
    match nearest {
        Some(id) => message.push_str(&say(
            format!("; bedoelt u `{id}`?"),
            format!("; did you mean `{id}`?"),
        )),
        None => {
            let known = ids
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            message.push_str(&say(
                format!("; bekend zijn {known}"),
                format!("; known are {known}"),
            ));
        }
    }
    Err(Failure::Unsupported(message))
}

/// Whether the output names a PNG file (by its extension, in any case).
fn is_png(output: &Output) -> bool {
    match output {
        Output::File(path) => crate::args::picture_extension(path).is_some_and(|e| e == "png"),
        Output::Stdout => false,
    }
}
