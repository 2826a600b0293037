//! Wording and number/date formats in the two report languages.
//!
//! French output follows French typography (narrow no-break space between thousands, no-break
//! space before `€`, `%` and `:`), because a buyer pastes these figures into official letters.

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::words;

/// The language a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

pub(crate) use jauge_domain::words::NBSP;

impl Lang {
    /// The domain's language, whose vocabulary and number formatter the report uses.
    pub fn words(self) -> words::Lang {
        match self {
            Lang::Fr => words::Lang::Fr,
            Lang::En => words::Lang::En,
        }
    }

    /// `1 234,56` / `1,234.56`, with `decimals` digits after the separator.
    pub fn decimal(self, value: f64, decimals: usize) -> String {
        words::decimal(self.words(), value, decimals)
    }

    /// Points and totals: always two decimals (computations stay unrounded).
    pub fn points(self, value: f64) -> String {
        self.decimal(value, 2)
    }

    /// A scale value or weight: as many decimals as it needs, at most two.
    pub fn compact(self, value: f64) -> String {
        words::compact(self.words(), value, 2)
    }

    /// `1 234,56 €` / `€1,234.56`; other currencies print their ISO code.
    pub fn money(self, value: f64, currency: &str) -> String {
        let amount = self.decimal(value, 2);
        match (self, currency) {
            (Lang::Fr, "EUR") => format!("{amount}{NBSP}€"),
            (Lang::Fr, code) => format!("{amount}{NBSP}{code}"),
            (Lang::En, "EUR") => format!("€{amount}"),
            (Lang::En, code) => format!("{code}{NBSP}{amount}"),
        }
    }

    /// A fraction (0.4) as a percentage (`40 %` / `40%`).
    pub fn percent(self, fraction: f64) -> String {
        let number = self.compact(fraction * 100.0);
        match self {
            Lang::Fr => format!("{number}{NBSP}%"),
            Lang::En => format!("{number}%"),
        }
    }

    /// `15/10/2026` / `15 Oct 2026`.
    pub fn date(self, day: NaiveDate) -> String {
        words::date(self.words(), day)
    }

    /// What a received scoring file brought: `e1 : 12 notes, 5 déclarations`.
    pub fn file_contents(self, who: &str, scores: u32, declarations: u32) -> String {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let declared = declarations;
        let (scores, declarations) = match self {
            Lang::Fr => (
                plural(scores, "note", "notes"),
                plural(declarations, "déclaration", "déclarations"),
            ),
            Lang::En => (
                plural(scores, "score", "scores"),
                plural(declarations, "declaration", "declarations"),
            ),
        };
        let colon = match self {
            Lang::Fr => "\u{A0}:",
            Lang::En => ":",
        };
        if declared == 0 {
            format!("{who}{colon} {scores}")
        } else {
            format!("{who}{colon} {scores}, {declarations}")
        }
    }

