// Events, the reference day: an organiser sets up an ambassadors' day with 13 guests and 40
// companies at 4 round tables by zone, seats them, runs the meeting scheduler, prints the
// agendas, door sheets and booklets, records the day (check-in, a meeting held with its
// outcome) and reads the statistics; a company downloads its .ics. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, checkA11y, switchLanguage,
} from '../lib.mjs';

const ZONES = [
  ['Europe', ['DE', 'IT', 'ES', 'PL']],
  ['Afrique', ['ZA', 'MA', 'SN']],
  ['Asie-Pacifique', ['JP', 'CN', 'IN']],
  ['Amériques', ['US', 'BR', 'CA']],
];

suite('ambassadors', (env) => {
  test('13 ambassadors, 40 companies, 4 tables: seating, schedule, agendas, the day', () => withPage(env.browser, async (page) => {
    await login(page, env.base, 'claire.fontaine@businessfrance.example', 'tremplin-demo');
    await visit(page, `${env.base}/evenements`);
    await page.getByLabel('Nom de l\'événement').fill('Journée des ambassadeurs 2019');
    await page.getByLabel('Date (AAAA-MM-JJ)').fill('2026-12-10');
    await page.getByLabel('Lieu').fill('Lille, Hôtel de Région');
    await clickAndWait(page, page.getByRole('button', { name: 'Créer l\'événement' }));
    const eventPath = currentPath(page);
    assert.match(eventPath, /^\/evenements\/[0-9a-f-]{36}$/);
    // Four tables by zone, through the form.
    for (const [zone] of ZONES) {
      await page.getByLabel('Nom de la table (zone)').fill(zone);
      await page.getByLabel('Nombre de places').fill('10');
      await clickAndWait(page, page.getByRole('button', { name: 'Ajouter une table' }));
    }
    // The 13 ambassadors: the first through the form (with sectors, languages, an absence),
    // the others posted by the page itself, as the form does.
    await page.getByLabel('Nom', { exact: true }).fill('Amb. Allemagne');
    await page.getByLabel('Pays (code ISO, ex. ZA)').fill('DE');
    await page.getByLabel('Table', { exact: true }).selectOption({ label: 'Europe' });
    await page.getByLabel(/Secteurs d'intérêt/).fill('C, J');
    await page.getByLabel(/Langues/).fill('de, fr');
    await page.getByLabel(/Créneaux de rendez-vous où l'invité est absent/).fill('1');
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter l\'invité' }));
    const tables = await page.locator('#g-table option').evaluateAll((os) => Object.fromEntries(os.map((o) => [o.textContent, o.value])));
    const post = (path, form) => page.evaluate(async ([url, body]) => {
      const r = await fetch(url, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' });
      return r.status;
    }, [`${eventPath}${path}`, form]);
    for (const [zone, countries] of ZONES) {
      for (const c of countries) {
        if (c === 'DE') continue;
        assert.equal(await post('/invites', { name: `Amb. ${c}`, role: 'ambassador', country: c, table: tables[zone] }), 0, 'a redirect (opaque)');
      }
    }
    // 40 companies, each targeting two countries of one zone.
    const all = ZONES.flatMap(([, cs]) => cs);
    for (let i = 0; i < 40; i += 1) {
      const [, cs] = ZONES[i % 4];
      const targets = [cs[i % cs.length], cs[(i + 1) % cs.length]].join(',');
      assert.equal(await post('/inscriptions', {
        company_name: `Entreprise ${String(i + 1).padStart(2, '0')}`, targets,
        pitch_summary: `Savoir-faire régional n° ${i + 1}`, card_name: `Dirigeant ${i + 1}`,
        card_email: `contact${i + 1}@entreprise.example`, naf: i % 2 ? '10.71C' : '62.01Z',
      }), 0);
    }
    assert.equal(all.length, 13);
    await visit(page, `${env.base}${eventPath}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Placer les entreprises aux tables' }));
    for (const [zone] of ZONES) {
      const sheet = page.getByRole('table', { name: `Ordre de passage — ${zone}` });
      assert.equal(await sheet.locator('tbody tr').count(), 10, `ten companies at ${zone}`);
    }
    await checkA11y(page, 'ambassadors\' day, seated (fr)');
    // Each company asks to meet the ambassadors of its two target countries; all accepted.
    const ids = await page.evaluate(async (path) => {
      const html = await (await fetch(path)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const opts = (sel) => [...doc.querySelectorAll(`${sel} option`)].map((o) => [o.textContent, o.value]);
      return { regs: opts('#rq-reg'), guests: opts('#rq-guest') };
    }, eventPath);
    const guestId = Object.fromEntries(ids.guests);
    for (const [name, reg] of ids.regs) {
      const i = Number(name.slice(-2)) - 1;
      const [, cs] = ZONES[i % 4];
      for (const c of [cs[i % cs.length], cs[(i + 1) % cs.length]]) {
        const guest = guestId[c === 'DE' ? 'Amb. Allemagne' : `Amb. ${c}`];
        assert.equal(await post('/demandes-rdv', { registration: reg, guest, requested_by: 'company', priority: i % 3 ? 'nice' : 'must' }), 0);
      }
    }
    const pending = await page.evaluate(async (path) => {
      const html = await (await fetch(path)).text();
      return [...html.matchAll(/demandes-rdv\/([0-9a-f-]{36})\/accepter/g)].map((m) => m[1]);
    }, eventPath);
    assert.equal(pending.length, 80, 'two requests per company');
    for (const q of pending) assert.equal(await post(`/demandes-rdv/${q}/accepter`, {}), 0);
    await visit(page, `${env.base}${eventPath}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Planifier les rendez-vous acceptés' }));
    await expectVisible(page.getByRole('status').filter({ hasText: 'rendez-vous planifié' }), 'the schedule summary');
    await checkA11y(page, 'schedule result (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Voir la grille' }));
    await expectVisible(page.getByRole('region', { name: 'Grille des rendez-vous (créneau × table)' }), 'the grid');
    // Agendas: a company's, printed; its .ics.
    await clickAndWait(page, page.getByRole('link', { name: 'Entreprise 01', exact: true }).last());
    await expectVisible(page.getByRole('heading', { level: 1, name: /Agenda — Entreprise 01/ }), 'the agenda');
    assert.ok(await page.locator('tbody tr').count() >= 1, 'at least one meeting');
    await checkA11y(page, 'company agenda (fr)');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    await page.emulateMedia({ media: 'screen' });
    const ics = await page.evaluate(async (href) => (await fetch(href)).text(),
      await page.getByRole('link', { name: 'ajouter à mon agenda (.ics)' }).getAttribute('href'));
    assert.ok(ics.startsWith('BEGIN:VCALENDAR') && ics.includes('BEGIN:VEVENT') && ics.includes('Journée des ambassadeurs 2019'), 'the .ics');
    // The Germany ambassador is away at slot 1 (14:00): no meeting then.
    await visit(page, `${env.base}${eventPath}`);
    await clickAndWait(page, page.getByRole('link', { name: 'Amb. Allemagne', exact: true }).last());
    assert.equal(await page.getByRole('cell', { name: '14:00' }).count(), 0, 'not while away');
    // Door sheets and booklets.
    await visit(page, `${env.base}${eventPath}/portes`);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Table 1' }), 'a door sheet');
    await checkA11y(page, 'door sheets (fr)');
    await visit(page, `${env.base}${eventPath}/livrets`);
    await expectVisible(page.getByRole('heading', { level: 2, name: /Amb\. Allemagne/ }), 'a booklet');
    await checkA11y(page, 'booklets (fr)');
    // On the day: a company checks in, its first meeting is held with an outcome.
    await visit(page, `${env.base}${eventPath}/jour-j`);
    await checkA11y(page, 'the day (fr)');
    await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l\'arrivée : Entreprise 01' }));
    const first = page.locator('form.card').filter({ hasText: 'Entreprise 01' }).first();
    await first.getByLabel('Présence').selectOption('held');
    await first.getByLabel('Suite donnée').selectOption('cooperation');
    await first.getByLabel('Commentaire').fill('Devis à envoyer');
    await clickAndWait(page, first.getByRole('button', { name: /Enregistrer le rendez-vous/ }));
    await visit(page, `${env.base}${eventPath}/statistiques`);
    await expectVisible(page.locator('#event-figures').getByText('Rendez-vous tenus'), 'the figures');
    await expectVisible(page.locator('#table-pays').getByRole('cell', { name: '1' }).first(), 'an outcome by country');
    await checkA11y(page, 'event statistics (fr)');
    await switchLanguage(page, 'en');
    await expectVisible(page.getByRole('heading', { level: 1, name: /Event statistics/ }), 'in English');
    await checkA11y(page, 'event statistics (en)');
  }));
});
