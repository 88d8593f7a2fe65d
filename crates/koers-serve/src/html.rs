//! The pages: plain HTML forms with inline CSS, a mobile viewport, no external asset and
//! no script but the facilitator page's own (served by the session, never inline). Every
//! text that comes from a participant or a file is escaped with koers-plot's [`escape`].

use crate::{Config, MIN_SHOWN, View};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use koers::{Answer, Error as KoersError, Group, Instrument, Lang, Question, Score};
use koers_plot::{PlotOptions, escape};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The Dutch or the English text.
pub fn t<'a>(lang: Lang, nl: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.4;color:#1b1b1b}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.6rem}\
fieldset{border:1px solid #ccc;border-radius:.4rem;margin:0 0 1rem;padding:.6rem .8rem}\
legend{font-weight:600;padding:0 .3rem}\
label.o{display:block;padding:.35rem 0}\
input[type=radio]{transform:scale(1.3);margin-right:.6rem}\
button{font-size:1.05rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1d4f91;background:#1d4f91;color:#fff}\
.p{color:#a40000;font-weight:600}.n{color:#555}.w{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}\
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}\
.big{font-size:2rem;font-weight:700;letter-spacing:.15em}svg{max-width:100%;height:auto}";

/// The content security policy of every page: nothing from elsewhere, no script, inline
/// styles and images (the QR code) only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";

/// The facilitator page's policy: as [`CSP`], and its own script from this server, which
/// may read the live updates and the page.
pub const FACILITATOR_CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";

/// The facilitator page's script (`/f/{token}/live.js`): on every live update whose
/// version is not the page's, it fetches the page again and puts its body in place; one
/// fetch at a time. Without `EventSource` it reloads every five seconds, as the page does
/// without JavaScript.
pub const LIVE_SCRIPT: &str = r#""use strict";
(function () {
  var base = location.pathname.replace(/^(\/f\/[^\/]+).*$/, "$1");
  var live = document.getElementById("live");
  if (!live) { return; }
  var shown = live.getAttribute("data-version");
  if (!window.EventSource || !window.fetch || !window.DOMParser) {
    setTimeout(function () { location.replace(base); }, 5000);
    return;
  }
  var wanted = shown;
  var busy = false;
  function update() {
    if (busy || wanted === shown) { return; }
    busy = true;
    var asked = wanted;
    fetch(base, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        document.body.replaceWith(page.body);
        shown = asked;
      })
      .catch(function () {})
      .then(function () { busy = false; if (shown === asked) { update(); } });
  }
  var events = new EventSource(base + "/events");
  events.addEventListener("view", function (event) {
    wanted = event.lastEventId;
    update();
  });
})();
"#;

/// A whole page; `head` goes at the end of its head.
fn page_with(status: StatusCode, lang: Lang, title: &str, head: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><style>{STYLE}</style>{head}</head><body>\n{body}\n</body></html>\n",
        t(lang, "nl", "en"),
        escape(title)
    );
    (status, Html(html)).into_response()
}

/// A whole page.
fn page(status: StatusCode, lang: Lang, title: &str, body: &str) -> Response {
    page_with(status, lang, title, "", body)
}

/// A page with a heading and one sentence.
pub fn message(status: StatusCode, lang: Lang, title: &str, text: &str) -> Response {
    page(
        status,
        lang,
        title,
        &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(text)),
    )
}

/// The form to type the join code, answered 403 (no code, or a wrong one).
pub fn code_form(status: StatusCode, lang: Lang, wrong: bool) -> Response {
    let problem = if wrong {
        format!(
            "<p class=\"p\">{}</p>",
            t(lang, "Deze code klopt niet.", "This code is not valid.")
        )
    } else {
        String::new()
    };
    page(
        status,
        lang,
        t(lang, "Deelnemen", "Join"),
        &format!(
            "<h1>{}</h1>{problem}<form method=\"get\" action=\"/\"><p><label>{} \
<input name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\" required></label></p>\
<p><button type=\"submit\">{}</button></p></form>",
            t(lang, "Deelnemen aan de sessie", "Join the session"),
            t(lang, "Code:", "Code:"),
            t(lang, "Verder", "Continue"),
        ),
    )
}

