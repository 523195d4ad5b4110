// Shared helpers for Tremplin's browser end-to-end tests.
//
// Every test file wraps its tests in `suite(name, (env) => { ... })`, which starts one server
// (backend from E2E_BACKEND: sqlite|postgres) and one browser for the file; tests use
// `env.base` and `env.browser`.
//
// Tests find elements by accessible role and name; the visible French / English
// strings they rely on live in `T` below so that feature test files reuse them.

import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, before, after } from 'node:test';
import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(E2E_DIR, '..');

/** Demo accounts created by `tremplin serve --demo`. */
export const DEMO = {
  adviser: { email: 'camille.lefebvre@cci-hdf.example', password: 'tremplin-demo' },
  admin: { email: 'admin@region-hdf.example', password: 'tremplin-demo' },
  pilot: { email: 'pilote@region-hdf.example', password: 'tremplin-demo' },
};

/** UI strings the tests rely on, per language. */
export const T = {
  fr: {
    lang: 'fr',
    switchTo: 'English', // the language button shown while the page is in French
    skipLink: 'Aller au contenu principal',
    loginLink: 'Se connecter',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    loginButton: 'Se connecter',
    logoutButton: 'Se déconnecter',
    hello: 'Bonjour',
    badCredentials: 'Adresse e-mail ou mot de passe incorrect',
    notFound: 'Page introuvable',
  },
  // English strings: skipLink, badCredentials and notFound are not asserted by
  // the foundation tests yet (they check the French ones); the rest are.
  en: {
    lang: 'en',
    switchTo: 'Français',
    skipLink: 'Skip to main content',
    loginLink: 'Log in',
    email: 'Email address',
    password: 'Password',
    loginButton: 'Log in',
    logoutButton: 'Log out',
    hello: 'Hello',
    badCredentials: 'Incorrect email address or password',
    notFound: 'Page not found',
  },
};

const STARTUP_TIMEOUT_MS = 60_000;
const URL_RE = /http:\/\/127\.0\.0\.1:\d+/;

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

function tremplinBin() {
  const fromEnv = process.env.TREMPLIN_BIN;
  return fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, 'target', 'debug', 'tremplin');
}

async function psql(url, sql) {
  // The base URL is handed to psql as its connection string (dbname argument).
  await execFileAsync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT || '10' },
    timeout: 60_000,
  });
}

function withDatabase(baseUrl, dbName) {
  const u = new URL(baseUrl); // keeps user, host, port and query (sslmode...)
  u.pathname = '/' + dbName;
  return u.toString();
}

