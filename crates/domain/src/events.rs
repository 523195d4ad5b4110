//! Events' closed lists (kinds, guests' roles, meeting requests, attendance, outcomes) and the
//! participants of one-to-one meetings as a typed id, written `c:<registration>` or
//! `g:<guest>` in the scheduler's instances, agendas' URLs and forms.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

closed_list! {
    /// What kind of event.
    pub enum EventKind { Ambassadors, InboundBuyers, TradeMission, Workshop }
}

closed_list! {
    /// Who a foreign guest is.
    pub enum GuestRole { Ambassador, Buyer, Investor }
}

closed_list! {
    /// Which side asked for a meeting.
    pub enum RequestedBy { Company, Guest }
}

closed_list! {
    /// How much a side wants a meeting: must meet, or would like to.
    pub enum Priority { Must, Nice }
}

closed_list! {
    /// Where a meeting request stands; `Expired` is never stored: a pending request past its
    /// expiry day reads so (see `tremplin_store::events::MeetingRequest::status_on`).
    pub enum RequestStatus { Pending, Accepted, Declined, Expired }
}

closed_list! {
    /// What happened to a scheduled meeting on the day.
    pub enum Attendance { Scheduled, Held, NoShow, Cancelled }
}

impl Attendance {
    /// Whether the meeting occupies its table and its two participants.
    pub fn occupies(self) -> bool {
        matches!(self, Attendance::Scheduled | Attendance::Held)
    }
}

closed_list! {
    /// What a held meeting led to.
    pub enum MeetingOutcome { Cooperation, Informative, NoInterest }
}

/// One side of a one-to-one meeting: a registered company or a guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Participant {
    Company(Uuid),
    Guest(Uuid),
}

impl fmt::Display for Participant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Participant::Company(id) => write!(f, "c:{id}"),
            Participant::Guest(id) => write!(f, "g:{id}"),
        }
    }
}

/// A participant id that is neither `c:<uuid>` nor `g:<uuid>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantError(pub String);

impl fmt::Display for ParticipantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a participant (c:<id> or g:<id>): {:?}", self.0)
    }
}

impl FromStr for Participant {
    type Err = ParticipantError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParticipantError(s.to_string());
        let (kind, id) = s.split_once(':').ok_or_else(bad)?;
        let id = Uuid::parse_str(id).map_err(|_| bad())?;
        match kind {
            "c" => Ok(Participant::Company(id)),
            "g" => Ok(Participant::Guest(id)),
            _ => Err(bad()),
        }
    }
}

impl Participant {
    /// The (registration, guest) pair of a meeting between `a` and `b`, in either order;
    /// `None` unless one is a company and the other a guest.
    pub fn pair(a: Participant, b: Participant) -> Option<(Uuid, Uuid)> {
        match (a, b) {
            (Participant::Company(r), Participant::Guest(g))
            | (Participant::Guest(g), Participant::Company(r)) => Some((r, g)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_read_back_what_they_write() {
        let id = Uuid::from_u128(7);
        for p in [Participant::Company(id), Participant::Guest(id)] {
            assert_eq!(p.to_string().parse::<Participant>(), Ok(p));
        }
        assert_eq!(
            Participant::Company(id).to_string(),
            "c:00000000-0000-0000-0000-000000000007"
        );
        for bad in ["", "c:", "x:00000000-0000-0000-0000-000000000007", "g:12"] {
            assert!(bad.parse::<Participant>().is_err(), "{bad}");
        }
        let (c, g) = (Participant::Company(id), Participant::Guest(Uuid::nil()));
        assert_eq!(Participant::pair(g, c), Some((id, Uuid::nil())));
        assert_eq!(Participant::pair(c, c), None);
    }

    #[test]
    fn meetings_that_occupy_a_table() {
        assert!(Attendance::Held.occupies() && Attendance::Scheduled.occupies());
        assert!(!Attendance::NoShow.occupies() && !Attendance::Cancelled.occupies());
        assert_eq!(
            EventKind::parse("trade_mission"),
            Some(EventKind::TradeMission)
        );
        assert_eq!(MeetingOutcome::NoInterest.as_str(), "no_interest");
    }
}
