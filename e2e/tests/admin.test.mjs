// Administration walk-through: users list, a refused then an accepted invitation (filled with
// the keyboard), the invitee sets a password through the one-time link and logs in, the account
// page, deactivation, the audit log with a filter, the partner directory. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO, suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, expectLoggedIn, checkA11y,
} from '../lib.mjs';

suite('administration', (env) => {
  test('admin invites someone who sets a password and logs in; audit shows it', () => withPage(env.browser, async (page) => {
    await login(page, env.base, DEMO.admin.email, DEMO.admin.password);
    await expectLoggedIn(page);
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs', exact: true }));
    assert.equal(currentPath(page), '/admin/utilisateurs');
    await expectVisible(page.getByRole('cell', { name: 'Camille Lefebvre' }), 'the demo adviser in the list');
    await checkA11y(page, 'users (fr)');

    // Refused: no organisation and a bad e-mail. Errors next to the fields, values kept.
    await page.getByLabel('Nom et prénom').fill('Jeanne Artisan');
    await page.getByLabel('Adresse e-mail').fill('jeanne-at-example');
    await clickAndWait(page, page.getByRole('button', { name: 'Créer le compte et le lien d\'invitation' }));
    await expectVisible(page.getByRole('alert'), 'the form error summary');
    await expectVisible(page.getByText('Choisissez une organisation.'), 'the organisation error');
    assert.equal(await page.getByLabel('Nom et prénom').inputValue(), 'Jeanne Artisan');
    assert.equal(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'users, invalid invitation (fr)');

    // Accepted, typed with the keyboard only.
    await page.getByLabel('Adresse e-mail').fill('');
    await page.getByLabel('Adresse e-mail').focus();
    await page.keyboard.type('jeanne@cma.example');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.getByLabel('Organisation').selectOption({ label: 'CMA Hauts-de-France' });
    await page.getByLabel('Rôle').selectOption({ label: 'Conseiller ou conseillère' });
    await page.getByLabel('Rôle').focus();
    await page.keyboard.press('Tab');
    const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    const link = await page.getByLabel('Lien d\'invitation').inputValue();
    assert.match(link, /\/invitation\/[0-9a-f]{64}$/);
    await checkA11y(page, 'users, invitation created (fr)');

    // The invitee, in another browser context.
    await withPage(env.browser, async (invitee) => {
      await visit(invitee, link);
      await checkA11y(invitee, 'invitation (fr)');
      await invitee.getByLabel('Nouveau mot de passe').fill('trop court');
      await invitee.getByLabel('Confirmez le mot de passe').fill('trop court');
      await clickAndWait(invitee, invitee.getByRole('button', { name: 'Enregistrer' }));
      await expectVisible(invitee.getByText('au moins 12 caractères'), 'the password length error');
      await checkA11y(invitee, 'invitation, refused password (fr)');
      await invitee.getByLabel('Nouveau mot de passe').fill('une phrase de passe solide');
      await invitee.getByLabel('Confirmez le mot de passe').fill('une phrase de passe solide');
      await clickAndWait(invitee, invitee.getByRole('button', { name: 'Enregistrer' }));
      assert.equal(currentPath(invitee), '/connexion');
      await expectVisible(invitee.getByRole('status'), 'the "password saved" notice');
      await login(invitee, env.base, 'jeanne@cma.example', 'une phrase de passe solide');
      await expectLoggedIn(invitee);
      await expectVisible(invitee.getByText('CMA Hauts-de-France'), 'her membership');
      await visit(invitee, `${env.base}/admin/utilisateurs`, { status: 403 });
      await checkA11y(invitee, '403 (fr)');
    });

    // Her account page: deactivate.
    await visit(page, `${env.base}/admin/utilisateurs`);
    await clickAndWait(page, page.getByRole('link', { name: 'Jeanne Artisan' }));
    await checkA11y(page, 'user account (fr)');
    await clickAndWait(page, page.getByRole('button', { name: 'Désactiver le compte' }));
    await expectVisible(page.getByText('Désactivé'), 'the deactivated status');

    // The audit log, filtered on the user objects.
    await clickAndWait(page, page.getByRole('link', { name: 'Historique de ce compte dans le journal d\'audit' }));
    assert.equal(currentPath(page), '/admin/journal');
    for (const action of ['create', 'set_password', 'deactivate']) {
      await expectVisible(page.getByRole('cell', { name: action, exact: true }), `the "${action}" entry`);
    }
    await checkA11y(page, 'audit log (fr)');
    await page.getByLabel('Du').fill('2020-01-01');
    await clickAndWait(page, page.getByRole('button', { name: 'Filtrer' }));
    await checkA11y(page, 'audit log filtered (fr)');

    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Partenaires', exact: true }));
    await expectVisible(page.getByRole('heading', { name: 'Bpifrance' }), 'the partner directory');
    await checkA11y(page, 'partners (fr)');
  }));
});
