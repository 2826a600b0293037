//! Every sentence Jauge says about an evaluation, in French and in English, and the number and
//! date formats they use.
//!
//! Validation problems, eliminations and warnings are values with a code and named parameters;
//! this module holds the one wording of each code. The command line, the report and (through the
//! TypeScript bindings, which export [`PHRASES`]) the desktop app fill these templates instead of
//! writing their own sentences, so a rule reads the same everywhere.
//!
//! A template names its parameters in braces. `{name}` is copied as given; `{name:number}`
//! is a number written in the neutral form of [`show`] and set in the language's typography;
//! `{name:date}` is an ISO date set in the language's format; `{name:type}` is a JSON type
//! (`null`, `boolean`, `number`, `string`, `array`, `object`) and `{name:kind}` a kind of
//! criterion (`scored`, `price`, `requirement`), both named in the language. The English templates
//! of validation problems copy their parameters as given, so the command line keeps the exact
//! error lines it has always printed.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::ser::SerializeMap;

/// The two languages Jauge speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// U+202F, the French thousands separator.
pub const NNBSP: char = '\u{202F}';
/// U+00A0, before `€`, `%` and the colon in French.
pub const NBSP: char = '\u{A0}';

/// Numbers in parameters: whole numbers without decimals, others without float noise
/// (`45`, `3.5`, `0.3`), the form the English error lines print; numbers beyond 10¹⁵ in
/// scientific notation (`1.7e308`), not as three hundred digits.
pub fn show(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e15 {
        let rounded = (value * 1e9).round() / 1e9;
        format!("{rounded}")
    } else {
        format!("{value:e}")
    }
}

/// `1 234,56` / `1,234.56`, with `decimals` digits after the separator: the one number
/// formatter of Jauge (report, command line, app messages).
pub fn decimal(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let (group_sep, decimal_sep) = match lang {
        Lang::Fr => (NNBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(text.len() + 6);
    // Negative zero after rounding must not print as "-0,00".
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(ch);
    }
    if let Some(frac) = frac_part {
        out.push(decimal_sep);
        out.push_str(frac);
    }
    out
}

/// As many decimals as the number needs, at most `max_decimals`: `3,5`, `40`.
pub fn compact(lang: Lang, value: f64, max_decimals: usize) -> String {
    let mut text = decimal(lang, value, max_decimals);
    let decimal_sep = if lang == Lang::Fr { ',' } else { '.' };
    if text.contains(decimal_sep) {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with(decimal_sep) {
            text.pop();
        }
    }
    text
}

/// `15/10/2026` / `15 Oct 2026`.
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Fr => format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let month = MONTHS.get(day.month0() as usize).copied().unwrap_or("");
            format!("{} {month} {}", day.day(), day.year())
        }
    }
}

/// The named parameters of a problem, elimination or warning, in the order they were given.
/// Values are text; numbers are in the neutral form of [`show`], dates in ISO form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Params(pub Vec<(&'static str, String)>);

impl Params {
    pub fn new() -> Params {
        Params(Vec::new())
    }

    /// Adds a parameter (builder style).
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Params {
        self.0.push((name, value.into()));
        self
    }

    /// Adds a number, written with [`show`].
    pub fn number(self, name: &'static str, value: f64) -> Params {
        self.with(name, show(value))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The JSON object `{name: value, …}`, in order.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.0
                .iter()
                .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(v.as_str())))
                .collect(),
        )
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One sentence of the vocabulary in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub code: &'static str,
    /// The parameters every use of the phrase gives, each once, and the only ones its templates
    /// name: a test holds both templates to them, and [`Phrase::check`] the parameters a call
    /// site builds (so no placeholder ships unfilled).
    pub params: &'static [&'static str],
    pub fr: &'static str,
    pub en: &'static str,
}

impl Phrase {
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }

    /// Whether `params` are exactly the declared parameters of the phrase: none missing (it
    /// would show as `{name}`), none unknown, none twice. Otherwise the names at fault.
    pub fn check(&self, params: &Params) -> Result<(), ParamsMismatch> {
        let given: Vec<&'static str> = params.0.iter().map(|(name, _)| *name).collect();
        let missing: Vec<&'static str> = self
            .params
            .iter()
            .copied()
            .filter(|name| !given.contains(name))
            .collect();
        let mut unexpected = Vec::new();
        for (i, name) in given.iter().enumerate() {
            if !self.params.contains(name) || given[..i].contains(name) {
                unexpected.push(*name);
            }
        }
        if missing.is_empty() && unexpected.is_empty() {
            Ok(())
        } else {
            Err(ParamsMismatch {
                code: self.code,
                missing,
                unexpected,
            })
        }
    }
}

/// Parameters given to a phrase that are not its declared ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsMismatch {
    pub code: &'static str,
    /// Declared and not given: the template would show them as `{name}`.
    pub missing: Vec<&'static str>,
    /// Given and not declared, or given twice.
    pub unexpected: Vec<&'static str>,
}

impl std::fmt::Display for ParamsMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "phrase {}: parameters missing {:?}, unexpected {:?}",
            self.code, self.missing, self.unexpected
        )
    }
}

/// Checks `params` against the declared parameters of the phrase `code` of `phrases` (see
/// [`Phrase::check`]); an unknown code is a mismatch with nothing declared.
pub fn check_params(
    phrases: &'static [Phrase],
    code: &str,
    params: &Params,
) -> Result<(), ParamsMismatch> {
    match find(phrases, code) {
        Some(phrase) => phrase.check(params),
        None => Err(ParamsMismatch {
            code: "(unknown code)",
            missing: Vec::new(),
            unexpected: params.0.iter().map(|(name, _)| *name).collect(),
        }),
    }
}

/// The parameter names a template's placeholders use, each once, in order of appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for piece in template.split('{').skip(1) {
        if let Some((placeholder, _)) = piece.split_once('}') {
            let name = placeholder.split(':').next().unwrap_or("");
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// The whole vocabulary, as the bindings export it (`PHRASES` in TypeScript).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Vocabulary {
    pub problems: &'static [Phrase],
    pub eliminations: &'static [Phrase],
    pub warnings: &'static [Phrase],
    /// Names of JSON types for `{name:type}`.
    pub json_types: &'static [Phrase],
    /// Names of kinds of criteria for `{name:kind}`.
    pub kinds: &'static [Phrase],
    /// Remarks on rounds and exchanges, and the names of their kinds.
    pub rounds: &'static [Phrase],
    /// What became of a lot and of each bid in the award across lots.
    pub lot_statuses: &'static [Phrase],
    pub bid_outcomes: &'static [Phrase],
    /// The names of the rules that pick the lots a bidder over the cap keeps.
    pub over_cap_rules: &'static [Phrase],
    /// What the buyer is told about a committee return file's signature.
    pub return_flags: &'static [Phrase],
}

pub const PHRASES: Vocabulary = Vocabulary {
    problems: PROBLEMS,
    eliminations: ELIMINATIONS,
    warnings: WARNINGS,
    json_types: JSON_TYPES,
    kinds: KINDS,
    rounds: ROUNDS,
    lot_statuses: LOT_STATUSES,
    bid_outcomes: BID_OUTCOMES,
    over_cap_rules: OVER_CAP_RULES,
    return_flags: RETURN_FLAGS,
};

