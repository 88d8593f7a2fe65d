//! Writes the large inputs that BENCHMARKS.md times: an assessment with 100,000 answer
//! keys (every one an unknown question, so every one gets a located message), a matrix of
//! 16,000 regions, and 3,000 organisations for one picture.
//!
//! Run with `cargo run --release -p koers-cli --example stress_inputs -- DIR`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "stress".into()));
    std::fs::create_dir_all(dir.join("organisations"))?;

    let head = "instrument = \"sev\"\n[organisation]\nname = \"X\"\n[assessment]\ndate = 2026-01-01\n[answers]\n";
    let mut keys = String::from(head);
    for i in 0..100_000 {
        let _ = writeln!(keys, "q{i} = 3");
    }
    std::fs::write(dir.join("keys-100000.toml"), keys)?;

    let axis = |id: &str| {
        format!(
            "[{id}]\nid = \"{id}\"\nlabel = {{ nl = \"{id}\" }}\nlow = {{ nl = \"0\" }}\nhigh = {{ nl = \"100\" }}\n"
        )
    };
    let mut matrix = format!(
        "id = \"groot\"\ntitle = {{ nl = \"Groot\" }}\n{}{}",
        axis("x"),
        axis("y")
    );
    for i in 0..160 {
        for j in 0..100 {
            let (x0, x1) = (
                f64::from(i) * 100.0 / 160.0,
                f64::from(i + 1) * 100.0 / 160.0,
            );
            let _ = write!(
                matrix,
                "[[regions]]\nid = \"r{i}-{j}\"\nlabel = {{ nl = \"R\" }}\ndescription = {{ nl = \"D\" }}\nx = [{x0:?}, {x1:?}]\ny = [{j}, {}]\n",
                j + 1
            );
        }
    }
    std::fs::write(dir.join("matrix-16000.toml"), matrix)?;

    // 3,000 organisations spread over the matrix by a fixed recipe (no randomness, so every
    // run times the same picture).
    let instrument = koers::builtin::instrument("sev").expect("sev is built in");
    for n in 0..3_000u32 {
        let (focus, ladder) = (1 + n % 5, 1 + (n / 5) % 6);
        let mut text = format!(
            "instrument = \"sev\"\n[organisation]\nname = \"Woonstichting Nummer {n}\"\nid = \"org{n}\"\n[assessment]\ndate = 2026-03-01\n[answers]\n"
        );
        for (section, q) in instrument.questions() {
            let value = if section.id.starts_with("focus") {
                focus
            } else {
                ladder
            };
            let scale = instrument.scale_of(q).expect("a checked instrument");
            let value = i64::from(value).clamp(scale.min, scale.max);
            let _ = writeln!(text, "{} = {value}", q.id);
        }
        std::fs::write(dir.join("organisations").join(format!("o{n}.toml")), text)?;
    }
    println!("wrote {}", dir.display());
    Ok(())
}
