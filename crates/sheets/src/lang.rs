//! Every word the workbooks show, in the two languages, in one place.
//!
//! French first, as in the report: a buyer's committee reads French, an English variant serves
//! bidders and auditors abroad. Numbers stay numbers in the cells (Excel and LibreOffice show
//! `1 234,56` under a French locale from the format `#,##0.00`); the texts here only carry words.

/// The language of a workbook (headers, sheet names, statuses) and of the problems found in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// The fixed words of one language.
pub(crate) struct Words {
    pub sheet_summary: &'static str,
    pub sheet_matrix: &'static str,
    pub sheet_tender: &'static str,
    pub sheet_award: &'static str,
    pub lot_title: &'static str,
    pub lot_status: &'static str,
    pub outcome: &'static str,
    pub holder_rank: &'static str,
    pub award_steps: &'static str,
    pub sheet_committee: &'static str,
    pub sheet_scores: &'static str,
    pub sheet_scales: &'static str,
    pub rank: &'static str,
    pub offer_id: &'static str,
    pub bidder: &'static str,
    pub offer_name: &'static str,
    pub status: &'static str,
    pub total: &'static str,
    pub price: &'static str,
    pub abnormally_low: &'static str,
    pub reasons: &'static str,
    pub criterion: &'static str,
    pub criterion_title: &'static str,
    pub value: &'static str,
    pub points: &'static str,
    pub met: &'static str,
    pub score: &'static str,
    pub justification: &'static str,
    pub entered_at: &'static str,
    pub decision: &'static str,
    pub meaning: &'static str,
    pub scale: &'static str,
    pub weight: &'static str,
    pub ranked: &'static str,
    pub incomplete: &'static str,
    pub eliminated: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub reference: &'static str,
    pub title: &'static str,
    pub buyer: &'static str,
    pub lot: &'static str,
    pub deadline: &'static str,
    pub drawn_up: &'static str,
    pub complete: &'static str,
    pub winner: &'static str,
    pub no_winner: &'static str,
    pub canonical_hash: &'static str,
    pub reason_irregular: &'static str,
    pub reason_requirement: &'static str,
    pub reason_threshold: &'static str,
    pub grid_title: &'static str,
    pub grid_instructions: &'static str,
    pub sheet_schedule: &'static str,
    pub schedule_title: &'static str,
    pub schedule_instructions: &'static str,
    pub line_ref: &'static str,
    pub line_label: &'static str,
    pub unit: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub line_total: &'static str,
    pub line_group: &'static str,
    pub grand_total: &'static str,
    pub yes_no: &'static str,
    pub validation_title: &'static str,
}

const FR: Words = Words {
    sheet_summary: "Synthèse",
    sheet_matrix: "Matrice",
    sheet_tender: "Consultation",
    sheet_award: "Attribution des lots",
    lot_title: "Intitulé du lot",
    lot_status: "Statut du lot",
    outcome: "Issue",
    holder_rank: "Rang de titulaire",
    award_steps: "Étapes de l’attribution",
    sheet_committee: "Commission",
    sheet_scores: "Notes",
    sheet_scales: "Échelles",
    rank: "Rang",
    offer_id: "Identifiant",
    bidder: "Soumissionnaire",
    offer_name: "Offre",
    status: "Statut",
    total: "Total (sur 100)",
    price: "Prix",
    abnormally_low: "Offre anormalement basse",
    reasons: "Motifs d'élimination",
    criterion: "Critère",
    criterion_title: "Intitulé",
    value: "Valeur",
    points: "Points",
    met: "Satisfaite",
    score: "Note",
    justification: "Justification",
    entered_at: "Saisie le",
    decision: "Décision",
    meaning: "Signification",
    scale: "Échelle",
    weight: "Pondération",
    ranked: "Classée",
    incomplete: "Incomplète",
    eliminated: "Éliminée",
    yes: "Oui",
    no: "Non",
    reference: "Référence",
    title: "Objet",
    buyer: "Acheteur",
    lot: "Lot",
    deadline: "Date limite de remise des offres",
    drawn_up: "Classement établi le",
    complete: "Évaluation complète",
    winner: "Attributaire pressenti",
    no_winner: "Aucun : l'évaluation n'est pas complète",
    canonical_hash: "Empreinte SHA-256 de l'évaluation",
    reason_irregular: "Offre irrégulière, inacceptable ou inappropriée",
    reason_requirement: "Exigence non satisfaite",
    reason_threshold: "Note sous le seuil d'élimination",
    grid_title: "Grille de notation",
    grid_instructions: "Une note par case, dans l'échelle du critère (feuille Échelles) ; Oui ou Non \
        pour les exigences ; une justification à droite de chaque note. Ne modifiez ni les lignes \
        ni les colonnes masquées, puis renvoyez le fichier à l'acheteur.",
    yes_no: "Oui / Non",
    validation_title: "Note",
    sheet_schedule: "BPU-DQE",
    schedule_title: "Bordereau des prix unitaires et détail quantitatif estimatif",
    schedule_instructions: "Indiquez un prix unitaire hors taxes par ligne et, si vous le \
        souhaitez, le montant de la ligne (quantité estimée × prix unitaire) et le total. Le prix \
        unitaire prévaut : l'acheteur recalcule chaque montant. Ne modifiez ni les quantités, ni \
        les lignes, ni la colonne masquée.",
    line_ref: "Réf.",
    line_label: "Désignation",
    unit: "Unité",
    quantity: "Quantité estimée",
    unit_price: "Prix unitaire HT",
    line_total: "Montant HT",
    line_group: "Regroupement",
    grand_total: "Total HT",
};

