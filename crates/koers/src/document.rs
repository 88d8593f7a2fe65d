//! A TOML document parsed once, owning its text, that knows which document it is.

use crate::toml_doc::Tree;
use crate::{Assessment, Error, Instrument, Invalid, Matrix, Register, Source, Unresolved};
use serde::Serialize;

// The parsed tree borrows the text it was parsed from (its strings are slices of it); the
// cell keeps the two together, so that a `Document` can be stored, returned and sent to
// another thread without a lifetime. `self_cell` does this with no unsafe code of ours
// and no procedural macro.
self_cell::self_cell!(
    struct Parsed {
        owner: Source<'static>,
        #[covariant]
        dependent: Tree,
    }
    impl {Debug}
);

/// A TOML text parsed once: it owns its [`Source`], tells which document it is
/// ([`Document::kind`]), and is then read as that document from the parsed tree, not from
/// the text again.
///
/// ```
/// use koers::{Document, DocumentKind, Source};
///
/// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-05-31\n[answers]\nbeheerder = 4\n";
/// let document = Document::parse(Source::new("r01.toml", text))?;
/// assert_eq!(document.kind(), DocumentKind::Assessment);
/// assert_eq!(document.source().name(), "r01.toml");
/// let assessment = document.into_assessment()?;
/// assert_eq!(assessment.organisation.name, "De Dijk");
/// # Ok::<(), koers::Invalid>(())
/// ```
///
/// A document has no lifetime: it can be kept, returned, and sent to and shared between
/// threads (one parses, others read):
///
/// ```
/// fn assert_send_sync<T: Send + Sync + std::fmt::Debug + 'static>() {}
/// assert_send_sync::<koers::Document>();
/// assert_send_sync::<koers::Source<'static>>();
///
/// fn parse(name: &str, text: &str) -> koers::Document {
///     koers::Document::parse_recovering(koers::Source::new(name, text))
/// }
/// let document = std::thread::spawn(|| parse("m.toml", "[[regions]]\n")).join().unwrap();
/// assert_eq!(document.kind(), koers::DocumentKind::Matrix);
/// ```
#[derive(Debug)]
pub struct Document(Parsed);

impl Document {
    /// Parses the text (a borrowed text is copied once): a syntax error comes back at its
    /// place, with the same message that [`Assessment::parse`] gives.
    pub fn parse(source: Source<'_>) -> Result<Self, Invalid> {
        Parsed::try_new(source.into_owned(), |source| Tree::parse(source)).map(Document)
    }

    /// Parses the text as far as it goes: every syntax error is kept, at its place, and
    /// the rest of the tree stays readable, so that one run shows a bad date together
    /// with an unknown kind and a misspelt question. A value that a syntax error touches
    /// is taken out of the tree (never read as a guess). Reading the document as an
    /// assessment ([`Document::into_assessment_lenient`]) keeps the syntax errors among
    /// the assessment's [`problems`](Assessment::problems), so it is never scored;
    /// reading it as anything else fails with them.
    ///
    /// ```
    /// use koers::{Document, Source, builtin};
    ///
    /// let text = "instrument = \"sev\"\n[organisation]\nname = \"De Dijk\"\n[assessment]\ndate = 2026-13-45\nkind = \"curent\"\n[answers]\nbeheerdr = 4\n";
    /// let document = Document::parse_recovering(Source::new("a.toml", text));
    /// assert_eq!(document.syntax_errors().len(), 1);
    /// let assessment = document.into_assessment_lenient()?;
    /// let invalid = builtin::instrument("sev").unwrap().check(&assessment).unwrap_err();
    /// // The date (a syntax error), the kind and the misspelt question id, in one run.
    /// let lines: Vec<usize> = invalid.errors.iter().map(|e| e.location().line).collect();
    /// assert_eq!(lines, [5, 6, 8]);
    /// # Ok::<(), koers::Invalid>(())
    /// ```
    pub fn parse_recovering(source: Source<'_>) -> Self {
        Document(Parsed::new(source.into_owned(), |source| {
            Tree::parse_recovering(source)
        }))
    }

