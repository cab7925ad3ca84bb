//! `mytho-gateway`: serves the app from `dist/` and the API from SQLite or PostgreSQL. Settings: MYTHO_ADDR,
//! MYTHO_DATABASE_URL (or MYTHO_DB_PATH), MYTHO_DIST, MYTHO_LOG (see the README). `mytho-gateway
//! officers add|list|revoke` manages the officers' credentials in the same database; `mytho-gateway
//! backup <file>` copies the live database consistently; `mytho-gateway migrate-to <postgres url>`
//! copies it into an empty PostgreSQL one; `mytho-gateway openapi [--table]` prints the API's OpenAPI
//! document (or the README's table of it); `mytho-gateway check-config FILE` checks a `config.json`.

use mytho_gateway::config::GatewayConfig;
use mytho_gateway::AppState;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match GatewayConfig::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("openapi") {
        // The API's contract, as served at /api/openapi.json (or the README's table of it).
        let doc = mytho_gateway::api::document();
        if args.get(1).map(String::as_str) == Some("--table") {
            print!("{}", mytho_gateway::http::doc::markdown_table(doc));
        } else {
            println!("{}", serde_json::to_string_pretty(doc).unwrap_or_default());
        }
        return ExitCode::SUCCESS;
    }
    if let [verb, file] = args.as_slice() {
        if verb == "check-config" {
            // For a city that serves the app from another server: the checks the gateway makes at start.
            return match mytho_gateway::site::check_config(std::path::Path::new(file)) {
                Ok(_) => {
                    println!("{file}: valid");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            };
        }
    }
    if let [verb, target] = args.as_slice() {
        if verb == "backup" || verb == "migrate-to" {
            let mytho_gateway::db::Database::Sqlite(db_path) = &config.database else {
                return fail(&format!("`{verb}` copies a SQLite database, and MYTHO_DATABASE_URL names a PostgreSQL server: back it up with pg_dump (README \"Backups\")"));
            };
        if verb == "backup" {
            return backup(db_path, std::path::Path::new(target));
        }
        if verb == "migrate-to" {
            return match mytho_gateway::migrate::to_postgres(db_path, target).await {
                Ok(tables) => {
                    let rows = mytho_gateway::db::counts_text(&tables);
                    println!("Copied {} into PostgreSQL, every table's rows counted on both sides: {rows}", db_path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            };
        }
        }
    }
    if !args.is_empty() {
        return command(&config, &args).await;
    }
    tracing_subscriber::fmt()
        .with_max_level(config.log_level)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let state = match AppState::open(&config).await {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            return fail(&format!(
                "cannot listen on {}: {e}; stop whatever uses that port or set MYTHO_ADDR to another one",
                config.addr
            ))
        }
    };
    if config.officer_token.is_some() {
        tracing::warn!(
            "MYTHO_OFFICER_TOKEN is set: one shared officer credential, recorded as \"{}\". Give each officer their own with `mytho-gateway officers add <name>` and unset it",
            mytho_gateway::officers::SHARED_TOKEN_NAME
        );
    }
    if config.demo {
        match state.db.call(|conn| Ok(mytho_gateway::officers::demo_token(conn))).await {
            Ok(Ok(token)) => println!(
                "\n  DEMO CITY (MYTHO_DEMO): payments go to the simulator, VietQR to a test account, every page says \"Bản chạy thử / Demo\".\n  \
                 Officer credential for this run ({}):\n    {token}\n  For example, receive a dossier:\n    \
                 curl -X POST -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' \\\n      \
                 -d '{{\"status\":\"received\"}}' http://{}/api/v1/officer/dossiers/<code>/status\n",
                mytho_gateway::officers::DEMO_OFFICER,
                config.addr
            ),
            Ok(Err(e)) => return fail(&format!("cannot make the demo officer: {e}")),
            Err(e) => return fail(&format!("cannot make the demo officer: {e}")),
        }
    }
    if config.payments.simulator {
        tracing::warn!("PAYMENT SIMULATOR ON: /simulator/vnpay/pay stands in for VNPay and nothing is really paid. Never run it in production (unset MYTHO_PAYMENT_SIMULATOR)");
    }
    // Handlers in place before anyone is told we are up, so an early Ctrl-C or SIGTERM is clean too.
    let shutdown = shutdown_signal();
    tracing::info!(
        "Mỹ Tho Số gateway on http://{} (app: {}, database: {})",
        config.addr,
        config.dist.display(),
        config.database
    );
    if let Err(e) = mytho_gateway::serve(listener, state, shutdown).await {
        return fail(&format!("server error: {e}"));
    }
    tracing::info!("stopped cleanly");
    ExitCode::SUCCESS
}

/// `officers add <name>` (prints the new token once), `officers list`, `officers revoke <name>`.
async fn command(config: &GatewayConfig, args: &[String]) -> ExitCode {
    use mytho_gateway::officers;
    let usage = "usage: mytho-gateway [officers add <name> | officers list | officers revoke <name> | backup <new file> | migrate-to <postgres url> | openapi [--table] | check-config <config.json>]";
    let words: Vec<String> = args.to_vec();
    let db = match mytho_gateway::db::Db::open(&config.database).await {
        Ok(db) => db,
        Err(e) => return fail(&e),
    };
    let outcome = db.call(move |conn| -> mytho_gateway::store::Result<Result<String, String>> {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        Ok(match words.as_slice() {
            ["officers", "add", name @ ..] if !name.is_empty() => officers::add(conn, &name.join(" ")).map(|token| {
                format!("Officer {:?} added. Their token, shown only now (give it to them privately):\n{token}", name.join(" "))
            }),
            ["officers", "list"] => {
                let rows = officers::list(conn)?;
                let lines: Vec<String> = rows
                    .iter()
                    .map(|(name, created, revoked)| match revoked {
                        Some(r) => format!("{name}\tadded {created}\trevoked {r}"),
                        None => format!("{name}\tadded {created}\tactive"),
                    })
                    .collect();
                Ok(if lines.is_empty() { "No officers yet: add one with `mytho-gateway officers add <name>`".into() } else { lines.join("\n") })
            }
            ["officers", "revoke", name @ ..] if !name.is_empty() => {
                let name = name.join(" ");
                if officers::revoke(conn, &name)? {
                    Ok(format!("Officer {name:?} revoked: their token no longer works"))
                } else {
                    Err(format!("no active officer is named {name:?} (see `mytho-gateway officers list`)"))
                }
            }
            _ => Err(usage.to_string()),
        })
    })
    .await;
    match outcome {
        Ok(Ok(text)) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => fail(&e),
        Err(e) => fail(&format!("database error: {e}")),
    }
}

/// `backup <file>`: a consistent copy of the live database, safe while the gateway runs.
fn backup(db_path: &std::path::Path, target: &std::path::Path) -> ExitCode {
    match mytho_gateway::db::backup(db_path, target) {
        Ok((version, tables)) => {
            println!(
                "Backed up {} to {} (schema version {version}, integrity checked). Rows: {}",
                db_path.display(),
                target.display(),
                mytho_gateway::db::counts_text(&tables)
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("mytho-gateway: {message}");
    ExitCode::from(2)
}

/// Ctrl-C, or SIGTERM from a service manager. The handlers are registered when this is called, not
/// when the future is first polled.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    #[cfg(unix)]
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok();
    async move {
        #[cfg(unix)]
        {
            let term = async {
                match term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let interrupt = async {
                match interrupt.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = term => {},
                _ = interrupt => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
