// Shared follow-up, first part: a public request from a craft company reaches the CMA and one
// from a trading company the CCI; advisers see "why this partner", take charge and close;
// "not for us" needs a reason; the shared company file (create, duplicate SIREN, countries).
// axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, expectLoggedIn, logout, checkA11y,
} from '../lib.mjs';

const CMA = { email: 'marc.vasseur@cma-hdf.example', password: 'tremplin-demo' };
const CCI = { email: 'camille.lefebvre@cci-hdf.example', password: 'tremplin-demo' };

async function callBack(page, base, query, company) {
  await visit(page, `${base}/orientation/rappel?${query}`);
  await page.getByLabel('Vos nom et prénom').fill('Jeanne Test');
  await page.getByLabel('Nom de l\'entreprise').fill(company);
  await page.getByLabel('Adresse e-mail').fill('jeanne@test.example');
  await page.getByRole('checkbox', { name: /J'accepte que ma demande/ }).check();
  await clickAndWait(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
  assert.equal(currentPath(page), '/orientation/rappel/merci');
}

suite('follow-up', (env) => {
  test('requests are routed to the right partner and handled', () => withPage(env.browser, async (page) => {
    await callBack(page, env.base, 'departement=59&registre=rm&besoins=orientation', 'Atelier du Bois');
    await callBack(page, env.base, 'departement=59&registre=rcs&naf=46.90Z&besoins=orientation', 'Négoce du Nord');

    await login(page, env.base, CMA.email, CMA.password);
    await expectLoggedIn(page);
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Demandes', exact: true }));
    await expectVisible(page.getByRole('link', { name: 'Atelier du Bois' }), 'the craft company in the CMA inbox');
    assert.equal(await page.getByRole('link', { name: 'Négoce du Nord' }).count(), 0, 'not the trading company');
    await checkA11y(page, 'inbox (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Atelier du Bois' }));
    await expectVisible(page.getByText(/registre d'immatriculation/), 'why this partner');
    await checkA11y(page, 'request (fr)');
    await clickAndWait(page, page.getByRole('button', { name: 'Prendre en charge' }));
    await expectVisible(page.getByText('prise en charge', { exact: true }), 'taken in charge');
    // "Not for us" without a reason is refused.
    await page.getByRole('radio', { name: 'pas pour nous' }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Clôturer la demande' }));
    await expectVisible(page.getByText('Indiquez la raison.'), 'the reason error');
    await checkA11y(page, 'request close refused (fr)');
    await page.goBack();
    await page.getByRole('radio', { name: 'accompagnée' }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Clôturer la demande' }));
    await expectVisible(page.getByRole('button', { name: 'Rouvrir' }), 'closed, can reopen');
    await logout(page);

    await login(page, env.base, CCI.email, CCI.password);
    await visit(page, `${env.base}/demandes`);
    await expectVisible(page.getByRole('link', { name: 'Négoce du Nord' }), 'the trading company in the CCI inbox');
    assert.equal(await page.getByRole('link', { name: 'Atelier du Bois' }).count(), 0);
  }));

  test('the pilot tries the routing rules', () => withPage(env.browser, async (page) => {
    await login(page, env.base, 'pilote@region-hdf.example', 'tremplin-demo');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Règles d\'orientation' }));
    await checkA11y(page, 'routing rules (fr)');
    await page.locator('#sujet').selectOption('orientation');
    await page.getByLabel('Commune (code INSEE)').fill('59350');
    await page.locator('#registre').selectOption('rm');
    await clickAndWait(page, page.getByRole('button', { name: 'Tester' }));
    await expectVisible(page.getByRole('status').getByText(/CMA Hauts-de-France/), 'the CMA selected');
    await checkA11y(page, 'routing test mode (fr)');
  }));

  test('the shared company file', () => withPage(env.browser, async (page) => {
    await login(page, env.base, CCI.email, CCI.password);
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Entreprises', exact: true }));
    await checkA11y(page, 'companies (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Créer une fiche entreprise' }));
    await checkA11y(page, 'company form (fr)');
    await page.getByLabel('Raison sociale').fill('Brasserie des Flandres');
    await page.getByLabel(/SIREN ou SIRET/).fill('123456789');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
    await expectVisible(page.getByText(/n'est pas valide \(clé de contrôle incorrecte\)/), 'the SIREN checksum error');
    await checkA11y(page, 'company form with errors (fr)');
    await page.getByLabel(/SIREN ou SIRET/).fill('215903501');
    await page.getByLabel(/Commune \(code INSEE/).fill('59350');
    await page.getByRole('checkbox', { name: /accepte que sa fiche soit partagée/ }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Brasserie des Flandres' }), 'the new file');
    await checkA11y(page, 'company file (fr)');
    await page.getByLabel('Pays', { exact: true }).selectOption({ label: 'Belgique' });
    await page.getByLabel('Situation').selectOption({ label: 'pays visé' });
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).first());
    await expectVisible(page.getByText('Belgique — pays visé'), 'the export country');
    // A note private to the CCI, and one for the whole Team.
    await page.getByLabel('Note', { exact: true }).fill('Secret CCI : marge négociée');
    await page.getByRole('radio', { name: 'Mon partenaire seulement' }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter la note' }));
    await page.getByLabel('Note', { exact: true }).fill('Premier rendez-vous, projet Belgique');
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter la note' }));
    await expectVisible(page.getByText('Secret CCI : marge négociée'), 'the private note, for its author');
    await checkA11y(page, 'company file with timeline (fr)');
    const fileUrl = page.url().split('#')[0];
    // The same SIREN again opens the existing file.
    await visit(page, `${env.base}/entreprises/nouvelle`);
    await page.getByLabel('Raison sociale').fill('Autre nom');
    await page.getByLabel(/SIREN ou SIRET/).fill('215 903 501');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
    await expectVisible(page.getByRole('status').filter({ hasText: 'avait déjà une fiche' }), 'the existing-file notice');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Brasserie des Flandres' }), 'the existing file');
    await logout(page);

    // Another partner's adviser: the shared file, without the CCI's private note.
    await login(page, env.base, CMA.email, CMA.password);
    await visit(page, fileUrl);
    await expectVisible(page.getByText('Premier rendez-vous, projet Belgique'), 'the Team note');
    assert.equal(await page.getByText('Secret CCI').count(), 0, 'a partner-private note stays with its partner');
  }));
});
