//! The build's tools for `dist/`:
//! - `mytho-assets compress DIR`: brotli and gzip copies beside the built files, and `dcb` copies of the
//!   areas' wasm files against the main module (`assets::dictionary`);
//! - `mytho-assets boundary DIR`: the main module's imports from wasm-bindgen's glue get short names on
//!   both sides, and the exports no script uses are dropped (`assets::boundary`);
//! - `mytho-assets pack DIR -- WASM_OPT_FLAGS…`: the wasm splitter's shared chunks in DIR packed into a
//!   few files (`assets::pack`);
//! - `mytho-assets pages DIR APP LOADER`: the app's script (the folder `APP` of DIR) into every page, with
//!   preload hints for what the splitter's loader LOADER says the page's area needs;
//! - `mytho-assets minify-json FILE…`: content files without their editors' indentation;
//! - `mytho-assets size DIR [--budget BYTES] [--area-budget [PAGE=]BYTES…] [--journey-budget BYTES]
//!   [--dictionary-journey-budget BYTES]`: what the first load of each page fetches and what a visit
//!   through every area fetches; fails when one is over its budget (`--area-budget PAGE=BYTES`: that
//!   area page's own, in place of the one for every area page).

use mytho_core::routes::Bundle;
use mytho_gateway::assets;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["compress", dir] => match assets::precompress(Path::new(dir)) {
            Ok(n) => {
                println!("precompressed {n} files in {dir} (brotli q11, gzip -9; dcb against the main module)");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot compress {dir}: {e}")),
        },
        ["pages", dir, app, loader] => {
            let pages: Vec<_> = Bundle::ALL.iter().map(|b| (b.page(), b.module(), b.content())).collect();
            let linked = std::fs::read_to_string(loader).and_then(|loader| assets::link_pages(Path::new(dir), app, &loader, &pages));
            match linked {
                Ok(n) => {
                    println!("linked {n} pages to {dir}/{app}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&format!("cannot link the pages of {dir} to {app}: {e}")),
            }
        }
        ["boundary", dir] => match assets::boundary::tighten(Path::new(dir)) {
            Ok(dropped) => {
                println!("shortened the glue's import names in {dir}; dropped the unused exports {}", dropped.join(", "));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot tighten the boundary of the module in {dir}: {e}")),
        },
        ["pack", dir, "--", opt_flags @ ..] => {
            let opt_flags: Vec<String> = opt_flags.iter().map(|f| f.to_string()).collect();
            match assets::pack::pack_dir(Path::new(dir), &opt_flags) {
                Ok((chunks, files)) => {
                    println!("packed {chunks} shared chunks of {dir} into {files} files");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&format!("cannot pack the chunks of {dir}: {e}")),
            }
        }
        ["minify-json", files @ ..] if !files.is_empty() => match files.iter().try_for_each(|f| assets::minify_json(Path::new(f)).map_err(|e| format!("{f}: {e}"))) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot minify {e}")),
        },
        ["size", dir, flags @ ..] => match Budgets::parse(flags) {
            Ok(budgets) => size(dir, &budgets),
            Err(e) => fail(&e),
        },
        _ => fail(
            "usage: mytho-assets compress DIR | mytho-assets minify-json FILE… | mytho-assets pages DIR APP LOADER | mytho-assets pack DIR -- WASM_OPT_FLAGS… | mytho-assets boundary DIR | \
             mytho-assets size DIR [--budget BYTES] [--area-budget [PAGE=]BYTES…] [--journey-budget BYTES] [--dictionary-journey-budget BYTES]",
        ),
    }
}

/// Ceilings in brotli bytes: the home page (where most visits start), each area's own page, and the
/// journey (a visit that lands on the home page and opens every area but payments once: the home
/// page's files, then each area's module, chunks and content file, each file counted once).
#[derive(Default)]
struct Budgets {
    home: Option<usize>,
    area: Option<usize>,
    /// An area page's own ceiling, in place of `area`.
    pages: Vec<(String, usize)>,
    journey: Option<usize>,
    dictionary_journey: Option<usize>,
}

impl Budgets {
    fn parse(flags: &[&str]) -> Result<Budgets, String> {
        let mut budgets = Budgets::default();
        let bytes = |flag: &str, value: &str| value.parse::<usize>().map_err(|_| format!("{flag} takes a number of bytes, not {value:?}"));
        for pair in flags.chunks(2) {
            let [flag, value] = pair else { return Err(format!("{} needs a value", pair[0])) };
            match *flag {
                "--budget" => budgets.home = Some(bytes(flag, value)?),
                "--area-budget" => match value.split_once('=') {
                    Some((page, value)) => budgets.pages.push((page.to_string(), bytes(flag, value)?)),
                    None => budgets.area = Some(bytes(flag, value)?),
                },
                "--journey-budget" => budgets.journey = Some(bytes(flag, value)?),
                "--dictionary-journey-budget" => budgets.dictionary_journey = Some(bytes(flag, value)?),
                other => return Err(format!("unknown option {other}")),
            }
        }
        if let Some((page, _)) = budgets.pages.iter().find(|(page, _)| !Bundle::ALL.iter().any(|b| *b != Bundle::Shell && b.page() == page)) {
            return Err(format!("--area-budget {page}=…: no area has that page"));
        }
        Ok(budgets)
    }

    fn of(&self, bundle: Bundle) -> Option<usize> {
        if bundle == Bundle::Shell {
            return self.home;
        }
        self.pages.iter().find(|(page, _)| page == bundle.page()).map(|(_, bytes)| *bytes).or(self.area)
    }
}

fn size(dir: &str, budgets: &Budgets) -> ExitCode {
    let mut over = Vec::new();
    let mut journey: Vec<assets::SizeRow> = Vec::new();
    for bundle in Bundle::ALL {
        let budget = budgets.of(bundle);
        let page = bundle.page();
        if bundle != Bundle::Shell && !Path::new(dir).join(page).is_file() {
            continue;
        }
        let rows = match assets::size_report(Path::new(dir), page) {
            Ok(rows) => rows,
            Err(e) => return fail(&format!("cannot read {dir}/{page}: {e}; build the app first (make build)")),
        };
        if let Some(br) = page_report(&format!("First load of {dir}/{page}"), &rows, budget) {
            over.push(format!("{page}: {br} bytes brotli, budget {}", budget.unwrap_or(0)));
        }
        // The journey of #15: every area but paying (a citizen reaches it from a receipt) and reports
        // (newer than that journey). Moving between areas fetches no page, only what the area adds.
        if matches!(bundle, Bundle::Payments | Bundle::Reports) {
            continue;
        }
        let content = bundle.content().and_then(|c| assets::size_report_of(Path::new(dir), c).ok());
        for row in rows.into_iter().chain(content) {
            let is_other_page = bundle != Bundle::Shell && row.name == page;
            if !is_other_page && !journey.iter().any(|r| r.name == row.name) {
                journey.push(row);
            }
        }
    }
    if let Some(br) = page_report("A visit through the areas (home page, then each area but payments once)", &journey, budgets.journey) {
        over.push(format!("the journey: {br} bytes brotli, budget {}", budgets.journey.unwrap_or(0)));
    }
    // What the same visit costs where the browser keeps the main module as a dictionary (`dcb`).
    let with_dictionary: usize = journey
        .iter()
        .map(|row| std::fs::metadata(Path::new(dir).join(format!("{}.dcb", row.name))).map_or(row.brotli, |m| m.len() as usize))
        .sum();
    println!("The same visit where the browser keeps the main module as a compression dictionary (Chromium 130+): {with_dictionary} bytes");
    if let Some(limit) = budgets.dictionary_journey {
        println!("{} the budget of {limit} bytes\n", if with_dictionary > limit { "OVER" } else { "within" });
        if with_dictionary > limit {
            over.push(format!("the journey with the dictionary: {with_dictionary} bytes, budget {limit}"));
        }
    }
    if !over.is_empty() {
        return fail(&format!("over budget: {}", over.join("; ")));
    }
    ExitCode::SUCCESS
}

/// Prints one page's table; returns its brotli total when it is over the budget.
fn page_report(title: &str, rows: &[assets::SizeRow], budget: Option<usize>) -> Option<usize> {
    println!("{title} (bytes):");
    println!("{:<70} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for row in rows {
        println!("{:<70} {:>10} {:>10} {:>10}", row.name, row.raw, row.gzip, row.brotli);
        raw += row.raw;
        gz += row.gzip;
        br += row.brotli;
    }
    println!("{:<70} {:>10} {:>10} {:>10}", "total", raw, gz, br);
    let budget = budget?;
    println!("{} the budget of {budget} bytes brotli ({}% used)\n", if br > budget { "OVER" } else { "within" }, br * 100 / budget);
    (br > budget).then_some(br)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("mytho-assets: {message}");
    ExitCode::from(2)
}
