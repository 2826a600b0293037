//! Tests for the letters to bidders: the demo's five letters written by the API to a real
//! folder, read back with pdftotext and checked figure by figure against the engine's results;
//! the confidentiality rule (no other rejected bidder's name, figures or justifications in a
//! letter); the standstill date on month ends and leap years; each letter's PAdES signature
//! checked by pdfsig and by Jauge's own verifier; and the refusals.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use jauge_api::domain::letters::Decision;
use jauge_api::domain::{Evaluation, Results};
use jauge_api::{
    ErrorCode, Lang, LetterNotification, LettersRequest, LettersSigning, NotificationChannel,
    SignatureRequest, WrittenLetter,
};

use crate::support::{plain, repo_file, run, tool};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-04T08:30:00Z")
        .expect("valid date")
        .to_utc()
}

fn demo() -> (Evaluation, Results) {
    let evaluation =
        jauge_api::open_evaluation_file(&repo_file("assets/demo/cloud-de-confiance.json"))
            .expect("demo reads");
    let results = jauge_api::evaluate_evaluation(&evaluation).expect("demo evaluates");
    (evaluation, results)
}

fn request(lang: Lang, notified: &str, channel: NotificationChannel) -> LettersRequest {
    LettersRequest {
        notification: LetterNotification {
            date: day(notified),
            channel,
        },
        lang,
        advantages: BTreeMap::new(),
        at: at(),
    }
}

/// pdftotext's text as a reader would quote it: no-break spaces as plain ones, wrapped lines
/// joined with one space.
fn text_of(pdf: &Path) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let (code, out, err) = run(Command::new(pdftotext).arg(pdf).arg("-"));
    assert_eq!(code, 0, "pdftotext failed: {err}");
    // The running footer (buyer — reference) and « Page n / N » sit between the two halves of a
    // paragraph cut by a page break: drop them so the paragraph reads whole.
    let body: Vec<&str> = out
        .lines()
        .filter(|line| !(line.starts_with("Page ") && line.contains(" / ")))
        .filter(|line| !line.ends_with('…'))
        .collect();
    Some(plain(&body.join("\n")))
}

/// pdftotext -layout, one line per printed line, spaces normalised.
fn layout_lines(pdf: &Path) -> Option<Vec<String>> {
    let pdftotext = tool("pdftotext")?;
    let (code, out, err) = run(Command::new(pdftotext).arg("-layout").arg(pdf).arg("-"));
    assert_eq!(code, 0, "pdftotext failed: {err}");
    Some(out.lines().map(plain).collect())
}

/// Figures as the letters print them, with plain spaces.
fn points(lang: Lang, value: f64) -> String {
    plain(&lang.points(value))
}

fn written_path<'a>(written: &'a [WrittenLetter], offer: &str) -> &'a Path {
    &written
        .iter()
        .find(|w| w.offer == offer)
        .expect("a letter for every offer")
        .path
}

