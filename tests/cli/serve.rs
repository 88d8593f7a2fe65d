//! `koers serve`: a real server on a free port, participants over loopback, a SIGKILL in
//! the middle of their submissions, and a restart that continues the respondent codes.

use crate::{root, run};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

struct Server {
    child: Child,
    address: SocketAddr,
    code: String,
    token: String,
    /// Kept open: the server may still print.
    _stdout: BufReader<ChildStdout>,
}

/// Starts `koers serve` on a free port and reads its addresses from its first lines.
fn start(folder: &Path, instrument: &Path) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("koers"))
        .current_dir(root())
        .env_remove("KOERS_LANG")
        .args([
            "serve",
            folder.to_str().unwrap(),
            "--organisation",
            "De Dijk",
            "--instrument",
            instrument.to_str().unwrap(),
            "--date",
            "2026-05-31",
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (mut participants, mut facilitator) = (String::new(), String::new());
    let mut lines = Vec::new();
    while facilitator.is_empty() {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "koers serve stopped: {lines:?}"
        );
        if let Some(url) = line.strip_prefix("Deelnemers: ") {
            participants = url.trim().to_string();
        }
        if let Some(url) = line.strip_prefix("Begeleider (geheim): ") {
            facilitator = url.trim().to_string();
        }
        lines.push(line);
    }
    let rest = participants.strip_prefix("http://").unwrap();
    let (host, code) = rest.split_once("/?code=").unwrap();
    let token = facilitator.rsplit('/').next().unwrap().to_string();
    Server {
        child,
        address: host.parse().unwrap(),
        code: code.to_string(),
        token,
        _stdout: stdout,
    }
}

/// One request on its own connection; `None` when the server is gone.
///
/// Slowed down (429: every participant here comes from 127.0.0.1), it waits as
/// Retry-After says and asks again, as a person would.
fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    form: Option<&str>,
) -> Option<(u16, String, String)> {
    loop {
        let (status, location, body, retry) = once(address, method, path, form)?;
        if status != 429 {
            return Some((status, location, body));
        }
        std::thread::sleep(std::time::Duration::from_secs(retry.max(1)));
    }
}