    /// The source the document was parsed from.
    pub fn source(&self) -> &Source<'static> {
        self.0.borrow_owner()
    }

    /// The syntax errors found by [`Document::parse_recovering`]; empty for a document
    /// parsed strictly.
    pub fn syntax_errors(&self) -> &[Error] {
        self.0.borrow_dependent().syntax_errors()
    }

    /// Whether the document has this top-level key (a table or a value).
    pub fn has_key(&self, key: &str) -> bool {
        self.0.borrow_dependent().has_key(key)
    }

    /// Which document this is, by its top-level keys; for a text with syntax errors, by
    /// its table headers, so that its errors come from the right reader (an instrument
    /// with one bad number is not reported as an assessment with unknown keys).
    pub fn kind(&self) -> DocumentKind {
        if self.syntax_errors().is_empty() {
            DocumentKind::of_keys(|key| self.has_key(key))
        } else {
            DocumentKind::of_headers(self.source().text())
        }
    }

    /// Reads the document as an assessment, as [`Assessment::parse`] does with its text.
    pub fn into_assessment(self) -> Result<Assessment, Invalid> {
        self.read(|tree| tree.into_assessment())
    }

    /// Reads the document as an assessment, as [`Assessment::parse_lenient`] does with
    /// its text: problems of the header are kept for the check.
    pub fn into_assessment_lenient(self) -> Result<Assessment, Invalid> {
        self.read(|tree| tree.into_assessment_lenient())
    }

    /// Reads the document as an instrument, as [`Instrument::parse_with`] does with its
    /// text.
    pub fn into_instrument_with<E>(
        self,
        resolve_matrix: impl FnOnce(&str) -> Result<Option<Matrix>, Unresolved<E>>,
    ) -> Result<Result<Instrument, Invalid>, E> {
        self.read(|tree| tree.into_instrument_with(resolve_matrix))
    }

    /// Reads the document as a matrix, as [`Matrix::parse`] does with its text.
    pub fn into_matrix(self) -> Result<Matrix, Invalid> {
        self.read(|tree| tree.into_matrix())
    }

    /// Reads the document as an organisation's register, as [`Register::parse`] does
    /// with its text.
    pub fn into_register(self) -> Result<Register, Invalid> {
        self.read(|tree| tree.into_register())
    }

    /// Takes the tree out of the cell and reads it; what is read owns its data, so it
    /// outlives the text.
    fn read<T>(self, reader: impl for<'a> FnOnce(Tree<'a>) -> T) -> T {
        let mut parsed = self.0;
        parsed.with_dependent_mut(|_, tree| reader(tree.take()))
    }
}

/// Which document a TOML text is ([`Document::kind`]): judged by its top-level keys, or
/// by its table headers when it has syntax errors. Serialized, the kind is in kebab-case
/// under `"kind"` (`{"kind": "mixed", "keys": ["answers", "regions"]}`), as an error's is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// Has `[answers]`, `[assessment]` or `instrument = …`, or none of the other kinds'
    /// keys: one respondent's answers.
    Assessment,
    /// Has `[[sections]]` or `[scales]` (headers: `[[sections]]` or `[scales.…]`): a
    /// questionnaire.
    Instrument,
    /// Has `[[regions]]`: a matrix.
    Matrix,
    /// Has `[register]`, `[[wijken]]` or `[practices]`: an organisation's register of
    /// the wijken where each ladder practice ran (never a respondent).
    Register,
    /// Has `[columns]`, `skip`, or `respondent`/`role`/`date` at the top: the column map
    /// of a survey import (`koers import --map`, read by `koers-survey`), which may have
    /// `[answers]` too, but no assessment's other keys.
    ColumnMap,
    /// Has the keys of more than one kind: an error, never a guess (a stray key must not
    /// turn an assessment into a matrix that a folder run passes over without a word).
    Mixed {
        /// The first key of each kind found, e.g. `answers` and `regions`.
        keys: Vec<&'static str>,
    },
}

/// The top-level keys that only one kind of document has.
const KIND_KEYS: [(DocumentKind, &[&str]); 3] = [
    (
        DocumentKind::Assessment,
        &["answers", "organisation", "assessment", "instrument"],
    ),
    (DocumentKind::Instrument, &["sections", "scales"]),
    (DocumentKind::Matrix, &["regions"]),
];

/// The top-level keys of a register that no other document has.
const REGISTER_KEYS: [&str; 3] = ["register", "wijken", "practices"];

/// The top-level keys of a column map that no other document has.
const MAP_KEYS: [&str; 5] = ["columns", "skip", "respondent", "role", "date"];

