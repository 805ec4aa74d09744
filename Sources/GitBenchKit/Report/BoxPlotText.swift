import Foundation

/// A one-line box plot of a sample on a shared scale: whiskers to the minimum and maximum, the box from the first to
/// the third quartile, `|` at the median. `├──[══|═]────┤` reads at a glance where `min 1.0 q1 1.1 …` does not.
enum BoxPlotText {
    /// `quartiles` drawn in `width` characters over `[low, high]`.
    static func draw(_ quartiles: Quartiles, low: Double, high: Double, width: Int = 30) -> String {
        let span = high - low
        func column(_ x: Double) -> Int {
            guard span > 0, x.isFinite else { return width / 2 }
            return min(width - 1, max(0, Int(((x - low) / span * Double(width - 1)).rounded())))
        }
        var cells = Array(repeating: Character(" "), count: width)
        let (minimum, q1, median, q3, maximum) = (column(quartiles.min), column(quartiles.q1), column(quartiles.median),
                                                   column(quartiles.q3), column(quartiles.max))
        for index in minimum...maximum { cells[index] = "─" }
        for index in q1...q3 { cells[index] = "═" }
        cells[minimum] = "├"
        cells[maximum] = "┤"
        cells[q1] = "["
        cells[q3] = "]"
        cells[median] = "|"
        return String(cells)
    }

    /// The shared scale of several samples: the smallest minimum to the largest maximum.
    static func range(_ samples: [Quartiles?]) -> (low: Double, high: Double)? {
        let present = samples.compactMap { $0 }
        guard let low = present.map(\.min).min(), let high = present.map(\.max).max() else { return nil }
        return (low, high)
    }
}
