// A mocked shell for looking at the built UI in a real browser: the demo tender (the shell's
// real answers, written by Rust, see tests/fixtures/index.ts) behind every command the screens
// call.
// Returns the source of a classic script to inject before the app loads.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const ui = join(here, '..', '..');
const read = (name) => readFileSync(join(ui, 'tests', 'fixtures', name), 'utf8');

export function demoShellScript() {
  const mocks = readFileSync(join(ui, 'node_modules', '@tauri-apps', 'api', 'mocks.js'), 'utf8').replace(
    /export\s*\{([^}]*)\};?\s*$/,
    (_, names) => `window.__TAURI_MOCKS__ = {${names}};`,
  );
  const view = JSON.parse(read('progress-view.json'));
  const { tender, offers, evaluators, scores } = view.evaluation;
  const data = {
    view,
    decided: JSON.parse(read('progress-set-consensus-o1-rev.plan.json')),
    simulations: JSON.parse(read('demo-simulations.json')),
    catalog: JSON.parse(read('catalog-search.json')),
    summaries: [
      {
        reference: tender.reference,
        title: tender.title,
        buyer: tender.buyer,
        deadline: tender.deadline,
        offers: offers.length,
        evaluators: evaluators.length,
        scores: scores.length,
        changedAt: '2026-10-21T14:05:00Z',
      },
      { reference: 'CHU-HDS-2027', title: 'Hébergement de données de santé du GHT (fictif)', buyer: 'CHU de Montbrison (fictif)', deadline: '2027-01-15', offers: 2, evaluators: 2, scores: 0, changedAt: '2026-11-02T10:00:00Z' },
    ],
  };
  return `${mocks}
(() => {
  const data = ${JSON.stringify(data)};
  const journal = [
    { seq: 1, at: '2026-10-20T08:00:00Z', actor: 'slambert', action: 'evaluation.import', payload: '{"tender":{"reference":"2026-DNUM-CDC-014"}}', stateHash: 's1', prevHash: '0', hash: 'a1' },
    { seq: 2, at: '2026-10-20T09:12:00Z', actor: 'jmorel', action: 'score.set', payload: '{"scores":[{"offer":"o1","criterion":"tech.archi","evaluator":"e2","value":4}]}', stateHash: 's2', prevHash: 'a1', hash: 'b2' },
    { seq: 3, at: '2026-10-21T14:05:00Z', actor: 'slambert', action: 'consensus.set', payload: '{"consensus":[{"offer":"o5","criterion":"tech.archi","value":2}]}', stateHash: 's3', prevHash: 'b2', hash: 'c3' },
  ];
  window.__TAURI_MOCKS__.mockIPC((cmd, args) => {
    switch (cmd) {
      case 'app_info': return { version: '0.1.0', dbPath: '/home/slambert/.local/share/jauge/jauge.db', osUser: 'slambert' };
      case 'list_evaluations': return data.summaries;
      case 'list_templates': return [
        { name: 'cloud-sensitive', description: "Hébergement cloud de données de l'État d'une sensibilité particulière : qualification SecNumCloud exigée, localisation et immunité au droit extra-européen vérifiées." },
        { name: 'gaia-x-label-2', description: 'Service cloud labellisé Gaia-X de niveau 2 au moins.' },
        { name: 'health-hds', description: 'Hébergement de données de santé : certification HDS exigée.' },
      ];
      case 'open_evaluation': return data.view;
      // The demo tender is a single round of offers: no round to show, as the shell answers.
      case 'rounds_overview': return { rounds: [], comparisons: [], notes: [] };
      case 'simulate_price_formulas': return data.simulations;
      case 'search_catalog': return data.catalog;
      case 'list_journal': return journal;
      case 'verify_journal': return { entries: journal.length, headHash: '3f5c0d9e2b7a41c68e0f9a1d2c3b4a5968776655443322110ffeeddccbbaa998', intact: true, broken: null };
      case 'verify_report': return { fullySigned: true, signatures: [
        { fieldName: 'Signature1', signerCommonName: 'Sophie Lambert', signerSubject: 'CN=Sophie Lambert,O=Ministère (fictif),C=FR', signingTime: '2026-10-22T10:15:00Z', byteRangeValid: true, digestMatches: true, signatureValid: true, intact: true, coversWholeFile: false, problem: null },
        { fieldName: 'Signature2', signerCommonName: 'Julien Morel', signerSubject: 'CN=Julien Morel,O=Ministère (fictif),C=FR', signingTime: '2026-10-22T11:02:00Z', byteRangeValid: true, digestMatches: true, signatureValid: true, intact: true, coversWholeFile: true, problem: null },
      ] };
      case 'replace_criteria': throw { code: 'invalid', message: 'error: criteria[1].children: weights sum to 35 but group "tech" weighs 40\\nerror: criteria: top-level weights sum to 95, not 100' };
      case 'set_consensus': return data.decided;
      // The cell as typed, with the results unchanged: enough to look at the grid.
      case 'set_score': return { offer: args.score.offer, criterion: args.score.criterion, scores: [args.score], consensus: null, results: data.view.results };
      case 'remove_score': return { offer: args.offer, criterion: args.criterion, scores: [], consensus: null, results: data.view.results };
      default: return null;
    }
  });
})();`;
}
