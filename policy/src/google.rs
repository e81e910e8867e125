//! Google's IP ranges, as App Engine's rule means them.
//!
//! Google publishes two lists: `goog.json`, every range Google owns, and `cloud.json`, the
//! ranges it lends to Google Cloud customers. The rule blocks Google's own services, so the
//! set is `goog` minus `cloud`, taken as a difference of address sets: a cloud prefix that
//! sits inside a goog supernet punches a hole in it, rather than removing whole entries.
//!
//! The same code runs in two places: `build.rs` uses it to turn the snapshot in
//! `data/google-ipranges/` into the built-in table, and the extension uses it at start-up
//! when an operator points it at fresh files.

use std::fmt;

use ipnet::IpNet;
use serde_json::Value;
use thiserror::Error;

use crate::ranges::RangeTable;

/// Where a ranges table came from, for `phpinfo()` and the logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// `syncToken` of goog.json.
    pub goog_sync_token: String,
    /// `creationTime` of goog.json.
    pub goog_creation_time: String,
    /// `syncToken` of cloud.json.
    pub cloud_sync_token: String,
    /// `creationTime` of cloud.json.
    pub cloud_creation_time: String,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "goog.json syncToken {} ({}) minus cloud.json syncToken {} ({})",
            self.goog_sync_token, self.goog_creation_time, self.cloud_sync_token, self.cloud_creation_time
        )
    }
}

/// Why a ranges file was not accepted. Any of these must leave the policy failing closed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RangesError {
    /// Not JSON at all.
    #[error("{file}: not valid JSON: {detail}")]
    Json {
        /// Which file.
        file: &'static str,
        /// serde_json's message.
        detail: String,
    },
    /// JSON, but not in Google's published shape.
    #[error("{file}: {detail}")]
    Shape {
        /// Which file.
        file: &'static str,
        /// What is missing or wrong.
        detail: String,
    },
    /// A prefix that does not parse.
    #[error("{file}: prefix #{index} {prefix:?} is not a valid CIDR prefix")]
    Prefix {
        /// Which file.
        file: &'static str,
        /// Position in `prefixes`.
        index: usize,
        /// The text.
        prefix: String,
    },
}

/// One parsed ranges file.
#[derive(Clone, Debug)]
pub struct RangesFile {
    /// `syncToken`.
    pub sync_token: String,
    /// `creationTime`.
    pub creation_time: String,
    /// Every `ipv4Prefix` and `ipv6Prefix`, in file order.
    pub prefixes: Vec<IpNet>,
}

/// Parse a file in Google's format (`{"syncToken", "creationTime", "prefixes": [{"ipv4Prefix"
/// | "ipv6Prefix": "..."}]}`). `file` names it in errors. An empty `prefixes` list is an
/// error: it would silently drop the Google rule.
pub fn parse_ranges_file(file: &'static str, text: &str) -> Result<RangesFile, RangesError> {
    let json: Value = serde_json::from_str(text).map_err(|e| RangesError::Json {
        file,
        detail: e.to_string(),
    })?;
    let shape = |detail: &str| RangesError::Shape {
        file,
        detail: detail.to_owned(),
    };
    let field = |name: &str| -> Result<String, RangesError> {
        match json.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            _ => Err(shape(&format!("missing string field \"{name}\""))),
        }
    };
    let sync_token = field("syncToken")?;
    let creation_time = field("creationTime")?;
    let list = json
        .get("prefixes")
        .and_then(Value::as_array)
        .ok_or_else(|| shape("missing array field \"prefixes\""))?;
    if list.is_empty() {
        return Err(shape("\"prefixes\" is empty"));
    }
    let mut prefixes = Vec::with_capacity(list.len());
    for (index, entry) in list.iter().enumerate() {
        let text = match (entry.get("ipv4Prefix"), entry.get("ipv6Prefix")) {
            (Some(Value::String(s)), None) | (None, Some(Value::String(s))) => s,
            _ => {
                return Err(shape(&format!(
                    "prefix #{index} needs exactly one of \"ipv4Prefix\" or \"ipv6Prefix\" as a string"
                )))
            }
        };
        let net: IpNet = text.parse().map_err(|_| RangesError::Prefix {
            file,
            index,
            prefix: text.clone(),
        })?;
        let family_ok = matches!(
            (entry.get("ipv4Prefix").is_some(), net),
            (true, IpNet::V4(_)) | (false, IpNet::V6(_))
        );
        if !family_ok {
            return Err(RangesError::Prefix {
                file,
                index,
                prefix: text.clone(),
            });
        }
        prefixes.push(net);
    }
    Ok(RangesFile {
        sync_token,
        creation_time,
        prefixes,
    })
}