#[test]
fn every_figure_of_every_letter_is_the_engines() {
    let (evaluation, results) = demo();
    let winner_id = results.winner.clone().expect("the demo has a winner");
    let winner = results.offer(&winner_id).expect("winner result");
    let winner_offer = evaluation
        .offers
        .iter()
        .find(|o| o.id == winner_id)
        .expect("winner offer");
    for lang in [Lang::Fr, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("lettres");
        let request = request(lang, "2026-12-04", NotificationChannel::Electronic);
        let written = jauge_api::write_letters(&evaluation, &request, &folder, None)
            .expect("letters are written");
        assert_eq!(written.len(), evaluation.offers.len());
        let prefix = if lang == Lang::Fr { "lettre" } else { "letter" };
        for offer in &evaluation.offers {
            let expected = folder.join(format!("{prefix}-{}.pdf", offer.id));
            assert!(expected.is_file(), "{}", expected.display());
        }
        let leftovers: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

        let previews =
            jauge_api::prepare_letters(&evaluation, request.notification, lang).expect("previews");
        let standstill = plain(&lang.date(day("2026-12-15")));
        for preview in &previews {
            let letter = &preview.letter;
            let path = written_path(&written, &letter.offer);
            let Some(text) = text_of(path) else { return };
            let own = results.offer(&letter.offer).expect("result");
            assert!(
                text.contains(&plain(&winner_offer.bidder)),
                "{}: the awardee's name",
                letter.offer
            );
            assert!(
                text.contains(&points(lang, winner.total.unwrap())),
                "{}: the awardee's total",
                letter.offer
            );
            assert!(
                text.contains(&standstill),
                "{}: standstill date {standstill}",
                letter.offer
            );
            let lines = layout_lines(path).expect("pdftotext");
            match &letter.decision {
                Decision::Awarded { .. } | Decision::Ranked { .. } => {
                    if let Some(rank) = own.rank.filter(|r| *r > 1) {
                        assert!(text.contains(&lang.ordinal(rank)), "rank {rank}");
                    }
                    assert!(
                        text.contains(&points(lang, own.total.unwrap())),
                        "own total"
                    );
                    let rejected = !matches!(letter.decision, Decision::Awarded { .. });
                    for leaf in evaluation.leaves() {
                        let Some(own_points) = own.leaf(&leaf.id).and_then(|l| l.outcome.points())
                        else {
                            continue;
                        };
                        if leaf.weight <= 0.0 {
                            continue;
                        }
                        let mut figures = format!(
                            "{} {}",
                            plain(&lang.compact(leaf.weight)),
                            points(lang, own_points)
                        );
                        if rejected {
                            let theirs = winner
                                .leaf(&leaf.id)
                                .and_then(|l| l.outcome.points())
                                .expect("winner points");
                            figures = format!("{figures} {}", points(lang, theirs));
                        }
                        let start: String = plain(&leaf.title)
                            .split(' ')
                            .take(2)
                            .collect::<Vec<_>>()
                            .join(" ");
                        assert!(
                            lines
                                .iter()
                                .any(|line| line.starts_with(&start) && line.ends_with(&figures)),
                            "{}: row of {} should read '{start} … {figures}' in\n{}",
                            letter.offer,
                            leaf.id,
                            lines.join("\n")
                        );
                    }
                    // A group of weight 0 (the requirements) earns no points: no row.
                    let weighted = |group: &String| {
                        evaluation
                            .criterion(group)
                            .is_some_and(|node| node.weight > 0.0)
                    };
                    for (group, subtotal) in
                        own.groups.iter().flatten().filter(|(g, _)| weighted(g))
                    {
                        assert!(
                            text.contains(&points(lang, *subtotal)),
                            "{}: subtotal of {group}",
                            letter.offer
                        );
                    }
                }
                Decision::Eliminated { reasons, .. } => {
                    assert!(!reasons.is_empty());
                    for reason in reasons {
                        if let Some(title) = &reason.criterion_title {
                            assert!(text.contains(&plain(title)), "{}: {title}", letter.offer);
                        }
                        for said in &reason.justifications {
                            assert!(text.contains(&plain(said)), "{}: {said}", letter.offer);
                        }
                    }
                }
                // These evaluations have no rounds (tests/rounds.rs covers that letter).
                Decision::SetAside { .. } => panic!("{}: set aside without rounds", letter.offer),
            }
            // The drafted advantages are what the letter prints, word for word.
            if !preview.drafted_advantages.is_empty() {
                for line in preview.drafted_advantages.lines() {
                    assert!(text.contains(&plain(line)), "{}: {line}", letter.offer);
                }
            }
        }
    }
}

/// Every piece of another rejected bidder that could leak: its name, commercial name, price,
/// total, and every justification written about it.
fn secrets_of(evaluation: &Evaluation, results: &Results, offer: &str, lang: Lang) -> Vec<String> {
    let o = evaluation.offers.iter().find(|o| o.id == offer).unwrap();
    let mut secrets = vec![plain(&o.bidder)];
    secrets.extend(o.name.as_deref().map(plain));
    if let Some(price) = o.price {
        secrets.push(plain(&lang.money(price, evaluation.tender.currency_code())));
        secrets.push(plain(&lang.decimal(price, 0)));
    }
    if let Some(total) = results.offer(offer).and_then(|r| r.total) {
        secrets.push(points(lang, total));
    }
    for s in evaluation.scores.iter().filter(|s| s.offer == offer) {
        secrets.extend(s.justification.as_deref().map(plain));
    }
    for c in evaluation.consensus.iter().filter(|c| c.offer == offer) {
        secrets.push(plain(&c.justification));
    }
    secrets.retain(|s| s.chars().count() >= 4);
    secrets
}

