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

  test('a monthly review: two action items carry over, one is done, the review prints', () => withPage(env.browser, async (page) => {
    await login(page, env.base, 'pilote@region-hdf.example', 'tremplin-demo');
    await visit(page, `${env.base}/pilotage/tableau-de-bord`);
    await clickAndWait(page, page.getByRole('link', { name: 'Revue mensuelle' }));
    await checkA11y(page, 'monthly review, this month (fr)');
    await visit(page, `${env.base}/pilotage/revue?mois=2019-03`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Revue mensuelle — mars 2019' }), 'the March review');
    // An action item with no owner is refused with a message at the field.
    await page.getByLabel('Intitulé').fill('Relancer les CCI sur les salons');
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    await expectVisible(page.getByText('Une action a un responsable'), 'the owner error');
    await checkA11y(page, 'review with a field error (fr)');
    for (const [body, partner, person] of [
      ['Relancer les CCI sur les salons', 'CCI Hauts-de-France', 'Nathalie Dupuis'],
      ['Mettre à jour la fiche Team France Export', 'CMA Hauts-de-France', ''],
    ]) {
      await page.getByLabel('Intitulé').fill(body);
      await page.getByLabel('Partenaire responsable').selectOption({ label: partner });
      await page.getByLabel('Personne responsable').fill(person);
      await page.getByLabel('Échéance (AAAA-MM-JJ, facultatif)').fill('2019-04-30');
      await clickAndWait(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    }
    await page.getByRole('radio', { name: 'Décision' }).check();
    await page.getByLabel('Intitulé').fill('Objectif 2019 maintenu à 600');
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    const items = page.locator('#review-items');
    await expectVisible(items.getByRole('cell', { name: 'Objectif 2019 maintenu à 600' }), 'the decision');
    await checkA11y(page, 'review with items (fr)');
    // Next month: the two action items are carried over, the decision is not.
    await clickAndWait(page, page.getByRole('link', { name: '2019-04 →' }));
    assert.equal(await page.locator('#review-items').getByText('reportée depuis 2019-03').count(), 2, 'two carried over');
    assert.equal(await page.getByText('Objectif 2019 maintenu à 600').count(), 0, 'a decision stays where it was taken');
    await clickAndWait(page, page.getByRole('button', { name: 'Marquer faite : Relancer les CCI sur les salons' }));
    await expectVisible(page.locator('#review-items').getByRole('cell', { name: 'faite', exact: true }), 'done at this review');
    await clickAndWait(page, page.getByRole('link', { name: '2019-05 →' }));
    assert.equal(await page.locator('#review-items').getByText('reportée depuis 2019-03').count(), 1, 'only the open one');
    await expectVisible(page.locator('#review-items').getByRole('cell', { name: 'Mettre à jour la fiche Team France Export' }), 'still open');
    // Printing: the print style hides the navigation and the forms; the browser prints a PDF.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Ajouter', exact: true }).isVisible(), false, 'no form on paper');
    assert.equal(await page.locator('.site-header nav').isVisible(), false, 'no navigation on paper');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.subarray(0, 4).toString() === '%PDF' && pdf.length > 1000, 'printed');
    await page.emulateMedia({ media: 'screen' });
    // The server's PDF (chromium is installed for these tests).
    const res = await page.evaluate(async () => {
      const r = await fetch('/pilotage/revue/pdf?mois=2019-05');
      return { status: r.status, type: r.headers.get('content-type') };
    });
    assert.deepEqual(res, { status: 200, type: 'application/pdf' });
    await switchLanguage(page, 'en');
    await expectVisible(page.getByRole('heading', { level: 1, name: /Monthly review — May 2019/ }), 'in English');
    await checkA11y(page, 'monthly review (en)');
    // Service quality and a filtered breakdown, keyboard-reachable and axe-clean.
    await visit(page, `${env.base}/pilotage/qualite?annee=2019`);
    await checkA11y(page, 'service quality (en)');
    await switchLanguage(page, 'fr');
    await visit(page, `${env.base}/pilotage/tableau-de-bord/repartition?annee=2019&par=zone`);
    await page.getByLabel('Partenaire').selectOption({ label: 'CCI Hauts-de-France' });
    await clickAndWait(page, page.getByRole('button', { name: 'Filtrer' }));
    assert.match(page.url(), /partenaire=/);
    await checkA11y(page, 'breakdown by zone, filtered (fr)');
  }));
});
