//! The router in-process, one request at a time (`tower::ServiceExt::oneshot`).

use crate::{files, hidden, session, unlimited};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use koers_serve::rate::Rate;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    location: Option<String>,
    retry_after: Option<String>,
    body: String,
}

async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let location = header(header::LOCATION);
    let retry_after = header(header::RETRY_AFTER);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        location,
        retry_after,
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
        Rate {
            burst: 2.0,
            per_second: 0.001,
        },
    );
    let router = slow.router();
    assert_eq!(get(&router, "/").await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&router, "/").await.status, StatusCode::FORBIDDEN);
    let third = get(&router, "/").await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = third.retry_after.expect("Retry-After").parse().unwrap();
    assert!(wait >= 1);
}
