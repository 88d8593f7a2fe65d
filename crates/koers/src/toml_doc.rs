//! Reading a TOML document into a typed shape, with errors that point into the source.

use crate::matrix::RawMatrix;
use crate::{Assessment, Error, Instrument, Invalid, Location, Matrix, Source, Unresolved};
use serde::de::{Deserialize, DeserializeOwned};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Deserializes `source` into `T`. Syntax errors, unknown keys (every document type uses
/// `deny_unknown_fields`), missing fields and wrong types come back with their location.
pub(crate) fn from_toml<T: DeserializeOwned>(source: &Source<'_>) -> Result<T, Invalid> {
    toml::from_str(source.text()).map_err(|error| located(source, &error))
}

/// Reads `source` into any serde shape, with the errors of the documents of this crate:
/// located, an unknown key (with `deny_unknown_fields`) as [`Error::UnknownKey`] with the
/// nearest key expected, a missing one as [`Error::MissingKey`], and each with its Dutch
/// text ([`Error::message_in`]). For a tool's own small files, such as a report's settings.
///
/// ```
/// use koers::{Lang, Source, read_toml};
///
/// #[derive(serde::Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Settings {
///     opdrachtgever: Option<String>,
/// }
///
/// let source = Source::new("rapport.toml", "\nopdrachtgevr = \"X\"\n");
/// let invalid = read_toml::<Settings>(&source).err().unwrap();
/// let error = &invalid.errors[0];
/// assert_eq!(error.location().to_string(), "rapport.toml:2:1");
/// assert!(error.message_in(Lang::Nl).starts_with("onbekende sleutel `opdrachtgevr`"));
/// ```
pub fn read_toml<T: DeserializeOwned>(source: &Source<'_>) -> Result<T, Invalid> {
    from_toml(source)
}

/// Reads a document that came as a table of values from another serde format (JSON, say)
/// with `parse`, the same reader and checks as for a file: written out as TOML first, so
/// that no check can be skipped. `name` stands for the file name in the errors.
pub(crate) fn parse_table<T>(
    table: toml::Table,
    name: &str,
    parse: impl FnOnce(&Source<'_>) -> Result<T, Invalid>,
) -> Result<T, Invalid> {
    let source = Source::new(name, "");
    let text = toml::to_string(&table).map_err(|error| {
        Invalid::one(Error::Toml {
            location: source.whole(),
            message: error.to_string(),
        })
    })?;
    parse(&Source::new(name, &text))
}

/// A TOML error at its place in `source`.
pub(crate) fn located(source: &Source<'_>, error: &toml::de::Error) -> Invalid {
    let location = error
        .span()
        .map_or_else(|| source.whole(), |span| source.locate_span(span));
    Invalid::one(classify(location, error.message().trim()))
}

/// The one place where the TOML reader's English is read: serde's unknown and missing
/// field errors become [`Error::UnknownKey`] and [`Error::MissingKey`], and its unknown
/// enum value [`Error::UnknownValue`], with the key or value and those expected as data
/// (and the nearest of them), so that no text is later derived from this wording. Any
/// other message (a syntax error, a value of the wrong type) stays [`Error::Toml`].
fn classify(location: Location, message: &str) -> Error {
    // The value may hold anything, even "`, "; the words expected never do.
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some(at) = rest
            .rfind("`, expected ")
            .or_else(|| rest.rfind("`, there are no variants"))
        && let Some(expected) = serde_expected(&rest[at + 3..])
    {
        let given = &rest[..at];
        return Error::UnknownValue {
            location,
            given: given.to_string(),
            suggestion: crate::error::nearest(given, &expected),
            expected,
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, tail)) = rest.split_once("`, ")
        && let Some(expected) = serde_expected(tail)
    {
        let suggestion = crate::error::nearest(key, &expected);
        return Error::UnknownKey {
            location,
            key: key.to_string(),
            expected,
            suggestion,
        };
    }
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Error::MissingKey {
            location,
            key: key.to_string(),
        };
    }
    if let Some(number) = out_of_range(message) {
        return Error::NumberOutOfRange {
            location,
            number: number.to_string(),
        };
    }
    Error::Toml {
        location,
        message: message.to_string(),
    }
}

/// The keys (or enum values) in serde's "expected one of `a`, `b`", "expected `a` or
/// `b`", "expected `a`", "there are no fields" or "there are no variants"; `None` for
/// another shape.
fn serde_expected(tail: &str) -> Option<Vec<String>> {
    if tail == "there are no fields" || tail == "there are no variants" {
        return Some(Vec::new());
    }
    let tail = tail.strip_prefix("expected ")?;
    let keys: Vec<&str> = match tail.strip_prefix("one of ") {
        Some(list) => list.split(", ").collect(),
        None => tail.split(" or ").collect(),
    };
    keys.into_iter()
        .map(|key| {
            key.strip_prefix('`')
                .and_then(|k| k.strip_suffix('`'))
                .map(str::to_string)
        })
        .collect()
}

/// A TOML text parsed once, borrowing its source: what [`crate::Document`] holds, and what the
/// readers of this crate take apart without copying the text.
#[derive(Debug)]
pub(crate) struct Tree<'a> {
    source: &'a Source<'a>,
    root: Spanned<DeTable<'a>>,
    /// The syntax errors of a document parsed with recovery, at their places; empty for
    /// one parsed strictly.
    syntax: Vec<Error>,
    /// The keys (`table.key`, or `key` at the top) whose values a syntax error made
    /// unreadable, taken out of the tree: the syntax error speaks for them. `?.key`: a
    /// key on a line with a syntax error, in a table not known.
    damaged: Vec<String>,
}

