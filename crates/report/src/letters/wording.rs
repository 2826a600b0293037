//! Every fixed sentence of the letters to bidders, once per language.
//!
//! Placeholders in braces (`{date}`, `{total}`…) are filled by the renderer. The legal
//! references are the Code de la commande publique (CCP) for the award and the standstill, and
//! the Code de justice administrative (CJA) and the Conseil d'État's Tarn-et-Garonne decision for
//! the remedies; the sentences are ours.

use jauge_domain::AbnormallyLowMethod;

use crate::i18n::Lang;

pub(crate) struct LetterTexts {
    pub page: &'static str,
    pub reference: &'static str,
    pub lot: &'static str,
    pub addressee: &'static str,
    pub dated: &'static str,
    pub sent_electronic: &'static str,
    pub sent_other: &'static str,
    pub subject: &'static str,
    pub subject_awarded: &'static str,
    pub subject_rejected: &'static str,
    pub subject_consultation: &'static str,
    pub consultation_intro: &'static str,
    pub consultation_awarded_standstill: &'static str,
    pub salutation: &'static str,
    pub awarded_intro: &'static str,
    pub awarded_points: &'static str,
    pub awarded_standstill: &'static str,
    pub rejected_intro: &'static str,
    pub ranked_reason: &'static str,
    pub ranked_points: &'static str,
    pub eliminated_reason: &'static str,
    pub set_aside_reason: &'static str,
    pub assessment: &'static str,
    pub abnormally_low: &'static str,
    pub awardee: &'static str,
    pub advantages_heading: &'static str,
    pub advantages_draft_intro: &'static str,
    pub advantage_points: &'static str,
    pub advantage_price: &'static str,
    pub standstill_heading: &'static str,
    pub standstill: &'static str,
    pub channel_electronic: &'static str,
    pub channel_other: &'static str,
    pub remedies_heading: &'static str,
    pub remedies: &'static str,
    pub closing: &'static str,
    pub signatory: &'static str,
    pub criterion: &'static str,
    pub weight: &'static str,
    pub your_offer: &'static str,
    pub awarded_offer: &'static str,
    pub points: &'static str,
    pub total: &'static str,
}

const FR: LetterTexts = LetterTexts {
    page: "Page",
    reference: "Référence de la consultation",
    lot: "Lot",
    addressee: "Destinataire",
    dated: "Le {date}",
    sent_electronic: "Notification par voie électronique",
    sent_other: "Notification par courrier",
    subject: "Objet",
    subject_awarded: "{title} — attribution du marché",
    subject_rejected: "{title} — rejet de votre offre",
    subject_consultation: "{title} — suite donnée à vos offres, lot par lot",
    consultation_intro: "Nous vous remercions de votre participation à la consultation citée en \
        objet. Chaque lot a été analysé séparément, selon ses propres critères et leur pondération \
        annoncés dans les documents de la consultation, puis les lots ont été attribués selon les \
        règles d’attribution entre les lots publiées. Voici la suite donnée à votre offre sur \
        chaque lot où vous en avez remis une :",
    consultation_awarded_standstill: "Les autres soumissionnaires sont informés ce même jour de \
        la suite donnée à leurs offres. Conformément à l’article R2182-1 du code de la commande \
        publique, aucun marché ne pourra être signé avant le {date} ; chacun vous sera notifié \
        après sa signature.",
    salutation: "Madame, Monsieur,",
    awarded_intro: "Nous avons le plaisir de vous informer que votre offre a été retenue à l’issue de \
        l’analyse des offres selon les critères et la pondération annoncés dans les documents de la \
        consultation : elle est classée première avec un total de {total} points sur {max}.",
    awarded_points: "Vos points, critère par critère :",
    awarded_standstill: "Les autres soumissionnaires sont informés ce même jour du rejet de leur \
        offre. Conformément à l’article R2182-1 du code de la commande publique, le marché ne \
        pourra être signé qu’à compter du {date} ; il vous sera notifié après sa signature.",
    rejected_intro: "Nous vous remercions de votre participation à la consultation citée en objet. \
        Nous avons le regret de vous informer que votre offre n’a pas été retenue.",
    ranked_reason: "À l’issue de l’analyse des offres selon les critères et la pondération \
        annoncés dans les documents de la consultation, votre offre est classée {rank} avec un \
        total de {total} points sur {max}.",
    ranked_points: "Vos points et ceux de l’offre retenue, critère par critère :",
    eliminated_reason: "Votre offre a été écartée, et n’a donc pas été classée, pour le ou les \
        motifs suivants :",
    set_aside_reason: "Votre offre a été écartée à l’issue du tour « {round} » de la \
        procédure ; elle n’a donc pris part ni aux tours suivants ni au classement final. \
        Motif : {reason}",
    assessment: "Appréciation",
    abnormally_low: "Le prix de votre offre est apparu anormalement bas au regard des autres \
        offres admises (méthode de détection : {method}). Votre offre a été rejetée en application \
        des articles L2152-6 et R2152-4 du code de la commande publique, pour le motif indiqué \
        ci-dessus, qui rend compte de la suite donnée aux justifications demandées.",
    awardee: "L’offre retenue est celle de {awardee}, avec un total de {total} points sur {max}.",
    advantages_heading: "Caractéristiques et avantages relatifs de l’offre retenue",
    advantages_draft_intro: "Sur les critères où elle a obtenu davantage de points que la vôtre, \
        l’offre retenue a été appréciée comme suit :",
    advantage_points: "{awardee} points contre {own}",
    advantage_price: "prix plus avantageux",
    standstill_heading: "Signature du marché",
    standstill: "Conformément à l’article R2182-1 du code de la commande publique, le marché ne \
        sera pas signé avant l’expiration d’un délai de {days} jours à compter de l’envoi de la \
        présente notification ({channel}) : il pourra être signé à compter du {date}.",
    channel_electronic: "envoyée par voie électronique",
    channel_other: "envoyée par courrier",
    remedies_heading: "Voies de recours",
    remedies: "Vous pouvez contester cette décision devant le tribunal administratif \
        compétent : avant la signature du marché, par un référé précontractuel (articles L551-1 \
        et suivants du code de justice administrative) ; après sa signature, par un référé \
        contractuel (articles L551-13 et suivants du même code), dans les conditions qu’il \
        prévoit ; enfin par un recours en contestation de la validité du contrat (Conseil d’État, \
        Assemblée, 4 avril 2014, Département de Tarn-et-Garonne), dans un délai de deux mois à \
        compter de l’accomplissement des mesures de publicité appropriées de sa conclusion.",
    closing: "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations \
        distinguées.",
    signatory: "Pour l’acheteur",
    criterion: "Critère",
    weight: "Pondération",
    your_offer: "Votre offre",
    awarded_offer: "Offre retenue",
    points: "Points",
    total: "Total",
};

