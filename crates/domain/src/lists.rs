//! Closed lists (statuses, kinds) are enums whose string forms, in snake case, are what the
//! database stores, forms send and translations are keyed by. [`closed_list!`] gives each one
//! `as_str`, `parse`, `all` and `TryFrom<String>` (what the store decodes rows with).

/// Declares a closed list: `closed_list! { /// doc \n pub enum Kind { A, B } }`.
#[macro_export]
macro_rules! closed_list {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::Display, strum::EnumString, strum::IntoStaticStr, strum::EnumIter,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// The string form (stored, sent by forms, a translation key suffix).
            pub fn as_str(self) -> &'static str {
                self.into()
            }
            /// The value of a string form; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
            /// Every value, in declaration order.
            pub fn all() -> impl Iterator<Item = Self> {
                <Self as strum::IntoEnumIterator>::iter()
            }
        }

        /// Templates compare a value with its string form (`m.status == "waiting"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($name)))
            }
        }
    };
}
