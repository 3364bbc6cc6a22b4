//! narcograph's integration tests, in one test binary (one link step).

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on the first failure, with the reason"
)]

mod agencies;
mod aggregates;
mod channels;
mod cli;
mod data;
mod determinism;
mod eval;
mod extraction;
mod linking;
mod properties;
mod push;
mod regions;
mod reliability;
mod routes;
mod russian;
mod serve;
mod setup;
mod support;
mod virtuoso;
