//! `koers serve`: a live session. The library `koers-serve` is the web application; this
//! command makes the folder, binds the address, prints the addresses and the QR code, and
//! runs until Ctrl-C.

use crate::args::ServeArgs;
use crate::commands::form::instrument;
use crate::commands::import::instrument_from;
use crate::failure::Failure;
use crate::load::Loader;
use crate::messages::say;
use koers::builtin;
use koers_serve::{Config, Session, rate::Limits};
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::Path;
use std::sync::Arc;

/// Runs the command.
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let mut loader = Loader::default();
    let instrument = instrument(&mut loader, &args.instrument)?;
    std::fs::create_dir_all(&args.folder).map_err(|source| Failure::Write {
        path: args.folder.clone(),
        source,
    })?;
    // A file names its instrument relative to itself, as `koers import` does.
    let instrument_ref = if builtin::instrument(&args.instrument).is_some() {
        args.instrument.clone()
    } else {
        instrument_from(Path::new(&args.instrument), &args.folder)
            .unwrap_or_else(|| args.instrument.clone())
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Failure::Stdout)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|source| Failure::Unsupported(format!("{}: {source}", args.listen)))?;
        let local = listener.local_addr().map_err(Failure::Stdout)?;
        let config = Config {
            folder: args.folder.clone(),
            organisation: args.organisation.clone(),
            id: args.id.clone(),
            round: args.round.clone(),
            kind: args.kind,
            date: args.date.unwrap_or_else(crate::commands::init::today),
            instrument: Arc::new(instrument),
            instrument_ref,
            roles: args
                .roles
                .iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect(),
            lang: args.lang,
            report: args.report.clone(),
            limits: Limits::default(),
            base_url: base_url(local),
        };
        let session = Session::open(config).map_err(|error| match error {
            koers_serve::OpenError::Folder(source) => Failure::Read {
                path: args.folder.clone(),
                source,
            },
            other => Failure::Unsupported(other.to_string()),
        })?;
        print_addresses(&session, local).map_err(Failure::Stdout)?;
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        koers_serve::serve(listener, &session, shutdown)
            .await
            .map_err(Failure::Stdout)
    })
}

/// The address participants type: the machine's address in its network when listening
/// on every interface (0.0.0.0), else the address listened on.
fn base_url(local: SocketAddr) -> String {
    let ip = if local.ip().is_unspecified() {
        lan_address().unwrap_or(local.ip())
    } else {
        local.ip()
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}", local.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", local.port()),
    }
}

/// The address of the interface that routes to other machines: a UDP socket connected
/// to a documentation address (nothing is sent) tells which one.
fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    Some(socket.local_addr().ok()?.ip())
}

/// The first lines on standard output: the participants' address and code, the
/// facilitator's, who can reach them, and the QR code.
fn print_addresses(session: &Session, local: SocketAddr) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {}",
        say("Deelnemers:", "Participants:"),
        session.participant_url()
    )?;
    writeln!(out, "{} {}", say("Code:", "Code:"), session.join_code())?;
    writeln!(
        out,
        "{} {}",
        say("Begeleider (geheim):", "Facilitator (secret):"),
        session.facilitator_url()
    )?;
    writeln!(
        out,
        "{}",
        if local.ip().is_loopback() {
            say(
                "Alleen bereikbaar vanaf deze computer (127.0.0.1); --listen 0.0.0.0:8080 opent het voor het netwerk.",
                "Reachable from this computer only (127.0.0.1); --listen 0.0.0.0:8080 opens it to the network.",
            )
            .to_string()
        } else {
            say(
                format!(
                    "Bereikbaar voor iedereen die {local} kan bereiken (het hele netwerk); de code en het geheime adres houden anderen buiten."
                ),
                format!(
                    "Reachable by anyone who can reach {local} (the whole network); the code and the secret address keep others out."
                ),
            )
        }
    )?;
    if let Some(qr) = koers_serve::qr_terminal(&session.participant_url()) {
        writeln!(out, "{qr}")?;
    }
    writeln!(out, "{}", say("Stoppen: Ctrl-C.", "Stop: Ctrl-C."))?;
    out.flush()
}
