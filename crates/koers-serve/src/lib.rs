//! A live koerssessie: participants answer on their phones, the facilitator sees the
//! matrix appear.
//!
//! [`Session::open`] reads the session's folder (the assessment files already there, so
//! that a restarted session continues with the next respondent code) and makes the
//! secrets: a join code for the participants and a token for the facilitator.
//! [`Session::router`] is the web application (axum); [`serve`] runs it on a listener
//! until a future completes.
//!
//! - Participants open `/?code=CODE`, join (with a role from the facilitator's list, if
//!   any) and answer one section per page at `/p/{key}/s/{n}`; the key in the address is
//!   theirs alone and lets them resume after the phone locked. Every page is a plain
//!   HTML form: no JavaScript, no external asset.
//! - Answers are checked by koers as a file's are ([`koers::Instrument::check`]); an
//!   answer off the scale is refused with the nearest label.
//! - A participant who submits the last section becomes one assessment file in the
//!   folder, named and written as `koers import` names and writes them (respondent codes
//!   r01, r02, …), atomically and never replacing a file. Answers of participants who
//!   have not finished stay in memory only: a stopped server forgets them, and the folder
//!   holds only whole assessments.
//! - The facilitator's page `/f/{token}` (and `/f/{token}/state.json`) shows how many
//!   started and finished and, from three finished on, the matrix with the group's
//!   position, the agenda and the profile, computed from the folder's files exactly as
//!   `koers score FOLDER` does; it closes the session and writes the report. Its own
//!   script (`/f/{token}/live.js`) follows `/f/{token}/events` (server-sent events) and
//!   fetches the page again when something changed; without JavaScript the page refreshes
//!   itself every five seconds.
//! - Too many requests are slowed down ([`rate`]): per participant, per address as a
//!   ceiling, and the facilitator on their own.
//!
//! Nothing here prints, exits or reads process-wide state: the caller gives the
//! date, the addresses and the language.

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod html;
pub mod rate;
pub mod secret;
pub mod store;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Form, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use koers::{
    Answer, Assessment, AssessmentInfo, Date, Group, GroupBy, Instrument, Kind, Lang, Organisation,
    Point, Score, Source, aggregate,
};
use rate::{Bucket, Limiter, Limits, Rate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

/// The most bytes a request body may have.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The fewest finished participants before the facilitator's page shows a position: with
/// fewer, one participant's answers could be read from it.
pub const MIN_SHOWN: usize = 3;

/// Whether the facilitator may see `group`: the positions of [`MIN_SHOWN`] or more
/// participants are in its mean. Counting finished participants is not enough: one who
/// answered too little is left out (three finished, one left out, is a position of two),
/// and when nobody answered enough nobody is left out, yet one whose every answer is
/// "weet niet" has no position, so three finished could be one person's position.
fn shown(group: &Group) -> bool {
    group.points.len() >= MIN_SHOWN
}

/// How a session is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder the assessment files are written to (it exists).
    pub folder: PathBuf,
    /// The organisation's name.
    pub organisation: String,
    /// The organisation's grouping key.
    pub id: Option<String>,
    /// The survey round.
    pub round: Option<String>,
    /// Current position or ambition.
    pub kind: Kind,
    /// The date of every assessment (the caller's today).
    pub date: Date,
    /// The questionnaire.
    pub instrument: Arc<Instrument>,
    /// How the files name the instrument: a built-in id, or a path relative to the folder.
    pub instrument_ref: String,
    /// The roles a participant chooses from; empty: a role is free text (optional).
    pub roles: Vec<String>,
    /// The language of the pages and of the files' comments.
    pub lang: Lang,
    /// Where the report is written; `None`: next to the folder, `FOLDER-rapport.html`.
    pub report: Option<PathBuf>,
    /// How many requests a participant, the facilitator and an address may make.
    pub limits: Limits,
    /// The participants' address as they reach it, without a trailing slash
    /// (`http://192.168.1.20:8080`): for the QR code and the links.
    pub base_url: String,
}

/// Why a session cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The folder cannot be read.
    #[error("{0}")]
    Folder(#[from] std::io::Error),
    /// The system gives no randomness for the secrets.
    #[error("{0}")]
    Random(getrandom::Error),
}

