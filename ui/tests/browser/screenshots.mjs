// Look at the built UI: serves ui/dist with a strict CSP, opens it in Debian's Chromium with
// the mocked shell, and saves one screenshot per screen in tests/browser/out/.
// Usage: npm run build && npm run screenshots   (CHROMIUM=/path/to/chromium to override)
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { demoShellScript } from './demo-shell.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'dist');
const out = join(here, 'out');
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'";
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([.][.][/\\])+/, '');
  const file = join(dist, path === '/' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const problems = [];
try {
  await mkdir(out, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
  await context.addInitScript({ content: demoShellScript() });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));

  const shot = async (name, fullPage = true) => {
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage });
    console.log(`screenshot ${join(out, name + '.png')}`);
  };
  const ref = '2026-DNUM-CDC-014';
  await page.goto(base + '#/');
  await page.waitForSelector('[data-testid="evaluations-table"]');
  await shot('01-evaluations');

  await page.goto(base + `#/e/${ref}/setup`);
  await page.waitForSelector('[data-testid="criteria-tree"]');
  await page.fill('[data-testid="weight-tech.archi"]', '9');
  await page.click('[data-testid="criteria-save"]');
  await page.waitForSelector('[data-testid="criteria-error"]');
  await page.click('details.catalog summary');
  await page.fill('[data-testid="catalog-query"]', 'extra-européen');
  await page.click('[data-testid="catalog-submit"]');
  await page.waitForSelector('[data-testid="catalog-results"]');
  await shot('02-setup');
  await page.locator('[data-testid="criterion-tech"]').screenshot({ path: join(out, '02b-setup-group.png') });
  await page.locator('details.catalog').screenshot({ path: join(out, '02c-setup-catalog.png') });
  await page.locator('[data-testid="criteria-error"]').screenshot({ path: join(out, '02d-setup-error.png') });
  const overflow = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)));
  if (overflow.length) problems.push('horizontal overflow on set-up: ' + overflow.join(' | '));

  await page.goto(base + `#/e/${ref}/offers`);
  await page.waitForSelector('[data-testid="offers-table"]');
  await shot('03-offers');
  await page.click('[data-testid="offer-edit-o2"]');
  await page.waitForSelector('[data-testid="offer-form"]');
  await page.locator('[data-testid="offer-form"]').screenshot({ path: join(out, '03b-offer-form.png') });

  await page.goto(base + `#/e/${ref}/scoring`);
  await page.waitForSelector('[data-testid="scoring-grid"]');
  await page.focus('[data-testid="cell-o1-tech.archi"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.type('3');
  await shot('04-scoring-editing', false);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="cell-o3-tech.ops"][data-state="saved"]');
  await shot('04-scoring');

  await page.goto(base + `#/e/${ref}/consensus`);
  await page.waitForSelector('[data-testid="consensus-o1-rev.plan"]');
  await page.selectOption('[data-testid="consensus-o1-rev.plan"] [data-testid="consensus-value"]', '3');
  await page.click('[data-testid="consensus-o1-rev.plan"] [data-testid="consensus-save"]');
  await page.waitForSelector('[data-testid="rationale-error"]');
  await shot('05-consensus');
  await page.fill('[data-testid="consensus-o1-rev.plan"] [data-testid="consensus-rationale"]', "La commission retient 3 : l'export IaaS est démontré, l'outillage PaaS n'est qu'annoncé.");
  await page.click('[data-testid="consensus-o1-rev.plan"] [data-testid="consensus-save"]');
  await page.waitForSelector('[data-testid="consensus-none"]');

  await page.goto(base + `#/e/${ref}/results`);
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.click('[data-testid="simulate"]');
  await page.waitForSelector('[data-testid="simulations"]');
  await shot('06-results');

  await page.goto(base + `#/e/${ref}/report`);
  await page.fill('[data-testid="verify-path"]', '/home/acheteur/rapport-signe.pdf');
  await page.click('[data-testid="verify-submit"]');
  await page.waitForSelector('[data-testid="verify-table"]');
  await shot('07-report');

  await page.goto(base + `#/e/${ref}/journal`);
  await page.waitForSelector('[data-testid="journal-table"]');
  await shot('08-journal');

  await page.click('[data-testid="lang-switch"]');
  await page.goto(base + `#/e/${ref}/results`);
  await page.waitForSelector('[data-testid="ranking-table"]');
  await shot('09-results-en');
  await page.goto(base + '#/');
  await page.waitForSelector('[data-testid="delete-CHU-HDS-2027"]');
  await page.click('[data-testid="delete-CHU-HDS-2027"]');
  await page.waitForTimeout(400); // DSFR's fade-in
  await shot('10-delete-modal-en', false);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.log('Browser problems:\n' + problems.join('\n'));
  process.exitCode = 1;
} else {
  console.log('No console error, no CSP violation, no failed request.');
}
