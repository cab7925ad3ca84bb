//! `mytho-gateway`: serves the app from `dist/` and the API from SQLite. Settings: MYTHO_ADDR,
//! MYTHO_DB_PATH, MYTHO_DIST, MYTHO_LOG (see the README).

use mytho_gateway::config::GatewayConfig;
use mytho_gateway::AppState;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match GatewayConfig::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    tracing_subscriber::fmt()
        .with_max_level(config.log_level)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let state = match AppState::open(&config) {
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
    // Handlers in place before anyone is told we are up, so an early Ctrl-C or SIGTERM is clean too.
    let shutdown = shutdown_signal();
    tracing::info!(
        "Mỹ Tho Số gateway on http://{} (app: {}, database: {})",
        config.addr,
        config.dist.display(),
        config.db_path.display()
    );
    if let Err(e) = mytho_gateway::serve(listener, state, shutdown).await {
        return fail(&format!("server error: {e}"));
    }
    tracing::info!("stopped cleanly");
    ExitCode::SUCCESS
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
