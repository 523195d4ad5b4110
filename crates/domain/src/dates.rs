//! Calendar helpers in the team's time zone, Europe/Paris.
//!
//! Instants are stored in UTC, but everything the team reasons about — "this year's" KPIs,
//! monthly reports, deadlines in working days — is defined on the Paris calendar. Doing the
//! conversion here, once and with tests at the DST and year boundaries, keeps SQL and handlers
//! free of ad-hoc offsets: a contact logged at 2018-12-31T23:30Z counts for 2019.
//!
//! Bounds are half-open `[start, end)` UTC instants of Paris midnight, fit for `>= start AND
//! < end` queries. Working days skip weekends and French national public holidays (fixed ones,
//! Easter Monday, Ascension, Whit Monday); Alsace-Moselle's extra days are not included.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;

/// The instant in Paris local time.
pub fn paris_datetime(utc: DateTime<Utc>) -> DateTime<Tz> {
    utc.with_timezone(&Paris)
}

/// Calendar date in Paris of a UTC instant.
pub fn paris_date(utc: DateTime<Utc>) -> NaiveDate {
    paris_datetime(utc).date_naive()
}

/// Calendar year in Paris of a UTC instant.
pub fn year_of(utc: DateTime<Utc>) -> i32 {
    paris_date(utc).year()
}

/// The UTC instant of midnight, Paris time, at the start of `date`. Midnight always exists in
/// Paris (DST changes happen at 02:00/03:00); should a historical rule make it ambiguous, the
/// earlier instant is used.
pub fn paris_midnight_utc(date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_hms_opt(0, 0, 0).expect("midnight is a valid time");
    match Paris.from_local_datetime(&local).earliest() {
        Some(dt) => dt.with_timezone(&Utc),
        // Non-existent local midnight (not the case under current rules): first instant after.
        None => Paris
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(
                || Utc.from_utc_datetime(&local),
                |dt| dt.with_timezone(&Utc),
            ),
    }
}

/// `[1 January 00:00 Paris, next 1 January 00:00 Paris)` in UTC; `None` outside chrono's range.
pub fn try_year_bounds_utc(year: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?;
    Some((paris_midnight_utc(start), paris_midnight_utc(end)))
}

/// `[1 January 00:00 Paris, next 1 January 00:00 Paris)` in UTC.
///
/// # Panics
/// If `year` is outside chrono's supported range (about ±262 000); use
/// [`try_year_bounds_utc`] for unchecked input.
pub fn year_bounds_utc(year: i32) -> (DateTime<Utc>, DateTime<Utc>) {
    try_year_bounds_utc(year).expect("year within chrono's range")
}

/// `[first of month 00:00 Paris, first of next month 00:00 Paris)` in UTC; `None` when `month`
/// is not 1–12 or the year is out of range.
pub fn try_month_bounds_utc(year: i32, month: u32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((paris_midnight_utc(start), paris_midnight_utc(end)))
}

