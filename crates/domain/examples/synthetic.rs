//! Writes a large synthetic evaluation file for benchmarks and comparisons:
//! `cargo run --release -p jauge-domain --example synthetic -- OFFERS LEAVES EVALUATORS > big.json`.

fn main() {
    let mut sizes = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(0));
    let offers = sizes.next().unwrap_or(30);
    let leaves = sizes.next().unwrap_or(400);
    let evaluators = sizes.next().unwrap_or(9);
    let evaluation = jauge_domain::synthetic::synthetic_evaluation(offers, leaves, evaluators);
    print!("{}", jauge_domain::evaluation_to_string(&evaluation));
}