/// A live session: its configuration, secrets and state, shared by every request.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    join_code: String,
    token: String,
    /// The CSRF token of the facilitator's forms.
    facilitator_csrf: String,
    state: Mutex<Status>,
    /// Held while a file is written: one respondent code at a time.
    writer: tokio::sync::Mutex<()>,
    limiter: Mutex<Limiter>,
    /// The state's version, raised on every change the facilitator sees, and whether the
    /// server stops (which ends the facilitator's live updates).
    changes: tokio::sync::watch::Sender<Changes>,
}

/// What the facilitator's live updates follow.
#[derive(Debug, Clone, Copy, Default)]
struct Changes {
    version: u64,
    stopping: bool,
}

/// Where a participant is.
#[derive(Debug, Clone)]
enum Done {
    /// Still answering.
    No,
    /// The last section was submitted and the file is being written.
    Writing,
    /// The file is written.
    Yes {
        /// The respondent code.
        respondent: String,
        /// Their own score.
        score: Box<Score>,
    },
}

#[derive(Debug)]
struct Participant {
    /// The secret part of the key.
    secret: String,
    csrf: String,
    role: Option<String>,
    answers: BTreeMap<String, Answer>,
    /// The sections (0-based) submitted.
    submitted: BTreeSet<usize>,
    done: Done,
}

#[derive(Debug, Default)]
struct Status {
    /// By the public part of their key.
    participants: HashMap<String, Participant>,
    closed: bool,
    /// The next respondent number to try.
    next: u32,
    /// The folder's assessments of this instrument, by file name, scored.
    scores: BTreeMap<String, Score>,
    /// Files written by this run.
    written: usize,
}

/// The facilitator's view as JSON (`/f/{token}/state.json`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct View {
    /// Participants who joined in this run.
    pub started: usize,
    /// Assessments of this session's group in the folder (this run's and a restarted
    /// session's).
    pub finished: usize,
    /// Participants of this run who joined and have not sent their last section: what
    /// they answered is lost when the session closes.
    pub answering: usize,
    /// Whether the session takes no more answers.
    pub closed: bool,
    /// The group's position, once [`MIN_SHOWN`] participants' positions are in it.
    pub position: Option<Point>,
    /// The region of the position (its id).
    pub region: Option<String>,
    /// The region in words.
    pub region_label: Option<String>,
    /// Whether the group's position is sufficiently answered.
    pub reliable: Option<bool>,
    /// The standard deviation between respondents per axis.
    pub spread: Option<[Option<f64>; 2]>,
    /// The questions the group disagrees on most (ids).
    pub disagreement: Vec<String>,
    /// The questions answered "weet niet" most (ids).
    pub unknown: Vec<String>,
}

impl From<getrandom::Error> for OpenError {
    fn from(error: getrandom::Error) -> Self {
        OpenError::Random(error)
    }
}

impl Session {
    /// Opens a session on `config.folder`: reads the assessments there and makes the
    /// secrets.
    pub fn open(config: Config) -> Result<Session, OpenError> {
        let mut status = Status::default();
        let mut highest = 0;
        for (name, text) in store::read_folder(&config.folder)? {
            highest = highest.max(store::name_number(&name).unwrap_or(0));
            let Ok(assessment) = Assessment::parse(&Source::new(&name, &text)) else {
                continue;
            };
            if let Some(n) = assessment
                .assessment
                .respondent
                .as_deref()
                .and_then(store::code_number)
            {
                highest = highest.max(n);
            }
            if assessment.instrument != config.instrument_ref {
                continue;
            }
            if let Ok(score) = config.instrument.check_and_score(&assessment) {
                status.scores.insert(name, score.1);
            }
        }
        status.next = highest + 1;
        Ok(Session {
            inner: Arc::new(Inner {
                join_code: secret::join_code()?,
                token: secret::token()?,
                facilitator_csrf: secret::token()?,
                config,
                state: Mutex::new(status),
                writer: tokio::sync::Mutex::new(()),
                limiter: Mutex::new(Limiter::default()),
                changes: tokio::sync::watch::Sender::new(Changes::default()),
            }),
        })
    }

    /// The join code the participants type.
    pub fn join_code(&self) -> &str {
        &self.inner.join_code
    }

    /// The facilitator's secret token.
    pub fn token(&self) -> &str {
        &self.inner.token
    }

