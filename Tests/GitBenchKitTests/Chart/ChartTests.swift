import Foundation
import Testing
@testable import GitBenchKit

/// The SVG chart layer: scales, escaping, and every chart's marks and table against its input.
@Suite struct ChartTests {
    @Test func niceTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearScale.niceStep(span: 1, tickCount: 5) == 0.2)
        #expect(LinearScale.niceStep(span: 7, tickCount: 5) == 2)
        #expect(LinearScale.niceStep(span: 23, tickCount: 5) == 5)
        #expect(LinearScale.niceStep(span: 0.0031, tickCount: 5) == 0.001)
        let scale = LinearScale(covering: [0.93, 1.07], range: (100, 0))
        #expect(scale.ticks == [0.9, 0.95, 1.0, 1.05, 1.1])
        #expect(scale.tickLabels == ["0.90", "0.95", "1.00", "1.05", "1.10"])
        #expect(scale.position(0.9) == 100)
        #expect(scale.position(1.1) == 0)
        let tenths = LinearScale(covering: [0, 0.3], tickCount: 3, range: (0, 1))
        #expect(tenths.ticks == [0, 0.1, 0.2, 0.3])
    }

    @Test func aFlatOrEmptyDomainStillHasTicks() {
        #expect(LinearScale(covering: [5, 5], range: (0, 1)).ticks.count >= 2)
        #expect(LinearScale(covering: [], range: (0, 1)).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(LinearScale(covering: [.nan, .infinity], range: (0, 1)).ticks.count >= 2)
    }

    @Test func tickLabelsStayShort() {
        #expect(ChartNumber.tick(25000, step: 5000) == "25k")
        #expect(ChartNumber.tick(2_500_000, step: 500_000) == "2.5M")
        #expect(ChartNumber.tick(-0.0, step: 0.5) == "0.0")
        #expect(ChartNumber.short(1.01357) == "1.014")
        #expect(ChartNumber.short(0.017734) == "0.01773")
        #expect(ChartNumber.short(12345.6) == "12346")
    }

    @Test func timeAxisReadsISODatesAsUTCSeconds() {
        #expect(ChartTime.seconds("1970-01-02") == 86_400)
        #expect(ChartTime.seconds("2026-03-01T12:30:15.123Z") == ChartTime.seconds("2026-03-01")! + 45_015)
        #expect(ChartTime.date(ChartTime.seconds("2024-02-29")!) == "2024-02-29")
        #expect(ChartTime.seconds("yesterday") == nil)
    }

    @Test func hostileTextIsEscapedInSVGAndTable() throws {
        let hostile = "<script>alert(\"x\")</script> & 'q'"
        let chart = LineChart(title: hostile, description: hostile, xAxis: .ordinal(title: hostile, labels: [hostile]), yTitle: hostile,
                              series: [.init(name: hostile, points: [.init(x: 0, y: 1, label: hostile, title: hostile, note: hostile)])],
                              rules: [.init(x: 0, label: hostile)])
        for text in [chart.svg(id: "a\"b"), chart.table(id: "t")] {
            #expect(!text.contains("<script"))
            let markup = ChartMarkup(text)
            #expect(markup.error == nil)
            #expect(markup.elements.contains { $0.text.contains(hostile) })
        }
        #expect(ChartMarkup(chart.svg(id: "x")).having("data-label").contains { $0.attributes["data-label"] == hostile })
        #expect(Markup.escape("a\u{0}b\u{1B}c") == "abc")
    }

    @Test func lineChartMarksAndTableRowsCarryTheInputValues() throws {
        let values: [Double] = [1.0136, 0.1 + 0.2, 1e-7, 12345.678]
        let points = values.enumerated().map { LineChart.Point(x: Double($0.offset), y: $0.element, low: $0.element - 0.01, high: $0.element + 0.01,
                                                               label: "p\($0.offset)", title: "point \($0.offset)", tone: .good) }
        let chart = LineChart(title: "t", description: "d", xAxis: .ordinal(title: "run", labels: ["a", "b", "c", "d"]), yTitle: "metric (s)",
                              series: [.init(name: "mean", points: points)], rules: [.init(x: 1.5, label: "baseline")])
        let svg = ChartMarkup(chart.svg(id: "line"))
        #expect(svg.error == nil)
        #expect(svg.ys == values)
        #expect(svg.having("data-low").compactMap { $0.attributes["data-low"].flatMap(Double.init) } == values.map { $0 - 0.01 })
        #expect(svg.named("svg").first?.attributes["role"] == "img")
        #expect(svg.named("svg").first?.attributes["viewBox"] != nil)
        #expect(svg.named("svg").first?.attributes["aria-labelledby"] == "line-title line-desc")
        #expect(svg.elements.contains { $0.name == "text" && $0.text == "metric (s)" })
        #expect(svg.named("title").contains { $0.text == "point 2" })
        #expect(svg.having("data-label").contains { $0.attributes["data-label"] == "baseline" && $0.attributes["data-x"] == "1.5" })
        let table = ChartMarkup(chart.table(id: "line"))
        #expect(table.error == nil)
        #expect(table.named("caption").first?.text == "t")
        #expect(table.named("table").first?.attributes["id"] == "line-table")
        #expect(table.bodyRows.count == values.count)
        let cells = table.named("td").compactMap { $0.attributes["data-value"].flatMap(Double.init) }
        #expect(cells == values.flatMap { [$0, $0 - 0.01, $0 + 0.01] })
    }

    @Test func nonFiniteValuesAreDroppedAndNoDataDrawsAPlaceholder() {
        let points = [LineChart.Point(x: 0, y: .nan, label: "a", title: "a"), LineChart.Point(x: 1, y: 2, low: -.infinity, high: 3, label: "b", title: "b"),
                      LineChart.Point(x: .infinity, y: 1, label: "c", title: "c")]
        let chart = LineChart(title: "t", description: "d", xAxis: .linear(title: "x"), yTitle: "y", series: [.init(name: "s", points: points)])
        let svg = ChartMarkup(chart.svg(id: "n"))
        #expect(svg.error == nil)
        #expect(svg.ys == [2])
        #expect(svg.having("data-low").isEmpty)
        #expect(ChartMarkup(chart.table(id: "n")).bodyRows.count == 1)
        let empty = [
            LineChart(title: "t", description: "d", xAxis: .time(title: "date"), yTitle: "y", series: []).svg(id: "e1"),
            LineChart(title: "t", description: "d", xAxis: .time(title: "date"), yTitle: "y", series: [.init(name: "s", points: [points[0]])]).svg(id: "e2"),
            DistributionChart(title: "t", description: "d", yTitle: "y", groups: [.init(name: "g", values: [.nan])]).svg(id: "e3"),
            BarChart(title: "t", description: "d", xTitle: "x", yTitle: "y", series: ["s"], categories: []).svg(id: "e4"),
            Sparkline(values: [.nan], title: "s").svg(),
        ]
        for svg in empty {
            let markup = ChartMarkup(svg)
            #expect(markup.error == nil)
            #expect(markup.elements.contains { $0.text == "no data" })
            #expect(markup.ys.isEmpty)
        }
    }

    @Test func multiSeriesTimeChartHasALegendAndOneRowPerPoint() {
        let day = 86_400.0
        let series = ["alpha", "beta", "gamma"].enumerated().map { index, name in
            LineChart.Series(name: name, points: (0..<5).map { .init(x: Double($0) * day * 3, y: Double(index) + Double($0) / 10, label: "d\($0)", title: name) })
        }
        let chart = LineChart(title: "t", description: "d", xAxis: .time(title: "date"), yTitle: "score (%)", series: series,
                              rules: [.init(x: 4 * day, label: "mem0 v1.0.0")])
        let svg = ChartMarkup(chart.svg(id: "multi"))
        #expect(svg.error == nil)
        #expect(svg.ys.count == 15)
        #expect(svg.elements.contains { $0.name == "text" && $0.text == "beta" })
        #expect(svg.elements.contains { $0.name == "text" && $0.text == "1970-01-01" })
        let table = ChartMarkup(chart.table(id: "multi"))
        #expect(table.bodyRows.count == 15)
        #expect(table.named("tr").filter { $0.attributes["class"] == "event" }.count == 1)
    }

    @Test func distributionChartDrawsEveryValueAndABoxPerGroup() {
        let baseline = [1.0, 1.02, 0.98, 1.01, 0.99]
        let candidate = [0.95, 0.96, 0.97, 0.94, 0.96, 0.95]
        let chart = DistributionChart(title: "t", description: "d", yTitle: "metric (s)",
                                      groups: [.init(name: "baseline", values: baseline, tone: .muted), .init(name: "candidate", values: candidate + [.nan], tone: .good)])
        let svg = ChartMarkup(chart.svg(id: "dist"))
        #expect(svg.error == nil)
        #expect(svg.ys == baseline + candidate)
        let boxes = svg.having("data-q1")
        #expect(boxes.count == 2)
        #expect(boxes[0].attributes["data-median"] == "1.0")
        #expect(boxes[0].attributes["data-min"] == "0.98")
        #expect(boxes[1].attributes["data-max"] == "0.97")
        #expect(chart.svg(id: "dist") == chart.svg(id: "dist"))
        let table = ChartMarkup(chart.table(id: "dist"))
        #expect(table.bodyRows.count == baseline.count + candidate.count)
        #expect(table.named("td").compactMap { $0.attributes["data-value"].flatMap(Double.init) } == baseline + candidate)
    }

    @Test func barChartDrawsBarsWithWhiskersAroundZero() {
        let bars: [(Double, Double, Double)] = [(-3.2, -4.5, -1.9), (4.1, 2.6, 5.6), (0.5, -1, 2)]
        let chart = BarChart(title: "t", description: "d", xTitle: "run set", yTitle: "change (%)", series: ["change"],
                             categories: bars.enumerated().map { index, bar in
                                 .init(label: "c\(index)", bars: [.init(value: bar.0, low: bar.1, high: bar.2, title: "bar \(index)", tone: .bad)])
                             } + [.init(label: "nan", bars: [.init(value: .nan, title: "x")])])
        let svg = ChartMarkup(chart.svg(id: "bars"))
        #expect(svg.error == nil)
        #expect(svg.ys == bars.map(\.0))
        #expect(svg.having("data-high").compactMap { $0.attributes["data-high"].flatMap(Double.init) } == bars.map(\.2))
        #expect(svg.named("line").contains { $0.attributes["class"] == "zero" })
        let table = ChartMarkup(chart.table(id: "bars"))
        #expect(table.bodyRows.count == 3)
        let grouped = BarChart(title: "g", description: "d", xTitle: "stage", yTitle: "overall (%)", series: ["a", "b"],
                               categories: [.init(label: "full", bars: [.init(value: 60, title: "a"), nil]), .init(label: "smoke", bars: [.init(value: 50, title: "a"), .init(value: 55, title: "b")])])
        let groupedSVG = ChartMarkup(grouped.svg(id: "g"))
        #expect(groupedSVG.ys == [60, 50, 55])
        #expect(groupedSVG.having("data-series").map { $0.attributes["data-series"] } == ["a", "a", "b"])
        #expect(ChartMarkup(grouped.table(id: "g")).bodyRows.count == 3)
    }

    @Test func sparklineCarriesItsValuesAndLastPoint() {
        let svg = ChartMarkup(Sparkline(values: [1, 2.5, .nan, 2], title: "trend <x>").svg())
        #expect(svg.error == nil)
        #expect(svg.having("data-values").first?.attributes["data-values"] == "1.0 2.5 2.0")
        #expect(svg.ys == [2])
        #expect(svg.named("svg").first?.attributes["aria-label"] == "trend <x>")
    }
}

