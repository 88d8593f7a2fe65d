//! The questionnaire as a form to send out: an xlsx workbook with a drop-down in every
//! answer cell, a CSV of questions for survey tools, or Markdown for a paper form.

use super::unknown_words;
use koers::{Instrument, Lang, Scale};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, Formula,
    Workbook, XlsxError,
};

/// How many respondent rows of the answer sheet get drop-downs.
pub const ROWS: u32 = 500;

/// The row of the answer sheet (0-based) that holds the question ids; answers start
/// below it. Above it: the section titles and the question texts.
pub const ID_ROW: u32 = 2;

/// The column of the answer sheet (0-based) of the first question: respondent code,
/// role and date come before it.
pub const FIRST_QUESTION: u16 = 3;

/// The texts of the form in one language.
struct Words {
    instructions: &'static str,
    answers: &'static str,
    lists: &'static str,
    how: &'static str,
    steps: [&'static str; 5],
    respondent: &'static str,
    role: &'static str,
    role_id: &'static str,
    date: &'static str,
    date_id: &'static str,
    date_title: &'static str,
    date_message: &'static str,
    pick: &'static str,
    pick_message: &'static str,
    wrong: &'static str,
    wrong_message: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            instructions: "Instructie",
            answers: "Antwoorden",
            lists: "Keuzelijsten",
            how: "Zo vult u het formulier in",
            steps: [
                "1. Ga naar het blad 'Antwoorden'. Elke rij is één respondent: vul één rij in.",
                "2. Vul in kolom A de respondentcode in die u kreeg (bijv. r01), in kolom B uw functie (bijv. woonconsulent) en in kolom C de datum van vandaag (bijv. 2026-03-15). Vul geen naam of e-mailadres in.",
                "3. Kies bij elke vraag een antwoord uit de keuzelijst in de cel. De vraag staat boven de kolom.",
                "4. Weet u het antwoord niet, kies dan 'weet niet'. Kwam de situatie niet voor, kies dan 'n.v.t.' (niet van toepassing). Beide laten de vraag buiten de score. Een lege cel is een overgeslagen vraag.",
                "5. Sla het bestand op en stuur het terug.",
            ],
            respondent: "Respondentcode (bijv. r01)",
            role: "Functie (bijv. woonconsulent)",
            role_id: "rol",
            date: "Datum van invullen (bijv. 2026-03-15)",
            date_id: "datum",
            date_title: "Datum van invullen",
            date_message: "De datum waarop u de vragen beantwoordt, als jjjj-mm-dd.",
            pick: "Kies een antwoord",
            pick_message: "Kies uit de lijst; 'weet niet' of 'n.v.t.' als dat past.",
            wrong: "Geen antwoord uit de lijst",
            wrong_message: "Kies een antwoord uit de keuzelijst van deze cel.",
        },
        Lang::En => Words {
            instructions: "Instructions",
            answers: "Answers",
            lists: "Choices",
            how: "How to fill in this form",
            steps: [
                "1. Go to the sheet 'Answers'. Each row is one respondent: fill in one row.",
                "2. In column A put the respondent code you were given (e.g. r01), in column B your role (e.g. housing consultant), in column C today's date (e.g. 2026-03-15). Do not put your name or e-mail address.",
                "3. For each question choose an answer from the drop-down list in the cell. The question stands above the column.",
                "4. If you do not know the answer, choose 'don't know'. If the situation did not occur, choose 'not applicable'. Both leave the question out of the score. An empty cell is a skipped question.",
                "5. Save the file and send it back.",
            ],
            respondent: "Respondent code (e.g. r01)",
            role: "Role (e.g. housing consultant)",
            role_id: "role",
            date: "Date filled in (e.g. 2026-03-15)",
            date_id: "date",
            date_title: "Date filled in",
            date_message: "The date you answer the questions, as yyyy-mm-dd.",
            pick: "Choose an answer",
            pick_message: "Choose from the list; 'don't know' or 'not applicable' where it fits.",
            wrong: "Not an answer from the list",
            wrong_message: "Choose an answer from this cell's drop-down list.",
        },
    }
}

