//! `mytho-assets compress DIR` writes brotli and gzip copies beside the built files;
//! `mytho-assets size DIR [--budget BYTES]` prints what the first load fetches and fails over budget.

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
        ["size", dir] => size(dir, None),
        ["size", dir, "--budget", budget] => match budget.parse() {
            Ok(b) => size(dir, Some(b)),
            Err(_) => fail("--budget takes a number of bytes"),
        },
        _ => fail("usage: mytho-assets compress DIR | mytho-assets size DIR [--budget BYTES]"),
    }
}

fn size(dir: &str, budget: Option<usize>) -> ExitCode {
    let rows = match assets::size_report(Path::new(dir)) {
        Ok(rows) => rows,
        Err(e) => return fail(&format!("cannot read {dir}: {e}; build the app first (make build)")),
    };
    println!("First load of {dir}/index.html (bytes):");
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for row in &rows {
        println!("{:<44} {:>10} {:>10} {:>10}", row.name, row.raw, row.gzip, row.brotli);
        raw += row.raw;
        gz += row.gzip;
        br += row.brotli;
    }
    println!("{:<44} {:>10} {:>10} {:>10}", "total", raw, gz, br);
    if let Some(budget) = budget {
        if br > budget {
            return fail(&format!("first load is {br} bytes brotli, over the budget of {budget}"));
        }
        println!("within the budget of {budget} bytes brotli ({}% used)", br * 100 / budget);
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("mytho-assets: {message}");
    ExitCode::from(2)
}
