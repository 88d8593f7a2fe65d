//! The small SVG bar chart of a section profile: one bar per section on a 0–100 scale,
//! its label above it and its numbers beside it, with an optional marker per bar (the
//! ambition). Plain SVG with no ids and no scripts, so that several fit in one page.

use crate::html::escape;

/// Width of the chart in pixels.
const WIDTH: f64 = 640.0;
/// Where the bars end; the numbers stand to the right of it.
const TRACK: f64 = 500.0;
/// Height of one row: the label line and the bar.
const ROW: f64 = 40.0;
/// Height of a bar.
const BAR: f64 = 12.0;
/// Room at the bottom for the scale and the legend.
const FOOT: f64 = 46.0;

/// The colour of a bar: what its section measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A rung of the ladder (y).
    Rung,
    /// The focus (x).
    Focus,
    /// Neither: the section places nothing.
    Other,
}

impl Tone {
    fn colour(self) -> &'static str {
        match self {
            Tone::Rung => "#2f5d7c",
            Tone::Focus => "#5f8a4a",
            Tone::Other => "#8a8a8a",
        }
    }
}

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label above the bar.
    pub label: String,
    /// The value, 0–100; `None` draws no bar.
    pub value: Option<f64>,
    /// A marker on the same scale, such as the ambition.
    pub marker: Option<f64>,
    /// The text to the right of the bar, such as "62,5 · 80%".
    pub note: String,
    /// The colour.
    pub tone: Tone,
    /// Drawn pale: the value rests on too few answers.
    pub pale: bool,
}

/// A chart and the words around it.
#[derive(Debug, Clone)]
pub struct Chart {
    /// What the chart shows, for screen readers.
    pub label: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The legend: one entry per tone that occurs, and the marker's and the pale bars'
    /// meaning, in that order.
    pub legend: Legend,
}

/// The words of a chart's legend.
#[derive(Debug, Clone)]
pub struct Legend {
    /// What a rung bar means.
    pub rung: String,
    /// What a focus bar means.
    pub focus: String,
    /// What the marker means.
    pub marker: String,
    /// What a pale bar means.
    pub pale: String,
}

/// The chart as an SVG element, to place inline in HTML.
pub fn svg(chart: &Chart) -> String {
    let height = ROW * chart.bars.len() as f64 + FOOT;
    let mut out = format!(
        "<svg class=\"bars\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n",
        escape(&chart.label)
    );
    let scale = |v: f64| TRACK * v.clamp(0.0, 100.0) / 100.0;
    let bottom = ROW * chart.bars.len() as f64;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        // The first and last labels stay inside the picture.
        let anchor = match tick {
            0.0 => "start",
            100.0 => "end",
            _ => "middle",
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#666\" text-anchor=\"{anchor}\">{tick}</text>\n",
            scale(tick),
            bottom + 8.0
        ));
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let top = ROW * i as f64;
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"13\" fill=\"#222\">{}</text>\n",
            top + 14.0,
            escape(&bar.label)
        ));
        let y = top + 20.0;
        out.push_str(&format!(
            "<rect x=\"0\" y=\"{y}\" width=\"{TRACK}\" height=\"{BAR}\" fill=\"#f1f1ef\"/>\n"
        ));
        if let Some(value) = bar.value {
            out.push_str(&format!(
                "<rect x=\"0\" y=\"{y}\" width=\"{:.1}\" height=\"{BAR}\" fill=\"{}\"{}/>\n",
                scale(value),
                bar.tone.colour(),
                if bar.pale {
                    " fill-opacity=\"0.3\""
                } else {
                    ""
                }
            ));
        }
        // Quarter lines across the bar, in the page's colour, instead of grid lines that
        // would run through the labels.
        for tick in [25.0, 50.0, 75.0] {
            let x = scale(tick);
            out.push_str(&format!(
                "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{}\" stroke=\"#fff\" stroke-width=\"1\"/>\n",
                y + BAR
            ));
        }
        if let Some(marker) = bar.marker {
            let x = scale(marker);
            out.push_str(&format!(
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#b4462b\" stroke-width=\"2.5\"/>\n",
                y - 3.0,
                y + BAR + 3.0
            ));
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#333\">{}</text>\n",
            TRACK + 8.0,
            y + 10.0,
            escape(&bar.note)
        ));
    }
    // The legend names only what the chart shows.
    let mut entries: Vec<(&str, &str)> = Vec::new();
    for (tone, text) in [
        (Tone::Rung, &chart.legend.rung),
        (Tone::Focus, &chart.legend.focus),
    ] {
        if chart.bars.iter().any(|b| b.tone == tone) {
            entries.push((tone.colour(), text));
        }
    }
    if chart.bars.iter().any(|b| b.marker.is_some()) {
        entries.push(("marker", &chart.legend.marker));
    }
    if chart.bars.iter().any(|b| b.pale) {
        entries.push(("pale", &chart.legend.pale));
    }
    let y = bottom + 32.0;
    let mut x = 0.0;
    for (glyph, text) in entries {
        match glyph {
            "marker" => out.push_str(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#b4462b\" stroke-width=\"2.5\"/>\n",
                x + 5.0,
                y - 9.0,
                x + 5.0,
                y + 3.0
            )),
            "pale" => out.push_str(&format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#2f5d7c\" fill-opacity=\"0.3\"/>\n",
                y - 8.0
            )),
            colour => out.push_str(&format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>\n",
                y - 8.0
            )),
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#333\">{}</text>\n",
            x + 15.0,
            y + 1.0,
            escape(text)
        ));
        // A rough width: the legend is short and its entries are few.
        x += 15.0 + 6.8 * text.chars().count() as f64 + 18.0;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(label: &str) -> Chart {
        Chart {
            label: "profiel".into(),
            bars: vec![
                Bar {
                    label: label.into(),
                    value: Some(62.5),
                    marker: Some(80.0),
                    note: "62,5 · 100%".into(),
                    tone: Tone::Rung,
                    pale: false,
                },
                Bar {
                    label: "focus".into(),
                    value: Some(150.0),
                    marker: None,
                    note: "–".into(),
                    tone: Tone::Focus,
                    pale: true,
                },
            ],
            legend: Legend {
                rung: "trede".into(),
                focus: "focus".into(),
                marker: "ambitie".into(),
                pale: "te weinig antwoorden".into(),
            },
        }
    }

    #[test]
    fn bars_are_scaled_to_the_track_and_labels_are_escaped() {
        let svg = svg(&chart("Wonen & <Zorg>"));
        assert!(svg.contains("Wonen &amp; &lt;Zorg&gt;"), "{svg}");
        assert!(!svg.contains("<Zorg>"));
        // 62.5 of 100 on a 500-pixel track; a value beyond 100 stays on the track.
        assert!(svg.contains("width=\"312.5\""), "{svg}");
        assert!(svg.contains("width=\"500.0\""), "{svg}");
        // The marker at 80: 400 pixels.
        assert!(svg.contains("x1=\"400.0\""), "{svg}");
        for word in ["trede", "focus", "ambitie", "te weinig antwoorden"] {
            assert!(svg.contains(&format!(">{word}</text>")), "{word}");
        }
    }

    #[test]
    fn the_legend_names_only_what_the_chart_shows() {
        let mut chart = chart("a");
        chart.bars.truncate(1);
        chart.bars[0].marker = None;
        let svg = svg(&chart);
        assert!(svg.contains(">trede</text>"));
        assert!(!svg.contains(">ambitie</text>") && !svg.contains(">te weinig antwoorden</text>"));
    }
}
