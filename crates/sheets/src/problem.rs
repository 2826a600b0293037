//! A problem found in a workbook, named by sheet and cell, told in the buyer's words.

use crate::Lang;

/// One wrong cell (or sheet) of an imported workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// The sheet's name as the spreadsheet shows it on its tab.
    pub sheet: String,
    /// The cell (`D14`), or `None` when the problem is the sheet or the workbook as a whole.
    pub cell: Option<String>,
    pub kind: ProblemKind,
}

/// What is wrong, with what the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The workbook has no sheet named `sheet`.
    MissingSheet { sheet: String },
    /// Not a grid made by Jauge (its hidden sheet is absent or unreadable).
    NotAGrid,
    /// The grid was made for another tender.
    WrongTender { found: String, expected: String },
    /// The grid was made for another evaluator.
    WrongEvaluator { found: String, expected: String },
    /// The criteria or the offers changed since the grid was made.
    StaleGrid,
    /// A score column names an offer the tender does not have.
    UnknownOffer { id: String },
    /// A row names a criterion the tender does not have.
    UnknownCriterion { id: String },
    /// A row names a criterion that evaluators do not score (price, automatic check, group).
    NotScorable { id: String },
    /// The same (offer, criterion) appears twice.
    Duplicate { offer: String, criterion: String },
    /// A number outside the criterion's scale.
    OffScale { value: f64, min: f64, max: f64 },
    /// A number between the bounds but not on the scale's step.
    OffStep { value: f64, min: f64, step: f64 },
    /// Text, a date or an error where a number is expected.
    NotANumber { text: String },
    /// Anything but yes or no on a requirement.
    NotYesNo { text: String },
    /// A justification next to an empty score.
    JustificationWithoutScore,
    /// Nothing to import.
    NothingEntered,
    /// A required column of the list of bids is absent.
    MissingColumn { column: String, expected: String },
    /// A required cell is empty.
    Required { column: String },
    /// The same offer id on two rows.
    DuplicateOffer { id: String, first_row: u32 },
    /// A negative price.
    NegativePrice { value: f64 },
    /// A text longer than the limit.
    TooLong { limit: usize },
}

impl CellProblem {
    /// `Notes!D14`, or the sheet's name alone.
    pub fn address(&self) -> String {
        match &self.cell {
            Some(cell) => format!("{}!{cell}", self.sheet),
            None => self.sheet.clone(),
        }
    }

    /// « Notes!D14 : 7 est hors de l'échelle 0..5 » / "Notes!D14: 7 is outside the scale 0..5".
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{}{}{}",
            self.address(),
            lang.colon(),
            self.kind.message(lang)
        )
    }
}

