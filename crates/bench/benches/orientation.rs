//! `cargo bench -p tremplin-bench`: one profile against 2,000 generated schemes, the shipped
//! catalogue, and a catalogue search.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tremplin_bench::{generated, profile, shipped, today};
use tremplin_domain::catalogue::orient;
use tremplin_domain::catalogue::search::SearchIndex;

fn engine(c: &mut Criterion) {
    let (cat, w) = generated(2_000);
    let p = profile(&cat);
    c.bench_function("orient 1 profile x 2000 schemes", |b| {
        b.iter(|| black_box(orient(&cat.schemes, black_box(&p), today(), &w, true)).len())
    });
    let (shipped_cat, sw) = shipped();
    let sp = profile(&shipped_cat);
    c.bench_function("orient 1 profile x shipped catalogue", |b| {
        b.iter(|| {
            black_box(orient(
                &shipped_cat.schemes,
                black_box(&sp),
                today(),
                &sw,
                false,
            ))
            .len()
        })
    });
    let index = SearchIndex::build(&shipped_cat);
    c.bench_function("search \"financer salon export\" (shipped)", |b| {
        b.iter(|| black_box(index.search(black_box("financer salon export"))).len())
    });
    let big_index = SearchIndex::build(&cat);
    c.bench_function("search \"financer salon export\" (2000 schemes)", |b| {
        b.iter(|| black_box(big_index.search(black_box("financer salon export"))).len())
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