async function createPgDatabase() {
  const base = process.env.TREMPLIN_TEST_PG_URL;
  if (!base) {
    throw new Error('E2E_BACKEND=postgres needs TREMPLIN_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  }
  const name = `tremplin_e2e_${randomBytes(6).toString('hex')}`;
  await psql(base, `CREATE DATABASE "${name}"`);
  const drop = async () => {
    try {
      await psql(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } catch {
      await psql(base, `DROP DATABASE IF EXISTS "${name}"`); // PostgreSQL < 13
    }
  };
  return { url: withDatabase(base, name), name, drop };
}

/**
 * Starts the already-built `tremplin` binary on a free port with fresh data.
 * @param {{backend?: 'sqlite'|'postgres', extraArgs?: string[]}} [opts]
 * @returns {Promise<{baseUrl: string, backend: string, dataDir: string, databaseUrl: string,
 *                    output: () => string, stop: () => Promise<void>}>}
 */
export async function startServer({ backend = process.env.E2E_BACKEND || 'sqlite', extraArgs = [] } = {}) {
  const bin = tremplinBin();
  if (!fs.existsSync(bin)) {
    throw new Error(`Tremplin binary not found at ${bin}: build it first with cargo build -p tremplin (or set TREMPLIN_BIN)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tremplin-e2e-'));
  let databaseUrl;
  let dropDb = async () => {};
  if (backend === 'sqlite') {
    databaseUrl = `sqlite://${dataDir}/tremplin.db`;
  } else if (backend === 'postgres') {
    const db = await createPgDatabase();
    databaseUrl = db.url;
    dropDb = db.drop;
  } else {
    throw new Error(`unknown E2E_BACKEND "${backend}" (sqlite or postgres)`);
  }

  const args = ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir, '--database-url', databaseUrl, '--demo', ...extraArgs];
  const echo = process.env.E2E_SERVER_LOG === '1';
  const child = spawn(bin, args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let output = '';
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* already gone */ } };
  process.on('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    try {
      await dropDb();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const failStartup = async (reason) => {
    const banner = `--- tremplin ${args.join(' ')} ---`;
    console.error(`${banner}\n${output || '(no output)'}\n${'-'.repeat(banner.length)}`);
    await stop().catch((e) => console.error('cleanup after failed start:', e));
    return new Error(`Tremplin server did not start: ${reason}`);
  };

  const baseUrl = await new Promise((resolve, reject) => {
    let stdoutBuf = '';
    let done = false;
    const finish = (fn) => { if (!done) { done = true; clearTimeout(timer); fn(); } };
    const timer = setTimeout(() => {
      finish(() => failStartup(`no "http://127.0.0.1:<port>" line on stdout after ${STARTUP_TIMEOUT_MS / 1000} s`).then(reject));
    }, STARTUP_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (echo) process.stderr.write(`[tremplin] ${chunk}`);
      stdoutBuf += chunk;
      const lines = stdoutBuf.split('\n');
      stdoutBuf = lines.pop();
      for (const line of lines) {
        const m = URL_RE.exec(line);
        if (m) return finish(() => resolve(m[0]));
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (echo) process.stderr.write(`[tremplin:err] ${chunk}`);
    });
    child.once('error', (err) => finish(() => failStartup(`cannot spawn ${bin}: ${err.message}`).then(reject)));
    child.once('exit', (code, signal) => {
      const m = URL_RE.exec(stdoutBuf); // a last line without its newline
      if (m) return finish(() => resolve(m[0]));
      finish(() => failStartup(`exited early (code ${code}, signal ${signal})`).then(reject));
    });
  });

  return { baseUrl, backend, dataDir, databaseUrl, output: () => output, stop };
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches the system Chromium (never a Playwright-downloaded one). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh context (no cookies, French browser locale) and a page in it.
 * Closing the page's context: `await page.context().close()`.
 *
 * CSP and axe: the app sends a strict Content-Security-Policy (no inline
 * script). `page.addScriptTag({content: axeSource})` adds an inline <script>
 * that this CSP blocks unless the context has `bypassCSP: true`. But
 * `page.evaluate(axeSource)` runs the source through the DevTools protocol
 * (Runtime.evaluate), which CSP does not apply to: checked with Chromium 156 +
 * playwright-core 1.65 against a page served with `script-src 'self'`.
 * So contexts keep the app's CSP enforced (bypassCSP: false by default), axe is
 * injected with page.evaluate, and the walk-through also proves the pages work
 * under their real policy: CSP violations reported by Chromium are collected
 * and checkA11y fails on them. Pass `{bypassCSP: true}` only to debug.
 */
export async function newPage(browser, { locale = 'fr-FR', bypassCSP = false } = {}) {
  const context = await browser.newContext({ bypassCSP, locale });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => page.consoleErrors.push(`uncaught: ${err}`));
  return page;
}

/** CSP violations and uncaught script errors seen on this page so far (404s of sub-resources are ignored). */
export function pageProblems(page) {
  return (page.consoleErrors || []).filter((e) => /Content Security Policy|^uncaught: /.test(e));
}

/** Runs `fn(page)` in a fresh context that is closed afterwards, pass or fail. */
export async function withPage(browser, fn, opts) {
  const page = await newPage(browser, opts);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

// ---------------------------------------------------------------------------
// Navigation helpers
// ---------------------------------------------------------------------------

/** `page.goto` that returns the response and asserts its status (default 200; `status: null` skips the check). */
export async function visit(page, url, { status = 200 } = {}) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.ok(response, `no response for ${url}`);
  if (status !== null) assert.equal(response.status(), status, `GET ${url}: HTTP status`);
  return response;
}

/**
 * Clicks something that submits a form or follows a link, and waits until the
 * next document (after any redirect, e.g. POST then 303) has loaded.
 * (`framenavigated` fires when the new document commits; waiting for 'load'
 * alone could resolve on the old document.)
 */
export async function clickAndWait(page, locator) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await locator.click();
  await navigated;
  await page.waitForLoadState('load');
  return page;
}

/** Path of the current page ("/connexion"). */
export function currentPath(page) {
  return new URL(page.url()).pathname;
}

/** Waits for a locator to be visible; `what` names it in the failure message. */
export async function expectVisible(locator, what, { timeout = 5_000 } = {}) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    const page = locator.page();
    assert.fail(`expected ${what} on ${page.url()} (title "${await page.title()}")`);
  }
  return locator.first();
}

/** `<html lang>` of the current page. */
export async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.getAttribute('lang'));
}

/** The site header (banner landmark). */
export function header(page) {
  return page.getByRole('banner');
}