const EN: LetterTexts = LetterTexts {
    page: "Page",
    reference: "Tender reference",
    lot: "Lot",
    addressee: "To",
    dated: "{date}",
    sent_electronic: "Notified electronically",
    sent_other: "Notified by post",
    subject: "Subject",
    subject_awarded: "{title} — award of the contract",
    subject_rejected: "{title} — your tender was not successful",
    subject_consultation: "{title} — outcome of your tenders, lot by lot",
    consultation_intro: "Thank you for taking part in the consultation referred to above. Each \
        lot was evaluated on its own, on the criteria and weighting announced in the consultation \
        documents, then the lots were awarded under the published rules for awarding lots. Here \
        is the outcome of your tender on each lot you bid for:",
    consultation_awarded_standstill: "The other bidders are informed of the outcome of their \
        tenders on the same day. Under article R2182-1 of the Code de la commande publique, no \
        contract will be signed before {date}; each will be notified to you once signed.",
    salutation: "Dear Sir or Madam,",
    awarded_intro: "We are pleased to inform you that your tender has been selected after the \
        evaluation of the tenders against the criteria and weighting announced in the tender \
        documents: it is ranked first with a total of {total} points out of {max}.",
    awarded_points: "Your points, criterion by criterion:",
    awarded_standstill: "The other tenderers are informed today that their tenders were not \
        retained. Under article R2182-1 of the French public procurement code (Code de la \
        commande publique), the contract may be signed from {date} onwards; it will be notified \
        to you once signed.",
    rejected_intro: "Thank you for taking part in the tender referred to above. We regret to \
        inform you that your tender has not been retained.",
    ranked_reason: "After the evaluation of the tenders against the criteria and weighting \
        announced in the tender documents, your tender is ranked {rank} with a total of {total} \
        points out of {max}.",
    ranked_points: "Your points and those of the successful tender, criterion by criterion:",
    eliminated_reason: "Your tender was set aside, and therefore not ranked, for the following \
        reason(s):",
    set_aside_reason: "Your tender was set aside at the end of the “{round}” round of the \
        procedure, and so took no part in the later rounds or in the final ranking. Reason: \
        {reason}",
    assessment: "Assessment",
    abnormally_low: "The price of your tender appeared abnormally low compared with the other \
        admitted tenders (detection method: {method}). Your tender was rejected under articles \
        L2152-6 and R2152-4 of the Code de la commande publique, for the reason given above, which \
        records the follow-up to the explanations requested.",
    awardee: "The successful tender is that of {awardee}, with a total of {total} points out of \
        {max}.",
    advantages_heading: "Characteristics and relative advantages of the successful tender",
    advantages_draft_intro: "On the criteria where it earned more points than yours, the \
        successful tender was assessed as follows:",
    advantage_points: "{awardee} points against {own}",
    advantage_price: "more advantageous price",
    standstill_heading: "Signature of the contract",
    standstill: "Under article R2182-1 of the Code de la commande publique, the contract will \
        not be signed before a period of {days} days has elapsed from the sending of this notice \
        ({channel}): it may be signed from {date} onwards.",
    channel_electronic: "sent electronically",
    channel_other: "sent by post",
    remedies_heading: "Remedies",
    remedies: "You may challenge this decision before the competent administrative court: \
        before the contract is signed, through a pre-contractual summary procedure (référé \
        précontractuel, articles L551-1 ff. of the Code de justice administrative); after it is \
        signed, through a contractual summary procedure (référé contractuel, articles L551-13 ff. \
        of the same code), under the conditions it sets; and through an action contesting the \
        validity of the contract (Conseil d’État, 4 April 2014, Département de Tarn-et-Garonne), \
        within two months of the appropriate publication of its conclusion.",
    closing: "Yours faithfully,",
    signatory: "For the buyer",
    criterion: "Criterion",
    weight: "Weight",
    your_offer: "Your tender",
    awarded_offer: "Successful tender",
    points: "Points",
    total: "Total",
};

