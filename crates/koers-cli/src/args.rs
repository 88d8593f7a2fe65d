//! The command line, described with clap's derive API.

use crate::output::Output;
use clap::builder::{OsStringValueParser, PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Place Dutch housing corporations on the SEV positioning matrix.
#[derive(Debug, Parser)]
#[command(
    name = "koers",
    version,
    about,
    long_about = "Place Dutch housing corporations (woningcorporaties) on the SEV positioning \
matrix, from vastgoed to sociaal and from verhuurder to emancipatiecorporatie, from \
questionnaires written in TOML.",
    after_help = "Examples:\n  koers init -o 2026-r01.toml\n  koers validate assessments/examples\n  \
koers score assessments/examples --format csv --excel -o posities.csv\n  \
koers plot assessments/examples -o matrix.svg"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the diagnostics: `auto` on a terminal unless `NO_COLOR` is set.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: crate::console::ColorWhen,
    /// Say nothing on success: no line about what was written (problems are still shown).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// The version of the scoring method: 3 (the ladder rule, Bonferroni intervals), or 2
    /// to reproduce results made with it.
    #[arg(long, global = true, default_value = "3", value_name = "2|3", value_parser = parse_method)]
    pub method: koers::Method,
}

/// Reads `--method`: `2` or `3`.
fn parse_method(text: &str) -> Result<koers::Method, String> {
    text.parse().map_err(|e: koers::UnknownMethod| {
        crate::messages::say(
            format!("onbekende rekenmethode `{}`: verwacht 2 of 3", e.0),
            e.to_string(),
        )
    })
}