    /// The participants' address with the join code in it.
    pub fn participant_url(&self) -> String {
        format!(
            "{}/?code={}",
            self.inner.config.base_url, self.inner.join_code
        )
    }

    /// The facilitator's address.
    pub fn facilitator_url(&self) -> String {
        format!("{}/f/{}", self.inner.config.base_url, self.inner.token)
    }

    /// The respondent code the next finished participant gets.
    pub fn next_code(&self) -> String {
        store::code(self.status().next)
    }

    fn status(&self) -> MutexGuard<'_, Status> {
        // A handler that panicked left whole values behind: keep serving.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells the facilitator's live page that the view changed.
    fn changed(&self) {
        self.inner.changes.send_modify(|c| c.version += 1);
    }

    /// Ends the facilitator's live updates, so that a graceful shutdown does not wait for
    /// them.
    fn stop(&self) {
        self.inner.changes.send_modify(|c| c.stopping = true);
    }

    fn config(&self) -> &Config {
        &self.inner.config
    }

    fn lang(&self) -> Lang {
        self.inner.config.lang
    }

    /// The web application.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", get(start))
            .route("/join", post(join))
            .route("/p/{key}", get(resume))
            .route("/p/{key}/s/{n}", get(section_page).post(section_submit))
            .route("/p/{key}/klaar", get(result_page))
            .route("/f/{token}", get(facilitator_page))
            .route("/f/{token}/state.json", get(facilitator_json))
            .route("/f/{token}/events", get(facilitator_events))
            .route("/f/{token}/live.js", get(facilitator_script))
            .route("/f/{token}/close", post(close))
            .route("/f/{token}/report", post(report))
            .fallback(not_found)
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .layer(middleware::from_fn_with_state(self.clone(), guard))
            .with_state(self.clone())
    }

    /// The group of this session in the folder, the scores it was made from and their
    /// files, or `None` before anyone finished.
    fn group(&self) -> (Option<Group>, Vec<Score>, Vec<String>) {
        let status = self.status();
        let files: Vec<String> = status.scores.keys().cloned().collect();
        let scores: Vec<Score> = status.scores.values().cloned().collect();
        drop(status);
        let config = self.config();
        let key = config.id.as_deref().unwrap_or(&config.organisation);
        let period = config
            .round
            .clone()
            .unwrap_or_else(|| config.date.to_string());
        let group = aggregate(&scores, GroupBy::Organisation, &config.instrument.matrix)
            .into_iter()
            .find(|g| g.organisation.id == key && g.kind == config.kind && g.period() == period);
        (group, scores, files)
    }

    /// The facilitator's view.
    pub fn view(&self) -> View {
        let (group, scores, _) = self.group();
        self.view_of(group.as_ref(), &scores)
    }

    /// The facilitator's view of `group` made of `scores`: a page that draws the group
    /// too takes both from one `Session::group`, so that its numbers and its matrix
    /// are of the same moment.
    fn view_of(&self, group: Option<&Group>, scores: &[Score]) -> View {
        let (started, answering, closed) = {
            let status = self.status();
            let answering = status
                .participants
                .values()
                .filter(|p| matches!(p.done, Done::No))
                .count();
            (status.participants.len(), answering, status.closed)
        };
        let finished = group.map_or(0, |g| g.respondents);
        let mut view = View {
            started,
            finished,
            answering,
            closed,
            position: None,
            region: None,
            region_label: None,
            reliable: None,
            spread: None,
            disagreement: Vec::new(),
            unknown: Vec::new(),
        };
        if let Some(group) = group.filter(|g| shown(g)) {
            let agenda = koers::analysis::agenda(&self.config().instrument, group, scores, 5);
            view.position = group.position;
            view.region = group.region.as_ref().map(|r| r.id.clone());
            view.region_label = group
                .region
                .as_ref()
                .map(|r| r.label.get(self.lang()).to_string());
            view.reliable = Some(group.reliable);
            view.spread = Some([group.spread.x, group.spread.y]);
            view.disagreement = agenda.disagreement.iter().map(|q| q.id.clone()).collect();
            view.unknown = agenda.unknown.iter().map(|q| q.id.clone()).collect();
        }
        view
    }
}

