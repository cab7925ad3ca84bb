//! `faq-eval FAQ_JSON QUERIES_TSV [--bench ROUNDS]`: accuracy of the FAQ engine on a query set (misses,
//! then `top1=… top3=… none_correct=… n=…` as the last line). With `--bench`, also the index build time
//! and the median / p95 latency of one query, as one JSON line for `make bench`.

use mytho_core::faq::{evaluate, parse_queries, FaqData, FaqIndex};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (faq_path, queries_path) = match (args.first(), args.get(1)) {
        (Some(f), Some(q)) => (f, q),
        _ => {
            eprintln!("usage: faq-eval FAQ_JSON QUERIES_TSV [--bench ROUNDS]");
            return ExitCode::from(2);
        }
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"));
    let (faq, tsv) = match (read(faq_path), read(queries_path)) {
        (Ok(f), Ok(q)) => (f, q),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("faq-eval: {e}");
            return ExitCode::from(2);
        }
    };
    let data = match FaqData::parse(&faq) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("faq-eval: {e}");
            return ExitCode::from(2);
        }
    };
    let queries = parse_queries(&tsv);
    let started = Instant::now();
    let index = FaqIndex::build(&data);
    let build_ms = started.elapsed().as_secs_f64() * 1e3;

    if let Some(rounds) = args.iter().position(|a| a == "--bench").and_then(|i| args.get(i + 1)) {
        let rounds: usize = rounds.parse().unwrap_or(20);
        let mut times = Vec::with_capacity(rounds * queries.len());
        for _ in 0..rounds {
            for (q, _) in &queries {
                let t = Instant::now();
                std::hint::black_box(index.search(std::hint::black_box(q), 3));
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        let eval = evaluate(&data, &index, &queries);
        println!(
            "{{\"engine\":\"mytho-core (native)\",\"build_ms\":{build_ms:.3},\"median_ms\":{:.4},\"p95_ms\":{:.4},\"top1\":{:.3},\"top3\":{:.3},\"none_correct\":{:.3},\"n\":{}}}",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            eval.top1,
            eval.top3,
            eval.none_correct,
            eval.n
        );
        return ExitCode::SUCCESS;
    }

    let eval = evaluate(&data, &index, &queries);
    for (query, expected, given) in &eval.misses {
        println!("miss: {query:?} expected {expected}, got {given}");
    }
    println!("index built in {build_ms:.2} ms from {} entries", data.entries.len());
    println!("{}", eval.summary());
    ExitCode::SUCCESS
}
