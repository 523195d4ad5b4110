//! The shared follow-up's closed lists and the lifecycle of a match (a need routed to one
//! partner), as a typed state machine: which moves are allowed, what each one records and which
//! mails it sends. The store applies a move inside one transaction, reading the match's current
//! status there, so two advisers taking charge at once send the company one mail.

closed_list! {
    /// Where a match stands with its partner.
    pub enum MatchStatus {
        /// Routed, not yet taken in charge.
        Waiting,
        TakingCharge,
        /// Closed: the company was helped.
        Done,
        /// Closed: contacted, nothing to offer.
        DoneNoHelp,
        /// Closed: the company could not be reached.
        Unreachable,
        /// Closed: the need is not this partner's (a reason is required).
        NotForMe,
    }
}

impl MatchStatus {
    /// The closed statuses.
    pub const CLOSED: [MatchStatus; 4] = [
        MatchStatus::Done,
        MatchStatus::DoneNoHelp,
        MatchStatus::Unreachable,
        MatchStatus::NotForMe,
    ];

    pub fn is_closed(self) -> bool {
        Self::CLOSED.contains(&self)
    }
}

closed_list! {
    /// The tabs of a partner's inbox.
    pub enum InboxTab { Waiting, TakingCharge, Closed, All }
}

impl InboxTab {
    /// The statuses a tab shows (every one for `All`).
    pub fn statuses(self) -> &'static [MatchStatus] {
        match self {
            InboxTab::Waiting => &[MatchStatus::Waiting],
            InboxTab::TakingCharge => &[MatchStatus::TakingCharge],
            InboxTab::Closed => &MatchStatus::CLOSED,
            InboxTab::All => &[],
        }
    }

    pub fn shows(self, s: MatchStatus) -> bool {
        self == InboxTab::All || self.statuses().contains(&s)
    }
}

closed_list! {
    /// A need is closed when its lead partner closes its match.
    pub enum NeedStatus { Open, Closed }
}

closed_list! {
    /// A referral between partners.
    pub enum ReferralStatus { Pending, Accepted, Declined }
}

closed_list! {
    /// A service delivered to a company.
    pub enum AccompanimentStatus { Planned, InProgress, Completed, Cancelled }
}

/// An accompaniment recorded without a status is one already delivered (imports of a
/// partner's past services).
impl Default for AccompanimentStatus {
    fn default() -> Self {
        AccompanimentStatus::Completed
    }
}

closed_list! {
    /// Where a partner's request for access to a company's file stands.
    pub enum AccessStatus { Pending, Accepted, Declined }
}

closed_list! {
    /// What made a partner ask for access: a search, a file created, an import line, or a
    /// request routed to it, with the SIREN of a file it may not open.
    pub enum AccessSource { Search, Create, Import, Request }
}

/// What moving a match from one status to another does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub to: MatchStatus,
    /// The need's status afterwards.
    pub need: NeedStatus,
    /// The company is told its request was taken in charge (first time only).
    pub mail_taken: bool,
    /// The company is told its need is closed (when the lead closes an open need).
    pub mail_closed: bool,
}

/// Why a move is refused (the code is a translation id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// "Not for me" needs a reason.
    ReasonRequired,
}

impl MoveError {
    pub fn code(self) -> &'static str {
        match self {
            MoveError::ReasonRequired => "reason_required",
        }
    }
}

/// The move of a match from `from` to `to`. Every status can be reached from every other one
/// (reopening is moving back to waiting); `lead` says whether the match's partner leads the
/// need, `need` is the need's status before the move.
pub fn move_match(
    from: MatchStatus,
    to: MatchStatus,
    reason: Option<&str>,
    lead: bool,
    need: NeedStatus,
) -> Result<Move, MoveError> {
    if to == MatchStatus::NotForMe && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(MoveError::ReasonRequired);
    }
    let lead_closes = lead && to.is_closed();
    Ok(Move {
        to,
        need: if lead_closes {
            NeedStatus::Closed
        } else {
            NeedStatus::Open
        },
        mail_taken: from == MatchStatus::Waiting && to == MatchStatus::TakingCharge,
        mail_closed: lead_closes && need != NeedStatus::Closed,
    })
}

/// The step of the chasing ladder due for a match waiting `age_days` (0 = none yet): the
/// number of ladder days reached.
pub fn ladder_step(ladder: &[i64], age_days: i64) -> i32 {
    ladder.iter().filter(|d| age_days >= **d).count() as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use MatchStatus::*;

    #[test]
    fn statuses_read_and_write_their_stored_form() {
        assert_eq!(TakingCharge.as_str(), "taking_charge");
        assert_eq!(MatchStatus::parse("not_for_me"), Some(NotForMe));
        assert_eq!(MatchStatus::parse("closed"), None);
        assert_eq!(MatchStatus::all().count(), 6);
        assert_eq!(
            MatchStatus::all().filter(|s| s.is_closed()).count(),
            MatchStatus::CLOSED.len()
        );
        assert_eq!(AccompanimentStatus::InProgress.to_string(), "in_progress");
        assert!(NeedStatus::try_from("open".to_string()).is_ok());
        assert!(ReferralStatus::try_from("maybe".to_string()).is_err());
    }

    #[test]
    fn taking_charge_mails_once_and_the_lead_closing_closes_the_need() {
        let take = move_match(Waiting, TakingCharge, None, true, NeedStatus::Open).unwrap();
        assert!(take.mail_taken && !take.mail_closed);
        assert_eq!(take.need, NeedStatus::Open);
        // Taken again (a second adviser, or after a reopen from taking charge): no second mail.
        let again = move_match(TakingCharge, TakingCharge, None, true, NeedStatus::Open).unwrap();
        assert!(!again.mail_taken);
        let close = move_match(TakingCharge, Done, None, true, NeedStatus::Open).unwrap();
        assert_eq!(close.need, NeedStatus::Closed);
        assert!(close.mail_closed);
        // Closing a need already closed does not mail again; a partner that does not lead
        // leaves the need open.
        assert!(
            !move_match(Done, DoneNoHelp, None, true, NeedStatus::Closed)
                .unwrap()
                .mail_closed
        );
        let other = move_match(Waiting, Done, None, false, NeedStatus::Open).unwrap();
        assert_eq!((other.need, other.mail_closed), (NeedStatus::Open, false));
        // Reopening reopens the need.
        assert_eq!(
            move_match(Done, Waiting, None, true, NeedStatus::Closed)
                .unwrap()
                .need,
            NeedStatus::Open
        );
    }

    #[test]
    fn not_for_me_needs_a_reason() {
        for r in [None, Some(""), Some("  ")] {
            assert_eq!(
                move_match(Waiting, NotForMe, r, true, NeedStatus::Open),
                Err(MoveError::ReasonRequired)
            );
        }
        assert!(
            move_match(
                Waiting,
                NotForMe,
                Some("hors territoire"),
                true,
                NeedStatus::Open
            )
            .is_ok()
        );
    }

    #[test]
    fn the_ladder_steps_at_9_21_and_45_days() {
        let l = [9, 21, 45];
        assert_eq!(ladder_step(&l, 0), 0);
        assert_eq!(ladder_step(&l, 8), 0);
        assert_eq!(ladder_step(&l, 9), 1);
        assert_eq!(ladder_step(&l, 20), 1);
        assert_eq!(ladder_step(&l, 21), 2);
        assert_eq!(ladder_step(&l, 45), 3);
        assert_eq!(ladder_step(&l, 400), 3);
        assert_eq!(ladder_step(&[], 50), 0);
    }
}
