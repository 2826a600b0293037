//! Signatures that other tools make, as a buyer receives them: `interop.py` has pyHanko sign
//! with freshly made keys (SHA-384/512, RSASSA-PSS, ECDSA P-384, Ed25519, a signature
//! timestamp, a document timestamp from a test authority) and rebuilds a CMS the way looser
//! signers write it (BER, unsorted signed attributes, none at all, no ESS attribute). Each must
//! read intact, with its remarks; each, one byte changed, must read altered.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use jauge_signing::{Modification, Remark, SignatureReport, Verdict, sign_pdf, verify_pdf};

use super::{load_signer, options, sample_pdf, tamper, write_pdf};
use crate::support::{repo_file, run, tool};

/// The directory of fixtures interop.py made, made once for the whole test binary (pyHanko
/// takes seconds to start); `None` without pyHanko.
fn fixtures() -> Option<&'static Path> {
    static MADE: OnceLock<Option<PathBuf>> = OnceLock::new();
    MADE.get_or_init(|| {
        let pyhanko = tool("pyhanko")?;
        // The Python beside the pyhanko script is the one that has pyHanko installed.
        let python = pyhanko.with_file_name("python");
        let dir = tempfile::Builder::new()
            .prefix("jauge-interop")
            .tempdir()
            .expect("temp dir")
            .keep();
        let plain = write_pdf(&dir, "plain.pdf", &sample_pdf(2));
        let (code, stdout, stderr) = run(Command::new(&python)
            .arg(repo_file("tests/signing/interop.py"))
            .arg(&plain)
            .arg(&dir));
        assert_eq!(code, 0, "interop.py:\n{stdout}\n{stderr}");
        Some(dir)
    })
    .as_deref()
}

fn verify(name: &str) -> Option<(Vec<u8>, Vec<SignatureReport>)> {
    let bytes = std::fs::read(fixtures()?.join(name)).expect("fixture made");
    let reports = verify_pdf(&bytes).expect("readable PDF");
    Some((bytes, reports))
}

fn codes(report: &SignatureReport) -> Vec<&'static str> {
    report.remarks.iter().map(Remark::code).collect()
}

#[test]
fn signatures_with_other_digests_and_keys_are_intact() {
    for name in [
        "rsa-sha512.pdf",
        "rsa-pss.pdf",
        "p384-sha384.pdf",
        "ed25519.pdf",
    ] {
        let Some((bytes, reports)) = verify(name) else {
            return;
        };
        assert_eq!(reports.len(), 1, "{name}: {reports:#?}");
        let report = &reports[0];
        assert!(report.intact, "{name}: {report:#?}");
        assert_eq!(report.verdict, Verdict::Unchanged, "{name}");
        assert_eq!(codes(report), ["revocation_not_checked"], "{name}");

        let tampered = verify_pdf(&tamper(&bytes)).expect("readable PDF");
        assert_eq!(tampered[0].verdict, Verdict::Broken, "{name} tampered");
        assert!(!tampered[0].intact, "{name} tampered");
    }
}

#[test]
fn a_document_timestamp_is_an_allowed_later_revision_with_its_time_and_authority() {
    let Some((bytes, reports)) = verify("document-timestamp.pdf") else {
        return;
    };
    assert_eq!(reports.len(), 2, "{reports:#?}");
    let (signature, timestamp) = (&reports[0], &reports[1]);
    assert_eq!(
        signature.verdict,
        Verdict::LaterSignaturesOnly,
        "{signature:#?}"
    );
    assert_eq!(timestamp.verdict, Verdict::Unchanged, "{timestamp:#?}");
    assert_eq!(timestamp.sub_filter.as_deref(), Some("ETSI.RFC3161"));
    let stamp = timestamp
        .document_timestamp
        .as_ref()
        .expect("timestamp read");
    assert_eq!(
        stamp.time,
        Utc.with_ymd_and_hms(2026, 11, 15, 10, 30, 0).unwrap()
    );
    assert_eq!(stamp.authority.as_deref(), Some("TSA Test Authority"));

    let tampered = verify_pdf(&tamper(&bytes)).expect("readable PDF");
    assert!(
        tampered
            .iter()
            .all(|report| report.verdict == Verdict::Broken),
        "{tampered:#?}"
    );
}

#[test]
fn a_signature_timestamp_is_shown() {
    let Some((_, reports)) = verify("signature-timestamp.pdf") else {
        return;
    };
    assert_eq!(reports[0].verdict, Verdict::Unchanged, "{reports:#?}");
    let stamp = reports[0]
        .remarks
        .iter()
        .find_map(|remark| match remark {
            Remark::SignatureTimestamp(stamp) => Some(stamp),
            _ => None,
        })
        .expect("the signature timestamp is shown");
    assert_eq!(stamp.authority.as_deref(), Some("TSA Test Authority"));
    assert_eq!(
        stamp.time,
        Utc.with_ymd_and_hms(2026, 11, 15, 10, 30, 0).unwrap()
    );
}

