//! 60 participants answering at once over loopback, with a small HTTP/1.1 client.

use crate::{hidden, scores, session, unlimited};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

struct Reply {
    status: u16,
    location: Option<String>,
    body: String,
}

/// One request on its own connection (`Connection: close`), read to the end.
fn request(address: SocketAddr, method: &str, path: &str, form: Option<&str>) -> Reply {
    let mut stream = TcpStream::connect(address).unwrap();
    let body = form.unwrap_or("");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if form.is_some() {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let location = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_string);
    // Bodies come whole or chunked; the pages fit in one chunk and only their fields are
    // searched, so the chunk sizes do not matter here.
    Reply {
        status,
        location,
        body: body.to_string(),
    }
}

/// A participant from joining to the last page; `i` chooses the answers.
fn participant(address: SocketAddr, code: &str, i: usize) {
    let start = request(address, "GET", &format!("/?code={code}"), None);
    assert_eq!(start.status, 200);
    let role = ["directie", "wijkbeheer", "verhuur"][i % 3];
    let joined = request(
        address,
        "POST",
        "/join",
        Some(&format!("code={code}&role={role}")),
    );
    assert_eq!(joined.status, 303, "{}", joined.body);
    let first = joined.location.unwrap();
    let key = first
        .strip_prefix("/p/")
        .unwrap()
        .strip_suffix("/s/1")
        .unwrap()
        .to_string();
    let page = request(address, "GET", &first, None);
    let csrf = hidden(&page.body, "csrf");
    let point = |shift: usize| 1 + (i + shift) % 5;
    let one = request(
        address,
        "POST",
        &first,
        Some(&format!(
            "csrf={csrf}&q-beheerder={}&q-nieuwe-huurder={}",
            point(0),
            point(2)
        )),
    );
    assert_eq!(one.status, 303, "{}", one.body);
    let unknown = if i.is_multiple_of(7) {
        "weet-niet".to_string()
    } else {
        point(1).to_string()
    };
    let two = request(
        address,
        "POST",
        &format!("/p/{key}/s/2"),
        Some(&format!(
            "csrf={csrf}&q-ontmoeting={unknown}&q-buurtbudget={}",
            1 + i % 3
        )),
    );
    assert_eq!(two.status, 303, "{}", two.body);
    let done = request(address, "GET", &format!("/p/{key}/klaar"), None);
    assert_eq!(done.status, 200);
    assert!(
        done.body.contains("Uw antwoorden zijn opgeslagen als"),
        "{}",
        done.body
    );
}

#[test]
fn sixty_participants_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(
        dir.path(),
        &["directie", "wijkbeheer", "verhuur"],
        unlimited(),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = session.clone();
    let server = runtime.spawn(async move {
        koers_serve::serve(listener, &served, async {
            let _ = stopped.await;
        })
        .await
    });
    let code = session.join_code().to_string();
    std::thread::scope(|scope| {
        for i in 0..60 {
            let code = &code;
            scope.spawn(move || participant(address, code, i));
        }
    });
    // 60 whole, valid files, one respondent code each.
    let scored = scores(dir.path());
    assert_eq!(scored.len(), 60);
    let mut codes: Vec<String> = scored
        .iter()
        .map(|s| s.assessment.respondent.clone().unwrap())
        .collect();
    codes.sort();
    let expected: Vec<String> = (1..=60).map(|n| format!("r{n:02}")).collect();
    assert_eq!(codes, expected);
    // The facilitator's JSON gives the group position koers gives for the folder.
    let json = request(
        address,
        "GET",
        &format!("/f/{}/state.json", session.token()),
        None,
    );
    assert_eq!(json.status, 200);
    let start = json.body.find('{').unwrap();
    let end = json.body.rfind('}').unwrap();
    let view: koers_serve::View = serde_json::from_str(&json.body[start..=end]).unwrap();
    assert_eq!(view.finished, 60);
    assert_eq!(view.started, 60);
    let groups = koers::aggregate(
        &scored,
        koers::GroupBy::Organisation,
        &crate::instrument().matrix,
    );
    assert_eq!(groups.len(), 1);
    // The same numbers to the last bit in the server; through JSON (serde_json reads a
    // float to within one unit in the last place) to 1e-9.
    assert!(groups[0].position.is_some());
    assert_eq!(session.view().position, groups[0].position);
    let (shown, koers) = (view.position.unwrap(), groups[0].position.unwrap());
    assert!((shown.x - koers.x).abs() < 1e-9 && (shown.y - koers.y).abs() < 1e-9);
    assert_eq!(view.region, groups[0].region.as_ref().map(|r| r.id.clone()));
    stop.send(()).unwrap();
    runtime.block_on(server).unwrap().unwrap();
}
