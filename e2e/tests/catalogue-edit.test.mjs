// Catalogue editing: a Business France manager proposes a change to one of its schemes, the
// Region pilot reviews the diff and publishes it, the history shows who and when. axe on every
// page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, expectLoggedIn, logout, checkA11y,
} from '../lib.mjs';

const MANAGER = { email: 'claire.fontaine@businessfrance.example', password: 'tremplin-demo' };
const PILOT = { email: 'pilote@region-hdf.example', password: 'tremplin-demo' };

suite('catalogue editing', (env) => {
  test('a manager proposes, the pilot publishes', () => withPage(env.browser, async (page) => {
    await login(page, env.base, MANAGER.email, MANAGER.password);
    await expectLoggedIn(page);
    await visit(page, `${env.base}/dispositifs/business-france-vie`);
    await clickAndWait(page, page.getByRole('link', { name: 'Proposer une modification' }));
    assert.equal(currentPath(page), '/dispositifs/business-france-vie/modifier');
    await checkA11y(page, 'scheme edit form (fr)');

    // A bad date is refused next to its field, the other values kept.
    await page.getByLabel('Valable à partir du (AAAA-MM-JJ)').fill('demain');
    await clickAndWait(page, page.getByRole('button', { name: 'Proposer cette version' }));
    await expectVisible(page.getByRole('alert'), 'the error summary');
    await expectVisible(page.getByText('Date invalide'), 'the date error');
    await checkA11y(page, 'scheme edit form with errors (fr)');

    await page.getByLabel('Valable à partir du (AAAA-MM-JJ)').fill('');
    await page.getByLabel('Nom (français)').fill('V.I.E — Volontariat international en entreprise');
    await page.getByLabel('Commentaire pour la relecture (facultatif)').fill('Nom complet');
    await clickAndWait(page, page.getByRole('button', { name: 'Proposer cette version' }));
    assert.equal(currentPath(page), '/dispositifs/business-france-vie/versions');
    await expectVisible(page.getByRole('cell', { name: 'en relecture' }), 'the version in review');
    await checkA11y(page, 'version history (fr)');
    await logout(page);

    await login(page, env.base, PILOT.email, PILOT.password);
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Relecture du catalogue' }));
    await expectVisible(page.getByText('+ ').first(), 'the diff');
    await checkA11y(page, 'review queue (fr)');
    await clickAndWait(page, page.getByRole('button', { name: /Publier/ }).first());
    await expectVisible(page.getByText('Aucune version n\'attend de relecture.'), 'the empty queue');
    await visit(page, `${env.base}/dispositifs/business-france-vie`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'V.I.E — Volontariat international en entreprise' }), 'the published name');
  }));
});
