// Archive/ owns the storage-independent half of the archive pipeline: the `ObjectStore` contract every backend meets
// (the `file://` store here; an S3 client conforms from HTTP/), object key validation, the seed's key layout, the
// per-day manifest and its entries in the exact JSON the seed's Python writes, the update of a day's manifest that
// loses no entry when many archivers race, and bounded concurrent writes of many objects. It knows no transport: it
// never opens a socket and never imports curl.
// External harness results (Mem0 harness, PageIndex) come from the canonical local layout, `benchmark-results/
// <harness>/<bench>/<project>/`, with its `_ARCHIVED` and `_SHIP_LABEL.json` markers (CanonicalLayout, HarnessResult).