/// Runs `session` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    session: &Session,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let stopping = session.clone();
    let shutdown = async move {
        shutdown.await;
        stopping.stop();
    };
    axum::serve(
        listener,
        session
            .router()
            .into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// The QR code of `text` for a terminal: two modules per character (Unicode half blocks),
/// dark on light with a quiet zone, one line per text line.
pub fn qr_terminal(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// The QR code of `text` as an SVG.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build(),
    )
}

/// The buckets a request to `path` from `address` takes from: a participant's (their
/// pages, with a valid key) and the address's ceiling; the facilitator's (a valid token);
/// else the address's ceiling and its bucket for requests without a key.
fn buckets(session: &Session, path: &str, address: Option<IpAddr>) -> Vec<(Rate, Bucket)> {
    let limits = session.config().limits;
    let mut parts = path.trim_start_matches('/').split('/');
    let (kind, secret) = (parts.next(), parts.next());
    let ceiling = (limits.address, Bucket::Address(address));
    match (kind, secret) {
        (Some("p"), Some(key)) => {
            if let Some(id) = participant_id(&session.status(), key) {
                return vec![ceiling, (limits.participant, Bucket::Participant(id))];
            }
        }
        (Some("f"), Some(token)) if facilitator(session, token) => {
            return vec![(limits.facilitator, Bucket::Facilitator)];
        }
        _ => {}
    }
    vec![ceiling, (limits.anonymous, Bucket::Anonymous(address))]
}

/// Every request: the rate limit, and headers that keep the pages to themselves (no
/// framing, no external source, no referrer carrying a key).
async fn guard(State(session): State<Session>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let now = std::time::Instant::now();
    let taken = {
        let buckets = buckets(&session, request.uri().path(), address);
        let mut limiter = session
            .inner
            .limiter
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        buckets
            .into_iter()
            .try_for_each(|(rate, bucket)| limiter.take(rate, bucket, now))
    };
    let mut response = match taken {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let lang = session.lang();
            let mut response = html::message(
                StatusCode::TOO_MANY_REQUESTS,
                lang,
                html::t(lang, "Even geduld", "Please wait"),
                html::t(
                    lang,
                    "Te veel verzoeken; probeer het zo opnieuw.",
                    "Too many requests; try again shortly.",
                ),
            );
            let seconds = wait.as_secs().max(1);
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    };
    let headers = response.headers_mut();
    // The facilitator's page sets its own, which also lets it run its script.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(html::CSP),
        );
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found(State(session): State<Session>) -> Response {
    missing(session.lang())
}

fn missing(lang: Lang) -> Response {
    html::message(
        StatusCode::NOT_FOUND,
        lang,
        html::t(lang, "Niet gevonden", "Not found"),
        "",
    )
}

fn forbidden(lang: Lang) -> Response {
    html::message(
        StatusCode::FORBIDDEN,
        lang,
        html::t(lang, "Geen toegang", "No access"),
        html::t(
            lang,
            "Deze link of code klopt niet.",
            "This link or code is not valid.",
        ),
    )
}

fn closed(lang: Lang) -> Response {
    html::message(
        StatusCode::CONFLICT,
        lang,
        html::t(lang, "De sessie is gesloten", "The session is closed"),
        html::t(
            lang,
            "Er worden geen antwoorden meer aangenomen.",
            "No more answers are taken.",
        ),
    )
}

#[derive(serde::Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

/// `/`: without the right code a form to type it (403), with it the join form.
async fn start(State(session): State<Session>, Query(query): Query<CodeQuery>) -> Response {
    let lang = session.lang();
    let Some(code) = query.code else {
        return html::code_form(StatusCode::FORBIDDEN, lang, false);
    };
    if !secret::same(&secret::typed_code(&code), session.join_code()) {
        return html::code_form(StatusCode::FORBIDDEN, lang, true);
    }
    if session.status().closed {
        return closed(lang);
    }
    html::join_form(
        lang,
        session.join_code(),
        &session.config().roles,
        &session.config().organisation,
    )
}

#[derive(serde::Deserialize)]
struct JoinForm {
    code: String,
    #[serde(default)]
    role: String,
}

/// The longest free-text role, in characters.
const ROLE_MAX: usize = 60;

