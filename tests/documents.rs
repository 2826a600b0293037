//! Reading evaluation documents in the tests: the bundled catalogs once, a document that must
//! read, and one that must be refused at a path with given words. One place for the engine's,
//! the price schedule's, the rounds' and the wire's tests.

use jauge_domain::catalog::Catalogs;
use jauge_domain::{Evaluation, parse_evaluation};
use serde_json::Value;

/// The bundled catalogs, read once for the whole test binary.
pub fn catalogs() -> &'static Catalogs {
    static CATALOGS: std::sync::OnceLock<Catalogs> = std::sync::OnceLock::new();
    CATALOGS.get_or_init(|| Catalogs::bundled().expect("bundled catalogs parse"))
}

/// The document read, or a panic naming every problem.
pub fn parse(document: &Value) -> Evaluation {
    parse_evaluation(&document.to_string())
        .unwrap_or_else(|invalid| panic!("expected a valid evaluation:\n{invalid}"))
}

/// The problems of an invalid document, each as `path: message`.
pub fn problems(document: &Value) -> Vec<String> {
    match parse_evaluation(&document.to_string()) {
        Ok(_) => panic!("expected the document to be refused"),
        Err(invalid) => invalid.problems.iter().map(ToString::to_string).collect(),
    }
}

/// Asserts that the document is refused with a problem at `path` whose message contains `words`.
pub fn refused(document: &Value, path: &str, words: &str) {
    let found = problems(document);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words)),
        "expected a problem at `{path}` mentioning `{words}`, got: {found:#?}"
    );
}
