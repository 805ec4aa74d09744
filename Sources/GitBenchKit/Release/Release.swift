// Release/ reads `BENCH_PARITY.yaml`, the repository-root file whose rows tie a released package version to the bench
// cycle it embeds and that cycle's frozen scores (seed `000_…`, "Layer 2"). It is the only folder that parses YAML
// (through Yams) and hands the badge writer plain `ReleaseRow` values of Archive/, so Archive/ never sees YAML.
// Writing the file (`release-mark`) comes later.
import Foundation