async fn join(State(session): State<Session>, Form(form): Form<JoinForm>) -> Response {
    let lang = session.lang();
    if !secret::same(&secret::typed_code(&form.code), session.join_code()) {
        return forbidden(lang);
    }
    let roles = &session.config().roles;
    let role: String = form
        .role
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let role = role.trim();
    let role = if role.is_empty() {
        None
    } else if roles.is_empty() {
        Some(role.chars().take(ROLE_MAX).collect::<String>())
    } else if let Some(known) = roles.iter().find(|r| r.as_str() == role) {
        Some(known.clone())
    } else {
        return html::message(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            html::t(lang, "Onbekende rol", "Unknown role"),
            html::t(
                lang,
                "Kies een rol uit de lijst.",
                "Choose a role from the list.",
            ),
        );
    };
    let (Ok(id), Ok(secret), Ok(csrf)) = (secret::id(), secret::token(), secret::token()) else {
        return html::message(
            StatusCode::INTERNAL_SERVER_ERROR,
            lang,
            "koers",
            "randomness",
        );
    };
    let mut status = session.status();
    if status.closed {
        return closed(lang);
    }
    let key = format!("{id}{secret}");
    status.participants.insert(
        id,
        Participant {
            secret,
            csrf,
            role,
            answers: BTreeMap::new(),
            submitted: BTreeSet::new(),
            done: Done::No,
        },
    );
    drop(status);
    session.changed();
    Redirect::to(&format!("/p/{key}/s/1")).into_response()
}

/// The public part of a participant's key, when the secret part is right.
fn participant_id(status: &Status, key: &str) -> Option<String> {
    let id = key.get(..8)?;
    let participant = status.participants.get(id)?;
    secret::same(key.get(8..)?, &participant.secret).then(|| id.to_string())
}

/// The sections that have questions, in order: the pages.
fn pages(instrument: &Instrument) -> Vec<usize> {
    instrument
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.questions.is_empty())
        .map(|(i, _)| i)
        .collect()
}

async fn resume(State(session): State<Session>, UrlPath(key): UrlPath<String>) -> Response {
    let status = session.status();
    let Some(id) = participant_id(&status, &key) else {
        return forbidden(session.lang());
    };
    let participant = &status.participants[&id];
    if !matches!(participant.done, Done::No) {
        return Redirect::to(&format!("/p/{key}/klaar")).into_response();
    }
    let pages = pages(&session.config().instrument);
    let next = pages
        .iter()
        .position(|s| !participant.submitted.contains(s))
        .unwrap_or(pages.len().saturating_sub(1));
    Redirect::to(&format!("/p/{key}/s/{}", next + 1)).into_response()
}

async fn section_page(
    State(session): State<Session>,
    UrlPath((key, n)): UrlPath<(String, usize)>,
) -> Response {
    let lang = session.lang();
    let status = session.status();
    let Some(id) = participant_id(&status, &key) else {
        return forbidden(lang);
    };
    let participant = &status.participants[&id];
    if !matches!(participant.done, Done::No) {
        return Redirect::to(&format!("/p/{key}/klaar")).into_response();
    }
    let pages = pages(&session.config().instrument);
    let Some(&section) = n.checked_sub(1).and_then(|i| pages.get(i)) else {
        return missing(lang);
    };
    let values: BTreeMap<String, String> = participant
        .answers
        .iter()
        .map(|(q, a)| (q.clone(), html::answer_value(*a)))
        .collect();
    html::section_form(&html::SectionPage {
        status: StatusCode::OK,
        lang,
        instrument: &session.config().instrument,
        key: &key,
        csrf: &participant.csrf,
        section,
        n,
        of: pages.len(),
        values: &values,
        problems: &BTreeMap::new(),
    })
}

/// What a submitted section leads to.
enum Submitted {
    /// A page to answer with.
    Page(Response),
    /// The last section of the participant with this id: write the file.
    Last(String, Option<String>, BTreeMap<String, Answer>),
}

async fn section_submit(
    State(session): State<Session>,
    UrlPath((key, n)): UrlPath<(String, usize)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = session.lang();
    let (id, role, answers) = match submit(&session, &key, n, &fields) {
        Submitted::Page(response) => return response,
        Submitted::Last(id, role, answers) => (id, role, answers),
    };
    match finish(&session, role, answers).await {
        Ok((respondent, score)) => {
            let mut status = session.status();
            if let Some(p) = status.participants.get_mut(&id) {
                p.done = Done::Yes {
                    respondent,
                    score: Box::new(score),
                };
            }
            Redirect::to(&format!("/p/{key}/klaar")).into_response()
        }
        Err(text) => {
            if let Some(p) = session.status().participants.get_mut(&id) {
                p.done = Done::No;
            }
            html::message(
                StatusCode::INTERNAL_SERVER_ERROR,
                lang,
                html::t(lang, "Niet opgeslagen", "Not saved"),
                &text,
            )
        }
    }
}