impl ProblemKind {
    /// The message alone, without the address.
    pub fn message(&self, lang: Lang) -> String {
        let n = |v: f64| lang.number(v);
        match (self, lang) {
            (ProblemKind::MissingSheet { sheet }, Lang::Fr) => {
                format!("la feuille « {sheet} » est absente du classeur")
            }
            (ProblemKind::MissingSheet { sheet }, Lang::En) => {
                format!("the workbook has no sheet \"{sheet}\"")
            }
            (ProblemKind::NotAGrid, Lang::Fr) => {
                "ce classeur n'est pas une grille de notation éditée par Jauge".into()
            }
            (ProblemKind::NotAGrid, Lang::En) => {
                "this workbook is not a scoring grid made by Jauge".into()
            }
            (ProblemKind::WrongTender { found, expected }, Lang::Fr) => {
                format!("la grille est celle de la consultation « {found} », pas de « {expected} »")
            }
            (ProblemKind::WrongTender { found, expected }, Lang::En) => {
                format!("the grid belongs to tender \"{found}\", not \"{expected}\"")
            }
            (ProblemKind::WrongEvaluator { found, expected }, Lang::Fr) => {
                format!("la grille est celle de l'évaluateur « {found} », pas de « {expected} »")
            }
            (ProblemKind::WrongEvaluator { found, expected }, Lang::En) => {
                format!("the grid belongs to evaluator \"{found}\", not \"{expected}\"")
            }
            (ProblemKind::StaleGrid, Lang::Fr) => "les critères ou les offres ont changé depuis \
                l'édition de cette grille : éditez-en une nouvelle"
                .into(),
            (ProblemKind::StaleGrid, Lang::En) => "the criteria or the offers changed since this \
                grid was made: make a new one"
                .into(),
            (ProblemKind::UnknownOffer { id }, Lang::Fr) => {
                format!("l'offre « {id} » n'est pas dans la consultation")
            }
            (ProblemKind::UnknownOffer { id }, Lang::En) => {
                format!("the tender has no offer \"{id}\"")
            }
            (ProblemKind::UnknownCriterion { id }, Lang::Fr) => {
                format!("le critère « {id} » n'est pas dans la consultation")
            }
            (ProblemKind::UnknownCriterion { id }, Lang::En) => {
                format!("the tender has no criterion \"{id}\"")
            }
            (ProblemKind::NotScorable { id }, Lang::Fr) => format!(
                "le critère « {id} » ne se note pas (prix, vérification automatique ou groupe)"
            ),
            (ProblemKind::NotScorable { id }, Lang::En) => format!(
                "criterion \"{id}\" is not scored by evaluators (price, automatic check or group)"
            ),
            (ProblemKind::Duplicate { offer, criterion }, Lang::Fr) => {
                format!("l'offre « {offer} » est notée deux fois sur le critère « {criterion} »")
            }
            (ProblemKind::Duplicate { offer, criterion }, Lang::En) => {
                format!("offer \"{offer}\" is scored twice on criterion \"{criterion}\"")
            }
            (ProblemKind::OffScale { value, min, max }, Lang::Fr) => {
                format!(
                    "{} est hors de l'échelle {}..{}",
                    n(*value),
                    n(*min),
                    n(*max)
                )
            }
            (ProblemKind::OffScale { value, min, max }, Lang::En) => {
                format!(
                    "{} is outside the scale {}..{}",
                    n(*value),
                    n(*min),
                    n(*max)
                )
            }
            (ProblemKind::OffStep { value, min, step }, Lang::Fr) => format!(
                "{} n'est pas sur un pas de l'échelle ({} puis de {} en {})",
                n(*value),
                n(*min),
                n(*step),
                n(*step)
            ),
            (ProblemKind::OffStep { value, min, step }, Lang::En) => format!(
                "{} is not on the scale's steps ({} then every {})",
                n(*value),
                n(*min),
                n(*step)
            ),
            (ProblemKind::NotANumber { text }, Lang::Fr) => {
                format!("« {text} » n'est pas un nombre")
            }
            (ProblemKind::NotANumber { text }, Lang::En) => format!("\"{text}\" is not a number"),
            (ProblemKind::NotYesNo { text }, Lang::Fr) => {
                format!("« {text} » : répondez Oui ou Non")
            }
            (ProblemKind::NotYesNo { text }, Lang::En) => format!("\"{text}\": answer Yes or No"),
            (ProblemKind::JustificationWithoutScore, Lang::Fr) => {
                "une justification sans note à sa gauche".into()
            }
            (ProblemKind::JustificationWithoutScore, Lang::En) => {
                "a justification with no score on its left".into()
            }
            (ProblemKind::NothingEntered, Lang::Fr) => "aucune note n'est saisie".into(),
            (ProblemKind::NothingEntered, Lang::En) => "no score is entered".into(),
            (ProblemKind::MissingColumn { column, expected }, Lang::Fr) => {
                format!("la colonne « {column} » est absente (colonnes reconnues : {expected})")
            }
            (ProblemKind::MissingColumn { column, expected }, Lang::En) => {
                format!("the column \"{column}\" is missing (columns read: {expected})")
            }
            (ProblemKind::Required { column }, Lang::Fr) => {
                format!("cellule vide : « {column} » est obligatoire")
            }
            (ProblemKind::Required { column }, Lang::En) => {
                format!("empty cell: \"{column}\" is required")
            }
            (ProblemKind::DuplicateOffer { id, first_row }, Lang::Fr) => {
                format!("l'identifiant « {id} » figure déjà ligne {first_row}")
            }
            (ProblemKind::DuplicateOffer { id, first_row }, Lang::En) => {
                format!("the id \"{id}\" is already on row {first_row}")
            }
            (ProblemKind::NegativePrice { value }, Lang::Fr) => {
                format!("le prix {} est négatif", n(*value))
            }
            (ProblemKind::NegativePrice { value }, Lang::En) => {
                format!("the price {} is negative", n(*value))
            }
            (ProblemKind::TooLong { limit }, Lang::Fr) => {
                format!("le texte dépasse {limit} caractères")
            }
            (ProblemKind::TooLong { limit }, Lang::En) => {
                format!("the text is longer than {limit} characters")
            }
        }
    }
}