impl DocumentKind {
    /// The kind of a document by which top-level keys it has (`has`).
    fn of_keys(has: impl Fn(&str) -> bool) -> DocumentKind {
        // A register shares `instrument` and `organisation` with an assessment: a register
        // key makes it a register, unless an assessment's own keys, an instrument's or a
        // matrix's are there too.
        if let Some(key) = REGISTER_KEYS.iter().find(|k| has(k)) {
            let other = ["answers", "assessment", "sections", "scales", "regions"]
                .into_iter()
                .find(|k| has(k));
            return match other {
                Some(other) => DocumentKind::Mixed {
                    keys: vec![other, key],
                },
                None => DocumentKind::Register,
            };
        }
        // A map shares `answers` with an assessment: a map key, and none of an
        // assessment's others, an instrument's or a matrix's, make it a map.
        if MAP_KEYS.iter().any(|k| has(k))
            && KIND_KEYS
                .iter()
                .flat_map(|(_, keys)| keys.iter())
                .all(|k| *k == "answers" || !has(k))
        {
            return DocumentKind::ColumnMap;
        }
        let found: Vec<(&DocumentKind, &'static str)> = KIND_KEYS
            .iter()
            .filter_map(|(kind, keys)| Some((kind, *keys.iter().find(|k| has(k))?)))
            .collect();
        match found.as_slice() {
            [] => DocumentKind::Assessment,
            [(kind, _)] => (*kind).clone(),
            several => DocumentKind::Mixed {
                keys: several.iter().map(|(_, key)| *key).collect(),
            },
        }
    }

    /// The kind of a text that is not valid TOML, judged by its table headers.
    fn of_headers(text: &str) -> DocumentKind {
        let has = |prefix: &str| text.lines().any(|l| l.trim_start().starts_with(prefix));
        if has("[[sections]]") || has("[scales.") {
            DocumentKind::Instrument
        } else if has("[[regions]]") {
            DocumentKind::Matrix
        } else if has("[columns]") {
            DocumentKind::ColumnMap
        } else if has("[register]") || has("[[wijken]]") || has("[practices]") {
            DocumentKind::Register
        } else {
            DocumentKind::Assessment
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document outlives the text it was parsed from and crosses threads: the defect of
    /// a `Document<'a>` borrowing a `&'a Source<'a>` (issue 23, item 6) cannot come back
    /// without this failing to compile.
    #[test]
    fn a_document_outlives_its_text_and_crosses_threads() {
        fn held<T: Send + Sync + std::fmt::Debug + 'static>(value: T) -> T {
            value
        }
        let document = {
            let text = String::from("[[regions]]\nname = \"a\"\n");
            held(Document::parse(Source::new(String::from("m.toml"), text.as_str())).unwrap())
        };
        let document = std::thread::spawn(move || document).join().unwrap();
        assert_eq!(document.source().name(), "m.toml");
        assert!(format!("{document:?}").contains("regions"));
        assert_eq!(document.kind(), DocumentKind::Matrix);
    }

    #[test]
    fn every_kind_is_known_by_its_keys() {
        let kind = |text: &str| Document::parse(Source::new("x.toml", text)).unwrap().kind();
        assert_eq!(kind("[answers]\na = 1\n"), DocumentKind::Assessment);
        assert_eq!(kind(""), DocumentKind::Assessment);
        assert_eq!(kind("[[sections]]\nid = \"s\"\n"), DocumentKind::Instrument);
        assert_eq!(kind("[[regions]]\n"), DocumentKind::Matrix);
        assert_eq!(
            kind("instrument = \"sev\"\n[register]\n[[wijken]]\n"),
            DocumentKind::Register
        );
        assert_eq!(
            kind("respondent = \"Code\"\n[answers]\nbeheerder = \"Q1\"\n"),
            DocumentKind::ColumnMap
        );
        assert_eq!(
            kind("[answers]\n[[regions]]\n"),
            DocumentKind::Mixed {
                keys: vec!["answers", "regions"]
            }
        );
    }

    /// Serialized as an error is: the kind in kebab-case under "kind".
    #[test]
    fn a_kind_serializes_tagged_in_kebab_case() {
        let json = |kind: DocumentKind| serde_json::to_string(&kind).unwrap();
        assert_eq!(json(DocumentKind::ColumnMap), r#"{"kind":"column-map"}"#);
        assert_eq!(
            json(DocumentKind::Mixed {
                keys: vec!["answers", "regions"]
            }),
            r#"{"kind":"mixed","keys":["answers","regions"]}"#
        );
    }

    /// A text with a syntax error is judged by its headers, so that an instrument with
    /// one bad number is read as an instrument.
    #[test]
    fn a_broken_text_is_known_by_its_headers() {
        let document =
            Document::parse_recovering(Source::new("i.toml", "[[sections]]\nweight = 1.2.3\n"));
        assert_eq!(document.syntax_errors().len(), 1);
        assert_eq!(document.kind(), DocumentKind::Instrument);
        let read =
            document.into_instrument_with(|_| Ok::<_, Unresolved<std::convert::Infallible>>(None));
        assert!(matches!(read, Ok(Err(_))));
    }
}