/// Checks and keeps a submitted section, under the state's lock.
fn submit(session: &Session, key: &str, n: usize, fields: &[(String, String)]) -> Submitted {
    let lang = session.lang();
    let config = session.config();
    let instrument = &config.instrument;
    let pages = pages(instrument);
    let mut status = session.status();
    let Some(id) = participant_id(&status, key) else {
        return Submitted::Page(forbidden(lang));
    };
    let closed_now = status.closed;
    let participant = status.participants.get_mut(&id).expect("found above");
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map_or("", |(_, v)| v.as_str());
    if !secret::same(csrf, &participant.csrf) {
        return Submitted::Page(html::message(
            StatusCode::FORBIDDEN,
            lang,
            html::t(lang, "Formulier verlopen", "Form expired"),
            html::t(
                lang,
                "Open uw eigen link opnieuw en verstuur de pagina nog eens.",
                "Open your own link again and send the page once more.",
            ),
        ));
    }
    if !matches!(participant.done, Done::No) {
        // A second click or a resend of the last page: counted once.
        return Submitted::Page(Redirect::to(&format!("/p/{key}/klaar")).into_response());
    }
    if closed_now {
        return Submitted::Page(closed(lang));
    }
    let Some(&section) = n.checked_sub(1).and_then(|i| pages.get(i)) else {
        return Submitted::Page(missing(lang));
    };
    let questions = &instrument.sections[section].questions;
    let mut values = BTreeMap::new();
    let mut problems = BTreeMap::new();
    let mut answers = participant.answers.clone();
    for question in questions {
        answers.remove(&question.id);
    }
    for (name, value) in fields {
        if name == "csrf" {
            continue;
        }
        let Some(question) = name
            .strip_prefix("q-")
            .and_then(|id| questions.iter().find(|q| q.id == id))
        else {
            return Submitted::Page(html::message(
                StatusCode::BAD_REQUEST,
                lang,
                html::t(lang, "Onbekend veld", "Unknown field"),
                html::t(
                    lang,
                    "Dit formulier hoort niet bij deze pagina.",
                    "This form does not belong to this page.",
                ),
            ));
        };
        values.insert(question.id.clone(), value.clone());
        match html::read_value(value) {
            Ok(None) => {}
            Ok(Some(answer)) => {
                answers.insert(question.id.clone(), answer);
            }
            Err(()) => {
                problems.insert(
                    question.id.clone(),
                    html::not_a_point(lang, instrument, question, value),
                );
            }
        }
    }
    // The answers are checked as a file's are: by koers, against the instrument.
    let mut candidate = assessment(config, None, participant.role.clone(), answers.clone());
    candidate.answers.retain(|q, _| !problems.contains_key(q));
    if let Err(invalid) = instrument.check(&candidate) {
        for error in &invalid.errors {
            if let Some((question, text)) = html::refusal(lang, instrument, error) {
                problems.entry(question).or_insert(text);
            }
        }
    }
    if !problems.is_empty() {
        return Submitted::Page(html::section_form(&html::SectionPage {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            instrument,
            key,
            csrf: &participant.csrf,
            section,
            n,
            of: pages.len(),
            values: &values,
            problems: &problems,
        }));
    }
    participant.answers = answers;
    participant.submitted.insert(section);
    // The next page not sent yet, after this one or else before it: the last page
    // finishes only a participant who sent every page.
    let open = |i: &usize| !participant.submitted.contains(&pages[*i]);
    if let Some(next) = (n..pages.len()).find(open).or_else(|| (0..n).find(open)) {
        return Submitted::Page(Redirect::to(&format!("/p/{key}/s/{}", next + 1)).into_response());
    }
    participant.done = Done::Writing;
    Submitted::Last(id, participant.role.clone(), participant.answers.clone())
}