/// One request: status, Location, body and Retry-After.
fn once(
    address: SocketAddr,
    method: &str,
    path: &str,
    form: Option<&str>,
) -> Option<(u16, String, String, u64)> {
    let mut stream = TcpStream::connect(address).ok()?;
    let body = form.unwrap_or("");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if form.is_some() {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let location = head
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or("")
        .to_string();
    let retry = head
        .lines()
        .find_map(|l| l.strip_prefix("retry-after: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    Some((status, location, body.to_string(), retry))
}

fn hidden(body: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker)? + marker.len();
    Some(body[start..].split('"').next()?.to_string())
}

/// A participant: joins, answers every page (the `point`-th point of every question's
/// scale, or its highest), and returns whether the last page was taken. `None` when the server went
/// away on the way.
fn participant(server_address: SocketAddr, code: &str, point: u8) -> Option<()> {
    let (status, first, _) = request(
        server_address,
        "POST",
        "/join",
        Some(&format!("code={code}")),
    )?;
    assert_eq!(status, 303);
    let key = first.strip_prefix("/p/")?.strip_suffix("/s/1")?.to_string();
    let mut page = 1;
    loop {
        let path = format!("/p/{key}/s/{page}");
        let (status, _, body) = request(server_address, "GET", &path, None)?;
        if status != 200 {
            return None;
        }
        let csrf = hidden(&body, "csrf")?;
        // Each question's options in page order: (id, value).
        let mut options: Vec<(String, Vec<String>)> = Vec::new();
        for piece in body.split("name=\"q-").skip(1) {
            let id = piece.split('"').next()?.to_string();
            let value = piece
                .split("value=\"")
                .nth(1)?
                .split('"')
                .next()?
                .to_string();
            match options.iter_mut().find(|(known, _)| *known == id) {
                Some((_, values)) => values.push(value),
                None => options.push((id, vec![value])),
            }
        }
        let mut form = format!("csrf={csrf}");
        for (id, values) in &options {
            let points: Vec<&String> = values.iter().filter(|v| v.parse::<i64>().is_ok()).collect();
            let chosen = points[usize::from(point - 1).min(points.len() - 1)];
            form.push_str(&format!("&q-{id}={chosen}"));
        }
        let (status, location, _) = request(server_address, "POST", &path, Some(&form))?;
        assert_eq!(status, 303);
        if location.ends_with("/klaar") {
            return Some(());
        }
        page += 1;
    }
}

/// Every `.toml` file in the folder: (name, text).
fn files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    files.sort();
    files
}

#[test]
fn a_killed_session_leaves_whole_files_and_a_restart_continues_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let instrument = dir.path().join("instrument.toml");
    std::fs::copy(
        root().join("tests/fixtures/serve/instrument.toml"),
        &instrument,
    )
    .unwrap();
    let folder = dir.path().join("sessie");
    let mut server = start(&folder, &instrument);
    for point in [2, 3, 4] {
        participant(server.address, &server.code, point).expect("the server runs");
    }
    assert_eq!(files(&folder).len(), 3);
    // Twelve more at once; the server is killed (SIGKILL) as soon as the first of them
    // is written, while the others are still answering or being written.
    std::thread::scope(|scope| {
        for i in 0..12u8 {
            let (address, code) = (server.address, server.code.clone());
            scope.spawn(move || participant(address, &code, 1 + i % 5));
        }
        while files(&folder).len() < 4 {
            std::thread::yield_now();
        }
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    });
    let after_kill = files(&folder);
    assert!(after_kill.len() >= 4, "{after_kill:?}");
    let mut highest = 0;
    for (name, text) in &after_kill {
        assert!(
            name.ends_with(".toml"),
            "only assessment files are left: {name}"
        );
        assert!(
            text.contains("[answers]") && text.ends_with('\n'),
            "{name} is whole:\n{text}"
        );
        let number: u32 = name
            .trim_end_matches(".toml")
            .rsplit("-r")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        highest = highest.max(number);
    }
    assert_eq!(
        highest as usize,
        after_kill.len(),
        "codes r01… without a gap"
    );
    let folder_arg = folder.to_str().unwrap();
    let (code, out, err) = run(&["validate", folder_arg]);
    assert_eq!(code, 0, "{out}{err}");

    // A restart continues with the next code.
    let mut again = start(&folder, &instrument);
    participant(again.address, &again.code, 5).expect("the restarted server runs");
    let now = files(&folder);
    assert_eq!(now.len(), after_kill.len() + 1);
    let expected = format!("2026-05-31-r{:02}.toml", highest + 1);
    assert!(
        now.iter().any(|(name, _)| *name == expected),
        "{expected} in {now:?}"
    );
    // The facilitator's position is koers score's.
    let (status, _, body) = request(
        again.address,
        "GET",
        &format!("/f/{}/state.json", again.token),
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    let (code, out, err) = run(&["score", folder_arg, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let score: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["finished"], score["groups"][0]["respondents"]);
    assert!(view["position"].is_object());
    assert_eq!(view["position"], score["groups"][0]["position"]);
    again.child.kill().unwrap();
    again.child.wait().unwrap();
}

#[test]
fn the_participants_page_answers_403_without_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let instrument = dir.path().join("instrument.toml");
    std::fs::copy(
        root().join("tests/fixtures/serve/instrument.toml"),
        &instrument,
    )
    .unwrap();
    let mut server = start(&dir.path().join("sessie"), &instrument);
    let (status, _, _) = request(server.address, "GET", "/", None).unwrap();
    assert_eq!(status, 403);
    let (status, _, _) = request(
        server.address,
        "GET",
        &format!("/?code={}", server.code),
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    let (status, _, _) = request(
        server.address,
        "GET",
        "/f/0123456789abcdef0123456789abcdef",
        None,
    )
    .unwrap();
    assert_eq!(status, 403);
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}
