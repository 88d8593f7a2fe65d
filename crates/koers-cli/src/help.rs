//! The command line's help and man pages in the language of the run.
//!
//! clap's derive takes its texts from the English doc comments in `crate::args`, and
//! clap writes its own words around them ("Usage:", "Options:", "[default: …]"). For a
//! Dutch run, [`command`] builds the same command and then gives every command, argument
//! and heading its Dutch text, keyed on the command's name and the argument's id (never
//! on the English text). An argument without a Dutch text here is a test failure, not an
//! English line in a Dutch help.

use crate::args::Cli;
use clap::builder::Resettable;
use clap::{Arg, Command, CommandFactory};
use koers::Lang;

/// The command line of koers as `lang` shows it in `--help`, the man pages and the
/// usage line. English is clap's command as derived; Dutch is that command, built, with
/// every text said anew.
pub fn command(lang: Lang) -> Command {
    localize(Cli::command(), lang)
}

/// `command` (koers's command line, perhaps without its `help` subcommand, as the man
/// pages have it) as `lang` shows it.
pub fn localize(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Nl => {
            let mut command = command;
            // Building adds the help and version flags, the `help` subcommand and the global
            // options to every subcommand, so that they can be said in Dutch too.
            command.build();
            dutch(command, "koers")
        }
    }
}

/// The help layout of a Dutch command: clap's default with "Gebruik:" for "Usage:".
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// `command` (named `name`, the subcommand's name or `koers`) and its subcommands in
/// Dutch.
fn dutch(command: Command, name: &str) -> Command {
    let (about, examples) = command_text(name);
    let mut command = command
        .about(about)
        .long_about(Resettable::Reset)
        .after_help(examples.map_or(Resettable::Reset, |e| Resettable::Value(e.into())))
        .after_long_help(Resettable::Reset)
        .help_template(TEMPLATE)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .mut_args(|arg| dutch_arg(name, arg))
        .mut_subcommands(|sub| {
            let sub_name = sub.get_name().to_string();
            dutch(sub, &sub_name)
        });
    // The usage line as clap writes it, with the Dutch value names, and "[OPTIES]" for the
    // one word of it that clap writes itself.
    // English's hand-wrapped usage (`koers import`) is made anew, with the Dutch names.
    command = command.override_usage(Resettable::Reset);
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace("[OPTIONS]", "[OPTIES]");
    command = command.override_usage(wrap_usage(&usage));
    command
}