/// The form to join: the code again (hidden) and a role.
pub fn join_form(lang: Lang, code: &str, roles: &[String], organisation: &str) -> Response {
    let role = if roles.is_empty() {
        format!(
            "<p><label>{} <input name=\"role\" maxlength=\"60\" autocomplete=\"off\"></label></p>",
            t(
                lang,
                "Uw rol (mag leeg blijven):",
                "Your role (may stay empty):"
            )
        )
    } else {
        let mut options = format!(
            "<option value=\"\">{}</option>",
            t(lang, "(geen)", "(none)")
        );
        for r in roles {
            let _ = write!(options, "<option>{}</option>", escape(r));
        }
        format!(
            "<p><label>{} <select name=\"role\">{options}</select></label></p>",
            t(lang, "Uw rol:", "Your role:")
        )
    };
    page(
        StatusCode::OK,
        lang,
        t(lang, "Deelnemen", "Join"),
        &format!(
            "<h1>{}</h1><p>{}</p><form method=\"post\" action=\"/join\">\
<input type=\"hidden\" name=\"code\" value=\"{}\">{role}<p class=\"n\">{}</p>\
<p><button type=\"submit\">{}</button></p></form>",
            escape(organisation),
            t(
                lang,
                "U beantwoordt de vragenlijst anoniem: er wordt geen naam of e-mailadres gevraagd. Niemand ziet uw antwoorden; de begeleider ziet alleen de groep, vanaf drie deelnemers.",
                "You answer the questionnaire anonymously: no name or e-mail address is asked. Nobody sees your answers; the facilitator sees only the group, from three participants on."
            ),
            escape(code),
            t(
                lang,
                "Bewaar de link van de volgende pagina: daarmee gaat u verder als uw telefoon op slot ging.",
                "Keep the link of the next page: it lets you go on after your phone locked."
            ),
            t(lang, "Beginnen", "Start"),
        ),
    )
}

/// The value of an answer in a form.
pub fn answer_value(answer: Answer) -> String {
    match answer {
        Answer::Point(p) => p.to_string(),
        Answer::Unknown => "weet-niet".to_string(),
        Answer::NotApplicable => "nvt".to_string(),
    }
}

/// An answer from a form: a whole number, `weet-niet`, `nvt`, or nothing (empty).
pub fn read_value(value: &str) -> Result<Option<Answer>, ()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value {
        "weet-niet" => return Ok(Some(Answer::Unknown)),
        "nvt" => return Ok(Some(Answer::NotApplicable)),
        _ => {}
    }
    value
        .parse::<i64>()
        .map(|p| Some(Answer::Point(p)))
        .map_err(|_| ())
}

/// The point nearest to `value` on the scale, with its label: "5 (helemaal sociaal)".
fn nearest(lang: Lang, instrument: &Instrument, question: &Question, value: i64) -> String {
    let Some(scale) = instrument.scale_of(question) else {
        return String::new();
    };
    let point = value.clamp(scale.min, scale.max);
    match scale.label(point) {
        Some(label) => format!("{point} ({})", label.get(lang)),
        None => point.to_string(),
    }
}

/// A value that is no answer at all.
pub fn not_a_point(
    lang: Lang,
    instrument: &Instrument,
    question: &Question,
    value: &str,
) -> String {
    let (min, max) = instrument
        .scale_of(question)
        .map_or((0, 0), |s| (s.min, s.max));
    format!(
        "{} \"{}\" {} {min}–{max}.",
        t(lang, "Het antwoord", "The answer"),
        koers_survey::shorten(value, 30),
        t(
            lang,
            "is geen punt van de schaal",
            "is no point of the scale"
        ),
    )
}