impl<'a> Tree<'a> {
    /// Parses the text strictly (see [`crate::Document::parse`]).
    pub(crate) fn parse(source: &'a Source<'a>) -> Result<Self, Invalid> {
        let root = DeTable::parse(source.text()).map_err(|error| located(source, &error))?;
        Ok(Tree {
            source,
            root,
            syntax: Vec::new(),
            damaged: Vec::new(),
        })
    }

    /// Parses the text as far as it goes (see [`crate::Document::parse_recovering`]): every
    /// syntax error is kept at its place, and a value a syntax error touches is taken
    /// out of the tree.
    pub(crate) fn parse_recovering(source: &'a Source<'a>) -> Self {
        let (mut root, errors) = DeTable::parse_recoverable(source.text());
        let spans: Vec<Range<usize>> = errors.iter().filter_map(toml::de::Error::span).collect();
        let mut damaged = Vec::new();
        if !errors.is_empty() {
            prune(root.get_mut(), &spans, "", &mut damaged);
        }
        // A key on a line with a syntax error that the parser left out altogether (an
        // unclosed string): its error speaks for it too.
        for span in &spans {
            let start = source.text()[..span.start.min(source.text().len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line = source.text()[start..].lines().next().unwrap_or_default();
            if let Some((key, _)) = line.split_once('=') {
                let key = key.trim();
                if !key.is_empty() && !key.contains(['[', '"', '\'', ' ']) {
                    damaged.push(format!("?.{key}"));
                }
            }
        }
        let mut syntax: Vec<Error> = errors
            .iter()
            .flat_map(|error| located(source, error).errors)
            .collect();
        // The parser's first error on a line; the others follow from it ("unexpected
        // key or value" after an extra `=`).
        syntax.dedup_by(|later, first| {
            (&later.location().source, later.location().line)
                == (&first.location().source, first.location().line)
        });
        Tree {
            source,
            root,
            syntax,
            damaged,
        }
    }

    /// The syntax errors of a tree parsed with recovery.
    pub(crate) fn syntax_errors(&self) -> &[Error] {
        &self.syntax
    }

    /// The keys of the top-level table `table` whose values a syntax error made
    /// unreadable (see [`crate::Document::parse_recovering`]).
    pub(crate) fn damaged_in(&self, table: &str) -> Vec<String> {
        self.damaged
            .iter()
            .filter_map(|path| path.strip_prefix(table)?.strip_prefix('.'))
            .map(str::to_string)
            .collect()
    }

    /// Takes the syntax errors out, for a reader that reports them with the document's
    /// other problems.
    pub(crate) fn take_syntax_errors(&mut self) -> Vec<Error> {
        std::mem::take(&mut self.syntax)
    }

    /// Whether the document has this top-level key (a table or a value).
    pub(crate) fn has_key(&self, key: &str) -> bool {
        self.root.get_ref().keys().any(|k| k.get_ref() == key)
    }

    /// Reads the document as an assessment, as [`Assessment::parse`] does with its text.
    pub(crate) fn into_assessment(self) -> Result<Assessment, Invalid> {
        Assessment::from_document(self)
    }

    /// Reads the document as an assessment, as [`Assessment::parse_lenient`] does with
    /// its text: problems of the header are kept for the check.
    pub(crate) fn into_assessment_lenient(self) -> Result<Assessment, Invalid> {
        Assessment::lenient_from_document(self)
    }

    /// Reads the document as an instrument, as [`Instrument::parse_with`] does with its
    /// text.
    pub(crate) fn into_instrument_with<E>(
        self,
        resolve_matrix: impl FnOnce(&str) -> Result<Option<Matrix>, Unresolved<E>>,
    ) -> Result<Result<Instrument, Invalid>, E> {
        let (source, raw) = self.into_typed();
        match raw {
            Ok(raw) => Instrument::from_raw(source, raw, resolve_matrix),
            Err(invalid) => Ok(Err(invalid)),
        }
    }

    /// Reads the document as a matrix, as [`Matrix::parse`] does with its text.
    pub(crate) fn into_matrix(self) -> Result<Matrix, Invalid> {
        let (source, raw) = self.into_typed::<RawMatrix>();
        raw?.check(source)
    }

    /// The tree, leaving an empty one of the same source in its place (for a reader
    /// that consumes it out of a [`crate::Document`]).
    pub(crate) fn take(&mut self) -> Tree<'a> {
        let empty = Tree {
            source: self.source,
            root: Spanned::new(0..0, DeTable::new()),
            syntax: Vec::new(),
            damaged: Vec::new(),
        };
        std::mem::replace(self, empty)
    }

    /// The source the document was parsed from.
    pub(crate) fn source(&self) -> &'a Source<'a> {
        self.source
    }

    /// Takes a top-level table out of the tree, to be read without serde; any other value
    /// under `key` stays.
    pub(crate) fn take_table(&mut self, key: &str) -> Option<Spanned<DeTable<'a>>> {
        let root = self.root.get_mut();
        if !matches!(root.get(key).map(Spanned::get_ref), Some(DeValue::Table(_))) {
            return None;
        }
        let value = root.remove(key)?;
        let span = value.span();
        match value.into_inner() {
            DeValue::Table(table) => Some(Spanned::new(span, table)),
            _ => None,
        }
    }

