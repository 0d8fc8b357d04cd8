//! `/api/v1/admin/..`: what only an operator's admin token may do.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::error::ApiError;
use crate::state::AppState;

/// The body of a backup request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupInput {
    /// A directory under the configured backup directory, new or empty: absolute, or
    /// relative to the backup directory.
    dir: std::path::PathBuf,
}

/// `POST /api/v1/admin/backup` `{ "dir": "name" }`: a consistent backup of the store
/// (and the OAI-PMH token key) while serving, into a new or empty directory under the
/// configured backup directory (`server.backup_dir`), readable by the server's user
/// only; the index is not copied, it is rebuilt from the store. Needs an admin token.
/// Answers the backup's manifest.
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
    let root = state.config.backup_dir();
    let dir = crate::backup::under(&root, &input.dir)
        .map_err(|reason| ApiError::bad_parameter("dir", reason))?;
    let input = BackupInput { dir };
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