/// `[first of month 00:00 Paris, first of next month 00:00 Paris)` in UTC.
///
/// # Panics
/// If `month` is not 1–12 or the year is out of range; use [`try_month_bounds_utc`] for
/// unchecked input.
pub fn month_bounds_utc(year: i32, month: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    try_month_bounds_utc(year, month).expect("month 1-12 and year within chrono's range")
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `31/12/2019`.
pub fn format_date_fr(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// `31 Dec 2019` (unambiguous for British and American readers alike).
pub fn format_date_en(date: NaiveDate) -> String {
    let month = &MONTHS_EN[date.month0() as usize][..3];
    format!("{} {month} {}", date.day(), date.year())
}

/// `1er janvier 2019`, `31 décembre 2019`.
pub fn format_date_long_fr(date: NaiveDate) -> String {
    let day = if date.day() == 1 {
        "1er".to_owned()
    } else {
        date.day().to_string()
    };
    format!(
        "{day} {} {}",
        MONTHS_FR[date.month0() as usize],
        date.year()
    )
}

/// `1 January 2019`.
pub fn format_date_long_en(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN[date.month0() as usize],
        date.year()
    )
}

/// `01/01/2019 00:30`, in Paris time.
pub fn format_datetime_fr(utc: DateTime<Utc>) -> String {
    let t = paris_datetime(utc);
    format!(
        "{} {:02}:{:02}",
        format_date_fr(t.date_naive()),
        t.hour(),
        t.minute()
    )
}

/// `1 Jan 2019, 00:30`, in Paris time.
pub fn format_datetime_en(utc: DateTime<Utc>) -> String {
    let t = paris_datetime(utc);
    format!(
        "{}, {:02}:{:02}",
        format_date_en(t.date_naive()),
        t.hour(),
        t.minute()
    )
}

/// Easter Sunday (Gregorian computus, Meeus/Jones/Butcher); `None` if out of chrono's range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// French national public holidays of `year`, in date order, with their French name.
pub fn public_holidays_fr(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = [
        (1, 1, "Jour de l’an"),
        (5, 1, "Fête du Travail"),
        (5, 8, "Victoire 1945"),
        (7, 14, "Fête nationale"),
        (8, 15, "Assomption"),
        (11, 1, "Toussaint"),
        (11, 11, "Armistice 1918"),
        (12, 25, "Noël"),
    ];
    let mut v: Vec<(NaiveDate, &'static str)> = fixed
        .iter()
        .filter_map(|(m, d, name)| Some((NaiveDate::from_ymd_opt(year, *m, *d)?, *name)))
        .collect();
    if let Some(easter) = easter_sunday(year) {
        for (offset, name) in [
            (1, "Lundi de Pâques"),
            (39, "Ascension"),
            (50, "Lundi de Pentecôte"),
        ] {
            if let Some(d) = easter.checked_add_days(Days::new(offset)) {
                v.push((d, name));
            }
        }
    }
    v.sort();
    v
}

/// Whether `date` is a French national public holiday.
pub fn is_public_holiday_fr(date: NaiveDate) -> bool {
    let (m, d) = (date.month(), date.day());
    let fixed = matches!(
        (m, d),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    fixed
        || easter_sunday(date.year()).is_some_and(|e| {
            let offset = (date - e).num_days();
            matches!(offset, 1 | 39 | 50)
        })
}

/// Monday to Friday and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday_fr(date)
}

/// The date `n` working days after `date` (`date` itself when `n` is 0, even if not a working
/// day). E.g. Friday + 1 = Monday, unless Monday is a holiday. Saturates at chrono's last date.
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_boundary() {
        assert_eq!(paris_date(utc("2018-12-31T23:30:00Z")), date(2019, 1, 1));
        assert_eq!(year_of(utc("2018-12-31T23:30:00Z")), 2019);
        assert_eq!(year_of(utc("2018-12-31T22:59:59Z")), 2018);
        let (start, end) = year_bounds_utc(2019);
        assert_eq!(start, utc("2018-12-31T23:00:00Z"));
        assert_eq!(end, utc("2019-12-31T23:00:00Z"));
        assert!(try_year_bounds_utc(i32::MAX).is_none());
    }

    #[test]
    fn dst_boundaries() {
        // Spring forward 2019-03-31 01:00Z (02:00 CET → 03:00 CEST).
        assert_eq!(paris_date(utc("2019-03-30T22:59:00Z")), date(2019, 3, 30));
        assert_eq!(paris_date(utc("2019-03-30T23:00:00Z")), date(2019, 3, 31));
        assert_eq!(
            format_datetime_fr(utc("2019-03-31T00:59:00Z")),
            "31/03/2019 01:59"
        );
        assert_eq!(
            format_datetime_fr(utc("2019-03-31T01:00:00Z")),
            "31/03/2019 03:00"
        );
        // Summer: midnight is 22:00Z.
        assert_eq!(paris_date(utc("2019-07-13T22:00:00Z")), date(2019, 7, 14));
        // Fall back 2019-10-27 01:00Z.
        assert_eq!(
            format_datetime_fr(utc("2019-10-27T00:30:00Z")),
            "27/10/2019 02:30"
        );
        assert_eq!(
            format_datetime_fr(utc("2019-10-27T01:30:00Z")),
            "27/10/2019 02:30"
        );
        let (start, end) = month_bounds_utc(2019, 3);
        assert_eq!(start, utc("2019-02-28T23:00:00Z"));
        assert_eq!(end, utc("2019-03-31T22:00:00Z"));
        let (start, end) = month_bounds_utc(2019, 10);
        assert_eq!(start, utc("2019-09-30T22:00:00Z"));
        assert_eq!(end, utc("2019-10-31T23:00:00Z"));
        let (start, end) = month_bounds_utc(2019, 12);
        assert_eq!(
            (start, end),
            (utc("2019-11-30T23:00:00Z"), year_bounds_utc(2020).0)
        );
        assert!(try_month_bounds_utc(2019, 13).is_none());
        assert!(try_month_bounds_utc(2019, 0).is_none());
    }

    #[test]
    fn formatting() {
        let d = date(2019, 1, 1);
        assert_eq!(format_date_fr(d), "01/01/2019");
        assert_eq!(format_date_en(d), "1 Jan 2019");
        assert_eq!(format_date_long_fr(d), "1er janvier 2019");
        assert_eq!(format_date_long_fr(date(2026, 8, 15)), "15 août 2026");
        assert_eq!(format_date_long_en(date(2026, 8, 15)), "15 August 2026");
        let t = utc("2018-12-31T23:30:00Z");
        assert_eq!(format_datetime_fr(t), "01/01/2019 00:30");
        assert_eq!(format_datetime_en(t), "1 Jan 2019, 00:30");
    }

    #[test]
    fn easter_dates() {
        for (y, m, d) in [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2000, 4, 23),
        ] {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "{y}");
        }
    }

    #[test]
    fn holidays_2026() {
        let h: Vec<NaiveDate> = public_holidays_fr(2026)
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(h.len(), 11);
        assert!(h.contains(&date(2026, 4, 6))); // Easter Monday
        assert!(h.contains(&date(2026, 5, 14))); // Ascension
        assert!(h.contains(&date(2026, 5, 25))); // Whit Monday
        for d in &h {
            assert!(is_public_holiday_fr(*d), "{d}");
        }
        assert!(!is_public_holiday_fr(date(2026, 4, 5))); // Easter Sunday itself: a Sunday
        assert!(!is_public_holiday_fr(date(2026, 5, 15)));
    }

    #[test]
    fn working_days() {
        // Friday 2026-04-03 + 1 → Tuesday 2026-04-07 (Easter Monday 6th).
        assert_eq!(add_working_days(date(2026, 4, 3), 1), date(2026, 4, 7));
        // Friday + 0 stays.
        assert_eq!(add_working_days(date(2026, 4, 3), 0), date(2026, 4, 3));
        // Saturday + 1 → Monday.
        assert_eq!(add_working_days(date(2026, 3, 28), 1), date(2026, 3, 30));
        // Over Christmas and New Year 2026: Thu 24 Dec + 3 → Wed 30 Dec; + 5 → Fri 2027-01-01 is
        // a holiday, so Mon 4 Jan.
        assert_eq!(add_working_days(date(2026, 12, 24), 3), date(2026, 12, 30));
        assert_eq!(add_working_days(date(2026, 12, 24), 5), date(2027, 1, 4));
        // Ascension bridge: Wed 2026-05-13 + 1 → Fri 15.
        assert_eq!(add_working_days(date(2026, 5, 13), 1), date(2026, 5, 15));
        assert_eq!(add_working_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    }

    proptest! {
        #[test]
        fn paris_date_within_bounds(secs in 0i64..4_102_444_800) {
            let t = DateTime::from_timestamp(secs, 0).unwrap();
            let y = year_of(t);
            let (start, end) = year_bounds_utc(y);
            prop_assert!(start <= t && t < end);
            let m = paris_date(t).month();
            let (ms, me) = month_bounds_utc(y, m);
            prop_assert!(ms <= t && t < me);
        }

        #[test]
        fn working_days_land_on_working_days(days in 0i64..40_000, n in 1u32..60) {
            let d = date(1990, 1, 1) + chrono::Duration::days(days);
            let r = add_working_days(d, n);
            prop_assert!(is_working_day(r));
            prop_assert!(r > d);
            prop_assert!((r - d).num_days() >= i64::from(n));
        }
    }
}