    /// Takes the keys that are not in `known` out of the table `table` (`""`: the top
    /// level; under an array of tables, each of its tables), with an [`Error::UnknownKey`]
    /// for each, so that the rest of the file can still be read and checked: one run then
    /// shows a misspelt key together with the file's other problems.
    ///
    /// A misspelt key whose nearest known key is not there (`[organistion]`, `dat = …`)
    /// is read as that key, so that what it holds is checked too (a bad date under a
    /// misspelt table) and the key is not also reported missing: its one problem is the
    /// spelling. That happens only when the value has the shape the known key takes (a
    /// table or an array of tables for a name in `tables`, anything else otherwise). The
    /// caller must keep the errors, so that a document read this way is never taken as
    /// valid.
    pub(crate) fn take_unknown_keys(
        &mut self,
        table: &str,
        known: &[&str],
        tables: &[&str],
    ) -> Vec<Error> {
        let source = self.source;
        let root = self.root.get_mut();
        let mut errors = Vec::new();
        if table.is_empty() {
            take_unknown_in(root, known, tables, source, &mut errors);
            return errors;
        }
        match root.get_mut(table).map(Spanned::get_mut) {
            Some(DeValue::Table(inner)) => {
                take_unknown_in(inner, known, tables, source, &mut errors);
            }
            Some(DeValue::Array(items)) => {
                for item in items.iter_mut() {
                    if let DeValue::Table(inner) = item.get_mut() {
                        take_unknown_in(inner, known, tables, source, &mut errors);
                    }
                }
            }
            _ => {}
        }
        errors
    }