/// koers's refusal of an answer, in words for the participant, by question.
pub fn refusal(
    lang: Lang,
    instrument: &Instrument,
    error: &KoersError,
) -> Option<(String, String)> {
    match error {
        KoersError::AnswerOffScale {
            question,
            value,
            min,
            max,
            ..
        } => {
            let q = instrument.question(question)?;
            Some((
                question.clone(),
                format!(
                    "{value} {} {min}–{max}; {} {}.",
                    t(lang, "past niet op de schaal", "is off the scale"),
                    t(
                        lang,
                        "het dichtstbijzijnde antwoord is",
                        "the nearest answer is"
                    ),
                    nearest(lang, instrument, q, *value)
                ),
            ))
        }
        KoersError::UnknownNotAllowed {
            question, min, max, ..
        } => Some((
            question.clone(),
            format!(
                "{} {min}–{max}.",
                t(
                    lang,
                    "Deze vraag staat \"weet niet\" en \"n.v.t.\" niet toe: kies een punt van",
                    "This question does not allow \"don't know\" or \"not applicable\": choose a point from"
                )
            ),
        )),
        _ => None,
    }
}

/// What a section page shows.
pub struct SectionPage<'a> {
    pub status: StatusCode,
    pub lang: Lang,
    pub instrument: &'a Instrument,
    pub key: &'a str,
    pub csrf: &'a str,
    /// The section's index among the instrument's sections.
    pub section: usize,
    /// The page number, from 1.
    pub n: usize,
    pub of: usize,
    /// The values to show checked, by question id.
    pub values: &'a BTreeMap<String, String>,
    /// A refusal per question id.
    pub problems: &'a BTreeMap<String, String>,
}

/// One section as a form.
pub fn section_form(p: &SectionPage<'_>) -> Response {
    let lang = p.lang;
    let section = &p.instrument.sections[p.section];
    let mut body = format!(
        "<p class=\"n\">{} {} {} {}</p><h1>{}</h1>",
        t(lang, "Sectie", "Section"),
        p.n,
        t(lang, "van", "of"),
        p.of,
        escape(section.title.get(lang))
    );
    if !p.problems.is_empty() {
        let _ = write!(
            body,
            "<p class=\"p\">{}</p>",
            t(
                lang,
                "Niet opgeslagen: kijk naar de rode regels.",
                "Not saved: see the lines in red."
            )
        );
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/p/{}/s/{}\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(p.key),
        p.n,
        escape(p.csrf)
    );
    for question in &section.questions {
        let Some(scale) = p.instrument.scale_of(question) else {
            continue;
        };
        let name = format!("q-{}", question.id);
        let chosen = p.values.get(&question.id).map(String::as_str);
        let _ = write!(
            body,
            "<fieldset><legend>{}</legend>",
            escape(question.text.get(lang))
        );
        if let Some(problem) = p.problems.get(&question.id) {
            let _ = write!(body, "<p class=\"p\">{}</p>", escape(problem));
        }
        let mut option = |value: &str, text: &str| {
            let checked = if chosen == Some(value) {
                " checked"
            } else {
                ""
            };
            let _ = write!(
                body,
                "<label class=\"o\"><input type=\"radio\" name=\"{}\" value=\"{}\"{checked}>{}</label>",
                escape(&name),
                escape(value),
                escape(text)
            );
        };
        for point in scale.min..=scale.max {
            let label = scale
                .label(point)
                .map_or(String::new(), |l| format!(" – {}", l.get(lang)));
            option(&point.to_string(), &format!("{point}{label}"));
        }
        if scale.unknown {
            let [unknown, not_applicable] = koers_survey::unknown_words(lang);
            option("weet-niet", unknown);
            option("nvt", not_applicable);
        }
        body.push_str("</fieldset>");
    }
    let _ = write!(
        body,
        "<p><button type=\"submit\">{}</button></p></form><p class=\"n\">{} <a href=\"/p/{}\">{}</a></p>",
        if p.n == p.of {
            t(lang, "Versturen", "Send")
        } else {
            t(lang, "Volgende", "Next")
        },
        t(lang, "Verder op een ander moment:", "Go on later:"),
        escape(p.key),
        t(lang, "uw eigen link", "your own link"),
    );
    page(p.status, lang, section.title.get(lang), &body)
}

/// While the file is written (a second click on the last page).
pub fn saving(lang: Lang) -> Response {
    let mut response = message(
        StatusCode::OK,
        lang,
        t(lang, "Opslaan…", "Saving…"),
        t(
            lang,
            "Uw antwoorden worden opgeslagen.",
            "Your answers are being saved.",
        ),
    );
    response
        .headers_mut()
        .insert(header::REFRESH, HeaderValue::from_static("1"));
    response
}

