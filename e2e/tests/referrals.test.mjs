// Shared follow-up, second part: a referral between partners declined with a reason; the
// company's mails and the satisfaction survey (answered without an account); the pilot's
// reminders and draft routing rules; a CSV import with its dry run. axe on every page.
// The server sends surveys at once (--survey-after-days 0) so the test need not wait ten days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, withPage, visit, clickAndWait, currentPath,
  expectVisible, login, logout, checkA11y,
} from '../lib.mjs';

const CMA = { email: 'marc.vasseur@cma-hdf.example', password: 'tremplin-demo' };
const CCI = { email: 'camille.lefebvre@cci-hdf.example', password: 'tremplin-demo' };

suite('referrals, mails and import', (env) => {
  test('a referral is declined with a reason; the company answers the survey', () => withPage(env.browser, async (page) => {
    await visit(page, `${env.base}/orientation/rappel?departement=59&registre=rm&besoins=orientation`);
    await page.getByLabel('Vos nom et prénom').fill('Lucie Potier');
    await page.getByLabel('Nom de l\'entreprise').fill('Poterie de Desvres');
    await page.getByLabel('Adresse e-mail').fill('lucie@poterie.example');
    await page.getByRole('checkbox', { name: /J'accepte que ma demande/ }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer ma demande' }));

    // The CMA takes charge, closes as accompanied, and refers the need to the CCI.
    await login(page, env.base, CMA.email, CMA.password);
    await visit(page, `${env.base}/demandes`);
    await clickAndWait(page, page.getByRole('link', { name: 'Poterie de Desvres' }));
    await clickAndWait(page, page.getByRole('button', { name: 'Prendre en charge' }));
    const matchUrl = page.url().split('#')[0];
    await clickAndWait(page, page.getByRole('button', { name: /fiche entreprise/ }));
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Poterie de Desvres' }), 'the company file');
    await expectVisible(page.getByRole('heading', { name: 'Prochaine étape' }), 'the next step');
    await checkA11y(page, 'company file with needs and referral form (fr)');
    await page.locator('#ref-to').selectOption({ label: 'CCI Hauts-de-France' });
    await page.locator('#ref-message').fill('Projet de boutique en Belgique : à voir par la CCI');
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer l\'orientation' }));
    assert.match(currentPath(page), /^\/orientations\//);
    await expectVisible(page.getByText('en attente de réponse'), 'the pending referral');
    await checkA11y(page, 'referral (fr)');
    // The CMA's own match is then closed as accompanied (the survey follows).
    await visit(page, matchUrl);
    await page.getByRole('radio', { name: 'accompagnée' }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Clôturer la demande' }));
    await logout(page);

    // The CCI declines, with a reason.
    await login(page, env.base, CCI.email, CCI.password);
    await visit(page, `${env.base}/orientations`);
    await checkA11y(page, 'referrals received (fr)');
    await clickAndWait(page, page.getByRole('link', { name: 'Poterie de Desvres' }));
    await page.getByLabel(/Raison du refus/).fill('Artisan : la CMA reste l\'interlocuteur');
    await clickAndWait(page, page.getByRole('button', { name: 'Refuser' }));
    await expectVisible(page.locator('#referral-status').getByText('refusée'), 'declined');
    await expectVisible(page.getByText('Artisan : la CMA reste l\'interlocuteur'), 'the reason');
    await checkA11y(page, 'referral declined (fr)');
    await visit(page, `${env.base}/demandes?vue=moi`);
    await checkA11y(page, 'my companies (fr)');
    await logout(page);

    // The pilot: reminders, overdue referrals, a draft routing rule.
    await login(page, env.base, 'pilote@region-hdf.example', 'tremplin-demo');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Relances' }));
    await checkA11y(page, 'reminders (fr)');
    await visit(page, `${env.base}/orientations?onglet=en-retard`);
    await checkA11y(page, 'overdue referrals (fr)');
    await visit(page, `${env.base}/pilotage/routage`);
    await page.locator('#new-subject').selectOption('fx_risk');
    await page.locator('#new-org').selectOption({ label: 'Douanes — pôle d\'action économique' });
    await page.locator('#new-minh').fill('10');
    await clickAndWait(page, page.getByRole('button', { name: 'Ajouter la règle (brouillon)' }));
    await expectVisible(page.getByText('brouillon', { exact: true }).first(), 'the draft rule');
    await checkA11y(page, 'routing rules with a draft (fr)');

    // The outbox, and the scheduled work run now: the survey goes out.
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Courriels' }));
    await expectVisible(page.getByText('Votre demande est prise en charge'), 'the taken-in-charge mail');
    await clickAndWait(page, page.getByRole('button', { name: /Lancer maintenant/ }));
    const outbox = await page.content();
    const link = outbox.match(/(http:\/\/[^\s<"]+\/enquete\/[0-9a-f]+)/);
    assert.ok(link, 'a survey link in the outbox');
    await checkA11y(page, 'outbox (fr)');
    await logout(page);

    // The company answers, without an account.
    await visit(page, link[1]);
    await checkA11y(page, 'survey (fr)');
    await page.getByRole('group', { name: /utile/ }).getByRole('radio', { name: '5' }).check();
    await page.getByRole('group', { name: /Recommanderiez-vous/ }).getByRole('radio', { name: '4' }).check();
    await page.getByLabel(/Commentaire/).fill('Très bon accueil');
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer mon avis' }));
    await expectVisible(page.getByText(/Merci, votre avis est enregistré/), 'thanks');
    await checkA11y(page, 'survey answered (fr)');
  }));

  test('a CSV import is checked line by line before it is confirmed', () => withPage(env.browser, async (page) => {
    await login(page, env.base, CCI.email, CCI.password);
    await visit(page, `${env.base}/entreprises`);
    await clickAndWait(page, page.getByRole('link', { name: 'Importer un fichier CSV' }));
    await checkA11y(page, 'import upload (fr)');
    const csv = 'Raison sociale;SIREN;Commune\nBrasserie Import;552100554;59350\nErreur;552100555;\n';
    await page.getByLabel(/Fichier CSV/).setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer et choisir les colonnes' }));
    await checkA11y(page, 'import mapping (fr)');
    await clickAndWait(page, page.getByRole('button', { name: 'Vérifier sans enregistrer' }));
    await expectVisible(page.locator('#import-summary').getByText('2 ligne(s) lue(s) : 1 valide(s), 1 en erreur.'), 'the dry run');
    await expectVisible(page.locator('#import-errors').getByText(/clé de contrôle/), 'line 3 explained');
    await checkA11y(page, 'import dry run (fr)');
    await page.getByRole('checkbox', { name: /Ignorer les 1 ligne/ }).check();
    await clickAndWait(page, page.getByRole('button', { name: /Confirmer l'import/ }));
    await expectVisible(page.locator('#import-done'), 'the import done');
    await checkA11y(page, 'import done (fr)');
    await visit(page, `${env.base}/entreprises?q=brasserie+import`);
    await expectVisible(page.getByRole('link', { name: 'Brasserie Import' }), 'the imported company');
  }));
}, { extraArgs: ['--survey-after-days', '0'] });
