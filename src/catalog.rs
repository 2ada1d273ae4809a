//! The strategic technology catalog: versioned, dated lists of technology groups and product lines.
//!
//! The default catalog (Decision 1131/QD-TTg of 12 June 2025) is compiled into the crate from
//! `data/catalog-decision-1131-2025.json`. A user can load a catalog file of their own (a newer
//! decision, a ministry's list) or extend the default with extra groups. Later acts that rename
//! groups carry a `code_map` from old codes to new ones, so older portfolios still load.
//!
//! ```
//! let catalog = stratfund::Catalog::default();
//! assert_eq!(catalog.groups.len(), 11);
//! let ai = catalog.group("ai_twin_xr").unwrap();
//! assert!(ai.product("vietnamese_llm").unwrap().priority);
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ParseError, ReadRule, Result};

const DEFAULT_CATALOG_JSON: &str = include_str!("../data/catalog-decision-1131-2025.json");

/// How firmly an entry's wording is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Taken from the legal act or an official summary.
    Confirmed,
    /// Found only in secondary reports.
    Reported,
    /// Proposed in an implementation notice, not (yet) in the act.
    Proposed,
}

/// A strategic product line within a technology group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Stable code, e.g. `vietnamese_llm`.
    pub code: String,
    /// English name.
    pub name_en: String,
    /// Vietnamese name.
    #[serde(default)]
    pub name_vi: String,
    /// How firmly the entry is established.
    pub status: EntryStatus,
    /// One of the national programme's products prioritised for immediate rollout.
    #[serde(default)]
    pub priority: bool,
}

/// A strategic technology group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable code, e.g. `semiconductors`.
    pub code: String,
    /// English name.
    pub name_en: String,
    /// Vietnamese name.
    #[serde(default)]
    pub name_vi: String,
    /// How firmly the entry is established.
    pub status: EntryStatus,
    /// Whether `products` is the complete list. When it is not, a product code that the catalog
    /// does not know is accepted as descriptive text.
    #[serde(default)]
    pub products_complete: bool,
    /// Product lines.
    #[serde(default)]
    pub products: Vec<Product>,
}

impl Group {
    /// Looks a product up by code, or by its English or Vietnamese name (case-insensitive).
    ///
    /// # Examples
    ///
    /// ```
    /// let catalog = stratfund::Catalog::default();
    /// let ai = catalog.group("ai_twin_xr").unwrap();
    /// let llm = ai.product("vietnamese_llm").unwrap();
    /// assert_eq!(ai.product("VIETNAMESE LARGE LANGUAGE MODELS"), Some(llm)); // its English name
    /// assert_eq!(ai.product(&llm.name_vi.to_uppercase()), Some(llm)); // its Vietnamese name
    /// assert!(ai.product("spreadsheets").is_none());
    /// ```
    pub fn product(&self, code_or_name: &str) -> Option<&Product> {
        let wanted = code_or_name.trim();
        self.products.iter().find(|p| {
            p.code == wanted
                || p.name_en.eq_ignore_ascii_case(wanted)
                || p.name_vi.to_lowercase() == wanted.to_lowercase()
        })
    }
}

/// A versioned, dated catalog of strategic technology groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Format marker, `stratfund.catalog/1`.
    #[serde(default = "catalog_schema")]
    pub schema: String,
    /// Identifier used by portfolios' `catalog` field, e.g. `decision-1131-2025`.
    pub id: String,
    /// The legal act the catalog comes from.
    #[serde(default)]
    pub act: String,
    /// Date the act was issued (ISO 8601).
    #[serde(default)]
    pub issued: Option<String>,
    /// Date the act took effect (ISO 8601).
    #[serde(default)]
    pub effective_date: Option<String>,
    /// Id of the catalog this one replaces, if any.
    #[serde(default)]
    pub replaces: Option<String>,
    /// Old group codes (of the replaced catalog) mapped to this catalog's codes.
    #[serde(default, deserialize_with = "crate::model::tables::named")]
    pub code_map: BTreeMap<String, String>,
    /// Free-text notes on sources.
    #[serde(default)]
    pub notes: String,
    /// The technology groups.
    pub groups: Vec<Group>,
}

fn catalog_schema() -> String {
    "stratfund.catalog/1".to_string()
}