pub(crate) fn texts(lang: Lang) -> &'static LetterTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The detection method of abnormally low offers, as a letter names it (spec §8.4).
pub(crate) fn method(lang: Lang, method: AbnormallyLowMethod) -> String {
    match (lang, method) {
        (Lang::Fr, AbnormallyLowMethod::None) => "aucune".into(),
        (Lang::En, AbnormallyLowMethod::None) => "none".into(),
        (Lang::Fr, AbnormallyLowMethod::MeanMinusSigma) => {
            "prix inférieur à la moyenne des prix diminuée d’un écart type".into()
        }
        (Lang::En, AbnormallyLowMethod::MeanMinusSigma) => {
            "price below the mean price minus one standard deviation".into()
        }
        (lang, AbnormallyLowMethod::PercentBelowMean { percent }) => {
            let p = lang.percent(percent.unwrap_or(jauge_domain::DEFAULT_PERCENT_BELOW_MEAN) / 100.0);
            match lang {
                Lang::Fr => format!("prix inférieur de plus de {p} à la moyenne des prix"),
                Lang::En => format!("price more than {p} below the mean price"),
            }
        }
        (Lang::Fr, AbnormallyLowMethod::TrimmedMean) => {
            "prix inférieur de plus de 10\u{A0}% à la moyenne des prix hors offres de plus de 20\u{A0}% au-dessus de la moyenne"
                .into()
        }
        (Lang::En, AbnormallyLowMethod::TrimmedMean) => {
            "price more than 10% below the mean of the prices that are not over 20% above the mean"
                .into()
        }
    }
}

/// The fixed sentences of a request to a bidder (clarification, regularisation, negotiation).
/// The legal references: R2161-5 and R2161-11 (in an open or restricted call for tenders the
/// buyer may only ask a bidder to clarify its offer), R2152-2 (regularising an irregular offer
/// within an appropriate deadline, without changing its substantial features), R2161-17
/// (minimum requirements and award criteria are not negotiated), R2152-3 (the buyer asks for
/// the justification of a price that looks abnormally low) and L2152-6 / R2152-4 (rejected when
/// found abnormally low); the sentences are ours.
pub(crate) struct RequestTexts {
    pub subject_clarification: &'static str,
    pub subject_regularisation: &'static str,
    pub subject_negotiation: &'static str,
    pub subject_abnormally_low: &'static str,
    pub number: &'static str,
    pub round: &'static str,
    pub clarification_intro: &'static str,
    pub basis_open: &'static str,
    pub basis_restricted: &'static str,
    pub regularisation_reason: &'static str,
    pub regularisation_intro: &'static str,
    pub negotiation_intro: &'static str,
    pub negotiation_intro_round: &'static str,
    pub abnormally_low_intro: &'static str,
    pub question_heading: &'static str,
    pub criteria: &'static str,
    pub answer_heading: &'static str,
    pub deadline: &'static str,
    pub no_deadline: &'static str,
    pub clarification_limit: &'static str,
    pub regularisation_limit: &'static str,
    pub negotiation_limit: &'static str,
    pub abnormally_low_limit: &'static str,
    pub quote: &'static str,
}