impl Cli {
    /// The language of the command, of its output and of its messages: its `--lang`, which
    /// falls back to `KOERS_LANG`, then to Dutch.
    pub fn lang(&self) -> koers::Lang {
        match &self.command {
            Command::Init(args) => args.lang,
            Command::Validate(args) => args.lang,
            Command::Score(args) => args.lang,
            Command::Explain(args) => args.lang,
            Command::Matrix(args) => args.lang,
            Command::Plot(args) => args.lang,
            Command::Agenda(args) => args.out.lang,
            Command::Gap(args) | Command::Profile(args) => args.out.lang,
            Command::Form(args) => args.lang,
            Command::Import(args) => args.lang,
            Command::Report(args) => args.lang,
            Command::Serve(args) => args.lang,
            Command::Schema(args) => args.lang,
            Command::Man(args) => args.lang,
            Command::Completions(_) => koers::Lang::default(),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write an empty assessment to fill in with any text editor.
    #[command(
        after_help = "Examples:\n  koers init -o 2026-r01.toml\n  koers init --lang en --instrument my-instrument.toml"
    )]
    Init(InitArgs),
    /// Check assessments, instruments and matrices; print every problem with its place.
    #[command(
        after_help = "Examples:\n  koers validate assessments/examples\n  koers validate 2026-r01.toml 2026-r02.toml\n  koers validate --lang en assessments/examples"
    )]
    Validate(ValidateArgs),
    /// Score assessments: one row per organisation, kind and round (or date).
    #[command(
        after_help = "Examples:\n  koers score assessments/examples\n  koers score assessments/examples/groenstede --by role\n  koers score assessments/examples --format csv --excel -o posities.csv\n  koers score assessments/examples --format xlsx -o posities.xlsx"
    )]
    Score(ScoreArgs),
    /// Show how each answer adds to the position of one assessment or group.
    #[command(
        after_help = "Examples:\n  koers explain assessments/examples/portaal/portaal-2007-end.toml\n  koers explain assessments/examples/groenstede --lang en"
    )]
    Explain(ExplainArgs),
    /// Describe the matrix: its axes and regions.
    #[command(
        after_help = "Examples:\n  koers matrix\n  koers matrix --lang en\n  koers matrix --matrix my-matrix.toml"
    )]
    Matrix(MatrixArgs),
    /// Draw the matrix with the positions as an SVG picture.
    #[command(
        after_help = "Examples:\n  koers plot assessments/examples -o matrix.svg\n  koers plot assessments/examples/groenstede --respondents -o groenstede.svg\n  koers plot assessments/examples/lingehof --lang en \\\n      --title \"Lingehof 2005-2009\" -o lingehof.svg"
    )]
    Plot(PlotArgs),
    /// The discussion agenda of each group: where its people disagree, where its roles
    /// differ, and what they do not know.
    #[command(
        after_help = "Examples:\n  koers agenda assessments/examples/groenstede\n  koers agenda assessments/examples --format csv > agenda.csv"
    )]
    Agenda(AgendaArgs),
    /// What separates the current position from the ambition, per axis, section and question.
    #[command(
        after_help = "Examples:\n  koers gap assessments/examples/lingehof\n  koers gap assessments/examples --lang en"
    )]
    Gap(AnalysisArgs),
    /// Each group's section profile: the rungs of the ladder and the focus, with a check
    /// that the ladder climbs.
    #[command(after_help = "Examples:\n  koers profile assessments/examples/veenstad")]
    Profile(AnalysisArgs),
    /// Write the questionnaire as a form to send out: an Excel workbook with a drop-down
    /// per answer, a CSV of questions for survey tools, or Markdown for paper.
    #[command(
        after_help = "Examples:\n  koers form -o vragenlijst.xlsx\n  koers form --lang en -o questionnaire.xlsx\n  koers form --format markdown -o vragenlijst.md\n  koers form --format csv --instrument my-instrument.toml > vragen.csv"
    )]
    Form(FormArgs),
    /// Read a spreadsheet of responses (the filled-in form, or an export of Microsoft
    /// Forms, Google Forms or LimeSurvey) into one assessment file per respondent.
    #[command(
        // Wrapped by hand: clap never wraps the usage line, and this one is 89 wide.
        override_usage = "koers import [OPTIONS] --output <OUTPUT> --organisation <ORGANISATION>\n       <RESPONSES>",
        after_help = "Examples:\n  koers import antwoorden.xlsx --organisation \"De Dijk\" \\\n      --round 2026-voorjaar -o de-dijk\n  koers import forms-export.csv --organisation \"De Dijk\" -o de-dijk\n  koers import export.csv --organisation \"De Dijk\" --date 2026-03-01 \\\n      --map mapping.toml -o de-dijk\n\nNames, e-mail addresses and IP addresses in an export are never copied: each respondent gets a code (r01, r02, ... in row order, or the code of a respondent column) and keeps a role."
    )]
    Import(ImportArgs),
    /// The report to hand over: the matrix, the positions in words, and per organisation
    /// its profile, agenda, gap, trajectory and peers, with the method and the questions.
    #[command(
        after_help = "Examples:\n  koers report assessments/examples -o rapport.html\n  koers report assessments/examples --organisation portaal --lang en \\\n      -o portaal.html\n  koers report assessments/examples --format markdown -o -"
    )]
    Report(ReportArgs),
    /// Run a live session: participants answer on their phones, the facilitator's page
    /// shows the matrix, the agenda and the profile as the answers come in. Every
    /// participant who finishes becomes one assessment file in FOLDER.
    #[command(
        after_help = "Examples:\n  koers serve sessie --organisation \"De Dijk\" \\\n      --roles \"directie,wijkbeheer,verhuur\"\n  koers serve sessie --organisation \"De Dijk\" --round 2026-voorjaar \\\n      --listen 0.0.0.0:8080\n\nThe first lines on standard output give the participants' address with its join code, the facilitator's address with its secret token, and a QR code. Stop with Ctrl-C; a restart on the same folder continues with the next respondent code."
    )]
    Serve(ServeArgs),

    // The toolbox: editor schemas, shell completions and man pages.
    /// Write the JSON Schema of a document, so that an editor (Taplo, Even Better TOML)
    /// completes and checks it as it is typed.
    #[command(
        after_help = "Examples:\n  koers schema --instrument sev -o sev.schema.json\n  koers schema --instrument sev --lang en\n  koers schema matrix -o matrix.schema.json\n  koers schema instrument\n\nWith --instrument the schema lists every question id with its text and the answers its scale allows, and rejects a misspelt id; without it, [answers] takes any id."
    )]
    Schema(SchemaArgs),
    /// Write a shell completion script to standard output.
    #[command(
        after_help = "Examples:\n  koers completions bash > ~/.local/share/bash-completion/completions/koers\n  koers completions zsh > ~/.zfunc/_koers\n  koers completions fish > ~/.config/fish/completions/koers.fish\n  koers completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Write a man page for koers and for each subcommand into a folder.
    #[command(
        after_help = "Examples:\n  koers man --dir ~/.local/share/man/man1\n  man koers-score"
    )]
    Man(ManArgs),
}