#[test]
fn a_letter_never_discloses_another_rejected_bidder() {
    let (evaluation, results) = demo();
    let winner = results.winner.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let folder = dir.path().join(format!("{lang:?}"));
        let request = request(lang, "2026-12-04", NotificationChannel::Other);
        let written = jauge_api::write_letters(&evaluation, &request, &folder, None).unwrap();
        for letter in &written {
            let Some(text) = text_of(&letter.path) else {
                return;
            };
            for other in evaluation
                .offers
                .iter()
                .filter(|o| o.id != letter.offer && o.id != winner)
            {
                // A justification the committee also wrote, word for word, about the addressee
                // or the awardee is theirs to read.
                let theirs: Vec<String> = secrets_of(&evaluation, &results, &letter.offer, lang)
                    .into_iter()
                    .chain(secrets_of(&evaluation, &results, &winner, lang))
                    .collect();
                for secret in secrets_of(&evaluation, &results, &other.id, lang)
                    .into_iter()
                    .filter(|s| !theirs.contains(s))
                {
                    assert!(
                        !text.contains(&secret),
                        "the letter to {} discloses {:?} of {}",
                        letter.offer,
                        secret,
                        other.id
                    );
                }
            }
            // No price at all, not even the addressee's or the awardee's.
            for offer in &evaluation.offers {
                if let Some(price) = offer.price {
                    let money = plain(&lang.money(price, evaluation.tender.currency_code()));
                    assert!(!text.contains(&money), "{}: a price {money}", letter.offer);
                }
            }
        }
    }
}

#[test]
fn the_standstill_date_follows_the_channel_date_to_date() {
    let (evaluation, _) = demo();
    let cases = [
        ("2026-12-25", NotificationChannel::Other, "2027-01-10"),
        ("2026-12-25", NotificationChannel::Electronic, "2027-01-05"),
        ("2027-01-31", NotificationChannel::Electronic, "2027-02-11"),
        ("2027-01-31", NotificationChannel::Other, "2027-02-16"),
        ("2028-02-20", NotificationChannel::Electronic, "2028-03-02"),
        ("2027-02-20", NotificationChannel::Electronic, "2027-03-03"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (notified, channel, signing)) in cases.iter().enumerate() {
        let lang = if i % 2 == 0 { Lang::Fr } else { Lang::En };
        let folder = dir.path().join(format!("case-{i}"));
        let written = jauge_api::write_letters(
            &evaluation,
            &request(lang, notified, *channel),
            &folder,
            None,
        )
        .unwrap();
        let days = channel.standstill_days().to_string();
        for letter in &written {
            let Some(text) = text_of(&letter.path) else {
                return;
            };
            let expected = plain(&lang.date(day(signing)));
            assert!(
                text.contains(&expected),
                "{notified} {channel:?}: {} should allow signing from {expected}",
                letter.offer
            );
            assert!(
                text.contains(&plain(&lang.date(day(notified)))),
                "dated {notified}"
            );
        }
        // Rejection letters state the length of the period (the awardee's comes first).
        let rejected = &written[1];
        if let Some(text) = text_of(&rejected.path) {
            let phrase = match lang {
                Lang::Fr => format!("délai de {days} jours"),
                Lang::En => format!("period of {days} days"),
            };
            assert!(text.contains(&phrase), "{phrase}");
        }
    }
}

fn pki(name: &str) -> PathBuf {
    repo_file("tests/fixtures/pki").join(name)
}

#[test]
fn each_letter_carries_its_own_signature_checked_by_pdfsig() {
    let (evaluation, _) = demo();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("signees");
    let password = std::fs::read_to_string(pki("rsa-signer.password")).unwrap();
    let signing = LettersSigning {
        p12: &pki("rsa-signer.p12"),
        password: password.trim_end(),
        request: SignatureRequest {
            reason: Some("Notification des décisions d’attribution".into()),
            location: Some("Paris".into()),
            visible: true,
            at: at(),
        },
    };
    let written = jauge_api::write_letters(
        &evaluation,
        &request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic),
        &folder,
        Some(&signing),
    )
    .unwrap();
    assert_eq!(written.len(), evaluation.offers.len());
    for letter in &written {
        assert_eq!(letter.signatures.len(), 1, "{}", letter.offer);
        let reports = jauge_api::verify_report_file(&letter.path).unwrap();
        assert!(jauge_api::is_fully_signed(&reports), "{}", letter.offer);
        assert_eq!(
            reports[0].signer_common_name.as_deref(),
            Some("Jeanne Dupré")
        );
        if let Some(pdfsig) = tool("pdfsig") {
            let (code, out, err) = run(Command::new(&pdfsig).arg(&letter.path));
            assert_eq!(code, 0, "pdfsig: {err}");
            assert_eq!(out.matches("Signature #").count(), 1, "{out}");
            assert!(out.contains("Signature is Valid."), "{out}");
            assert!(out.contains("ETSI.CAdES.detached"), "{out}");
            assert!(out.contains("Total document signed"), "{out}");
        }
    }

    // A wrong password fails before anything is written.
    let refused = dir.path().join("jamais");
    let wrong = LettersSigning {
        password: "not the password",
        ..signing.clone()
    };
    let error = jauge_api::write_letters(
        &evaluation,
        &request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic),
        &refused,
        Some(&wrong),
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::WrongPassword, "{error}");
    assert!(!refused.exists());
}

