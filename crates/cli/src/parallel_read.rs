//! Reads a records file with every core: a quote-free CSV is cut into parts of whole lines
//! that threads read at once, then joined into exactly what one reader gives. The threads
//! live here, not in the engine, which also runs single-threaded in the browser.

use std::num::NonZeroUsize;

use carescore_engine::ingest::{
    self, csv_parts, read_csv_part, IngestError, IngestResult, InputFormat, Mapping,
};

/// Parts per core at most; more parts than cores only add joining work.
const MAX_THREADS: usize = 8;

pub fn read_records(
    format: InputFormat,
    bytes: &[u8],
    mapping: Option<&Mapping>,
) -> Result<IngestResult, IngestError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS);
    if format != InputFormat::Csv || threads == 1 {
        return ingest::read(format, bytes, mapping);
    }
    let parts = csv_parts(bytes, mapping, threads)?;
    if parts.len() == 1 {
        return ingest::read(format, bytes, mapping);
    }
    let results = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .map(|part| scope.spawn(move || read_csv_part(bytes, mapping, part)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a reading thread panicked"))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(IngestResult::concat(results))
}