/// A number as the language writes it, one decimal.
fn number(lang: Lang, value: f64) -> String {
    koers::number::fixed(value, 1, lang)
}

/// The last page: the participant's own position.
pub fn result(
    lang: Lang,
    instrument: &Instrument,
    respondent: &str,
    role: Option<&str>,
    score: &Score,
) -> Response {
    let mut body = format!(
        "<h1>{}</h1><p>{} <b>{}</b>{}.</p>",
        t(lang, "Dank u wel", "Thank you"),
        t(
            lang,
            "Uw antwoorden zijn opgeslagen als",
            "Your answers are saved as"
        ),
        escape(respondent),
        role.map_or(String::new(), |r| format!(
            " ({} {})",
            t(lang, "rol:", "role:"),
            escape(r)
        )),
    );
    match score.position {
        Some(point) => {
            let _ = write!(
                body,
                "<h2>{}</h2><p>{} <b>{}</b> ({}) · {} <b>{}</b> ({})</p>",
                t(lang, "Uw eigen positie", "Your own position"),
                escape(instrument.matrix.x.label.get(lang)),
                number(lang, point.x),
                escape(t(
                    lang,
                    "van vastgoed (0) naar sociaal (100)",
                    "from property (0) to social (100)"
                )),
                escape(instrument.matrix.y.label.get(lang)),
                number(lang, point.y),
                escape(t(lang, "van 0 tot 100", "from 0 to 100")),
            );
            if let Some(region) = &score.region {
                let _ = write!(
                    body,
                    "<p>{} <b>{}</b>.</p>",
                    t(lang, "Dat is in het gebied", "That is in the region"),
                    escape(region.label.get(lang))
                );
            }
            if !score.reliable {
                let _ = write!(
                    body,
                    "<p class=\"n\">{}</p>",
                    t(
                        lang,
                        "Uw positie rust op weinig antwoorden (veel \"weet niet\" of open vragen) en telt daarom niet mee in de groep.",
                        "Your position rests on few answers (many \"don't know\" or open questions) and so does not count in the group."
                    )
                );
            }
        }
        None => {
            let _ = write!(
                body,
                "<p>{}</p>",
                t(
                    lang,
                    "Er zijn te weinig antwoorden voor een eigen positie.",
                    "There are too few answers for a position of your own."
                )
            );
        }
    }
    let _ = write!(
        body,
        "<p class=\"n\">{}</p>",
        t(
            lang,
            "De groepspositie ziet u straks op het scherm van de begeleider.",
            "The group's position will be on the facilitator's screen."
        )
    );
    page(
        StatusCode::OK,
        lang,
        t(lang, "Dank u wel", "Thank you"),
        &body,
    )
}

/// What the facilitator's page shows.
pub struct FacilitatorPage<'a> {
    pub lang: Lang,
    pub config: &'a Config,
    pub token: &'a str,
    pub csrf: &'a str,
    pub participant_url: &'a str,
    pub join_code: &'a str,
    pub view: &'a View,
    /// The version of the state the view was made from (see the live updates).
    pub version: u64,
    /// Whether the page refreshes itself without JavaScript (not a page that answers a
    /// form: that would send it again).
    pub refresh: bool,
    /// The group, once [`MIN_SHOWN`] participants' positions are in it.
    pub group: Option<&'a Group>,
    pub scores: &'a [Score],
    /// A line above everything (the report written).
    pub notice: Option<&'a str>,
}

