//! A small hand-built evaluation for the unit tests: every kind of node and every optional part
//! present somewhere, absent somewhere else.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jauge_domain::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, 9, minute, 0).unwrap()
}

fn leaf(id: &str, weight: f64, body: CriterionBody) -> Criterion {
    Criterion {
        id: id.into(),
        title: format!("Critère {id}"),
        weight,
        environmental: None,
        refs: None,
        body,
    }
}

pub fn scored(id: &str, weight: f64) -> Criterion {
    leaf(
        id,
        weight,
        CriterionBody::Scored {
            scale: Scale {
                min: 0.0,
                max: 5.0,
                step: Some(0.5),
            },
            levels: None,
            threshold: None,
        },
    )
}

pub fn score(offer: &str, criterion: &str, evaluator: &str, value: f64) -> Score {
    Score {
        offer: offer.into(),
        criterion: criterion.into(),
        evaluator: evaluator.into(),
        answer: Answer::Value(value),
        justification: None,
        at: None,
    }
}

pub fn offer(id: &str, price: f64) -> Offer {
    Offer {
        id: id.into(),
        bidder: format!("Société {id}"),
        name: None,
        price: Some(price),
        irregular: None,
        certifications: None,
    }
}

pub fn evaluation() -> Evaluation {
    let mut sec = scored("tech.sec", 30.0);
    sec.refs = Some(vec!["secnumcloud@3.2:19.6".into()]);
    if let CriterionBody::Scored {
        levels, threshold, ..
    } = &mut sec.body
    {
        *levels = Some(vec![
            Level {
                value: 0.0,
                label: "Absent".into(),
            },
            Level {
                value: 5.0,
                label: "Excellent".into(),
            },
        ]);
        *threshold = Some(1.5);
    }
    let mut rev = scored("tech.rev", 20.0);
    rev.refs = Some(Vec::new());
    if let CriterionBody::Scored { levels, scale, .. } = &mut rev.body {
        *levels = Some(Vec::new());
        scale.step = None;
    }
    let mut env = scored("env", 10.0);
    env.environmental = Some(true);
    let mut o1 = offer("o1", 1_000_000.0);
    o1.name = Some("Offre Alpha".into());
    o1.certifications = Some(vec![Certification {
        scheme: "secnumcloud".into(),
        level: None,
        status: CertificationStatus::Qualified,
        valid_from: Some(day(2025, 1, 10)),
        valid_until: Some(day(2028, 1, 9)),
        reference: Some("ANSSI-2025-01".into()),
    }]);
    let mut o2 = offer("o2", 800_000.5);
    o2.certifications = Some(Vec::new());
    let mut o3 = offer("o3", 600_000.0);
    o3.irregular = Some("Pièces manquantes".into());
    let mut s1 = score("o1", "tech.sec", "e1", 4.0);
    s1.justification = Some("Siège conforme au §19.6.".into());
    s1.at = Some("2026-10-16T10:00:00+02:00".into());
    Evaluation {
        tender: Tender {
            reference: "2026-EX-001".into(),
            title: "Hébergement cloud de confiance".into(),
            buyer: "Ministère de l'Exemple".into(),
            lot: None,
            procedure: Some(Procedure::Open),
            launch_date: Some(day(2026, 9, 1)),
            deadline: day(2026, 10, 15),
            currency: Some("EUR".into()),
        },
        settings: Settings {
            consolidation: Some(Consolidation::Median),
            divergence_threshold: None,
            abnormally_low: Some(AbnormallyLowMethod::PercentBelowMean { percent: None }),
            sealed_prices: None,
            declarations_required: Some(true),
            signed_returns_required: Some(true),
        },
        criteria: vec![
            leaf(
                "price",
                40.0,
                CriterionBody::Price {
                    formula: PriceFormula::NTimes { n: 2.5 },
                },
            ),
            Criterion {
                id: "tech".into(),
                title: "Valeur technique".into(),
                weight: 50.0,
                environmental: Some(false),
                refs: None,
                body: CriterionBody::Group {
                    children: vec![sec, rev],
                },
            },
            env,
            Criterion {
                id: "req".into(),
                title: "Conformité".into(),
                weight: 0.0,
                environmental: None,
                refs: None,
                body: CriterionBody::Group {
                    children: vec![
                        leaf(
                            "req.snc",
                            0.0,
                            CriterionBody::Requirement {
                                auto: Some(AutoCheck {
                                    scheme: "secnumcloud".into(),
                                    min_level: None,
                                    status: Some(vec![CertificationStatus::Qualified]),
                                }),
                            },
                        ),
                        leaf("req.rgpd", 0.0, CriterionBody::Requirement { auto: None }),
                    ],
                },
            },
        ],
        evaluators: vec![
            Evaluator {
                id: "e1".into(),
                name: "Claire Martin".into(),
                role: Some("acheteuse".into()),
            },
            Evaluator {
                id: "e2".into(),
                name: "Karim Benali".into(),
                role: None,
            },
        ],
        offers: vec![o1, o2, o3],
        scores: vec![
            s1,
            score("o1", "tech.sec", "e2", 3.0),
            score("o2", "tech.rev", "e1", 3.75),
            Score {
                answer: Answer::Met(true),
                ..score("o1", "req.rgpd", "e2", 0.0)
            },
        ],
        consensus: vec![Consensus {
            offer: "o1".into(),
            criterion: "req.snc".into(),
            answer: Answer::Met(false),
            justification: "Certificat non fourni".into(),
        }],
        declarations: vec![Declaration {
            evaluator: "e1".into(),
            offer: "o1".into(),
            conflict: false,
            at: "2026-11-02T08:00:00Z".into(),
            note: None,
        }],
        prices_opened_at: None,
        price_schedule: None,
        negotiation: None,
        exchanges: Vec::new(),
    }
}
