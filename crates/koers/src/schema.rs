//! JSON Schemas of the three documents (feature `schema`), so that an editor that reads
//! JSON Schema for TOML (Taplo, Even Better TOML) completes and checks a file as it is
//! typed.
//!
//! The schemas are generated from the same serde types that read the files, so a key the
//! reader accepts is a key the schema knows. [`assessment_for`] goes further than the
//! generic [`assessment`]: it lists every question id of one instrument with its text and
//! the values its scale allows, and rejects any other key in `[answers]`.
//!
//! The schemas follow JSON Schema draft 7, which Taplo reads. A TOML date is checked as
//! Taplo presents it, as a string like `2007-05-31`.
//!
//! ```
//! let schema = koers::schema::assessment_for(koers::builtin::instrument("sev").unwrap(), koers::Lang::En);
//! let answers = &schema.as_value()["properties"]["answers"];
//! assert_eq!(answers["additionalProperties"], false);
//! assert!(answers["properties"]["buurtbeheerder"]["enum"].as_array().unwrap().contains(&1.into()));
//! ```

use crate::assessment::{KIND_WORDS, NOT_APPLICABLE_WORDS, RawAssessment, UNKNOWN_WORDS};
use crate::instrument::{MatrixRef, RawInstrument};
use crate::matrix::RawMatrix;
use crate::{Instrument, Kind, Lang};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

pub use schemars::Schema;

/// The schema of a matrix file.
pub fn matrix() -> Schema {
    root::<RawMatrix>()
}

/// The schema of an instrument file.
pub fn instrument() -> Schema {
    root::<RawInstrument>()
}

/// The schema of a register: an organisation's wijken and the wijken where each ladder
/// practice ran.
pub fn register() -> Schema {
    root::<crate::register::RawRegister>()
}

/// The schema of an assessment for any instrument: `[answers]` takes any question id.
pub fn assessment() -> Schema {
    root::<RawAssessment>()
}

/// The schema of an assessment of `instrument`: `[answers]` lists every question id with its
/// text in `lang` and its scale as description, and allows only the values its scale
/// allows (its points, "weet niet" and "n.v.t." where the scale takes them, and `""` for
/// a question not answered yet). Any other key in `[answers]`, such as a misspelt id, is
/// an error.
pub fn assessment_for(instrument: &Instrument, lang: Lang) -> Schema {
    let mut schema = assessment();
    let say = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let mut properties = Map::new();
    for (section, question) in instrument.questions() {
        let mut allowed: Vec<Value> = Vec::new();
        let mut docs: Vec<Value> = Vec::new();
        let mut lines = vec![question.text.get(lang).to_string(), String::new()];
        let scale = instrument.scale_of(question);
        if let Some(scale) = scale {
            for point in scale.min..=scale.max {
                let label = scale.label(point).map_or("", |l| l.get(lang));
                allowed.push(point.into());
                docs.push(label.into());
                lines.push(format!("{point} = {label}"));
            }
        }
        if scale.is_some_and(|s| s.unknown) {
            lines.push(say(
                "\"weet niet\" of \"n.v.t.\": laat de vraag buiten de score",
                "\"unknown\" (don't know) or \"n.v.t.\" (not applicable): leaves the question out of the score",
            ).to_string());
            for word in UNKNOWN_WORDS {
                allowed.push((*word).into());
                docs.push(say("weet niet", "don't know").into());
            }
            for word in NOT_APPLICABLE_WORDS {
                allowed.push((*word).into());
                docs.push(say("niet van toepassing", "not applicable").into());
            }
        }
        allowed.push("".into());
        docs.push(say("nog niet beantwoord", "not answered yet").into());
        let description = lines.join("\n");
        properties.insert(
            question.id.clone(),
            json!({
                "title": section.title.get(lang),
                "description": description,
                "enum": allowed,
                // Taplo's extension: a description per value, shown as it completes.
                "x-taplo": { "docs": { "main": description, "enumValues": docs } },
            }),
        );
    }
    let title = format!("{} ({})", instrument.title.get(lang), instrument.version);
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), format!("koers assessment: {title}").into());
        object["properties"]["answers"] = json!({
            "description": say(
                "De antwoorden per vraag-id: een punt op de schaal van de vraag, \"weet niet\" of \"n.v.t.\", of \"\" voor een vraag die nog open staat.",
                "The answers by question id: a point on the question's scale, \"unknown\" (don't know) or \"n.v.t.\" (not applicable), or \"\" for a question not answered yet.",
            ),
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
    }
    schema
}