    /// When the top-level table `table` is there without `key`, puts `placeholder` under
    /// it and returns an [`Error::MissingKey`] at the table's header, so that the rest of the file can still be read and checked: one
    /// run then shows a missing name together with the answers' problems. The caller
    /// must keep the error, so that the placeholder is never taken for a value.
    pub(crate) fn fill_missing_key(
        &mut self,
        table: &str,
        key: &'static str,
        placeholder: &'static str,
    ) -> Option<Error> {
        let source = self.source;
        let value = self.root.get_mut().get_mut(table)?;
        let span = value.span();
        let DeValue::Table(inner) = value.get_mut() else {
            return None; // Not a table: serde says so.
        };
        if inner.keys().any(|k| k.get_ref() == key) {
            return None;
        }
        inner.insert(
            Spanned::new(span.clone(), key.into()),
            Spanned::new(span.clone(), DeValue::String(placeholder.into())),
        );
        // A value a syntax error made unreadable is there: the syntax error says so.
        if self.damaged.contains(&format!("{table}.{key}"))
            || self.damaged.contains(&format!("?.{key}"))
        {
            return None;
        }
        Some(Error::MissingKey {
            location: source.locate_span(span),
            key: key.to_string(),
        })
    }

    /// Deserializes the parsed tree into `T`, errors at their place. Syntax errors still
    /// in the document fail it on their own.
    pub(crate) fn into_typed<T: Deserialize<'a>>(self) -> (&'a Source<'a>, Result<T, Invalid>) {
        let source = self.source;
        let typed = T::deserialize(toml::de::Deserializer::from(self.root))
            .map_err(|error| located(source, &error));
        // A key whose value a syntax error made unreadable is not also missing.
        let damaged: Vec<&str> = self
            .damaged
            .iter()
            .map(|path| path.rsplit('.').next().unwrap_or(path))
            .collect();
        let typed = typed.map_err(|mut invalid| {
            invalid.errors.retain(
                |error| !matches!(error, Error::MissingKey { key, .. } if damaged.contains(&key.as_str())),
            );
            invalid
        });
        // Every syntax error at once, and those alone: the shape of a tree the parser had
        // to mend is not judged (a table cut short would be missing keys it has).
        let typed = if self.syntax.is_empty() {
            typed
        } else {
            Err(Invalid::new(self.syntax))
        };
        (source, typed)
    }
}

/// Takes out of `table` (and the tables under it) every value that a syntax error at one
/// of `errors` touches, or that the parser made up (an empty span), and records its key
/// under `path` in `damaged`.
fn prune(table: &mut DeTable<'_>, errors: &[Range<usize>], path: &str, damaged: &mut Vec<String>) {
    let touched = |span: Range<usize>| {
        span.is_empty()
            || errors
                .iter()
                .any(|error| span.start <= error.start && error.start <= span.end)
    };
    for (key, value) in table.iter_mut() {
        if let DeValue::Table(inner) = value.get_mut() {
            prune(inner, errors, &join(path, key.get_ref()), damaged);
        }
    }
    let bad: Vec<_> = table
        .iter()
        .filter(|(_, value)| !matches!(value.get_ref(), DeValue::Table(_)) && touched(value.span()))
        .map(|(key, _)| key.clone())
        .collect();
    for key in bad {
        table.remove(&key);
        damaged.push(join(path, key.get_ref()));
    }
}