impl Default for Catalog {
    /// The catalog of Decision 1131/QD-TTg (2025), compiled into the crate.
    fn default() -> Self {
        // The embedded file is checked by a unit test; parsing it cannot fail at run time.
        serde_json::from_str(DEFAULT_CATALOG_JSON).unwrap_or_else(|_| Catalog {
            schema: catalog_schema(),
            id: "empty".into(),
            act: String::new(),
            issued: None,
            effective_date: None,
            replaces: None,
            code_map: BTreeMap::new(),
            notes: String::new(),
            groups: Vec::new(),
        })
    }
}

impl Catalog {
    /// Parses a catalog from JSON text; `file` labels error messages.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] (file, line, column, field) when the text is not a catalog, a
    /// group code appears twice, a product code twice within a group, or `code_map` points to an
    /// unknown group or maps a code that is still one of the catalog's groups.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::Catalog;
    /// let text = serde_json::to_string(&Catalog::default())?;
    /// let catalog = Catalog::from_json_str(&text, "catalog.json")?;
    /// assert_eq!(catalog, Catalog::default());
    /// let err = Catalog::from_json_str("{\"groups\": 3}", "mine.json").unwrap_err();
    /// assert!(err.to_string().contains("mine.json"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str, file: &str) -> Result<Self> {
        let catalog: Catalog = crate::io::json::from_str_located(text, file)?;
        catalog.check(file)?;
        Ok(catalog)
    }

    /// Loads a catalog from a JSON or TOML file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read; otherwise as [`Catalog::from_json_str`].
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::Catalog;
    /// let mut mine = Catalog::default();
    /// mine.id = "ministry-2026".into();
    /// let path = std::env::temp_dir().join(format!("stratfund-doc-catalog-{}.json", std::process::id()));
    /// std::fs::write(&path, serde_json::to_string(&mine)?)?;
    /// assert_eq!(Catalog::from_path(&path)?, mine);
    /// std::fs::write(&path, r#"{"id": "x", "groups": [], "colour": "red"}"#)?;
    /// let error = Catalog::from_path(&path).unwrap_err().to_string();
    /// assert!(error.contains("unknown field `colour`"), "{error}");
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = crate::io::read_text(path)?;
        let file = path.display().to_string();
        let catalog: Catalog = match crate::io::extension(path).as_str() {
            "toml" => crate::io::toml::from_str_located(&text, &file)?,
            _ => crate::io::json::from_str_located(&text, &file)?,
        };
        catalog.check(&file)?;
        Ok(catalog)
    }

    /// Looks a group up by code; codes of a replaced catalog are followed through `code_map`.
    ///
    /// # Examples
    ///
    /// ```
    /// let catalog = stratfund::Catalog::default();
    /// assert_eq!(catalog.groups.len(), 11);
    /// assert!(catalog.group("semiconductors").is_some());
    /// assert!(catalog.group("nope").is_none());
    /// ```
    pub fn group(&self, code: &str) -> Option<&Group> {
        let code = self.resolve_code(code);
        self.groups.iter().find(|g| g.code == code)
    }

    /// What to say of a group code that is not in the catalog: that it is not, and the codes it
    /// may have meant (codes containing it, else the closest by Jaro-Winkler similarity).
    ///
    /// ```
    /// let catalog = stratfund::Catalog::default();
    /// assert_eq!(
    ///     catalog.unknown_group("semiconductor"),
    ///     "group `semiconductor` is not in catalog `decision-1131-2025`; did you mean `semiconductors`?"
    /// );
    /// assert!(catalog.unknown_group("quantum").ends_with("did you mean `cloud_quantum_data`?"));
    /// assert!(!catalog.unknown_group("zzz").contains("did you mean"));
    /// ```
    pub fn unknown_group(&self, code: &str) -> String {
        let mut message = format!("group `{code}` is not in catalog `{}`", self.id);
        let suggestions = self.similar_groups(code);
        if !suggestions.is_empty() {
            let listed: Vec<String> = suggestions.iter().map(|c| format!("`{c}`")).collect();
            let one_of = if listed.len() > 1 { "one of " } else { "" };
            message.push_str(&format!("; did you mean {one_of}{}?", listed.join(", ")));
        }
        message
    }

    /// Group codes that `code` may stand for: those containing it (two characters or more), else
    /// the most similar one when it is close (Jaro-Winkler at least 0.85).
    fn similar_groups(&self, code: &str) -> Vec<&str> {
        let wanted = crate::io::names::normalised(code);
        if wanted.chars().count() >= 2 {
            let containing: Vec<&str> =
                self.groups.iter().map(|g| g.code.as_str()).filter(|c| c.contains(wanted.as_str())).collect();
            if !containing.is_empty() {
                return containing;
            }
        }
        self.groups
            .iter()
            .map(|g| (strsim::jaro_winkler(&wanted, &g.code), g.code.as_str()))
            .filter(|(similarity, _)| *similarity >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| vec![c])
            .unwrap_or_default()
    }

    /// Maps an old group code to this catalog's code (or returns it unchanged).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut catalog = stratfund::Catalog::default();
    /// catalog.code_map.insert("chips".into(), "semiconductors".into()); // a later act renamed it
    /// assert_eq!(catalog.resolve_code("chips"), "semiconductors");
    /// assert_eq!(catalog.resolve_code("biotech"), "biotech");
    /// assert_eq!(catalog.group("chips").map(|g| g.code.as_str()), Some("semiconductors"));
    /// ```
    pub fn resolve_code<'a>(&'a self, code: &'a str) -> &'a str {
        self.code_map.get(code).map(String::as_str).unwrap_or(code)
    }

    /// Adds a user's extra groups; a code that already exists (or comes twice among them) is an
    /// error, and so is a product code given twice within a group.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] naming every extra group whose code already exists in the catalog or
    /// earlier among `extra`, or is an old code that `code_map` maps (rule `duplicate_group`), and
    /// every product code given twice within an extra group (rule `duplicate_product`); the
    /// catalog is then unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{Catalog, EntryStatus, Group};
    /// let group = |code: &str| Group {
    ///     code: code.into(),
    ///     name_en: "Quantum sensing".into(),
    ///     name_vi: "Cảm biến lượng tử".into(),
    ///     status: EntryStatus::Proposed,
    ///     products_complete: false,
    ///     products: vec![],
    /// };
    /// let mut catalog = Catalog::default();
    /// catalog.extend(vec![group("quantum_sensing")])?;
    /// assert_eq!(catalog.groups.len(), 12);
    /// let error = catalog.extend(vec![group("biotech")]).unwrap_err();
    /// assert_eq!(error.problems()[0].rule, "duplicate_group");
    /// assert_eq!(catalog.groups.len(), 12); // unchanged
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn extend(&mut self, extra: Vec<Group>) -> Result<()> {
        let mut problems = Vec::new();
        let mut codes: std::collections::HashSet<&str> = self.groups.iter().map(|g| g.code.as_str()).collect();
        for group in &extra {
            if !codes.insert(group.code.as_str()) {
                problems.push(crate::Problem::plan(
                    format!("catalog.groups.{}", group.code),
                    "duplicate_group",
                    format!("group `{}` is already in catalog `{}`", group.code, self.id),
                ));
            } else if let Some(new) = self.code_map.get(&group.code) {
                problems.push(crate::Problem::plan(
                    format!("catalog.groups.{}", group.code),
                    "duplicate_group",
                    format!(
                        "group `{}` is an old code that catalog `{}` maps to `{new}`: its projects would be read \
                         as `{new}`; give the extra group another code",
                        group.code, self.id
                    ),
                ));
            }
            let mut products = std::collections::HashSet::new();
            for twice in group.products.iter().filter(|p| !products.insert(p.code.as_str())) {
                problems.push(crate::Problem::plan(
                    format!("catalog.groups.{}.products", group.code),
                    "duplicate_product",
                    format!("product code `{}` appears twice in group `{}`", twice.code, group.code),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Validation(problems));
        }
        self.groups.extend(extra);
        Ok(())
    }

    /// Every (group, product) pair with the priority flag set.
    ///
    /// # Examples
    ///
    /// ```
    /// let catalog = stratfund::Catalog::default();
    /// let codes: Vec<&str> = catalog.priority_products().map(|(_, p)| p.code.as_str()).collect();
    /// assert!(codes.contains(&"vietnamese_llm"));
    /// assert!(catalog.priority_products().all(|(g, p)| g.products.contains(p) && p.priority));
    /// ```
    pub fn priority_products(&self) -> impl Iterator<Item = (&Group, &Product)> {
        self.groups.iter().flat_map(|g| g.products.iter().map(move |p| (g, p))).filter(|(_, p)| p.priority)
    }

    fn check(&self, file: &str) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for group in &self.groups {
            if !seen.insert(group.code.as_str()) {
                let message = format!("group code `{}` appears twice", group.code);
                return Err(ParseError::new(file, ReadRule::DuplicateId, message)
                    .in_field(Some("groups".into()))
                    .into());
            }
            let mut products = std::collections::BTreeSet::new();
            if let Some(twice) = group.products.iter().find(|p| !products.insert(p.code.as_str())) {
                let message = format!("product code `{}` appears twice in group `{}`", twice.code, group.code);
                return Err(ParseError::new(file, ReadRule::DuplicateId, message)
                    .in_field(Some(format!("groups.{}.products", group.code)))
                    .into());
            }
        }
        for (old, new) in &self.code_map {
            if seen.contains(old.as_str()) {
                return Err(ParseError::new(
                    file,
                    ReadRule::ConflictingFields,
                    format!(
                        "code_map sends `{old}` to `{new}`, but `{old}` is a group of this catalog too: its projects \
                         would be read as `{new}`; map only codes the catalog no longer has"
                    ),
                )
                .in_field(Some("code_map".into()))
                .into());
            }
            if !seen.contains(new.as_str()) {
                return Err(ParseError::new(
                    file,
                    ReadRule::InvalidValue,
                    format!("code_map sends `{old}` to `{new}`, which is not a group of this catalog"),
                )
                .in_field(Some("code_map".into()))
                .into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_parses_and_has_eleven_groups() {
        let catalog = Catalog::from_json_str(DEFAULT_CATALOG_JSON, "embedded").unwrap();
        assert_eq!(catalog.id, "decision-1131-2025");
        assert_eq!(catalog.groups.len(), 11);
        assert_eq!(Catalog::default(), catalog);
    }

    #[test]
    fn six_priority_products_of_the_national_programme() {
        let catalog = Catalog::default();
        let groups: std::collections::BTreeSet<&str> =
            catalog.priority_products().map(|(g, _)| g.code.as_str()).collect();
        for g in ["ai_twin_xr", "robotics_automation", "mobile_5g_6g", "blockchain", "aerospace_uav"] {
            assert!(groups.contains(g), "{g} has no priority product");
        }
    }

    #[test]
    fn proposed_line_is_flagged() {
        let catalog = Catalog::default();
        let p = catalog.group("ai_twin_xr").unwrap().product("remote_ai_smart_devices").unwrap();
        assert_eq!(p.status, EntryStatus::Proposed);
    }

    #[test]
    fn lookup_by_name_and_code_map() {
        let mut catalog = Catalog::default();
        assert!(catalog.group("semiconductors").unwrap().product("AI chips").is_some());
        catalog.code_map.insert("chips".into(), "semiconductors".into());
        assert_eq!(catalog.group("chips").unwrap().code, "semiconductors");
        assert!(catalog.group("nope").is_none());
    }

    #[test]
    fn extend_rejects_duplicate_codes() {
        let mut catalog = Catalog::default();
        let extra = catalog.groups[0].clone();
        let err = catalog.extend(vec![extra]).unwrap_err();
        assert_eq!(err.problems()[0].rule, "duplicate_group");
        // Two new groups with the same code: the second is a duplicate, and nothing is added.
        let mut new_group = catalog.groups[0].clone();
        new_group.code = "space_weather".into();
        let before = catalog.groups.len();
        let err = catalog.extend(vec![new_group.clone(), new_group]).unwrap_err();
        assert_eq!(err.problems().len(), 1);
        assert_eq!(err.problems()[0].field, "catalog.groups.space_weather");
        assert_eq!(catalog.groups.len(), before);
        // A product given twice within a new group: named, and nothing is added.
        let mut listed_twice = catalog.groups[0].clone();
        listed_twice.code = "space_weather".into();
        listed_twice.products.push(listed_twice.products[0].clone());
        let err = catalog.extend(vec![listed_twice]).unwrap_err();
        let rules: Vec<&str> = err.problems().iter().map(|p| p.rule.as_str()).collect();
        assert_eq!(rules, ["duplicate_product"]);
        assert_eq!(catalog.groups.len(), before);
    }

    #[test]
    fn code_map_to_unknown_group_is_an_error() {
        let text = r#"{"id":"x","groups":[],"code_map":{"a":"b"}}"#;
        let err = Catalog::from_json_str(text, "c.json").unwrap_err();
        assert!(err.to_string().contains("code_map"));
    }
}
