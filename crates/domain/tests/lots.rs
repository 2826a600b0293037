//! The award across lots: worked cases computed by hand, and properties over random rankings
//! (no bidder above the cap, the file's lot order never matters under `lot_value`, no cap means
//! each lot's own ranking, a framework never holds more than N, and the sequential reading of
//! the rule gives the same award).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jauge_domain::lots::*;
use jauge_domain::words::Lang;
use proptest::prelude::*;

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;

fn bidders(n: usize) -> Vec<BidderRef> {
    ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, name)| BidderRef {
            id: format!("b{i}"),
            name: (*name).to_owned(),
            preferences: Vec::new(),
        })
        .collect()
}

/// A lot ranking offers of `bidders` with these totals (rank computed as the engine does).
fn lot(number: u32, value: f64, award: LotAward, offers: &[(usize, f64)]) -> LotRanking {
    let ranked = offers
        .iter()
        .map(|&(bidder, total)| RankedOffer {
            offer: format!("L{number}-{bidder}"),
            bidder,
            rank: 1 + offers.iter().filter(|(_, t)| *t > total).count() as u32,
            total,
        })
        .collect();
    LotRanking {
        id: format!("L{number}"),
        number,
        estimated_value: value,
        award,
        settled: true,
        sans_suite: None,
        ranked,
    }
}

fn rules(cap: Option<u32>, rule: OverCapRule) -> AwardRules {
    AwardRules {
        max_lots_awarded_per_bidder: cap,
        over_cap_rule: Some(rule),
    }
}

fn holders(a: &Allocation, l: usize) -> Vec<usize> {
    a.lots[l].holders.iter().map(|h| h.bidder).collect()
}

fn sentences(a: &Allocation, lang: Lang) -> Vec<String> {
    a.trace.iter().map(|s| s.sentence(lang)).collect()
}