/// The unknown keys of one table (see [`Tree::take_unknown_keys`]), taken out into
/// `errors`, each misspelling of an absent key of the same shape read as that key.
fn take_unknown_in<'a>(
    table: &mut DeTable<'a>,
    known: &[&str],
    tables: &[&str],
    source: &Source<'_>,
    errors: &mut Vec<Error>,
) {
    let unknown: Vec<_> = table
        .keys()
        .filter(|key| !known.contains(&key.get_ref().as_ref()))
        .cloned()
        .collect();
    for key in unknown {
        let Some(value) = table.remove(&key) else {
            continue;
        };
        let key_span = key.span();
        let key = key.into_inner().into_owned();
        let suggestion = nearest_key(&key, known);
        if let Some(near) = &suggestion {
            let absent = !table.keys().any(|k| k.get_ref() == near.as_str());
            let same_shape = is_tabular(value.get_ref()) == tables.contains(&near.as_str());
            if absent && same_shape {
                table.insert(Spanned::new(key_span.clone(), near.clone().into()), value);
            }
        }
        errors.push(Error::UnknownKey {
            location: source.locate_span(key_span),
            suggestion,
            key,
            expected: known.iter().map(|k| k.to_string()).collect(),
        });
    }
}

/// The known key nearest to `key`: the one it translates when it is the Dutch word for a
/// key (`woningen` for `homes`, which no spelling distance finds), else the closest in
/// spelling ([`crate::error::nearest`]).
fn nearest_key(key: &str, known: &[&str]) -> Option<String> {
    const DUTCH: &[(&str, &str)] = &[
        ("naam", "name"),
        ("datum", "date"),
        ("soort", "kind"),
        ("ronde", "round"),
        ("rol", "role"),
        ("bron", "source"),
        ("organisatie", "organisation"),
        ("beoordeling", "assessment"),
        ("antwoorden", "answers"),
        ("toelichting", "notes"),
        ("woningen", "homes"),
        ("praktijken", "practices"),
    ];
    let lower = key.trim().to_lowercase();
    DUTCH
        .iter()
        .find(|(dutch, english)| *dutch == lower && known.contains(english))
        .map(|(_, english)| english.to_string())
        .or_else(|| crate::error::nearest(key, known))
}

/// Whether a value is a table, or an array of tables (`[[wijken]]`).
fn is_tabular(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::Table(_) => true,
        DeValue::Array(items) => {
            !items.is_empty()
                && items
                    .iter()
                    .all(|item| matches!(item.get_ref(), DeValue::Table(_)))
        }
        _ => false,
    }
}

/// The keys serde reads for `T` (the field names of a struct that derives
/// `Deserialize`, as written in the file), so that the keys a document pass takes out as
/// unknown are always the ones serde would refuse. Empty for a shape that is not a
/// struct.
pub(crate) fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    match T::deserialize(FieldNames) {
        Err(FieldsFound(fields)) => fields,
        Ok(_) => &[],
    }
}

/// A deserializer that reads nothing: it stops at the struct's list of fields.
struct FieldNames;

/// What [`FieldNames`] found: the fields of the struct asked for.
#[derive(Debug)]
struct FieldsFound(&'static [&'static str]);

impl std::fmt::Display for FieldsFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fields {:?}", self.0)
    }
}

impl std::error::Error for FieldsFound {}

impl serde::de::Error for FieldsFound {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        FieldsFound(&[])
    }
}