extension ChartTests {
    @Test func anOrdinalLabelAtTheRightEdgeIsAnchoredInsideTheViewBox() {
        let labels = (0..<150).map { "c\($0)\n2026-02-14" }
        let points = (0..<150).map { LineChart.Point(x: Double($0), y: Double($0 % 7), label: "p", title: "p") }
        let chart = LineChart(title: "t", description: "d", xAxis: .ordinal(title: "run", labels: labels), yTitle: "y",
                              series: [.init(name: "s", points: points)])
        let texts = ChartMarkup(chart.svg(id: "edge")).named("text").filter { $0.text.hasPrefix("c149") }
        #expect(texts.count == 1)
        #expect(texts.first?.attributes["text-anchor"] == "end")
        #expect(texts.first?.attributes["x"] == "958")
    }
}

extension ChartTests {
    @Test func theLabelBeforeAnEdgeAnchoredOneKeepsItsDistance() {
        let labels = (0..<150).map { "c\($0)\n2026-02-14" }
        let points = (0..<150).map { LineChart.Point(x: Double($0), y: 1, label: "p", title: "p") }
        let chart = LineChart(title: "t", description: "d", xAxis: .ordinal(title: "run", labels: labels), yTitle: "y",
                              series: [.init(name: "s", points: points)])
        let xs = ChartMarkup(chart.svg(id: "gap")).named("text").filter { $0.text.hasPrefix("c1") && $0.text.contains("2026") }
            .compactMap { $0.attributes["x"].flatMap(Double.init) }.sorted()
        let last = try? #require(xs.last)
        let previous = xs.dropLast().last ?? 0
        // Both labels are about 64 units wide; the right one ends at its x, the left one is centred.
        #expect((last ?? 0) - 64 - (previous + 32) > 0)
    }
}

