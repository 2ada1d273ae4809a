//! Serde helpers for maps keyed by year: `{"2026": 900.0}` in JSON, `2026 = 900.0` in TOML.
//!
//! Keys are written as strings (as JSON and TOML require) and read back as integers, with an
//! error naming the key when it is not a year.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Year;

/// Serializes a year-keyed map with string keys.
///
/// # Errors
///
/// The serializer's error.
pub fn serialize<S: Serializer, T: Serialize>(map: &BTreeMap<Year, T>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(map.iter().map(|(year, value)| (year.to_string(), value)))
}

/// Deserializes a year-keyed map from string (or integer) keys.
///
/// # Errors
///
/// The deserializer's error (for example a key that is not a year).
pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Year, T>, D::Error> {
    deserializer.deserialize_map(YearMapVisitor(PhantomData))
}

struct YearMapVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for YearMapVisitor<T> {
    type Value = BTreeMap<Year, T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map from year (e.g. \"2026\") to a value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = access.next_key::<YearKey>()? {
            let value = access.next_value()?;
            if out.insert(key.0, value).is_some() {
                return Err(de::Error::custom(format!("year {} appears twice", key.0)));
            }
        }
        Ok(out)
    }
}

/// A map key that is a year, written as a string or an integer.
struct YearKey(Year);

impl<'de> Deserialize<'de> for YearKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = YearKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year such as \"2026\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YearKey, E> {
                v.trim()
                    .parse::<Year>()
                    .map(YearKey)
                    .map_err(|_| E::custom(format!("`{v}` is not a year (expected e.g. \"2026\")")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<YearKey, E> {
                Year::try_from(v).map(YearKey).map_err(|_| E::custom(format!("{v} is not a year")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<YearKey, E> {
                Year::try_from(v).map(YearKey).map_err(|_| E::custom(format!("{v} is not a year")))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// The same helpers for an optional year-keyed map.
pub mod option {
    use super::*;

    /// Serializes `Some(map)` as a map (callers skip `None`).
    ///
    /// # Errors
    ///
    /// The serializer's error.
    pub fn serialize<S: Serializer, T: Serialize>(
        map: &Option<BTreeMap<Year, T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match map {
            Some(map) => super::serialize(map, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes a year-keyed map into `Some`.
    ///
    /// # Errors
    ///
    /// The deserializer's error (for example a key that is not a year).
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<BTreeMap<Year, T>>, D::Error> {
        super::deserialize(deserializer).map(Some)
    }
}