    /// The report's timestamp, always in UTC so that it reads the same everywhere.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        let hm = at.format("%H:%M");
        match self {
            Lang::Fr => format!("{} à {hm} UTC", self.date(at.date_naive())),
            Lang::En => format!("{}, {hm} UTC", self.date(at.date_naive())),
        }
    }

    /// `Label : value` with the French no-break space before the colon.
    pub fn label(self, label: &str) -> String {
        match self {
            Lang::Fr => format!("{label}{NBSP}:"),
            Lang::En => format!("{label}:"),
        }
    }

    /// Rank as an ordinal: `1er`, `2e` / `1st`, `2nd`.
    pub fn ordinal(self, rank: u32) -> String {
        match self {
            Lang::Fr if rank == 1 => "1er".into(),
            Lang::Fr => format!("{rank}e"),
            Lang::En => {
                let suffix = match (rank % 10, rank % 100) {
                    (1, r) if r != 11 => "st",
                    (2, r) if r != 12 => "nd",
                    (3, r) if r != 13 => "rd",
                    _ => "th",
                };
                format!("{rank}{suffix}")
            }
        }
    }

    /// A certification status as a buyer reads it.
    /// What a scheme's level means ("Label niveau 3", "substantial"), or the number when the
    /// scheme gives it no name.
    pub fn scheme_level(self, scheme: &str, level: f64) -> String {
        match jauge_domain::scheme::find_scheme(scheme).and_then(|s| s.level(level)) {
            Some(meaning) if self == Lang::Fr => meaning.fr.to_string(),
            Some(meaning) => meaning.en.to_string(),
            None => self.compact(level),
        }
    }

    pub fn certification_status(self, status: jauge_domain::CertificationStatus) -> &'static str {
        use jauge_domain::CertificationStatus as S;
        match (self, status) {
            (Lang::Fr, S::Qualified) => "qualifiée",
            (Lang::Fr, S::Certified) => "certifiée",
            (Lang::Fr, S::InProgress) => "en cours",
            (Lang::Fr, S::Declared) => "déclarée",
            (Lang::Fr, S::Expired) => "expirée",
            (Lang::Fr, S::Withdrawn) => "retirée",
            (Lang::En, S::Qualified) => "qualified",
            (Lang::En, S::Certified) => "certified",
            (Lang::En, S::InProgress) => "in progress",
            (Lang::En, S::Declared) => "declared",
            (Lang::En, S::Expired) => "expired",
            (Lang::En, S::Withdrawn) => "withdrawn",
        }
    }

    /// Separator between two clauses: ` ; ` in French, `; ` in English.
    pub fn semicolon(self) -> &'static str {
        match self {
            Lang::Fr => "\u{A0};",
            Lang::En => ";",
        }
    }

    pub(crate) fn text(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// Every fixed sentence of the report, once per language.
pub(crate) struct Texts {
    pub title: &'static str,
    pub draft: &'static str,
    pub final_status: &'static str,
    pub draft_status: &'static str,
    pub reference: &'static str,
    pub subject: &'static str,
    pub buyer: &'static str,
    pub lot: &'static str,
    pub procedure: &'static str,
    pub launch_date: &'static str,
    pub deadline: &'static str,
    pub report_date: &'static str,
    pub status: &'static str,
    pub offers_received: &'static str,
    pub committee: &'static str,
    pub integrity: &'static str,
    pub attachment_note: &'static str,
    pub canonical_hash: &'static str,
    pub software: &'static str,
    pub journal: &'static str,
    pub journal_entries: &'static str,
    pub journal_head: &'static str,
    pub no_journal: &'static str,
    pub page: &'static str,

    pub summary: &'static str,
    pub lot_award: &'static str,
    pub lot_award_intro: &'static str,
    pub lot_status: &'static str,
    pub lot_holders: &'static str,
    pub award_steps: &'static str,
    pub consultation_award: &'static str,
    pub consultation_award_intro: &'static str,
    pub consultation_lots: &'static str,
    pub consultation_draft_status: &'static str,
    pub consultation_final_status: &'static str,
    pub consultation_fingerprint: &'static str,
    pub winner_is: &'static str,
    pub no_winner_incomplete: &'static str,
    pub no_winner_tie: &'static str,
    pub no_winner_none_ranked: &'static str,
    pub ranking: &'static str,
    pub rank: &'static str,
    pub bidder: &'static str,
    pub offer: &'static str,
    pub total: &'static str,
    pub not_ranked: &'static str,
    pub status_ranked: &'static str,
    pub status_incomplete: &'static str,
    pub status_eliminated: &'static str,
    pub missing_title: &'static str,
    pub missing_value: &'static str,
    pub undecided_value: &'static str,
    pub warnings: &'static str,
    pub chart_totals: &'static str,

    pub method: &'static str,
    pub criteria_tree: &'static str,
    pub criterion: &'static str,
    pub kind: &'static str,
    pub weighting: &'static str,
    pub scale_or_rule: &'static str,
    pub kind_group: &'static str,
    pub kind_scored: &'static str,
    pub kind_price: &'static str,
    pub kind_requirement: &'static str,
    pub scale: &'static str,
    pub step: &'static str,
    pub threshold: &'static str,
    pub points_formula: &'static str,
    pub requirement_manual: &'static str,
    pub requirement_auto: &'static str,
    pub min_level: &'static str,
    pub valid_on_deadline: &'static str,
    pub environmental: &'static str,
    pub refs: &'static str,
    pub price_formula: &'static str,
    pub price_set: &'static str,
    pub consolidation: &'static str,
    pub consolidation_mean: &'static str,
    pub consolidation_median: &'static str,
    pub consensus_first: &'static str,
    pub divergence_threshold: &'static str,
    pub abnormally_low_method: &'static str,
    pub al_none: &'static str,
    pub al_mean_minus_sigma: &'static str,
    pub al_percent_below_mean: &'static str,
    pub al_trimmed_mean: &'static str,
    pub al_minimum: &'static str,
    pub rounding: &'static str,
    pub rules: &'static str,
    pub scored_points: &'static str,
    pub rounding_text: &'static str,
    pub ranking_rule: &'static str,
    pub evaluators: &'static str,
    pub initials: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub no_evaluator: &'static str,
    pub sealed_prices: &'static str,
    pub prices_opened_on: &'static str,
    pub prices_still_sealed: &'static str,
    pub declarations: &'static str,
    pub declarations_rule: &'static str,
    pub no_declaration: &'static str,
    pub declaration: &'static str,
    pub declaration_none: &'static str,
    pub declaration_conflict: &'static str,
    pub declared_at: &'static str,
    pub note: &'static str,
    pub committee_files: &'static str,
    pub committee_files_intro: &'static str,
    pub file_sent: &'static str,
    pub file_received: &'static str,
    pub file_signed_by: &'static str,
    pub file_certificate: &'static str,
    pub file_nothing_changed: &'static str,

    pub eliminated: &'static str,
    pub eliminated_intro: &'static str,
    pub no_eliminated: &'static str,
    pub reasons: &'static str,
    pub reason_irregular: &'static str,
    pub reason_requirement: &'static str,
    pub reason_threshold: &'static str,

    pub abnormally_low: &'static str,
    pub al_flagged_intro: &'static str,
    pub al_none_flagged: &'static str,
    pub al_not_applicable: &'static str,
    pub al_disabled: &'static str,
    pub al_follow_up: &'static str,
    pub al_flag: &'static str,
    pub price: &'static str,

    pub matrix: &'static str,
    pub matrix_intro: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub undecided: &'static str,
    pub missing: &'static str,

    pub details: &'static str,
    pub certifications: &'static str,
    pub no_certification: &'static str,
    pub scheme: &'static str,
    pub level: &'static str,
    pub validity: &'static str,
    pub valid_at_deadline: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub retained: &'static str,
    pub points: &'static str,
    pub individual_scores: &'static str,
    pub source_consensus: &'static str,
    pub source_certifications: &'static str,
    pub consensus: &'static str,
    pub irregular_note: &'static str,

    pub divergences: &'static str,
    pub divergences_intro: &'static str,
    pub no_divergence: &'static str,
    pub spread: &'static str,
    pub resolution: &'static str,
    pub resolved_by: &'static str,
    pub unresolved: &'static str,

    pub sensitivity: &'static str,
    pub sensitivity_intro: &'static str,
    pub sensitivity_none: &'static str,
    pub current_weight: &'static str,
    pub interval: &'static str,
    pub chart_sensitivity: &'static str,

    pub traceability: &'static str,
    pub recompute: &'static str,
    pub generated_at: &'static str,
    pub archiving: &'static str,
    // The price schedule and its arithmetic check.
    pub prices_check: &'static str,
    pub prices_check_intro: &'static str,
    pub prices_totals: &'static str,
    pub grand_total: &'static str,
    pub unpriced: &'static str,
    pub discrepancies: &'static str,
    pub no_discrepancy: &'static str,
    pub line: &'static str,
    pub written: &'static str,
    pub computed: &'static str,
    pub difference: &'static str,
    pub share_of_total: &'static str,
    pub decision: &'static str,
    pub grand_total_line: &'static str,
    pub corrected_on: &'static str,
    /// How a correction came about, by [`jauge_domain::CorrectionRoute`]: the tender rules'
    /// clause, the bidder's confirmation, a regularisation.
    pub route_tender_rules: &'static str,
    pub route_bidder_confirmed: &'static str,
    pub route_regularisation: &'static str,
    pub awaiting_decision: &'static str,
    pub rank_effect: &'static str,
    pub rank_as_submitted: &'static str,
    pub rank_corrected: &'static str,
    pub not_ranked_short: &'static str,
    // Rounds of a negotiated procedure and exchanges with bidders.
    pub rounds_title: &'static str,
    pub rounds_intro: &'static str,
    pub invited_on: &'static str,
    pub offers_due: &'static str,
    pub set_aside: &'static str,
    pub round_changes: &'static str,
    pub winner_changed: &'static str,
    pub winner_kept: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub left_round: &'static str,
    pub exchanges_title: &'static str,
    pub no_exchange: &'static str,
    pub question: &'static str,
    pub dates: &'static str,
    pub answer: &'static str,
    pub sent: &'static str,
    pub due: &'static str,
    pub received: &'static str,
    pub no_answer: &'static str,
    pub file_sha256: &'static str,
    pub cited_by: &'static str,
}

const FR: Texts = Texts {
    title: "Rapport d’analyse des offres",
    draft: "PROJET",
    final_status: "Définitif : l’évaluation est complète",
    draft_status: "Projet : l’évaluation est incomplète",
    reference: "Référence",
    subject: "Objet",
    buyer: "Acheteur",
    lot: "Lot",
    procedure: "Procédure",
    launch_date: "Date de lancement",
    deadline: "Date limite de remise des offres",
    report_date: "Date du rapport",
    status: "Statut",
    offers_received: "Offres reçues",
    committee: "Commission d’évaluation",
    integrity: "Intégrité et recalcul",
    attachment_note: "Le fichier d’évaluation complet est joint à ce PDF (pièce jointe « evaluation.json »). Son empreinte SHA-256 est celle imprimée dans ce rapport, ce qui prouve que la pièce jointe est bien la source des résultats. Toute personne peut l’extraire et recalculer les résultats : les mêmes données donnent toujours les mêmes notes.",
    canonical_hash: "Empreinte SHA-256 de l’évaluation (forme canonique)",
    software: "Logiciel",
    journal: "Journal des modifications",
    journal_entries: "entrées",
    journal_head: "empreinte de tête",
    no_journal: "non fourni (rapport produit hors du registre)",
    page: "Page",

    summary: "Synthèse",
    lot_award: "Attribution du lot dans la consultation",
    lot_award_intro: "Ce lot est un marché distinct, classé seul sur ses propres critères. Le plafond de lots par soumissionnaire et la règle publiée pour l’appliquer interviennent ensuite, sans modifier aucune note ; chaque étape est rappelée ci-dessous.",
    lot_status: "Statut du lot",
    lot_holders: "Offres retenues",
    award_steps: "Déroulé de l’attribution entre les lots",
    consultation_award: "Attribution des lots",
    consultation_award_intro: "Chaque lot est un marché distinct, classé seul sur ses propres critères (son rapport suit, lot par lot). Les règles d’attribution entre les lots — plafond de lots par soumissionnaire et règle publiée pour l’appliquer — interviennent ensuite, sans modifier aucune note ; chaque étape est expliquée ci-dessous.",
    consultation_lots: "Nombre de lots",
    consultation_draft_status: "Provisoire : l’attribution d’au moins un lot n’est pas arrêtée",
    consultation_final_status: "Définitif : chaque lot est attribué, infructueux ou déclaré sans suite",
    consultation_fingerprint: "SHA-256 du fichier de consultation joint",
    winner_is: "Offre économiquement la plus avantageuse",
    no_winner_incomplete: "Aucune offre ne peut encore être retenue : l’évaluation est incomplète.",
    no_winner_tie: "Aucune offre ne peut être retenue seule : plusieurs offres sont classées premières ex æquo.",
    no_winner_none_ranked: "Aucune offre ne peut être retenue : aucune offre n’est classée.",
    ranking: "Classement",
    rank: "Rang",
    bidder: "Soumissionnaire",
    offer: "Offre",
    total: "Total",
    not_ranked: "Offres non classées",
    status_ranked: "Classée",
    status_incomplete: "Incomplète",
    status_eliminated: "Éliminée",
    missing_title: "Notes manquantes ou indécises",
    missing_value: "Manquante",
    undecided_value: "Indécise (avis divergents, sans consensus)",
    warnings: "Avertissements",
    chart_totals: "Totaux par critère de premier niveau (sur 100)",

    method: "Méthode de notation",
    criteria_tree: "Critères, sous-critères et pondération",
    criterion: "Critère",
    kind: "Type",
    weighting: "Pondération",
    scale_or_rule: "Échelle, formule ou règle",
    kind_group: "Groupe",
    kind_scored: "Noté",
    kind_price: "Prix",
    kind_requirement: "Exigence",
    scale: "Échelle",
    step: "pas",
    threshold: "Seuil éliminatoire",
    points_formula: "Points = pondération × (note − min) / (max − min)",
    requirement_manual: "Exigence éliminatoire, appréciée par la commission (0 point)",
    requirement_auto: "Exigence éliminatoire, vérifiée sur les certifications",
    min_level: "niveau minimal",
    valid_on_deadline: "valide à la date limite",
    environmental: "critère environnemental",
    refs: "Réf.",
    price_formula: "Formule de notation du prix",
    price_set: "Pmin et Pmax : prix le plus bas et le plus haut parmi les offres non éliminées.",
    consolidation: "Consolidation des notes individuelles",
    consolidation_mean: "moyenne des notes des évaluateurs",
    consolidation_median: "médiane des notes des évaluateurs",
    consensus_first: "la décision de consensus de la commission, lorsqu’elle existe, prévaut",
    divergence_threshold: "Seuil de divergence",
    abnormally_low_method: "Détection des offres anormalement basses",
    al_none: "aucune détection automatique",
    al_mean_minus_sigma: "prix inférieur à la moyenne moins un écart type",
    al_percent_below_mean: "prix inférieur de plus de {p} à la moyenne",
    al_trimmed_mean: "prix inférieur de plus de 10 % à la moyenne recalculée sans les prix supérieurs de plus de 20 % à la moyenne",
    al_minimum: "calculée sur les offres non éliminées, à partir de trois offres",
    rounding: "Arrondis",
    rules: "Règles de calcul",
    scored_points: "Critères notés",
    rounding_text: "les calculs et le classement utilisent les valeurs non arrondies ; le rapport affiche deux décimales",
    ranking_rule: "Classement",
    evaluators: "Évaluateurs",
    initials: "Sigle",
    name: "Nom",
    role: "Fonction",
    no_evaluator: "Aucun évaluateur déclaré.",
    sealed_prices: "Prix sous pli",
    prices_opened_on: "les prix ont été tenus à l’écart des évaluateurs jusqu’à leur ouverture, le {at}",
    prices_still_sealed: "les prix sont encore sous pli : aucun point prix n’est calculé et aucune offre n’est classée",
    declarations: "Déclarations d’intérêts",
    declarations_rule: "Chaque évaluateur déclare ses liens d’intérêts avec chaque soumissionnaire avant de noter son offre ; un conflit d’intérêts déclaré l’écarte de la notation de cette offre (article R2184-3 du code de la commande publique : les conflits d’intérêts détectés et les mesures prises figurent au rapport).",
    no_declaration: "Aucune déclaration d’intérêts n’est enregistrée dans l’évaluation.",
    declaration: "Déclaration",
    declaration_none: "Absence de conflit d’intérêts",
    declaration_conflict: "Conflit d’intérêts déclaré : ne note pas cette offre",
    declared_at: "Date",
    note: "Observations",
    committee_files: "Paquets envoyés et fichiers de notation reçus",
    committee_files_intro: "Chaque note importée d’un fichier est rattachée au fichier qui l’a apportée ; son empreinte SHA-256 permet de le reconnaître.",
    file_sent: "Envoyé",
    file_received: "Reçu",
    file_signed_by: "signé par {subject}, signature vérifiée à l’import",
    file_certificate: "Certificat du signataire, SHA-256",
    file_nothing_changed: "rien de modifié (notes et déclarations déjà enregistrées ou plus anciennes)",

    eliminated: "Offres éliminées",
    eliminated_intro: "Offres écartées et motifs (art. R2184-2 du code de la commande publique).",
    no_eliminated: "Aucune offre n’a été éliminée.",
    reasons: "Motifs",
    reason_irregular: "Offre irrégulière, inacceptable ou inappropriée",
    reason_requirement: "Exigence non satisfaite",
    reason_threshold: "Note inférieure au seuil éliminatoire",

    abnormally_low: "Offre anormalement basse",
    al_flagged_intro: "Les offres suivantes sont signalées comme potentiellement anormalement basses. Ce signalement n’est pas une élimination.",
    al_none_flagged: "Aucune offre n’est signalée comme anormalement basse.",
    al_not_applicable: "Détection non applicable : moins de trois offres non éliminées, ou pas de critère prix.",
    al_disabled: "La détection automatique est désactivée pour cette consultation.",
    al_follow_up: "Suites à donner : l’acheteur doit demander par écrit au soumissionnaire de justifier le montant de son offre (art. R2152-3 : modes de fabrication ou de prestation, solutions techniques, conditions exceptionnellement favorables, originalité, respect des obligations environnementales, sociales et du travail, aides d’État). L’offre ne peut être rejetée que si les justifications fournies ne permettent pas d’expliquer le bas niveau du prix ou des coûts, ou si elle méconnaît ces obligations (art. R2152-4). Un simple écart de prix ne suffit pas à la rejeter.",
    al_flag: "Signalée",
    price: "Prix",

    matrix: "Matrice des notes",
    matrix_intro: "Pour chaque critère : valeur retenue (à gauche, en gris) et points obtenus (à droite).",
    met: "Conforme",
    not_met: "Non conforme",
    undecided: "Indécis",
    missing: "Manquant",

    details: "Détail par offre",
    certifications: "Certifications déclarées",
    no_certification: "Aucune certification déclarée.",
    scheme: "Référentiel",
    level: "Niveau",
    validity: "Validité",
    valid_at_deadline: "Valide à la date limite",
    yes: "Oui",
    no: "Non",
    from: "du",
    until: "au",
    retained: "Retenu",
    points: "Points",
    individual_scores: "Notes individuelles et justifications",
    source_consensus: "consensus",
    source_certifications: "certifications",
    consensus: "Consensus",
    irregular_note: "Déclarée irrégulière",

    divergences: "Divergences entre évaluateurs",
    divergences_intro: "Écart entre la note la plus haute et la plus basse, rapporté à l’étendue de l’échelle ; signalé à partir du seuil de divergence.",
    no_divergence: "Aucune divergence n’a été relevée.",
    spread: "Écart",
    resolution: "Résolution",
    resolved_by: "Résolue par consensus",
    unresolved: "Non résolue : la note consolidée est retenue",

    sensitivity: "Sensibilité des pondérations",
    sensitivity_intro: "Pour chaque critère de premier niveau : intervalle de pondération sur lequel l’offre retenue reste strictement première, les autres pondérations étant ajustées proportionnellement pour conserver un total de 100.",
    sensitivity_none: "Analyse sans objet : il faut une offre retenue et au moins deux offres classées.",
    current_weight: "Pondération actuelle",
    interval: "Intervalle de stabilité",
    chart_sensitivity: "Intervalles de stabilité (le trait noir marque la pondération actuelle)",

    traceability: "Traçabilité",
    recompute: "Pour recalculer : extraire la pièce jointe (jauge extract rapport.pdf -o evaluation.json), puis jauge evaluate evaluation.json.",
    generated_at: "Rapport produit le",
    archiving: "Conservation : ce rapport et les offres sont à conserver au moins cinq ans à compter de la signature du marché.",
    prices_check: "Vérification des prix et erreurs matérielles",
    prices_check_intro: "Les prix sont calculés depuis le bordereau des prix unitaires : pour chaque ligne, quantité estimée × prix unitaire, en décimal exact, puis la somme des lignes de chaque critère prix. Le prix unitaire prévaut. Tout montant écrit par le soumissionnaire qui ne correspond pas à ses prix unitaires est un écart : il n’est corrigé qu’après décision de l’acheteur, consignée avec sa motivation.",
    prices_totals: "Montants calculés par critère prix",
    grand_total: "Total",
    unpriced: "Lignes non chiffrées",
    discrepancies: "Écarts relevés et corrections",
    no_discrepancy: "Aucun écart : les montants écrits par les soumissionnaires correspondent à leurs prix unitaires.",
    line: "Ligne",
    written: "Montant écrit",
    computed: "Montant calculé",
    difference: "Effet de la correction",
    share_of_total: "Part du total",
    decision: "Décision",
    grand_total_line: "Total de l’offre",
    corrected_on: "Corrigé le",
    route_tender_rules: "par l’acheteur, selon le règlement de la consultation",
    route_bidder_confirmed: "confirmé par le soumissionnaire",
    route_regularisation: "après régularisation (art. R2152-2)",
    awaiting_decision: "En attente de la décision de l’acheteur",
    rank_effect: "Effet des corrections sur le classement",
    rank_as_submitted: "Rang sur les montants écrits",
    rank_corrected: "Rang après corrections",
    not_ranked_short: "non classée",
    rounds_title: "Tours de négociation et échanges avec les soumissionnaires",
    rounds_intro: "Chaque tour est noté sur les offres telles qu’elles étaient remises à ce tour, avec les notes et décisions de ce tour ; le dernier tour décide de l’attribution.",
    invited_on: "Invitation du",
    offers_due: "offres attendues le",
    set_aside: "Offre écartée à l’issue de ce tour",
    round_changes: "Ce qui a changé entre",
    winner_changed: "Le classement change : l’offre la mieux classée passe de",
    winner_kept: "L’offre la mieux classée reste",
    before: "Avant",
    after: "Après",
    left_round: "écartée, absente de ce tour",
    exchanges_title: "Échanges avec les soumissionnaires",
    no_exchange: "Aucune demande n’a été adressée aux soumissionnaires.",
    question: "Question",
    dates: "Dates",
    answer: "Réponse",
    sent: "envoyée le",
    due: "délai au",
    received: "reçue le",
    no_answer: "sans réponse",
    file_sha256: "SHA-256 du fichier de réponse",
    cited_by: "Notes qui s’y appuient",
};

const EN: Texts = Texts {
    title: "Tender evaluation report",
    draft: "DRAFT",
    final_status: "Final: the evaluation is complete",
    draft_status: "Draft: the evaluation is incomplete",
    reference: "Reference",
    subject: "Subject",
    buyer: "Buyer",
    lot: "Lot",
    procedure: "Procedure",
    launch_date: "Launch date",
    deadline: "Tender deadline",
    report_date: "Report date",
    status: "Status",
    offers_received: "Offers received",
    committee: "Evaluation committee",
    integrity: "Integrity and recomputation",
    attachment_note: "The complete evaluation file is attached to this PDF (attachment “evaluation.json”). Its SHA-256 is the fingerprint printed in this report, which proves the attachment is the source of the results. Anyone can extract it and recompute the results: the same data always gives the same scores.",
    canonical_hash: "SHA-256 of the evaluation (canonical form)",
    software: "Software",
    journal: "Change journal",
    journal_entries: "entries",
    journal_head: "head hash",
    no_journal: "not provided (report produced outside the store)",
    page: "Page",

    summary: "Summary",
    lot_award: "Award of the lot within the consultation",
    lot_award_intro: "This lot is a contract of its own, ranked alone on its own criteria. The cap on lots per bidder and the published rule applying it come afterwards and change no score; each step is recalled below.",
    lot_status: "Status of the lot",
    lot_holders: "Offers retained",
    award_steps: "How the lots were awarded",
    consultation_award: "Award of the lots",
    consultation_award_intro: "Each lot is a contract of its own, ranked alone on its own criteria (its report follows, lot by lot). The award rules across lots — the cap on lots per bidder and the published rule applying it — come afterwards and change no score; each step is explained below.",
    consultation_lots: "Number of lots",
    consultation_draft_status: "Provisional: the award of at least one lot is not settled",
    consultation_final_status: "Final: every lot is awarded, unsuccessful or declared without award",
    consultation_fingerprint: "SHA-256 of the attached consultation file",
    winner_is: "Most economically advantageous offer",
    no_winner_incomplete: "No offer can be selected yet: the evaluation is incomplete.",
    no_winner_tie: "No single offer can be selected: several offers are tied first.",
    no_winner_none_ranked: "No offer can be selected: no offer is ranked.",
    ranking: "Ranking",
    rank: "Rank",
    bidder: "Bidder",
    offer: "Offer",
    total: "Total",
    not_ranked: "Offers not ranked",
    status_ranked: "Ranked",
    status_incomplete: "Incomplete",
    status_eliminated: "Eliminated",
    missing_title: "Missing or undecided scores",
    missing_value: "Missing",
    undecided_value: "Undecided (evaluators disagree, no consensus)",
    warnings: "Warnings",
    chart_totals: "Totals by top-level criterion (out of 100)",

    method: "Scoring method",
    criteria_tree: "Criteria, sub-criteria and weighting",
    criterion: "Criterion",
    kind: "Kind",
    weighting: "Weight",
    scale_or_rule: "Scale, formula or rule",
    kind_group: "Group",
    kind_scored: "Scored",
    kind_price: "Price",
    kind_requirement: "Requirement",
    scale: "Scale",
    step: "step",
    threshold: "Elimination threshold",
    points_formula: "Points = weight × (score − min) / (max − min)",
    requirement_manual: "Pass/fail requirement, judged by the committee (0 points)",
    requirement_auto: "Pass/fail requirement, checked against certifications",
    min_level: "minimum level",
    valid_on_deadline: "valid on the deadline",
    environmental: "environmental criterion",
    refs: "Ref.",
    price_formula: "Price scoring formula",
    price_set: "Pmin and Pmax: lowest and highest price among the offers not eliminated.",
    consolidation: "Consolidation of individual scores",
    consolidation_mean: "mean of the evaluators’ scores",
    consolidation_median: "median of the evaluators’ scores",
    consensus_first: "the committee’s consensus decision, when there is one, prevails",
    divergence_threshold: "Divergence threshold",
    abnormally_low_method: "Abnormally low offer detection",
    al_none: "no automatic detection",
    al_mean_minus_sigma: "price below the mean minus one standard deviation",
    al_percent_below_mean: "price more than {p} below the mean",
    al_trimmed_mean: "price more than 10% below the mean recomputed without prices more than 20% above the mean",
    al_minimum: "computed over the offers not eliminated, from three offers",
    rounding: "Rounding",
    rules: "Calculation rules",
    scored_points: "Scored criteria",
    rounding_text: "computations and ranking use unrounded values; the report shows two decimals",
    ranking_rule: "Ranking",
    evaluators: "Evaluators",
    initials: "Initials",
    name: "Name",
    role: "Role",
    no_evaluator: "No evaluator declared.",
    sealed_prices: "Sealed prices",
    prices_opened_on: "prices were kept from the evaluators until they were opened, on {at}",
    prices_still_sealed: "prices are still sealed: no price points are computed and no offer is ranked",
    declarations: "Declarations of interests",
    declarations_rule: "Each evaluator declares their interests towards each bidder before scoring its offer; a declared conflict of interest withdraws them from scoring that offer (art. R2184-3 of the French public procurement code: conflicts of interest detected and the measures taken are reported).",
    no_declaration: "No declaration of interests is recorded in the evaluation.",
    declaration: "Declaration",
    declaration_none: "No conflict of interest",
    declaration_conflict: "Conflict of interest declared: does not score this offer",
    declared_at: "Date",
    note: "Remarks",
    committee_files: "Packages sent and scoring files received",
    committee_files_intro: "Every score imported from a file is tied to the file that brought it; its SHA-256 fingerprint identifies it.",
    file_sent: "Sent",
    file_received: "Received",
    file_signed_by: "signed by {subject}, signature verified on import",
    file_certificate: "Signer's certificate, SHA-256",
    file_nothing_changed: "nothing changed (scores and declarations already recorded or older)",

    eliminated: "Eliminated offers",
    eliminated_intro: "Offers set aside and the reasons (French public procurement code, art. R2184-2).",
    no_eliminated: "No offer was eliminated.",
    reasons: "Reasons",
    reason_irregular: "Irregular, unacceptable or inappropriate offer",
    reason_requirement: "Requirement not met",
    reason_threshold: "Score below the elimination threshold",

    abnormally_low: "Abnormally low offers",
    al_flagged_intro: "The following offers are flagged as possibly abnormally low. A flag is not an elimination.",
    al_none_flagged: "No offer is flagged as abnormally low.",
    al_not_applicable: "Detection not applicable: fewer than three offers not eliminated, or no price criterion.",
    al_disabled: "Automatic detection is disabled for this tender.",
    al_follow_up: "Follow-up: the buyer must ask the bidder in writing to justify its price (art. R2152-3: production or service methods, technical solutions, exceptionally favourable conditions, originality, compliance with environmental, social and labour obligations, State aid). The offer may be rejected only if the justifications do not satisfactorily account for the low price or costs, or if it breaches those obligations (art. R2152-4). A price gap alone is not a ground for rejection.",
    al_flag: "Flagged",
    price: "Price",

    matrix: "Score matrix",
    matrix_intro: "For each criterion: value retained (left, grey) and points earned (right).",
    met: "Met",
    not_met: "Not met",
    undecided: "Undecided",
    missing: "Missing",

    details: "Offer details",
    certifications: "Certifications declared",
    no_certification: "No certification declared.",
    scheme: "Scheme",
    level: "Level",
    validity: "Validity",
    valid_at_deadline: "Valid on the deadline",
    yes: "Yes",
    no: "No",
    from: "from",
    until: "until",
    retained: "Retained",
    points: "Points",
    individual_scores: "Individual scores and justifications",
    source_consensus: "consensus",
    source_certifications: "certifications",
    consensus: "Consensus",
    irregular_note: "Declared irregular",

    divergences: "Divergences between evaluators",
    divergences_intro: "Gap between the highest and lowest score, as a share of the scale range; flagged from the divergence threshold.",
    no_divergence: "No divergence was found.",
    spread: "Spread",
    resolution: "Resolution",
    resolved_by: "Resolved by consensus",
    unresolved: "Unresolved: the consolidated score is used",

    sensitivity: "Weight sensitivity",
    sensitivity_intro: "For each top-level criterion: the weight interval over which the selected offer stays strictly first, the other weights being scaled to keep a total of 100.",
    sensitivity_none: "Not applicable: it needs a selected offer and at least two ranked offers.",
    current_weight: "Current weight",
    interval: "Stability interval",
    chart_sensitivity: "Stability intervals (the black mark is the current weight)",

    traceability: "Traceability",
    recompute: "To recompute: extract the attachment (jauge extract report.pdf -o evaluation.json), then jauge evaluate evaluation.json.",
    generated_at: "Report produced on",
    archiving: "Retention: keep this report and the offers for at least five years from the signature of the contract.",
    prices_check: "Price checks and material errors",
    prices_check_intro: "Prices are computed from the schedule of unit prices: for each line, estimated quantity × unit price, in exact decimal, then the sum of the lines of each price criterion. The unit price prevails. Any amount the bidder wrote that its unit prices contradict is a discrepancy: it is corrected only after the buyer decides, with the reason recorded.",
    prices_totals: "Amounts computed per price criterion",
    grand_total: "Total",
    unpriced: "Lines not priced",
    discrepancies: "Discrepancies found and corrections",
    no_discrepancy: "No discrepancy: the amounts the bidders wrote match their unit prices.",
    line: "Line",
    written: "Amount written",
    computed: "Amount computed",
    difference: "Effect of the correction",
    share_of_total: "Share of total",
    decision: "Decision",
    grand_total_line: "Offer total",
    corrected_on: "Corrected on",
    route_tender_rules: "by the buyer, under the tender rules",
    route_bidder_confirmed: "confirmed by the bidder",
    route_regularisation: "after regularisation (art. R2152-2)",
    awaiting_decision: "Awaiting the buyer's decision",
    rank_effect: "Effect of the corrections on the ranking",
    rank_as_submitted: "Rank on the amounts written",
    rank_corrected: "Rank after corrections",
    not_ranked_short: "not ranked",
    rounds_title: "Negotiation rounds and exchanges with bidders",
    rounds_intro: "Each round is scored on the offers as they stood in that round, with that round's scores and decisions; the last round decides the award.",
    invited_on: "Invited on",
    offers_due: "offers due on",
    set_aside: "Offer set aside at the end of this round",
    round_changes: "What changed between",
    winner_changed: "The ranking changes: the best-ranked offer goes from",
    winner_kept: "The best-ranked offer stays",
    before: "Before",
    after: "After",
    left_round: "set aside, not in this round",
    exchanges_title: "Exchanges with bidders",
    no_exchange: "No request was made to bidders.",
    question: "Question",
    dates: "Dates",
    answer: "Answer",
    sent: "sent on",
    due: "due by",
    received: "received on",
    no_answer: "no answer",
    file_sha256: "SHA-256 of the answer's file",
    cited_by: "Scores relying on it",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_use_narrow_spaces_and_comma() {
        assert_eq!(Lang::Fr.points(1234.56), "1\u{202F}234,56");
        assert_eq!(Lang::Fr.money(1234.56, "EUR"), "1\u{202F}234,56\u{A0}€");
        assert_eq!(
            Lang::Fr.money(1_000_000.0, "EUR"),
            "1\u{202F}000\u{202F}000,00\u{A0}€"
        );
        assert_eq!(Lang::Fr.points(84.0), "84,00");
        assert_eq!(Lang::Fr.points(-0.001), "0,00");
        assert_eq!(Lang::Fr.points(-12.5), "-12,50");
        assert_eq!(Lang::Fr.compact(3.5), "3,5");
        assert_eq!(Lang::Fr.compact(40.0), "40");
        assert_eq!(Lang::Fr.percent(0.4), "40\u{A0}%");
    }

    #[test]
    fn english_numbers_use_commas_and_point() {
        assert_eq!(Lang::En.points(1234.56), "1,234.56");
        assert_eq!(Lang::En.money(1234.56, "EUR"), "€1,234.56");
        assert_eq!(Lang::En.money(999.999, "CHF"), "CHF\u{A0}1,000.00");
        assert_eq!(Lang::En.compact(22.75), "22.75");
        assert_eq!(Lang::En.percent(0.3), "30%");
        assert_eq!(Lang::En.points(123.0), "123.00");
    }

    #[test]
    fn dates_in_both_languages() {
        let day = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap_or_default();
        assert_eq!(Lang::Fr.date(day), "15/10/2026");
        assert_eq!(Lang::En.date(day), "15 Oct 2026");
        let at = DateTime::parse_from_rfc3339("2026-11-02T09:05:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(Lang::Fr.date_time(at), "02/11/2026 à 09:05 UTC");
        assert_eq!(Lang::En.date_time(at), "2 Nov 2026, 09:05 UTC");
    }

    #[test]
    fn ordinals() {
        assert_eq!(Lang::Fr.ordinal(1), "1er");
        assert_eq!(Lang::Fr.ordinal(2), "2e");
        assert_eq!(Lang::En.ordinal(1), "1st");
        assert_eq!(Lang::En.ordinal(12), "12th");
        assert_eq!(Lang::En.ordinal(23), "23rd");
    }
}