/// An assessment of this session with `answers`.
fn assessment(
    config: &Config,
    respondent: Option<String>,
    role: Option<String>,
    answers: BTreeMap<String, Answer>,
) -> Assessment {
    let mut info = AssessmentInfo::new(config.date, config.kind);
    info.round = config.round.clone();
    info.respondent = respondent;
    info.role = role;
    Assessment::new(
        config.instrument_ref.clone(),
        Organisation {
            name: config.organisation.clone(),
            id: config.id.clone(),
        },
        info,
        answers,
    )
}

/// Writes the finished participant's file under the next free respondent code; the file
/// is parsed back, checked and scored before it is written, as `koers import` does.
async fn finish(
    session: &Session,
    role: Option<String>,
    answers: BTreeMap<String, Answer>,
) -> Result<(String, Score), String> {
    let _one_at_a_time = session.inner.writer.lock().await;
    let config = session.config().clone();
    let mut next = session.status().next;
    let origin = match config.lang {
        Lang::Nl => "Ingevuld in een live sessie (koers serve).",
        Lang::En => "Answered in a live session (koers serve).",
    };
    let written = tokio::task::spawn_blocking(move || {
        loop {
            let respondent = store::code(next);
            let assessment = assessment(
                &config,
                Some(respondent.clone()),
                role.clone(),
                answers.clone(),
            );
            let name = koers_survey::import::file_name(&assessment);
            let text = koers_survey::import::toml_text_with(
                &assessment,
                &config.instrument,
                config.lang,
                origin,
            );
            let parsed =
                Assessment::parse(&Source::new(&name, &text)).map_err(|e| e.to_string())?;
            let (_, score) = config
                .instrument
                .check_and_score(&parsed)
                .map_err(|e| e.to_string())?;
            let nonce = secret::token().map_err(|e| e.to_string())?;
            match store::write_new(&config.folder, &name, &text, &nonce) {
                Ok(_) => return Ok((next, respondent, name, score)),
                // Written by another session on the same folder: the next code.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => next += 1,
                Err(e) => return Err(e.to_string()),
            }
        }
    })
    .await
    .map_err(|e| e.to_string())??;
    let (number, respondent, name, score) = written;
    let mut status = session.status();
    status.next = number + 1;
    status.written += 1;
    status.scores.insert(name, score.clone());
    drop(status);
    session.changed();
    Ok((respondent, score))
}

async fn result_page(State(session): State<Session>, UrlPath(key): UrlPath<String>) -> Response {
    let lang = session.lang();
    let status = session.status();
    let Some(id) = participant_id(&status, &key) else {
        return forbidden(lang);
    };
    let participant = &status.participants[&id];
    match &participant.done {
        Done::No => Redirect::to(&format!("/p/{key}")).into_response(),
        Done::Writing => html::saving(lang),
        Done::Yes { respondent, score } => html::result(
            lang,
            &session.config().instrument,
            respondent,
            participant.role.as_deref(),
            score,
        ),
    }
}

/// Whether `token` is the facilitator's.
fn facilitator(session: &Session, token: &str) -> bool {
    secret::same(token, session.token())
}

async fn facilitator_page(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
) -> Response {
    if !facilitator(&session, &token) {
        return forbidden(session.lang());
    }
    let version = session.inner.changes.borrow().version;
    let (group, scores, _) = session.group();
    let view = session.view_of(group.as_ref(), &scores);
    html::facilitator(&html::FacilitatorPage {
        lang: session.lang(),
        config: session.config(),
        token: &token,
        csrf: &session.inner.facilitator_csrf,
        participant_url: &session.participant_url(),
        join_code: session.join_code(),
        view: &view,
        version,
        refresh: true,
        group: group.as_ref().filter(|g| shown(g)),
        scores: &scores,
        notice: None,
    })
}

async fn facilitator_json(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
) -> Response {
    if !facilitator(&session, &token) {
        return forbidden(session.lang());
    }
    axum::Json(session.view()).into_response()
}