/// The documents `koers schema` describes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum SchemaDocument {
    /// An assessment: one respondent's answers (with --instrument: for that instrument).
    #[default]
    Assessment,
    /// An instrument: the questionnaire.
    Instrument,
    /// A matrix: the axes and regions.
    Matrix,
    /// A register: an organisation's wijken and where each ladder practice ran.
    Register,
}

/// Options of `koers schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The document the schema describes.
    #[arg(value_enum, default_value_t)]
    pub document: SchemaDocument,
    /// For an assessment of this instrument: a built-in id (`sev`) or a path to an
    /// instrument file. Its question ids, texts and scales go into the schema.
    #[arg(long)]
    pub instrument: Option<String>,
    /// The language of the question texts in the schema, and of the messages.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// Write to this file instead of standard output (`-` is standard output). An existing
    /// file is replaced only with --force.
    #[arg(short, long)]
    pub output: Option<Output>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

/// Options of `koers completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options of `koers man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write koers.1, koers-init.1, ... into (made if missing).
    #[arg(long)]
    pub dir: PathBuf,
    /// Replace existing pages.
    #[arg(long)]
    pub force: bool,
    /// The language of the pages.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
}

/// `--lang`: the library's [`koers::Lang`], read by its `FromStr`. clap offers the
/// languages' codes as the possible values (in `--help`, the completions and its "did you
/// mean"), so the CLI keeps no enum of its own that could drift from the library's.
fn lang() -> impl TypedValueParser<Value = koers::Lang> {
    let values = koers::Lang::ALL.map(|lang| {
        PossibleValue::new(lang.code()).help(match lang {
            koers::Lang::Nl => "Nederlands",
            koers::Lang::En => "English",
        })
    });
    PossibleValuesParser::new(values).try_map(|word| word.parse::<koers::Lang>())
}

/// `--kind`: the library's [`koers::Kind`], read by its `FromStr`, offered as `current`
/// and `ambition` with the Dutch words as aliases (accepted, not listed), as before.
fn kind() -> impl TypedValueParser<Value = koers::Kind> {
    let values = [
        PossibleValue::new("current")
            .help("Where we stand now (also: huidig)")
            .aliases(["huidig", "huidige"]),
        PossibleValue::new("ambition")
            .help("Where we want to be (also: ambitie)")
            .alias("ambitie"),
    ];
    PossibleValuesParser::new(values).try_map(|word| word.parse::<koers::Kind>())
}

/// Options of `koers init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The instrument: a built-in id (`sev`) or a path to an instrument file.
    #[arg(long, default_value = "sev")]
    pub instrument: String,
    /// The language of the questions in the comments, and of the messages.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// The date to fill in, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = date)]
    pub date: Option<koers::Date>,
    /// Write a register to fill in instead of an assessment: the organisation's wijken
    /// and, per ladder question (its text as a comment), the wijken where it ran.
    #[arg(long)]
    pub register: bool,
    /// Write to this file instead of standard output (`-` is standard output). An existing
    /// file is replaced only with --force.
    #[arg(short, long)]
    pub output: Option<Output>,
    /// Replace an existing output file, such as a filled-in assessment. Never replaces a
    /// file the command reads.
    #[arg(long)]
    pub force: bool,
}

/// Options of `koers validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language of the messages.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// How to show the problems: as text on standard error, or as JSON on standard output.
    #[arg(long, value_enum, default_value_t)]
    pub format: ValidateFormat,
}

/// Output formats of `koers validate`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Each problem with its line quoted, on standard error, and a summary line.
    #[default]
    Text,
    /// One JSON object on standard output: every diagnostic (file, line, column,
    /// severity, message, help) and the counts.
    Json,
}

/// Output formats of `koers score`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// The stable contract for other programs.
    Json,
    /// For Excel and LibreOffice.
    Csv,
    /// A table to paste into a report.
    Markdown,
    /// An Excel workbook (needs -o).
    Xlsx,
}

/// Output formats of `koers agenda`, `gap` and `profile`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// For other programs.
    Json,
    /// For Excel and LibreOffice.
    Csv,
    /// Headings and tables to paste into a report.
    Markdown,
}

