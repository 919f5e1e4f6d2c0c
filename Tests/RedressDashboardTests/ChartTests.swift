import Foundation
import RedressReports
import Testing
@testable import RedressDashboard

@Suite struct ChartTests {
    @Test func coordinatesKeepOneDecimalAndTheirSign() {
        #expect(fmt(12) == "12")
        #expect(fmt(12.34) == "12.3")
        #expect(fmt(-0.46) == "-0.5")
        #expect(fmt(0.04) == "0")
    }
}

@Suite struct BarChartTests {
    @Test func aFigureWithTooFewComplaintsIsANoteNotABar() {
        let chart = BarChart(title: "Reopen rate", bars: [
            .init(label: "retail", fullLabel: "Retail (retail)", value: 0.25, text: "25.0%", sample: 40),
            .init(label: "tiny", fullLabel: "tiny", value: nil, text: "too few (n=3)", sample: 3),
        ], maximum: 1)
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<rect").count - 1 == 1)
        #expect(svg.contains("too few (n=3)"))
        #expect(svg.contains("Retail (retail): 25.0% (n=40)"))
    }

    @Test func negativeValuesGrowLeftOfTheZeroLine() throws {
        // NPS runs from -100 to 100: a negative score is a bar ending at the zero line.
        let chart = BarChart(title: "NPS", bars: [.init(label: "a", fullLabel: "a", value: -50, text: "-50", sample: 20)],
                             maximum: 100, minimum: -100)
        let svg = chart.svg()
        // Plot from x=150 to x=396 for -100…100: zero at 273, -50 at 211.5.
        #expect(svg.contains("x1=\"273\""))
        #expect(svg.contains("<rect x=\"211.5\" y=\"9\" width=\"61.5\""))
    }

    @Test func labelsAreEscaped() {
        let chart = BarChart(title: "<t>", bars: [.init(label: "<b>&", fullLabel: "\"x\"", value: 1, text: "1", sample: 10)])
        let svg = chart.svg()
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;b&gt;&amp;"))
        #expect(svg.contains("&quot;x&quot;"))
        #expect(svg.contains("aria-label=\"&lt;t&gt;\""))
    }
}

@Suite struct LineChartTests {
    @Test func aMissingMonthBreaksTheLine() {
        let chart = LineChart(title: "CSAT", xLabels: ["2026-01", "2026-02", "2026-03", "2026-04"],
                              series: [.init(name: "csat", values: [4, 3, nil, 5], color: "#000")],
                              format: { "\($0)" }, maximum: 5)
        let svg = chart.svg()
        // Two segments: one line through January and February, April alone as a dot.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    }
}

@Suite struct DashboardMetricTests {
    @Test func barsAreRankedCappedAndTooFewAreCountedNotDrawn() {
        // 30 divisions with 10…39 complaints, all closed with CSAT = 1 + i % 5; 3 more with none scored.
        let scored = (0..<30).map { i in
            GroupKPIs(group: "d\(i)", complaints: 10 + i, backlog: 0, overdue: 0, customers: nil,
                      figures: [.csatMean: Figure(value: Double(1 + i % 5), sample: 10 + i)], csatDistribution: nil,
                      topCategories: ParetoList(entries: nil, sample: 0), topRootCauses: ParetoList(entries: nil, sample: 0),
                      channelMix: ParetoList(entries: nil, sample: 0), remedyMix: ParetoList(entries: nil, sample: 0), redressPaid: [])
        }
        let unscored = (0..<3).map { i in
            GroupKPIs(group: "u\(i)", complaints: 3, backlog: 3, overdue: 0, customers: nil,
                      figures: [.csatMean: Figure(value: nil, sample: 0)], csatDistribution: nil,
                      topCategories: ParetoList(entries: nil, sample: 0), topRootCauses: ParetoList(entries: nil, sample: 0),
                      channelMix: ParetoList(entries: nil, sample: 0), remedyMix: ParetoList(entries: nil, sample: 0), redressPaid: [])
        }
        let chart = DashboardMetric.kpi(.csatMean).chart(scored + unscored, names: [:])
        #expect(chart.bars.count == DashboardMetric.maximumBars)
        #expect(chart.bars.first?.value == 5)
        #expect(chart.bars.map(\.value!) == chart.bars.map(\.value!).sorted(by: >))
        #expect(chart.notes == ["… and 5 more divisions (all in the table below)", "3 divisions with too few complaints for this figure"])
        let volume = DashboardMetric.sideBySide[0].chart(scored + unscored, names: ["d29": "Division 29"])
        #expect(volume.bars.first?.label == "d29" && volume.bars.first?.fullLabel == "Division 29 (d29)")
    }
}
