//! The router in-process, one request at a time (`tower::ServiceExt::oneshot`), every
//! request from one address ([`ROOM`]), as from a room behind one router.

use crate::{files, hidden, session, unlimited};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use koers_serve::rate::{Limits, Rate};
use std::net::SocketAddr;
use tower::ServiceExt;

/// The address every request comes from.
const ROOM: ([u8; 4], u16) = ([192, 0, 2, 10], 40000);

struct Reply {
    status: StatusCode,
    location: Option<String>,
    retry_after: Option<String>,
    csp: Option<String>,
    body: String,
}

async fn send(router: &Router, mut request: Request<Body>) -> Reply {
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(ROOM)));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let header = |name| headers.get(name).map(|v| v.to_str().unwrap().to_string());
    let (location, retry_after, csp) = (
        header(header::LOCATION),
        header(header::RETRY_AFTER),
        header(header::CONTENT_SECURITY_POLICY),
    );
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        location,
        retry_after,
        csp,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(router: &Router, uri: &str) -> Reply {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(router: &Router, uri: &str, form: &[(&str, &str)]) -> Reply {
    let body: String = form
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    send(
        router,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// Percent-encodes a form value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Joins with `role` and returns the participant's key and CSRF token.
async fn join(router: &Router, code: &str, role: &str) -> (String, String) {
    let joined = post(router, "/join", &[("code", code), ("role", role)]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    let location = joined.location.unwrap();
    let key = location
        .strip_prefix("/p/")
        .and_then(|rest| rest.strip_suffix("/s/1"))
        .unwrap()
        .to_string();
    let page = get(router, &location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Sectie 1 van 2"), "{}", page.body);
    (key.clone(), hidden(&page.body, "csrf"))
}

/// Answers both sections; returns the last reply.
async fn answer_all(router: &Router, key: &str, csrf: &str, point: &str) -> Reply {
    let first = post(
        router,
        &format!("/p/{key}/s/1"),
        &[
            ("csrf", csrf),
            ("q-beheerder", point),
            ("q-nieuwe-huurder", point),
        ],
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(
        first.location.as_deref(),
        Some(format!("/p/{key}/s/2").as_str())
    );
    post(
        router,
        &format!("/p/{key}/s/2"),
        &[
            ("csrf", csrf),
            ("q-ontmoeting", point),
            ("q-buurtbudget", "2"),
        ],
    )
    .await
}

#[tokio::test]
async fn every_page_answers_403_without_the_code_or_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let code = session.join_code().to_string();
    let token = session.token().to_string();
    assert_eq!(get(&router, "/").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&router, "/?code=AAAAAA").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&router, "/join", &[("code", "AAAAAA")]).await.status,
        StatusCode::FORBIDDEN
    );
    let wrong_key = "0123abcd0123456789abcdef0123456789abcdef";
    for uri in [
        format!("/p/{wrong_key}"),
        format!("/p/{wrong_key}/s/1"),
        format!("/p/{wrong_key}/klaar"),
        "/f/0123456789abcdef0123456789abcdef".to_string(),
        "/f/0123456789abcdef0123456789abcdef/state.json".to_string(),
        format!("/f/{}", &token[..31]),
    ] {
        assert_eq!(
            get(&router, &uri).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    assert_eq!(
        post(
            &router,
            "/f/0123456789abcdef0123456789abcdef/close",
            &[("csrf", "x")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // The right code, typed in lower case with a space, and the right token open them.
    let typed = format!("{} {}", &code[..3].to_lowercase(), &code[3..]);
    let start = get(&router, &format!("/?code={}", encode(&typed))).await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(start.body.contains("name=\"viewport\""));
    assert!(!start.body.contains("<script"));
    assert_eq!(
        get(&router, &format!("/f/{token}")).await.status,
        StatusCode::OK
    );
    // A real participant's key with a wrong secret part is refused too.
    let (key, _) = join(&router, &code, "").await;
    let forged = format!("{}{}", &key[..8], "0".repeat(32));
    assert_eq!(
        get(&router, &format!("/p/{forged}/s/1")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&router, &format!("/p/{key}/s/1")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let (key, csrf) = join(&router, session.join_code(), "").await;
    let (other_key, other_csrf) = join(&router, session.join_code(), "").await;
    assert_ne!(csrf, other_csrf);
    let uri = format!("/p/{key}/s/1");
    for form in [
        vec![("q-beheerder", "3")],
        vec![
            ("csrf", "0123456789abcdef0123456789abcdef"),
            ("q-beheerder", "3"),
        ],
        vec![("csrf", other_csrf.as_str()), ("q-beheerder", "3")],
    ] {
        let refused = post(&router, &uri, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{form:?}");
    }
    let kept = post(&router, &uri, &[("csrf", &csrf), ("q-beheerder", "3")]).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER);
    // The answer is kept and shown again when the participant comes back.
    let again = get(&router, &uri).await;
    assert!(
        again
            .body
            .contains("name=\"q-beheerder\" value=\"3\" checked"),
        "{}",
        again.body
    );
    let other = get(&router, &format!("/p/{other_key}/s/1")).await;
    assert!(
        !other.body.contains("checked"),
        "no participant sees another's answers"
    );
}

#[tokio::test]
async fn a_script_in_a_role_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let role = "<script>alert(1)</script>";
    let (key, csrf) = join(&router, session.join_code(), role).await;
    let last = answer_all(&router, &key, &csrf, "4").await;
    assert_eq!(last.status, StatusCode::SEE_OTHER, "{}", last.body);
    let result = get(&router, &format!("/p/{key}/klaar")).await;
    assert_eq!(result.status, StatusCode::OK);
    assert!(
        result
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        result.body
    );
    assert!(!result.body.contains("<script"), "{}", result.body);
    // The file keeps the role as it was typed, quoted as TOML.
    let written = files(dir.path());
    assert_eq!(written.len(), 1);
    let parsed =
        koers::Assessment::parse(&koers::Source::new(&written[0].0, &written[0].1)).unwrap();
    assert_eq!(parsed.assessment.role.as_deref(), Some(role));
}

#[tokio::test]
async fn a_double_submit_of_the_last_page_writes_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &["directie", "wijkbeheer"], unlimited());
    let router = session.router();
    let (key, csrf) = join(&router, session.join_code(), "wijkbeheer").await;
    let first = answer_all(&router, &key, &csrf, "5").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = post(
        &router,
        &format!("/p/{key}/s/2"),
        &[
            ("csrf", &csrf),
            ("q-ontmoeting", "1"),
            ("q-buurtbudget", "1"),
        ],
    )
    .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(
        second.location.as_deref(),
        Some(format!("/p/{key}/klaar").as_str())
    );
    let written = files(dir.path());
    assert_eq!(written.len(), 1, "{written:?}");
    assert_eq!(written[0].0, "2026-05-31-r01.toml");
    // The first answers stand; the second click changed nothing.
    assert!(written[0].1.contains("ontmoeting = 5"), "{}", written[0].1);
    assert!(written[0].1.contains("role = \"wijkbeheer\""));
    assert_eq!(session.view().finished, 1);
    assert_eq!(session.next_code(), "r02");
}

#[tokio::test]
async fn an_answer_off_the_scale_is_refused_with_the_nearest_label() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let (key, csrf) = join(&router, session.join_code(), "").await;
    let uri = format!("/p/{key}/s/1");
    let off = post(
        &router,
        &uri,
        &[
            ("csrf", &csrf),
            ("q-beheerder", "9"),
            ("q-nieuwe-huurder", "2"),
        ],
    )
    .await;
    assert_eq!(off.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        off.body.contains("9 past niet op de schaal 1–5"),
        "{}",
        off.body
    );
    assert!(off.body.contains("5 (Altijd)"), "{}", off.body);
    let low = post(&router, &uri, &[("csrf", &csrf), ("q-beheerder", "-2")]).await;
    assert!(low.body.contains("1 (Nooit)"), "{}", low.body);
    let word = post(&router, &uri, &[("csrf", &csrf), ("q-beheerder", "veel")]).await;
    assert_eq!(word.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A scale without "weet niet" refuses it, as a file's check does.
    let page2 = format!("/p/{key}/s/2");
    let unknown = post(
        &router,
        &page2,
        &[("csrf", &csrf), ("q-buurtbudget", "weet-niet")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("niet toe"), "{}", unknown.body);
    // The page offers "weet niet" and "n.v.t." only where the scale allows them.
    let form = get(&router, &page2).await;
    assert!(
        form.body
            .contains("name=\"q-ontmoeting\" value=\"weet-niet\"")
    );
    assert!(
        !form
            .body
            .contains("name=\"q-buurtbudget\" value=\"weet-niet\"")
    );
    // A field of another page is no answer here.
    let foreign = post(&router, &uri, &[("csrf", &csrf), ("q-ontmoeting", "3")]).await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);
    // Nothing was kept from the refused pages, and nothing written.
    let again = get(&router, &uri).await;
    assert!(!again.body.contains("checked"), "{}", again.body);
    assert!(files(dir.path()).is_empty());
}

#[tokio::test]
async fn the_position_shows_from_three_finished_and_a_closed_session_takes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    for (i, point) in ["2", "4"].iter().enumerate() {
        let (key, csrf) = join(&router, session.join_code(), "").await;
        answer_all(&router, &key, &csrf, point).await;
        assert_eq!(session.view().finished, i + 1);
    }
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains("zodra 3 deelnemers klaar zijn"));
    assert!(
        !page.body.contains("role=\"img\""),
        "no matrix before three"
    );
    assert!(session.view().position.is_none());
    let (key, csrf) = join(&router, session.join_code(), "").await;
    answer_all(&router, &key, &csrf, "3").await;
    let view = session.view();
    assert_eq!(view.finished, 3);
    let position = view.position.expect("a position from three finished");
    let expected = koers::aggregate(
        &crate::scores(dir.path()),
        koers::GroupBy::Organisation,
        &crate::instrument().matrix,
    );
    assert_eq!(Some(position), expected[0].position);
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains("role=\"img\""), "the matrix is drawn");
    let json = get(&router, &format!("/f/{token}/state.json")).await;
    let parsed: koers_serve::View = serde_json::from_str(&json.body).unwrap();
    assert_eq!(parsed, view);
    // Closing needs the page's CSRF token.
    let csrf_f = hidden(&page.body, "csrf");
    let refused = post(&router, &format!("/f/{token}/close"), &[("csrf", "nope")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!session.view().closed);
    let closed = post(&router, &format!("/f/{token}/close"), &[("csrf", &csrf_f)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert!(session.view().closed);
    let late = post(&router, "/join", &[("code", session.join_code())]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("gesloten"));
    // The report is written next to the folder.
    let report = post(&router, &format!("/f/{token}/report"), &[("csrf", &csrf_f)]).await;
    assert_eq!(report.status, StatusCode::OK);
    let name = format!(
        "{}-rapport.html",
        dir.path().file_name().unwrap().to_string_lossy()
    );
    let path = dir.path().parent().unwrap().join(name);
    let html = std::fs::read_to_string(&path).expect("the report is written");
    std::fs::remove_file(&path).unwrap();
    assert!(html.contains("Woonstichting De Dijk"));
}

#[tokio::test]
async fn bodies_are_bounded_and_too_many_requests_are_slowed_down() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let big = "x".repeat(koers_serve::BODY_LIMIT + 1);
    let refused = post(
        &router,
        "/join",
        &[("code", session.join_code()), ("role", &big)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);

    let slow = crate::session(
        dir.path(),
        &[],
        Limits::uniform(Rate {
            burst: 2.0,
            per_second: 0.001,
        }),
    );
    let router = slow.router();
    assert_eq!(get(&router, "/").await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&router, "/").await.status, StatusCode::FORBIDDEN);
    let third = get(&router, "/").await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = third.retry_after.expect("Retry-After").parse().unwrap();
    assert!(wait >= 1);
}

/// A bucket of `burst` requests that refills too slowly to matter in a test.
fn burst(burst: f64) -> Rate {
    Rate {
        burst,
        per_second: 0.001,
    }
}

#[tokio::test]
async fn each_participant_has_a_bucket_of_their_own_and_the_facilitator_too() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(
        dir.path(),
        &[],
        Limits {
            participant: burst(4.0),
            facilitator: burst(3.0),
            address: burst(100.0),
            anonymous: burst(4.0),
        },
    );
    let router = session.router();
    // Two participants in one room (one address); joining takes one request without a
    // key each, their first page one from their own bucket.
    let (a, _) = join(&router, session.join_code(), "").await;
    let (b, _) = join(&router, session.join_code(), "").await;
    for _ in 0..3 {
        assert_eq!(
            get(&router, &format!("/p/{a}/s/1")).await.status,
            StatusCode::OK
        );
    }
    let slowed = get(&router, &format!("/p/{a}/s/1")).await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(slowed.body.contains("Te veel verzoeken"), "{}", slowed.body);
    // The other participant at the same address is not slowed down by the first.
    assert_eq!(
        get(&router, &format!("/p/{b}/s/1")).await.status,
        StatusCode::OK
    );
    // Guesses (a made-up key, a wrong token) take from the address's bucket without a
    // key, which joining used twice: two more fit.
    let guess = "/p/00000000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/s/1";
    assert_eq!(get(&router, guess).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&router, "/f/nope").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&router, guess).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        post(&router, "/join", &[("code", session.join_code())])
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ... and do not touch the participants' buckets nor the facilitator's.
    assert_eq!(
        get(&router, &format!("/p/{b}/s/1")).await.status,
        StatusCode::OK
    );
    let token = session.token().to_string();
    for _ in 0..3 {
        assert_eq!(
            get(&router, &format!("/f/{token}")).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        get(&router, &format!("/f/{token}")).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        get(&router, &format!("/p/{b}/s/1")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_address_has_a_ceiling_that_the_facilitator_is_not_held_to() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(
        dir.path(),
        &[],
        Limits {
            participant: burst(100.0),
            facilitator: burst(100.0),
            address: burst(5.0),
            anonymous: burst(100.0),
        },
    );
    let router = session.router();
    // Joining and the first page: two of the address's five, twice.
    let (a, _) = join(&router, session.join_code(), "").await;
    let (b, _) = join(&router, session.join_code(), "").await;
    assert_eq!(
        get(&router, &format!("/p/{a}/s/1")).await.status,
        StatusCode::OK
    );
    for key in [&a, &b] {
        assert_eq!(
            get(&router, &format!("/p/{key}/s/1")).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let token = session.token().to_string();
    assert_eq!(
        get(&router, &format!("/f/{token}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sends_of_the_last_page_at_once_are_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let (key, csrf) = join(&router, session.join_code(), "").await;
    let first = post(
        &router,
        &format!("/p/{key}/s/1"),
        &[
            ("csrf", &csrf),
            ("q-beheerder", "4"),
            ("q-nieuwe-huurder", "4"),
        ],
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let send = || {
        let router = router.clone();
        let uri = format!("/p/{key}/s/2");
        let csrf = csrf.clone();
        tokio::spawn(async move {
            post(
                &router,
                &uri,
                &[
                    ("csrf", &csrf),
                    ("q-ontmoeting", "4"),
                    ("q-buurtbudget", "2"),
                ],
            )
            .await
        })
    };
    let (one, two) = (send(), send());
    let (one, two) = (one.await.unwrap(), two.await.unwrap());
    for reply in [&one, &two] {
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(
            reply.location.as_deref(),
            Some(format!("/p/{key}/klaar").as_str())
        );
    }
    let written = files(dir.path());
    assert_eq!(written.len(), 1, "{written:?}");
    assert_eq!(session.view().finished, 1);
    assert_eq!(session.next_code(), "r02");
}

/// One event of a server-sent stream: its id and its data as the facilitator's view.
async fn next_event(body: &mut Body, buffer: &mut String) -> (u64, koers_serve::View) {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let field = |name: &str| {
                event
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(str::to_string)
            };
            // Keep-alive comments have no data.
            let Some(data) = field("data: ") else {
                continue;
            };
            assert_eq!(field("event: ").as_deref(), Some("view"), "{event}");
            let id = field("id: ").expect("an id").parse().unwrap();
            return (id, serde_json::from_str(&data).unwrap());
        }
        let frame = body
            .frame()
            .await
            .expect("the stream goes on")
            .unwrap()
            .into_data()
            .unwrap();
        buffer.push_str(std::str::from_utf8(&frame).unwrap());
    }
}

#[tokio::test]
async fn the_facilitators_page_hears_when_a_participant_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    // The page: its version, its own script (allowed by its policy, not inline) and the
    // refresh for browsers without JavaScript.
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains("data-version=\"0\""), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("<script src=\"/f/{token}/live.js\"></script>")),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("<script").count(), 1, "no inline script");
    assert!(page.body.contains(&format!(
        "<noscript><meta http-equiv=\"refresh\" content=\"5; url=/f/{token}\"></noscript>"
    )));
    let csp = page.csp.expect("a policy");
    assert!(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"));
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap();
    assert_eq!(script_src, "script-src 'self'");
    // Participants' pages run no script at all.
    let start = get(
        &router,
        &session.participant_url()["http://127.0.0.1:1".len()..],
    )
    .await;
    assert!(!start.csp.unwrap().contains("script-src"));
    let script = get(&router, &format!("/f/{token}/live.js")).await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("new EventSource(base + \"/events\")"));
    assert_eq!(
        get(&router, "/f/nope/live.js").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&router, "/f/nope/events").await.status,
        StatusCode::FORBIDDEN
    );

    let mut request = Request::get(format!("/f/{token}/events"))
        .body(Body::empty())
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(ROOM)));
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body();
    let mut buffer = String::new();
    // A guard against a hang, not a measurement.
    let hang = std::time::Duration::from_secs(60);
    let (id, view) = tokio::time::timeout(hang, next_event(&mut body, &mut buffer))
        .await
        .unwrap();
    assert_eq!((id, view.started, view.finished), (0, 0, 0));
    let (key, csrf) = join(&router, session.join_code(), "").await;
    answer_all(&router, &key, &csrf, "4").await;
    // Events come in order; changes that come quickly are sent as one.
    let mut last = id;
    loop {
        let (id, view) = tokio::time::timeout(hang, next_event(&mut body, &mut buffer))
            .await
            .unwrap();
        assert!(id > last, "{id} after {last}");
        last = id;
        assert_eq!(view.started, 1);
        if view.finished == 1 {
            assert_eq!(view, session.view());
            break;
        }
    }
    // The page made now carries the version of the last event.
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains(&format!("data-version=\"{last}\"")));
}

/// The matrix in the facilitator's page.
fn matrix_of(page: &str) -> &str {
    let heading = page.find("<h2>De matrix</h2>").expect("the matrix");
    let start = heading + page[heading..].find("<svg").unwrap();
    let end = start + page[start..].find("</svg>").unwrap();
    &page[start..end]
}

/// The facilitator sees the group and never one participant: a fourth participant with
/// answers of their own adds no mark to the matrix (only the group's position and
/// spread move), and no legend speaks of respondents or roles.
#[tokio::test]
async fn the_facilitator_sees_the_group_and_no_participant_s_point() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &["bestuurder", "huurder"], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    for (point, role) in [("1", "bestuurder"), ("5", "huurder"), ("3", "huurder")] {
        let (key, csrf) = join(&router, session.join_code(), role).await;
        answer_all(&router, &key, &csrf, point).await;
    }
    let three = get(&router, &format!("/f/{token}")).await;
    let three = matrix_of(&three.body).to_string();
    let (key, csrf) = join(&router, session.join_code(), "bestuurder").await;
    answer_all(&router, &key, &csrf, "4").await;
    assert_eq!(session.view().finished, 4);
    let page = get(&router, &format!("/f/{token}")).await;
    let four = matrix_of(&page.body);
    assert_ne!(three, four, "the group's position moved");
    for element in [
        "<circle", "<path", "<rect", "<ellipse", "<line", "<text", "<g",
    ] {
        assert_eq!(
            three.matches(element).count(),
            four.matches(element).count(),
            "{element}: a fourth participant added a mark\n{four}"
        );
    }
    for word in ["zonder rol", "overige rollen", "bestuurder"] {
        assert!(!four.contains(word), "`{word}` in the matrix\n{four}");
    }
    // The page says the group's position and spread in words.
    assert!(page.body.contains("spreiding (sd)"), "{}", page.body);
}

/// Three finished but one of them answered too little to count: a position of two would
/// show, so nothing is shown until three count.
#[tokio::test]
async fn three_finished_with_one_left_out_show_no_position() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    for point in ["2", "4", "weet-niet"] {
        let (key, csrf) = join(&router, session.join_code(), "").await;
        let last = answer_all(&router, &key, &csrf, point).await;
        assert_eq!(last.status, StatusCode::SEE_OTHER, "{}", last.body);
    }
    let groups = koers::aggregate(
        &crate::scores(dir.path()),
        koers::GroupBy::Organisation,
        &crate::instrument().matrix,
    );
    assert_eq!(groups[0].respondents, 3);
    assert_eq!(groups[0].excluded.len(), 1, "one answered too little");
    let view = session.view();
    assert_eq!(view.finished, 3);
    assert!(view.position.is_none(), "{view:?}");
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(
        !page.body.contains("<h2>De matrix</h2>"),
        "no matrix: {}",
        page.body
    );
    assert!(page.body.contains("zodra 3 deelnemers"), "{}", page.body);
}

/// Three finished, but only one answered enough for a position and nobody enough to
/// count as sufficiently answered: nobody is left out, yet the mean would be that one
/// person's position. Nothing is shown, and no report is written.
#[tokio::test]
async fn three_finished_with_one_position_among_them_show_no_position() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    // One answers a question on each axis; two answer "weet niet" on the x axis.
    let (key, csrf) = join(&router, session.join_code(), "").await;
    for (section, answers) in [
        (1, [("q-beheerder", "2"), ("q-nieuwe-huurder", "weet-niet")]),
        (2, [("q-ontmoeting", "weet-niet"), ("q-buurtbudget", "2")]),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(answers);
        let reply = post(&router, &format!("/p/{key}/s/{section}"), &form).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    }
    for _ in 0..2 {
        let (key, csrf) = join(&router, session.join_code(), "").await;
        answer_all(&router, &key, &csrf, "weet-niet").await;
    }
    let groups = koers::aggregate(
        &crate::scores(dir.path()),
        koers::GroupBy::Organisation,
        &crate::instrument().matrix,
    );
    assert_eq!(groups[0].respondents, 3);
    assert_eq!(groups[0].points.len(), 1, "{:?}", groups[0]);
    assert!(
        groups[0].excluded.is_empty(),
        "nobody left out: {:?}",
        groups[0]
    );
    let view = session.view();
    assert_eq!(view.finished, 3);
    assert!(view.position.is_none(), "{view:?}");
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(!page.body.contains("<h2>De matrix</h2>"), "{}", page.body);
    let csrf_f = hidden(&page.body, "csrf");
    let report = post(&router, &format!("/f/{token}/report"), &[("csrf", &csrf_f)]).await;
    assert!(report.body.contains("Nog geen rapport"), "{}", report.body);
}

/// Closing while someone is still answering asks first, saying how many would lose their
/// answers; once closed the facilitator's page shows no way in (no address, code, QR
/// code or close button).
#[tokio::test]
async fn closing_while_participants_answer_asks_first_and_then_shows_no_way_in() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    let code = session.join_code().to_string();
    let url = session.participant_url();
    let (key, csrf) = join(&router, &code, "").await;
    answer_all(&router, &key, &csrf, "3").await;
    // Two more start; they send the first section only.
    let mut busy = Vec::new();
    for _ in 0..2 {
        let (key, csrf) = join(&router, &code, "").await;
        let first = post(
            &router,
            &format!("/p/{key}/s/1"),
            &[
                ("csrf", &csrf),
                ("q-beheerder", "2"),
                ("q-nieuwe-huurder", "2"),
            ],
        )
        .await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
        busy.push((key, csrf));
    }
    let view = session.view();
    assert_eq!((view.started, view.finished, view.answering), (3, 1, 2));
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains("nog bezig: <b>2</b>"), "{}", page.body);
    for shown in [code.as_str(), url.as_str(), "Sessie sluiten", "crispEdges"] {
        assert!(page.body.contains(shown), "{shown} while open");
    }
    let csrf_f = hidden(&page.body, "csrf");
    // The first press asks, and closes nothing.
    let asked = post(&router, &format!("/f/{token}/close"), &[("csrf", &csrf_f)]).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked
            .body
            .contains("2 deelnemers zijn begonnen maar nog niet klaar"),
        "{}",
        asked.body
    );
    assert_eq!(hidden(&asked.body, "confirm"), "ja");
    assert!(!session.view().closed);
    // The confirmation needs the CSRF token too.
    let refused = post(
        &router,
        &format!("/f/{token}/close"),
        &[("csrf", "nope"), ("confirm", "ja")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!session.view().closed);
    let closed = post(
        &router,
        &format!("/f/{token}/close"),
        &[("csrf", &hidden(&asked.body, "csrf")), ("confirm", "ja")],
    )
    .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert!(session.view().closed);
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(page.body.contains("De sessie is gesloten"), "{}", page.body);
    for gone in [
        code.as_str(),
        url.as_str(),
        "Sessie sluiten",
        "/close",
        "crispEdges",
    ] {
        assert!(
            !page.body.contains(gone),
            "{gone} after closing\n{}",
            page.body
        );
    }
    assert!(page.body.contains("Rapport schrijven"), "{}", page.body);
    // What the two were answering is not taken.
    let (key, csrf) = &busy[0];
    let late = post(
        &router,
        &format!("/p/{key}/s/2"),
        &[
            ("csrf", csrf),
            ("q-ontmoeting", "2"),
            ("q-buurtbudget", "2"),
        ],
    )
    .await;
    assert!(late.body.contains("gesloten"), "{}", late.body);
    assert_eq!(files(dir.path()).len(), 1);
}

/// With no one answering, closing needs no confirmation.
#[tokio::test]
async fn closing_with_no_one_answering_closes_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path(), &[], unlimited());
    let router = session.router();
    let token = session.token().to_string();
    let (key, csrf) = join(&router, session.join_code(), "").await;
    answer_all(&router, &key, &csrf, "3").await;
    assert_eq!(session.view().answering, 0);
    let page = get(&router, &format!("/f/{token}")).await;
    assert!(!page.body.contains("nog bezig"), "{}", page.body);
    let csrf_f = hidden(&page.body, "csrf");
    let closed = post(&router, &format!("/f/{token}/close"), &[("csrf", &csrf_f)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert!(session.view().closed);
}