/// The facilitator's page. With JavaScript it follows the live updates (server-sent
/// events); without, it refreshes itself every five seconds.
pub fn facilitator(p: &FacilitatorPage<'_>) -> Response {
    let lang = p.lang;
    let config = p.config;
    let instrument = &config.instrument;
    let mut body = format!(
        "<h1 id=\"live\" data-version=\"{}\">{}</h1>",
        p.version,
        escape(&config.organisation)
    );
    if let Some(notice) = p.notice {
        let _ = write!(body, "<p class=\"p\">{}</p>", escape(notice));
    }
    let counts = format!(
        "<p>{} <b>{}</b> · {} <b>{}</b>{}</p>",
        t(lang, "Begonnen:", "Started:"),
        p.view.started,
        t(lang, "klaar:", "finished:"),
        p.view.finished,
        if p.view.closed {
            format!(" · <b>{}</b>", t(lang, "gesloten", "closed"))
        } else if p.view.answering > 0 {
            format!(
                " · {} <b>{}</b>",
                t(lang, "nog bezig:", "still answering:"),
                p.view.answering
            )
        } else {
            String::new()
        }
    );
    if p.view.closed {
        // A closed session takes no one: no way in is shown (no address, code or QR
        // code on the projected screen).
        let _ = write!(
            body,
            "<p class=\"p\">{}</p>{counts}",
            t(
                lang,
                "De sessie is gesloten: er kan niemand meer meedoen en er worden geen antwoorden meer aangenomen.",
                "The session is closed: no one can join and no answers are taken any more."
            ),
        );
    } else {
        let qr = crate::qr_svg(p.participant_url)
            .map(|svg| {
                svg.find("<svg")
                    .map_or(String::new(), |i| svg[i..].to_string())
            })
            .unwrap_or_default();
        let _ = write!(
            body,
            "<div class=\"w\"><div>{qr}</div><div><p>{}</p><p><code>{}</code></p><p>{}</p><p class=\"big\">{}</p>\
{counts}</div></div>",
            t(lang, "Deelnemers openen:", "Participants open:"),
            escape(p.participant_url),
            t(lang, "Code:", "Code:"),
            escape(p.join_code),
        );
    }
    match p.group {
        None => {
            let _ = write!(
                body,
                "<p>{}</p>",
                match lang {
                    Lang::Nl => format!(
                        "De positie verschijnt zodra {MIN_SHOWN} deelnemers klaar zijn die genoeg hebben beantwoord voor een positie."
                    ),
                    Lang::En => format!(
                        "The position appears once {MIN_SHOWN} participants have finished who answered enough for a position."
                    ),
                }
            );
        }
        Some(group) => group_part(&mut body, lang, instrument, group, p.scores),
    }
    let close = if p.view.closed {
        String::new()
    } else {
        format!(
            "<form method=\"post\" action=\"/f/{token}/close\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button type=\"submit\">{}</button></form>",
            t(lang, "Sessie sluiten", "Close the session"),
            token = escape(p.token),
            csrf = escape(p.csrf),
        )
    };
    let _ = write!(
        body,
        "<h2>{}</h2><div class=\"w\">{close}\
<form method=\"post\" action=\"/f/{token}/report\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button type=\"submit\">{}</button></form></div>\
<p class=\"n\">{} <code>koers report {} -o rapport.html</code></p>",
        t(lang, "Sessie", "Session"),
        t(lang, "Rapport schrijven", "Write the report"),
        t(lang, "Of later:", "Or later:"),
        escape(&config.folder.display().to_string()),
        token = escape(p.token),
        csrf = escape(p.csrf),
    );
    let _ = write!(
        body,
        "<script src=\"/f/{}/live.js\"></script>",
        escape(p.token)
    );
    let head = if p.refresh {
        format!(
            "<noscript><meta http-equiv=\"refresh\" content=\"5; url=/f/{}\"></noscript>",
            escape(p.token)
        )
    } else {
        String::new()
    };
    let mut response = page_with(StatusCode::OK, lang, &config.organisation, &head, &body);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(FACILITATOR_CSP),
    );
    response
}

/// The step before closing while `answering` participants have not finished: what they
/// answered is lost, so the facilitator confirms or goes back.
pub fn close_confirm(lang: Lang, token: &str, csrf: &str, answering: usize) -> Response {
    let title = t(lang, "Sessie sluiten?", "Close the session?");
    let text = match (lang, answering) {
        (Lang::Nl, 1) => "1 deelnemer is begonnen maar nog niet klaar. Sluit u nu, dan gaan de antwoorden van deze deelnemer verloren.".to_string(),
        (Lang::Nl, n) => format!("{n} deelnemers zijn begonnen maar nog niet klaar. Sluit u nu, dan gaan hun antwoorden verloren."),
        (Lang::En, 1) => "1 participant started but has not finished. If you close now, their answers are lost.".to_string(),
        (Lang::En, n) => format!("{n} participants started but have not finished. If you close now, their answers are lost."),
    };
    page(
        StatusCode::OK,
        lang,
        title,
        &format!(
            "<h1>{}</h1><p class=\"p\">{}</p><div class=\"w\">\
<form method=\"post\" action=\"/f/{token}/close\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><input type=\"hidden\" name=\"confirm\" value=\"ja\"><button type=\"submit\">{}</button></form>\
<p><a href=\"/f/{token}\">{}</a></p></div>",
            escape(title),
            escape(&text),
            t(lang, "Toch sluiten", "Close anyway"),
            t(lang, "Terug, nog niet sluiten", "Back, do not close yet"),
            token = escape(token),
            csrf = escape(csrf),
        ),
    )
}

