//! Users: show, show_many and `me`.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::state::AppState;

use super::error::{ZdError, ZdResult};
use super::paging::base_url;
use super::{db_err, id_segment, ids_param, params, render};

type QueryResult = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

/// `GET /api/v2/users/{id}.json`.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ZdResult<Json<Value>> {
    let Some(user) = state.db.zd_user(id_segment(&id)?).map_err(db_err)? else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"user": render::user(&user, &base)})))
}

/// `GET /api/v2/users/show_many.json?ids=1,2,3` (≤ 100 ids; unknown ids are left out).
pub async fn show_many(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let ids = ids_param(&params(query)?)?;
    let base = base_url(&headers, &state.base_url);
    let users: Vec<Value> = state
        .db
        .zd_users_by_ids(&ids)
        .map_err(db_err)?
        .iter()
        .map(|u| render::user(u, &base))
        .collect();
    let count = users.len();
    Ok(Json(json!({
        "users": users,
        "next_page": null,
        "previous_page": null,
        "count": count
    })))
}

/// `GET /api/v2/users/me.json`: the authenticated agent (the configured e-mail's user).
pub async fn me(State(state): State<AppState>, headers: HeaderMap) -> ZdResult<Json<Value>> {
    let Some(user) = state
        .db
        .zd_user_by_email(&state.auth.zendesk_email)
        .map_err(db_err)?
    else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"user": render::user(&user, &base)})))
}