/// What one row of `koers score` stands for. Not the library's [`koers::GroupBy`]: `wijk`
/// is the CLI's own (it places wijken from the registers the CLI loads beside the
/// assessments), so this enum stays here and maps onto the library's grouping.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// One row per organisation, kind and round (or date, without a round).
    #[default]
    Organisation,
    /// One row per respondent.
    Respondent,
    /// One row per role within an organisation, kind and round (or date).
    Role,
    /// One row per wijk of an organisation with a register: its rung from the register,
    /// its x from the respondents who work there.
    Wijk,
}

impl From<By> for koers::GroupBy {
    fn from(by: By) -> Self {
        match by {
            By::Organisation => koers::GroupBy::Organisation,
            By::Respondent => koers::GroupBy::Respondent,
            By::Role => koers::GroupBy::Role,
            By::Wijk => koers::GroupBy::Organisation,
        }
    }
}

/// Options of `koers score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Assessment files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// What one row stands for.
    #[arg(long, value_enum, default_value_t)]
    pub by: By,
    /// The language of region labels.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// With --format csv: what Dutch Excel opens by double-click (`;` between fields, a
    /// decimal comma, a byte order mark).
    #[arg(long)]
    pub excel: bool,
    /// Write to this file instead of standard output (`-` is standard output); needed
    /// for --format xlsx. An existing file is replaced only with --force.
    #[arg(short, long)]
    pub output: Option<Output>,
    /// Replace an existing output file. Never replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
    /// How many threads read and score the files; one per core when not given. The
    /// output and the messages are the same for any number.
    #[arg(long, env = "KOERS_THREADS", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// Formats of `koers form`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormFormat {
    /// An Excel workbook: instructions, and an answer sheet with a drop-down per answer.
    Xlsx,
    /// One row per question with its choices, for survey tools.
    Csv,
    /// A paper form to print.
    Markdown,
}

/// Options of `koers form`.
#[derive(Debug, Args)]
pub struct FormArgs {
    /// The instrument: a built-in id (`sev`) or a path to an instrument file.
    #[arg(long, default_value = "sev")]
    pub instrument: String,
    /// The language of the questions and answers.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// The format (default: by the extension of -o, else xlsx).
    #[arg(long, value_enum)]
    pub format: Option<FormFormat>,
    /// The file to write (`-` is standard output); needed for xlsx. An existing file is
    /// replaced only with --force.
    #[arg(short, long)]
    pub output: Option<Output>,
    /// Replace an existing output file. Never replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
}

/// Options of `koers import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The responses: an .xlsx or .ods workbook, or a .csv file (`,`, `;` or tab), one
    /// row per respondent.
    pub responses: PathBuf,
    /// The folder to write one assessment file per respondent into (made if missing).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The organisation's name, as the assessments give it.
    #[arg(long)]
    pub organisation: String,
    /// The organisation's short grouping key (default: its name).
    #[arg(long)]
    pub id: Option<String>,
    /// The date of every respondent, YYYY-MM-DD (default: each row's date column).
    #[arg(long, value_parser = date)]
    pub date: Option<koers::Date>,
    /// Where we stand now, or where we want to be.
    #[arg(long, value_parser = kind(), default_value_t)]
    pub kind: koers::Kind,
    /// The survey round, e.g. 2026-voorjaar: groups respondents who answered on
    /// different days.
    #[arg(long)]
    pub round: Option<String>,
    /// The instrument: a built-in id (`sev`) or a path to an instrument file.
    #[arg(long, default_value = "sev")]
    pub instrument: String,
    /// The sheet to read (default: the one whose header names the most questions).
    #[arg(long)]
    pub sheet: Option<String>,
    /// A TOML file that maps other headers to question ids and other answers to points.
    #[arg(long)]
    pub map: Option<PathBuf>,
    /// The language of the messages and of the question texts written as comments.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// Replace existing files in the folder. Never replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
}