#[test]
fn refused_while_an_offer_is_still_to_score_and_nothing_is_written() {
    let (mut evaluation, results) = demo();
    let last = results.ranking().last().unwrap().id.clone();
    evaluation.scores.retain(|s| s.offer != last);
    evaluation.consensus.retain(|c| c.offer != last);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("lettres");
    let error = jauge_api::write_letters(
        &evaluation,
        &request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic),
        &folder,
        None,
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotReady, "{error}");
    assert_eq!(error.code().as_str(), "not_ready");
    assert!(error.to_string().contains(&last), "{error}");
    assert!(!folder.exists(), "nothing written");
}

#[test]
fn the_buyers_advantages_text_replaces_the_draft() {
    let (evaluation, results) = demo();
    let second = results.ranking()[1].id.clone();
    let mut request = request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic);
    let own_words = "L’offre retenue propose une réversibilité outillée et testée chaque année.";
    request
        .advantages
        .insert(second.clone(), own_words.to_owned());
    let dir = tempfile::tempdir().unwrap();
    let written = jauge_api::write_letters(&evaluation, &request, dir.path(), None).unwrap();
    let previews = jauge_api::prepare_letters(&evaluation, request.notification, Lang::Fr).unwrap();
    let draft = &previews
        .iter()
        .find(|p| p.letter.offer == second)
        .unwrap()
        .drafted_advantages;
    assert!(!draft.is_empty());
    if let Some(text) = text_of(written_path(&written, &second)) {
        assert!(text.contains(&plain(own_words)), "the buyer's text");
        let first_line = draft.lines().nth(1).unwrap();
        assert!(!text.contains(&plain(first_line)), "the draft is replaced");
    }

    request.advantages.insert("nobody".into(), "x".into());
    let error =
        jauge_api::write_letters(&evaluation, &request, &dir.path().join("x"), None).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert!(error.to_string().contains("nobody"), "{error}");
}

#[test]
fn an_offer_rejected_as_abnormally_low_is_told_so_with_the_follow_up() {
    let (mut evaluation, results) = demo();
    let winner = results.winner.clone().unwrap();
    let cheapest = results
        .ranking()
        .into_iter()
        .filter(|o| o.id != winner)
        .min_by(|a, b| {
            let price = |id: &str| evaluation.offers.iter().find(|o| o.id == id).unwrap().price;
            price(&a.id).unwrap().total_cmp(&price(&b.id).unwrap())
        })
        .unwrap()
        .id
        .clone();
    let follow_up = "Offre anormalement basse : les justifications remises le 20/11/2026 \
                     n’expliquent pas le coût de l’exploitation";
    for offer in &mut evaluation.offers {
        if offer.id == cheapest {
            offer.price = offer.price.map(|p| p * 0.4);
            offer.irregular = Some(follow_up.into());
        }
    }
    let after = jauge_api::evaluate_evaluation(&evaluation).unwrap();
    assert!(after.winner.is_some());
    let dir = tempfile::tempdir().unwrap();
    let written = jauge_api::write_letters(
        &evaluation,
        &request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic),
        dir.path(),
        None,
    )
    .unwrap();
    let Some(text) = text_of(written_path(&written, &cheapest)) else {
        return;
    };
    assert!(text.contains("anormalement bas"), "{text}");
    assert!(
        text.contains("L2152-6") && text.contains("R2152-4"),
        "{text}"
    );
    assert!(text.contains(&plain(follow_up)), "the follow-up recorded");
    // The other letters say nothing of it.
    for letter in written.iter().filter(|w| w.offer != cheapest) {
        if let Some(text) = text_of(&letter.path) {
            assert!(!text.contains("anormalement bas"), "{}", letter.offer);
            assert!(!text.contains(&plain(follow_up)), "{}", letter.offer);
        }
    }
}

