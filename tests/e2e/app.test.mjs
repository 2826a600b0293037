// End-to-end tests of the real Jauge desktop binary: tauri-driver (spawned here, in its own
// process group) drives the app through WebKitWebDriver. The app gets a fresh JAUGE_DATA_DIR, so
// it starts with the demo evaluation freshly imported. The X display comes from the caller
// (scripts/e2e.sh starts Xvfb).
//
// The scenarios run in order on one app session, as a buyer would: open the demo, change a
// score and see the ranking change, resolve the divergence this creates, export the report,
// sign it and verify it, write and sign the letters to the bidders, write the workbook and a
// blank grid. The committee screen sends a package out; the command line plays the evaluator's
// laptop and writes the return file, which comes back in. Then three app profiles (separate data
// folders) stand for a committee of three laptops: the buyer writes two packages, each member
// opens theirs, declares and scores in their own workspace and writes a return file (one signed),
// the buyer merges both, settles the divergence, and the report lists the files and the
// declarations. A tender with a price schedule: a discrepancy's correction accepted moves the
// ranking and is in the report; a bidder's filled schedule (the command line's blank workbook,
// filled by tests/e2e/xlsx.mjs and saved by LibreOffice headless) is imported, and a unit price
// typed in French moves the total. A last session starts the app on a damaged store: the first screen
// says so, with the file's path, and setting it aside starts a fresh store while the damaged
// file is kept byte for byte. Every screen is checked with axe-core (no serious or critical
// violation) and photographed into docs/screenshots/<screen>.png.
//
// Environment: JAUGE_E2E_APP (the app binary), JAUGE_E2E_CLI (the jauge command line),
// JAUGE_E2E_TAURI_DRIVER (tauri-driver),
// JAUGE_E2E_SCREENSHOTS (screenshot folder; empty to skip), JAUGE_E2E_GPU=1 (GPU compositing on;
// the app ships with it off). Defaults suit scripts/e2e.sh.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, stopApp } from './driver.mjs';
import { fillSchedule, savedByLibreOffice } from './xlsx.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const app = process.env.JAUGE_E2E_APP ?? path.join(root, 'target/debug/jauge-desktop');
// The command line stands in for an evaluator's own Jauge on another laptop.
const cli = process.env.JAUGE_E2E_CLI ?? path.join(root, 'target/debug/jauge');
const tauriDriver =
  process.env.JAUGE_E2E_TAURI_DRIVER ?? path.join(root, 'target/tools/bin/tauri-driver');
const screenshots = process.env.JAUGE_E2E_SCREENSHOTS ?? path.join(root, 'docs/screenshots');
const pki = path.join(root, 'tests/fixtures/pki');
const gpu = process.env.JAUGE_E2E_GPU === '1';
const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

const DEMO = '2026-DNUM-CDC-014';
/** What an interrupted copy or a renamed file leaves in place of the store. */
const DAMAGED = 'PK\u0003\u0004 this is a zip, not a store';
const TIMEOUT = 15_000;

let browser;
let driver;
let work;
let driverLog;

const byTestId = (id) => browser.$(`[data-testid="${id}"]`);

async function shown(id) {
  const element = await byTestId(id);
  await element.waitForDisplayed({ timeout: TIMEOUT, timeoutMsg: `${id} is not displayed` });
  return element;
}

/** Ticks a design-system checkbox: its input is drawn by its label, which takes the click. */
async function tick(id) {
  const input = await byTestId(id);
  await input.waitForExist({ timeout: TIMEOUT, timeoutMsg: `${id} does not exist` });
  await (await browser.$(`label[for="${await input.getAttribute('id')}"]`)).click();
  await browser.waitUntil(async () => (await byTestId(id)).isSelected(), {
    timeout: TIMEOUT,
    timeoutMsg: `${id} did not tick`,
  });
}

/** Opens a section of the demo from the side menu and waits for its heading. */
async function section(name) {
  await (await shown(`nav-${name}`)).click();
  await browser.waitUntil(
    async () => (await (await byTestId(`nav-${name}`)).getAttribute('aria-current')) === 'page',
    { timeout: TIMEOUT, timeoutMsg: `section ${name} did not open` },
  );
  await shown('section-title');
}

/** Offer ids of the ranking table, best first (eliminated offers follow the ranked ones). */
async function ranking() {
  const table = await shown('ranking-table');
  const rows = await table.$$('tbody tr[data-testid^="rank-row-"]');
  const ids = [];
  for (const row of rows) ids.push((await row.getAttribute('data-testid')).replace('rank-row-', ''));
  return ids;
}

/** axe-core on the current screen: fails on any serious or critical violation. */
async function checkAccessibility(screen) {
  const injected = await browser.execute(() => typeof window.axe === 'object');
  if (!injected) await browser.execute(axeSource);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((result) =>
        done(
          result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            })),
        ),
      )
      .catch((error) => done([{ id: 'axe-error', impact: 'critical', help: String(error) }]));
  });
  assert.deepEqual(violations, [], `${screen}: serious or critical accessibility violations`);
}

async function photograph(screen) {
  if (!screenshots) return;
  fs.mkdirSync(screenshots, { recursive: true });
  // From the top of the page, once transitions and the live region have settled.
  await browser.execute(() => window.scrollTo(0, 0));
  await browser.pause(300);
  // WebKitWebDriver takes the picture after the page's next repaint. With GPU compositing off
  // (the app as shipped) a still page never repaints, and the command waited forever on the
  // journal screen; a one-pixel ticker at 1 % opacity, removed afterwards, asks for repaints
  // without changing the picture.
  await browser.execute(() => {
    const tick = document.createElement('div');
    tick.id = 'e2e-repaint-tick';
    tick.setAttribute('aria-hidden', 'true');
    tick.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
    document.body.append(tick);
    let odd = false;
    window.e2eRepaintTimer = setInterval(() => {
      odd = !odd;
      tick.style.background = odd ? 'rgba(128,128,128,0.01)' : 'rgba(128,128,128,0.02)';
    }, 50);
  });
  try {
    await browser.saveScreenshot(path.join(screenshots, `${screen}.png`));
  } finally {
    await browser.execute(() => {
      clearInterval(window.e2eRepaintTimer);
      document.getElementById('e2e-repaint-tick')?.remove();
    });
  }
}

/**
 * Every visible table's first row starts where its header ends: WebKit let a hidden caption
 * open a blank band between them (DSFR's `fr-table--no-caption` is the way to hide one).
 */
async function checkTables(screen) {
  const gaps = await browser.execute(() =>
    [...document.querySelectorAll('table')]
      .filter((table) => table.tHead && table.tBodies[0]?.rows.length && table.getClientRects().length)
      .map((table) => ({
        table: table.closest('[data-testid]')?.getAttribute('data-testid') ?? table.caption?.textContent ?? '?',
        gap: table.tBodies[0].getBoundingClientRect().top - table.tHead.getBoundingClientRect().bottom,
      }))
      .filter(({ gap }) => Math.abs(gap) > 2),
  );
  assert.deepEqual(gaps, [], `${screen}: a blank band between a table's header and its rows`);
}

async function visit(screen) {
  await photograph(screen);
  await checkAccessibility(screen);
  await checkTables(screen);
}