#[test]
fn cms_as_looser_signers_write_it_is_intact_with_a_remark() {
    for (name, remark) in [
        ("base-adbe.pdf", None),
        ("ber.pdf", Some("ber_encoding")),
        ("unsorted-attributes.pdf", Some("signed_attributes_not_der")),
        ("no-signed-attributes.pdf", Some("no_signed_attributes")),
        ("no-ess.pdf", Some("not_pades_baseline")),
    ] {
        let Some((bytes, reports)) = verify(name) else {
            return;
        };
        let report = &reports[0];
        assert_eq!(report.verdict, Verdict::Unchanged, "{name}: {report:#?}");
        if let Some(remark) = remark {
            assert!(codes(report).contains(&remark), "{name}: {report:#?}");
        }
        let tampered = verify_pdf(&tamper(&bytes)).expect("readable PDF");
        assert_eq!(tampered[0].verdict, Verdict::Broken, "{name} tampered");
    }
}

#[test]
fn a_certification_permitting_no_change_is_violated_by_a_later_signature_not_by_a_timestamp() {
    let Some((certified, reports)) = verify("certified-p1.pdf") else {
        return;
    };
    assert_eq!(reports[0].verdict, Verdict::Unchanged, "{reports:#?}");
    let (_, reports) = verify("certified-p1-timestamped.pdf").expect("made with the others");
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::LaterSignaturesOnly, Verdict::Unchanged],
        "{reports:#?}"
    );

    // Jauge refuses to sign a document whose certification permits no change, as pyHanko does.
    match sign_pdf(&certified, &load_signer("ec-signer"), &options("Visa")) {
        Err(jauge_signing::Error::CertifiedAgainstChanges { field }) => {
            assert_eq!(field, "Certification");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|pdf| pdf.len())),
    }
    // A tool that signs all the same violates the certification, and Jauge says so.
    let (_, reports) = verify("certified-p1-countersigned.pdf").expect("made with the others");
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    assert_eq!(
        reports[0].modifications,
        [Modification::SignedDespiteCertification {
            field: "Visa".to_owned()
        }]
    );
    assert_eq!(reports[1].verdict, Verdict::Unchanged);
}

#[test]
fn changes_a_certification_permits_are_told_apart_from_the_others() {
    let Some((_, reports)) = verify("certified-p2-filled.pdf") else {
        return;
    };
    // P=2 (form filling): a field filled in after the certification is within its limits —
    // never intact, never altered.
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(
        reports[0].verdict,
        Verdict::ModifiedWithinPermissions,
        "{reports:#?}"
    );
    assert_eq!(
        reports[0].modifications,
        [Modification::FormField {
            name: "Observations".to_owned()
        }]
    );
    // …while an annotation is not a change P=2 permits.
    let (_, reports) = verify("certified-p2-annotated.pdf").expect("made with the others");
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    assert_eq!(
        reports[0].modifications,
        [Modification::AnnotationAdded { page: 1 }]
    );
    // P=3 permits annotations too.
    let (_, reports) = verify("certified-p3-annotated.pdf").expect("made with the others");
    assert_eq!(
        reports[0].verdict,
        Verdict::ModifiedWithinPermissions,
        "{reports:#?}"
    );
    // The certified revisions themselves, with nothing after, are simply intact.
    for name in ["certified-p2.pdf", "certified-p3.pdf"] {
        let (_, reports) = verify(name).expect("made with the others");
        assert_eq!(
            reports[0].verdict,
            Verdict::Unchanged,
            "{name}: {reports:#?}"
        );
    }
}

#[test]
fn a_later_signer_may_reuse_a_placeholder_appearance_only_if_nothing_else_uses_it() {
    let Some((_, reports)) = verify("placeholder-filled.pdf") else {
        return;
    };
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::LaterSignaturesOnly, Verdict::Unchanged],
        "{reports:#?}"
    );
    // The same filling, when the catalog refers to the placeholder's appearance too: pyHanko's
    // "sneaky" case, a modification.
    let (_, reports) = verify("placeholder-shared-filled.pdf").expect("made with the others");
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    assert_eq!(
        reports[0].modifications,
        [Modification::SharedAppearance {
            field: "Visa".to_owned()
        }]
    );
    assert_eq!(reports[1].verdict, Verdict::Unchanged);
}