#[test]
fn every_total_a_letter_prints_is_the_one_the_report_prints() {
    let (evaluation, results) = demo();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rapport.pdf");
    std::fs::write(
        &report,
        jauge_api::render_report(&evaluation, Lang::Fr, at()).expect("the report renders"),
    )
    .unwrap();
    let Some(report_lines) = layout_lines(&report) else {
        return;
    };
    let folder = dir.path().join("lettres");
    let request = request(Lang::Fr, "2026-12-04", NotificationChannel::Electronic);
    let written = jauge_api::write_letters(&evaluation, &request, &folder, None).unwrap();
    let mut checked = 0;
    for offer in &evaluation.offers {
        let Some(total) = results.offer(&offer.id).and_then(|o| o.total) else {
            continue;
        };
        let printed = points(Lang::Fr, total);
        // The report's ranking: the bidder's line carries its total.
        assert!(
            report_lines
                .iter()
                .any(|line| line.contains(&plain(&offer.bidder)) && line.contains(&printed)),
            "{}: {printed} not beside {} in the report",
            offer.id,
            offer.bidder
        );
        let Some(letter) = text_of(written_path(&written, &offer.id)) else {
            return;
        };
        assert!(
            letter.contains(&printed),
            "{}: {printed} not in its letter",
            offer.id
        );
        checked += 1;
    }
    assert!(
        checked >= 2,
        "at least the awardee and one ranked offer were compared"
    );
}

/// The negotiated fixture with a regularisation request of Nuage Alpha's offer, declared
/// irregular for a missing schedule, added to its exchanges.
fn negotiated_with_regularisation() -> Evaluation {
    let text = std::fs::read_to_string(repo_file("tests/fixtures/negotiated.json")).unwrap();
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    document["offers"][0]["irregular"] =
        serde_json::json!({"reason": "le cadre de réponse technique n’est pas signé"});
    document["exchanges"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "x3", "offer": "o1", "kind": "regularisation", "round": "r2",
            "question": "Transmettez le cadre de réponse technique signé par une personne habilitée.",
            "criteria": ["quality"], "sent": "2026-11-18", "deadline": "2026-11-25"
        }));
    jauge_api::read_evaluation(&document.to_string()).expect("valid with the regularisation")
}