/// Options of `koers serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder each finished participant's assessment file is written to (made if
    /// missing).
    pub folder: PathBuf,
    /// The organisation's name, as the assessments give it.
    #[arg(long)]
    pub organisation: String,
    /// The organisation's short grouping key (default: its name).
    #[arg(long)]
    pub id: Option<String>,
    /// The survey round, e.g. 2026-voorjaar.
    #[arg(long)]
    pub round: Option<String>,
    /// Where we stand now, or where we want to be.
    #[arg(long, value_parser = kind(), default_value_t)]
    pub kind: koers::Kind,
    /// The instrument: a built-in id (`sev`) or a path to an instrument file.
    #[arg(long, default_value = "sev")]
    pub instrument: String,
    /// The roles participants choose from, separated by commas (default: a free text).
    #[arg(long, value_delimiter = ',')]
    pub roles: Vec<String>,
    /// The address and port to listen on; anything but 127.0.0.1 can be reached from
    /// other machines. Port 0 takes a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Where the facilitator's button writes the report (default: FOLDER-rapport.html
    /// next to the folder).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// The date of the assessments, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = date)]
    pub date: Option<koers::Date>,
    /// The language of the pages, the files' comments and the messages.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
}

/// Options of `koers gap` and `koers profile`.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Assessment files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Format, language and where the output goes.
    #[command(flatten)]
    pub out: AnalysisOutput,
}

/// The output options that `koers agenda`, `gap` and `profile` share.
#[derive(Debug, Args)]
pub struct AnalysisOutput {
    /// The output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
    /// The language of labels and headings.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// Write to this file instead of standard output (`-` is standard output). An existing
    /// file is replaced only with --force.
    #[arg(short, long)]
    pub output: Option<Output>,
    /// Replace an existing output file. Never replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
}

/// Options of `koers agenda`.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Assessment files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Format, language and where the output goes.
    #[command(flatten)]
    pub out: AnalysisOutput,
    /// How many questions each list of the agenda holds.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub size: u16,
}

/// Options of `koers explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// An assessment file, or the files (or a folder) of one group.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language of labels.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
}

/// Options of `koers matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// A built-in matrix id (`sev`) or a path to a matrix file.
    #[arg(long, default_value = "sev")]
    pub matrix: String,
    /// The language of labels.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
}

/// Options of `koers plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// Assessment files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The picture to write: SVG, or PNG when the name ends in `.png` (`-` writes SVG to
    /// standard output; a name with another extension, such as `.pdf`, is refused). A
    /// picture that koers plot drew before is replaced; any other existing file only with
    /// --force.
    #[arg(short, long, value_parser = OsStringValueParser::new().try_map(picture_output))]
    pub output: Output,
    /// Replace an existing output file that is not a picture koers plot drew. Never
    /// replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
    /// The language of labels.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// The title above the picture (default: the matrix's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Draw each respondent as a small faint dot.
    #[arg(long)]
    pub respondents: bool,
    /// The width in pixels (default fits an A4 page).
    #[arg(long, default_value_t = 800, value_parser = clap::value_parser!(u32).range(500..=4000))]
    pub width: u32,
    /// The height in pixels that the matrix, its axes and the legend must fit in; the
    /// picture ends under its caption.
    #[arg(long, default_value_t = 860, value_parser = clap::value_parser!(u32).range(500..=4000))]
    pub height: u32,
    /// PNG pixels per pixel of the picture: 2 gives 1600 × 1720 for the default size,
    /// sharp on a slide or a high-resolution screen.
    #[arg(long, default_value_t = 2.0, value_parser = scale)]
    pub scale: f64,
    /// Names beside the markers (`all`), numbered markers with a key beside the plot
    /// (`none`), or names up to 15 organisations and numbers past that (`auto`).
    #[arg(long, value_enum, default_value_t)]
    pub labels: Labels,
    /// Around each position: the ±1 sd ellipse, the rectangle of the 95 % interval of the
    /// mean, or nothing. Default: sd up to 15 organisations in colour, none past that.
    #[arg(long, value_enum)]
    pub spread: Option<SpreadMode>,
    /// Show this organisation (id or name; repeatable) in colour with its trajectory and
    /// ambition, the others as small grey points with their median as a cross.
    #[arg(long, value_name = "ID")]
    pub highlight: Vec<String>,
    /// `organisation`: one small matrix per organisation, in a grid, each with its
    /// trajectory, ambition and spread.
    #[arg(long, value_enum)]
    pub facet: Option<Facet>,
    /// Draw the organisations that are points (the others of --highlight, or all past 99)
    /// as a density of hexagonal bins, with a legend of what each shade counts.
    #[arg(long)]
    pub density: bool,
    /// The target: `slide` (1280 × 720, 16:9), `a4` (794 pixels, the width of an A4
    /// page at 96 pixels per inch) or `WxH` pixels. Texts are at least 7 pt at 0.75 pt
    /// per pixel; the picture keeps this size instead of growing for the matrix.
    #[arg(long, value_parser = picture_size, conflicts_with_all = ["width", "height"])]
    pub size: Option<(u32, u32)>,
    /// Also write the key as a table of its own: Markdown in pages of 50 rows, or CSV
    /// when the name ends in `.csv`. Every organisation with its number, id, position
    /// and region, in the key's order.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// `wijk`: the wijken of one organisation with a register, as discs sized by their
    /// homes, with the organisation among them (as `koers score --by wijk` places them).
    /// With several such organisations, choose one with --highlight ID.
    #[arg(long, value_enum, default_value_t)]
    pub by: PlotBy,
}