/// The choices of a scale as the form offers them: "1 - label" for each point, then
/// "weet niet" and "n.v.t." when the scale allows them.
pub fn choices(scale: &Scale, lang: Lang) -> Vec<String> {
    let mut choices: Vec<String> = (scale.min..=scale.max)
        .map(|p| match scale.label(p) {
            Some(label) => format!("{p} - {}", label.get(lang)),
            None => p.to_string(),
        })
        .collect();
    if scale.unknown {
        choices.extend(unknown_words(lang).map(str::to_string));
    }
    choices
}

/// A text of an instrument that no cell of a workbook holds: longer than Excel's
/// [`MAX_CELL`](crate::sheet::MAX_CELL) characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// Which text.
    pub field: Field,
    /// How many characters it has.
    pub chars: usize,
}

/// A text of an instrument, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The title with its version.
    Title,
    /// The description.
    Description,
    /// A section's title.
    Section(String),
    /// A question's text.
    Question(String),
    /// A choice of a scale.
    Choice(String),
}

impl TooLong {
    /// What is too long and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let limit = crate::sheet::MAX_CELL;
        let chars = self.chars;
        let field = match (&self.field, lang) {
            (Field::Title, Lang::Nl) => "de titel (met versie)".to_string(),
            (Field::Title, Lang::En) => "the title (with its version)".to_string(),
            (Field::Description, Lang::Nl) => "de beschrijving (`description`)".to_string(),
            (Field::Description, Lang::En) => "the description".to_string(),
            (Field::Section(id), Lang::Nl) => format!("de titel van onderdeel `{id}`"),
            (Field::Section(id), Lang::En) => format!("the title of section `{id}`"),
            (Field::Question(id), Lang::Nl) => format!("de tekst van vraag `{id}`"),
            (Field::Question(id), Lang::En) => format!("the text of question `{id}`"),
            (Field::Choice(scale), Lang::Nl) => format!("een keuze van schaal `{scale}`"),
            (Field::Choice(scale), Lang::En) => format!("a choice of scale `{scale}`"),
        };
        match lang {
            Lang::Nl => format!(
                "{field} heeft {chars} tekens, meer dan een Excel-cel bevat ({limit}): kort de tekst in, of kies --format csv of markdown"
            ),
            Lang::En => format!(
                "{field} has {chars} characters, more than an Excel cell holds ({limit}): shorten it, or choose --format csv or markdown"
            ),
        }
    }
}

/// The first text of the workbook of `instrument` in `lang` that no cell holds
/// (rust_xlsxwriter refuses it with an error that names neither the text nor the file).
pub fn too_long(instrument: &Instrument, lang: Lang) -> Option<TooLong> {
    let title = format!("{} ({})", instrument.title.get(lang), instrument.version);
    let mut texts: Vec<(Field, String)> = vec![(Field::Title, title)];
    if let Some(description) = &instrument.description {
        texts.push((Field::Description, description.get(lang).to_string()));
    }
    for section in &instrument.sections {
        texts.push((
            Field::Section(section.id.clone()),
            section.title.get(lang).to_string(),
        ));
        for question in &section.questions {
            texts.push((
                Field::Question(question.id.clone()),
                question.text.get(lang).to_string(),
            ));
        }
    }
    for (name, scale) in &instrument.scales {
        for choice in choices(scale, lang) {
            texts.push((Field::Choice(name.clone()), choice));
        }
    }
    texts.into_iter().find_map(|(field, text)| {
        let chars = text.chars().count();
        (chars > crate::sheet::MAX_CELL).then_some(TooLong { field, chars })
    })
}

