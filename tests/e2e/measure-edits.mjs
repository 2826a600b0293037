// Edit latency and grid opening of the desktop app's release build on large evaluations (run by
// scripts/measure-app.sh under Xvfb, after measure.mjs).
//
// For each evaluation file given, a fresh store gets it imported by the CLI, the app is started
// on it (`--open REFERENCE`) through tauri-driver, and inside the page:
// 1. grid opening: from the click on « Notation » to the grid's last cell in the DOM;
// 2. edits: for 30 cells, a digit typed on the cell, then Enter in its editor; the time runs from
//    the first keystroke until the cell says "saved" and the progress counter shows the new
//    total, then one animation frame (what the buyer sees).
// The figures are timed with performance.now() in the page, so WebDriver's round trips do not
// count. Prints a Markdown table; p50 and p90 over the 30 edits.
//
// Usage: node measure-edits.mjs <app binary> <tauri-driver> <jauge CLI> FILE.json… ; DISPLAY set.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, stopGroup } from './driver.mjs';

const [app, tauriDriver, cli, ...files] = process.argv.slice(2).map((p) => path.resolve(p));
const EDITS = 30;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

/** In the page: click « Notation » and time until the last scorable cell is in the DOM. */
const openGrid = async (done) => {
  const started = performance.now();
  document.querySelector('[data-testid="nav-scoring"]').click();
  const last = () => {
    const cells = document.querySelectorAll('td[data-r]');
    return cells.length > 0 && document.querySelector('[data-testid="scoring-grid"]') ? cells.length : 0;
  };
  const poll = () => {
    const count = last();
    if (count) requestAnimationFrame(() => done({ ms: performance.now() - started, cells: count }));
    else setTimeout(poll, 5);
  };
  poll();
};

/** In the page: type a digit then Enter on cell (r, c) (another digit when the cell already
 * holds that one); time until it is saved and counted. */
const editCell = (r, c, wanted, done) => {
  const cell = document.querySelector(`td[data-r="${r}"][data-c="${c}"]`);
  // Typing the value the cell already holds saves nothing: type another one.
  const current = cell.querySelector('.value')?.textContent.trim();
  const digit = current === wanted ? String((Number(wanted) % 4) + 1) : wanted;
  const progress = document.querySelector('[data-testid="progress-text"]');
  const before = progress.textContent;
  const wasFilled = cell.dataset.state !== 'empty';
  const started = performance.now();
  cell.focus();
  cell.dispatchEvent(new KeyboardEvent('keydown', { key: digit, bubbles: true }));
  const pressEnter = () => {
    const editor = cell.querySelector('[data-testid="editor"]');
    if (!editor) return setTimeout(pressEnter, 0);
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const poll = () => {
      const saved = cell.dataset.state === 'saved';
      const counted = wasFilled || progress.textContent !== before;
      if (saved && counted) requestAnimationFrame(() => done(performance.now() - started));
      else if (cell.dataset.state === 'error') done(-1);
      else setTimeout(poll, 1);
    };
    poll();
  };
  pressEnter();
};

async function measure(file) {
  const reference = JSON.parse(fs.readFileSync(file, 'utf8')).tender.reference;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jauge-edits-'));
  execFileSync(cli, ['import', file, '--db', path.join(dataDir, 'jauge.sqlite3')], { stdio: 'ignore' });
  const { driver, browser } = await startApp({
    tauriDriver,
    app,
    args: ['--open', reference],
    env: { JAUGE_DATA_DIR: dataDir },
    retryTimeout: 600_000,
  });
  try {
    await browser.setTimeout({ script: 600_000 });
    await (await browser.$('[data-testid="nav-scoring"]')).waitForDisplayed({ timeout: 120_000 });
    const grid = await browser.executeAsync(openGrid);
    const edits = [];
    for (let i = 0; i < EDITS; i++) {
      const ms = await browser.executeAsync(editCell, i % 20, Math.floor(i / 20), String((i % 4) + 1));
      if (ms < 0) throw new Error(`edit ${i} was refused`);
      edits.push(ms);
    }
    await browser.deleteSession().catch(() => {});
    return { file: path.basename(file), grid, edits };
  } finally {
    await stopGroup(driver);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [];
for (const file of files) rows.push(await measure(file));
const ms = (v) => `${Math.round(v)} ms`;
console.log('\nEdits in the scoring grid (release build, Xvfb, timed in the page)');
console.log('| evaluation | grid opening | cells | edit p50 | edit p90 | edit max |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.file} | ${ms(r.grid.ms)} | ${r.grid.cells} | ${ms(quantile(r.edits, 0.5))} | ` +
      `${ms(quantile(r.edits, 0.9))} | ${ms(Math.max(...r.edits))} |`,
  );
}