/// The matrix, the position, the agenda and the profile of the group.
fn group_part(
    body: &mut String,
    lang: Lang,
    instrument: &Instrument,
    group: &Group,
    scores: &[Score],
) {
    // The group alone: its position and its spread, never a participant's own point
    // (the join page promises that the facilitator sees only the group, and on a
    // projected screen a dot can be recognised by whoever just answered).
    let options = PlotOptions {
        lang,
        respondents: false,
        width: 640,
        height: 690,
        ..PlotOptions::default()
    };
    let svg = koers_plot::render(instrument, std::slice::from_ref(group), &options);
    let _ = write!(
        body,
        "<h2>{}</h2><div>{svg}</div>",
        t(lang, "De matrix", "The matrix")
    );
    if let Some(point) = group.position {
        let _ = write!(
            body,
            "<p>{} <b>{}</b> · {} <b>{}</b>{}{}</p>",
            escape(instrument.matrix.x.label.get(lang)),
            number(lang, point.x),
            escape(instrument.matrix.y.label.get(lang)),
            number(lang, point.y),
            group.region.as_ref().map_or(String::new(), |r| format!(
                " · {}",
                escape(r.label.get(lang))
            )),
            match (group.spread.x, group.spread.y) {
                (Some(x), Some(y)) => format!(
                    " · {} ±{} / ±{}",
                    t(lang, "spreiding (sd)", "spread (sd)"),
                    number(lang, x),
                    number(lang, y)
                ),
                _ => String::new(),
            }
        );
    }
    let _ = write!(
        body,
        "<p class=\"n\">{} {}</p>",
        group.respondents,
        t(lang, "deelnemers klaar", "participants finished"),
    );
    let agenda = koers::analysis::agenda(instrument, group, scores, 5);
    let question = |id: &str| {
        instrument
            .question(id)
            .map_or_else(|| id.to_string(), |q| q.text.get(lang).to_string())
    };
    let _ = write!(
        body,
        "<h2>{}</h2><h3>{}</h3><ol>",
        t(lang, "Agenda", "Agenda"),
        t(lang, "Meeste verschil van mening", "Most disagreement")
    );
    for q in &agenda.disagreement {
        let _ = write!(
            body,
            "<li>{}{}</li>",
            escape(&question(&q.id)),
            q.sd.map_or(String::new(), |sd| format!(
                " <span class=\"n\">(sd {})</span>",
                number(lang, sd)
            ))
        );
    }
    let _ = write!(
        body,
        "</ol><h3>{}</h3><ol>",
        t(lang, "Meeste \"weet niet\"", "Most \"don't know\"")
    );
    for q in agenda.unknown.iter().filter(|q| q.unknown > 0.0) {
        let _ = write!(
            body,
            "<li>{} <span class=\"n\">({} %)</span></li>",
            escape(&question(&q.id)),
            (q.unknown * 100.0).round()
        );
    }
    body.push_str("</ol>");
    let profile = koers::analysis::profile(instrument, group);
    let _ = write!(
        body,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "Profiel", "Profile"),
        t(lang, "onderdeel", "section"),
        t(lang, "score", "score"),
        t(lang, "beantwoord", "answered"),
    );
    for s in &profile.sections {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{} %</td></tr>",
            escape(s.title.get(lang)),
            s.score.map_or("–".to_string(), |v| number(lang, v)),
            (s.coverage * 100.0).round()
        );
    }
    body.push_str("</table>");
}