extension ChartTests {
    @Test func noMarkSitsOnTheFramesEdge() {
        // 60 and 69 are tick values: without room the lowest point would sit on the x axis.
        let points = [60.0, 64, 69].enumerated().map { LineChart.Point(x: Double($0.offset), y: $0.element, label: "p", title: "p") }
        let chart = LineChart(title: "t", description: "d", xAxis: .linear(title: "x"), yTitle: "y", series: [.init(name: "s", points: points)])
        let circles = ChartMarkup(chart.svg(id: "room")).named("circle").compactMap { $0.attributes["cy"].flatMap(Double.init) }
        let canvas = ChartCanvas()
        #expect(circles.count == 3)
        #expect(circles.allSatisfy { $0 > canvas.plotTop && $0 < canvas.plotBottom })
    }
}

extension ChartTests {
    @Test func ruleLabelsAreDrawnAfterEveryLineAndMark() throws {
        let points = (0..<4).map { LineChart.Point(x: Double($0), y: Double($0), label: "p", title: "p") }
        let chart = LineChart(title: "t", description: "d", xAxis: .ordinal(title: "run", labels: ["a", "b", "c", "d"]), yTitle: "y",
                              series: [.init(name: "s", points: points)], rules: [.init(x: 0.5, label: "first"), .init(x: 2.5, label: "second")])
        let names = ChartMarkup(chart.svg(id: "order")).elements.map { $0.name + ($0.attributes["class"].map { "." + $0 } ?? "") }
        let lastRule = try #require(names.lastIndex(of: "line.rule"))
        let lastPoint = try #require(names.lastIndex { $0.hasPrefix("circle.point") })
        let firstLabel = try #require(names.firstIndex(of: "text.rule-label"))
        #expect(firstLabel > lastRule && firstLabel > lastPoint)
    }
}
