// Why an offer was eliminated, in the language of the interface. The engine writes its reason in
// French (results' `detail`, spec §9), which the French screen shows as is; in English the
// sentence is rebuilt from the same facts: the criterion, where its value came from, the
// automatic check and the deadline, the threshold.

import type { Elimination, Evaluation, OfferResult } from '../../lib/model';
import type { Lang } from '../../lib/i18n.svelte';
import { formatDate, formatNumber } from '../../lib/format';
import { schemeLabel } from '../../lib/schemes';
import { findCriterion } from '../../lib/tree';

export function eliminationText(
  elimination: Elimination,
  offer: OfferResult,
  evaluation: Evaluation,
  lang: Lang,
): string {
  const criterion = elimination.criterion ? findCriterion(evaluation.criteria, elimination.criterion) : undefined;
  if (lang === 'fr') return elimination.detail || criterion?.title || '';
  const title = criterion?.title ?? elimination.criterion ?? '';
  const leaf = elimination.criterion ? offer.criteria[elimination.criterion] : undefined;
  switch (elimination.reason) {
    case 'irregular': {
      const reason = evaluation.offers.find((o) => o.id === offer.id)?.irregular?.reason;
      return `Offer declared irregular, unacceptable or inappropriate${reason ? `: ${reason}` : ''}`;
    }
    case 'requirement_not_met': {
      let why = 'judged not met by the evaluators';
      if (leaf?.source === 'consensus') why = 'decided by the committee';
      else if (leaf?.source === 'certifications' && criterion?.auto) {
        const level =
          criterion.auto.min_level != null ? ` of level ${formatNumber(criterion.auto.min_level, lang)} or above` : '';
        why = `no “${schemeLabel(criterion.auto.scheme)}” certification${level} valid on the deadline (${formatDate(evaluation.tender.deadline, lang)})`;
      }
      return `Requirement “${title}” not met: ${why}`;
    }
    case 'below_threshold': {
      const value = leaf?.value != null ? ` ${formatNumber(leaf.value, lang)}` : '';
      const threshold = criterion?.threshold != null ? ` of ${formatNumber(criterion.threshold, lang)}` : '';
      return `Score${value} below the elimination threshold${threshold} of criterion “${title}”`;
    }
  }
}
