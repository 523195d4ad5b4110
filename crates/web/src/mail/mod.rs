//! Mail: the texts of every mail Tremplin sends (from the translations, in the recipient's
//! language, signed) and the delivery of the outbox (SMTP, or `.eml` files in a folder).
//! Store module: `mail` (the outbox).

pub mod delivery;
pub mod texts;