const EN: Words = Words {
    sheet_summary: "Summary",
    sheet_matrix: "Matrix",
    sheet_tender: "Tender",
    sheet_award: "Award of the lots",
    lot_title: "Lot title",
    lot_status: "Lot status",
    outcome: "Outcome",
    holder_rank: "Holder rank",
    award_steps: "Steps of the award",
    sheet_committee: "Committee",
    sheet_scores: "Scores",
    sheet_scales: "Scales",
    rank: "Rank",
    offer_id: "Id",
    bidder: "Bidder",
    offer_name: "Offer",
    status: "Status",
    total: "Total (out of 100)",
    price: "Price",
    abnormally_low: "Abnormally low offer",
    reasons: "Reasons for elimination",
    criterion: "Criterion",
    criterion_title: "Title",
    value: "Value",
    points: "Points",
    met: "Met",
    score: "Score",
    justification: "Justification",
    entered_at: "Entered on",
    decision: "Decision",
    meaning: "Meaning",
    scale: "Scale",
    weight: "Weight",
    ranked: "Ranked",
    incomplete: "Incomplete",
    eliminated: "Eliminated",
    yes: "Yes",
    no: "No",
    reference: "Reference",
    title: "Title",
    buyer: "Buyer",
    lot: "Lot",
    deadline: "Offers due",
    drawn_up: "Ranking drawn up on",
    complete: "Evaluation complete",
    winner: "Proposed winner",
    no_winner: "None: the evaluation is not complete",
    canonical_hash: "SHA-256 of the evaluation",
    reason_irregular: "Irregular, unacceptable or inappropriate offer",
    reason_requirement: "Requirement not met",
    reason_threshold: "Score below the elimination threshold",
    grid_title: "Scoring grid",
    grid_instructions: "One score per cell, within the criterion's scale (sheet Scales); Yes or No \
        for requirements; a justification right of each score. Do not change the hidden rows or \
        columns, then send the file back to the buyer.",
    yes_no: "Yes / No",
    validation_title: "Score",
    sheet_schedule: "Price schedule",
    schedule_title: "Schedule of unit prices and bill of estimated quantities",
    schedule_instructions: "Give one unit price excluding VAT per line and, if you wish, the \
        line amount (estimated quantity × unit price) and the total. The unit price prevails: \
        the buyer recomputes every amount. Do not change the quantities, the lines or the hidden \
        column.",
    line_ref: "Ref.",
    line_label: "Item",
    unit: "Unit",
    quantity: "Estimated quantity",
    unit_price: "Unit price excl. VAT",
    line_total: "Amount excl. VAT",
    line_group: "Group",
    grand_total: "Total excl. VAT",
};

impl Lang {
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The same language in the shared vocabulary of `jauge_domain::words`.
    pub fn vocabulary(self) -> jauge_domain::words::Lang {
        match self {
            Lang::Fr => jauge_domain::words::Lang::Fr,
            Lang::En => jauge_domain::words::Lang::En,
        }
    }

    /// A number as the buyer writes it: `2,5` / `2.5`, no trailing zeros.
    pub(crate) fn number(self, value: f64) -> String {
        let text = format!("{value}");
        match self {
            Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// `0 à 5, pas de 1` / `0 to 5, step 1`.
    pub(crate) fn scale(self, min: f64, max: f64, step: Option<f64>) -> String {
        let (min, max) = (self.number(min), self.number(max));
        match (self, step) {
            (Lang::Fr, Some(step)) => format!("{min} à {max}, pas de {}", self.number(step)),
            (Lang::Fr, None) => format!("{min} à {max}"),
            (Lang::En, Some(step)) => format!("{min} to {max}, step {}", self.number(step)),
            (Lang::En, None) => format!("{min} to {max}"),
        }
    }

    /// The message a spreadsheet shows when a typed score is refused.
    pub(crate) fn validation_message(self, min: f64, max: f64) -> String {
        let (min, max) = (self.number(min), self.number(max));
        match self {
            Lang::Fr => format!("Saisissez un nombre de {min} à {max}."),
            Lang::En => format!("Enter a number from {min} to {max}."),
        }
    }

    /// `Label : ` with the French no-break space before the colon.
    pub(crate) fn colon(self) -> &'static str {
        match self {
            Lang::Fr => "\u{a0}: ",
            Lang::En => ": ",
        }
    }

    /// The Excel number format of an amount in `currency` (Excel and LibreOffice localise the
    /// separators: `1 234,56 €` under a French locale).
    pub(crate) fn money_format(self, currency: &str) -> String {
        match (self, currency) {
            (Lang::Fr, "EUR") => "#,##0.00\\ \"€\"".to_owned(),
            (Lang::En, "EUR") => "\"€\"#,##0.00".to_owned(),
            (Lang::Fr, code) => format!("#,##0.00\\ \"{code}\""),
            (Lang::En, code) => format!("\"{code} \"#,##0.00"),
        }
    }

    /// `jj/mm/aaaa` (written `dd/mm/yyyy` in the file) / `15 Oct 2026`.
    pub(crate) fn date_format(self) -> &'static str {
        match self {
            Lang::Fr => "dd/mm/yyyy",
            Lang::En => "d mmm yyyy",
        }
    }

    pub(crate) fn date_time_format(self) -> &'static str {
        match self {
            Lang::Fr => "dd/mm/yyyy hh:mm",
            Lang::En => "d mmm yyyy hh:mm",
        }
    }
}
