// Foundation walk-through: layout and landmarks, skip link, language switch,
// about page, login / logout (FR and EN), wrong password, 404, health check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO, T, suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, htmlLang, header, switchLanguage, login, expectLoggedIn, logout,
  checkA11y,
} from '../lib.mjs';

suite('foundation', (env) => {
  test('home page: lang, h1, skip link, landmarks', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/`);
    assert.equal(await htmlLang(page), 'fr', '<html lang> on /');
    await expectVisible(page.locator('h1'), 'an h1');
    assert.equal(await page.getByRole('main').count(), 1, 'one main landmark');
    assert.ok(await page.getByRole('navigation').count() >= 1, 'a nav landmark');
    assert.equal(await page.getByRole('contentinfo').count(), 1, 'one footer (contentinfo) landmark');
    await checkA11y(page, 'home (fr)');

    // The skip link is the first focusable element and moves focus to main#contenu.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href') };
    });
    assert.deepEqual({ tag: first.tag, text: first.text }, { tag: 'A', text: T.fr.skipLink },
      `first Tab stop should be the skip link (got ${JSON.stringify(first)})`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'contenu', null, { timeout: 5_000 })
      .catch(() => {});
    const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id }));
    assert.deepEqual(focused, { tag: 'MAIN', id: 'contenu' },
      'after Tab + Enter on the skip link, focus should be on main#contenu (it needs tabindex="-1")');
  }));

  test('language switch to English is remembered, then back to French', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/`);
    await switchLanguage(page, 'en');
    await checkA11y(page, 'home (en)');
    await page.reload({ waitUntil: 'load' });
    assert.equal(await htmlLang(page), 'en', '<html lang> after reload (language cookie)');
    await expectVisible(header(page).getByRole('button', { name: T.en.switchTo, exact: true }),
      `the button "${T.en.switchTo}" after reload`);
    await switchLanguage(page, 'fr');
    await page.reload({ waitUntil: 'load' });
    assert.equal(await htmlLang(page), 'fr', '<html lang> after switching back and reloading');
  }));

  test('about page cites its sources and licence', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/a-propos`);
    await expectVisible(page.locator('h1'), 'an h1 on /a-propos');
    await expectVisible(page.getByText('Licence Ouverte 2.0').first(), 'the text "Licence Ouverte 2.0"');
    await checkA11y(page, 'about (fr)');
  }));

  test('demo adviser logs in from the header link and logs out', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/`);
    const loginLink = header(page).getByRole('link', { name: T.fr.loginLink, exact: true });
    await expectVisible(loginLink, `the link "${T.fr.loginLink}" in the header`);
    await clickAndWait(page, loginLink);
    assert.equal(currentPath(page), '/connexion', 'the header login link leads to /connexion');
    await expectVisible(page.getByLabel(T.fr.email, { exact: true }), `a field labelled "${T.fr.email}"`);
    await expectVisible(page.getByLabel(T.fr.password, { exact: true }), `a field labelled "${T.fr.password}"`);
    await expectVisible(page.getByRole('main').getByRole('button', { name: T.fr.loginButton, exact: true }),
      `the button "${T.fr.loginButton}"`);
    await checkA11y(page, 'login (fr)');

    await login(page, env.base, DEMO.adviser.email, DEMO.adviser.password);
    await expectLoggedIn(page);
    await checkA11y(page, 'after login (fr)');
    await logout(page);
    await checkA11y(page, 'after logout (fr)');
  }));

  test('wrong password keeps the e-mail and shows an alert', () => withPage(env.browser, async (page) => {
    await login(page, env.base, DEMO.adviser.email, 'mauvais');
    assert.equal(currentPath(page), '/connexion', 'stays on the login page');
    await expectVisible(page.getByRole('alert').filter({ hasText: T.fr.badCredentials }),
      `role="alert" containing "${T.fr.badCredentials}"`);
    assert.equal(await page.getByLabel(T.fr.email, { exact: true }).inputValue(), DEMO.adviser.email,
      'the e-mail field keeps its value');
    assert.equal(await page.getByLabel(T.fr.password, { exact: true }).inputValue(), '',
      'the password field is not refilled');
    assert.equal(await page.getByRole('button', { name: T.fr.logoutButton }).count(), 0, 'not logged in');
    await checkA11y(page, 'login error (fr)');
  }));

  test('unknown page gives a translated 404', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/nexiste-pas`, { status: 404 });
    assert.equal(await htmlLang(page), 'fr');
    await expectVisible(page.locator('h1', { hasText: T.fr.notFound }), `an h1 containing "${T.fr.notFound}"`);
    await checkA11y(page, '404 (fr)');
  }));

  test('login and logout in English', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/`);
    await switchLanguage(page, 'en');
    await visit(page, `${env.base}/connexion`);
    assert.equal(await htmlLang(page), 'en');
    await expectVisible(page.getByLabel(T.en.email, { exact: true }), `a field labelled "${T.en.email}"`);
    await expectVisible(page.getByLabel(T.en.password, { exact: true }), `a field labelled "${T.en.password}"`);
    await expectVisible(page.getByRole('main').getByRole('button', { name: T.en.loginButton, exact: true }),
      `the button "${T.en.loginButton}"`);
    await checkA11y(page, 'login (en)');
    await login(page, env.base, DEMO.adviser.email, DEMO.adviser.password, { lang: 'en' });
    await expectLoggedIn(page, { lang: 'en' });
    await checkA11y(page, 'after login (en)');
    await logout(page, { lang: 'en' });
    await switchLanguage(page, 'fr');
  }));

  test('/healthz answers 200', async () => {
    const res = await fetch(`${env.base}/healthz`);
    assert.equal(res.status, 200);
  });
});