#[test]
fn request_letters_say_what_is_asked_of_whom_by_when_and_what_the_answer_may_not_do() {
    let evaluation = negotiated_with_regularisation();
    let dir = tempfile::tempdir().unwrap();
    let write = |exchange: &str, lang: Lang| {
        let path = dir
            .path()
            .join(jauge_api::request_letter_file_name(exchange, lang));
        let written =
            jauge_api::write_request_letter(&evaluation, exchange, lang, at(), &path, None)
                .unwrap();
        assert!(written.signatures.is_empty());
        assert_eq!(written.path, path);
        path
    };
    // Rendering twice gives the same bytes: the date is passed in.
    let once = jauge_api::render_request_letter(&evaluation, "x2", Lang::Fr, at()).unwrap();
    let twice = jauge_api::render_request_letter(&evaluation, "x2", Lang::Fr, at()).unwrap();
    assert_eq!(once, twice);

    let clarification = write("x2", Lang::Fr);
    assert!(clarification.ends_with("demande-x2.pdf"));
    let regularisation = write("x3", Lang::Fr);
    let negotiation = write("x1", Lang::En);
    let Some(text) = text_of(&clarification) else {
        return;
    };
    assert!(text.contains("Beta Cloud"), "{text}");
    assert!(
        text.contains("demande de précisions sur votre offre"),
        "{text}"
    );
    // The fields, label and value on one printed line.
    let lines = layout_lines(&clarification).unwrap();
    for field in ["Demande n° : x2", "Tour : Offres finales"] {
        assert!(
            lines.iter().any(|l| l.contains(field)),
            "{field} in {lines:#?}"
        );
    }
    assert!(text.contains("Le 18/11/2026"), "{text}");
    assert!(
        text.contains("Le plan de réversibilité couvre-t-il les sauvegardes ?"),
        "{text}"
    );
    assert!(
        text.contains("Critères concernés : Valeur technique"),
        "{text}"
    );
    assert!(text.contains("au plus tard le 21/11/2026"), "{text}");
    assert!(
        text.contains("ne peuvent ni la modifier ni la compléter"),
        "{text}"
    );
    // A negotiated procedure: no R2161-5 (that is the open call for tenders' basis).
    assert!(!text.contains("R2161-5"), "{text}");
    // Nothing about another bidder, no score, no answer.
    for other in ["Nuage Alpha", "Gamma Hosting", "sans frais", "points"] {
        assert!(!text.contains(other), "{other} in: {text}");
    }

    let text = text_of(&regularisation).unwrap();
    assert!(text.contains("Nuage Alpha"), "{text}");
    assert!(
        text.contains("demande de régularisation de votre offre"),
        "{text}"
    );
    assert!(
        text.contains(
            "irrégulière pour le motif suivant : le cadre de réponse technique n’est pas signé"
        ),
        "{text}"
    );
    assert!(text.contains("article R2152-2"), "{text}");
    assert!(text.contains("au plus tard le 25/11/2026"), "{text}");
    assert!(text.contains("caractéristiques substantielles"), "{text}");
    assert!(!text.contains("Beta Cloud"), "{text}");

    let text = text_of(&negotiation).unwrap();
    assert!(text.contains("negotiation of your offer"), "{text}");
    assert!(text.contains("(round \"Offres initiales\")"), "{text}");
    assert!(
        text.contains("Criteria concerned: Prix ; Valeur technique"),
        "{text}"
    );
    assert!(
        text.contains("neither on the minimum requirements nor on the award criteria"),
        "{text}"
    );

    // An unknown request: not found, nothing written.
    let missing = dir.path().join("demande-x9.pdf");
    let error = jauge_api::write_request_letter(&evaluation, "x9", Lang::Fr, at(), &missing, None)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound, "{error}");
    assert!(!missing.exists());
}

#[test]
fn a_request_letter_is_signed_and_checked_by_pdfsig_and_jauge_verify() {
    let evaluation = negotiated_with_regularisation();
    let dir = tempfile::tempdir().unwrap();
    let password = std::fs::read_to_string(pki("rsa-signer.password")).unwrap();
    let signing = LettersSigning {
        p12: &pki("rsa-signer.p12"),
        password: password.trim_end(),
        request: SignatureRequest {
            reason: Some("Demande de régularisation".into()),
            location: Some("Paris".into()),
            visible: true,
            at: at(),
        },
    };
    let path = dir.path().join("demande-x3.pdf");
    let written =
        jauge_api::write_request_letter(&evaluation, "x3", Lang::Fr, at(), &path, Some(&signing))
            .unwrap();
    assert_eq!(written.offer, "o1");
    assert_eq!(written.signatures.len(), 1);
    let reports = jauge_api::verify_report_file(&path).unwrap();
    assert!(jauge_api::is_fully_signed(&reports));
    assert_eq!(
        reports[0].signer_common_name.as_deref(),
        Some("Jeanne Dupré")
    );
    if let Some(pdfsig) = tool("pdfsig") {
        let (code, out, err) = run(Command::new(&pdfsig).arg(&path));
        assert_eq!(code, 0, "pdfsig: {err}");
        assert_eq!(out.matches("Signature #").count(), 1, "{out}");
        assert!(out.contains("Signature is Valid."), "{out}");
        assert!(out.contains("Total document signed"), "{out}");
    }
    // A wrong password: refused before anything is written.
    let refused = dir.path().join("jamais.pdf");
    let wrong = LettersSigning {
        password: "not the password",
        ..signing.clone()
    };
    let error =
        jauge_api::write_request_letter(&evaluation, "x3", Lang::Fr, at(), &refused, Some(&wrong))
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::WrongPassword, "{error}");
    assert!(!refused.exists());
}
