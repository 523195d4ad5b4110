// Steering: the pilot sets the 2019 target and reads the dashboard (progress, chart with its
// data table, per partner); the public statistics page in French and English. axe on each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, logout, checkA11y, switchLanguage,
} from '../lib.mjs';

suite('steering', (env) => {
  test('the pilot sets a target and follows progress; the public statistics', () => withPage(env.browser, async (page) => {
    await login(page, env.base, 'pilote@region-hdf.example', 'tremplin-demo');
    // One company accompanied in 2019, recorded on its file.
    await visit(page, `${env.base}/entreprises/nouvelle`);
    await page.getByLabel('Raison sociale').fill('Verrerie du Pilotage');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await page.locator('#acc-title-in').fill('Diagnostic export');
    await page.locator('#acc-status').selectOption('completed');
    await page.locator('#acc-end').fill('2019-03-15');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l\'accompagnement' }));
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Tableau de bord' }));
    await checkA11y(page, 'dashboard (fr)');
    await visit(page, `${env.base}/pilotage/objectifs?annee=2019`);
    await checkA11y(page, 'targets (fr)');
    await page.getByLabel('Team Export (entreprises distinctes)').fill('-3');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
    await expectVisible(page.getByText('Un objectif est un nombre entier positif d\'entreprises.'), 'the target error');
    await page.goBack();
    await page.getByLabel('Team Export (entreprises distinctes)').fill('600');
    await page.getByLabel('CCI Hauts-de-France').fill('250');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
    assert.equal(currentPath(page), '/pilotage/tableau-de-bord');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Tableau de bord 2019' }), 'the 2019 dashboard');
    assert.equal(await page.locator('#steer-count').textContent(), '1', 'one company accompanied');
    await expectVisible(page.getByRole('img', { name: /cumul mensuel 2019/ }), 'the chart, named');
    await checkA11y(page, 'dashboard 2019 (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Répartitions et listes d\'entreprises' }));
    await checkA11y(page, 'breakdown by département (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'non renseigné' }));
    await expectVisible(page.locator('#drill-companies').getByRole('link', { name: 'Verrerie du Pilotage' }), 'the drill-down');
    await checkA11y(page, 'drill-down (fr)');
    await logout(page);
    await visit(page, `${env.base}/statistiques`);
    await expectVisible(page.getByRole('cell', { name: '600' }), 'the 2019 target, public');
    await checkA11y(page, 'public statistics (fr)');
    await switchLanguage(page, 'en');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Team Export statistics' }), 'in English');
    await checkA11y(page, 'public statistics (en)');
  }));
});