const REQUEST_FR: RequestTexts = RequestTexts {
    subject_clarification: "{title} — demande de précisions sur votre offre",
    subject_regularisation: "{title} — demande de régularisation de votre offre",
    subject_negotiation: "{title} — négociation de votre offre",
    subject_abnormally_low: "{title} — justification du prix de votre offre",
    number: "Demande n°",
    round: "Tour",
    clarification_intro: "Dans le cadre de l’examen des offres remises pour la consultation \
        citée en objet, nous vous demandons de préciser la teneur de votre offre sur le point \
        suivant{basis}.",
    basis_open: " (article R2161-5 du code de la commande publique)",
    basis_restricted: " (article R2161-11 du code de la commande publique)",
    regularisation_reason: "L’examen de votre offre a fait apparaître qu’elle est irrégulière \
        pour le motif suivant : {reason}.",
    regularisation_intro: "En application de l’article R2152-2 du code de la commande \
        publique, nous vous invitons à régulariser votre offre sur le point précisé ci-dessous, \
        dans le délai indiqué.",
    negotiation_intro: "Dans le cadre de la négociation prévue par les documents de la \
        consultation, nous vous invitons à nous faire part de vos propositions sur le point \
        suivant.",
    negotiation_intro_round: "Dans le cadre de la négociation prévue par les documents de la \
        consultation (tour « {round} »), nous vous invitons à nous faire part de vos propositions \
        sur le point suivant.",
    abnormally_low_intro: "Le prix de votre offre paraît anormalement bas. En application de \
        l’article R2152-3 du code de la commande publique, nous vous demandons de nous fournir \
        des précisions et justifications sur le montant de votre offre, en particulier sur le \
        point suivant.",
    question_heading: "Objet de la demande",
    criteria: "Critères concernés",
    answer_heading: "Votre réponse",
    deadline: "Votre réponse est attendue au plus tard le {date}.",
    no_deadline: "Nous vous remercions de nous répondre dans les meilleurs délais.",
    clarification_limit: "Vos précisions expliquent le contenu de votre offre : elles ne \
        peuvent ni la modifier ni la compléter.",
    regularisation_limit: "La régularisation porte sur ce seul point : elle ne peut modifier \
        les caractéristiques substantielles de votre offre, ni l’améliorer sur d’autres points.",
    negotiation_limit: "La négociation ne porte ni sur les exigences minimales ni sur les \
        critères d’attribution fixés par les documents de la consultation.",
    abnormally_low_limit: "Si, après vérification de vos justifications, l’offre est établie \
        comme anormalement basse, elle sera rejetée (articles L2152-6 et R2152-4 du code de la \
        commande publique).",
    quote: "Merci de rappeler dans votre réponse la référence de la consultation et le numéro \
        de la demande ({id}).",
};

const REQUEST_EN: RequestTexts = RequestTexts {
    subject_clarification: "{title} — request to clarify your offer",
    subject_regularisation: "{title} — request to regularise your offer",
    subject_negotiation: "{title} — negotiation of your offer",
    subject_abnormally_low: "{title} — justification of your offer's price",
    number: "Request no.",
    round: "Round",
    clarification_intro: "In the course of examining the offers submitted for the above \
        tender, we ask you to clarify the content of your offer on the following point{basis}.",
    basis_open: " (art. R2161-5 of the French public procurement code)",
    basis_restricted: " (art. R2161-11 of the French public procurement code)",
    regularisation_reason: "Examining your offer showed that it is irregular for the following \
        reason: {reason}.",
    regularisation_intro: "Under article R2152-2 of the French public procurement code, we \
        invite you to regularise your offer on the point set out below, within the deadline \
        given.",
    negotiation_intro: "In the negotiation provided for by the consultation documents, we \
        invite you to send us your proposals on the following point.",
    negotiation_intro_round: "In the negotiation provided for by the consultation documents \
        (round \"{round}\"), we invite you to send us your proposals on the following point.",
    abnormally_low_intro: "The price of your offer looks abnormally low. Under article R2152-3 \
        of the French public procurement code, we ask you to give us details and justifications \
        of the amount of your offer, in particular on the following point.",
    question_heading: "What we ask",
    criteria: "Criteria concerned",
    answer_heading: "Your answer",
    deadline: "We expect your answer by {date} at the latest.",
    no_deadline: "Thank you for answering as soon as possible.",
    clarification_limit: "Your clarification explains the content of your offer: it may \
        neither change nor complete it.",
    regularisation_limit: "The regularisation bears on this point only: it may not change \
        the substantial features of your offer, nor improve it on other points.",
    negotiation_limit: "The negotiation bears neither on the minimum requirements nor on the \
        award criteria set by the consultation documents.",
    abnormally_low_limit: "If, once your justifications are checked, the offer is found to be \
        abnormally low, it will be rejected (art. L2152-6 and R2152-4 of the French public \
        procurement code).",
    quote: "Please quote the tender reference and the request number ({id}) in your answer.",
};

pub(crate) fn request_texts(lang: Lang) -> &'static RequestTexts {
    match lang {
        Lang::Fr => &REQUEST_FR,
        Lang::En => &REQUEST_EN,
    }
}
