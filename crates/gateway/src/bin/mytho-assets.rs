//! `mytho-assets compress DIR` writes brotli and gzip copies beside the built files;
//! `mytho-assets size DIR [--budget BYTES --area-budget BYTES]` prints what the first load of each
//! bundle's page fetches and fails when one is over its budget.

use mytho_core::routes::Bundle;
use mytho_gateway::assets;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["compress", dir] => match assets::precompress(Path::new(dir)) {
            Ok(n) => {
                println!("precompressed {n} files in {dir} (brotli q11, gzip -9)");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot compress {dir}: {e}")),
        },
        ["size", dir] => size(dir, None, None),
        ["size", dir, "--budget", budget, "--area-budget", area] => match (budget.parse(), area.parse()) {
            (Ok(b), Ok(a)) => size(dir, Some(b), Some(a)),
            _ => fail("--budget and --area-budget take a number of bytes"),
        },
        _ => fail("usage: mytho-assets compress DIR | mytho-assets size DIR [--budget BYTES --area-budget BYTES]"),
    }
}

/// `budget` is for the shell (the home page, where most visits start); `area_budget` for the pages of
/// the other bundles.
fn size(dir: &str, budget: Option<usize>, area_budget: Option<usize>) -> ExitCode {
    let mut over = Vec::new();
    for bundle in Bundle::ALL {
        let budget = if bundle == Bundle::Shell { budget } else { area_budget };
        let page = bundle.page();
        if bundle != Bundle::Shell && !Path::new(dir).join(page).is_file() {
            continue;
        }
        let rows = match assets::size_report(Path::new(dir), page) {
            Ok(rows) => rows,
            Err(e) => return fail(&format!("cannot read {dir}/{page}: {e}; build the app first (make build)")),
        };
        if let Some(br) = page_report(dir, page, &rows, budget) {
            over.push(format!("{page}: {br} bytes brotli, budget {}", budget.unwrap_or(0)));
        }
    }
    if !over.is_empty() {
        return fail(&format!("over budget: {}", over.join("; ")));
    }
    ExitCode::SUCCESS
}

/// Prints one page's table; returns its brotli total when it is over the budget.
fn page_report(dir: &str, page: &str, rows: &[assets::SizeRow], budget: Option<usize>) -> Option<usize> {
    println!("First load of {dir}/{page} (bytes):");
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for row in rows {
        println!("{:<44} {:>10} {:>10} {:>10}", row.name, row.raw, row.gzip, row.brotli);
        raw += row.raw;
        gz += row.gzip;
        br += row.brotli;
    }
    println!("{:<44} {:>10} {:>10} {:>10}", "total", raw, gz, br);
    let budget = budget?;
    println!("{} the budget of {budget} bytes brotli ({}% used)\n", if br > budget { "OVER" } else { "within" }, br * 100 / budget);
    (br > budget).then_some(br)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("mytho-assets: {message}");
    ExitCode::from(2)
}