/// Google's ranges for "Google APIs and services": goog minus cloud, with provenance.
#[derive(Clone, Debug)]
pub struct GoogleRanges {
    /// The address set.
    pub table: RangeTable,
    /// Where it came from.
    pub provenance: Provenance,
}

impl GoogleRanges {
    /// Build from the text of goog.json and cloud.json.
    pub fn from_json(goog: &str, cloud: &str) -> Result<Self, RangesError> {
        let goog = parse_ranges_file("goog.json", goog)?;
        let cloud = parse_ranges_file("cloud.json", cloud)?;
        let table = RangeTable::from_nets(goog.prefixes).subtract(&RangeTable::from_nets(cloud.prefixes));
        Ok(GoogleRanges {
            table,
            provenance: Provenance {
                goog_sync_token: goog.sync_token,
                goog_creation_time: goog.creation_time,
                cloud_sync_token: cloud.sync_token,
                cloud_creation_time: cloud.creation_time,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOG: &str = include_str!("../../data/google-ipranges/goog.json");
    const CLOUD: &str = include_str!("../../data/google-ipranges/cloud.json");

    fn snapshot() -> GoogleRanges {
        GoogleRanges::from_json(GOOG, CLOUD).unwrap()
    }

    #[test]
    fn snapshot_provenance() {
        let g = snapshot();
        assert_eq!(g.provenance.goog_sync_token, "1714053903689");
        assert!(g.provenance.goog_creation_time.starts_with("2024-04-25"));
    }

    #[test]
    fn goog_minus_cloud_is_an_address_difference() {
        let g = snapshot();
        // 34.32.0.0/11 is a goog supernet; cloud.json lends parts of it (for example
        // 34.35.0.0/16, africa-south1) to customers. The remainder stays Google's.
        assert!(!g.table.contains("34.35.0.1".parse().unwrap()));
        assert!(g.table.contains("34.63.255.254".parse().unwrap()));
        // Entries only goog lists are Google's.
        assert!(g.table.contains("8.8.8.8".parse().unwrap()));
        assert!(g.table.contains("142.250.80.46".parse().unwrap()));
        assert!(g.table.contains("2001:4860:4860::8888".parse().unwrap()));
        // Cloud-only addresses are not.
        assert!(!g.table.contains("34.35.0.1".parse().unwrap()));
        // Neither are addresses Google does not list.
        assert!(!g.table.contains("1.1.1.1".parse().unwrap()));
    }

    #[test]
    fn every_cloud_prefix_is_excluded_and_every_goog_only_address_kept() {
        let goog = parse_ranges_file("goog.json", GOOG).unwrap();
        let cloud = parse_ranges_file("cloud.json", CLOUD).unwrap();
        let g = snapshot();
        let cloud_table = RangeTable::from_nets(cloud.prefixes.iter().copied());
        for net in &cloud.prefixes {
            assert!(!g.table.contains(net.network()), "{net} first address");
            assert!(!g.table.contains(net.broadcast()), "{net} last address");
        }
        for net in &goog.prefixes {
            for ip in [net.network(), net.broadcast()] {
                assert_eq!(g.table.contains(ip), !cloud_table.contains(ip), "{net}: {ip}");
            }
        }
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(matches!(parse_ranges_file("goog.json", "{"), Err(RangesError::Json { .. })));
        assert!(matches!(
            parse_ranges_file("goog.json", r#"{"syncToken":"1","creationTime":"x","prefixes":[]}"#),
            Err(RangesError::Shape { .. })
        ));
        assert!(matches!(
            parse_ranges_file("goog.json", r#"{"syncToken":"1","creationTime":"x","prefixes":[{"ipv4Prefix":"300.0.0.0/8"}]}"#),
            Err(RangesError::Prefix { index: 0, .. })
        ));
        assert!(matches!(
            parse_ranges_file("goog.json", r#"{"syncToken":"1","creationTime":"x","prefixes":[{"ipv4Prefix":"2001::/32"}]}"#),
            Err(RangesError::Prefix { .. })
        ));
        assert!(matches!(
            parse_ranges_file("goog.json", r#"{"creationTime":"x","prefixes":[{"ipv4Prefix":"8.8.8.0/24"}]}"#),
            Err(RangesError::Shape { .. })
        ));
    }
}
