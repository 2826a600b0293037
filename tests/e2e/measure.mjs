// Startup time and memory of the desktop app (run by scripts/measure-app.sh under Xvfb).
//
// 1. Cold start to first paint, 5 runs: the app is started directly; it prints
//    `first-paint-ms=<ms since its process started>` when the UI reports its first render. The
//    wall time from spawn to that line (which also counts exec and dynamic linking) is shown too.
// 2. PSS of the app and its WebKit processes (from /proc/PID/smaps_rollup) with the demo open:
//    the app is driven through tauri-driver to the demo's scoring grid and results, then its
//    process tree is measured. PSS counts shared pages once across processes, so the sum is
//    what the app really costs.
//
// Usage: node measure.mjs <app binary> <tauri-driver> ; DISPLAY must be set.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, stopGroup } from './driver.mjs';

const [app, tauriDriver] = process.argv.slice(2).map((p) => path.resolve(p));
const RUNS = 5;
const DEMO = '2026-DNUM-CDC-014';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One cold start: ms reported by the app, and wall ms from spawn to the line. */
async function coldStart(dataDir) {
  const started = performance.now();
  const child = spawn(app, [], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, JAUGE_DATA_DIR: dataDir },
  });
  let text = '';
  const result = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first-paint line in 30 s:\n${text}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const match = /first-paint-ms=(\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ reported: Number(match[1]), wall: performance.now() - started });
      }
    });
    child.once('exit', (code) => reject(new Error(`app exited (${code}) before first paint:\n${text}`)));
  });
  await stopGroup(child);
  return result;
}

function processes() {
  const all = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const name = /^Name:\s+(.*)$/m.exec(status)[1];
      const ppid = Number(/^PPid:\s+(\d+)$/m.exec(status)[1]);
      let exe = '';
      try {
        exe = fs.readlinkSync(`/proc/${entry}/exe`);
      } catch {
        // Not ours to read.
      }
      all.set(Number(entry), { pid: Number(entry), name, ppid, exe });
    } catch {
      // The process ended meanwhile.
    }
  }
  return all;
}

function pssKiB(pid) {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Pss:\s+(\d+) kB$/m.exec(rollup)[1]);
}

/** The app process started from `app` and every descendant (the WebKit processes). */
function appTree() {
  const all = processes();
  const root = [...all.values()].find((p) => p.exe === app);
  if (!root) throw new Error(`no running process of ${app}`);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const p of all.values()) if (p.ppid === tree[i].pid) tree.push(p);
  }
  return tree.map((p) => ({ ...p, pss: pssKiB(p.pid) }));
}

async function memoryWithDemoOpen(dataDir) {
  const { driver, browser } = await startApp({ tauriDriver, app, env: { JAUGE_DATA_DIR: dataDir } });
  try {
    const el = (id) => browser.$(`[data-testid="${id}"]`);
    await (await el(`open-${DEMO}`)).waitForDisplayed({ timeout: 15_000 });
    await (await el(`open-${DEMO}`)).click();
    await (await el('scoring-grid')).waitForDisplayed({ timeout: 15_000 });
    await (await el('nav-results')).click();
    await (await el('ranking-table')).waitForDisplayed({ timeout: 15_000 });
    await browser.pause(2_000);
    const tree = appTree();
    await browser.deleteSession().catch(() => {});
    return tree;
  } finally {
    await stopGroup(driver);
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jauge-measure-'));
try {
  // A first launch creates the store and imports the demo; it is not counted.
  await coldStart(dataDir);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(dataDir));
  const tree = await memoryWithDemoOpen(dataDir);

  const ms = (v) => `${Math.round(v)} ms`;
  const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
  console.log('\nCold start to first paint (release build, Xvfb, store already created)');
  console.log('| run | reported by the app | spawn to line (wall) |');
  console.log('| --- | --- | --- |');
  runs.forEach((r, i) => console.log(`| ${i + 1} | ${ms(r.reported)} | ${ms(r.wall)} |`));
  console.log(
    `| median | ${ms(median(runs.map((r) => r.reported)))} | ${ms(median(runs.map((r) => r.wall)))} |`,
  );
  console.log('\nPSS with the demo open (scoring grid then results screen)');
  console.log('| process | pid | PSS |');
  console.log('| --- | --- | --- |');
  for (const p of tree) console.log(`| ${p.name} | ${p.pid} | ${mib(p.pss)} |`);
  console.log(`| total | | ${mib(tree.reduce((sum, p) => sum + p.pss, 0))} |`);
  console.log(
    `\nfirst-paint-median-ms=${Math.round(median(runs.map((r) => r.reported)))} ` +
      `pss-total-mib=${(tree.reduce((s, p) => s + p.pss, 0) / 1024).toFixed(1)}`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
