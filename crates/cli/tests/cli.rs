//! The `jauge` binary as a user runs it: exit statuses of spec §10, messages on standard error
//! that name where the problem is, and no output file left behind after invalid input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

// The root integration binary's helpers; this binary lives here because only the package that
// owns the `jauge` binary gets it built, with the test build's features, as CARGO_BIN_EXE_jauge.
#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{fixture, run};

/// The `jauge` binary cargo built for this test run.
pub fn jauge_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_jauge"))
}

/// Runs `jauge` with `args`, with no inherited database location.
pub fn jauge(args: &[&str]) -> (i32, String, String) {
    run(Command::new(jauge_binary())
        .args(args)
        .env_remove("JAUGE_P12_PASSWORD"))
}

fn write_json(dir: &Path, name: &str, document: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, document.to_string()).expect("write fixture");
    path
}

fn example() -> Value {
    let text = std::fs::read_to_string(fixture("example-minimal.json")).expect("spec example");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn evaluate_prints_a_french_ranking_and_exits_0() {
    let example = fixture("example-minimal.json");
    let (code, stdout, stderr) = jauge(&["evaluate", example.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.contains("Beta Cloud (o2)"), "{stdout}");
    assert!(stdout.contains("84,00"), "{stdout}");
    assert!(stdout.contains("73,00"), "{stdout}");
    assert!(stdout.contains("Offres éliminées"), "{stdout}");
    assert!(
        stdout.contains("Offre la mieux classée : Beta Cloud (o2)"),
        "{stdout}"
    );
}

#[test]
fn evaluate_prints_each_round_and_the_exchanges_of_a_negotiation() {
    let file = fixture("negotiated.json");
    let (code, stdout, stderr) = jauge(&["evaluate", file.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "stderr: {stderr}");
    for expected in [
        "Offre la mieux classée : Beta Cloud (o2)",
        "  - Offres initiales (offres initiales) : en tête Nuage Alpha (o1)",
        "      écartée à l'issue du tour : Gamma Hosting (o3) — Troisième au classement",
        "      vers « Offres finales » : l'offre la mieux classée change",
        "      Beta Cloud (o2) : rang 2 → 1 ; price 900,00 → 700,00, quality 6,00 → 7,00",
        "  - Offres finales (offres finales) : en tête Beta Cloud (o2)",
        "Échanges avec les soumissionnaires : 2 (dont 0 sans réponse)",
        "  - x2 · Beta Cloud (o2) · demande de précisions : Oui, sauvegardes comprises, sans frais.",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    // o3 was set aside at the first round: the deciding ranking does not list it.
    assert!(!stdout.contains("Offres éliminées"), "{stdout}");
}

#[test]
fn evaluate_json_prints_the_results_document() {
    let example = fixture("example-minimal.json");
    let (code, stdout, stderr) =
        jauge(&["evaluate", example.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(doc["format"], "jauge/results@1");
    assert_eq!(doc["winner"], "o2");
    assert_eq!(doc["offers"][1]["total"], json!(84));
    assert_eq!(doc["offers"][2]["status"], "eliminated");
}

#[test]
fn an_incomplete_evaluation_still_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = example();
    doc["scores"].as_array_mut().expect("scores").remove(6);
    let file = write_json(dir.path(), "incomplete.json", &doc);
    let (code, stdout, _) = jauge(&["evaluate", file.to_str().expect("path"), "--json"]);
    assert_eq!(code, 0);
    let results: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(results["complete"], false);
    assert_eq!(results["winner"], Value::Null);
    assert_eq!(
        results["missing"],
        json!([{"offer": "o2", "criterion": "env"}])
    );
}

#[test]
fn invalid_input_exits_2_with_one_line_per_problem_naming_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = example();
    doc["criteria"][1]["children"][1]["weight"] = json!(15);
    doc["scores"][0]["value"] = json!(7);
    let file = write_json(dir.path(), "bad.json", &doc);
    let (code, stdout, stderr) = jauge(&["evaluate", file.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.contains(
            &r#"error: criteria[1].children: weights sum to 45 but group "tech" weighs 50"#
        ),
        "{stderr}"
    );
    assert!(
        lines.contains(
            &r#"error: scores[0].value: 7 is outside the scale 0..5 of criterion "tech.sec""#
        ),
        "{stderr}"
    );
}

#[test]
fn malformed_json_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"jauge/evaluation@1\",\n  \"tender\": \n}",
    )
    .expect("write");
    let (code, _, stderr) = jauge(&["evaluate", file.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: line 4, column 1: malformed JSON"),
        "{stderr}"
    );
}

#[test]
fn a_missing_or_binary_file_is_unreadable_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("absent.json");
    let (code, _, stderr) = jauge(&["evaluate", missing.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("absent.json"), "{stderr}");
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x7b]).expect("write");
    let (code, _, stderr) = jauge(&["evaluate", binary.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn import_list_export_round_trip_through_a_real_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("jauge.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let (code, stdout, stderr) = jauge(&["import", path_str(&demo), "--db", path_str(&db)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("5 offres"), "{stdout}");
    let (code, stdout, _) = jauge(&["list", "--db", path_str(&db)]);
    assert_eq!(code, 0);
    assert!(stdout.contains("2026-DNUM-CDC-014"), "{stdout}");
    let out = dir.path().join("export.json");
    let (code, _, stderr) = jauge(&[
        "export",
        "2026-DNUM-CDC-014",
        "-o",
        path_str(&out),
        "--db",
        path_str(&db),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(&demo).expect("demo")).expect("JSON");
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("export")).expect("JSON");
    assert_eq!(
        original, exported,
        "import then export gives the same document"
    );
    let (code, _, stderr) = jauge(&["import", path_str(&demo), "--db", path_str(&db)]);
    assert_eq!(code, 1, "a second import of the same reference is refused");
    assert!(stderr.contains("already stored"), "{stderr}");
}

/// A file-size limit stands in for a full disk: past it, writes fail with EFBIG (the shell
/// ignores SIGXFSZ first, and an ignored signal stays ignored across `exec`).
#[cfg(unix)]
#[test]
fn a_full_disk_while_exporting_leaves_no_partial_file_and_the_store_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("jauge.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let (code, _, stderr) = jauge(&["import", path_str(&demo), "--db", path_str(&db)]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("export.json");
    // 36 KiB: room for SQLite's 32 KiB shared-memory file, not for the 42 KB export.
    let limited = "trap '' XFSZ; ulimit -f 36; exec \"$@\"";
    let (code, _, stderr) = run(Command::new("bash").args([
        "-c",
        limited,
        "bash",
        path_str(jauge_binary()),
        "export",
        "2026-DNUM-CDC-014",
        "-o",
        path_str(&out),
        "--db",
        path_str(&db),
    ]));
    assert_eq!(code, 1, "the write failed: {stderr}");
    assert!(stderr.contains("export.json"), "names the file: {stderr}");
    assert!(!out.exists(), "no output file");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // The store is untouched: the same export without the limit works, and the journal verifies.
    let (code, _, stderr) = jauge(&[
        "export",
        "2026-DNUM-CDC-014",
        "-o",
        path_str(&out),
        "--db",
        path_str(&db),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = jauge(&[
        "journal",
        "verify",
        "2026-DNUM-CDC-014",
        "--db",
        path_str(&db),
    ]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn an_invalid_file_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("jauge.sqlite3");
    let mut doc = example();
    doc["offers"][0]["price"] = json!(-5);
    let file = write_json(dir.path(), "bad.json", &doc);
    let (code, _, stderr) = jauge(&["import", path_str(&file), "--db", path_str(&db)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("offers[0].price"), "{stderr}");
    assert!(!db.exists(), "no database created for an invalid file");

    let good = fixture("example-minimal.json");
    assert_eq!(
        jauge(&["import", path_str(&good), "--db", path_str(&db)]).0,
        0
    );
    let before = std::fs::read(&db).expect("db");
    let (code, _, _) = jauge(&[
        "import",
        path_str(&file),
        "--replace",
        "--db",
        path_str(&db),
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        std::fs::read(&db).expect("db"),
        before,
        "saved data untouched"
    );
    let out = dir.path().join("never.json");
    let (code, _, _) = jauge(&[
        "export",
        "NOPE",
        "-o",
        path_str(&out),
        "--db",
        path_str(&db),
    ]);
    assert_eq!(code, 2, "an unknown reference is bad input");
    assert!(!out.exists());
}

#[test]
fn journal_verify_names_the_entry_edited_behind_jauges_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("jauge.sqlite3");
    let example = fixture("example-minimal.json");
    assert_eq!(
        jauge(&["import", path_str(&example), "--db", path_str(&db)]).0,
        0
    );
    let (code, stdout, _) = jauge(&["journal", "verify", "2026-EX-001", "--db", path_str(&db)]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("intègre"), "{stdout}");
    {
        let connection = rusqlite::Connection::open(&db).expect("open");
        let changed = connection
            .execute("UPDATE scores SET value = 5 WHERE value = 3", [])
            .expect("edit");
        assert!(changed > 0);
    }
    let (code, stdout, _) = jauge(&["journal", "verify", "2026-EX-001", "--db", path_str(&db)]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("altéré"), "{stdout}");
    assert!(stdout.contains('1'), "names entry 1: {stdout}");
}

#[test]
fn templates_write_valid_evaluations_and_catalogs_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    for template in ["cloud-sensitive", "gaia-x-label-2", "health-hds"] {
        let out = dir.path().join(format!("{template}.json"));
        let (code, _, stderr) = jauge(&["new", "--template", template, "-o", path_str(&out)]);
        assert_eq!(code, 0, "{template}: {stderr}");
        let (code, stdout, stderr) = jauge(&["evaluate", path_str(&out), "--json"]);
        assert_eq!(code, 0, "{template}: {stderr}");
        let results: Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(results["warnings"], json!([]), "{template}");
    }
    let out = dir.path().join("x.json");
    let (code, _, stderr) = jauge(&["new", "--template", "nope", "-o", path_str(&out)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!out.exists());
    let (code, stdout, _) = jauge(&["catalog", "show", "secnumcloud@3.2:19.6.b-1"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("24"), "{stdout}");
    let (code, stdout, _) = jauge(&["catalog", "list", "gaia-x"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("gaia-x@24.11:P5.1.4"), "{stdout}");
    assert_eq!(jauge(&["catalog", "show", "secnumcloud@3.2:99.9"]).0, 2);
}

mod report_commands {
    use super::*;

    fn pki(name: &str) -> PathBuf {
        crate::support::repo_file(&format!("tests/fixtures/pki/{name}"))
    }

    /// `jauge sign INPUT -o OUTPUT --p12 P12 --password-file PASSWORD [extra…]`.
    fn sign(
        input: &Path,
        output: &Path,
        p12: &Path,
        password: &Path,
        extra: &[&str],
    ) -> (i32, String, String) {
        let mut args = vec![
            "sign",
            path_str(input),
            "-o",
            path_str(output),
            "--p12",
            path_str(p12),
            "--password-file",
            path_str(password),
        ];
        args.extend_from_slice(extra);
        jauge(&args)
    }

    /// Signs with the test PKI's RSA signer, Jeanne Dupré.
    fn sign_as_jeanne_dupre(input: &Path, output: &Path, extra: &[&str]) -> (i32, String, String) {
        sign(
            input,
            output,
            &pki("rsa-signer.p12"),
            &pki("rsa-signer.password"),
            extra,
        )
    }

    #[test]
    fn report_sign_twice_verify_and_extract_through_the_binary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
        let report = dir.path().join("rapport.pdf");
        let (code, _, stderr) = jauge(&["report", path_str(&demo), "-o", path_str(&report)]);
        assert_eq!(code, 0, "{stderr}");
        assert!(std::fs::read(&report).expect("pdf").starts_with(b"%PDF-"));

        let (code, _, _) = jauge(&["verify", path_str(&report)]);
        assert_eq!(code, 1, "an unsigned report is not a signed document");

        let first = dir.path().join("signe-1.pdf");
        let (code, stdout, stderr) = sign_as_jeanne_dupre(&report, &first, &["--visible"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains("Signé par Jeanne Dupré — 1 signature dans"),
            "{stdout}"
        );
        let second = dir.path().join("signe-2.pdf");
        let password = std::fs::read_to_string(pki("ec-signer.password")).expect("password");
        let output = Command::new(jauge_binary())
            .args([
                "sign",
                path_str(&first),
                "-o",
                path_str(&second),
                "--p12",
                path_str(&pki("ec-signer.p12")),
            ])
            .env("JAUGE_P12_PASSWORD", password.trim_end())
            .output()
            .expect("run");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("Signé par Éric Lemaître — 2 signatures dans"),
            "{stdout}"
        );

        let (code, stdout, _) = jauge(&["verify", path_str(&second), "--json"]);
        assert_eq!(code, 0, "{stdout}");
        let verdict: Value = serde_json::from_str(&stdout).expect("JSON");
        let signatures = verdict["signatures"].as_array().expect("signatures");
        assert_eq!(signatures.len(), 2);
        assert_eq!(signatures[0]["signer"], "Jeanne Dupré");
        assert_eq!(signatures[1]["signer"], "Éric Lemaître");
        assert_eq!(signatures[0]["intact"], true);
        assert_eq!(signatures[0]["covers_whole_file"], false);
        assert_eq!(signatures[1]["covers_whole_file"], true);
        assert_eq!(signatures[0]["verdict"], "later_signatures_only");
        assert_eq!(signatures[1]["verdict"], "unchanged");
        assert_eq!(signatures[0]["modifications"], serde_json::json!([]));
        let fingerprint = signatures[0]["certificate"]["sha256_fingerprint"]
            .as_str()
            .expect("a fingerprint");
        assert_eq!(fingerprint.len(), 64);
        assert_eq!(
            signatures[0]["certificate"]["non_repudiation"], true,
            "{stdout}"
        );
        assert_eq!(signatures[0]["certificate"]["signed_within_validity"], true);

        let (code, stdout, _) = jauge(&["verify", path_str(&second)]);
        assert_eq!(code, 0, "{stdout}");
        assert!(
            stdout.contains(
                "Signature 1 (Signature1) : intacte, seules des signatures ont été ajoutées ensuite"
            ),
            "{stdout}"
        );
        assert!(
            stdout.contains(&format!("empreinte SHA-256 : {fingerprint}")),
            "{stdout}"
        );

        let first_version = dir.path().join("version-1.pdf");
        let (code, stdout, stderr) = jauge(&[
            "verify",
            path_str(&second),
            "--save-revision",
            "1",
            "-o",
            path_str(&first_version),
        ]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert_eq!(
            std::fs::read(&first_version).expect("saved revision"),
            std::fs::read(&first).expect("first signed file"),
            "the saved revision is exactly what Jeanne Dupré signed"
        );

        let extracted = dir.path().join("extrait.json");
        let (code, stdout, stderr) =
            jauge(&["extract", path_str(&second), "-o", path_str(&extracted)]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains("version signée par Éric Lemaître (signature 2, Signature2)"),
            "{stdout}"
        );
        let (_, original, _) = jauge(&["evaluate", path_str(&demo), "--json"]);
        let (_, again, _) = jauge(&["evaluate", path_str(&extracted), "--json"]);
        assert_eq!(
            original, again,
            "the embedded evaluation re-evaluates identically"
        );

        // Bytes appended after the last signature, outside any revision: a viewer that repairs
        // files may show them, so the document counts as modified and is not countersigned.
        let mut appended = std::fs::read(&second).expect("pdf");
        appended.extend_from_slice(b"\n9999 0 obj\n<< /Type /Annot /Subtype /Square >>\nendobj\n");
        let modified = dir.path().join("modifie.pdf");
        std::fs::write(&modified, &appended).expect("write");
        let (code, stdout, _) = jauge(&["verify", path_str(&modified)]);
        assert_eq!(code, 1, "{stdout}");
        assert!(
            stdout.contains("modifications après cette signature"),
            "{stdout}"
        );
        assert!(
            stdout.contains("Document NON intègre : modifié après la signature 1"),
            "{stdout}"
        );
        let refused = dir.path().join("contresigne.pdf");
        let (code, _, stderr) = sign_as_jeanne_dupre(&modified, &refused, &[]);
        assert_eq!(
            code, 2,
            "countersigning a modified PDF is refused: {stderr}"
        );
        assert!(stderr.contains("modified after"), "{stderr}");
        assert!(!refused.exists(), "no output left behind");

        let mut tampered = std::fs::read(&second).expect("pdf");
        let middle = tampered.len() / 3;
        tampered[middle] ^= 0x01;
        let broken = dir.path().join("altere.pdf");
        std::fs::write(&broken, &tampered).expect("write");
        let (code, stdout, _) = jauge(&["verify", path_str(&broken)]);
        assert_eq!(code, 1, "{stdout}");
        let refused = dir.path().join("jamais.pdf");
        let (code, _, stderr) = sign_as_jeanne_dupre(&broken, &refused, &[]);
        assert_eq!(code, 2, "signing a tampered PDF is refused: {stderr}");
        assert!(!refused.exists(), "no output left behind");
    }

    #[test]
    fn bad_signing_inputs_exit_2_and_leave_no_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
        let report = dir.path().join("rapport.pdf");
        assert_eq!(
            jauge(&["report", path_str(&demo), "-o", path_str(&report)]).0,
            0
        );
        let wrong = dir.path().join("wrong.txt");
        std::fs::write(&wrong, "pas le bon\n").expect("write");
        let not_pdf = dir.path().join("note.pdf");
        std::fs::write(&not_pdf, "ceci n'est pas un PDF").expect("write");
        let out = dir.path().join("out.pdf");
        let cases: [(&Path, PathBuf, &Path, &str); 4] = [
            (&report, pki("rsa-signer.p12"), &wrong, "wrong password"),
            (&report, pki("corrupted.p12"), &wrong, "corrupted"),
            (
                &report,
                pki("no-key.p12"),
                &pki("no-key.password"),
                "no private key",
            ),
            (
                &not_pdf,
                pki("rsa-signer.p12"),
                &pki("rsa-signer.password"),
                "not a PDF",
            ),
        ];
        for (input, p12, password, words) in cases {
            let (code, _, stderr) = sign(input, &out, &p12, password, &[]);
            assert_eq!(code, 2, "{words}: {stderr}");
            assert!(stderr.contains(words), "{words}: {stderr}");
            assert!(!out.exists(), "{words}: no output file");
        }
        let (code, _, stderr) = jauge(&["extract", path_str(&not_pdf), "-o", path_str(&out)]);
        assert_eq!(code, 2, "{stderr}");
        let (code, _, _) = jauge(&["verify", path_str(&not_pdf)]);
        assert_eq!(code, 2);
        let mut invalid = example();
        invalid["scores"][0]["value"] = json!(9);
        let bad = write_json(dir.path(), "bad.json", &invalid);
        let pdf = dir.path().join("never.pdf");
        assert_eq!(
            jauge(&["report", path_str(&bad), "-o", path_str(&pdf)]).0,
            2
        );
        assert!(!pdf.exists());
    }

    #[test]
    fn a_stored_evaluation_report_carries_its_journal_digest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("jauge.sqlite3");
        let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
        assert_eq!(
            jauge(&["import", path_str(&demo), "--db", path_str(&db)]).0,
            0
        );
        let (_, verdict, _) = jauge(&[
            "journal",
            "verify",
            "2026-DNUM-CDC-014",
            "--db",
            path_str(&db),
        ]);
        let head = verdict
            .split_whitespace()
            .last()
            .expect("head hash")
            .to_owned();
        let pdf = dir.path().join("rapport.pdf");
        let (code, _, stderr) = jauge(&[
            "report",
            "--reference",
            "2026-DNUM-CDC-014",
            "--db",
            path_str(&db),
            "-o",
            path_str(&pdf),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{stderr}");
        if let Some(pdftotext) = crate::support::tool("pdftotext") {
            let (code, text, _) = run(Command::new(pdftotext).args([path_str(&pdf), "-"]));
            assert_eq!(code, 0);
            let flat: String = text.split_whitespace().collect();
            assert!(flat.contains(&head), "the head hash {head} is printed");
        }
    }
}

#[test]
fn a_package_goes_to_another_database_and_its_return_file_comes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let buyer = dir.path().join("acheteur.sqlite3");
    let member = dir.path().join("membre.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let package = dir.path().join("paquet-e2.json");
    let returned = dir.path().join("retour-e2.json");
    let (code, _, stderr) = jauge(&["import", path_str(&demo), "--db", path_str(&buyer)]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = jauge(&[
        "package",
        "export",
        "2026-DNUM-CDC-014",
        "--evaluator",
        "e2",
        "-o",
        path_str(&package),
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("SHA-256"), "{stdout}");
    let (code, stdout, stderr) = jauge(&[
        "package",
        "open",
        path_str(&package),
        "--db",
        path_str(&member),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("ouverte pour e2"), "{stdout}");
    let (code, _, stderr) = jauge(&[
        "package",
        "return",
        path_str(&package),
        "-o",
        path_str(&returned),
        "--db",
        path_str(&member),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = jauge(&[
        "package",
        "import",
        "2026-DNUM-CDC-014",
        path_str(&returned),
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 0, "{stderr}");
    // The demo is fully scored: every score comes back as the buyer holds it.
    assert!(stdout.contains("0 note(s) enregistrée(s)"), "{stdout}");
    assert!(stdout.contains("rien de modifié"), "{stdout}");

    // A return file edited by hand is refused as invalid input.
    let text = std::fs::read_to_string(&returned).expect("return file");
    let edited = text.replacen("\"value\": 4", "\"value\": 5", 1);
    assert_ne!(edited, text, "the return file holds a 4 to change");
    std::fs::write(&returned, edited).expect("write");
    let (code, _, stderr) = jauge(&[
        "package",
        "import",
        "2026-DNUM-CDC-014",
        path_str(&returned),
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("scores_sha256"), "{stderr}");
}

#[test]
fn an_evaluator_declares_their_interests_and_the_buyer_receives_them_with_the_return_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let buyer = dir.path().join("acheteur.sqlite3");
    let member = dir.path().join("membre.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let package = dir.path().join("paquet-e2.json");
    let returned = dir.path().join("retour-e2.json");
    let run = |args: &[&str]| {
        let (code, stdout, stderr) = jauge(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    };
    run(&["import", path_str(&demo), "--db", path_str(&buyer)]);
    let reference = "2026-DNUM-CDC-014";
    run(&[
        "package",
        "export",
        reference,
        "--evaluator",
        "e2",
        "-o",
        path_str(&package),
        "--db",
        path_str(&buyer),
    ]);
    run(&[
        "package",
        "open",
        path_str(&package),
        "--db",
        path_str(&member),
    ]);
    let declared = run(&[
        "package",
        "declare",
        reference,
        "--evaluator",
        "e2",
        "--conflict",
        "o3",
        "--note",
        "Ancien salarié",
        "--db",
        path_str(&member),
    ]);
    assert!(declared.contains("dont 1 conflit(s)"), "{declared}");
    // An offer that does not exist is refused as invalid input.
    let (code, _, stderr) = jauge(&[
        "package",
        "declare",
        reference,
        "--evaluator",
        "e2",
        "--conflict",
        "o99",
        "--db",
        path_str(&member),
    ]);
    assert_eq!(code, 2, "{stderr}");
    // Signed with the member's certificate (the password from a file).
    let p12 = crate::support::repo_file("tests/fixtures/pki/rsa-signer.p12");
    let password = crate::support::repo_file("tests/fixtures/pki/rsa-signer.password");
    let returned_signed = run(&[
        "package",
        "return",
        path_str(&package),
        "-o",
        path_str(&returned),
        "--p12",
        path_str(&p12),
        "--password-file",
        path_str(&password),
        "--db",
        path_str(&member),
    ]);
    assert!(returned_signed.contains("et signé"), "{returned_signed}");
    let imported = run(&[
        "package",
        "import",
        reference,
        path_str(&returned),
        "--db",
        path_str(&buyer),
    ]);
    assert!(
        imported.contains("déclaration(s) d’intérêts enregistrée(s)"),
        "{imported}"
    );
    assert!(imported.contains("signature vérifiée"), "{imported}");
    let exported = dir.path().join("exporte.json");
    run(&[
        "export",
        reference,
        "-o",
        path_str(&exported),
        "--db",
        path_str(&buyer),
    ]);
    let evaluation: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).expect("export")).expect("JSON");
    let declarations = evaluation["declarations"].as_array().expect("declarations");
    assert!(
        declarations
            .iter()
            .any(|d| d["offer"] == "o3" && d["conflict"] == true)
    );
    assert!(
        !evaluation["scores"]
            .as_array()
            .expect("scores")
            .iter()
            .any(|s| s["evaluator"] == "e2" && s["offer"] == "o3"),
        "e2 withdrew from o3: their scores on it are gone from the buyer's copy"
    );
    // The demo's prices are not sealed: there is nothing to open.
    let (code, _, stderr) = jauge(&[
        "package",
        "open-prices",
        reference,
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not sealed"), "{stderr}");
}

#[test]
fn declarations_are_dated_the_older_return_is_reported_and_removed_scores_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let buyer = dir.path().join("acheteur.sqlite3");
    let member = dir.path().join("membre.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let package = dir.path().join("paquet-e2.json");
    let older = dir.path().join("retour-1.json");
    let newer = dir.path().join("retour-2.json");
    let run = |args: &[&str]| {
        let (code, stdout, stderr) = jauge(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    };
    let reference = "2026-DNUM-CDC-014";
    run(&["import", path_str(&demo), "--db", path_str(&buyer)]);
    run(&[
        "package",
        "export",
        reference,
        "--evaluator",
        "e2",
        "-o",
        path_str(&package),
        "--db",
        path_str(&buyer),
    ]);
    run(&[
        "package",
        "open",
        path_str(&package),
        "--db",
        path_str(&member),
    ]);
    let declare = |conflict: &[&str]| {
        let mut args = vec!["package", "declare", reference, "--evaluator", "e2"];
        for offer in conflict {
            args.extend(["--conflict", offer]);
        }
        args.extend(["--db", path_str(&member)]);
        run(&args);
    };
    let write_return = |path: &std::path::Path| {
        run(&[
            "package",
            "return",
            path_str(&package),
            "-o",
            path_str(path),
            "--db",
            path_str(&member),
        ]);
    };
    declare(&["o1"]);
    write_return(&older);
    // Declarations are dated to the second: the withdrawal comes a second later.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    declare(&[]);
    write_return(&newer);

    // The older return: its conflict is newer than anything the buyer holds, and removes e2's
    // scores on o1, each listed; the summary does not say that nothing changed.
    let first = run(&[
        "package",
        "import",
        reference,
        path_str(&older),
        "--db",
        path_str(&buyer),
    ]);
    assert!(
        first.contains("note retirée (conflit d’intérêts déclaré) : o1 / "),
        "{first}"
    );
    assert!(!first.contains("rien de modifié"), "{first}");
    // The newer return withdraws the conflict.
    let second = run(&[
        "package",
        "import",
        reference,
        path_str(&newer),
        "--db",
        path_str(&buyer),
    ]);
    assert!(
        second.contains("déclaration(s) d’intérêts enregistrée(s)"),
        "{second}"
    );
    // The older one again: its declaration is older than the buyer's, reported and ignored.
    let third = run(&[
        "package",
        "import",
        reference,
        path_str(&older),
        "--db",
        path_str(&buyer),
    ]);
    assert!(
        third.contains("déclaration ignorée, plus ancienne que celle de la base : offre o1"),
        "{third}"
    );
    assert!(third.contains("rien de modifié"), "{third}");
}

#[test]
fn a_package_given_for_a_return_is_named_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let buyer = dir.path().join("acheteur.sqlite3");
    let demo = crate::support::repo_file("assets/demo/cloud-de-confiance.json");
    let package = dir.path().join("paquet-e2.json");
    let reference = "2026-DNUM-CDC-014";
    assert_eq!(
        jauge(&["import", path_str(&demo), "--db", path_str(&buyer)]).0,
        0
    );
    let (code, _, stderr) = jauge(&[
        "package",
        "export",
        reference,
        "--evaluator",
        "e2",
        "-o",
        path_str(&package),
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = jauge(&[
        "package",
        "import",
        reference,
        path_str(&package),
        "--db",
        path_str(&buyer),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is an evaluator package"), "{stderr}");
}

#[test]
fn prices_edits_a_stored_schedule_one_journaled_edit_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jauge.sqlite3");
    let text = std::fs::read_to_string(fixture("price-schedule.json")).unwrap();
    let mut document: Value = serde_json::from_str(&text).unwrap();
    document["price_schedule"]
        .as_object_mut()
        .unwrap()
        .remove("corrections");
    let file = write_json(dir.path(), "dqe.json", &document);
    let db_arg = ["--db", path_str(&db)];
    let (code, _, stderr) = jauge(&[&["import", path_str(&file)][..], &db_arg].concat());
    assert_eq!(code, 0, "{stderr}");
    // o2's wrong line amount, corrected under the tender rules: o3's grand total still waits.
    let (code, stdout, stderr) = jauge(
        &[
            &[
                "prices",
                "accept",
                "DQE-2026-01",
                "--offer",
                "o2",
                "--line",
                "vcpu",
                "--route",
                "tender_rules",
                "--note",
                "Erreur de multiplication",
            ][..],
            &db_arg,
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Aucune offre classée première"), "{stdout}");
    let (code, stdout, stderr) = jauge(
        &[
            &[
                "prices",
                "accept",
                "DQE-2026-01",
                "--offer",
                "o3",
                "--route",
                "bidder_confirmed",
                "--note",
                "Total confirmé par le soumissionnaire",
            ][..],
            &db_arg,
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Offre classée première : o1"), "{stdout}");
    // A negative unit price is refused by its place in the file; nothing is written.
    let (code, _, stderr) = jauge(
        &[
            &[
                "prices",
                "set",
                "DQE-2026-01",
                "--offer",
                "o1",
                "--line",
                "vcpu",
                "--unit-price=-1",
            ][..],
            &db_arg,
        ]
        .concat(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("price_schedule.offers[0].prices[0].unit_price"),
        "{stderr}"
    );
    let (code, _, stderr) = jauge(&[&["journal", "verify", "DQE-2026-01"][..], &db_arg].concat());
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("back.json");
    let (code, _, stderr) = jauge(
        &[
            &["export", "DQE-2026-01", "-o", path_str(&out)][..],
            &db_arg,
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{stderr}");
    let back: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let routes: Vec<&str> = back["price_schedule"]["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["route"].as_str().unwrap())
        .collect();
    assert_eq!(routes, ["tender_rules", "bidder_confirmed"]);
}