/// The xlsx workbook: instructions, the answer sheet, and the hidden lists its
/// drop-downs draw from.
pub fn workbook(instrument: &Instrument, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let say = words(lang);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(instrument.title.get(lang))
            .set_comment("koers form"),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(14);

    let sheet = book.add_worksheet();
    sheet.set_name(say.instructions)?;
    sheet.set_column_width(0, 110)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("{} ({})", instrument.title.get(lang), instrument.version),
        &title,
    )?;
    let mut row = 2;
    if let Some(description) = &instrument.description {
        sheet.write_string_with_format(row, 0, description.get(lang), &wrap)?;
        sheet.set_row_height(row, 15 * (description.get(lang).len() / 95 + 1) as u32)?;
        row += 2;
    }
    sheet.write_string_with_format(row, 0, say.how, &bold)?;
    for step in say.steps {
        row += 1;
        sheet.write_string_with_format(row, 0, step, &wrap)?;
        sheet.set_row_height(row, 15 * (step.len() / 95 + 1) as u32)?;
    }

    let scale_names: Vec<&String> = instrument.scales.keys().collect();
    let sheet = book.add_worksheet();
    sheet.set_name(say.answers)?;
    let section_format = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let text_format = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xF2F2F2));
    let id_format = Format::new()
        .set_font_color(Color::RGB(0x595959))
        .set_background_color(Color::RGB(0xF2F2F2));
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 22)?;
    sheet.write_string_with_format(1, 0, say.respondent, &text_format)?;
    sheet.write_string_with_format(1, 1, say.role, &text_format)?;
    sheet.write_string_with_format(ID_ROW, 0, "respondent", &id_format)?;
    sheet.write_string_with_format(ID_ROW, 1, say.role_id, &id_format)?;
    // The date import needs: each respondent's own, so that `koers import` needs no
    // `--date` for the form it wrote.
    sheet.set_column_width(2, 16)?;
    sheet.write_string_with_format(1, 2, say.date, &text_format)?;
    sheet.write_string_with_format(ID_ROW, 2, say.date_id, &id_format)?;
    let date_cells = Format::new().set_num_format("yyyy-mm-dd");
    sheet.set_column_format(2, &date_cells)?;
    let hint = DataValidation::new()
        .allow_any_value()
        .set_input_title(say.date_title)?
        .set_input_message(say.date_message)?;
    sheet.add_data_validation(ID_ROW + 1, 2, ID_ROW + ROWS, 2, &hint)?;
    sheet.set_row_height(1, 220)?;
    let mut col: u16 = FIRST_QUESTION;
    for section in &instrument.sections {
        sheet.write_string_with_format(0, col, section.title.get(lang), &section_format)?;
        for question in &section.questions {
            sheet.set_column_width(col, 30)?;
            sheet.write_string_with_format(1, col, question.text.get(lang), &text_format)?;
            sheet.write_string_with_format(ID_ROW, col, &question.id, &id_format)?;
            if let Some(scale) = instrument.scale_of(question) {
                let list_col = scale_names
                    .iter()
                    .position(|n| **n == question.scale)
                    .unwrap_or(0);
                let last = 1 + choices(scale, lang).len() as u32;
                let letter: String = super::sheet::cell_name(0, list_col as u32)
                    .trim_end_matches(char::is_numeric)
                    .to_string();
                let validation = DataValidation::new()
                    .allow_list_formula(Formula::new(format!(
                        "='{}'!${letter}$2:${letter}${last}",
                        say.lists
                    )))
                    .set_input_title(say.pick)?
                    .set_input_message(say.pick_message)?
                    .set_error_style(DataValidationErrorStyle::Stop)
                    .set_error_title(say.wrong)?
                    .set_error_message(say.wrong_message)?;
                sheet.add_data_validation(ID_ROW + 1, col, ID_ROW + ROWS, col, &validation)?;
            }
            col += 1;
        }
    }
    sheet.set_freeze_panes(ID_ROW + 1, FIRST_QUESTION)?;
    // The drop-downs' lists, a column per scale, hidden: last, so they come after the
    // sheets a respondent reads.
    let lists = book.add_worksheet();
    lists.set_name(say.lists)?;
    for (col, name) in scale_names.iter().enumerate() {
        lists.write_string_with_format(0, col as u16, name.as_str(), &bold)?;
        for (i, choice) in choices(&instrument.scales[*name], lang).iter().enumerate() {
            lists.write_string(1 + i as u32, col as u16, choice)?;
        }
    }
    lists.set_hidden(true);

    book.save_to_buffer()
}