/**
 * Switches the UI language with the header button (a form POST) and checks
 * `<html lang>` afterwards. `to` is 'en' or 'fr'.
 */
export async function switchLanguage(page, to) {
  const from = to === 'en' ? 'fr' : 'en';
  const button = header(page).getByRole('button', { name: T[from].switchTo, exact: true });
  await expectVisible(button, `the button "${T[from].switchTo}" in the header`);
  await clickAndWait(page, button);
  assert.equal(await htmlLang(page), to, `<html lang> after switching to ${to}`);
  await expectVisible(header(page).getByRole('button', { name: T[to].switchTo, exact: true }),
    `the button "${T[to].switchTo}" in the header after switching to ${to}`);
}

/**
 * Fills and submits the login form at /connexion. `lang` picks the labels
 * ('fr' or 'en'; the page must already be in that language). Does not assert
 * the outcome: see `expectLoggedIn` / the bad-credentials test.
 */
export async function login(page, baseUrl, email, password, { lang = 'fr' } = {}) {
  const t = T[lang];
  await visit(page, `${baseUrl}/connexion`);
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await clickAndWait(page, page.getByRole('main').getByRole('button', { name: t.loginButton, exact: true }));
  return page;
}

/** Asserts the page greets a logged-in user and offers the logout button. */
export async function expectLoggedIn(page, { lang = 'fr' } = {}) {
  const t = T[lang];
  await expectVisible(page.getByRole('heading', { name: new RegExp(t.hello) }), `a heading containing "${t.hello}"`);
  await expectVisible(page.getByRole('button', { name: t.logoutButton, exact: true }), `the button "${t.logoutButton}"`);
}

/** Clicks the logout button and checks the "log in" link is back. */
export async function logout(page, { lang = 'fr' } = {}) {
  const t = T[lang];
  await clickAndWait(page, page.getByRole('button', { name: t.logoutButton, exact: true }));
  await expectVisible(page.getByRole('link', { name: t.loginLink, exact: true }), `the link "${t.loginLink}" after logout`);
}

// ---------------------------------------------------------------------------
// Accessibility
// ---------------------------------------------------------------------------

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every page checked by checkA11y in this process: {label, url, violations, blocking}. */
export const a11yChecked = [];

/**
 * Runs axe-core on the current page and fails on any `serious` or `critical`
 * violation (WCAG 2.0/2.1 A and AA rules). Minor/moderate ones are printed.
 * Also fails if the page hit a CSP violation or an uncaught script error.
 */
export async function checkA11y(page, label) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE); // not subject to the page's CSP, see newPage()
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  const describe = (v) => [
    `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => `      at ${n.target.join(' ')}`),
  ].join('\n');
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !blocking.includes(v));
  a11yChecked.push({ label, url: page.url(), violations: results.violations.length, blocking: blocking.length });
  if (minor.length) {
    console.log(`axe: ${minor.length} minor/moderate violation(s) on ${label} (${page.url()}):\n${minor.map(describe).join('\n')}`);
  }
  assert.equal(blocking.length, 0,
    `axe: ${blocking.length} serious/critical violation(s) on ${label} (${page.url()}):\n${blocking.map(describe).join('\n')}`);
  const problems = pageProblems(page);
  assert.deepEqual(problems, [], `CSP violation(s) or script error(s) on ${label} (${page.url()})`);
  return results;
}

/** Prints the list of pages checked with axe (call it in `after`). */
export function printA11yReport() {
  if (!a11yChecked.length) return;
  const lines = a11yChecked.map((c) => `  ${c.blocking ? 'FAIL' : 'ok  '} ${c.label} — ${c.url} (${c.violations} violation(s), ${c.blocking} serious/critical)`);
  console.log(`axe-core checked ${a11yChecked.length} page(s):\n${lines.join('\n')}`);
}

/**
 * One `describe` with a server and a browser shared by its tests, closed afterwards with the
 * axe report. `body(env)` declares the tests; `env.base` and `env.browser` are set once `before` ran.
 */
export function suite(name, body, { extraArgs = [] } = {}) {
  describe(`${name} (${process.env.E2E_BACKEND || 'sqlite'})`, { timeout: 180_000 }, () => {
    const env = {};
    before(async () => {
      env.server = await startServer({ extraArgs });
      env.base = env.server.baseUrl;
      env.browser = await launchBrowser();
    }, { timeout: 90_000 });
    after(async () => {
      await env.browser?.close();
      await env.server?.stop();
      printA11yReport();
    });
    body(env);
  });
}