fn find(phrases: &'static [Phrase], code: &str) -> Option<&'static Phrase> {
    phrases.iter().find(|p| p.code == code)
}

/// Fills a template with its parameters in `lang` (see the module documentation for the syntax).
/// A placeholder without a parameter is left as written, so a missing value shows rather than
/// vanishing.
pub fn fill(template: &str, params: &Params, lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let placeholder = &after[..close];
        let (name, kind) = placeholder.split_once(':').unwrap_or((placeholder, ""));
        match params.get(name) {
            Some(value) => out.push_str(&localize(value, kind, lang)),
            None => {
                let _ = write!(out, "{{{placeholder}}}");
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn localize(value: &str, kind: &str, lang: Lang) -> String {
    match kind {
        "number" => value
            .parse::<f64>()
            .map_or_else(|_| value.to_owned(), |n| compact(lang, n, 9)),
        "date" => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map_or_else(|_| value.to_owned(), |d| date(lang, d)),
        "type" => find(JSON_TYPES, value)
            .map_or_else(|| value.to_owned(), |p| p.template(lang).to_owned()),
        "kind" => {
            find(KINDS, value).map_or_else(|| value.to_owned(), |p| p.template(lang).to_owned())
        }
        "ordinal" => value
            .parse::<u64>()
            .map_or_else(|_| value.to_owned(), |n| ordinal(lang, n)),
        "lots" => match value.parse::<u64>() {
            Ok(1) => "1 lot".to_owned(),
            Ok(n) => format!("{n} lots"),
            Err(_) => value.to_owned(),
        },
        "lotlist" => lot_list(value, lang),
        _ => value.to_owned(),
    }
}

/// Renders the phrase `code` of `phrases` with parameters named at run time (read back from a
/// journal, say): each placeholder of the template takes the value of the pair of its name.
pub fn render_named(
    phrases: &'static [Phrase],
    code: &str,
    pairs: &[(String, String)],
    lang: Lang,
) -> String {
    let Some(phrase) = find(phrases, code) else {
        return code.to_owned();
    };
    let template = phrase.template(lang);
    let mut params = Params::new();
    // The names are cut out of the template itself, which lives as long as the program.
    for piece in template.split('{').skip(1) {
        if let Some((placeholder, _)) = piece.split_once('}') {
            let name = placeholder.split(':').next().unwrap_or("");
            if let Some((_, value)) = pairs.iter().find(|(n, _)| n == name) {
                params = params.with(name, value.as_str());
            }
        }
    }
    fill(template, &params, lang)
}

/// Renders the phrase `code` of `phrases`; an unknown code renders as itself.
pub fn render(phrases: &'static [Phrase], code: &str, params: &Params, lang: Lang) -> String {
    match find(phrases, code) {
        Some(phrase) => fill(phrase.template(lang), params, lang),
        None => code.to_owned(),
    }
}

const JSON_TYPES: &[Phrase] = &[
    Phrase {
        code: "null",
        params: &[],
        fr: "null",
        en: "null",
    },
    Phrase {
        code: "boolean",
        params: &[],
        fr: "un booléen",
        en: "a boolean",
    },
    Phrase {
        code: "number",
        params: &[],
        fr: "un nombre",
        en: "a number",
    },
    Phrase {
        code: "string",
        params: &[],
        fr: "une chaîne",
        en: "a string",
    },
    Phrase {
        code: "array",
        params: &[],
        fr: "un tableau",
        en: "an array",
    },
    Phrase {
        code: "object",
        params: &[],
        fr: "un objet",
        en: "an object",
    },
];

const KINDS: &[Phrase] = &[
    Phrase {
        code: "scored",
        params: &[],
        fr: "noté sur une échelle",
        en: "scored",
    },
    Phrase {
        code: "price",
        params: &[],
        fr: "le critère prix",
        en: "price",
    },
    Phrase {
        code: "requirement",
        params: &[],
        fr: "une exigence",
        en: "requirement",
    },
];

/// Validation problems, by [`crate::ProblemCode`] name.
pub const PROBLEMS: &[Phrase] = &[
    Phrase {
        code: "malformed_json",
        params: &["detail"],
        fr: "JSON mal formé : {detail}",
        en: "malformed JSON: {detail}",
    },
    Phrase {
        code: "not_utf8",
        params: &["offset"],
        fr: "pas du texte UTF-8 (octet invalide à la position {offset})",
        en: "not UTF-8 text (invalid byte at offset {offset})",
    },
    Phrase {
        code: "too_large",
        params: &["size", "limit"],
        fr: "le fichier pèse {size:number} octets ; Jauge n’en lit pas plus de {limit:number} pour ce type de fichier",
        en: "the file is {size} bytes; Jauge reads at most {limit} bytes of this kind of file",
    },
    Phrase {
        code: "unreadable",
        params: &["detail"],
        fr: "illisible : {detail}",
        en: "{detail}",
    },
    Phrase {
        code: "expected_type",
        params: &["expected", "found"],
        fr: "{expected:type} attendu, trouvé {found:type}",
        en: "expected {expected:type}, found {found:type}",
    },
    Phrase {
        code: "expected_boolean",
        params: &["found"],
        fr: "true ou false attendu, trouvé {found:type}",
        en: "expected true or false, found {found:type}",
    },
    Phrase {
        code: "unknown_key",
        params: &["key", "allowed"],
        fr: "clé inconnue « {key} » (clés permises ici : {allowed})",
        en: "unknown key \"{key}\" (allowed here: {allowed})",
    },
    Phrase {
        code: "required",
        params: &[],
        fr: "est obligatoire",
        en: "is required",
    },
    Phrase {
        code: "not_a_date",
        params: &["text"],
        fr: "« {text} » n’est pas une date de la forme AAAA-MM-JJ",
        en: "\"{text}\" is not a date of the form YYYY-MM-DD",
    },
    Phrase {
        code: "not_one_of",
        params: &["text", "allowed"],
        fr: "« {text} » n’est pas l’une des valeurs {allowed}",
        en: "\"{text}\" is not one of {allowed}",
    },
    Phrase {
        code: "unsupported_format",
        params: &["format", "expected"],
        fr: "le format « {format} » n’est pas pris en charge ; attendu : « {expected} »",
        en: "\"{format}\" is not supported; expected \"{expected}\"",
    },
    Phrase {
        code: "group_and_leaf",
        params: &[],
        fr: "un nœud a soit « children » (un groupe), soit « kind » (une feuille), pas les deux",
        en: "a node has either \"children\" (a group) or \"kind\" (a leaf), not both",
    },
    Phrase {
        code: "neither_group_nor_leaf",
        params: &[],
        fr: "un nœud a besoin de « kind » (scored, price ou requirement) ou de « children »",
        en: "a node needs \"kind\" (scored, price or requirement) or \"children\"",
    },
    Phrase {
        code: "only_on_scored",
        params: &["key"],
        fr: "« {key} » n’est permis que sur une feuille notée",
        en: "\"{key}\" is only allowed on a scored leaf",
    },
    Phrase {
        code: "only_on_price",
        params: &["key"],
        fr: "« {key} » n’est permis que sur la feuille prix",
        en: "\"{key}\" is only allowed on the price leaf",
    },
    Phrase {
        code: "only_on_requirement",
        params: &["key"],
        fr: "« {key} » n’est permis que sur une exigence",
        en: "\"{key}\" is only allowed on a requirement leaf",
    },
    Phrase {
        code: "value_and_met",
        params: &[],
        fr: "porte à la fois « value » et « met » ; donnez « value » pour un critère noté ou « met » pour une exigence",
        en: "has both \"value\" and \"met\"; give \"value\" for a scored criterion or \"met\" for a requirement",
    },
    Phrase {
        code: "no_answer",
        params: &[],
        fr: "il faut « value » (critère noté) ou « met » (exigence)",
        en: "needs \"value\" (scored criterion) or \"met\" (requirement)",
    },
    Phrase {
        code: "empty",
        params: &[],
        fr: "ne doit pas être vide",
        en: "must not be empty",
    },
    Phrase {
        code: "invalid_id",
        params: &["id"],
        fr: "« {id} » n’est pas un identifiant valide (1 à 64 lettres, chiffres, « . », « _ » ou « - »)",
        en: "\"{id}\" is not a valid id (1 to 64 letters, digits, '.', '_' or '-')",
    },
    Phrase {
        code: "duplicate_id",
        params: &["id", "first"],
        fr: "« {id} » est déjà utilisé par {first}",
        en: "\"{id}\" is already used by {first}",
    },
    Phrase {
        code: "invalid_currency",
        params: &["currency"],
        fr: "« {currency} » n’est pas un code ISO 4217 comme EUR",
        en: "\"{currency}\" is not an ISO 4217 code such as EUR",
    },
    Phrase {
        code: "outside_range",
        params: &["value", "range"],
        fr: "{value:number} est hors de l’intervalle {range}",
        en: "{value} is outside {range}",
    },
    Phrase {
        code: "not_finite",
        params: &[],
        fr: "n’est pas un nombre fini",
        en: "is not a finite number",
    },
    Phrase {
        code: "too_big",
        params: &["value", "limit"],
        fr: "{value} dépasse {limit} en valeur absolue, au-delà de ce que Jauge calcule exactement",
        en: "{value} is beyond {limit} in magnitude, more than Jauge computes exactly",
    },
    Phrase {
        code: "top_weights_sum",
        params: &["sum"],
        fr: "les pondérations de premier niveau totalisent {sum:number} au lieu de 100",
        en: "top-level weights sum to {sum} but must sum to 100",
    },
    Phrase {
        code: "group_weights_sum",
        params: &["sum", "group", "weight"],
        fr: "les pondérations totalisent {sum:number} mais le groupe « {group} » pèse {weight:number}",
        en: "weights sum to {sum} but group \"{group}\" weighs {weight}",
    },
    Phrase {
        code: "negative_weight",
        params: &["weight"],
        fr: "{weight:number} est négatif ; les pondérations sont des points sur 100",
        en: "{weight} is negative; weights are points of the 100",
    },
    Phrase {
        code: "leaf_in_zero_group",
        params: &["criterion", "kind"],
        fr: "le critère « {criterion} » est {kind:kind}, mais un groupe de poids 0 ne peut contenir que des exigences",
        en: "criterion \"{criterion}\" is {kind:kind}, but a group of weight 0 may hold only requirements",
    },
    Phrase {
        code: "empty_group",
        params: &[],
        fr: "un groupe a besoin d’au moins un enfant",
        en: "a group needs at least one child",
    },
    Phrase {
        code: "requirement_weight",
        params: &["weight"],
        fr: "une exigence pèse 0, pas {weight:number}",
        en: "a requirement weighs 0, not {weight}",
    },
    Phrase {
        code: "scored_weight",
        params: &[],
        fr: "un critère noté doit peser plus de 0",
        en: "a scored criterion must weigh more than 0",
    },
    Phrase {
        code: "price_weight",
        params: &[],
        fr: "le critère prix doit peser plus de 0",
        en: "the price criterion must weigh more than 0",
    },
    Phrase {
        code: "not_above_one",
        params: &["value"],
        fr: "{value:number} doit être supérieur à 1",
        en: "{value} must be greater than 1",
    },
    Phrase {
        code: "not_positive",
        params: &["value"],
        fr: "{value:number} doit être supérieur à 0",
        en: "{value} must be greater than 0",
    },
    Phrase {
        code: "second_price",
        params: &["first"],
        fr: "un second critère prix ; « {first} » est déjà le prix",
        en: "a second price criterion; \"{first}\" is already the price",
    },
    Phrase {
        code: "scale_order",
        params: &["min", "max"],
        fr: "le minimum {min:number} doit être inférieur au maximum {max:number}",
        en: "min {min} must be below max {max}",
    },
    Phrase {
        code: "threshold_outside_scale",
        params: &["value", "min", "max"],
        fr: "{value:number} est hors de l’échelle {min:number}..{max:number}",
        en: "{value} is outside the scale {min}..{max}",
    },
    Phrase {
        code: "outside_scale",
        params: &["value", "min", "max", "criterion"],
        fr: "{value:number} est hors de l’échelle {min:number}..{max:number} du critère « {criterion} »",
        en: "{value} is outside the scale {min}..{max} of criterion \"{criterion}\"",
    },
    Phrase {
        code: "off_step",
        params: &["value", "step", "criterion", "min"],
        fr: "{value:number} n’est pas sur le pas {step:number} du critère « {criterion} » (valeurs permises : {min:number} + k × {step:number})",
        en: "{value} is not on the step {step} of criterion \"{criterion}\" (allowed: {min} + k × {step})",
    },
    Phrase {
        code: "invalid_scheme",
        params: &["scheme"],
        fr: "« {scheme} » n’est pas un nom de référentiel en minuscules comme secnumcloud",
        en: "\"{scheme}\" is not a lower-case scheme name such as secnumcloud",
    },
    Phrase {
        code: "no_status",
        params: &[],
        fr: "ne liste aucun statut : aucune certification ne pourrait jamais convenir",
        en: "lists no status, so no certification could ever match",
    },
    Phrase {
        code: "price_required",
        params: &[],
        fr: "est obligatoire, car les critères comprennent un critère prix",
        en: "is required because the criteria include a price criterion",
    },
    Phrase {
        code: "validity_order",
        params: &["until", "from"],
        fr: "{until:date} précède la date de début de validité {from:date}",
        en: "{until} is before valid_from {from}",
    },
    Phrase {
        code: "advantages_for_awardee",
        params: &["id"],
        fr: "« {id} » est l’attributaire : sa lettre n’a pas de section sur les avantages de l’offre retenue",
        en: "\"{id}\" is the awardee: its letter has no advantages section",
    },
    Phrase {
        code: "too_long",
        params: &["max"],
        fr: "plus de {max} caractères",
        en: "longer than {max} characters",
    },
    // A workbook brought back (`jauge_sheets`): a scoring grid filled in by a colleague, or the
    // list of bids received. The problem's path is the cell's address (`Notes!D14`).
    Phrase {
        code: "not_a_workbook",
        params: &["detail"],
        fr: "ce n’est pas un classeur XLSX lisible (Excel 2007 ou plus récent) ; un fichier .xls, .ods ou .csv doit d’abord être enregistré au format .xlsx (détail technique : {detail})",
        en: "not an XLSX workbook (Excel 2007 or later; an .xls, .ods or .csv file must first be saved as .xlsx): {detail}",
    },
    Phrase {
        code: "workbook_too_expanded",
        params: &["limit", "entries"],
        fr: "décompressé, le classeur dépasserait {limit:number} octets ou {entries:number} parties : refusé",
        en: "the workbook expands to more than {limit} bytes or {entries} parts: refused",
    },
    Phrase {
        code: "sheet_too_many_cells",
        params: &["sheet", "limit"],
        fr: "la feuille « {sheet} » contient plus de {limit:number} cellules : refusée",
        en: "the sheet \"{sheet}\" holds more than {limit} cells: refused",
    },
    Phrase {
        code: "sheet_missing",
        params: &["sheet"],
        fr: "la feuille « {sheet} » est absente du classeur",
        en: "the workbook has no sheet \"{sheet}\"",
    },
    Phrase {
        code: "not_a_grid",
        params: &[],
        fr: "ce classeur n’est pas une grille de notation éditée par Jauge",
        en: "this workbook is not a scoring grid made by Jauge",
    },
    Phrase {
        code: "grid_of_other_tender",
        params: &["found", "expected"],
        fr: "la grille est celle de la consultation « {found} », pas de « {expected} »",
        en: "the grid belongs to tender \"{found}\", not \"{expected}\"",
    },
    Phrase {
        code: "grid_of_other_evaluator",
        params: &["found", "expected"],
        fr: "la grille est celle de l’évaluateur « {found} », pas de « {expected} »",
        en: "the grid belongs to evaluator \"{found}\", not \"{expected}\"",
    },
    Phrase {
        code: "stale_grid",
        params: &[],
        fr: "les critères ou les offres ont changé depuis l’édition de cette grille : éditez-en une nouvelle",
        en: "the criteria or the offers changed since this grid was made: make a new one",
    },
    Phrase {
        code: "grid_unknown_offer",
        params: &["id"],
        fr: "l’offre « {id} » n’est pas dans la consultation",
        en: "the tender has no offer \"{id}\"",
    },
    Phrase {
        code: "grid_unknown_criterion",
        params: &["id"],
        fr: "le critère « {id} » n’est pas dans la consultation",
        en: "the tender has no criterion \"{id}\"",
    },
    Phrase {
        code: "grid_not_scorable",
        params: &["id"],
        fr: "le critère « {id} » ne se note pas (prix, vérification automatique ou groupe)",
        en: "criterion \"{id}\" is not scored by evaluators (price, automatic check or group)",
    },
    Phrase {
        code: "grid_duplicate",
        params: &["offer", "criterion"],
        fr: "l’offre « {offer} » est notée deux fois sur le critère « {criterion} »",
        en: "offer \"{offer}\" is scored twice on criterion \"{criterion}\"",
    },
    Phrase {
        code: "grid_off_scale",
        params: &["value", "min", "max"],
        fr: "{value:number} est hors de l’échelle {min:number}..{max:number}",
        en: "{value:number} is outside the scale {min:number}..{max:number}",
    },
    Phrase {
        code: "grid_off_step",
        params: &["value", "min", "step"],
        fr: "{value:number} n’est pas sur un pas de l’échelle ({min:number} puis de {step:number} en {step:number})",
        en: "{value:number} is not on the scale's steps ({min:number} then every {step:number})",
    },
    Phrase {
        code: "not_a_number",
        params: &["text"],
        fr: "« {text} » n’est pas un nombre",
        en: "\"{text}\" is not a number",
    },
    Phrase {
        code: "not_yes_no",
        params: &["text"],
        fr: "« {text} » : répondez Oui ou Non",
        en: "\"{text}\": answer Yes or No",
    },
    Phrase {
        code: "justification_without_score",
        params: &[],
        fr: "une justification sans note à sa gauche",
        en: "a justification with no score on its left",
    },
    Phrase {
        code: "nothing_entered",
        params: &[],
        fr: "aucune note n’est saisie",
        en: "no score is entered",
    },
    Phrase {
        code: "missing_column",
        params: &["column", "expected"],
        fr: "la colonne « {column} » est absente (colonnes reconnues : {expected})",
        en: "the column \"{column}\" is missing (columns read: {expected})",
    },
    Phrase {
        code: "required_cell",
        params: &["column"],
        fr: "cellule vide : « {column} » est obligatoire",
        en: "empty cell: \"{column}\" is required",
    },
    Phrase {
        code: "duplicate_offer_row",
        params: &["id", "row"],
        fr: "l’identifiant « {id} » figure déjà ligne {row}",
        en: "the id \"{id}\" is already on row {row}",
    },
    Phrase {
        code: "negative_price",
        params: &["value"],
        fr: "le prix {value:number} est négatif",
        en: "the price {value:number} is negative",
    },
    Phrase {
        code: "cell_too_long",
        params: &["limit"],
        fr: "le texte dépasse {limit} caractères",
        en: "the text is longer than {limit} characters",
    },
    // Numbers and cells of a workbook brought back (`jauge_sheets::number`, `jauge_sheets::read`).
    Phrase {
        code: "ambiguous_number",
        params: &["text", "thousands", "decimal"],
        fr: "« {text} » se lit {thousands:number} ou {decimal:number} : écrivez-le sans séparateur de milliers, ou saisissez-le comme un nombre, pour lever le doute",
        en: "\"{text}\" reads as {thousands:number} or {decimal:number}: type it without a thousands separator, or enter it as a number, to remove the doubt",
    },
    Phrase {
        code: "too_precise_number",
        params: &["text", "digits"],
        fr: "« {text} » a plus de {digits} chiffres significatifs : un tableur n’en garde que {digits}, la valeur enregistrée différerait de celle affichée",
        en: "\"{text}\" has more than {digits} significant digits: a spreadsheet keeps {digits}, so the value stored would differ from the one shown",
    },
    Phrase {
        code: "cell_not_finite",
        params: &[],
        fr: "la valeur n’est pas un nombre fini",
        en: "the value is not a finite number",
    },
    Phrase {
        code: "percent_not_allowed",
        params: &["text"],
        fr: "« {text} » : un pourcentage n’est pas attendu ici",
        en: "\"{text}\": a percentage is not expected here",
    },
    Phrase {
        code: "formula_without_value",
        params: &[],
        fr: "formule sans valeur calculée : ouvrez et enregistrez le fichier dans Excel ou LibreOffice",
        en: "formula without a computed value: open and save the file in Excel or LibreOffice",
    },
    Phrase {
        code: "duplicate_column",
        params: &["column", "first"],
        fr: "la colonne « {column} » figure deux fois, ici et en {first} : gardez-en une seule",
        en: "the column \"{column}\" appears twice, here and in {first}: keep only one",
    },
    Phrase {
        code: "cell_out_of_sheet",
        params: &["cell"],
        fr: "la cellule « {cell} » est au-delà des limites d’une feuille (1 048 576 lignes, colonnes A à XFD) : le classeur est refusé",
        en: "the cell \"{cell}\" lies beyond the limits of a sheet (1,048,576 rows, columns A to XFD): the workbook is refused",
    },
    Phrase {
        code: "workbook_protected",
        params: &[],
        fr: "le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe, puis importez cette copie",
        en: "the workbook is protected by a password: save a copy without the password, then import that copy",
    },
    Phrase {
        code: "workbook_too_many_strings",
        params: &["limit", "bytes"],
        fr: "le classeur contient plus de {limit:number} textes ou {bytes:number} octets de texte : refusé",
        en: "the workbook holds more than {limit:number} texts or {bytes:number} bytes of text: refused",
    },
    Phrase {
        code: "workbook_too_many_names",
        params: &["limit"],
        fr: "le classeur définit plus de {limit:number} noms, feuilles ou styles : refusé",
        en: "the workbook defines more than {limit:number} names, sheets or styles: refused",
    },
    Phrase {
        code: "workbook_text_too_long",
        params: &["part", "limit"],
        fr: "la partie {part} du classeur contient un texte ou une balise de plus de {limit:number} octets : refusé",
        en: "the part {part} of the workbook holds a text or a tag longer than {limit:number} bytes: refused",
    },
    // Evaluator packages and return files (`crate::package`).
    Phrase {
        code: "not_a_package",
        params: &["detail"],
        fr: "ce fichier n’est pas un paquet ni un retour d’évaluateur Jauge lisible ({detail})",
        en: "this file is not a readable Jauge evaluator package or return file ({detail})",
    },
    Phrase {
        code: "not_scored_by_hand",
        params: &["id"],
        fr: "« {id} » n’est pas un critère noté par un évaluateur (groupe, prix ou exigence vérifiée automatiquement)",
        en: "\"{id}\" is not a criterion an evaluator scores (a group, the price or an automatically checked requirement)",
    },
    Phrase {
        code: "wrong_tender",
        params: &["found", "expected"],
        fr: "ce fichier concerne la consultation « {found} », pas « {expected} »",
        en: "this file belongs to tender \"{found}\", not \"{expected}\"",
    },
    Phrase {
        code: "wrong_evaluator",
        params: &["found", "expected"],
        fr: "une note de ce fichier est celle de « {found} », alors que le fichier est celui de « {expected} »",
        en: "a score in this file is by \"{found}\" while the file is \"{expected}\"'s",
    },
    Phrase {
        code: "stale_basis",
        params: &[],
        fr: "les critères, les offres ou les évaluateurs ont changé depuis l’envoi du paquet : envoyez un nouveau paquet à l’évaluateur",
        en: "the criteria, offers or evaluators changed since the package was sent: send the evaluator a new package",
    },
    Phrase {
        code: "scores_altered",
        params: &[],
        fr: "les notes de ce fichier ne correspondent plus à son empreinte : il a été modifié ou abîmé depuis qu’il a été écrit",
        en: "the scores in this file no longer match its fingerprint: it was edited or damaged after it was written",
    },
    Phrase {
        code: "unknown_offer",
        params: &["id"],
        fr: "aucune offre n’a l’identifiant « {id} »",
        en: "no offer has the id \"{id}\"",
    },
    Phrase {
        code: "unknown_criterion",
        params: &["id"],
        fr: "aucun critère n’a l’identifiant « {id} »",
        en: "no criterion has the id \"{id}\"",
    },
    Phrase {
        code: "unknown_evaluator",
        params: &["id"],
        fr: "aucun évaluateur n’a l’identifiant « {id} »",
        en: "no evaluator has the id \"{id}\"",
    },
    Phrase {
        code: "group_not_scored",
        params: &["criterion"],
        fr: "« {criterion} » est un groupe ; seules les feuilles sont notées",
        en: "\"{criterion}\" is a group; only leaves are scored",
    },
    Phrase {
        code: "price_not_scored",
        params: &["criterion"],
        fr: "« {criterion} » est le critère prix ; ses points viennent du prix de l’offre",
        en: "\"{criterion}\" is the price criterion; its points come from the offer's price",
    },
    Phrase {
        code: "automatic_not_scored",
        params: &["criterion"],
        fr: "« {criterion} » est vérifiée automatiquement sur les certifications ; enregistrez un consensus pour la trancher autrement",
        en: "\"{criterion}\" is checked automatically from certifications; record a consensus to override it",
    },
    Phrase {
        code: "met_on_scored",
        params: &["criterion"],
        fr: "le critère « {criterion} » est noté sur une échelle : donnez « value », pas « met »",
        en: "criterion \"{criterion}\" is scored on a scale: give a \"value\", not \"met\"",
    },
    Phrase {
        code: "value_on_requirement",
        params: &["criterion"],
        fr: "le critère « {criterion} » est une exigence : donnez « met » (true ou false), pas « value »",
        en: "criterion \"{criterion}\" is a requirement: give \"met\" (true or false), not a \"value\"",
    },
    Phrase {
        code: "invalid_timestamp",
        params: &["at"],
        fr: "« {at} » n’est pas un horodatage RFC 3339 comme 2026-10-20T14:30:00Z",
        en: "\"{at}\" is not an RFC 3339 timestamp such as 2026-10-20T14:30:00Z",
    },
    Phrase {
        code: "duplicate_score",
        params: &["evaluator", "offer", "criterion", "first"],
        fr: "une seconde note de « {evaluator} » pour l’offre « {offer} » sur « {criterion} » (la première est {first})",
        en: "a second score by \"{evaluator}\" for offer \"{offer}\" on \"{criterion}\" (the first is {first})",
    },
    Phrase {
        code: "duplicate_consensus",
        params: &["offer", "criterion", "first"],
        fr: "un second consensus pour l’offre « {offer} » sur « {criterion} » (le premier est {first})",
        en: "a second consensus for offer \"{offer}\" on \"{criterion}\" (the first is {first})",
    },
    // Declarations of interests and sealed prices.
    Phrase {
        code: "not_in_workspace",
        params: &["evaluator", "what"],
        fr: "cet espace est celui de l’évaluateur « {evaluator} » : seules ses notes sur les critères qui lui sont confiés et ses déclarations d’intérêts s’y modifient (refusé : {what})",
        en: "this workspace is evaluator \"{evaluator}\"'s: only their scores on the criteria assigned to them and their declarations of interests change here (refused: {what})",
    },
    Phrase {
        code: "signature_invalid",
        params: &["detail"],
        fr: "la signature de ce fichier ne le couvre plus : il a été modifié après avoir été signé, ou la signature est abîmée ({detail})",
        en: "this file's signature no longer covers it: it was changed after it was signed, or the signature is damaged ({detail})",
    },
    Phrase {
        code: "duplicate_declaration",
        params: &["evaluator", "offer", "first"],
        fr: "une seconde déclaration de « {evaluator} » pour l’offre « {offer} » (la première est {first})",
        en: "a second declaration by \"{evaluator}\" for offer \"{offer}\" (the first is {first})",
    },
    Phrase {
        code: "score_despite_conflict",
        params: &["evaluator", "offer"],
        fr: "« {evaluator} » a déclaré un conflit d’intérêts avec l’offre « {offer} » : il ou elle ne la note pas",
        en: "\"{evaluator}\" declared a conflict of interest with offer \"{offer}\" and does not score it",
    },
    // Committee return files, strictly read and merged.
    Phrase {
        code: "duplicate_key",
        params: &["key"],
        fr: "la clé « {key} » figure deux fois dans le même objet : le fichier est ambigu",
        en: "the key \"{key}\" appears twice in the same object: the file is ambiguous",
    },
    Phrase {
        code: "package_given_as_return",
        params: &[],
        fr: "ce fichier est un paquet d’évaluateur (envoyé par l’acheteur), pas un retour : importez le fichier de retour que l’évaluateur a écrit",
        en: "this file is an evaluator package (sent by the buyer), not a return file: import the return file the evaluator wrote",
    },
    Phrase {
        code: "return_given_as_package",
        params: &[],
        fr: "ce fichier est un retour d’évaluateur, pas un paquet : c’est à l’acheteur de l’importer dans son évaluation",
        en: "this file is an evaluator's return file, not a package: the buyer imports it into their evaluation",
    },
    Phrase {
        code: "declarations_altered",
        params: &[],
        fr: "les déclarations d’intérêts de ce fichier ne correspondent plus à leur empreinte : il a été modifié ou abîmé depuis qu’il a été écrit",
        en: "the declarations of interests in this file no longer match their fingerprint: it was edited or damaged after it was written",
    },
    Phrase {
        code: "not_assigned",
        params: &["evaluator", "offer", "criterion", "assigned"],
        fr: "la note de « {evaluator} » sur l’offre « {offer} », critère « {criterion} », n’a pas été demandée : ce critère ne lui a pas été confié (critères de son paquet : {assigned})",
        en: "the score by \"{evaluator}\" on offer \"{offer}\", criterion \"{criterion}\", was not asked for: that criterion was not assigned to them (their package's criteria: {assigned})",
    },
    Phrase {
        code: "unsigned_return",
        params: &["evaluator"],
        fr: "les retours de cette consultation doivent être signés (réglage « retours signés obligatoires ») : ce retour de « {evaluator} » ne l’est pas",
        en: "this tender's return files must be signed (setting \"signed returns required\"): this return file of \"{evaluator}\" is not",
    },
    Phrase {
        code: "certificate_changed",
        params: &["evaluator", "subject", "found", "pinned_subject", "pinned"],
        fr: "ce retour de « {evaluator} » est signé par un autre certificat ({subject}, SHA-256 {found}) que son premier retour signé ({pinned_subject}, SHA-256 {pinned}) : confirmez que ce certificat est bien le sien pour l’importer",
        en: "this return file of \"{evaluator}\" is signed with another certificate ({subject}, SHA-256 {found}) than their first signed return ({pinned_subject}, SHA-256 {pinned}): confirm that this certificate is theirs to import it",
    },
    // Consultations with lots (crate::lots).
    Phrase {
        code: "too_many",
        params: &["count", "limit"],
        fr: "{count} éléments, au-delà de la limite de {limit}",
        en: "{count} items, beyond the limit of {limit}",
    },
    Phrase {
        code: "invalid_siret",
        params: &["siret"],
        fr: "« {siret} » n’est pas un numéro SIRET (14 chiffres)",
        en: "\"{siret}\" is not a SIRET number (14 digits)",
    },
    Phrase {
        code: "not_a_whole_number",
        params: &["value"],
        fr: "{value} doit être un nombre entier d’au moins 1",
        en: "{value} must be a whole number of at least 1",
    },
    Phrase {
        code: "holders_or_min_total",
        params: &[],
        fr: "un accord-cadre donne soit le nombre de ses titulaires (« holders »), soit le total minimal des offres retenues (« min_total »), l’un des deux",
        en: "a framework agreement gives either its number of holders (\"holders\") or the minimum total of the offers retained (\"min_total\"), one of the two",
    },
    Phrase {
        code: "given_by_consultation",
        params: &["key"],
        fr: "« {key} » est donné par la consultation, pas par le lot",
        en: "\"{key}\" is given by the consultation, not by the lot",
    },
    Phrase {
        code: "unknown_bidder",
        params: &["id"],
        fr: "aucun soumissionnaire n’a l’identifiant « {id} »",
        en: "no bidder has the id \"{id}\"",
    },
    Phrase {
        code: "duplicate_bid",
        params: &["bidder", "first"],
        fr: "le soumissionnaire « {bidder} » a déjà une offre sur ce lot ({first})",
        en: "bidder \"{bidder}\" already has an offer on this lot ({first})",
    },
    Phrase {
        code: "duplicate_lot_number",
        params: &["number", "first"],
        fr: "le numéro de lot {number} est déjà celui de {first}",
        en: "lot number {number} is already that of {first}",
    },
    Phrase {
        code: "unknown_lot",
        params: &["id"],
        fr: "aucun lot n’a l’identifiant « {id} »",
        en: "no lot has the id \"{id}\"",
    },
    Phrase {
        code: "reference_fixed",
        params: &["reference"],
        fr: "la référence d’une consultation enregistrée reste « {reference} » : ses lots y sont classés",
        en: "the reference of a stored consultation stays \"{reference}\": its lots are filed under it",
    },
    Phrase {
        code: "bidder_has_offers",
        params: &["bidder", "lots"],
        fr: "« {bidder} » a une offre sur le(s) lot(s) {lots} : retirez d’abord ses offres",
        en: "\"{bidder}\" has an offer on lot(s) {lots}: remove its offers first",
    },
    Phrase {
        code: "offer_added_from_consultation",
        params: &[],
        fr: "une offre s’ajoute à un lot depuis l’accueil de la consultation, qui en nomme le soumissionnaire",
        en: "an offer is added to a lot from the consultation's home, which names its bidder",
    },
    Phrase {
        code: "prices_not_sealed",
        params: &[],
        fr: "les prix de cette consultation ne sont pas sous pli : il n’y a rien à ouvrir",
        en: "this tender's prices are not sealed: there is nothing to open",
    },
    Phrase {
        code: "prices_already_opened",
        params: &["at"],
        fr: "les prix ont déjà été ouverts le {at}",
        en: "the prices were already opened at {at}",
    },
    Phrase {
        code: "out_of_calendar",
        params: &["today", "days"],
        fr: "{today:date} + {days} jours sort du calendrier",
        en: "{today} + {days} days is out of the calendar",
    },
    Phrase {
        code: "price_with_schedule",
        params: &[],
        fr: "le prix de l’offre se calcule depuis le bordereau des prix : retirez « price »",
        en: "the offer's price comes from the price schedule: remove \"price\"",
    },
    Phrase {
        code: "schedule_without_price",
        params: &[],
        fr: "un bordereau des prix demande un critère prix dans l’arbre des critères",
        en: "a price schedule needs a price criterion in the criteria tree",
    },
    Phrase {
        code: "line_criterion_required",
        params: &["criteria"],
        fr: "les critères comprennent plusieurs critères prix ({criteria}) : indiquez celui auquel la ligne compte",
        en: "the criteria include several price criteria ({criteria}): name the one this line counts towards",
    },
    Phrase {
        code: "not_a_price_criterion",
        params: &["id"],
        fr: "« {id} » n’est pas un critère prix",
        en: "\"{id}\" is not a price criterion",
    },
    Phrase {
        code: "price_criterion_without_lines",
        params: &["criterion"],
        fr: "aucune ligne du bordereau ne compte pour le critère prix « {criterion} »",
        en: "no line of the price schedule counts towards the price criterion \"{criterion}\"",
    },
    Phrase {
        code: "unknown_line",
        params: &["id"],
        fr: "le bordereau des prix n’a pas de ligne « {id} »",
        en: "the price schedule has no line \"{id}\"",
    },
    Phrase {
        code: "duplicate_line_price",
        params: &["line"],
        fr: "la ligne « {line} » a déjà un prix dans cette offre",
        en: "line \"{line}\" already has a price in this offer",
    },
    Phrase {
        code: "duplicate_schedule_offer",
        params: &["offer"],
        fr: "les prix de l’offre « {offer} » sont déjà au bordereau",
        en: "the prices of offer \"{offer}\" are already in the schedule",
    },
    Phrase {
        code: "amount_not_exact",
        params: &["line"],
        fr: "quantité × prix unitaire de la ligne « {line} » dépasse les 28 chiffres d’un calcul exact",
        en: "quantity × unit price of line \"{line}\" exceeds the 28 digits of an exact computation",
    },
    Phrase {
        code: "negative_amount",
        params: &["value"],
        fr: "{value:number} est négatif",
        en: "{value:number} is negative",
    },
    Phrase {
        code: "correction_without_discrepancy",
        params: &["offer", "what"],
        fr: "l’offre « {offer} » n’a pas d’écart à corriger sur {what}",
        en: "offer \"{offer}\" has no discrepancy to correct on {what}",
    },
    Phrase {
        code: "zero_price_total",
        params: &["offer", "criterion"],
        fr: "l’offre « {offer} » totalise 0 sur le critère prix « {criterion} » : un prix doit être supérieur à 0 pour être noté",
        en: "offer \"{offer}\" totals 0 on the price criterion \"{criterion}\": a price must be greater than 0 to be scored",
    },
    Phrase {
        code: "not_a_price_schedule",
        params: &[],
        fr: "ce classeur n’est pas un bordereau des prix édité par Jauge",
        en: "this workbook is not a price schedule made by Jauge",
    },
    Phrase {
        code: "duplicate_line_row",
        params: &["id", "row"],
        fr: "la ligne « {id} » figure déjà à la ligne {row} du classeur",
        en: "line \"{id}\" is already on row {row} of the workbook",
    },
    Phrase {
        code: "total_without_unit_price",
        params: &[],
        fr: "un montant est indiqué sans prix unitaire : le prix unitaire prévaut, indiquez-le",
        en: "an amount is given without a unit price: the unit price prevails, give it",
    },
    Phrase {
        code: "quantity_changed",
        params: &["id", "written", "published"],
        fr: "la quantité de la ligne « {id} » a été modifiée : {written:number} au lieu de la quantité estimée publiée ({published:number}) ; toutes les offres sont comparées sur le même DQE : rétablissez la quantité publiée si le règlement de la consultation autorise cette correction (le prix unitaire restant inchangé), sinon demandez au soumissionnaire de régulariser son offre",
        en: "the quantity of line \"{id}\" was changed: {written} instead of the published estimated quantity ({published}); every offer is compared on the same DQE: restore the published quantity if the tender rules allow that correction (the unit price unchanged), otherwise ask the bidder to regularise its offer",
    },
    Phrase {
        code: "duplicate_correction",
        params: &["offer", "what"],
        fr: "cette correction est déjà acceptée (offre « {offer} », {what})",
        en: "this correction is already accepted (offer \"{offer}\", {what})",
    },
    Phrase {
        code: "more_problems",
        params: &["count"],
        fr: "… et {count:number} autres problèmes",
        en: "… and {count} more",
    },
    Phrase {
        code: "round_order",
        params: &["round", "kind"],
        fr: "le tour « {round} » est de type « {kind} » à cette place : les offres initiales viennent en premier, les offres finales en dernier",
        en: "round \"{round}\" is of kind \"{kind}\" at this place: initial offers come first, final offers last",
    },
    Phrase {
        code: "negotiation_not_allowed",
        params: &["procedure"],
        fr: "la procédure « {procedure} » interdit toute négociation : l’acheteur peut seulement demander aux soumissionnaires de préciser leur offre (articles R2161-5 et R2161-11 du code de la commande publique)",
        en: "the \"{procedure}\" procedure forbids any negotiation: the buyer may only ask bidders to clarify their offer (art. R2161-5 and R2161-11 of the French public procurement code)",
    },
    Phrase {
        code: "latest_round_own_data",
        params: &["round"],
        fr: "le dernier tour « {round} » ne porte ni offres, ni notes, ni décisions propres : ce sont celles de l’évaluation",
        en: "the latest round \"{round}\" carries no offers, scores or decisions of its own: they are the evaluation's",
    },
    Phrase {
        code: "offer_not_in_round",
        params: &["offer", "round"],
        fr: "l’offre « {offer} » ne participe plus au tour « {round} » : elle a été écartée à un tour précédent",
        en: "offer \"{offer}\" no longer takes part in round \"{round}\": it was set aside at an earlier round",
    },
    Phrase {
        code: "offer_already_eliminated",
        params: &["offer", "round"],
        fr: "l’offre « {offer} » a déjà été écartée au tour « {round} »",
        en: "offer \"{offer}\" was already set aside at round \"{round}\"",
    },
    Phrase {
        code: "reduction_not_announced",
        params: &[],
        fr: "une offre ne peut être écartée entre deux tours que si les documents de la consultation l’ont annoncé (article R2161-18) : indiquez-le dans « reduction_announced »",
        en: "an offer may be set aside between rounds only if the consultation documents announced it (art. R2161-18): say so in \"reduction_announced\"",
    },
    Phrase {
        code: "elimination_at_final_round",
        params: &["round"],
        fr: "aucune offre n’est écartée au tour des offres finales « {round} » : ce tour décide de l’attribution",
        en: "no offer is set aside at the final offers' round \"{round}\": that round decides the award",
    },
    Phrase {
        code: "date_order",
        params: &["after", "before"],
        fr: "la date du {after:date} précède celle du {before:date}",
        en: "the date {after:date} comes before {before:date}",
    },
    Phrase {
        code: "unknown_round",
        params: &["id"],
        fr: "aucun tour n’a l’identifiant « {id} »",
        en: "no round has the id \"{id}\"",
    },
    Phrase {
        code: "invalid_sha256",
        params: &["text"],
        fr: "« {text} » n’est pas une empreinte SHA-256 (64 chiffres hexadécimaux en minuscules)",
        en: "\"{text}\" is not a SHA-256 digest (64 lowercase hexadecimal digits)",
    },
    Phrase {
        code: "negotiation_on_final_offers",
        params: &["round"],
        fr: "les offres finales du tour « {round} » ne se négocient pas (article R2161-17) : seule une demande de précisions est possible",
        en: "the final offers of round \"{round}\" are not negotiated (art. R2161-17): only a clarification may be asked",
    },
    Phrase {
        code: "regularisation_of_regular_offer",
        params: &["offer"],
        fr: "l’offre « {offer} » n’est pas déclarée irrégulière : seule une offre irrégulière se régularise (article R2152-2) ; une offre régulière mais ambiguë fait l’objet d’une demande de précisions",
        en: "offer \"{offer}\" is not declared irregular: only an irregular offer is regularised (art. R2152-2); a regular but unclear offer gets a clarification request",
    },
    Phrase {
        code: "regularisation_while_abnormally_low_open",
        params: &["offer", "asked", "exchange"],
        fr: "l’offre « {offer} » ne peut être invitée à régulariser tant que la justification de son prix, demandée le {asked:date} (« {exchange} »), n’est pas reçue : une offre anormalement basse ne se régularise pas (article R2152-2)",
        en: "offer \"{offer}\" cannot be asked to regularise while the justification of its price asked for on {asked:date} (\"{exchange}\") has not been received: an abnormally low offer is not regularised (art. R2152-2)",
    },
    Phrase {
        code: "regularisation_deadlines_differ",
        params: &["first", "deadline"],
        fr: "toutes les demandes de régularisation d’un même tour ont le même délai (égalité de traitement, article R2152-2) ; « {first} » fixe le {deadline:date}",
        en: "every regularisation request of a round has the same deadline (equal treatment, art. R2152-2); \"{first}\" sets {deadline:date}",
    },
    Phrase {
        code: "citation_without_score",
        params: &["who", "criterion", "offer", "round"],
        fr: "aucune note de {who} sur le critère « {criterion} » de l’offre « {offer} » au tour « {round} » ne peut s’appuyer sur cet échange",
        en: "no score by {who} on criterion \"{criterion}\" of offer \"{offer}\" in round \"{round}\" can rely on this exchange",
    },
    Phrase {
        code: "cited_by_exchange",
        params: &["exchange"],
        fr: "l’échange « {exchange} » s’appuie sur cette note : elle ne peut être retirée tant qu’il la cite",
        en: "exchange \"{exchange}\" relies on this score: it cannot be removed while the exchange cites it",
    },
    Phrase {
        code: "round_price_with_schedule",
        params: &[],
        fr: "avec un bordereau de prix, le prix d’un tour précédent ne s’écrit pas ici : seuls les prix du dernier tour sont tenus",
        en: "with a price schedule, an earlier round's price is not written here: only the latest round's prices are kept",
    },
];

/// What the buyer is told about a committee return file's signature when it is merged (the
/// journal keeps the code and its parameters).
pub const RETURN_FLAGS: &[Phrase] = &[
    Phrase {
        code: "unsigned_after_signed",
        params: &["evaluator", "pinned_subject"],
        fr: "ce retour n’est pas signé, alors que les retours précédents de « {evaluator} » l’étaient (certificat {pinned_subject}) : vérifiez auprès du membre qu’il en est l’auteur",
        en: "this return file is not signed, while the earlier returns of \"{evaluator}\" were (certificate {pinned_subject}): check with the member that they wrote it",
    },
    Phrase {
        code: "certificate_pinned",
        params: &["evaluator", "subject", "certificate"],
        fr: "premier retour signé de « {evaluator} » : son certificat ({subject}, SHA-256 {certificate}) devient la référence de ses prochains retours",
        en: "first signed return of \"{evaluator}\": their certificate ({subject}, SHA-256 {certificate}) is now the one their next returns are checked against",
    },
    Phrase {
        code: "certificate_change_confirmed",
        params: &["evaluator", "pinned_subject"],
        fr: "signé par un autre certificat que le précédent de « {evaluator} » ({pinned_subject}) : accepté sur confirmation de l’acheteur, ce certificat devient la référence",
        en: "signed with another certificate than the earlier one of \"{evaluator}\" ({pinned_subject}): accepted on the buyer's confirmation, this certificate is now the reference",
    },
    Phrase {
        code: "certificate_not_valid_at_signing",
        params: &["at", "not_before", "not_after"],
        fr: "le certificat n’était pas valide à la date du retour ({at}) : il l’était du {not_before} au {not_after}",
        en: "the certificate was not valid when the return was written ({at}): it was valid from {not_before} to {not_after}",
    },
    Phrase {
        code: "signer_not_evaluator",
        params: &["signer", "name", "evaluator"],
        fr: "le certificat est au nom de « {signer} », pas de « {name} » ({evaluator})",
        en: "the certificate is in the name of \"{signer}\", not \"{name}\" ({evaluator})",
    },
];

/// The steps of the award across lots, by [`crate::lots::Step`] code. `{x:lots}` is a count
/// of lots (« 1 lot », « 2 lots »), `{x:lotlist}` a list of lot numbers (« lots 1 et 3 »),
/// `{x:ordinal}` a rank (« deuxième », feminine as « offre »).
pub const AWARD_STEPS: &[Phrase] = &[
    Phrase {
        code: "no_cap",
        params: &[],
        fr: "Aucun plafond de lots par soumissionnaire : chaque lot est attribué selon son propre classement",
        en: "No cap on lots per bidder: each lot is awarded on its own ranking",
    },
    Phrase {
        code: "cap_lot_value",
        params: &["cap"],
        fr: "Plafond de {cap:lots} attribué(s) par soumissionnaire ; au-delà, il garde les lots de plus grande valeur estimée (à valeur égale, le plus petit numéro)",
        en: "Cap of {cap:lots} awarded per bidder; beyond it, a bidder keeps the lots of greatest estimated value (equal values: lowest number first)",
    },
    Phrase {
        code: "cap_lot_order",
        params: &["cap"],
        fr: "Plafond de {cap:lots} attribué(s) par soumissionnaire ; au-delà, il garde les lots dans l’ordre de leurs numéros",
        en: "Cap of {cap:lots} awarded per bidder; beyond it, a bidder keeps the lots in the order of their numbers",
    },
    Phrase {
        code: "cap_bidder_preference",
        params: &["cap"],
        fr: "Plafond de {cap:lots} attribué(s) par soumissionnaire ; au-delà, il garde les lots dans son ordre de préférence",
        en: "Cap of {cap:lots} awarded per bidder; beyond it, a bidder keeps the lots in its own order of preference",
    },
    Phrase {
        code: "examination_order",
        params: &["lots"],
        fr: "Ordre d’examen des lots : {lots}",
        en: "Order in which the lots are examined: {lots}",
    },
    Phrase {
        code: "first_on_more_lots",
        params: &["bidder", "lots", "cap"],
        fr: "Offre de {bidder} classée première sur les {lots:lotlist} ; plafond de {cap:lots}",
        en: "{bidder}'s offer ranks first on {lots:lotlist}; cap of {cap:lots}",
    },
    Phrase {
        code: "preference_missing",
        params: &["bidder", "lots"],
        fr: "{bidder} n’a pas classé les {lots:lotlist} dans ses préférences : ils passent après les lots classés, par numéro",
        en: "{bidder} did not rank {lots:lotlist} in its preferences: they come after the lots ranked, by number",
    },
    Phrase {
        code: "skipped_for_cap_lot_value",
        params: &["lot", "bidder", "rank", "cap", "kept"],
        fr: "Lot {lot} : l’offre de {bidder}, classée {rank:ordinal}, est écartée ; {bidder} atteint le plafond de {cap:lots} avec le(s) {kept:lotlist}, qui passe(nt) avant par valeur estimée",
        en: "Lot {lot}: {bidder}'s offer, ranked {rank:ordinal}, is set aside; {bidder} reaches the cap of {cap:lots} with {kept:lotlist}, which come(s) first by estimated value",
    },
    Phrase {
        code: "skipped_for_cap_lot_order",
        params: &["lot", "bidder", "rank", "cap", "kept"],
        fr: "Lot {lot} : l’offre de {bidder}, classée {rank:ordinal}, est écartée ; {bidder} atteint le plafond de {cap:lots} avec le(s) {kept:lotlist}, qui passe(nt) avant par numéro",
        en: "Lot {lot}: {bidder}'s offer, ranked {rank:ordinal}, is set aside; {bidder} reaches the cap of {cap:lots} with {kept:lotlist}, which come(s) first by number",
    },
    Phrase {
        code: "skipped_for_cap_bidder_preference",
        params: &["lot", "bidder", "rank", "cap", "kept"],
        fr: "Lot {lot} : l’offre de {bidder}, classée {rank:ordinal}, est écartée ; {bidder} atteint le plafond de {cap:lots} avec le(s) {kept:lotlist}, qu’il préfère",
        en: "Lot {lot}: {bidder}'s offer, ranked {rank:ordinal}, is set aside; {bidder} reaches the cap of {cap:lots} with {kept:lotlist}, which it prefers",
    },
    Phrase {
        code: "lot_awarded",
        params: &["lot", "bidder", "rank"],
        fr: "Lot {lot} attribué à l’offre de {bidder}, classée {rank:ordinal}",
        en: "Lot {lot} awarded to {bidder}'s offer, ranked {rank:ordinal}",
    },
    Phrase {
        code: "lot_awarded_to_next",
        params: &["lot", "rank", "bidder"],
        fr: "Lot {lot} attribué à l’offre classée {rank:ordinal}, celle de {bidder}",
        en: "Lot {lot} awarded to the offer ranked {rank:ordinal}, {bidder}'s",
    },
    Phrase {
        code: "lot_holders",
        params: &["lot", "count", "target", "holders"],
        fr: "Lot {lot} : accord-cadre attribué à {count} titulaire(s) sur {target} prévu(s) : {holders} (rang de classement entre parenthèses)",
        en: "Lot {lot}: framework agreement awarded to {count} holder(s) of {target} planned: {holders} (ranking in brackets)",
    },
    Phrase {
        code: "lot_fewer_holders",
        params: &["lot", "count", "target", "holders"],
        fr: "Lot {lot} : {count} titulaire(s) seulement pour {target} prévu(s), faute d’offres admissibles restantes en nombre suffisant : {holders} (rang de classement entre parenthèses)",
        en: "Lot {lot}: only {count} holder(s) for {target} planned, as not enough admissible offers remain: {holders} (ranking in brackets)",
    },
    Phrase {
        code: "lot_holders_min_total",
        params: &["lot", "count", "min_total", "holders"],
        fr: "Lot {lot} : accord-cadre attribué aux {count} offre(s) dont le total atteint {min_total:number} points : {holders} (rang de classement entre parenthèses)",
        en: "Lot {lot}: framework agreement awarded to the {count} offer(s) whose total reaches {min_total:number} points: {holders} (ranking in brackets)",
    },
    Phrase {
        code: "lot_pending",
        params: &["lot"],
        fr: "Lot {lot} : classement pas encore définitif (évaluation incomplète ou prix sous pli) ; aucune attribution, le lot ne compte dans le plafond de personne",
        en: "Lot {lot}: ranking not final yet (evaluation incomplete or prices sealed); no award, and the lot counts towards nobody's cap",
    },
    Phrase {
        code: "lot_sans_suite",
        params: &["lot", "reason"],
        fr: "Lot {lot} : déclaré sans suite par l’acheteur ({reason}) ; aucune attribution, le lot ne compte dans le plafond de personne",
        en: "Lot {lot}: declared without award by the buyer ({reason}); no award, and the lot counts towards nobody's cap",
    },
    Phrase {
        code: "lot_tied",
        params: &["lot", "offers", "rank"],
        fr: "Lot {lot} : offres de {offers} à égalité à la {rank:ordinal} place ; l’acheteur doit les départager",
        en: "Lot {lot}: the offers of {offers} tie in {rank:ordinal} place; the buyer must break the tie",
    },
    Phrase {
        code: "lot_tied_after_holders",
        params: &["lot", "holders", "offers", "rank"],
        fr: "Lot {lot} : titulaire(s) retenu(s) {holders} ; offres de {offers} à égalité à la {rank:ordinal} place pour la dernière place, l’acheteur doit les départager",
        en: "Lot {lot}: holder(s) retained {holders}; the offers of {offers} tie in {rank:ordinal} place for the last place, the buyer must break the tie",
    },
    Phrase {
        code: "lot_no_admissible_offer",
        params: &["lot"],
        fr: "Lot {lot} : aucune offre admissible ; lot infructueux",
        en: "Lot {lot}: no admissible offer; the lot is unsuccessful (infructueux)",
    },
    Phrase {
        code: "lot_every_bidder_capped",
        params: &["lot"],
        fr: "Lot {lot} : toutes les offres admissibles sont écartées par le plafond ; lot sans attributaire (infructueux)",
        en: "Lot {lot}: every admissible offer is set aside by the cap; the lot has no awardee (infructueux)",
    },
    Phrase {
        code: "lot_none_reaches_min_total",
        params: &["lot", "min_total"],
        fr: "Lot {lot} : aucune offre n’atteint le total minimal de {min_total:number} points ; lot infructueux",
        en: "Lot {lot}: no offer reaches the minimum total of {min_total:number} points; the lot is unsuccessful (infructueux)",
    },
];

/// What a letter tells a bidder about one lot it bid on, by [`crate::lots::LotNotice`] code.
/// `{holders}` lists the offers retained with their rank in brackets.
pub const LETTER_LOTS: &[Phrase] = &[
    Phrase {
        code: "letter_lot_awarded",
        params: &["lot", "title", "rank"],
        fr: "Lot {lot} – {title} : votre offre, classée {rank:ordinal}, est retenue ; le marché vous est attribué.",
        en: "Lot {lot} – {title}: your offer, ranked {rank:ordinal}, is retained; the contract is awarded to you.",
    },
    Phrase {
        code: "letter_lot_holder",
        params: &["lot", "title", "rank", "holder_rank", "holders"],
        fr: "Lot {lot} – {title} : votre offre, classée {rank:ordinal}, est retenue ; vous êtes titulaire n° {holder_rank} de l’accord-cadre. Titulaires : {holders}.",
        en: "Lot {lot} – {title}: your offer, ranked {rank:ordinal}, is retained; you are holder no. {holder_rank} of the framework agreement. Holders: {holders}.",
    },
    Phrase {
        code: "letter_lot_skipped_for_cap",
        params: &["lot", "title", "rank", "cap", "kept", "holders"],
        fr: "Lot {lot} – {title} : votre offre est classée {rank:ordinal}, mais le règlement de la consultation limite à {cap:lots} le nombre de lots attribués à un même soumissionnaire ; les {kept:lotlist} qui vous sont attribués passent avant celui-ci selon la règle publiée. Offre(s) retenue(s) : {holders}.",
        en: "Lot {lot} – {title}: your offer is ranked {rank:ordinal}, but the tender rules cap at {cap:lots} the lots awarded to one bidder; {kept:lotlist} awarded to you come before this one under the published rule. Offer(s) retained: {holders}.",
    },
    Phrase {
        code: "letter_lot_skipped_for_cap_no_award",
        params: &["lot", "title", "rank", "cap", "kept"],
        fr: "Lot {lot} – {title} : votre offre est classée {rank:ordinal}, mais le règlement de la consultation limite à {cap:lots} le nombre de lots attribués à un même soumissionnaire ; les {kept:lotlist} qui vous sont attribués passent avant celui-ci selon la règle publiée. Le lot n’est pas attribué.",
        en: "Lot {lot} – {title}: your offer is ranked {rank:ordinal}, but the tender rules cap at {cap:lots} the lots awarded to one bidder; {kept:lotlist} awarded to you come before this one under the published rule. The lot is not awarded.",
    },
    Phrase {
        code: "letter_lot_not_retained",
        params: &["lot", "title", "rank", "holders"],
        fr: "Lot {lot} – {title} : votre offre, classée {rank:ordinal}, n’est pas retenue. Offre(s) retenue(s) : {holders}.",
        en: "Lot {lot} – {title}: your offer, ranked {rank:ordinal}, is not retained. Offer(s) retained: {holders}.",
    },
    Phrase {
        code: "letter_lot_not_retained_no_award",
        params: &["lot", "title", "rank"],
        fr: "Lot {lot} – {title} : votre offre, classée {rank:ordinal}, n’est pas retenue ; le lot n’est pas attribué.",
        en: "Lot {lot} – {title}: your offer, ranked {rank:ordinal}, is not retained; the lot is not awarded.",
    },
    Phrase {
        code: "letter_lot_eliminated",
        params: &["lot", "title"],
        fr: "Lot {lot} – {title} : votre offre est écartée, pour les motifs ci-dessous.",
        en: "Lot {lot} – {title}: your offer is rejected, for the reasons below.",
    },
    Phrase {
        code: "letter_lot_set_aside",
        params: &["lot", "title", "round", "reason"],
        fr: "Lot {lot} – {title} : votre offre a été écartée à l’issue du tour « {round} » de la procédure ; elle n’a donc pris part ni aux tours suivants ni au classement final. Motif : {reason}.",
        en: "Lot {lot} – {title}: your offer was set aside at the end of the “{round}” round of the procedure, and so took no part in the later rounds or in the final ranking. Reason: {reason}.",
    },
    Phrase {
        code: "letter_lot_pending",
        params: &["lot", "title"],
        fr: "Lot {lot} – {title} : l’attribution de ce lot n’est pas encore arrêtée.",
        en: "Lot {lot} – {title}: the award of this lot is not settled yet.",
    },
    Phrase {
        code: "letter_lot_sans_suite",
        params: &["lot", "title", "reason"],
        fr: "Lot {lot} – {title} : la procédure est déclarée sans suite pour ce lot, qui n’est attribué à personne. Motif : {reason}.",
        en: "Lot {lot} – {title}: the procedure is declared without award for this lot, which is awarded to nobody. Reason: {reason}.",
    },
];

/// What became of a lot, by [`crate::lots::LotStatus`] name.
/// The rules that pick the lots a bidder over the cap keeps (`OverCapRule::as_str`), as the
/// buyer chooses one: the award steps say the same in a sentence (`cap_lot_value`…).
pub const OVER_CAP_RULES: &[Phrase] = &[
    Phrase {
        code: "lot_value",
        params: &[],
        fr: "les lots de plus grande valeur estimée d’abord",
        en: "lots of greatest estimated value first",
    },
    Phrase {
        code: "lot_order",
        params: &[],
        fr: "les lots dans l’ordre de leurs numéros",
        en: "lots in the order of their numbers",
    },
    Phrase {
        code: "bidder_preference",
        params: &[],
        fr: "les lots dans l’ordre de préférence du soumissionnaire",
        en: "lots in the bidder's own order of preference",
    },
];

pub const LOT_STATUSES: &[Phrase] = &[
    Phrase {
        code: "awarded",
        params: &[],
        fr: "attribué",
        en: "awarded",
    },
    Phrase {
        code: "infructueux",
        params: &[],
        fr: "infructueux",
        en: "unsuccessful (infructueux)",
    },
    Phrase {
        code: "tied",
        params: &[],
        fr: "égalité à départager",
        en: "tie to break",
    },
    Phrase {
        code: "pending",
        params: &[],
        fr: "classement non définitif",
        en: "ranking not final",
    },
    Phrase {
        code: "sans_suite",
        params: &[],
        fr: "déclaré sans suite",
        en: "declared without award",
    },
];

/// What one bidder's offer on one lot came to, by [`crate::lots::BidOutcome`] name.
pub const BID_OUTCOMES: &[Phrase] = &[
    Phrase {
        code: "awarded",
        params: &[],
        fr: "attributaire",
        en: "awardee",
    },
    Phrase {
        code: "holder",
        params: &[],
        fr: "titulaire de l’accord-cadre",
        en: "framework holder",
    },
    Phrase {
        code: "skipped_for_cap",
        params: &[],
        fr: "écartée par le plafond de lots",
        en: "set aside by the cap on lots",
    },
    Phrase {
        code: "not_retained",
        params: &[],
        fr: "non retenue",
        en: "not retained",
    },
    Phrase {
        code: "tied",
        params: &[],
        fr: "à égalité, à départager",
        en: "tied, to be decided",
    },
    Phrase {
        code: "eliminated",
        params: &[],
        fr: "éliminée",
        en: "eliminated",
    },
    Phrase {
        code: "pending",
        params: &[],
        fr: "en attente du classement",
        en: "awaiting the ranking",
    },
    Phrase {
        code: "sans_suite",
        params: &[],
        fr: "lot déclaré sans suite",
        en: "lot declared without award",
    },
    Phrase {
        code: "set_aside",
        params: &[],
        fr: "écartée à un tour précédent",
        en: "set aside at an earlier round",
    },
];

/// « première », « deuxième »… (feminine, as « offre » and « place »), « 11e » beyond ten;
/// "first", "second"…, "11th" beyond ten.
pub fn ordinal(lang: Lang, n: u64) -> String {
    const FR: [&str; 10] = [
        "première",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
    ];
    const EN: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let word = n
        .checked_sub(1)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| match lang {
            Lang::Fr => FR.get(i),
            Lang::En => EN.get(i),
        });
    match (word, lang) {
        (Some(word), _) => (*word).to_owned(),
        (None, Lang::Fr) => format!("{n}e"),
        (None, Lang::En) => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// « lot 2 », « lots 1 et 3 » / "lot 2", "lots 1 and 3", from « 1, 3 ».
fn lot_list(value: &str, lang: Lang) -> String {
    let items: Vec<&str> = value.split(", ").filter(|s| !s.is_empty()).collect();
    let and = match lang {
        Lang::Fr => " et ",
        Lang::En => " and ",
    };
    match items.as_slice() {
        [] => String::new(),
        [one] => format!("lot {one}"),
        [rest @ .., last] => format!("lots {}{and}{last}", rest.join(", ")),
    }
}

/// Why offers are eliminated, by [`crate::EliminationPhrase`] name.
pub const ELIMINATIONS: &[Phrase] = &[
    Phrase {
        code: "irregular",
        params: &["reason"],
        fr: "Offre déclarée irrégulière, inacceptable ou inappropriée : {reason}",
        en: "Offer declared irregular, unacceptable or inappropriate: {reason}",
    },
    Phrase {
        code: "no_valid_certification",
        params: &["title", "scheme", "deadline"],
        fr: "Exigence « {title} » non satisfaite : aucune certification « {scheme} » valide à la date limite du {deadline:date}",
        en: "Requirement “{title}” not met: no “{scheme}” certification valid on the deadline ({deadline:date})",
    },
    Phrase {
        code: "no_valid_certification_level",
        params: &["title", "scheme", "level", "deadline"],
        fr: "Exigence « {title} » non satisfaite : aucune certification « {scheme} » de niveau {level:number} ou plus valide à la date limite du {deadline:date}",
        en: "Requirement “{title}” not met: no “{scheme}” certification of level {level:number} or above valid on the deadline ({deadline:date})",
    },
    Phrase {
        code: "not_met_by_committee",
        params: &["title"],
        fr: "Exigence « {title} » non satisfaite : décision de la commission",
        en: "Requirement “{title}” not met: decided by the committee",
    },
    Phrase {
        code: "not_met_by_evaluators",
        params: &["title"],
        fr: "Exigence « {title} » non satisfaite : jugée non satisfaite par les évaluateurs",
        en: "Requirement “{title}” not met: judged not met by the evaluators",
    },
    Phrase {
        code: "below_threshold",
        params: &["value", "threshold", "title"],
        fr: "Note {value:number} sous le seuil éliminatoire {threshold:number} du critère « {title} »",
        en: "Score {value:number} below the elimination threshold {threshold:number} of criterion “{title}”",
    },
];

/// Warnings, by [`crate::WarningCode`] name.
pub const WARNINGS: &[Phrase] = &[
    Phrase {
        code: "no_environmental_criterion",
        params: &["launch_date"],
        fr: "la consultation est lancée le {launch_date:date} : depuis le 21/08/2026, au moins un critère pondéré doit prendre en compte les caractéristiques environnementales de l’offre (article L2152-7 du code de la commande publique)",
        en: "the consultation was launched on {launch_date:date}: since 21 Aug 2026, at least one weighted criterion must take the environmental characteristics of the offer into account (art. L2152-7 of the French public procurement code)",
    },
    Phrase {
        code: "unknown_ref",
        params: &["ref", "criterion"],
        fr: "la référence « {ref} » du critère « {criterion} » ne désigne aucune entrée des référentiels fournis",
        en: "the reference “{ref}” of criterion “{criterion}” names no entry of the bundled catalogs",
    },
    Phrase {
        code: "undeclared_interest",
        params: &["name", "bidders"],
        fr: "{name} a noté sans avoir déclaré ses liens d’intérêts avec ces soumissionnaires : {bidders}",
        en: "{name} scored without declaring their interests towards these bidders: {bidders}",
    },
    Phrase {
        code: "prices_sealed",
        params: &[],
        fr: "les prix sont encore sous pli : aucun point prix n’est calculé et aucune offre n’est classée avant leur ouverture",
        en: "the prices are still sealed: no price points are computed and no offer is ranked until they are opened",
    },
    Phrase {
        code: "unit_prices_missing",
        params: &["bidder", "lines"],
        fr: "l’offre de {bidder} ne chiffre pas toutes les lignes du bordereau ({lines}) : elle est incomplète, une irrégularité sur laquelle l’acheteur décide",
        en: "{bidder}'s offer does not price every line of the schedule ({lines}): it is incomplete, an irregularity the buyer must decide on",
    },
    Phrase {
        code: "price_discrepancy",
        params: &["bidder", "count", "where"],
        fr: "l’offre de {bidder} porte {count} écart(s) de calcul entre ses montants et ses prix unitaires ({where}) : le prix unitaire prévaut, la correction attend d’être acceptée",
        en: "{bidder}'s offer has {count} arithmetic discrepanc(ies) between its amounts and its unit prices ({where}): the unit price prevails, the correction awaits acceptance",
    },
];

/// Remarks on rounds and exchanges ([`crate::rounds::RoundNote`]), and the names the report and
/// the app give their kinds.
pub const ROUNDS: &[Phrase] = &[
    Phrase {
        code: "few_final_offers",
        params: &["count", "round"],
        fr: "il ne reste que {count} offre(s) au tour des offres finales « {round} » : une concurrence réelle demande au moins deux offres quand il y en a assez (article R2161-18)",
        en: "only {count} offer(s) remain in the final offers' round \"{round}\": real competition calls for at least two offers where there are enough (art. R2161-18)",
    },
    Phrase {
        code: "initial_award_not_reserved",
        params: &["round"],
        fr: "attribuer sur les offres initiales (« {round} ») sans négocier n’est possible que si l’avis de marché s’en est réservé la possibilité (article R2161-17)",
        en: "awarding on the initial offers (\"{round}\") without negotiating is lawful only if the contract notice reserved it (art. R2161-17)",
    },
    Phrase {
        code: "regularisation_not_offered_to_all",
        params: &["bidders"],
        fr: "une régularisation est demandée, mais pas à ces soumissionnaires dont l’offre est aussi irrégulière : {bidders} (égalité de traitement, article R2152-2)",
        en: "a regularisation was asked for, but not of these bidders whose offers are irregular too: {bidders} (equal treatment, art. R2152-2)",
    },
    Phrase {
        code: "initial",
        params: &[],
        fr: "offres initiales",
        en: "initial offers",
    },
    Phrase {
        code: "intermediate",
        params: &[],
        fr: "tour intermédiaire",
        en: "intermediate round",
    },
    Phrase {
        code: "final",
        params: &[],
        fr: "offres finales",
        en: "final offers",
    },
    Phrase {
        code: "clarification",
        params: &[],
        fr: "demande de précisions",
        en: "clarification request",
    },
    Phrase {
        code: "regularisation",
        params: &[],
        fr: "demande de régularisation",
        en: "regularisation request",
    },
    Phrase {
        code: "negotiation",
        params: &[],
        fr: "négociation",
        en: "negotiation",
    },
    Phrase {
        code: "abnormally_low",
        params: &[],
        fr: "demande de justification d’un prix anormalement bas",
        en: "request to justify an abnormally low price",
    },
    Phrase {
        code: "committee",
        params: &[],
        fr: "la commission",
        en: "the committee",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_use_narrow_spaces_and_comma() {
        assert_eq!(decimal(Lang::Fr, 1234.56, 2), "1\u{202F}234,56");
        assert_eq!(decimal(Lang::Fr, -0.001, 2), "0,00");
        assert_eq!(compact(Lang::Fr, 3.5, 2), "3,5");
        assert_eq!(compact(Lang::En, 1_050_000.0, 9), "1,050,000");
    }

    #[test]
    fn templates_localize_their_parameters() {
        let params = Params::new()
            .number("sum", 45.5)
            .with("group", "tech")
            .number("weight", 50.0);
        assert_eq!(
            render(PROBLEMS, "group_weights_sum", &params, Lang::En),
            "weights sum to 45.5 but group \"tech\" weighs 50"
        );
        assert_eq!(
            render(PROBLEMS, "group_weights_sum", &params, Lang::Fr),
            "les pondérations totalisent 45,5 mais le groupe « tech » pèse 50"
        );
        let typed = Params::new()
            .with("expected", "object")
            .with("found", "array");
        assert_eq!(
            render(PROBLEMS, "expected_type", &typed, Lang::En),
            "expected an object, found an array"
        );
        let dated = Params::new().with("launch_date", "2026-09-01");
        assert!(
            render(WARNINGS, "no_environmental_criterion", &dated, Lang::Fr)
                .contains("le 01/09/2026 :")
        );
    }

    /// Every phrase of every list: problems, eliminations, warnings, return-file flags, award
    /// steps, lot statuses, bid outcomes, letter sentences, rounds, and the names of types and
    /// kinds.
    fn every_phrase() -> impl Iterator<Item = &'static Phrase> {
        PROBLEMS
            .iter()
            .chain(ELIMINATIONS)
            .chain(WARNINGS)
            .chain(JSON_TYPES)
            .chain(KINDS)
            .chain(RETURN_FLAGS)
            .chain(AWARD_STEPS)
            .chain(LOT_STATUSES)
            .chain(BID_OUTCOMES)
            .chain(OVER_CAP_RULES)
            .chain(LETTER_LOTS)
            .chain(ROUNDS)
    }

    /// Each phrase's declared parameters as `Params` (what a correct call site gives).
    fn declared(phrase: &Phrase) -> Params {
        phrase
            .params
            .iter()
            .fold(Params::new(), |params, name| params.with(name, "1"))
    }

    #[test]
    fn every_template_names_exactly_its_declared_params_and_is_filled_by_them() {
        let mut seen = 0;
        for phrase in every_phrase() {
            let mut declared_names: Vec<&str> = phrase.params.to_vec();
            declared_names.sort_unstable();
            let before = declared_names.len();
            declared_names.dedup();
            assert_eq!(
                before,
                declared_names.len(),
                "{}: a name declared twice",
                phrase.code
            );
            for lang in [Lang::Fr, Lang::En] {
                let template = phrase.template(lang);
                let mut named = placeholders(template);
                named.sort_unstable();
                assert_eq!(
                    named, declared_names,
                    "{} ({lang:?}): the template's placeholders are not the declared parameters",
                    phrase.code
                );
                let filled = fill(template, &declared(phrase), lang);
                assert!(
                    !filled.contains('{') && !filled.contains('}'),
                    "{} ({lang:?}): {filled}",
                    phrase.code
                );
                seen += 1;
            }
            assert_eq!(phrase.check(&declared(phrase)), Ok(()), "{}", phrase.code);
        }
        assert!(seen > 400, "every list walked ({seen} templates)");
    }

    #[test]
    fn a_call_site_giving_other_params_than_declared_is_caught() {
        let phrase = find(PROBLEMS, "duplicate_score").unwrap();
        assert!(phrase.params.contains(&"first"));
        // The defect the issue saw: a duplicate named without its first occurrence, which
        // printed « (the first is {first}) ».
        let without_first = Params::new()
            .with("evaluator", "e1")
            .with("offer", "o1")
            .with("criterion", "c1");
        let mismatch = phrase.check(&without_first).unwrap_err();
        assert_eq!(mismatch.missing, vec!["first"]);
        assert!(mismatch.unexpected.is_empty());
        let twice = declared(phrase).with("first", "scores[0]");
        assert_eq!(phrase.check(&twice).unwrap_err().unexpected, vec!["first"]);
        let extra = declared(phrase).with("path", "scores[3]");
        assert_eq!(phrase.check(&extra).unwrap_err().unexpected, vec!["path"]);
        assert!(check_params(PROBLEMS, "no_such_code", &Params::new()).is_err());
    }

    #[test]
    fn every_placeholder_of_a_phrase_is_the_same_in_both_languages() {
        let names = |template: &str| {
            let mut names: Vec<String> = template
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}'))
                .map(|(p, _)| p.split(':').next().unwrap_or("").to_owned())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        for phrase in PROBLEMS
            .iter()
            .chain(ELIMINATIONS)
            .chain(WARNINGS)
            .chain(RETURN_FLAGS)
            .chain(AWARD_STEPS)
            .chain(LETTER_LOTS)
            .chain(ROUNDS)
        {
            assert_eq!(names(phrase.fr), names(phrase.en), "{}", phrase.code);
        }
    }

    #[test]
    fn every_over_cap_rule_has_its_name() {
        let rules = crate::lots::OverCapRule::ALL;
        assert_eq!(OVER_CAP_RULES.len(), rules.len());
        for rule in rules {
            assert!(find(OVER_CAP_RULES, rule.as_str()).is_some(), "{rule:?}");
        }
    }
}
