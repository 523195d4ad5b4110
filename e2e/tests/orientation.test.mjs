// Public orientation walk-through: a craft company in Lille that never exported answers the two
// screens (keyboard and labels), sees its results grouped by path, asks to be called back; a
// trading company sees Assurance Prospection as not suitable with the reason; the English
// version; the catalogue list and a scheme page. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, switchLanguage, checkA11y,
} from '../lib.mjs';

suite('orientation', (env) => {
  test('a craft company in Lille gets oriented and asks to be called back', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/`);
    await clickAndWait(page, page.getByRole('main').getByRole('link', { name: 'Trouver mon accompagnement' }));
    assert.equal(currentPath(page), '/orientation');
    await checkA11y(page, 'orientation step 1 (fr)');

    await page.getByLabel('Numéro SIREN ou SIRET (facultatif)').fill('215903501');
    // Activity search: typed words, then the activity chosen among the suggestions.
    await page.getByLabel('Votre activité, en quelques mots').fill('boulangerie');
    await clickAndWait(page, page.getByRole('button', { name: 'Chercher l\'activité' }));
    await expectVisible(page.getByRole('radio', { name: /Boulangerie et boulangerie-pâtisserie/ }), 'the NAF suggestion');
    await checkA11y(page, 'orientation step 1, activities found (fr)');
    await page.getByRole('radio', { name: /Boulangerie et boulangerie-pâtisserie/ }).check();
    await page.getByLabel('Département de l\'entreprise').selectOption({ label: 'Nord (59)' });
    await page.getByLabel('Nombre de salariés').selectOption({ label: '1 à 9 salariés' });
    await clickAndWait(page, page.getByRole('button', { name: 'Continuer' }));
    assert.equal(currentPath(page), '/orientation/etape-2');
    assert.ok(!page.url().includes('215903501'), 'the SIREN never appears in a URL');
    await checkA11y(page, 'orientation step 2 (fr)');

    await page.getByRole('group', { name: 'Avez-vous déjà exporté ?' }).getByLabel('n\'a jamais exporté').check();
    await page.getByRole('group', { name: 'Que vendez-vous ?' }).getByLabel('biens', { exact: true }).check();
    const needs = page.getByRole('group', { name: /De quoi avez-vous besoin/ });
    await needs.getByRole('checkbox').first().check();
    await page.getByRole('group', { name: 'Quelles régions du monde visez-vous ?' }).getByLabel('Pas encore décidé').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Voir les dispositifs adaptés' }));
    assert.equal(currentPath(page), '/orientation/resultats');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Les dispositifs adaptés à votre entreprise' }), 'the results title');
    assert.ok(await page.getByRole('heading', { level: 2 }).count() >= 2, 'results grouped by path');
    await expectVisible(page.getByText(/Qui contacter/).first(), 'who to contact');
    await checkA11y(page, 'orientation results (fr)');
    const shareable = page.url();
    assert.ok(!shareable.includes('215903501'));

    await clickAndWait(page, page.getByRole('link', { name: 'Être rappelé par un conseiller' }));
    await checkA11y(page, 'call-back form (fr)');
    assert.equal(await page.getByLabel('SIREN ou SIRET (facultatif)').inputValue(), '215903501');
    // Refused first: no name, bad e-mail.
    await page.getByLabel('Adresse e-mail').fill('jeanne-at-fournil');
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
    await expectVisible(page.getByRole('alert'), 'the error summary');
    await checkA11y(page, 'call-back form with errors (fr)');
    await page.getByLabel('Vos nom et prénom').fill('Jeanne Fournil');
    await page.getByLabel('Nom de l\'entreprise').fill('Le Fournil de Jeanne');
    await page.getByLabel('Adresse e-mail').fill('jeanne@fournil.example');
    await page.getByLabel('Téléphone (facultatif)').fill('03 20 12 34 56');
    await page.getByRole('checkbox', { name: /J'accepte que ma demande/ }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
    assert.equal(currentPath(page), '/orientation/rappel/merci');
    await expectVisible(page.getByRole('status'), 'the confirmation');
    await checkA11y(page, 'call-back sent (fr)');

    // The results URL works on its own (shared, printed).
    await visit(page, shareable);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Les dispositifs adaptés à votre entreprise' }), 'the shared results');
  }));

  test('a trading company sees Assurance Prospection as not suitable, with the reason', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/orientation/resultats?ca=2M-10M&negoce=oui&exercices=2&besoins=finance_prospection&non_eligibles=1`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Assurance Prospection', exact: true }) });
    await expectVisible(card, 'the Assurance Prospection card');
    await expectVisible(card.getByText('Non adapté'), 'its "not suitable" label');
    await expectVisible(card.getByText(/négoce international/), 'the reason (international trading)');
    await checkA11y(page, 'results with not-suitable schemes (fr)');
  }));

  test('English version, catalogue and scheme page', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/dispositifs`);
    await checkA11y(page, 'catalogue (fr)');
    await page.getByLabel('Mots-clés').fill('salon');
    await clickAndWait(page, page.getByRole('button', { name: 'Filtrer' }));
    await expectVisible(page.getByRole('link', { name: /Pavillon France/ }), 'a trade-fair scheme found');
    await clickAndWait(page, page.getByRole('link', { name: /Pavillon France/ }).first());
    await expectVisible(page.getByRole('heading', { name: 'Sources' }), 'the sources');
    await checkA11y(page, 'scheme page (fr)');
    await switchLanguage(page, 'en');
    await expectVisible(page.getByRole('heading', { name: 'What you get' }), 'the English scheme page');
    await checkA11y(page, 'scheme page (en)');
    await visit(page, `${env.base}/orientation`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Find the schemes made for your company' }), 'the English questionnaire');
    await checkA11y(page, 'orientation step 1 (en)');
    await visit(page, `${env.base}/orientation/resultats?departement=59&experience=never&besoins=trade_fair`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'The schemes that suit your company' }), 'English results');
    await checkA11y(page, 'orientation results (en)');
    await switchLanguage(page, 'fr');
  }));
});
