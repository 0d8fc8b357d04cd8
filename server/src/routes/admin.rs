//! `/api/v1/admin/..`: what only an operator's admin token may do.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::error::ApiError;
use crate::state::AppState;

/// The body of a backup request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupInput {
    /// An absolute directory on the server's machine, new or empty.
    dir: std::path::PathBuf,
}

/// `POST /api/v1/admin/backup` `{ "dir": "/abs/path" }`: a consistent backup of the store
/// (and the OAI-PMH token key) while serving; the index is not copied, it is rebuilt from
/// the store. Needs an admin token. Answers the backup's manifest.
pub async fn backup(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let caller = crate::auth::authenticate(&request, &state.config.tokens)?;
    if !caller.admin {
        return Err(ApiError::Forbidden(
            "backups need an admin token".to_owned(),
        ));
    }
    let input: BackupInput = serde_json::from_slice(&body).map_err(|err| {
        ApiError::bad_parameter(
            "dir",
            format!("the body must be {{\"dir\": \"/abs/path\"}}: {err}"),
        )
    })?;
    if !input.dir.is_absolute() {
        return Err(ApiError::bad_parameter(
            "dir",
            format!(
                "`dir` must be an absolute path, not {}",
                input.dir.display()
            ),
        ));
    }
    if input.dir.exists()
        && std::fs::read_dir(&input.dir)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(true)
    {
        return Err(ApiError::Conflict(format!(
            "{} is not empty; give a new or empty directory",
            input.dir.display()
        )));
    }
    tracing::info!(token = %caller.token_id, dir = %input.dir.display(), "backup requested");
    let manifest = crate::backup::backup(&state.indexer, &state.config.data_dir, &input.dir)
        .await
        .map_err(|err| ApiError::Internal(format!("{err:#}")))?;
    Ok(HttpResponse::Ok().json(crate::views::BackupView::new(input.dir, &manifest)))
}