/// The usage line wrapped at spaces to fit 80 columns after "Gebruik: ", its further
/// lines under its first word: clap never wraps the usage line.
fn wrap_usage(usage: &str) -> String {
    const PREFIX: usize = "Gebruik: ".len();
    let mut lines: Vec<String> = vec![String::new()];
    for word in usage.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && PREFIX + line.chars().count() + 1 + word.chars().count() > 80 {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join(&format!("\n{}", " ".repeat(PREFIX)))
}

/// `arg` of command `command` in Dutch: its text, its value name, its heading, and the
/// default, the allowed values and the environment variable in Dutch words.
fn dutch_arg(command: &str, arg: Arg) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let text = arg_text(command, &id).unwrap_or(MISSING);
    let mut notes = Vec::new();
    let takes_values = arg.get_action().takes_values();
    if takes_values {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && !arg.is_hide_possible_values_set() {
            notes.push(format!("mogelijk: {}", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && !arg.is_hide_default_value_set() {
            notes.push(format!("standaard: {}", defaults.join(", ")));
        }
    }
    if let Some(env) = arg.get_env() {
        notes.push(format!("omgevingsvariabele: {}", env.to_string_lossy()));
    }
    let text = if notes.is_empty() {
        text.to_string()
    } else {
        format!("{text} [{}]", notes.join("; "))
    };
    let heading = if arg.is_positional() {
        "Argumenten"
    } else {
        "Opties"
    };
    let mut arg = arg
        .help(text)
        .long_help(Resettable::Reset)
        .hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
        .help_heading(heading);
    if takes_values && let Some(name) = value_name(command, &id) {
        arg = arg.value_name(name);
    }
    arg
}

/// What an argument without a Dutch text says; the test of every command's help finds it.
pub const MISSING: &str = "(geen Nederlandse tekst)";

/// The Dutch value name of an argument: what its placeholder in the usage says.
fn value_name(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        ("import", "output") | ("man", "dir") | ("serve", "folder") => "MAP",
        ("agenda", "size") => "AANTAL",
        ("plot", "size") => "FORMAAT",
        ("plot", "key") | ("report", "settings") | ("import", "map") => "BESTAND",
        (_, "paths") => "PADEN",
        (_, "output") => "UITVOER",
        (_, "format") => "FORMAAT",
        (_, "lang") => "TAAL",
        (_, "instrument") => "INSTRUMENT",
        (_, "matrix") => "MATRIX",
        (_, "date") => "DATUM",
        (_, "organisation") => "ORGANISATIE",
        (_, "id") | (_, "highlight") => "ID",
        (_, "kind") => "SOORT",
        (_, "round") => "RONDE",
        (_, "sheet") => "BLAD",
        (_, "responses") => "ANTWOORDEN",
        (_, "shell") => "SHELL",
        (_, "document") => "DOCUMENT",
        (_, "roles") => "ROLLEN",
        (_, "listen") => "ADRES",
        (_, "report") => "RAPPORT",
        (_, "title") => "TITEL",
        (_, "width") => "BREEDTE",
        (_, "height") => "HOOGTE",
        (_, "scale") => "SCHAAL",
        (_, "labels") => "NAMEN",
        (_, "spread") => "SPREIDING",
        (_, "facet") => "PER",
        (_, "by") => "PER",
        (_, "threads") => "AANTAL",
        (_, "color") => "WANNEER",
        (_, "method") => "2|3",
        (_, "subcommand") => "OPDRACHT",
        _ => return None,
    })
}

/// The Dutch description of a command and its examples.
fn command_text(command: &str) -> (&'static str, Option<&'static str>) {
    match command {
        "koers" => (
            "Plaatst woningcorporaties op de positioneringsmatrix van de SEV, van vastgoed naar sociaal en van verhuurder naar emancipatiecorporatie, op grond van vragenlijsten in TOML.",
            Some(
                "Voorbeelden:\n  koers init -o 2026-r01.toml\n  koers validate assessments/examples\n  koers score assessments/examples --format csv --excel -o posities.csv\n  koers plot assessments/examples -o matrix.svg",
            ),
        ),
        "init" => (
            "Schrijft een lege beoordeling om met een teksteditor in te vullen.",
            Some(
                "Voorbeelden:\n  koers init -o 2026-r01.toml\n  koers init --lang en --instrument mijn-instrument.toml",
            ),
        ),
        "validate" => (
            "Controleert beoordelingen, instrumenten en matrices; toont elk probleem met zijn plaats.",
            Some(
                "Voorbeelden:\n  koers validate assessments/examples\n  koers validate 2026-r01.toml 2026-r02.toml\n  koers validate --lang en assessments/examples",
            ),
        ),
        "score" => (
            "Berekent de posities: een rij per organisatie, soort en ronde (of datum).",
            Some(
                "Voorbeelden:\n  koers score assessments/examples\n  koers score assessments/examples/groenstede --by role\n  koers score assessments/examples --format csv --excel -o posities.csv\n  koers score assessments/examples --format xlsx -o posities.xlsx",
            ),
        ),
        "explain" => (
            "Laat zien hoe elk antwoord bijdraagt aan de positie van een beoordeling of groep.",
            Some(
                "Voorbeelden:\n  koers explain assessments/examples/portaal/portaal-2007-end.toml\n  koers explain assessments/examples/groenstede --lang en",
            ),
        ),
        "matrix" => (
            "Beschrijft de matrix: haar assen en gebieden.",
            Some(
                "Voorbeelden:\n  koers matrix\n  koers matrix --lang en\n  koers matrix --matrix mijn-matrix.toml",
            ),
        ),
        "plot" => (
            "Tekent de matrix met de posities als SVG-figuur.",
            Some(
                "Voorbeelden:\n  koers plot assessments/examples -o matrix.svg\n  koers plot assessments/examples/groenstede --respondents -o groenstede.svg\n  koers plot assessments/examples/lingehof --lang en \\\n      --title \"Lingehof 2005-2009\" -o lingehof.svg",
            ),
        ),
        "agenda" => (
            "De gespreksagenda van elke groep: waar de mensen het oneens zijn, waar de rollen verschillen en wat zij niet weten.",
            Some(
                "Voorbeelden:\n  koers agenda assessments/examples/groenstede\n  koers agenda assessments/examples --format csv > agenda.csv",
            ),
        ),
        "gap" => (
            "Wat de huidige positie scheidt van de ambitie, per as, onderdeel en vraag.",
            Some(
                "Voorbeelden:\n  koers gap assessments/examples/lingehof\n  koers gap assessments/examples --lang en",
            ),
        ),
        "profile" => (
            "Het profiel van de onderdelen per groep: de treden van de ladder en de focus, met een controle of de ladder klopt.",
            Some("Voorbeelden:\n  koers profile assessments/examples/veenstad"),
        ),
        "form" => (
            "Schrijft de vragenlijst als formulier om uit te zetten: een Excel-werkmap met een keuzelijst per antwoord, een CSV met vragen voor enquêteprogramma's, of Markdown voor papier.",
            Some(
                "Voorbeelden:\n  koers form -o vragenlijst.xlsx\n  koers form --lang en -o questionnaire.xlsx\n  koers form --format markdown -o vragenlijst.md\n  koers form --format csv --instrument mijn-instrument.toml > vragen.csv",
            ),
        ),
        "import" => (
            "Leest een spreadsheet met antwoorden (het ingevulde formulier, of een export van Microsoft Forms, Google Forms of LimeSurvey) in als een beoordelingsbestand per respondent.",
            Some(
                "Voorbeelden:\n  koers import antwoorden.xlsx --organisation \"De Dijk\" \\\n      --round 2026-voorjaar -o de-dijk\n  koers import forms-export.csv --organisation \"De Dijk\" -o de-dijk\n  koers import export.csv --organisation \"De Dijk\" --date 2026-03-01 \\\n      --map koppeling.toml -o de-dijk\n\nNamen, e-mailadressen en IP-adressen in een export worden nooit overgenomen: elke respondent krijgt een code (r01, r02, ... in de volgorde van de rijen, of de code uit een respondentkolom) en houdt een rol.",
            ),
        ),
        "report" => (
            "Het rapport om over te dragen: de matrix, de posities in woorden, en per organisatie haar profiel, agenda, verschil, traject en vergelijking, met de methode en de vragen.",
            Some(
                "Voorbeelden:\n  koers report assessments/examples -o rapport.html\n  koers report assessments/examples --organisation portaal --lang en \\\n      -o portaal.html\n  koers report assessments/examples --format markdown -o -",
            ),
        ),
        "serve" => (
            "Houdt een live sessie: deelnemers antwoorden op hun telefoon, de pagina van de gespreksleider toont de matrix, de agenda en het profiel terwijl de antwoorden binnenkomen. Elke deelnemer die klaar is, wordt een beoordelingsbestand in MAP.",
            Some(
                "Voorbeelden:\n  koers serve sessie --organisation \"De Dijk\" \\\n      --roles \"directie,wijkbeheer,verhuur\"\n  koers serve sessie --organisation \"De Dijk\" --round 2026-voorjaar \\\n      --listen 0.0.0.0:8080\n\nDe eerste regels op de standaarduitvoer geven het adres voor de deelnemers met zijn toegangscode, het adres van de gespreksleider met zijn geheime sleutel, en een QR-code. Stop met Ctrl-C; opnieuw starten op dezelfde map gaat verder met de volgende respondentcode.",
            ),
        ),
        "schema" => (
            "Schrijft het JSON-schema van een document, zodat een editor (Taplo, Even Better TOML) het aanvult en controleert tijdens het typen.",
            Some(
                "Voorbeelden:\n  koers schema --instrument sev -o sev.schema.json\n  koers schema --instrument sev --lang en\n  koers schema matrix -o matrix.schema.json\n  koers schema instrument\n\nMet --instrument noemt het schema elke vraag-id met haar tekst en de antwoorden die haar schaal toelaat, en weigert het een verkeerd gespelde id; zonder neemt [answers] elke id.",
            ),
        ),
        "completions" => (
            "Schrijft een script voor het aanvullen in de shell naar de standaarduitvoer.",
            Some(
                "Voorbeelden:\n  koers completions bash > ~/.local/share/bash-completion/completions/koers\n  koers completions zsh > ~/.zfunc/_koers\n  koers completions fish > ~/.config/fish/completions/koers.fish\n  koers completions powershell >> $PROFILE",
            ),
        ),
        "man" => (
            "Schrijft een man-pagina voor koers en voor elke opdracht in een map.",
            Some("Voorbeelden:\n  koers man --dir ~/.local/share/man/man1\n  man koers-score"),
        ),
        "help" => ("Toont deze hulp, of de hulp bij de gegeven opdracht.", None),
        _ => (MISSING, None),
    }
}

/// The Dutch text of argument `id` of `command`: first what is particular to the command,
/// then what the argument says wherever it stands.
fn arg_text(command: &str, id: &str) -> Option<&'static str> {
    let particular = match (command, id) {
        ("validate", "paths") => Some("Bestanden en mappen (in mappen wordt naar *.toml gezocht)."),
        ("validate", "lang") => Some("De taal van de meldingen."),
        ("validate", "format") => Some(
            "Hoe de problemen getoond worden: `text` als tekst op de standaardfoutuitvoer, elk probleem met zijn regel en een samenvatting; `json` als één JSON-object op de standaarduitvoer, met elke melding (bestand, regel, kolom, ernst, melding, hulp) en de aantallen.",
        ),
        ("score", "format") => Some(
            "Het uitvoerformaat: `table` uitgelijnde kolommen voor de terminal; `json` het vaste contract voor andere programma's; `csv` voor Excel en LibreOffice (velden gescheiden door komma's, getallen met een punt; zie --excel); `markdown` een tabel om in een rapport te plakken; `xlsx` een Excel-werkmap (vraagt -o).",
        ),
        ("score", "by") => Some(
            "Waar een rij voor staat: `organisation` een rij per organisatie, soort en ronde (of datum zonder ronde); `respondent` een rij per respondent; `role` een rij per rol binnen een organisatie, soort en ronde (of datum); `wijk` een rij per wijk van een organisatie met een registratie: haar trede uit de registratie, haar x uit de respondenten die er werken.",
        ),
        ("score", "lang") => Some("De taal van de namen van gebieden."),
        ("score", "excel") => Some(
            "Met --format csv: wat Nederlandstalige Excel met een dubbelklik opent (`;` tussen de velden, een decimale komma, een byte order mark).",
        ),
        ("score", "output") => Some(
            "Schrijf naar dit bestand in plaats van de standaarduitvoer (`-` is de standaarduitvoer); nodig voor --format xlsx. Een bestaand bestand wordt alleen met --force vervangen.",
        ),
        ("score", "threads") => Some(
            "Met hoeveel threads de bestanden gelezen en berekend worden; een per kern als dit niet gegeven is. De uitvoer en de meldingen zijn bij elk aantal dezelfde.",
        ),
        ("init", "lang") => Some("De taal van de vragen in het commentaar, en van de meldingen."),
        ("init", "date") => Some("De datum om in te vullen, JJJJ-MM-DD (standaard: vandaag)."),
        ("init", "register") => Some(
            "Schrijf een registratie om in te vullen in plaats van een beoordeling: de wijken van de organisatie en, per laddervraag (haar tekst als commentaar), de wijken waar het gebeurde.",
        ),
        ("init", "force") => Some(
            "Vervang een bestaand uitvoerbestand, zoals een ingevulde beoordeling. Vervangt nooit een bestand dat de opdracht leest.",
        ),
        ("explain", "paths") => {
            Some("Een beoordelingsbestand, of de bestanden (of een map) van één groep.")
        }
        ("explain", "lang") | ("matrix", "lang") | ("plot", "lang") => {
            Some("De taal van de namen en opschriften.")
        }
        ("matrix", "matrix") => {
            Some("Een ingebouwde matrix (`sev`) of het pad naar een matrixbestand.")
        }
        ("plot", "output") => Some(
            "De figuur om te schrijven: SVG, of PNG als de naam op `.png` eindigt (`-` schrijft SVG naar de standaarduitvoer; een naam met een andere extensie, zoals `.pdf`, wordt geweigerd). Een figuur die koers plot eerder tekende, wordt vervangen; elk ander bestaand bestand alleen met --force.",
        ),
        ("plot", "force") => Some(
            "Vervang een bestaand uitvoerbestand dat geen figuur van koers plot is. Vervangt nooit een bestand dat de opdracht leest.",
        ),
        ("plot", "title") => Some("De titel boven de figuur (standaard: de naam van de matrix)."),
        ("plot", "respondents") => Some("Teken elke respondent als een kleine vage stip."),
        ("plot", "width") => Some("De breedte in pixels (de standaard past op een A4-pagina)."),
        ("plot", "height") => Some(
            "De hoogte in pixels waarin de matrix, haar assen en de legenda moeten passen; de figuur eindigt onder haar onderschrift.",
        ),
        ("plot", "scale") => Some(
            "PNG-pixels per pixel van de figuur: 2 geeft 1600 × 1720 bij de standaardgrootte, scherp op een dia of een scherm met hoge resolutie.",
        ),
        ("plot", "labels") => Some(
            "Namen naast de markeringen (`all`), genummerde markeringen met een sleutel naast de figuur (`none`), of namen tot 15 organisaties en nummers daarboven (`auto`).",
        ),
        ("plot", "spread") => Some(
            "Rond elke positie: de ellips van ±1 standaardafwijking (`sd`), de rechthoek van het 95%-interval van het gemiddelde (`interval`), of niets (`none`). Standaard: sd tot 15 organisaties in kleur, daarboven niets.",
        ),
        ("plot", "highlight") => Some(
            "Toon deze organisatie (id of naam; herhaalbaar) in kleur met haar traject en ambitie, de andere als kleine grijze punten met hun mediaan als kruis.",
        ),
        ("plot", "facet") => Some(
            "`organisation`: een kleine matrix per organisatie, in een raster, elk met haar traject, ambitie en spreiding.",
        ),
        ("plot", "density") => Some(
            "Teken de organisaties die punten zijn (de andere van --highlight, of alle boven 99) als een dichtheid van zeshoekige vakken, met een legenda van wat elke tint telt.",
        ),
        ("plot", "size") => Some(
            "Het doel: `slide` (1280 × 720, 16:9), `a4` (794 pixels, de breedte van een A4-pagina bij 96 pixels per inch) of `BxH` pixels. Teksten zijn minstens 7 pt bij 0,75 pt per pixel; de figuur houdt deze grootte in plaats van te groeien voor de matrix.",
        ),
        ("plot", "key") => Some(
            "Schrijf de sleutel ook als eigen tabel: Markdown in bladen van 50 rijen, of CSV als de naam op `.csv` eindigt. Elke organisatie met haar nummer, id, positie en gebied, in de volgorde van de sleutel.",
        ),
        ("plot", "by") => Some(
            "Waar een punt voor staat: `organisation` een punt per organisatie, soort en ronde (of datum); `wijk` de wijken van één organisatie met een registratie, als schijven naar hun aantal woningen, met de organisatie ertussen (zoals `koers score --by wijk` ze plaatst). Kies met --highlight ID als meer organisaties een registratie hebben.",
        ),
        ("agenda", "size") => Some("Hoeveel vragen elke lijst van de agenda bevat."),
        ("form", "lang") => Some("De taal van de vragen en antwoorden."),
        ("form", "format") => Some(
            "Het formaat (standaard: naar de extensie van -o, anders xlsx): `xlsx` een Excel-werkmap met uitleg en een antwoordblad met een keuzelijst per antwoord; `csv` een rij per vraag met haar keuzes, voor enquêteprogramma's; `markdown` een papieren formulier om af te drukken.",
        ),
        ("form", "output") => Some(
            "Het bestand om te schrijven (`-` is de standaarduitvoer); nodig voor xlsx. Een bestaand bestand wordt alleen met --force vervangen.",
        ),
        ("import", "responses") => Some(
            "De antwoorden: een .xlsx- of .ods-werkmap, of een .csv-bestand (`,`, `;` of tab), een rij per respondent.",
        ),
        ("import", "output") => Some(
            "De map waarin een beoordelingsbestand per respondent komt (wordt gemaakt als ze ontbreekt).",
        ),
        ("import", "date") => Some(
            "De datum van elke respondent, JJJJ-MM-DD (standaard: de datumkolom van elke rij).",
        ),
        ("import", "round") => Some(
            "De ronde van de enquête, bijvoorbeeld 2026-voorjaar: voegt respondenten samen die op verschillende dagen antwoordden.",
        ),
        ("import", "sheet") => Some(
            "Het blad om te lezen (standaard: het blad waarvan de kopregel de meeste vragen noemt).",
        ),
        ("import", "map") => Some(
            "Een TOML-bestand dat andere kolomkoppen aan vraag-id's koppelt en andere antwoorden aan punten.",
        ),
        ("import", "lang") => Some(
            "De taal van de meldingen en van de vraagteksten die als commentaar worden geschreven.",
        ),
        ("import", "force") => Some(
            "Vervang bestaande bestanden in de map. Vervangt nooit een bestand dat de opdracht leest.",
        ),
        ("serve", "folder") => Some(
            "De map waarin het beoordelingsbestand van elke deelnemer die klaar is, wordt geschreven (wordt gemaakt als ze ontbreekt).",
        ),
        ("serve", "round") => Some("De ronde van de enquête, bijvoorbeeld 2026-voorjaar."),
        ("serve", "roles") => Some(
            "De rollen waaruit deelnemers kiezen, gescheiden door komma's (standaard: een vrije tekst).",
        ),
        ("serve", "listen") => Some(
            "Het adres en de poort om op te luisteren; alles behalve 127.0.0.1 is vanaf andere machines bereikbaar. Poort 0 neemt een vrije poort.",
        ),
        ("serve", "report") => Some(
            "Waar de knop van de gespreksleider het rapport schrijft (standaard: MAP-rapport.html naast de map).",
        ),
        ("serve", "date") => {
            Some("De datum van de beoordelingen, JJJJ-MM-DD (standaard: vandaag).")
        }
        ("serve", "lang") => {
            Some("De taal van de pagina's, het commentaar in de bestanden en de meldingen.")
        }
        ("report", "output") => Some(
            "Het bestand om te schrijven (`-` is de standaarduitvoer). Een bestaand bestand wordt alleen met --force vervangen.",
        ),
        ("report", "format") => Some(
            "Het uitvoerformaat: `html` een op zichzelf staand HTML-bestand dat op A4 afdrukt; `markdown` dezelfde inhoud als Markdown, zonder de figuren.",
        ),
        ("report", "lang") => Some("De taal van het rapport."),
        ("report", "organisation") => Some(
            "Rapporteer alleen over deze organisatie (haar id, of haar naam als ze geen id heeft); het rapport noemt dan geen andere organisatie.",
        ),
        ("report", "date") => Some(
            "De datum van het rapport op het voorblad, JJJJ-MM-DD (standaard: geen; het voorblad toont altijd de datum van de laatste beoordeling).",
        ),
        ("report", "settings") => Some(
            "Een instellingenbestand (TOML) met de gegevens van het voorblad: `title`, `opdrachtgever`, `author`, `date`, `version`, en `[invited]` (organisatie-id = aantal uitgenodigden).",
        ),
        ("schema", "document") => Some(
            "Het document dat het schema beschrijft: `assessment` een beoordeling, de antwoorden van één respondent (met --instrument: voor dat instrument); `instrument` de vragenlijst; `matrix` de assen en gebieden; `register` de wijken van een organisatie en waar elke praktijk van de ladder gebeurde.",
        ),
        ("schema", "instrument") => Some(
            "Voor een beoordeling van dit instrument: een ingebouwde id (`sev`) of het pad naar een instrumentbestand. Zijn vraag-id's, teksten en schalen komen in het schema.",
        ),
        ("schema", "lang") => {
            Some("De taal van de vraagteksten in het schema, en van de meldingen.")
        }
        ("completions", "shell") => Some("De shell waarin aangevuld wordt."),
        ("completions", "lang") => Some("De taal van de beschrijvingen in het script."),
        ("man", "dir") => {
            Some("De map waarin koers.1, koers-init.1, ... komen (wordt gemaakt als ze ontbreekt).")
        }
        ("man", "force") => Some("Vervang bestaande pagina's."),
        ("man", "lang") => Some("De taal van de man-pagina's."),
        ("help", "subcommand") => Some("De opdracht waarbij hulp getoond wordt."),
        _ => None,
    };
    particular.or(match id {
        "paths" => Some("Beoordelingsbestanden en mappen (in mappen wordt naar *.toml gezocht)."),
        "lang" => Some("De taal van de namen, opschriften en meldingen."),
        "format" => Some(
            "Het uitvoerformaat: `table` uitgelijnde kolommen voor de terminal; `json` voor andere programma's; `csv` voor Excel en LibreOffice (velden gescheiden door komma's, getallen met een punt); `markdown` koppen en tabellen om in een rapport te plakken.",
        ),
        "output" => Some(
            "Schrijf naar dit bestand in plaats van de standaarduitvoer (`-` is de standaarduitvoer). Een bestaand bestand wordt alleen met --force vervangen.",
        ),
        "force" => Some(
            "Vervang een bestaand uitvoerbestand. Vervangt nooit een bestand dat de opdracht leest.",
        ),
        "instrument" => Some("Het instrument: een ingebouwde id (`sev`) of het pad naar een instrumentbestand."),
        "organisation" => Some("De naam van de organisatie, zoals de beoordelingen haar geven."),
        "id" => Some("De korte sleutel van de organisatie voor het groeperen (standaard: haar naam)."),
        "kind" => Some("Waar we nu staan (`current`, ook: huidig), of waar we willen staan (`ambition`, ook: ambitie)."),
        "color" => Some(
            "Wanneer de meldingen kleur krijgen: `auto` op een terminal, tenzij `NO_COLOR` gezet is; `always` altijd, ook in een pijp of een bestand; `never` nooit.",
        ),
        "quiet" => Some(
            "Zeg niets bij succes: geen regel over wat geschreven is (problemen worden wel getoond).",
        ),
        "method" => Some(
            "De versie van de rekenmethode: 3 (de ladderregel, Bonferroni-intervallen), of 2 om uitkomsten die ermee gemaakt zijn te herhalen.",
        ),
        "help" => Some("Toon de hulp."),
        "version" => Some("Toon de versie."),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_a_dutch_text() {
        let command = command(Lang::Nl);
        let mut missing = Vec::new();
        let mut stack = vec![command];
        while let Some(command) = stack.pop() {
            if command.get_about().map(ToString::to_string).as_deref() == Some(MISSING) {
                missing.push(command.get_name().to_string());
            }
            for arg in command.get_arguments() {
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                if help.starts_with(MISSING) {
                    missing.push(format!("{} {}", command.get_name(), arg.get_id()));
                }
            }
            stack.extend(command.get_subcommands().cloned());
        }
        assert_eq!(missing, Vec::<String>::new());
    }
}
