//! Places in a source text, so that every message can say "file:line:column".

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// A named source text. The library reads no files: the caller passes the text and the
/// name (usually the path) that messages should show, borrowed or owned.
///
/// Its fields are private: the index of line starts is built from the text once, and a
/// text changed afterwards would put every message at the wrong line.
///
/// ```
/// use koers::Source;
///
/// let borrowed = Source::new("a.toml", "x = 1\ny = 2\n");
/// assert_eq!(borrowed.locate(8).to_string(), "a.toml:2:3");
/// // An owned copy lives on its own, e.g. in a koers::Document sent to a thread.
/// let owned: Source<'static> = borrowed.into_owned();
/// assert_eq!(owned.text(), "x = 1\ny = 2\n");
/// ```
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The name shown in messages, e.g. `assessments/examples/de-dijk.toml`.
    name: Cow<'a, str>,
    /// The whole text of the document.
    text: Cow<'a, str>,
    /// The byte offset of every line start, built on the first lookup: a lookup is then
    /// a binary search, not a scan from the start of the file, so locating every key of
    /// a large file stays linear.
    line_starts: OnceLock<Vec<usize>>,
}

impl<'a> Source<'a> {
    /// A source text with the name messages should show.
    pub fn new(name: impl Into<Cow<'a, str>>, text: impl Into<Cow<'a, str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// The name shown in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same source owning its name and text (copied only when borrowed).
    pub fn into_owned(self) -> Source<'static> {
        Source {
            name: Cow::Owned(self.name.into_owned()),
            text: Cow::Owned(self.text.into_owned()),
            line_starts: self.line_starts,
        }
    }

    /// The location of a byte offset in this text.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        // The last line start at or before the offset; there is always one (0).
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        Location {
            source: self.name.to_string(),
            line,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// The location of the start of a byte span.
    pub fn locate_span(&self, span: Range<usize>) -> Location {
        self.locate(span.start)
    }

    /// A location that names only the source, for problems that belong to no one place.
    pub fn whole(&self) -> Location {
        Location {
            source: self.name.to_string(),
            line: 1,
            column: 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A place in a named source: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The source name, usually a file path.
    pub source: String,
    /// The line, counted from 1.
    pub line: usize,
    /// The column in characters, counted from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.source, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters_from_one() {
        let source = Source::new("f.toml", "a = 1\nnaïef = 2\n");
        assert_eq!(source.locate(0).to_string(), "f.toml:1:1");
        // "naïef = " is 8 characters but 9 bytes: the column counts characters.
        assert_eq!(source.locate(6 + 9).to_string(), "f.toml:2:9");
    }

    #[test]
    fn a_newline_belongs_to_the_line_it_ends() {
        let source = Source::new("f", "a\nb\n");
        assert_eq!(source.locate(1).to_string(), "f:1:2");
        assert_eq!(source.locate(2).to_string(), "f:2:1");
        assert_eq!(source.locate(4).to_string(), "f:3:1");
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_do_not_panic() {
        let source = Source::new("f", "ï");
        assert_eq!(source.locate(1).column, 1);
        assert_eq!(source.locate(99).column, 2);
    }
}
