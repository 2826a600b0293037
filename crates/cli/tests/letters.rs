//! `jauge letters` through the real binary: the demo's five letters written and signed with one
//! password, each verified by `jauge verify`; the buyer's advantages text; the refusals and their
//! exit statuses, with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{repo_file, run, tool};

fn jauge(args: &[&str]) -> (i32, String, String) {
    run(Command::new(env!("CARGO_BIN_EXE_jauge"))
        .args(args)
        .env_remove("JAUGE_P12_PASSWORD"))
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn pki(name: &str) -> PathBuf {
    repo_file(&format!("tests/fixtures/pki/{name}"))
}

fn pdf_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn letters_are_written_signed_and_verified_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = repo_file("assets/demo/cloud-de-confiance.json");
    let folder = dir.path().join("lettres");
    let advantages = dir.path().join("avantages-o1.txt");
    let own_words = "Texte de l’acheteur sur les avantages de l’offre retenue.";
    std::fs::write(&advantages, own_words).expect("write");
    let (code, stdout, stderr) = jauge(&[
        "letters",
        path_str(&demo),
        "-o",
        path_str(&folder),
        "--notified",
        "2026-12-25",
        "--channel",
        "post",
        "--p12",
        path_str(&pki("rsa-signer.p12")),
        "--password-file",
        path_str(&pki("rsa-signer.password")),
        "--advantages",
        &format!("o1={}", path_str(&advantages)),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("10/01/2027"), "standstill date: {stdout}");
    assert_eq!(
        pdf_files(&folder),
        [
            "lettre-o1.pdf",
            "lettre-o2.pdf",
            "lettre-o3.pdf",
            "lettre-o4.pdf",
            "lettre-o5.pdf"
        ]
    );
    for name in pdf_files(&folder) {
        let letter = folder.join(&name);
        let (code, stdout, _) = jauge(&["verify", path_str(&letter), "--json"]);
        assert_eq!(code, 0, "{name}: {stdout}");
        let verdict: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(verdict["signatures"].as_array().map(Vec::len), Some(1));
        assert_eq!(verdict["signatures"][0]["signer"], "Jeanne Dupré");
    }
    if let Some(pdftotext) = tool("pdftotext") {
        let (code, text, _) = run(Command::new(pdftotext)
            .arg(folder.join("lettre-o1.pdf"))
            .arg("-"));
        assert_eq!(code, 0);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(own_words), "{text}");
    }
}

#[test]
fn refusals_exit_with_their_status_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = repo_file("assets/demo/cloud-de-confiance.json");
    let folder = dir.path().join("lettres");
    let base = |extra: &[&str]| {
        let mut args = vec![
            "letters",
            path_str(&demo),
            "-o",
            path_str(&folder),
            "--notified",
            "2026-12-04",
            "--channel",
            "electronic",
        ];
        args.extend_from_slice(extra);
        jauge(&args)
    };
    let wrong = dir.path().join("wrong.password");
    std::fs::write(&wrong, "not the password\n").expect("write");
    let (code, _, stderr) = base(&[
        "--p12",
        path_str(&pki("rsa-signer.p12")),
        "--password-file",
        path_str(&wrong),
    ]);
    assert_eq!(code, 2, "wrong password: {stderr}");
    assert!(!folder.exists());

    let (code, _, stderr) = jauge(&[
        "letters",
        path_str(&demo),
        "-o",
        path_str(&folder),
        "--notified",
        "2026-02-30",
        "--channel",
        "electronic",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--notified"), "{stderr}");
    let (code, _, stderr) = base(&["--advantages", "o9=/nonexistent"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!folder.exists());

    // An evaluation with an offer still to score is not ready: exit 1, nothing written.
    let text = std::fs::read_to_string(&demo).expect("demo");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let scores = document["scores"].as_array_mut().expect("scores");
    scores.retain(|s| s["offer"] != "o5");
    document["consensus"]
        .as_array_mut()
        .expect("consensus")
        .retain(|c| c["offer"] != "o5");
    let open = dir.path().join("open.json");
    std::fs::write(&open, document.to_string()).expect("write");
    let (code, _, stderr) = jauge(&[
        "letters",
        path_str(&open),
        "-o",
        path_str(&folder),
        "--notified",
        "2026-12-04",
        "--channel",
        "electronic",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not complete"), "{stderr}");
    assert!(!folder.exists());
}

#[test]
fn a_request_letter_is_written_signed_and_verified_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let negotiated = repo_file("tests/fixtures/negotiated.json");
    let output = dir.path().join("demande-x2.pdf");
    let (code, stdout, stderr) = jauge(&[
        "request-letter",
        path_str(&negotiated),
        "--exchange",
        "x2",
        "-o",
        path_str(&output),
        "--p12",
        path_str(&pki("rsa-signer.p12")),
        "--password-file",
        path_str(&pki("rsa-signer.password")),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(signée)"), "{stdout}");
    let (code, stdout, _) = jauge(&["verify", path_str(&output), "--json"]);
    assert_eq!(code, 0, "{stdout}");
    let verdict: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(verdict["signatures"].as_array().map(Vec::len), Some(1));
    if let Some(pdftotext) = tool("pdftotext") {
        let (code, text, _) = run(Command::new(pdftotext).arg(&output).arg("-"));
        assert_eq!(code, 0);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("Le plan de réversibilité couvre-t-il les sauvegardes ?"),
            "{text}"
        );
    }
    // An unknown request: exit 1 (not found), nothing written.
    let missing = dir.path().join("demande-x9.pdf");
    let (code, _, stderr) = jauge(&[
        "request-letter",
        path_str(&negotiated),
        "--exchange",
        "x9",
        "-o",
        path_str(&missing),
    ]);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("x9"), "{stderr}");
    assert!(!missing.exists());
}