/// The facilitator's live updates: an event `view` with the view as JSON and the
/// state's version as its id, at once and on every change (changes that come quickly
/// are sent as one). The stream ends when the server stops.
async fn facilitator_events(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
) -> Response {
    if !facilitator(&session, &token) {
        return forbidden(session.lang());
    }
    let changes = session.inner.changes.subscribe();
    let stream = futures_util::stream::unfold(
        (session, changes, true),
        |(session, mut changes, first)| async move {
            if !first {
                changes.changed().await.ok()?;
            }
            let now = *changes.borrow_and_update();
            if now.stopping {
                return None;
            }
            let event = Event::default()
                .event("view")
                .id(now.version.to_string())
                .json_data(session.view());
            Some((event, (session, changes, false)))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The script of the facilitator's page: follows the live updates and fetches the page
/// again when the state changed. Without it the page refreshes itself every five
/// seconds (a `<noscript>` refresh).
async fn facilitator_script(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
) -> Response {
    if !facilitator(&session, &token) {
        return forbidden(session.lang());
    }
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        html::LIVE_SCRIPT,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
    /// `ja` when the facilitator confirmed closing while participants were answering.
    #[serde(default)]
    confirm: String,
}

fn facilitator_post(session: &Session, token: &str, form: &CsrfForm) -> Option<Response> {
    if !facilitator(session, token) || !secret::same(&form.csrf, &session.inner.facilitator_csrf) {
        return Some(forbidden(session.lang()));
    }
    None
}

async fn close(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refused) = facilitator_post(&session, &token, &form) {
        return refused;
    }
    // Whoever is still answering loses what they answered (a closed session takes no
    // section): the facilitator is told how many, and closes only when confirming.
    let view = session.view();
    if !view.closed && view.answering > 0 && form.confirm != "ja" {
        return html::close_confirm(
            session.lang(),
            &token,
            &session.inner.facilitator_csrf,
            view.answering,
        );
    }
    session.status().closed = true;
    session.changed();
    Redirect::to(&format!("/f/{token}")).into_response()
}

/// Where the report goes: `--report`, or `FOLDER-rapport.html` next to the folder.
fn report_path(config: &Config) -> PathBuf {
    if let Some(path) = &config.report {
        return path.clone();
    }
    let name = config.folder.file_name().map_or_else(
        || "sessie".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let parent = config
        .folder
        .parent()
        .map_or_else(|| PathBuf::from(".."), PathBuf::from);
    let parent = if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent
    };
    parent.join(format!("{name}-rapport.html"))
}

async fn report(
    State(session): State<Session>,
    UrlPath(token): UrlPath<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refused) = facilitator_post(&session, &token, &form) {
        return refused;
    }
    let lang = session.lang();
    let config = session.config();
    let version = session.inner.changes.borrow().version;
    let (group, scores, files) = session.group();
    let notice = if !group.as_ref().is_some_and(shown) {
        html::t(
            lang,
            "Nog geen rapport: er zijn minder dan drie deelnemers klaar.",
            "No report yet: fewer than three participants finished.",
        )
        .to_string()
    } else {
        let part = koers_report::Grouped {
            instrument: config.instrument.clone(),
            groups: aggregate(&scores, GroupBy::Organisation, &config.instrument.matrix),
            scores: scores.clone(),
            files,
        };
        let options = koers_report::Options {
            lang,
            organisation: Some(
                config
                    .id
                    .clone()
                    .unwrap_or_else(|| config.organisation.clone()),
            ),
            date: Some(config.date),
            cover: koers_report::Cover::default(),
            // A live session reads no register.
            wijken: Vec::new(),
        };
        let path = report_path(config);
        let written = koers_report::compose(&part, &options)
            .map_err(|e| e.to_string())
            .and_then(|document| {
                let text = koers_report::html::render(&document);
                let nonce = secret::token().map_err(|e| e.to_string())?;
                let path = path.clone();
                store::replace(&path, &text, &nonce).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => format!(
                "{} {}",
                html::t(lang, "Rapport geschreven:", "Report written:"),
                path.display()
            ),
            Err(e) => format!(
                "{} {e}",
                html::t(lang, "Rapport niet geschreven:", "Report not written:")
            ),
        }
    };
    let view = session.view_of(group.as_ref(), &scores);
    html::facilitator(&html::FacilitatorPage {
        lang,
        config,
        token: &token,
        csrf: &session.inner.facilitator_csrf,
        participant_url: &session.participant_url(),
        join_code: session.join_code(),
        view: &view,
        version,
        refresh: false,
        group: group.as_ref().filter(|g| shown(g)),
        scores: &scores,
        notice: Some(&notice),
    })
}
