//! A real browser: headless Chromium, driven over the DevTools protocol through a pipe
//! (`--remote-debugging-pipe`: JSON messages ended by a NUL byte on file descriptors 3
//! and 4), joins, answers every section as a participant would (filling the forms and
//! clicking their buttons) and watches the facilitator's page update itself.
//!
//! The client is a few functions over `std::process` and serde_json, which the crate
//! uses already: a browser-automation crate would add a websocket stack and minutes of
//! cold build for the same few commands. Without Chromium (not on `PATH`) the test says
//! "skipped: …" and passes; `.ci/run` installs it where it is missing.

use crate::{session_at, unlimited};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long one answer of the browser may take before the test gives up: a guard against
/// a hang, not a measurement (the answers come in milliseconds).
const HANG: Duration = Duration::from_secs(120);

/// The first Chromium on `PATH`.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"]
                .into_iter()
                .map(move |name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

/// A headless Chromium and the messages it sent that were not answers yet.
struct Browser {
    child: Child,
    input: ChildStdin,
    output: Receiver<Value>,
    events: VecDeque<Value>,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(program: &std::path::Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // The shell puts the pipes on the descriptors Chromium reads (3) and writes (4).
        let mut child = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null")
            .arg(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let input = child.stdin.take().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).unwrap_or(0) > 0 {
                if message.last() == Some(&0) {
                    message.pop();
                }
                let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                    break;
                };
                if sender.send(value).is_err() {
                    break;
                }
                message.clear();
            }
        });
        Browser {
            child,
            input,
            output,
            events: VecDeque::new(),
            next: 0,
            _profile: profile,
        }
    }

    /// The next message from the browser; `waiting` says for what, if it never comes.
    fn receive(&mut self, waiting: &str) -> Value {
        match self.output.recv_timeout(HANG) {
            Ok(value) => value,
            Err(RecvTimeoutError::Timeout) => panic!("no answer from chromium to {waiting}"),
            Err(RecvTimeoutError::Disconnected) => panic!("chromium stopped"),
        }
    }

    /// Sends a command (to a page's session, if given) and returns its result; events
    /// that come in between are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let waiting = format!("{method} {params}");
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).unwrap();
        self.input.flush().unwrap();
        loop {
            let value = self.receive(&waiting);
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    panic!("{method}: {error}");
                }
                return value["result"].clone();
            }
            self.events.push_back(value);
        }
    }

    /// Waits for the event `method` of `session`.
    fn wait_for(&mut self, session: &str, method: &str) {
        let is = |v: &Value| v["method"] == json!(method) && v["sessionId"] == json!(session);
        if let Some(i) = self.events.iter().position(is) {
            self.events.remove(i);
            return;
        }
        loop {
            let value = self.receive(method);
            if is(&value) {
                return;
            }
            self.events.push_back(value);
        }
    }

    /// Opens a tab and returns its session.
    fn tab(&mut self) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        self.call(Some(&session), "Page.enable", json!({}));
        Tab { session }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tab of the browser.
struct Tab {
    session: String,
}