/// What `koers plot` draws a point for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum PlotBy {
    /// One point per organisation, kind and round (or date).
    #[default]
    Organisation,
    /// One point per wijk of an organisation's register.
    Wijk,
}

/// Parses `--size`: `slide`, `a4` or `WxH`.
fn picture_size(text: &str) -> Result<(u32, u32), String> {
    match text.to_ascii_lowercase().as_str() {
        "slide" => return Ok((1280, 720)),
        "a4" => return Ok((794, 1123)),
        _ => {}
    }
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (500..=4000).contains(v))
    };
    match text.split_once(['x', 'X', '×']) {
        Some((w, h)) => match (parse(w), parse(h)) {
            (Some(w), Some(h)) => Ok((w, h)),
            _ => Err("width and height must be 500 to 4000 pixels".into()),
        },
        None => Err("expected slide, a4 or WIDTHxHEIGHT (such as 1200x900)".into()),
    }
}

/// Whether organisations are named beside their markers or numbered with a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Labels {
    /// Names up to 15 organisations in colour, numbers and a key past that; an
    /// organisation whose name finds no room is numbered too.
    #[default]
    Auto,
    /// Every name beside its marker; a name that finds no room is left out (the caption
    /// counts them).
    All,
    /// No names in the plot: every organisation numbered, with a key.
    None,
}

impl From<Labels> for koers_plot::Labels {
    fn from(labels: Labels) -> Self {
        match labels {
            Labels::Auto => koers_plot::Labels::Auto,
            Labels::All => koers_plot::Labels::All,
            Labels::None => koers_plot::Labels::None,
        }
    }
}

/// What is drawn around each position to show the spread between respondents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum SpreadMode {
    /// An ellipse of ±1 standard deviation on each axis: how far the respondents differ.
    #[default]
    Sd,
    /// A rectangle of the 95 % interval of the mean on each axis (method 2): where the
    /// position lies, given these respondents.
    Interval,
    /// Nothing.
    None,
}

impl From<SpreadMode> for koers_plot::SpreadMode {
    fn from(spread: SpreadMode) -> Self {
        match spread {
            SpreadMode::Sd => koers_plot::SpreadMode::Sd,
            SpreadMode::Interval => koers_plot::SpreadMode::Interval,
            SpreadMode::None => koers_plot::SpreadMode::None,
        }
    }
}

/// What `koers plot --facet` draws one small matrix for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Facet {
    /// One matrix per organisation.
    Organisation,
}

/// A picture's output: SVG, or PNG by the name's extension. Another extension (`.pdf`,
/// `.jpg`) is refused, rather than an SVG written under a name that promises otherwise;
/// a name without one is SVG.
fn picture_output(arg: std::ffi::OsString) -> Result<Output, String> {
    let output = Output::from(arg);
    if let Output::File(path) = &output
        && let Some(extension) = picture_extension(path)
        && extension != "svg"
        && extension != "png"
    {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        return Err(crate::messages::say(
            format!("`{name}`: koers tekent SVG en PNG: verwacht een naam op .svg of .png"),
            format!("`{name}`: koers draws SVG and PNG: expected a name ending in .svg or .png"),
        ));
    }
    Ok(output)
}

