// Why an offer was eliminated, in the language of the interface. The engine writes its reason in
// French (results' `detail`, spec §9), which the French screen shows as is; in English the
// sentence is rebuilt from the same facts: the criterion, whether the committee decided it, the
// automatic check and the deadline, the threshold. (Once eliminations carry a code and
// parameters from Rust, this file gives way to the shared vocabulary.)

import type { Elimination, Evaluation, OfferResult } from '../../ipc/bindings.gen';
import type { OutcomeRead } from '../../lib/read';
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
  const leaf: OutcomeRead | undefined = elimination.criterion ? offer.criteria[elimination.criterion] : undefined;
  const decided = evaluation.consensus.some((c) => c.offer === offer.id && c.criterion === elimination.criterion);
  switch (elimination.reason) {
    case 'irregular': {
      const reason = evaluation.offers.find((o) => o.id === offer.id)?.irregular?.reason;
      return `Offer declared irregular, unacceptable or inappropriate${reason ? `: ${reason}` : ''}`;
    }
    case 'requirement_not_met': {
      let why = 'judged not met by the evaluators';
      if (decided) why = 'decided by the committee';
      else if (criterion?.auto) {
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