/** Starts the app on the store folder `dataDir` and opens the session every helper uses. */
async function launch(dataDir) {
  // One app at a time: a session a failed test left open is closed first, never orphaned.
  if (driver) await stopApp({ driver, browser });
  assert.ok(fs.existsSync(app), `no app binary at ${app} (build it: scripts/e2e.sh)`);
  assert.ok(fs.existsSync(tauriDriver), `no tauri-driver at ${tauriDriver}`);
  driverLog = path.join(work, `tauri-driver-${path.basename(dataDir)}.log`);
  const log = fs.openSync(driverLog, 'w');
  ({ driver, browser } = await startApp({
    tauriDriver,
    app,
    stdio: ['ignore', log, log],
    // The app as shipped: GPU compositing off (src-tauri/src/webview.rs), unless
    // JAUGE_E2E_GPU=1.
    env: { JAUGE_DATA_DIR: dataDir, ...(gpu ? { JAUGE_HARDWARE_ACCELERATION: '1' } : {}) },
    timeout: TIMEOUT,
  }));
}

const stop = () => stopApp({ driver, browser });

describe('Jauge desktop app', () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'jauge-e2e-'));
    await launch(path.join(work, 'data'));
  });

  after(stop);

  test('the demo is imported on first launch and opens from the list', async () => {
    await shown(`evaluation-row-${DEMO}`);
    await visit('evaluations');
    await (await shown(`open-${DEMO}`)).click();
    await shown('scoring-grid');
    await visit('scoring');
  });

  test('set-up and offers screens show the demo', async () => {
    await section('setup');
    await visit('setup');
    await section('offers');
    await shown('offer-row-o1');
    await visit('offers');
  });

  test('changing a score in the grid changes the ranking', async () => {
    await section('results');
    assert.deepEqual(
      (await ranking()).slice(0, 3),
      ['o3', 'o1', 'o5'],
      'demo ranking before the change',
    );

    await section('scoring');
    const select = await shown('evaluator-select');
    await select.selectByAttribute('value', 'e1');
    // Sophie Lambert lowers Nébula's architecture score from 4 to 0: with 14 points at stake,
    // Nébula (66.5) falls behind Cumulus (64.3).
    const cell = await shown('cell-o1-tech.archi');
    await cell.click();
    await browser.keys(['0']);
    await (await shown('editor')).waitForDisplayed();
    await browser.keys(['Enter']);
    await browser.waitUntil(
      async () => (await (await byTestId('cell-o1-tech.archi')).getText()).trim().startsWith('0'),
      { timeout: TIMEOUT, timeoutMsg: 'the new score is not shown in the grid' },
    );

    await section('results');
    await browser.waitUntil(async () => (await ranking()).slice(0, 3).join() === 'o3,o5,o1', {
      timeout: TIMEOUT,
      timeoutMsg: 'the ranking did not change after the score change',
    });
    await shown('stacked-chart');
    await visit('results');
  });

  test('the divergence this creates is resolved in the consensus screen', async () => {
    await section('consensus');
    const item = await shown('consensus-o1-tech.archi');
    const value = await item.$('[data-testid="consensus-value"]');
    if ((await value.getTagName()) === 'select') await value.selectByAttribute('value', '3');
    else await value.setValue('3');
    await (await item.$('[data-testid="consensus-rationale"]')).setValue(
      'La commission retient 3 : architecture multi-zones démontrée, plan de reprise testé.',
    );
    await (await item.$('[data-testid="consensus-save"]')).click();
    await (await byTestId('consensus-o1-tech.archi'))
      .$('[data-testid="consensus-remove"]')
      .waitForDisplayed({ timeout: TIMEOUT, timeoutMsg: 'the decision was not recorded' });
    await visit('consensus');

    await section('journal');
    // Entries: 1 the demo import, 2 the score change, 3 the committee decision.
    const decision = await shown('journal-row-3');
    assert.match(await decision.getText(), /consensus/i, 'the journal shows the decision');
    // Described in the buyer's words, from the payload the store recorded.
    assert.match(
      await (await shown('journal-row-2')).getText(),
      /Nébula Souveraine SAS — Architecture, robustesse et continuité de service\s:\s0\s\(Sophie Lambert\)/,
      'the journal names the offer, criterion and evaluator of the score change',
    );
    assert.equal(
      await (await shown('journal-verdict')).getAttribute('data-intact'),
      'true',
      'the journal chain verifies',
    );
    await visit('journal');
  });

  test('a package goes to an evaluator, their return file comes back, an altered one is refused', async () => {
    const packageFile = path.join(work, 'paquet-e2.json');
    const returned = path.join(work, 'retour-e2.json');
    const member = path.join(work, 'membre.sqlite3');
    await section('committee');
    assert.equal((await browser.$$('tr[data-testid^="progress-"]')).length, 3, 'one row per evaluator');
    await (await shown('package-evaluator')).selectByAttribute('value', 'e2');
    await (await shown('package-output-path')).setValue(packageFile);
    await (await shown('package-export')).click();
    await shown('package-written');
    const package_ = JSON.parse(fs.readFileSync(packageFile, 'utf8'));
    assert.equal(package_.evaluator, 'e2');
    // On the member's laptop: open the package, write the return file.
    execFileSync(cli, ['package', 'open', packageFile, '--db', member]);
    // The member declares no conflict of interest with any bidder before returning the file.
    execFileSync(cli, ['package', 'declare', package_.evaluation.tender.reference, '--evaluator', 'e2', '--db', member]);
    execFileSync(cli, ['package', 'return', packageFile, '-o', returned, '--db', member]);
    await (await shown('return-file-path')).setValue(returned);
    await (await shown('return-import')).click();
    const merged = await shown('return-merged');
    assert.equal(await merged.getAttribute('data-written'), '0', 'the member changed no score');
    assert.ok(Number(await merged.getAttribute('data-unchanged')) > 0);
    assert.equal(await merged.getAttribute('data-declarations'), '5', 'one declaration per offer');
    await (await shown('declare-evaluator')).selectByAttribute('value', 'e2');
    for (const offer of package_.evaluation.offers) {
      assert.equal(await (await shown(`declaration-${offer.id}`)).getAttribute('data-state'), 'none', offer.id);
    }
    // The journal's record of the committee's files: the package out, the return file in.
    const sent = await shown('committee-file-0');
    assert.equal(await sent.getAttribute('data-direction'), 'sent');
    assert.equal(await (await shown('committee-file-1')).getAttribute('data-direction'), 'received');
    assert.ok((await sent.getText()).includes('paquet-e2.json'));
    // Edited by hand: refused whole.
    const text = fs.readFileSync(returned, 'utf8');
    fs.writeFileSync(returned, text.replace(/"value": (\d)/, (_, d) => `"value": ${d === '1' ? '2' : '1'}`));
    assert.notEqual(fs.readFileSync(returned, 'utf8'), text);
    await (await shown('return-import')).click();
    const refused = await shown('return-error');
    assert.equal(await refused.getAttribute('data-code'), 'invalid');
    await visit('committee');
  });

  test('the report is exported, signed with a PKCS#12 and verified intact', async () => {
    const report = path.join(work, 'rapport.pdf');
    const signed = path.join(work, 'rapport-signé.pdf');
    await section('report');
    await (await shown('report-output-path')).setValue(report);
    await (await shown('report-export')).click();
    await shown('report-exported');
    assert.equal(fs.readFileSync(report).subarray(0, 5).toString(), '%PDF-', 'a PDF was written');

    const password = fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim();
    await (await shown('sign-input-path')).setValue(report);
    await (await shown('sign-output-path')).setValue(signed);
    await (await shown('sign-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
    await (await shown('sign-password')).setValue(password);
    await (await shown('sign-submit')).click();
    assert.equal(await (await shown('signed-verdict')).getAttribute('data-ok'), 'true');
    assert.ok(fs.existsSync(signed), 'the signed PDF was written');

    await (await shown('verify-path')).setValue(signed);
    await (await shown('verify-submit')).click();
    const verdict = await shown('verify-verdict');
    assert.equal(await verdict.getAttribute('data-ok'), 'true', 'the signature verifies intact');
    await visit('report');
  });

  test('every bidder gets a letter, each signed with one password for the batch', async () => {
    const folder = path.join(work, 'courriers');
    await section('letters');
    // Prepared on opening: one letter per offer, the awardee's first.
    await shown('letters-write');
    const letters = await browser.$$('article[data-testid^="letter-"]');
    assert.equal(letters.length, 5, 'one letter per offer of the demo');
    assert.equal(await letters[0].getAttribute('data-kind'), 'awarded');
    await (await shown('letters-folder-path')).setValue(folder);
    const password = fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim();
    await (await shown('letters-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
    await (await shown('letters-password')).setValue(password);
    await (await shown('letters-write')).click();
    const written = await shown('letters-written');
    assert.equal(await written.getAttribute('data-count'), '5');
    const files = fs.readdirSync(folder).filter((name) => name.endsWith('.pdf'));
    assert.equal(files.length, 5, `letters written: ${files}`);
    const signed = await browser.$$('[data-testid^="written-"][data-signed="true"]');
    assert.equal(signed.length, 5, 'every letter is signed and its signature verified');
    await visit('letters');
  });

  test('the workbook and a blank grid are written; a file that is no workbook is refused', async () => {
    const workbook = path.join(work, 'analyse.xlsx');
    const grid = path.join(work, 'grille.xlsx');
    await section('sheets');
    await (await shown('workbook-output-path')).setValue(workbook);
    await (await shown('workbook-export')).click();
    await shown('workbook-written');
    assert.equal(fs.readFileSync(workbook).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) was written');
    await (await shown('grid-output-path')).setValue(grid);
    await (await shown('grid-export')).click();
    await shown('grid-written');
    assert.equal(fs.readFileSync(grid).subarray(0, 2).toString(), 'PK', 'the blank grid was written');
    // The signed report is no workbook: refused with a clear error, nothing saved.
    await (await shown('grid-import-path')).setValue(path.join(work, 'rapport.pdf'));
    await (await shown('grid-import-submit')).click();
    const refused = await shown('grid-import-error');
    assert.equal(await refused.getAttribute('data-code'), 'invalid');
    await visit('sheets');
  });
});

describe('the committee on three laptops', () => {
  // Three app profiles (separate data folders) stand for the buyer's laptop and two members'.
  let buyerData;
  const file = (name) => path.join(work, 'committee', name);

  before(async () => {
    fs.mkdirSync(path.join(work, 'committee'), { recursive: true });
    buyerData = path.join(work, 'buyer');
    await launch(buyerData);
  });

  after(stop);

  test('the buyer writes a package for each of two members', async () => {
    await (await shown(`open-${DEMO}`)).click();
    await shown('scoring-grid');
    await section('committee');
    for (const evaluator of ['e1', 'e2']) {
      await (await shown('package-evaluator')).selectByAttribute('value', evaluator);
      await (await shown('package-output-path')).setValue(file(`paquet-${evaluator}.json`));
      await (await shown('package-export')).click();
      await browser.waitUntil(async () => fs.existsSync(file(`paquet-${evaluator}.json`)), {
        timeout: TIMEOUT,
        timeoutMsg: `the package of ${evaluator} was not written`,
      });
    }
    await shown('committee-file-1');
    await stop();
  });

  /** On a member's laptop: open the package (in place of the demo the fresh profile holds),
   * declare, change `cell` to `value` when given, and write the return file. */
  async function member(evaluator, options) {
    await launch(path.join(work, `member-${evaluator}`));
    // Stopped whatever happens: an app left running would hold the next profile's session.
    try {
      await memberSteps(evaluator, options);
    } finally {
      await stop();
    }
  }

  async function memberSteps(evaluator, { cell, value, sign }) {
    await shown(`open-${DEMO}`);
    await (await shown('open-package-path')).setValue(file(`paquet-${evaluator}.json`));
    await tick('open-package-replace');
    await (await shown('open-package-submit')).click();
    await shown('member-package');
    const nav = await browser.$$('[data-testid^="nav-"]');
    const names = [];
    for (const link of nav) names.push(await link.getAttribute('data-testid'));
    assert.deepEqual(names, ['nav-home', 'nav-scoring', 'nav-member'], 'only the grid and the return');
    await (await shown('declare-submit')).click();
    await browser.waitUntil(
      async () => (await (await byTestId('declaration-o1')).getAttribute('data-state')) === 'none',
      { timeout: TIMEOUT, timeoutMsg: 'the declaration was not recorded' },
    );
    if (evaluator === 'e1') await visit('member');
    if (cell) {
      await section('scoring');
      assert.equal(await byTestId('evaluator-select').then((e) => e.isExisting()), false, 'no choice of evaluator');
      await (await shown(`cell-${cell}`)).click();
      await browser.keys([value]);
      await (await shown('editor')).waitForDisplayed();
      await browser.keys(['Enter']);
      await browser.waitUntil(
        async () => (await (await byTestId(`cell-${cell}`)).getText()).trim().startsWith(value),
        { timeout: TIMEOUT, timeoutMsg: 'the score is not shown in the grid' },
      );
      await section('member');
    }
    await (await shown('member-return-path')).setValue(file(`retour-${evaluator}.json`));
    if (sign) {
      await tick('member-sign');
      await (await shown('member-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
      await (await shown('member-password')).setValue(fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim());
    }
    await (await shown('member-return-write')).click();
    assert.equal(await (await shown('member-return-written')).getAttribute('data-signed'), String(Boolean(sign)));
  }

  test('Sophie Lambert scores on her laptop and sends her return file', async () => {
    // She lowers Nébula's architecture score from 4 to 0, as in the buyer's own scenario.
    await member('e1', { cell: 'o1-tech.archi', value: '0' });
  });

  test('Julien Morel declares on his laptop and sends a signed return file', async () => {
    await member('e2', { sign: true });
  });

  test('the buyer merges both, settles the divergence, and the report lists the files and declarations', async () => {
    await launch(buyerData);
    await (await shown(`open-${DEMO}`)).click();
    await shown('scoring-grid');
    await section('committee');
    await (await shown('return-file-path')).setValue(file('retour-e1.json'));
    await (await shown('return-import')).click();
    // Sophie's 0 meets the buyer's 4 on the same cell: a conflict, never overwritten silently.
    await (await shown('take-o1-tech.archi')).click();
    await browser.waitUntil(async () => !(await byTestId('conflict-o1-tech.archi').then((e) => e.isExisting())), {
      timeout: TIMEOUT,
      timeoutMsg: 'the file’s score was not taken',
    });
    await (await shown('return-file-path')).setValue(file('retour-e2.json'));
    await (await shown('return-import')).click();
    const merged = await shown('return-merged');
    await browser.waitUntil(async () => (await merged.getAttribute('data-declarations')) === '5', {
      timeout: TIMEOUT,
      timeoutMsg: 'Julien’s declarations were not merged',
    });
    assert.equal(await (await shown('return-signed')).getAttribute('data-signed'), 'true');
    await shown('committee-file-3');
    // Julien's first signed return: its certificate becomes his reference, shown on the screen.
    assert.ok((await (await shown('certificate-e2')).getText()).includes('Jeanne Dupré'));

    await section('consensus');
    const item = await shown('consensus-o1-tech.archi');
    const value = await item.$('[data-testid="consensus-value"]');
    if ((await value.getTagName()) === 'select') await value.selectByAttribute('value', '3');
    else await value.setValue('3');
    await (await item.$('[data-testid="consensus-rationale"]')).setValue(
      'La commission retient 3 après avoir entendu Sophie Lambert sur la zone unique.',
    );
    await (await item.$('[data-testid="consensus-save"]')).click();
    await (await byTestId('consensus-o1-tech.archi'))
      .$('[data-testid="consensus-remove"]')
      .waitForDisplayed({ timeout: TIMEOUT, timeoutMsg: 'the decision was not recorded' });

    const report = file('rapport.pdf');
    await section('report');
    await (await shown('report-output-path')).setValue(report);
    await (await shown('report-export')).click();
    await shown('report-exported');
    const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    for (const needle of [
      'Paquets envoyés et fichiers de notation reçus',
      'paquet-e1.json',
      'paquet-e2.json',
      'retour-e1.json',
      'retour-e2.json',
      'signé par',
      'Déclarations d’intérêts',
      'Absence de conflit d’intérêts',
    ]) {
      assert.ok(text.includes(needle), `the report lacks ${needle}`);
    }
  });
});

describe('return files checked against the package and the latest declarations', () => {
  // The buyer's store is made with the command line before the app opens it: e3's package is
  // narrowed to one criterion after their full one went out, and e2 sends two returns, the
  // older one (a conflict with o4, signed with another certificate) arriving last.
  let dir;
  let buyer;
  const file = (name) => path.join(dir, name);
  const jauge = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  before(async () => {
    // Run alone (--test-name-pattern), the first block's folder is not made.
    work ??= fs.mkdtempSync(path.join(os.tmpdir(), 'jauge-e2e-'));
    dir = path.join(work, 'checks');
    fs.mkdirSync(dir, { recursive: true });
    buyer = path.join(dir, 'buyer');
    fs.mkdirSync(buyer);
    const store = path.join(buyer, 'jauge.sqlite3');
    jauge('import', path.join(root, 'assets/demo/cloud-de-confiance.json'), '--db', store);
    // e3 gets every criterion, scores on their laptop, and returns; meanwhile the buyer sends
    // them a new package with the architecture criterion only.
    jauge('package', 'export', DEMO, '--evaluator', 'e3', '-o', file('paquet-e3.json'), '--db', store);
    jauge('package', 'open', file('paquet-e3.json'), '--db', file('membre-e3.sqlite3'));
    jauge('package', 'declare', DEMO, '--evaluator', 'e3', '--db', file('membre-e3.sqlite3'));
    jauge('package', 'return', file('paquet-e3.json'), '-o', file('retour-e3.json'), '--db', file('membre-e3.sqlite3'));
    jauge('package', 'export', DEMO, '--evaluator', 'e3', '--criteria', 'tech.archi', '-o', file('paquet-e3-archi.json'), '--db', store);
    // e2 declares a conflict with o4 and returns a file signed with one certificate; a second
    // later they withdraw it and return another file, signed with their usual certificate.
    const m2 = file('membre-e2.sqlite3');
    const sign = (name) => ['--p12', path.join(pki, `${name}.p12`), '--password-file', path.join(pki, `${name}.password`)];
    jauge('package', 'export', DEMO, '--evaluator', 'e2', '-o', file('paquet-e2.json'), '--db', store);
    jauge('package', 'open', file('paquet-e2.json'), '--db', m2);
    jauge('package', 'declare', DEMO, '--evaluator', 'e2', '--conflict', 'o4', '--note', 'Ancien salarié', '--db', m2);
    jauge('package', 'return', file('paquet-e2.json'), '-o', file('retour-e2-ancien.json'), ...sign('ec-signer'), '--db', m2);
    await sleep(1100);
    jauge('package', 'declare', DEMO, '--evaluator', 'e2', '--db', m2);
    jauge('package', 'return', file('paquet-e2.json'), '-o', file('retour-e2.json'), ...sign('rsa-signer'), '--db', m2);
    await launch(buyer);
    await (await shown(`open-${DEMO}`)).click();
    await shown('scoring-grid');
    await section('committee');
  });

  after(stop);

  test('a return with scores on criteria the package no longer assigns is refused, each (offer, criterion) named', async () => {
    const returned = JSON.parse(fs.readFileSync(file('retour-e3.json'), 'utf8'));
    const unasked = returned.scores.filter((s) => s.criterion !== 'tech.archi');
    assert.ok(unasked.length > 0, 'e3 scored more than the architecture criterion');
    await (await shown('return-file-path')).setValue(file('retour-e3.json'));
    await (await shown('return-import')).click();
    assert.equal(await (await shown('return-error')).getAttribute('data-code'), 'invalid');
    const refused = await shown('return-refused');
    assert.equal(Number(await refused.getAttribute('data-count')), unasked.length);
    const offers = JSON.parse(fs.readFileSync(path.join(root, 'assets/demo/cloud-de-confiance.json'), 'utf8')).offers;
    for (const s of unasked) {
      const row = await shown(`refused-${s.offer}-${s.criterion}`);
      assert.equal(await row.getAttribute('data-code'), 'not_assigned');
      const text = await row.getText();
      assert.ok(text.includes(offers.find((o) => o.id === s.offer).bidder), `${s.offer}: ${text}`);
      assert.ok(text.includes("n’a pas été demandée"), text);
    }
    assert.equal((await browser.$$('tr[data-testid$="-tech.archi"][data-testid^="refused-"]')).length, 0);
    assert.equal(await byTestId('return-merged').then((e) => e.isExisting()), false, 'nothing merged');
    await visit('committee-refused');
  });

  test('the newer return pins the certificate; the older one asks to confirm another certificate and its declaration is reported stale', async () => {
    await (await shown('return-file-path')).setValue(file('retour-e2.json'));
    await (await shown('return-import')).click();
    const merged = await shown('return-merged');
    await browser.waitUntil(async () => (await merged.getAttribute('data-declarations')) === '5', {
      timeout: TIMEOUT,
      timeoutMsg: 'the newer declarations were not recorded',
    });
    await shown('return-flag-certificate_pinned');
    const pinned = await shown('certificate-e2');
    const first = await pinned.getAttribute('data-fingerprint');
    assert.ok((await pinned.getText()).includes('Jeanne Dupré'));

    await (await shown('return-file-path')).setValue(file('retour-e2-ancien.json'));
    await (await shown('return-import')).click();
    const confirm = await shown('certificate-confirm');
    assert.ok((await confirm.getText()).includes('Éric Lemaître'));
    await visit('committee-certificate');
    await (await shown('certificate-confirm-yes')).click();
    const stale = await shown('stale-o4');
    const said = await stale.getText();
    assert.ok(said.includes('le fichier dit « conflit d’intérêts »'), said);
    assert.ok(said.includes('dit « pas de conflit d’intérêts » (déclaré le'), said);
    // The older file's other declarations say what the newer ones say (dated anew when e2
    // declared again): they change nothing and are not reported.
    assert.equal(await (await shown('return-stale')).getAttribute('data-count'), '1');
    assert.equal(await byTestId('stale-o1').then((e) => e.isExisting()), false);
    assert.equal(await stale.getAttribute('data-same'), 'false');
    await shown('return-flag-certificate_change_confirmed');
    const after = await shown('return-merged');
    assert.equal(await after.getAttribute('data-changed'), 'false', 'the older declaration changed nothing');
    assert.equal(await byTestId('certificate-confirm').then((e) => e.isExisting()), false);
    await browser.waitUntil(
      async () => (await (await byTestId('certificate-e2')).getAttribute('data-fingerprint')) !== first,
      { timeout: TIMEOUT, timeoutMsg: 'the confirmed certificate is not shown as the reference' },
    );
    // e2's declaration towards o4 is still the newer one: no conflict.
    await (await shown('declare-evaluator')).selectByAttribute('value', 'e2');
    assert.equal(await (await shown('declaration-o4')).getAttribute('data-state'), 'none');
    await visit('committee-stale');
  });
});

describe('a negotiated procedure in two rounds', () => {
  // The initial offers of tests/fixtures/negotiated.json, imported as a one-round evaluation;
  // the negotiation is then run through the screens: two rounds, an exchange with its answer's
  // file, an offer set aside, the final price that changes the winner.
  const REFERENCE = '2026-NEG-004';
  let initialFile;
  let answerFile;

  before(async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/negotiated.json'), 'utf8'));
    delete fixture.negotiation;
    delete fixture.exchanges;
    fixture.offers[1].price = 900;
    fixture.scores = [
      ['o1', 'quality', 8], ['o1', 'env', 5],
      ['o2', 'quality', 6], ['o2', 'env', 5],
      ['o3', 'quality', 3], ['o3', 'env', 5],
    ].map(([offer, criterion, value]) => ({ offer, criterion, evaluator: 'e1', value }));
    fs.mkdirSync(path.join(work, 'negotiation'), { recursive: true });
    initialFile = path.join(work, 'negotiation', 'offres-initiales.json');
    fs.writeFileSync(initialFile, JSON.stringify(fixture));
    answerFile = path.join(work, 'negotiation', 'reponse-beta.pdf');
    fs.writeFileSync(answerFile, '%PDF-1.7 réponse de Beta Cloud : prix de l’exploitation revu');
    await launch(path.join(work, 'negotiation-data'));
  });

  after(stop);

  /** Types a date into a date field and leaves it, so that it is read. */
  async function typeDate(id, text) {
    const field = await shown(id);
    await field.setValue(text);
    await browser.keys(['Tab']);
  }

  async function textOf(id) {
    return (await (await shown(id)).getText()).replace(/\s+/g, ' ').trim();
  }

  test('the initial offers are imported and the first round opened', async () => {
    await (await shown('import-path')).setValue(initialFile);
    await (await shown('import-submit')).click();
    await shown('scoring-grid');
    await section('rounds');
    await shown('rounds-none');
    await (await shown('round-open')).click();
    await (await shown('round-label')).setValue('Offres initiales');
    await tick('round-reduction');
    await (await shown('round-open-submit')).click();
    await shown('round-head-r1');
    assert.match(await textOf('round-winner-r1'), /Nuage Alpha/);
  });

  test('a negotiation request is recorded and answered with a file the backend fingerprints', async () => {
    await (await shown('record-offer')).selectByAttribute('value', 'o2');
    await (await shown('record-kind')).selectByAttribute('value', 'negotiation');
    await (await shown('record-question')).setValue('Pouvez-vous revoir le prix de l’exploitation ?');
    await tick('record-criterion-price');
    await typeDate('record-sent', '20/10/2026');
    await typeDate('record-deadline', '30/10/2026');
    await (await shown('record-submit')).click();
    await shown('exchange-x1');
    assert.match(await textOf('exchange-x1'), /négociation/);

    await (await shown('exchange-respond-x1')).click();
    await typeDate('answer-received', '29/10/2026');
    await (await shown('answer-text')).setValue('Prix de l’exploitation revu à 700 €.');
    await (await shown('answer-file-path')).setValue(answerFile);
    await (await shown('answer-submit')).click();
    const digest = crypto.createHash('sha256').update(fs.readFileSync(answerFile)).digest('hex');
    await browser.waitUntil(async () => (await textOf('exchange-sha-x1')) === digest, {
      timeout: TIMEOUT,
      timeoutMsg: 'the answer’s SHA-256 is not shown',
    });
  });

  test('an offer is set aside after the first round, the final round opened', async () => {
    await (await shown('aside-offer')).selectByAttribute('value', 'o3');
    await (await shown('aside-reason')).setValue('Troisième au classement des offres initiales.');
    await (await shown('aside-submit')).click();
    await browser.waitUntil(async () => (await textOf('round-cell-r1-o3')).includes('Troisième au classement'), {
      timeout: TIMEOUT,
      timeoutMsg: 'the offer was not set aside',
    });
    await (await shown('round-open')).click();
    assert.equal(await (await shown('round-kind')).getValue(), 'final');
    await (await shown('round-open-submit')).click();
    await shown('round-head-r2');
    assert.match(await textOf('round-cell-r2-o3'), /écartée avant ce tour/);
  });

  test('the final price changes the winner: both rounds side by side, the final ranking', async () => {
    await section('offers');
    await (await shown('offer-edit-o2')).click();
    await (await shown('offer-price')).setValue('700');
    await (await shown('offer-save')).click();
    await browser.waitUntil(async () => (await textOf('offer-price-o2')).includes('700'), {
      timeout: TIMEOUT,
      timeoutMsg: 'the new price is not shown',
    });

    await section('rounds');
    await browser.waitUntil(async () => (await textOf('round-winner-r2')).includes('Beta Cloud'), {
      timeout: TIMEOUT,
      timeoutMsg: 'the final round does not rank Beta Cloud first',
    });
    assert.match(await textOf('round-winner-r1'), /Nuage Alpha/);
    // The notice is set in capitals by the design system's alert title: compare case aside.
    assert.match(await textOf('winner-changed'), /Nuage Alpha.*Beta Cloud/i);
    assert.match(await textOf('change-r2-o2'), /900,00.*700,00/);
    await visit('rounds');

    await section('results');
    await browser.waitUntil(async () => (await ranking()).join() === 'o2,o1', {
      timeout: TIMEOUT,
      timeoutMsg: 'the final ranking is not Beta Cloud then Nuage Alpha',
    });
  });

  test('the request goes out as a signed letter, and the bidder set aside gets its own letter', async () => {
    const folder = path.join(work, 'negotiation', 'courriers');
    await section('rounds');
    await (await shown('exchange-letter-x1')).click();
    await (await shown('letter-folder-path')).setValue(folder);
    const password = fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim();
    await (await shown('request-letter-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
    await (await shown('request-letter-password')).setValue(password);
    await checkAccessibility('rounds-letter');
    await (await shown('letter-submit')).click();
    const written = await shown('letter-written');
    assert.equal(await written.getAttribute('data-signed'), 'true', 'the letter is signed and its signature verified');
    const letter = path.join(folder, 'demande-x1.pdf');
    const text = execFileSync('pdftotext', [letter, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    assert.match(text, /Beta Cloud/);
    assert.match(text, /Pouvez-vous revoir le prix de l’exploitation \?/, 'the question is in the letter');

    // Gamma Hosting, set aside after the initial offers, is told so and why.
    await section('letters');
    await shown('letters-write');
    const aside = await shown('letter-o3');
    assert.equal(await aside.getAttribute('data-kind'), 'set_aside');
    assert.match(await textOf('letter-o3-set-aside'), /Offres initiales.*Troisième au classement/);
  });
});

describe('a tender with a price schedule', () => {
  // The price-schedule fixture (three offers, two price criteria fed by a BPU/DQE) with its
  // buyer's corrections taken out: both of its material errors then wait for a decision.
  const SCHEDULED = 'DQE-2026-01';
  let data;
  let blank;

  before(async () => {
    data = path.join(work, 'prices');
    fs.mkdirSync(data, { recursive: true });
    const evaluation = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/price-schedule.json'), 'utf8'));
    delete evaluation.price_schedule.corrections;
    const file = path.join(work, 'schedule-without-corrections.json');
    fs.writeFileSync(file, JSON.stringify(evaluation));
    execFileSync(cli, ['import', file, '--db', path.join(data, 'jauge.sqlite3')]);
    // The blank schedule every bidder receives, as the command line writes it.
    blank = path.join(work, 'bpu-vierge.xlsx');
    execFileSync(cli, ['xlsx', 'schedule', SCHEDULED, '--output', blank, '--db', path.join(data, 'jauge.sqlite3')]);
    await launch(data);
  });

  after(stop);

  test('the price screen shows a discrepancy; accepting its correction with a note moves the total and the ranking', async () => {
    await (await shown(`open-${SCHEDULED}`)).click();
    await section('prices');
    // Nuage Deux wrote 1 366,56 for 350 400 vCPU·h at 0,039 (13 665,60): the error waits, and
    // the offer has no amount compared nor rank until the buyer decides.
    await shown('waiting-o2-vcpu');
    assert.equal((await (await shown('price-rank-o2')).getText()).trim(), '—');
    const before = (await (await shown('compared-o2')).getText()).trim();
    assert.match(before, /inconnu/);
    await shown('line-vcpu');
    await visit('prices');

    await (await shown('accept-o2-vcpu')).click();
    await shown('correction-modal');
    await (await shown('correction-note')).setValue('Erreur de multiplication ; le prix unitaire prévaut (RC art. 7.2).');
    await (await shown('correction-confirm')).click();
    const decision = await shown('decision-o2-vcpu');
    assert.match(await decision.getText(), /RC art\. 7\.2/);
    await browser.waitUntil(async () => /\d/.test(await (await byTestId('price-rank-o2')).getText()), {
      timeout: TIMEOUT,
      timeoutMsg: 'the offer corrected did not get a rank',
    });
    const after = (await (await byTestId('compared-o2')).getText()).replace(/[\u00a0\u202f\s]/g, '');
    assert.notEqual(after, before.replace(/[\u00a0\u202f\s]/g, ''));
    assert.match(after, /13665,60|46065,60/, `compared amount after the correction: ${after}`);

    // The results rank it too, and show the amount computed from its unit prices.
    await section('results');
    const rankOf = async (id) => (await (await (await shown(`rank-row-${id}`)).$('td')).getText()).trim();
    await browser.waitUntil(async () => /^\d+$/.test(await rankOf('o2')), {
      timeout: TIMEOUT,
      timeoutMsg: 'the corrected offer has no rank in the results',
    });
    assert.equal(await rankOf('o3'), '—', 'the offer whose error waits stays unranked');
    assert.match((await (await shown('amount-o2')).getText()).replace(/[\u00a0\u202f\s]/g, ''), /46065,60/);
  });

  test('the report exported from the app lists the correction, its note and the computed totals', async () => {
    const report = path.join(work, 'rapport-prix.pdf');
    await section('report');
    await (await shown('report-output-path')).setValue(report);
    await (await shown('report-export')).click();
    await shown('report-exported');
    // Read back by poppler's pdftotext, as a reader of the signed report would read it.
    const text = execFileSync('pdftotext', ['-layout', report, '-']).toString().replace(/[\u00a0\u202f]/g, ' ');
    assert.match(text, /Vérification des prix et erreurs matérielles/);
    assert.match(text.replace(/\s+/g, ' '), /RC art\. 7\.2/, 'the correction is in the report with its note');
    assert.match(text.replace(/\s/g, ''), /46065,60/, 'the computed total of the corrected offer');
  });

  test('a bidder’s filled schedule is imported from its workbook; a unit price typed moves the total', async () => {
    // The blank schedule filled by Nuage Trois: its storage amount is wrong (1 400,00 written
    // for 120 000 Go·mois at « 0,012 € », typed as text: 1 440,00), its grand total the sum of
    // what it wrote; then saved by LibreOffice.
    const dir = path.join(work, 'schedule-files');
    fs.mkdirSync(dir, { recursive: true });
    const typed = path.join(dir, 'bpu-nuage-trois.xlsx');
    fs.writeFileSync(
      typed,
      fillSchedule(fs.readFileSync(blank), {
        vcpu: { unitPrice: 0.045, amount: 15768 },
        storage: { unitPrice: '0,012 €', amount: 1400 },
        migration: { unitPrice: 20000, amount: 20000 },
        'jauge:total': { amount: 37168 },
      }),
    );
    const filled = savedByLibreOffice(typed, dir);

    await section('prices');
    await (await shown('schedule-import-offer')).selectByAttribute('value', 'o3');
    await (await shown('schedule-import-path')).setValue(filled);
    await (await shown('schedule-import-submit')).click();
    const done = await shown('schedule-imported');
    assert.equal(await done.getAttribute('data-lines'), '3');
    assert.equal(await done.getAttribute('data-discrepancies'), '1');
    const message = (await done.getText()).replace(/[\u00a0\u202f\s]+/g, ' ');
    assert.match(message, /3 lignes lues pour Nuage Trois depuis bpu-nuage-trois\.xlsx\./);
    assert.match(message, /1 écart relevé/);
    const digest = crypto.createHash('sha256').update(fs.readFileSync(filled)).digest('hex');
    assert.match(message, new RegExp(digest), 'the SHA-256 the journal records is the file’s');
    // The storage discrepancy waits; the grand total is the one its unit prices give.
    await shown('waiting-o3-storage');
    const squeeze = async (id) => (await (await shown(id)).getText()).replace(/[\u00a0\u202f\s]/g, '');
    assert.equal(await squeeze('grand-o3'), '37208,00€');

    // A unit price typed in the lines table, in French with a thousands space: the migration at
    // 19 500 instead of 20 000 lowers the computed total by 500.
    const cell = await shown('unit-o3-migration');
    await cell.scrollIntoView();
    await cell.click();
    const input = await shown('unit-input-o3-migration');
    assert.ok(await input.isFocused(), 'the field opened has the focus');
    assert.equal(await input.getValue(), '20000', 'the field opens on the price as written');
    await checkAccessibility('prices (a unit price being typed)');
    // Typed as a buyer types (WebDriver's own clear would leave the field, which cancels): the
    // price opened selected, the keys replace it — one key per action, as WebKitWebDriver
    // merged a repeated key sent in one sequence (« 19 50 » arrived).
    for (const key of '19 500') await browser.keys(key);
    assert.equal(await input.getValue(), '19 500');
    await browser.keys(['Enter']);
    await browser.waitUntil(async () => (await squeeze('grand-o3')) === '36708,00€', {
      timeout: TIMEOUT,
      timeoutMsg: 'the grand total did not move after the unit price was typed',
    });
    assert.match(await squeeze('unit-o3-migration'), /^19500,00€/);
    // Its own 20 000,00 for the line is now contradicted by its unit price: a discrepancy waits.
    await shown('waiting-o3-migration');
    await checkAccessibility('prices (after an import and a unit price)');
  });
});

describe('a consultation of four lots', () => {
  // tests/fixtures/consultation-four-lots.json: four lots (three framework agreements, one
  // single award), five bidders, a cap of two lots per bidder kept by estimated value. Imported
  // through the list like an evaluation file; what the app shows is held to what the CLI
  // computes from the same file, and to the cap's known effect (Nuage Alpha, first on lots 1 to
  // 3, keeps the two of greatest value and is set aside on the Kubernetes lot).
  const REFERENCE = '2026-CL-004';
  const file = path.join(root, 'tests/fixtures/consultation-four-lots.json');

  before(async () => {
    await launch(path.join(work, 'lots-data'));
  });

  after(stop);

  test('imported from the list, its home shows every lot’s award across lots and each step of it', async () => {
    await (await shown('import-path')).setValue(file);
    await (await shown('import-submit')).click();
    await shown('award-steps');
    assert.match(await (await shown('consultation-title')).getText(), new RegExp(REFERENCE));
    const expected = JSON.parse(execFileSync(cli, ['evaluate', file, '--json'], { encoding: 'utf8' }));
    assert.equal(expected.lots.length, 4);
    for (const lot of expected.lots) {
      assert.equal(await (await shown(`lot-${lot.id}-status`)).getAttribute('data-status'), lot.status, `lot ${lot.id}`);
      const offers = lot.results.offers;
      const scored = offers.filter((o) => o.status !== 'incomplete').length;
      const progress = (await (await shown(`lot-${lot.id}-progress`)).getText()).replace(/\s+/g, ' ');
      assert.equal(progress, `${scored} offre${scored > 1 ? 's' : ''} notée${scored > 1 ? 's' : ''} sur ${offers.length}`, `lot ${lot.id}`);
    }
    let bids = 0;
    for (const bidder of expected.bidders) {
      for (const bid of bidder.lots) {
        const row = await shown(`bid-${bid.lot}-${bid.offer}`);
        assert.equal(await row.getAttribute('data-outcome'), bid.outcome, `${bid.offer} on ${bid.lot}`);
        bids += 1;
      }
    }
    assert.ok(bids >= 10, `${bids} bids`);
    assert.equal(await (await shown('bid-k8s-alpha')).getAttribute('data-outcome'), 'skipped_for_cap');
    const state = await shown('consultation-state');
    assert.equal(await state.getAttribute('data-settled'), String(expected.settled));
    const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    const steps = plain(await (await shown('award-steps')).getText());
    assert.ok(expected.trace.length > 0);
    for (const step of expected.trace) {
      assert.ok(steps.includes(plain(step.fr)), `step missing: ${step.fr}`);
    }
    await visit('consultation');
  });

  test('one signed report for the whole consultation says who holds which lot and why', async () => {
    const output = path.join(work, 'lots-report', 'rapport-consultation.pdf');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    await (await shown('consultation-report-path')).setValue(output);
    await tick('consultation-report-sign');
    const password = fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim();
    await (await shown('consultation-report-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
    await (await shown('consultation-report-password')).setValue(password);
    await checkAccessibility('consultation-report');
    await (await shown('consultation-report-submit')).click();
    const written = await shown('consultation-report-written');
    assert.equal(await written.getAttribute('data-signed'), 'true');
    const signed = output.replace(/\.pdf$/, '-signe.pdf');
    const sig = execFileSync('pdfsig', [signed], { encoding: 'utf8' });
    assert.match(sig, /Signature Validation: Signature is Valid/);
    const text = execFileSync('pdftotext', [signed, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    const expected = JSON.parse(execFileSync(cli, ['evaluate', file, '--json'], { encoding: 'utf8' }));
    for (const step of expected.trace) {
      // The report words each step as the app does (the domain's sentence), lines rejoined.
      const start = step.fr.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').slice(0, 40);
      assert.ok(text.includes(start), `report lacks the step: ${step.fr}`);
    }
    for (const lot of ['Infrastructure (IaaS)', 'Plateforme (PaaS)', 'Kubernetes managé', 'Réversibilité et support']) {
      assert.ok(text.includes(lot), `report lacks lot ${lot}`);
    }
  });

  test('the workbook holds the award of the lots, then each lot’s sheets', async () => {
    const output = path.join(work, 'lots-report', 'analyse.xlsx');
    await (await shown('consultation-workbook-path')).setValue(output);
    await (await shown('consultation-workbook-submit')).click();
    await shown('consultation-workbook-written');
    const workbook = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())', output],
      { encoding: 'utf8' },
    );
    const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(sheets.slice(0, 3), ['Attribution des lots', 'Lot 1 – Synthèse', 'Lot 1 – Matrice']);
    assert.equal(sheets.length, 9);
  });

  test('each bidder gets one signed letter naming, lot by lot, what became of its offer', async () => {
    const expected = JSON.parse(execFileSync(cli, ['evaluate', file, '--json'], { encoding: 'utf8' }));
    assert.equal(expected.settled, true, 'the fixture\'s award is settled');
    const folder = path.join(work, 'lots-letters');
    await (await shown('consultation-letters-folder-path')).setValue(folder);
    await tick('consultation-letters-sign');
    const password = fs.readFileSync(path.join(pki, 'rsa-signer.password'), 'utf8').trim();
    await (await shown('consultation-letters-p12-path')).setValue(path.join(pki, 'rsa-signer.p12'));
    await (await shown('consultation-letters-password')).setValue(password);
    await (await shown('consultation-letters-submit')).click();
    const written = await shown('consultation-letters-written');
    assert.equal(await written.getAttribute('data-count'), String(expected.bidders.length));
    const pdfs = fs.readdirSync(folder).filter((name) => name.endsWith('.pdf'));
    assert.equal(pdfs.length, expected.bidders.length);
    const texts = pdfs.map((name) =>
      execFileSync('pdftotext', [path.join(folder, name), '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' '),
    );
    for (const name of pdfs) {
      assert.match(execFileSync('pdfsig', [path.join(folder, name)], { encoding: 'utf8' }), /Signature is Valid/, name);
    }
    // Nuage Alpha, first on lots 1 to 3, is told why the Kubernetes lot goes to another.
    const capped = texts.filter((text) => /Kubernetes managé : votre offre est classée première, mais le règlement de la consultation limite à 2 lots/.test(text));
    assert.equal(capped.length, 1, 'one letter tells its bidder the cap took the Kubernetes lot');
    await visit('consultation-letters');
  });

  test('a lot opens as an evaluation of its own, and its row in the list leads back to the consultation', async () => {
    await (await shown('lot-k8s-open')).click();
    await shown('scoring-grid');
    // The lot says whose lot it is; what the consultation gives is not offered here.
    assert.match(await (await shown('lot-of-consultation')).getText(), /3 – Kubernetes managé — lot de la consultation 2026-CL-004/);
    await section('offers');
    await shown('offers-of-consultation');
    assert.equal(await (await byTestId('offer-add')).isExisting(), false);
    await section('scoring');
    // A score typed in the lot's grid is saved in the lot (its key is `REF#k8s`, its tender's
    // reference the consultation's): Delta Infogérance's 6 becomes 5, its total 60 becomes 50.
    const select = await byTestId('evaluator-select');
    if (await select.isExisting()) await select.selectByAttribute('value', 'e1');
    await (await shown('cell-delta-tech')).click();
    await browser.keys(['5']);
    await (await shown('editor')).waitForDisplayed();
    await browser.keys(['Enter']);
    await browser.waitUntil(async () => (await (await byTestId('cell-delta-tech')).getText()).trim().startsWith('5'), {
      timeout: TIMEOUT,
      timeoutMsg: 'the score typed in the lot is not shown as saved',
    });
    // The lot's own journal: its import, then the score, and it verifies.
    await section('journal');
    assert.match(await (await shown('journal-row-2')).getText(), /5/);
    assert.equal(await (await shown('journal-verdict')).getAttribute('data-intact'), 'true');
    await browser.execute(() => {
      location.hash = '#/';
    });
    await (await shown(`consultation-of-${REFERENCE}#k8s`)).click();
    await shown('award-steps');
    assert.equal(await (await shown('bid-k8s-beta')).getAttribute('data-outcome'), 'awarded');
    const delta = (await (await shown('bid-k8s-delta')).getText()).replace(/[\u00a0\u202f]/g, ' ');
    assert.match(delta, /50,00/);
  });

  test('a bidder is corrected once for all its lots, and the award follows the rules the buyer sets', async () => {
    await checkAccessibility('consultation-setup');
    // Beta Cloud's company, corrected once, is in each of its three lots.
    await (await shown('bidder-beta-edit')).click();
    await (await shown('bidder-beta-company')).setValue('Beta Cloud SAS');
    await (await shown('bidder-beta-save')).click();
    await browser.waitUntil(async () => (await (await shown('bidder-beta')).getText()).includes('Beta Cloud SAS'));
    for (const lot of ['iaas', 'k8s', 'rev']) {
      const bidder = await (await shown(`bid-${lot}-beta`)).$('th');
      assert.equal((await bidder.getText()).trim(), 'Beta Cloud SAS (beta)', lot);
    }
    // Without the cap, every lot goes to its own ranking: held to the CLI on the same file with
    // the cap taken out.
    const uncapped = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete uncapped.award;
    const uncappedFile = path.join(work, 'lots-uncapped.json');
    fs.writeFileSync(uncappedFile, JSON.stringify(uncapped));
    const expected = JSON.parse(execFileSync(cli, ['evaluate', uncappedFile, '--json'], { encoding: 'utf8' }));
    // Emptied as a buyer does, by the keyboard (clearing the value sends no input event).
    await (await shown('consultation-rules-cap')).click();
    await browser.keys(['Control', 'a']);
    await browser.keys(['Backspace']);
    await (await shown('consultation-rules-submit')).click();
    await browser.waitUntil(async () => /Aucun plafond/.test(await (await shown('consultation-cap')).getText()));
    for (const bidder of expected.bidders) {
      for (const bid of bidder.lots) {
        const row = await shown(`bid-${bid.lot}-${bid.offer}`);
        assert.equal(await row.getAttribute('data-outcome'), bid.outcome, `${bid.offer} on ${bid.lot}`);
      }
    }
    assert.equal(await (await shown('bid-k8s-alpha')).getAttribute('data-outcome'), 'awarded');
    // A lot declared sans suite is awarded to nobody, with the buyer's reason in its steps.
    await (await shown('consultation-sans-suite-lot')).selectByAttribute('value', 'rev');
    await (await shown('consultation-sans-suite-reason')).setValue('Besoin redéfini par le service');
    await (await shown('consultation-sans-suite-submit')).click();
    await browser.waitUntil(async () => (await (await shown('lot-rev-status')).getAttribute('data-status')) === 'sans_suite');
    assert.match(await (await shown('award-steps')).getText(), /Besoin redéfini par le service/);
    await (await shown('consultation-setup')).scrollIntoView();
    await visit('consultation-setup');
  });
});

describe('a damaged store', () => {
  let data;

  before(async () => {
    data = path.join(work, 'damaged');
    fs.mkdirSync(data, { recursive: true });
    // What an interrupted copy or a renamed file leaves: not a database at all.
    fs.writeFileSync(path.join(data, 'jauge.sqlite3'), DAMAGED);
    await launch(data);
  });

  after(async () => {
    await stop();
    if (process.env.JAUGE_E2E_KEEP !== '1' && work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('is said on the first screen with its path, and setting it aside starts a fresh store', async () => {
    const problem = await shown('startup-problem');
    assert.equal(await problem.getAttribute('data-kind'), 'damaged');
    assert.match(await (await shown('startup-path')).getText(), /jauge\.sqlite3$/);
    await visit('startup');
    // The confirmation is the page's own: answer it yes.
    await browser.execute(() => {
      window.confirm = () => true;
    });
    await (await shown('startup-set-aside')).click();
    await shown(`open-${DEMO}`);
    assert.match(await (await shown('set-aside-notice')).getText(), /jauge-set-aside-/);
    const aside = fs.readdirSync(data).filter((name) => /^jauge-set-aside-.*\.sqlite3$/.test(name));
    assert.equal(aside.length, 1, `set aside: ${fs.readdirSync(data)}`);
    assert.equal(fs.readFileSync(path.join(data, aside[0]), 'utf8'), DAMAGED, 'the damaged file is kept as it was');
  });
});
