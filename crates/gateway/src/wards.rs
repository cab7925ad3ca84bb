//! Today's wards, for the address picker: `GET /api/v1/wards?q=phuong 5`.

use crate::http::FeatureRouter;
use crate::AppState;
use crate::http::Query;
use axum::extract::State;
use axum::Json;
use mytho_core::wards::{home_first, search, WardData, WardHit, LIST_DATE};
use std::sync::LazyLock;
use utoipa_axum::routes;

/// `/wards`.
pub fn router() -> FeatureRouter {
    FeatureRouter::new().routes(routes!(find))
}

static DATA: LazyLock<WardData> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../data/dong-thap-communes-2025.json")).expect("the bundled ward list is valid JSON")
});

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WardQuery {
    /// Today's or an old name, with or without marks; empty or absent: every ward.
    #[serde(default)]
    #[param(example = "Phường 5")]
    q: String,
}

/// Find today's wards
///
/// Today's wards and communes of Đồng Tháp (list of 2025-07-01; dvhcvn, MIT), found by today's or an
/// old name ("Phường 5", "xã Tân Mỹ Chánh"), the city's own first.
#[utoipa::path(get, path = "/wards", tag = "procedures", operation_id = "findWards", params(WardQuery),
    responses((status = 200, description = "Matching wards, each with the old name it was found by", body = Vec<WardHit>)))]
pub async fn find(State(state): State<AppState>, Query(query): Query<WardQuery>) -> Json<Vec<WardHit>> {
    let hit = |i: usize, via: Option<String>| {
        let c = &DATA.communes[i];
        WardHit { code: c.code.clone(), name: c.name.clone(), via_old_name: via, list_date: LIST_DATE.into(), home: false }
    };
    let mut hits: Vec<WardHit> = if query.q.trim().is_empty() {
        (0..DATA.communes.len()).map(|i| hit(i, None)).collect()
    } else {
        search(&DATA.communes, &query.q).into_iter().map(|m| hit(m.commune, m.via_old_name)).collect()
    };
    if let Some(home) = &state.site.config.home {
        home_first(&mut hits, &home.wards);
    }
    Json(hits)
}

/// Whether a name is one of today's wards' or communes' (config's report wards are checked at start).
pub fn is_todays_name(name: &str) -> bool {
    DATA.communes.iter().any(|c| c.name == name)
}

/// Today's name of a ward by its code, when the code is one of today's.
pub fn name_of(code: &str) -> Option<String> {
    DATA.communes.iter().find(|c| c.code == code).map(|c| c.name.clone())
}