impl Tab {
    /// The value of a JavaScript expression in the page (promises awaited).
    fn eval(&self, browser: &mut Browser, expression: &str) -> Value {
        let result = browser.call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Runs `action` and waits for the page it leads to.
    fn load(&self, browser: &mut Browser, action: impl FnOnce(&mut Browser, &str)) {
        let session = self.session.clone();
        browser.events.retain(|v| {
            !(v["sessionId"] == json!(session) && v["method"] == "Page.loadEventFired")
        });
        action(browser, &session);
        browser.wait_for(&session, "Page.loadEventFired");
    }

    fn go(&self, browser: &mut Browser, url: &str) {
        self.load(browser, |browser, session| {
            browser.call(Some(session), "Page.navigate", json!({ "url": url }));
        });
    }

    /// Clicks the form's button and waits for the next page.
    fn submit(&self, browser: &mut Browser) {
        let session = self.session.clone();
        self.load(browser, |browser, _| {
            let tab = Tab { session };
            tab.eval(
                browser,
                "document.querySelector('form button[type=submit]').click()",
            );
        });
    }

    fn text(&self, browser: &mut Browser) -> String {
        self.eval(browser, "document.body.innerText")
            .as_str()
            .unwrap()
            .to_string()
    }

    fn path(&self, browser: &mut Browser) -> String {
        self.eval(browser, "location.pathname")
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// Picks, in every question of the page, the answer `point`, or the scale's highest
/// below it; returns how many questions there were.
const ANSWER: &str = r#"(point) => {
  const names = [...new Set([...document.querySelectorAll('input[type=radio]')].map(i => i.name))];
  for (const name of names) {
    const options = [...document.querySelectorAll(`input[type=radio][name="${name}"]`)]
      .filter(i => /^[0-9]+$/.test(i.value) && Number(i.value) <= point);
    options[options.length - 1].click();
  }
  return names.length;
}"#;

#[test]
fn a_browser_joins_answers_and_the_facilitator_sees_the_position_appear() {
    let Some(program) = chromium() else {
        eprintln!("skipped: no chromium on PATH (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let session = session_at(
        dir.path(),
        &["directie", "wijkbeheer"],
        unlimited(),
        &format!("http://{address}"),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = {
        let session = session.clone();
        runtime.spawn(async move {
            koers_serve::serve(listener, &session, async {
                let _ = stopped.await;
            })
            .await
        })
    };

    let mut browser = Browser::start(&program);
    let facilitator = browser.tab();
    facilitator.go(&mut browser, &session.facilitator_url());
    let text = facilitator.text(&mut browser);
    assert!(text.contains("Begonnen: 0 · klaar: 0"), "{text}");
    assert!(
        text.contains("De positie verschijnt zodra 3 deelnemers klaar zijn die genoeg"),
        "{text}"
    );
    // A mark in the page's scripts' world: it survives the live updates, not a reload.
    facilitator.eval(&mut browser, "window.notReloaded = true");

    let participant = browser.tab();
    let points = [2, 4, 5];
    for (i, point) in points.iter().enumerate() {
        if i == 0 {
            // The first types the code; the others come with it in the link.
            participant.go(&mut browser, &format!("http://{address}/"));
            participant.eval(
                &mut browser,
                &format!(
                    "document.querySelector('input[name=code]').value = '{}'",
                    session.join_code().to_lowercase()
                ),
            );
            participant.submit(&mut browser);
        } else {
            participant.go(&mut browser, &session.participant_url());
        }
        participant.eval(
            &mut browser,
            "document.querySelector('select[name=role]').value = 'wijkbeheer'",
        );
        participant.submit(&mut browser);
        for (n, title) in [(1, "Wonen"), (2, "Wijk")] {
            let text = participant.text(&mut browser);
            assert!(text.contains(title), "{text}");
            assert!(text.contains(&format!("Sectie {n} van 2")), "{text}");
            let questions = participant.eval(&mut browser, &format!("({ANSWER})({point})"));
            assert_eq!(questions, json!(2));
            participant.submit(&mut browser);
        }
        assert!(participant.path(&mut browser).ends_with("/klaar"));
        let text = participant.text(&mut browser);
        assert!(
            text.contains(&format!("opgeslagen als r0{} (rol: wijkbeheer)", i + 1)),
            "{text}"
        );
        assert!(text.contains("Uw eigen positie"), "{text}");
    }

    // The facilitator's page, never navigated again, shows the position once the third
    // finished: the live update arrived and the script put the new page in place.
    let shown = facilitator.eval(
        &mut browser,
        "new Promise(done => {
           const check = () => document.body.innerText.includes('klaar: 3') && done(true);
           new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true });
           check();
         })",
    );
    assert_eq!(shown, json!(true));
    assert_eq!(
        facilitator.eval(&mut browser, "window.notReloaded === true"),
        json!(true)
    );
    let text = facilitator.text(&mut browser);
    let view = session.view();
    assert_eq!(view.finished, 3);
    assert!(text.contains("De matrix"), "{text}");
    assert!(text.contains("3 deelnemers klaar"), "{text}");
    assert!(
        text.contains(view.region_label.as_deref().expect("a region")),
        "{text}"
    );
    assert_eq!(
        facilitator.eval(&mut browser, "document.querySelectorAll('svg').length >= 2"),
        json!(true),
        "the QR code and the matrix"
    );
    assert_eq!(crate::files(dir.path()).len(), 3);

    drop(browser);
    let _ = stop.send(());
    runtime.block_on(server).unwrap().unwrap();
}