#[test]
fn first_on_two_lots_with_a_cap_of_one_keeps_the_greater_value() {
    // Alpha is first on lots 1 and 3; lot 1 is worth more, so lot 3 goes to its second offer.
    let lots = [
        lot(1, 300_000.0, LotAward::Single, &[(A, 80.0), (B, 70.0)]),
        lot(2, 200_000.0, LotAward::Single, &[(B, 75.0), (C, 60.0)]),
        lot(
            3,
            100_000.0,
            LotAward::Single,
            &[(A, 90.0), (C, 85.0), (B, 50.0)],
        ),
    ];
    let a = allocate(&lots, &bidders(3), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(holders(&a, 0), [A]);
    assert_eq!(holders(&a, 1), [B]);
    assert_eq!(holders(&a, 2), [C]);
    assert_eq!(a.lots[2].holders[0].rank, 2);
    assert_eq!(a.lots[2].skipped.len(), 1);
    assert_eq!(a.lots[2].skipped[0].bidder, A);
    assert_eq!(a.lots[2].skipped[0].kept, [0]);
    let fr = sentences(&a, Lang::Fr).join("\n");
    assert!(
        fr.contains("Offre de Alpha classée première sur les lots 1 et 3 ; plafond de 1 lot"),
        "{fr}"
    );
    assert!(
        fr.contains("Lot 3 attribué à l’offre classée deuxième, celle de Gamma"),
        "{fr}"
    );
    assert!(fr.contains("Lot 3 : l’offre de Alpha, classée première, est écartée ; Alpha atteint le plafond de 1 lot avec le(s) lot 1"), "{fr}");
    let en = sentences(&a, Lang::En).join("\n");
    assert!(
        en.contains("Lot 3 awarded to the offer ranked second, Gamma's"),
        "{en}"
    );
    for lot in &a.lots {
        assert_eq!(lot.status, LotStatus::Awarded);
    }
}

#[test]
fn the_rule_decides_which_lot_a_capped_bidder_keeps() {
    // Lot 3 is worth the most: under lot_value Alpha keeps lot 3; under lot_order, lot 1;
    // under bidder_preference, the lot it prefers (lot 2).
    let lots = [
        lot(1, 100.0, LotAward::Single, &[(A, 90.0), (B, 80.0)]),
        lot(2, 200.0, LotAward::Single, &[(A, 90.0), (C, 80.0)]),
        lot(3, 300.0, LotAward::Single, &[(A, 90.0), (D, 80.0)]),
    ];
    let by_value = allocate(&lots, &bidders(4), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(
        [
            holders(&by_value, 0),
            holders(&by_value, 1),
            holders(&by_value, 2)
        ],
        [vec![B], vec![C], vec![A]]
    );
    assert_eq!(by_value.order, [2, 1, 0]);
    let by_order = allocate(&lots, &bidders(4), &rules(Some(1), OverCapRule::LotOrder));
    assert_eq!(
        [
            holders(&by_order, 0),
            holders(&by_order, 1),
            holders(&by_order, 2)
        ],
        [vec![A], vec![C], vec![D]]
    );
    let mut with_preferences = bidders(4);
    with_preferences[A].preferences = vec!["L2".into(), "L3".into()];
    let by_preference = allocate(
        &lots,
        &with_preferences,
        &rules(Some(1), OverCapRule::BidderPreference),
    );
    assert_eq!(
        [
            holders(&by_preference, 0),
            holders(&by_preference, 1),
            holders(&by_preference, 2)
        ],
        [vec![B], vec![A], vec![D]]
    );
}

#[test]
fn a_bidder_given_a_lot_by_the_cap_may_reach_the_cap_in_turn() {
    // Lot 1 to Alpha; lot 2 to Beta (second) as Alpha holds lot 1; lot 3, where Beta is
    // first, to Gamma as Beta now holds lot 2.
    let lots = [
        lot(1, 100.0, LotAward::Single, &[(A, 90.0), (B, 80.0)]),
        lot(2, 80.0, LotAward::Single, &[(A, 90.0), (B, 80.0)]),
        lot(3, 50.0, LotAward::Single, &[(B, 90.0), (C, 80.0)]),
    ];
    let a = allocate(&lots, &bidders(3), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(
        [holders(&a, 0), holders(&a, 1), holders(&a, 2)],
        [vec![A], vec![B], vec![C]]
    );
    assert_eq!(a.lots[2].skipped[0].bidder, B);
    assert_eq!(a.lots[2].skipped[0].kept, [1]);
}

#[test]
fn a_lot_whose_every_offer_is_capped_has_no_award() {
    let lots = [
        lot(1, 100.0, LotAward::Single, &[(A, 90.0)]),
        lot(2, 50.0, LotAward::Single, &[(A, 90.0)]),
        lot(3, 10.0, LotAward::Single, &[]),
    ];
    let a = allocate(&lots, &bidders(1), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(a.lots[0].status, LotStatus::Awarded);
    assert_eq!(a.lots[1].status, LotStatus::Infructueux);
    assert_eq!(a.lots[2].status, LotStatus::Infructueux);
    let codes: Vec<&str> = a.trace.iter().map(|s| s.code).collect();
    assert!(codes.contains(&"lot_every_bidder_capped"));
    assert!(codes.contains(&"lot_no_admissible_offer"));
}

#[test]
fn framework_holders_keep_their_rank_and_the_cap_applies_to_them() {
    let lots = [
        lot(1, 500.0, LotAward::Single, &[(A, 90.0), (B, 50.0)]),
        lot(
            2,
            100.0,
            LotAward::Holders(2),
            &[(A, 95.0), (B, 80.0), (C, 70.0), (D, 60.0)],
        ),
    ];
    let no_cap = allocate(&lots, &bidders(4), &rules(None, OverCapRule::LotValue));
    assert_eq!(holders(&no_cap, 1), [A, B]);
    let capped = allocate(&lots, &bidders(4), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(holders(&capped, 1), [B, C]);
    let ranks: Vec<(u32, u32)> = capped.lots[1]
        .holders
        .iter()
        .map(|h| (h.rank, h.holder_rank))
        .collect();
    assert_eq!(ranks, [(2, 1), (3, 2)]);
}

#[test]
fn fewer_holders_than_planned_when_offers_run_out() {
    let lots = [lot(1, 1.0, LotAward::Holders(3), &[(A, 90.0), (B, 80.0)])];
    let a = allocate(&lots, &bidders(2), &rules(None, OverCapRule::LotValue));
    assert_eq!(a.lots[0].status, LotStatus::Awarded);
    assert_eq!(holders(&a, 0), [A, B]);
    assert!(a.trace.iter().any(|s| s.code == "lot_fewer_holders"));
}

#[test]
fn a_minimum_total_retains_every_offer_reaching_it() {
    let lots = [lot(
        1,
        1.0,
        LotAward::MinTotal(60.0),
        &[(A, 80.0), (B, 60.0), (C, 59.99)],
    )];
    let a = allocate(&lots, &bidders(3), &rules(None, OverCapRule::LotValue));
    assert_eq!(holders(&a, 0), [A, B]);
    let none = [lot(1, 1.0, LotAward::MinTotal(90.0), &[(A, 80.0)])];
    let a = allocate(&none, &bidders(1), &rules(None, OverCapRule::LotValue));
    assert_eq!(a.lots[0].status, LotStatus::Infructueux);
    assert_eq!(
        a.trace.last().map(|s| s.code),
        Some("lot_none_reaches_min_total")
    );
}

#[test]
fn ties_on_the_last_place_wait_for_the_buyer_and_count_for_nobody() {
    let lots = [
        lot(1, 100.0, LotAward::Single, &[(A, 90.0), (B, 90.0)]),
        lot(2, 50.0, LotAward::Single, &[(A, 90.0), (C, 80.0)]),
        lot(
            3,
            10.0,
            LotAward::Holders(2),
            &[(C, 95.0), (B, 80.0), (D, 80.0)],
        ),
    ];
    let a = allocate(&lots, &bidders(4), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(a.lots[0].status, LotStatus::Tied);
    assert!(a.lots[0].holders.is_empty());
    // Alpha holds nothing from the tied lot 1, so it is awarded lot 2.
    assert_eq!(holders(&a, 1), [A]);
    assert_eq!(a.lots[2].status, LotStatus::Tied);
    assert_eq!(holders(&a, 2), [C]);
    let tied: Vec<usize> = a.lots[2].tied.iter().map(|t| t.bidder).collect();
    assert_eq!(tied, [B, D]);
}

#[test]
fn a_tie_with_a_bidder_already_at_the_cap_is_no_tie() {
    // Alpha holds lot 1, worth more; on lot 2 it ties with Beta, which therefore gets lot 2.
    let lots = [
        lot(1, 100.0, LotAward::Single, &[(A, 90.0)]),
        lot(2, 50.0, LotAward::Single, &[(A, 80.0), (B, 80.0)]),
    ];
    let a = allocate(&lots, &bidders(2), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(holders(&a, 1), [B]);
    assert_eq!(a.lots[1].status, LotStatus::Awarded);
}

#[test]
fn a_lot_not_ranked_yet_is_pending_and_holds_nobody() {
    let mut pending = lot(1, 100.0, LotAward::Single, &[(A, 90.0)]);
    pending.settled = false;
    let lots = [pending, lot(2, 50.0, LotAward::Single, &[(A, 90.0)])];
    let a = allocate(&lots, &bidders(1), &rules(Some(1), OverCapRule::LotValue));
    assert_eq!(a.lots[0].status, LotStatus::Pending);
    assert_eq!(holders(&a, 1), [A]);
}

// ---------------------------------------------------------------------------------------------
// Properties.

fn award_strategy() -> impl Strategy<Value = LotAward> {
    prop_oneof![
        3 => Just(LotAward::Single),
        2 => (1u32..4).prop_map(LotAward::Holders),
        1 => (0u32..5).prop_map(|x| LotAward::MinTotal(f64::from(x * 20))),
    ]
}

/// Up to 6 lots, 5 bidders, totals on a coarse grid so that ties happen.
fn lots_strategy() -> impl Strategy<Value = Vec<LotRanking>> {
    let one = (
        0u32..5,
        award_strategy(),
        proptest::collection::btree_map(0usize..5, 0u32..6, 0..5),
        prop::bool::weighted(0.9),
    );
    proptest::collection::vec(one, 1..7).prop_map(|lots| {
        lots.into_iter()
            .enumerate()
            .map(|(i, (value, award, offers, settled))| {
                let offers: Vec<(usize, f64)> = offers
                    .into_iter()
                    .map(|(b, t)| (b, f64::from(t * 20)))
                    .collect();
                let mut l = lot(i as u32 + 1, f64::from(value * 1000), award, &offers);
                l.settled = settled;
                l
            })
            .collect()
    })
}

fn rule_strategy() -> impl Strategy<Value = OverCapRule> {
    prop_oneof![
        Just(OverCapRule::LotValue),
        Just(OverCapRule::LotOrder),
        Just(OverCapRule::BidderPreference)
    ]
}

fn preferences_strategy(lots: usize) -> impl Strategy<Value = Vec<Vec<String>>> {
    let ids: Vec<String> = (1..=lots).map(|n| format!("L{n}")).collect();
    proptest::collection::vec(
        Just(ids).prop_shuffle().prop_flat_map(|ids| {
            let n = ids.len();
            (Just(ids), 0..=n).prop_map(|(ids, k)| ids[..k].to_vec())
        }),
        5,
    )
}

fn with_preferences(preferences: &[Vec<String>]) -> Vec<BidderRef> {
    let mut b = bidders(5);
    for (bidder, p) in b.iter_mut().zip(preferences) {
        bidder.preferences = p.clone();
    }
    b
}

/// Per lot id: its status, holders, and tied offers, order-free.
fn by_lot(
    lots: &[LotRanking],
    a: &Allocation,
) -> Vec<(String, LotStatus, Vec<String>, Vec<String>)> {
    let mut out: Vec<_> = lots
        .iter()
        .zip(&a.lots)
        .map(|(l, x)| {
            let mut h: Vec<String> = x.holders.iter().map(|h| h.offer.clone()).collect();
            h.sort();
            let mut t: Vec<String> = x.tied.iter().map(|t| t.offer.clone()).collect();
            t.sort();
            (l.id.clone(), x.status, h, t)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The places of `lot` among `eligible` offers, as the module documents them.
fn places(lot: &LotRanking, eligible: &[bool]) -> (Vec<usize>, Vec<usize>) {
    if !lot.settled {
        return (Vec::new(), Vec::new());
    }
    let offers: Vec<usize> = (0..lot.ranked.len()).filter(|&i| eligible[i]).collect();
    match lot.award {
        LotAward::MinTotal(mark) => (
            offers
                .into_iter()
                .filter(|&i| lot.ranked[i].total >= mark - 1e-9)
                .collect(),
            Vec::new(),
        ),
        LotAward::Single | LotAward::Holders(_) => {
            let n = match lot.award {
                LotAward::Holders(n) => n as usize,
                _ => 1,
            };
            let at_or_above = |r: u32| offers.iter().filter(|&&j| lot.ranked[j].rank <= r).count();
            let holders: Vec<usize> = offers
                .iter()
                .copied()
                .filter(|&i| at_or_above(lot.ranked[i].rank) <= n)
                .collect();
            let best_left = offers
                .iter()
                .copied()
                .filter(|i| !holders.contains(i))
                .map(|i| lot.ranked[i].rank)
                .min();
            let tied = match best_left {
                Some(r) if holders.len() < n => offers
                    .iter()
                    .copied()
                    .filter(|&i| lot.ranked[i].rank == r)
                    .collect(),
                _ => Vec::new(),
            };
            (holders, tied)
        }
    }
}

/// The rule read sequentially (the reference's algorithm): lots in decreasing value then by
/// number, each given to its best offers whose bidders are still under the cap.
fn sequential(
    lots: &[LotRanking],
    cap: Option<u32>,
    by_value: bool,
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut order: Vec<usize> = (0..lots.len()).collect();
    if by_value {
        order.sort_by(|&a, &b| {
            lots[b]
                .estimated_value
                .total_cmp(&lots[a].estimated_value)
                .then(lots[a].number.cmp(&lots[b].number))
        });
    } else {
        order.sort_by_key(|&l| lots[l].number);
    }
    let mut count = [0u32; 8];
    let mut out = vec![(Vec::new(), Vec::new()); lots.len()];
    for l in order {
        let eligible: Vec<bool> = lots[l]
            .ranked
            .iter()
            .map(|o| cap.is_none_or(|c| count[o.bidder] < c))
            .collect();
        let (holders, tied) = places(&lots[l], &eligible);
        for &i in &holders {
            count[lots[l].ranked[i].bidder] += 1;
        }
        out[l] = (
            holders.iter().map(|&i| lots[l].ranked[i].bidder).collect(),
            tied.iter().map(|&i| lots[l].ranked[i].bidder).collect(),
        );
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_bidder_is_awarded_more_lots_than_the_cap(
        lots in lots_strategy(),
        cap in 1u32..4,
        rule in rule_strategy(),
        preferences in preferences_strategy(6),
    ) {
        let a = allocate(&lots, &with_preferences(&preferences), &rules(Some(cap), rule));
        let mut count = [0u32; 5];
        for lot in &a.lots {
            for h in &lot.holders {
                count[h.bidder] += 1;
            }
        }
        prop_assert!(count.iter().all(|&c| c <= cap), "{count:?}");
    }

    #[test]
    fn under_lot_value_the_order_of_lots_in_the_file_does_not_matter(
        lots in lots_strategy(),
        cap in prop::option::of(1u32..4),
        seed in any::<u64>(),
    ) {
        let mut shuffled = lots.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let r = rules(cap, OverCapRule::LotValue);
        let a = allocate(&lots, &bidders(5), &r);
        let b = allocate(&shuffled, &bidders(5), &r);
        prop_assert_eq!(by_lot(&lots, &a), by_lot(&shuffled, &b));
        prop_assert_eq!(&a.trace, &b.trace);
    }

    #[test]
    fn without_a_cap_each_lot_follows_its_own_ranking(
        lots in lots_strategy(),
        rule in rule_strategy(),
    ) {
        let a = allocate(&lots, &bidders(5), &rules(None, rule));
        for (lot, x) in lots.iter().zip(&a.lots) {
            let (holders, tied) = places(lot, &vec![true; lot.ranked.len()]);
            let expected: Vec<&str> = holders.iter().map(|&i| lot.ranked[i].offer.as_str()).collect();
            let mut got: Vec<&str> = x.holders.iter().map(|h| h.offer.as_str()).collect();
            let mut want = expected.clone();
            got.sort_unstable();
            want.sort_unstable();
            prop_assert_eq!(got, want);
            prop_assert_eq!(x.tied.len(), tied.len());
            prop_assert!(x.skipped.is_empty());
            // A single lot awarded is the lot's one first offer.
            if lot.award == LotAward::Single && x.status == LotStatus::Awarded {
                prop_assert_eq!(x.holders.len(), 1);
                prop_assert_eq!(x.holders[0].rank, 1);
                prop_assert_eq!(lot.ranked.iter().filter(|o| o.rank == 1).count(), 1);
            }
        }
    }

    #[test]
    fn a_framework_never_has_more_than_its_holders(
        lots in lots_strategy(),
        cap in prop::option::of(1u32..4),
        rule in rule_strategy(),
    ) {
        let a = allocate(&lots, &bidders(5), &rules(cap, rule));
        for (lot, x) in lots.iter().zip(&a.lots) {
            match lot.award {
                LotAward::Single => prop_assert!(x.holders.len() <= 1),
                LotAward::Holders(n) => prop_assert!(x.holders.len() <= n as usize),
                LotAward::MinTotal(mark) => {
                    prop_assert!(x.holders.iter().all(|h| h.total >= mark - 1e-9));
                }
            }
        }
    }

    #[test]
    fn the_award_is_the_sequential_reading_of_the_rule(
        lots in lots_strategy(),
        cap in prop::option::of(1u32..4),
        by_value in any::<bool>(),
    ) {
        let rule = if by_value { OverCapRule::LotValue } else { OverCapRule::LotOrder };
        let a = allocate(&lots, &bidders(5), &rules(cap, rule));
        let expected = sequential(&lots, cap, by_value);
        for (l, x) in a.lots.iter().enumerate() {
            let mut h: Vec<usize> = x.holders.iter().map(|h| h.bidder).collect();
            let mut t: Vec<usize> = x.tied.iter().map(|t| t.bidder).collect();
            h.sort_unstable();
            t.sort_unstable();
            let (mut eh, mut et) = expected[l].clone();
            eh.sort_unstable();
            et.sort_unstable();
            prop_assert_eq!((h, t), (eh, et), "lot {}", l);
        }
    }

    #[test]
    fn bidder_preference_is_the_same_whatever_order_lots_are_listed_in(
        lots in lots_strategy(),
        cap in 1u32..3,
        preferences in preferences_strategy(6),
    ) {
        let mut reversed = lots.clone();
        reversed.reverse();
        let b = with_preferences(&preferences);
        let r = rules(Some(cap), OverCapRule::BidderPreference);
        let x = allocate(&lots, &b, &r);
        let y = allocate(&reversed, &b, &r);
        prop_assert_eq!(by_lot(&lots, &x), by_lot(&reversed, &y));
    }
}

// ---------------------------------------------------------------------------------------------
// A consultation file, read, scored by the engine and awarded.

const FOUR_LOTS: &str = include_str!("../../../tests/fixtures/consultation-four-lots.json");

#[test]
fn the_four_lot_fixture_reads_scores_and_awards() {
    let consultation = jauge_domain::parse_consultation(FOUR_LOTS).unwrap();
    assert_eq!(consultation.lots.len(), 4);
    // Alpha's certifications are shared by its offers on every lot.
    assert_eq!(
        consultation.lots[2].evaluation.offers[0].certifications,
        consultation.bidders[0].certifications
    );
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&consultation, &catalogs);
    // Each lot is the engine's own evaluation of it.
    for (lot, lot_results) in consultation.lots.iter().zip(&results.lots) {
        assert_eq!(
            lot_results,
            &jauge_domain::evaluate(&lot.evaluation, &catalogs)
        );
    }
    let held: Vec<Vec<&str>> = results
        .allocation
        .lots
        .iter()
        .map(|l| {
            l.holders
                .iter()
                .map(|h| consultation.bidders[h.bidder].id.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        held,
        [
            vec!["alpha", "beta"],
            vec!["alpha", "gamma"],
            vec!["beta"],
            vec!["epsilon"]
        ]
    );
    assert!(results.settled());
    let json = consultation_results_to_json(&consultation, &results);
    assert_eq!(json["lots"][2]["holders"][0]["rank"], 2);
    assert_eq!(json["rules"]["over_cap_rule"], "lot_value");
}

#[test]
fn a_consultation_written_back_reads_back_equal() {
    let consultation = jauge_domain::parse_consultation(FOUR_LOTS).unwrap();
    let text = consultation_to_json(&consultation).to_string();
    let again = jauge_domain::parse_consultation(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(again, consultation);
}

#[test]
fn a_plain_evaluation_is_a_one_lot_consultation_with_the_same_results_and_hash() {
    let text = include_str!("../../../tests/fixtures/example-minimal.json");
    let plain = jauge_domain::parse_evaluation(text).unwrap();
    let consultation = jauge_domain::parse_consultation_or_evaluation(text).unwrap();
    assert_eq!(
        jauge_domain::canonical_hash(&consultation.lots[0].evaluation),
        jauge_domain::canonical_hash(&plain)
    );
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&consultation, &catalogs);
    let engine = jauge_domain::evaluate(&plain, &catalogs);
    assert_eq!(results.lots[0], engine);
    let winner = results.allocation.lots[0]
        .holders
        .first()
        .map(|h| h.offer.clone());
    assert_eq!(winner, engine.winner);
}

/// A lot run as a negotiated procedure is scored on its deciding round, as the evaluation is:
/// the offer set aside at the initial offers is neither ranked nor awarded, and its bidder is
/// told at which round and why (not "pending", not matched to another offer's result).
#[test]
fn a_lot_with_rounds_is_awarded_on_its_deciding_round() {
    let text = include_str!("../../../tests/fixtures/negotiated.json");
    let plain = jauge_domain::parse_evaluation(text).unwrap();
    let consultation = Consultation::from_evaluation(plain.clone());
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&consultation, &catalogs);
    let deciding = jauge_domain::rounds::deciding_results(&plain, &catalogs);
    assert_eq!(results.lots[0], deciding);
    assert!(deciding.offer("o3").is_none(), "o3 stops at round 1");
    let holders: Vec<&str> = results.allocation.lots[0]
        .holders
        .iter()
        .map(|h| h.offer.as_str())
        .collect();
    assert_eq!(holders, ["o2"]);
    let outcomes: Vec<BidOutcome> = (0..plain.offers.len())
        .map(|o| bid_outcome(&consultation, &results, 0, o))
        .collect();
    let expected: Vec<BidOutcome> = plain
        .offers
        .iter()
        .map(|o| match o.id.as_str() {
            "o2" => BidOutcome::Awarded,
            "o3" => BidOutcome::SetAside,
            _ => BidOutcome::NotRetained,
        })
        .collect();
    assert_eq!(outcomes, expected);
    let notices = lot_notices(&consultation, &results, "o3");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].outcome, BidOutcome::SetAside);
    let sentence = notices[0].sentence.sentence(Lang::Fr);
    assert!(
        sentence.contains("votre offre a été écartée à l’issue du tour « Offres initiales »")
            && sentence.contains("Motif : Troisième au classement"),
        "{sentence}"
    );
    let json = consultation_results_to_json(&consultation, &results);
    let o3 = json["bidders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "o3")
        .unwrap();
    assert_eq!(o3["lots"][0]["outcome"], "set_aside");
    assert!(o3["lots"][0]["rank"].is_null());
}

#[test]
fn each_bidder_is_told_what_became_of_each_lot_it_bid_on() {
    let consultation = jauge_domain::parse_consultation(FOUR_LOTS).unwrap();
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&consultation, &catalogs);
    let alpha: Vec<String> = lot_notices(&consultation, &results, "alpha")
        .iter()
        .map(|n| n.sentence.sentence(Lang::Fr))
        .collect();
    assert_eq!(
        alpha,
        [
            "Lot 1 – Infrastructure (IaaS) : votre offre, classée première, est retenue ; vous êtes titulaire n° 1 de l’accord-cadre. Titulaires : Nuage Alpha (1), Beta Cloud (2).",
            "Lot 2 – Plateforme (PaaS) : votre offre, classée première, est retenue ; vous êtes titulaire n° 1 de l’accord-cadre. Titulaires : Nuage Alpha (1), Gamma Hosting (2).",
            "Lot 3 – Kubernetes managé : votre offre est classée première, mais le règlement de la consultation limite à 2 lots le nombre de lots attribués à un même soumissionnaire ; les lots 1 et 2 qui vous sont attribués passent avant celui-ci selon la règle publiée. Offre(s) retenue(s) : Beta Cloud (2).",
        ]
    );
    let gamma: Vec<(BidOutcome, String)> = lot_notices(&consultation, &results, "gamma")
        .iter()
        .map(|n| (n.outcome, n.sentence.sentence(Lang::En)))
        .collect();
    assert_eq!(gamma[0].0, BidOutcome::NotRetained);
    assert_eq!(
        gamma[0].1,
        "Lot 1 – Infrastructure (IaaS): your offer, ranked third, is not retained. Offer(s) retained: Nuage Alpha (1), Beta Cloud (2)."
    );
    assert_eq!(gamma[1].0, BidOutcome::Holder);
    assert_eq!(gamma[2].0, BidOutcome::NotRetained);
    assert!(
        gamma[2]
            .1
            .contains("Offer(s) retained: Epsilon Services (2)"),
        "{}",
        gamma[2].1
    );
    assert!(lot_notices(&consultation, &results, "nobody").is_empty());
}

#[test]
fn a_bidder_without_preferences_keeps_lots_by_number_and_the_trace_says_so() {
    let lots = [
        lot(1, 10.0, LotAward::Single, &[(A, 90.0), (B, 80.0)]),
        lot(2, 99.0, LotAward::Single, &[(A, 90.0), (C, 80.0)]),
    ];
    let a = allocate(
        &lots,
        &bidders(3),
        &rules(Some(1), OverCapRule::BidderPreference),
    );
    assert_eq!([holders(&a, 0), holders(&a, 1)], [vec![A], vec![C]]);
    let fr = sentences(&a, Lang::Fr).join("\n");
    assert!(
        fr.contains("Alpha n’a pas classé les lots 1 et 2 dans ses préférences"),
        "{fr}"
    );
    assert!(fr.contains("avec le(s) lot 1, qu’il préfère"), "{fr}");
}

#[test]
fn more_lots_than_the_limit_are_refused_by_name() {
    let mut doc: serde_json::Value = serde_json::from_str(FOUR_LOTS).unwrap();
    let one = doc["lots"][0].clone();
    doc["lots"] = serde_json::Value::Array(vec![one; MAX_LOTS + 1]);
    let invalid = jauge_domain::parse_consultation(&doc.to_string()).unwrap_err();
    assert_eq!(invalid.problems[0].path, "lots");
    assert_eq!(invalid.problems[0].code.as_str(), "too_many");
}

/// Every place of the four-lot fixture where a value can be replaced, with the replacements.
fn mutate(
    value: &mut serde_json::Value,
    target: usize,
    with: &serde_json::Value,
    seen: &mut usize,
) {
    use serde_json::Value;
    if *seen == target {
        *value = with.clone();
    }
    *seen += 1;
    match value {
        Value::Array(items) => {
            for item in items {
                mutate(item, target, with, seen);
            }
        }
        Value::Object(map) => {
            for (_, item) in map.iter_mut() {
                mutate(item, target, with, seen);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A hostile consultation never panics the reader or the award, keeps its problems bounded,
    /// and whatever it accepts evaluates to finite totals.
    #[test]
    fn any_one_value_changed_is_read_or_refused_never_a_panic(
        target in 0usize..400,
        with in prop_oneof![
            Just(serde_json::json!(null)),
            Just(serde_json::json!(-1)),
            Just(serde_json::json!(0)),
            Just(serde_json::json!(1e308)),
            Just(serde_json::json!("alpha")),
            Just(serde_json::json!("")),
            Just(serde_json::json!([])),
            Just(serde_json::json!({})),
            Just(serde_json::json!(true)),
            Just(serde_json::json!(2.5)),
        ],
    ) {
        let mut doc: serde_json::Value = serde_json::from_str(FOUR_LOTS).unwrap();
        mutate(&mut doc, target, &with, &mut 0);
        match jauge_domain::parse_consultation(&doc.to_string()) {
            Ok(consultation) => {
                let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
                let results = evaluate_consultation(&consultation, &catalogs);
                for lot in &results.allocation.lots {
                    prop_assert!(lot.holders.iter().all(|h| h.total.is_finite()));
                }
                let again = jauge_domain::parse_consultation(
                    &consultation_to_json(&consultation).to_string(),
                );
                prop_assert_eq!(again.ok(), Some(consultation));
            }
            Err(invalid) => {
                prop_assert!(!invalid.problems.is_empty());
                prop_assert!(invalid.problems.len() <= jauge_domain::MAX_PROBLEMS);
            }
        }
    }
}

/// The four-lot fixture with lot 1 declared *sans suite*.
fn four_lots_with_lot_1_sans_suite() -> String {
    let mut doc: serde_json::Value = serde_json::from_str(FOUR_LOTS).unwrap();
    doc["lots"][0]["sans_suite"] = serde_json::json!({"reason": "besoin redéfini"});
    doc.to_string()
}

#[test]
fn a_lot_declared_sans_suite_is_awarded_to_nobody_and_frees_the_cap() {
    let text = four_lots_with_lot_1_sans_suite();
    let consultation = jauge_domain::parse_consultation(&text).unwrap();
    assert_eq!(
        consultation.lots[0].sans_suite.as_deref(),
        Some("besoin redéfini")
    );
    // Written back and read again: the same consultation.
    let written = consultation_to_json(&consultation).to_string();
    assert_eq!(
        jauge_domain::parse_consultation(&written).unwrap(),
        consultation
    );
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&consultation, &catalogs);
    let lots = &results.allocation.lots;
    assert_eq!(lots[0].status, LotStatus::SansSuite);
    assert!(lots[0].holders.is_empty() && lots[0].skipped.is_empty());
    // Without lot 1, Nuage Alpha is first on two lots only: under the cap of 2, it keeps lot 3.
    assert_eq!(lots[2].status, LotStatus::Awarded);
    assert_eq!(lots[2].holders[0].offer, "alpha");
    assert!(lots[2].skipped.is_empty());
    assert!(results.settled(), "a lot sans suite is settled");
    let trace: Vec<String> = results
        .allocation
        .trace
        .iter()
        .map(|s| s.sentence(Lang::Fr))
        .collect();
    assert!(
        trace.contains(
            &"Lot 1 : déclaré sans suite par l’acheteur (besoin redéfini) ; aucune attribution, le lot ne compte dans le plafond de personne".to_owned()
        ),
        "{trace:?}"
    );
    assert!(
        !trace.iter().any(|s| s.contains("plafond de 2 lots ;")),
        "nobody is first on more lots than the cap: {trace:?}"
    );
    let beta: Vec<(BidOutcome, String)> = lot_notices(&consultation, &results, "beta")
        .iter()
        .map(|n| (n.outcome, n.sentence.sentence(Lang::Fr)))
        .collect();
    assert_eq!(beta[0].0, BidOutcome::SansSuite);
    assert_eq!(
        beta[0].1,
        "Lot 1 – Infrastructure (IaaS) : la procédure est déclarée sans suite pour ce lot, qui n’est attribué à personne. Motif : besoin redéfini."
    );
    let json = consultation_results_to_json(&consultation, &results);
    assert_eq!(json["lots"][0]["status"], "sans_suite");
    assert_eq!(json["lots"][0]["sans_suite"]["reason"], "besoin redéfini");
}

#[test]
fn a_sans_suite_without_a_reason_is_refused_by_its_path() {
    let mut doc: serde_json::Value = serde_json::from_str(FOUR_LOTS).unwrap();
    doc["lots"][1]["sans_suite"] = serde_json::json!({"reason": " "});
    let invalid = jauge_domain::parse_consultation(&doc.to_string()).unwrap_err();
    assert!(
        invalid
            .problems
            .iter()
            .any(|p| p.path == "lots[1].sans_suite.reason"),
        "{invalid}"
    );
    doc["lots"][1]["sans_suite"] = serde_json::json!("oui");
    assert!(jauge_domain::parse_consultation(&doc.to_string()).is_err());
}

/// The benchmarks' consultation is a valid file: it reads back equal, and its award keeps the
/// cap of two lots per bidder.
#[test]
fn the_synthetic_consultation_reads_back_and_keeps_its_cap() {
    let consultation = jauge_domain::synthetic::synthetic_consultation(4, 6, 10, 2);
    let text = consultation_to_json(&consultation).to_string();
    let again = jauge_domain::parse_consultation(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.lots.len(), 4);
    assert_eq!(
        consultation_to_json(&again).to_string(),
        text,
        "written, read and written again"
    );
    let catalogs = jauge_domain::catalog::Catalogs::bundled().unwrap();
    let results = evaluate_consultation(&again, &catalogs);
    let mut won = std::collections::HashMap::<usize, usize>::new();
    for lot in &results.allocation.lots {
        for holder in &lot.holders {
            *won.entry(holder.bidder).or_default() += 1;
        }
    }
    assert!(!won.is_empty(), "some lot is awarded");
    assert!(won.values().all(|&n| n <= 2), "{won:?}");
}
