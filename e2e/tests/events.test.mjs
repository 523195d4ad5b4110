// Events, first part: an organiser sets up an ambassadors' day (tables by zone, guests,
// registrations), seats the companies, reads the running order per table. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, checkA11y,
} from '../lib.mjs';

suite('events', (env) => {
  test('an organiser seats an ambassadors\' day', () => withPage(env.browser, async (page) => {
    await login(page, env.base, 'claire.fontaine@businessfrance.example', 'tremplin-demo');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Événements', exact: true }));
    await checkA11y(page, 'events (fr)');
    await page.getByLabel('Nom de l\'événement').fill('Journée des ambassadeurs');
    await page.getByLabel('Date (AAAA-MM-JJ)').fill('2026-12-10');
    await page.getByLabel('Lieu').fill('Lille');
    await clickAndWait(page, page.getByRole('button', { name: 'Créer l\'événement' }));
    assert.match(currentPath(page), /^\/evenements\//);
    for (const [label, cap] of [['Afrique', '10'], ['Europe', '10']]) {
      await page.getByLabel('Nom de la table (zone)').fill(label);
      await page.getByLabel('Nombre de places').fill(cap);
      await clickAndWait(page, page.getByRole('button', { name: 'Ajouter une table' }));
    }
    for (const [name, country, table] of [['S. Mbeki', 'ZA', 'Afrique'], ['K. Weber', 'DE', 'Europe']]) {
      await page.getByLabel('Nom', { exact: true }).fill(name);
      await page.getByLabel('Pays (code ISO, ex. ZA)').fill(country);
      await page.getByLabel('Table', { exact: true }).selectOption({ label: table });
      await clickAndWait(page, page.getByRole('button', { name: 'Ajouter l\'invité' }));
    }
    for (const [company, targets] of [['Protéines Végétales', 'ZA'], ['Réalité Virtuelle Santé', 'DE, IE']]) {
      await page.getByLabel('Entreprise', { exact: true }).fill(company);
      await page.getByLabel(/Pays visés/).fill(targets);
      await page.getByLabel('Nom sur la carte de visite').fill('Jeanne Test');
      await clickAndWait(page, page.getByRole('button', { name: 'Inscrire une entreprise' }));
    }
    await clickAndWait(page, page.getByRole('button', { name: 'Placer les entreprises aux tables' }));
    const afrique = page.getByRole('table', { name: 'Ordre de passage — Afrique' });
    await expectVisible(afrique.getByRole('cell', { name: 'Protéines Végétales' }), 'the plant-protein company at the Africa table');
    await expectVisible(page.getByRole('table', { name: 'Ordre de passage — Europe' }).getByRole('cell', { name: 'Réalité Virtuelle Santé' }), 'the VR company at the Europe table');
    await checkA11y(page, 'event with seating (fr)');

    // One-to-one meetings: a request, accepted, scheduled; the company's agenda and .ics.
    await page.getByRole('button', { name: 'Demander un rendez-vous' }).click();
    await page.waitForLoadState('load');
    await clickAndWait(page, page.getByRole('button', { name: /^Accepter/ }).first());
    await clickAndWait(page, page.getByRole('button', { name: 'Planifier les rendez-vous acceptés' }));
    await expectVisible(page.getByRole('status').filter({ hasText: 'rendez-vous planifié' }), 'the schedule summary');
    await checkA11y(page, 'schedule result (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Voir la grille' }));
    await expectVisible(page.getByRole('region', { name: 'Grille des rendez-vous (créneau × table)' }), 'the slot × table grid');
    await clickAndWait(page, page.getByRole('link', { name: 'Protéines Végétales' }).last());
    await expectVisible(page.getByRole('heading', { level: 1, name: /Agenda — Protéines Végétales/ }), 'the company agenda');
    await checkA11y(page, 'agenda (fr)');
    const ics = await page.evaluate(async (href) => (await fetch(href)).text(),
      await page.getByRole('link', { name: 'ajouter à mon agenda (.ics)' }).getAttribute('href'));
    assert.ok(ics.startsWith('BEGIN:VCALENDAR') && ics.includes('BEGIN:VEVENT'), 'the .ics download');

    // Badges with the business card as a QR code, and the public registration page.
    const eventUrl = new URL(page.url()).pathname.split('/agenda/')[0];
    await visit(page, `${env.base}${eventUrl}/badges`);
    await expectVisible(page.getByRole('img', { name: /Carte de visite de Jeanne Test/ }), 'a badge QR code');
    await checkA11y(page, 'badges (fr)');
    await withPage(env.browser, async (visitor) => {
      await visit(visitor, `${env.base}${eventUrl}/inscription`);
      await checkA11y(visitor, 'public event page (fr)');
      await visitor.getByLabel('Entreprise', { exact: true }).fill('Céramiques du Nord');
      await visitor.getByLabel('Nom sur la carte de visite').fill('Paul Potier');
      await visitor.getByLabel(/Pays visés/).fill('JP');
      await clickAndWait(visitor, visitor.getByRole('button', { name: 'Envoyer mon inscription' }));
      await expectVisible(visitor.getByRole('status'), 'the registration confirmation');
    });
  }));
});