impl<'de> serde::de::Deserializer<'de> for FieldNames {
    type Error = FieldsFound;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, FieldsFound> {
        Err(FieldsFound(&[]))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, FieldsFound> {
        Err(FieldsFound(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The TOML reader's message, in words a person filling in a questionnaire understands
/// where its own wording speaks of Rust types.
/// A whole number beyond 64 bits, which reaches serde as an i128 it cannot place: the
/// number as written.
fn out_of_range(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid type: integer `")?;
    let (number, tail) = rest.split_once('`')?;
    tail.starts_with(" as i128").then_some(number)
}

#[cfg(test)]
mod tests {
    use super::{classify, fields_of, nearest_key};
    use crate::{Error, Location};

    fn here() -> Location {
        crate::Source::new("a.toml", "").whole()
    }

    fn unknown_key(message: &str) -> Option<(String, Vec<String>, Option<String>)> {
        match classify(here(), message) {
            Error::UnknownKey {
                key,
                expected,
                suggestion,
                ..
            } => Some((key, expected, suggestion)),
            _ => None,
        }
    }

    #[test]
    fn serdes_unknown_field_becomes_an_unknown_key_in_each_of_its_shapes() {
        let strings = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(
            unknown_key("unknown field `kidn`, expected one of `date`, `kind`, `round`"),
            Some((
                "kidn".into(),
                strings(&["date", "kind", "round"]),
                Some("kind".into())
            ))
        );
        assert_eq!(
            unknown_key("unknown field `naam`, expected `name` or `id`"),
            Some(("naam".into(), strings(&["name", "id"]), Some("name".into())))
        );
        assert_eq!(
            unknown_key("unknown field `xyzzy`, expected `id`"),
            Some(("xyzzy".into(), strings(&["id"]), None))
        );
        assert_eq!(
            unknown_key("unknown field `x`, there are no fields"),
            Some(("x".into(), Vec::new(), None))
        );
        // The English reads as before.
        assert_eq!(
            classify(here(), "unknown field `naam`, expected `name` or `id`").message(),
            "unknown field `naam`, expected `name` or `id`"
        );
        // A shape not known stays the reader's own message.
        assert_eq!(unknown_key("unknown field `x`, expected something"), None);
    }

    #[test]
    fn serdes_unknown_variant_becomes_an_unknown_value_with_the_nearest() {
        let value = |message: &str| match classify(here(), message) {
            Error::UnknownValue {
                given,
                expected,
                suggestion,
                ..
            } => Some((given, expected, suggestion)),
            _ => None,
        };
        assert_eq!(
            value("unknown variant `ambitoin`, expected `current` or `ambition`"),
            Some((
                "ambitoin".into(),
                vec!["current".into(), "ambition".into()],
                Some("ambition".into())
            ))
        );
        assert_eq!(
            value("unknown variant `a`, b`, expected one of `nl`, `en`, `de`"),
            Some((
                "a`, b".into(),
                vec!["nl".into(), "en".into(), "de".into()],
                None
            ))
        );
        assert_eq!(
            value("unknown variant `x`, there are no variants"),
            Some(("x".into(), Vec::new(), None))
        );
        // A shape not known stays the reader's own message.
        assert_eq!(value("unknown variant `x`, expected something"), None);
        assert!(matches!(
            classify(here(), "unknown variant `x`"),
            Error::Toml { .. }
        ));
    }

    #[test]
    fn the_keys_of_a_shape_are_serdes_own_and_a_dutch_key_finds_its_english_one() {
        assert_eq!(fields_of::<crate::Organisation>(), ["name", "id"]);
        // Not a struct: no keys, never a panic.
        assert!(fields_of::<String>().is_empty());
        let known = ["id", "name", "homes"];
        assert_eq!(nearest_key("woningen", &known).as_deref(), Some("homes"));
        assert_eq!(nearest_key("Naam", &known).as_deref(), Some("name"));
        assert_eq!(nearest_key("hoems", &known).as_deref(), Some("homes"));
        // A Dutch word for a key this table does not have suggests nothing.
        assert_eq!(nearest_key("datum", &known), None);
    }

    #[test]
    fn serdes_missing_field_becomes_a_missing_key() {
        assert_eq!(
            classify(here(), "missing field `date`"),
            Error::MissingKey {
                location: here(),
                key: "date".into()
            }
        );
        assert!(matches!(
            classify(here(), "invalid type: integer `3`, expected a string"),
            Error::Toml { .. }
        ));
    }

    #[test]
    fn a_huge_number_is_out_of_range_not_an_i128() {
        let error = |message: &str| classify(here(), message);
        let huge = error(
            "invalid type: integer `99999999999999999999` as i128, expected any valid TOML value",
        );
        assert!(
            matches!(&huge, Error::NumberOutOfRange { number, .. } if number == "99999999999999999999"),
            "{huge:?}"
        );
        assert!(huge.to_string().ends_with(
            "the number 99999999999999999999 is too large: expected a whole number such as a point on the scale"
        ));
        let tiny = error(
            "invalid type: integer `-9223372036854775809` as i128, expected any valid TOML value",
        );
        assert!(tiny.to_string().contains("is too small"), "{tiny}");
        assert!(
            tiny.message_in(crate::Lang::Nl)
                .starts_with("het getal -9223372036854775809 is te klein"),
            "{tiny:?}"
        );
        assert!(matches!(
            error("missing field `date`"),
            Error::MissingKey { .. }
        ));
    }
}