/// A root schema of `T` in draft 7, without the `null` that serde's `Option` adds: TOML
/// has no null, an optional key is simply left out.
fn root<T: JsonSchema>() -> Schema {
    let mut schema = SchemaGenerator::new(SchemaSettings::draft07()).into_root_schema_for::<T>();
    if let Some(object) = schema.as_object_mut() {
        for value in object.values_mut() {
            without_null(value);
        }
    }
    schema
}

/// Removes `null` from every `type` list and `anyOf`, and the `default: null` of an
/// optional key, at any depth.
fn without_null(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("default").is_some_and(Value::is_null) {
                object.remove("default");
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| *t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    object.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = object.get_mut("anyOf") {
                options.retain(|o| o.get("type").is_none_or(|t| *t != "null"));
                if let [only] = options.as_slice() {
                    let only = only.clone();
                    object.remove("anyOf");
                    if let Value::Object(inner) = only {
                        for (key, value) in inner {
                            object.entry(key).or_insert(value);
                        }
                    }
                }
            }
            object.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// The schema of one answer in `[answers]` for any instrument.
pub(crate) struct AnswerValue;

impl JsonSchema for AnswerValue {
    fn schema_name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut words: Vec<&str> = UNKNOWN_WORDS.to_vec();
        words.extend(NOT_APPLICABLE_WORDS);
        words.push("");
        json_schema!({
            "description": "A whole number on the question's scale, \"unknown\" (weet niet), \"n.v.t.\" (not applicable), or \"\" for not answered yet.",
            "anyOf": [
                { "type": "integer" },
                { "enum": words },
            ],
        })
    }
}

/// The schema of a date: a TOML date, which editors check as a string, or a string.
pub(crate) struct DateValue;

impl JsonSchema for DateValue {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, YYYY-MM-DD, e.g. 2026-05-31.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

impl JsonSchema for Kind {
    fn schema_name() -> Cow<'static, str> {
        "Kind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let words: Vec<&str> = KIND_WORDS.iter().map(|(word, _)| *word).collect();
        json_schema!({
            "description": "\"current\" (huidig: where we stand now) or \"ambition\" (ambitie: where we want to be).",
            "enum": words,
        })
    }
}

impl JsonSchema for MatrixRef {
    fn schema_name() -> Cow<'static, str> {
        "MatrixRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let table = generator.subschema_for::<RawMatrix>();
        json_schema!({
            "anyOf": [
                { "type": "string", "description": "A built-in matrix id (sev) or the path of a matrix file, relative to this file." },
                table,
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_null_is_left_in_any_schema() {
        for schema in [matrix(), instrument(), assessment()] {
            let text = serde_json::to_string(&schema).unwrap();
            assert!(!text.contains("null"), "{text}");
        }
    }

    #[test]
    fn a_scale_without_unknown_takes_only_its_points_and_blank() {
        let text = crate::builtin::SEV_INSTRUMENT_TOML.replace("unknown = true", "unknown = false");
        let instrument = Instrument::parse(&crate::Source::new("sev.toml", &text)).unwrap();
        let schema = assessment_for(&instrument, Lang::Nl);
        let allowed =
            &schema.as_value()["properties"]["answers"]["properties"]["buurtbeheerder"]["enum"];
        assert_eq!(allowed, &json!([1, 2, 3, 4, 5, 6, ""]));
    }
}
