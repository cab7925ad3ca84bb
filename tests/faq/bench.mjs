// make bench: our FAQ engine beside MiniSearch and Fuse.js on the same corpus and queries.
// Usage: node tests/faq/bench.mjs FAQ_JSON QUERIES_TSV OUR_ENGINE_JSON
// Accuracy as in faq-eval: top1 = right first answer (declining counts as wrong), top3 = right topic in
// the first three, none_correct = declines on `none` queries (an empty result list, for the libraries).
import fs from 'node:fs';
import MiniSearch from 'minisearch';
import Fuse from 'fuse.js';

const [faqPath, queriesPath, oursPath] = process.argv.slice(2);
const faq = JSON.parse(fs.readFileSync(faqPath, 'utf8'));
const queries = fs.readFileSync(queriesPath, 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t')).filter(([q, id]) => q && id);
const ours = JSON.parse(fs.readFileSync(oursPath, 'utf8'));

const docs = faq.entries.map((e) => ({
  id: e.id,
  question: `${e.vi.question} ${e.en.question}`,
  phrasings: [...e.vi.phrasings, ...e.en.phrasings].join(' '),
  keywords: [...e.vi.keywords, ...e.en.keywords].join(' '),
  answer: [...e.vi.answer, ...e.en.answer].join(' '),
}));

// Accent folding as MiniSearch's docs suggest for diacritics: NFD, drop marks; plus đ → d.
const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐÐ]/g, 'd').toLowerCase();

function minisearch() {
  const t0 = performance.now();
  const ms = new MiniSearch({
    fields: ['question', 'phrasings', 'keywords', 'answer'],
    processTerm: (term) => fold(term),
    searchOptions: { boost: { question: 3, phrasings: 3, keywords: 3 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  ms.addAll(docs);
  return { name: 'MiniSearch 7.2 (fuzzy 0.2, prefix)', build: performance.now() - t0, search: (q) => ms.search(q).map((r) => r.id) };
}

function fuse() {
  const t0 = performance.now();
  const f = new Fuse(docs, {
    keys: [{ name: 'question', weight: 3 }, { name: 'phrasings', weight: 3 }, { name: 'keywords', weight: 3 }, { name: 'answer', weight: 1 }],
    ignoreDiacritics: true,
    ignoreLocation: true,
    threshold: 0.4,
  });
  return { name: 'Fuse.js 7.5 (ignoreDiacritics, threshold 0.4)', build: performance.now() - t0, search: (q) => f.search(q).map((r) => r.item.id) };
}

function measure(engine) {
  let top1 = 0, top3 = 0, answerable = 0, noneOk = 0, nones = 0;
  for (const [q, expected] of queries) {
    const ids = engine.search(q);
    if (expected === 'none') { nones++; if (ids.length === 0) noneOk++; continue; }
    answerable++;
    if (ids[0] === expected) top1++;
    if (ids.slice(0, 3).includes(expected)) top3++;
  }
  const times = [];
  for (let round = 0; round < 20; round++) {
    for (const [q] of queries) { const t = performance.now(); engine.search(q); times.push(performance.now() - t); }
  }
  times.sort((a, b) => a - b);
  return {
    engine: engine.name, build_ms: engine.build, median_ms: times[Math.floor(times.length / 2)],
    p95_ms: times[Math.floor(times.length * 0.95)], top1: top1 / answerable, top3: top3 / answerable,
    none_correct: nones ? noneOk / nones : 1, n: queries.length,
  };
}

const rows = [ours, measure(minisearch()), measure(fuse())];
const f = (x, d) => Number(x).toFixed(d);
console.log(`Queries: ${queriesPath} (n=${queries.length}); our engine runs natively, the libraries in Node ${process.version}.`);
console.log('| engine | top1 | top3 | none_correct | index build ms | median query ms | p95 query ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.engine} | ${f(r.top1, 3)} | ${f(r.top3, 3)} | ${f(r.none_correct, 3)} | ${f(r.build_ms, 2)} | ${f(r.median_ms, 4)} | ${f(r.p95_ms, 4)} |`);
}
