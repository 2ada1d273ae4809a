//! Serde helpers for values that files give as tables (maps of named fields), never as lists:
//! serde's derived structs also read a list positionally (`"solver": [0.01, true]`), which would
//! give a value's fields from their order without a word.
//!
//! ```
//! let plan = r#"{"years": [2026], "state_budget": {"2026": 9}, "solver": [0.01]}"#;
//! let err = serde_json::from_str::<stratfund::Plan>(plan).unwrap_err().to_string();
//! assert!(err.contains("invalid type: sequence, expected a table of named fields"), "{err}");
//! ```
//!
//! Maps by name (`group_weights`, `group_bounds`, `cost_categories`, ...) refuse a name given
//! twice: serde_json would keep the last value and drop the first without a word.
//!
//! ```
//! let plan = r#"{"years": [2026], "state_budget": {"2026": 9}, "group_weights": {"biotech": 1, "biotech": 2}}"#;
//! let err = serde_json::from_str::<stratfund::Plan>(plan).unwrap_err().to_string();
//! assert!(err.contains("`biotech` appears twice"), "{err}");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// A `T` that must be given as a table.
struct Table<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TableVisitor(PhantomData)).map(Table)
    }
}

struct TableVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for TableVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of named fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
}

/// Reads a `T` given as a table.
pub(crate) fn table<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    Table::deserialize(deserializer).map(|t| t.0)
}

/// Reads an optional `T` given as a table (`null` is `None`).
pub(crate) fn optional_table<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Table<T>>::deserialize(deserializer).map(|t| t.map(|t| t.0))
}

/// Reads a list of `T`, each given as a table.
pub(crate) fn table_items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Vec::<Table<T>>::deserialize(deserializer).map(|items| items.into_iter().map(|t| t.0).collect())
}

/// Reads a map of `T` by name, each given as a table, each name once.
pub(crate) fn table_values<'de, D, T>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    named::<D, Table<T>>(deserializer).map(|m| m.into_iter().map(|(k, t)| (k, t.0)).collect())
}

/// Reads a map of `T` by name in which each name appears once.
pub(crate) fn named<'de, D, T>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(NamedVisitor(PhantomData))
}

struct NamedVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for NamedVisitor<T> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of values by name")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(name) = access.next_key::<String>()? {
            let value = access.next_value()?;
            if out.contains_key(&name) {
                return Err(serde::de::Error::custom(format!("`{name}` appears twice")));
            }
            out.insert(name, value);
        }
        Ok(out)
    }
}