/// The extension of a picture's file name, in lower case, as [`std::path::Path`] reads it
/// (`x.` has an empty one; `x` and a hidden name such as `.matrix` have none: SVG).
pub fn picture_extension(path: &std::path::Path) -> Option<String> {
    Some(path.extension()?.to_string_lossy().to_ascii_lowercase())
}

/// A PNG scale from 0.25 to 8.
/// A date given on the command line, refused in the language of the run (clap's own
/// refusal around it is in that language too).
fn date(text: &str) -> Result<koers::Date, String> {
    text.parse::<koers::Date>()
        .map_err(|error| error.message_in(crate::messages::lang()))
}

fn scale(text: &str) -> Result<f64, String> {
    let value: f64 = text.parse().map_err(|_| {
        crate::messages::say(
            format!("`{text}` is geen getal"),
            format!("`{text}` is not a number"),
        )
    })?;
    if (0.25..=8.0).contains(&value) {
        Ok(value)
    } else {
        Err(crate::messages::say(
            format!(
                "{} ligt niet tussen 0,25 en 8",
                koers::number::shortest(value, koers::Lang::Nl)
            ),
            format!("{value} is not from 0.25 to 8"),
        ))
    }
}

/// Output formats of `koers report`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file that prints on A4.
    #[default]
    Html,
    /// The same content as Markdown, without the pictures.
    Markdown,
}

/// Options of `koers report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Assessment files and folders (folders are searched for *.toml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The file to write (`-` is standard output). An existing file is replaced only with
    /// --force.
    #[arg(short, long)]
    pub output: Output,
    /// Replace an existing output file. Never replaces a file the command reads.
    #[arg(long)]
    pub force: bool,
    /// The output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// The language of the report.
    #[arg(
        long,
        value_parser = lang(),
        default_value_t,
        env = "KOERS_LANG",
        ignore_case = true
    )]
    pub lang: koers::Lang,
    /// Report on this organisation only (its id, or its name when it has no id); the
    /// report then names no other organisation.
    #[arg(long)]
    pub organisation: Option<String>,
    /// The report's date on the cover, YYYY-MM-DD (default: none; the cover always shows
    /// the date of the latest assessment).
    #[arg(long, value_parser = date)]
    pub date: Option<koers::Date>,
    /// A settings file (TOML) with the cover's facts: title, opdrachtgever, author, date,
    /// version, and [invited] (organisation id = number invited).
    #[arg(long)]
    pub settings: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("koers").chain(args.iter().copied()))
    }

    /// The possible values clap shows for `--NAME` of `command`.
    fn possible_values(command: &str, name: &str) -> Vec<(String, Vec<String>)> {
        let cli = Cli::command();
        let sub = cli.find_subcommand(command).unwrap();
        let arg = sub
            .get_arguments()
            .find(|a| a.get_long() == Some(name))
            .unwrap();
        arg.get_possible_values()
            .iter()
            .map(|v| {
                let names = v.get_name_and_aliases().map(str::to_string).collect();
                (v.get_name().to_string(), names)
            })
            .collect()
    }

    /// `--lang` and `--kind` are the library's enums, read by its `FromStr`, and clap
    /// still knows their words for help, completions and "did you mean".
    #[test]
    fn lang_and_kind_are_the_librarys_enums_with_their_words_listed() {
        let lang = possible_values("score", "lang");
        let codes: Vec<&str> = lang.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(codes, koers::Lang::ALL.map(koers::Lang::code));
        for (code, _) in &lang {
            let cli = parse(&["score", "x", "--lang", &code.to_uppercase()]).unwrap();
            assert_eq!(cli.lang().code(), code.as_str());
        }
        let kinds = possible_values("import", "kind");
        let names: Vec<&str> = kinds.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["current", "ambition"]);
        for (name, words) in &kinds {
            let meant: koers::Kind = name.parse().unwrap();
            for word in words {
                let cli = parse(&[
                    "import",
                    "x.csv",
                    "-o",
                    "y",
                    "--organisation",
                    "o",
                    "--kind",
                    word,
                ])
                .unwrap();
                let Command::Import(args) = cli.command else {
                    unreachable!()
                };
                assert_eq!(args.kind, meant, "--kind {word}");
            }
        }
        // A word clap does not list is refused by clap, with its suggestion.
        let error = parse(&["score", "x", "--lang", "e"]).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::InvalidValue);
        assert!(error.to_string().contains("'en'"), "{error}");
    }
}
