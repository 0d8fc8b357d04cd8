//! The URL tree: one module per subtree, mirroring the paths.

pub mod admin;
pub mod agreements;
pub mod credentials;
pub mod health;
pub mod oai;
pub mod recognitions;
pub mod search;
pub mod sources;

use actix_web::web;

/// Registers every route of the API.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/health", web::get().to(health::health))
        .route("/oai", web::get().to(oai::oai))
        .route("/oai", web::post().to(oai::oai))
        .route(
            "/oai/clearinghouse-json.xsd",
            web::get().to(oai::clearinghouse_json_schema),
        );
    cfg.service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(crate::openapi::serve))
            .route("/search", web::get().to(search::search))
            .route("/search/reindex", web::post().to(search::reindex))
            .route("/admin/backup", web::post().to(admin::backup))
            .route("/credentials/{id}", web::get().to(credentials::get))
            .route(
                "/credentials/{id}/equivalents",
                web::get().to(credentials::equivalents),
            )
            .route("/compare", web::get().to(credentials::compare))
            .route("/sources", web::get().to(sources::list))
            .route("/sources/{id}/runs", web::get().to(sources::runs))
            .route(
                "/sources/{id}/harvest",
                web::post().to(sources::start_harvest),
            )
            .route("/sources/{id}/report", web::get().to(sources::report))
            .route("/agreements/{from}/{to}", web::get().to(agreements::get))
            .route("/recognitions", web::post().to(recognitions::create))
            .route("/recognitions", web::get().to(recognitions::list))
            .route("/recognitions/{id}", web::get().to(recognitions::get))
            .route(
                "/recognitions/{id}",
                web::delete().to(recognitions::withdraw),
            )
            .route(
                "/recognitions/{id}/revisions",
                web::post().to(recognitions::revise),
            )
            .route(
                "/recognitions/{id}/case-file",
                web::get().to(recognitions::case_file),
            ),
    );
    // The web pages for people (issue 7): `/`, `/credentials/..`, `/compare`, `/sources`,
    // `/sign-in`, `/static/..`.
    crate::pages::configure(cfg);
    cfg.default_service(web::to(crate::pages::not_found));
}