/// One row per question, with its choices in columns: for survey tools that import a
/// list of questions (and for building a form by hand).
pub fn csv(instrument: &Instrument, lang: Lang) -> Result<String, csv::Error> {
    let most = instrument
        .scales
        .values()
        .map(|s| choices(s, lang).len())
        .max()
        .unwrap_or(0);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let (names, choice, single) = match lang {
        Lang::Nl => (
            ["id", "onderdeel", "vraag", "type"],
            "keuze",
            "enkele keuze",
        ),
        Lang::En => (
            ["id", "section", "question", "type"],
            "choice",
            "single choice",
        ),
    };
    let mut header: Vec<String> = names.map(String::from).to_vec();
    header.extend((1..=most).map(|i| format!("{choice}_{i}")));
    writer.write_record(&header)?;
    for (section, question) in instrument.questions() {
        // Texts come from an instrument file: none may run as a formula where the CSV is
        // opened.
        let text = koers::markup::spreadsheet;
        let mut record = vec![
            text(&question.id),
            text(section.title.get(lang)),
            text(question.text.get(lang)),
            single.to_string(),
        ];
        if let Some(scale) = instrument.scale_of(question) {
            record.extend(choices(scale, lang).iter().map(|c| text(c)));
        }
        record.resize(header.len(), String::new());
        writer.write_record(&record)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A printable paper form: every question with a box per choice.
pub fn markdown(instrument: &Instrument, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let escape = koers::markup::markdown;
    let mut out = format!(
        "# {} ({})\n\n",
        escape(instrument.title.get(lang)),
        escape(&instrument.version)
    );
    if let Some(description) = &instrument.description {
        out.push_str(&format!("{}\n\n", escape(description.get(lang))));
    }
    out.push_str(if nl {
        "**Zo vult u dit formulier in.** Kruis bij elke vraag één antwoord aan. Weet u het niet, kruis dan \"weet niet\" aan; kwam de situatie niet voor, dan \"n.v.t.\" (niet van toepassing). Beide laten de vraag buiten de score. Vul geen naam in.\n\n"
    } else {
        "**How to fill in this form.** Tick one answer for each question. If you do not know, tick \"don't know\"; if the situation did not occur, \"not applicable\". Both leave the question out of the score. Do not write your name.\n\n"
    });
    out.push_str(if nl {
        "Respondentcode: ____________ Functie: ______________________ Datum: ____________\n"
    } else {
        "Respondent code: ____________ Role: ______________________ Date: ____________\n"
    });
    let mut number = 0;
    for section in &instrument.sections {
        out.push_str(&format!("\n## {}\n", escape(section.title.get(lang))));
        for question in &section.questions {
            number += 1;
            out.push_str(&format!(
                "\n**{number}. {}** (`{}`)\n\n",
                escape(question.text.get(lang)),
                question.id
            ));
            if let Some(scale) = instrument.scale_of(question) {
                for choice in choices(scale, lang) {
                    out.push_str(&format!("- [ ] {}\n", escape(&choice)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sev() -> &'static Instrument {
        koers::builtin::instrument("sev").unwrap()
    }

    #[test]
    fn choices_carry_their_point_and_the_two_words() {
        let focus = choices(&sev().scales["focus"], Lang::Nl);
        assert_eq!(focus[0], "1 - Vrijwel alleen vastgoed");
        assert_eq!(focus[5..], ["weet niet", "n.v.t."]);
        let en = choices(&sev().scales["focus"], Lang::En);
        assert_eq!(en[6], "not applicable");
    }

    #[test]
    fn the_csv_has_a_row_per_question() {
        let text = csv(sev(), Lang::En).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.records().count(), sev().questions().count());
    }

    #[test]
    fn the_paper_form_numbers_every_question() {
        let text = markdown(sev(), Lang::Nl);
        let count = sev().questions().count();
        assert!(text.contains(&format!("\n**{count}. ")));
        assert!(text.contains("- [ ] n.v.t.\n"));
    }
}
