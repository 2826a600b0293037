//! What every test module shares: where the repository is, and the external tools we check
//! output with.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the directory holding the workspace `Cargo.toml` and `Cargo.lock`),
/// found from the package this module is compiled into.
pub fn repo_root() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
}

/// A file under the repository root.
pub fn repo_file(relative: &str) -> PathBuf {
    repo_root().join(relative)
}

/// A test fixture (`tests/fixtures/NAME`), such as the format's worked example
/// `example-minimal.json` described in `docs/evaluation-format.md`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Finds an external checking tool (pdfsig, qpdf, pyhanko…). `JAUGE_REQUIRE_TOOLS=1`, which the
/// README's test command sets, turns a missing tool into a failure, so CI can never skip a check;
/// a plain `cargo test` on a bare machine skips those checks with a note instead.
pub fn tool(name: &str) -> Option<PathBuf> {
    let env_key = format!("JAUGE_TOOL_{}", name.to_uppercase().replace('-', "_"));
    if let Ok(path) = std::env::var(&env_key) {
        return Some(PathBuf::from(path));
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("JAUGE_REQUIRE_TOOLS").is_err(),
            "{name} is required (JAUGE_REQUIRE_TOOLS is set) but was not found"
        );
        eprintln!("note: {name} not found, skipping the checks that need it");
    }
    found
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().expect("command starts");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The text pdftotext reads from `pdf` (`None`, with a note, when pdftotext is not installed and
/// not required).
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let (code, out, err) = run(Command::new(pdftotext).arg(pdf).arg("-"));
    assert_eq!(code, 0, "pdftotext failed: {err}");
    Some(out)
}

/// The text as a reader would quote it: pdftotext turns no-break spaces into plain ones, and
/// wrapped lines are joined back with one space.
pub fn plain(text: &str) -> String {
    text.replace(['\u{202F}', '\u{A0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
