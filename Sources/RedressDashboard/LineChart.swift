import Foundation
import RedressReports

/// A line chart as inline SVG: one line per series over months, for trends.
struct LineChart {
    struct Series {
        let name: String
        /// One value per x label; `nil` leaves a gap (too few complaints that month).
        let values: [Double?]
        var color: String
    }

    let title: String
    let xLabels: [String]
    let series: [Series]
    /// How a y value is printed on the axis.
    let format: (Double) -> String
    var maximum: Double?
    var minimum: Double = 0

    private let width = 940.0, height = 260.0, left = 56.0, right = 40.0, top = 12.0, bottom = 40.0

    func svg() -> String {
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let low = min(minimum, values.min() ?? 0)
        var high = max(maximum ?? 0, values.max() ?? 0)
        if high <= low { high = low + 1 }
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double {
            xLabels.count <= 1 ? left + plotWidth / 2 : left + Double(index) / Double(xLabels.count - 1) * plotWidth
        }
        func y(_ value: Double) -> Double { top + (1 - (value - low) / (high - low)) * plotHeight }
        let legendHeight = 18.0 * Double((series.count + 3) / 4)
        let total = height + legendHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" role="img" viewBox="0 0 \(Int(width)) \(Int(total))" \
            width="\(Int(width))" height="\(Int(total))" aria-label="\(ReportHTML.escape(title))">
            <title>\(ReportHTML.escape(title))</title>

            """
        for step in 0...4 {
            let value = low + (high - low) * Double(step) / 4
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(value)))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y(value)))\" stroke=\"\(ChartPalette.grid)\"/>"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\">\(ReportHTML.escape(format(value)))</text>\n"
        }
        // At most about twelve month labels, evenly spaced, always the last one.
        let every = max(1, (xLabels.count + 11) / 12)
        for (index, label) in xLabels.enumerated() where index % every == 0 || index == xLabels.count - 1 {
            svg += "<text x=\"\(fmt(x(index)))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\">\(ReportHTML.escape(label))</text>"
        }
        svg += "\n"
        if xLabels.isEmpty {
            svg += "<text x=\"\(fmt(left + 8))\" y=\"\(fmt(top + 20))\" class=\"note\">no complaints in scope</text>\n"
        }
        for line in series {
            var segments: [[(Double, Double, Double)]] = [[]]
            for (index, value) in line.values.enumerated() {
                if let value { segments[segments.count - 1].append((x(index), y(value), value)) } else { segments.append([]) }
            }
            svg += "<g class=\"series\"><title>\(ReportHTML.escape(line.name))</title>"
            for segment in segments where !segment.isEmpty {
                if segment.count > 1 {
                    let points = segment.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
                    svg += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\" points=\"\(points)\"/>"
                }
                for point in segment {
                    svg += "<circle cx=\"\(fmt(point.0))\" cy=\"\(fmt(point.1))\" r=\"2.5\" fill=\"\(line.color)\"><title>\(ReportHTML.escape(line.name)): \(ReportHTML.escape(format(point.2)))</title></circle>"
                }
            }
            svg += "</g>\n"
        }
        for (index, line) in series.enumerated() {
            let lx = left + Double(index % 4) * 220, ly = height + 18.0 * Double(index / 4) + 4
            svg += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" width=\"12\" height=\"12\" fill=\"\(line.color)\"/>"
            svg += "<text x=\"\(fmt(lx + 18))\" y=\"\(fmt(ly + 11))\">\(ReportHTML.escape(BarChart.shortened(line.name, to: 34)))</text>\n"
        }
        svg += "</svg>"
        return svg
    }
}
