import RedressReports

/// A horizontal bar chart as inline SVG: one bar per group (division), so
/// groups can be compared on one KPI at a glance.
///
/// Server-side SVG rather than a JavaScript charting library: the page works
/// offline, with no external assets and no scripts, and prints as it shows.
struct BarChart {
    struct Bar {
        let label: String
        /// The label in full, e.g. with the division's name, for the tooltip.
        let fullLabel: String
        /// `nil` when too few complaints are behind the figure: drawn as a note, not as a bar.
        let value: Double?
        let text: String
        let sample: Int
    }

    let title: String
    let bars: [Bar]
    /// The largest value the axis shows; defaults to the largest bar.
    var maximum: Double?
    /// The smallest value; below 0 for figures such as NPS.
    var minimum: Double = 0
    /// Grey lines under the bars, e.g. which groups have too few complaints for a bar.
    var notes: [String] = []

    private let width = 460.0, labelWidth = 150.0, valueWidth = 64.0, rowHeight = 18.0, top = 6.0

    func svg() -> String {
        let values = bars.compactMap(\.value)
        let low = min(minimum, values.min() ?? 0)
        var high = max(maximum ?? 0, values.max() ?? 0)
        if high <= low { high = low + 1 }
        let plotWidth = width - labelWidth - valueWidth
        func x(_ value: Double) -> Double { labelWidth + (value - low) / (high - low) * plotWidth }
        let zero = x(0)
        let height = top * 2 + rowHeight * Double(max(bars.count, 1) + notes.count)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" role="img" viewBox="0 0 \(Int(width)) \(Int(height))" \
            width="\(Int(width))" height="\(Int(height))" aria-label="\(ReportHTML.escape(title))">
            <title>\(ReportHTML.escape(title))</title>
            <line x1="\(fmt(zero))" y1="0" x2="\(fmt(zero))" y2="\(fmt(height))" stroke="\(ChartPalette.grid)"/>

            """
        if bars.isEmpty && notes.isEmpty {
            svg += "<text x=\"\(fmt(labelWidth))\" y=\"\(fmt(top + 13))\" class=\"note\">no complaints in scope</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let label = ReportHTML.escape(Self.shortened(bar.label))
            svg += "<g class=\"bar\"><title>\(ReportHTML.escape(bar.fullLabel)): \(ReportHTML.escape(bar.text)) (n=\(bar.sample))</title>"
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 13))\" text-anchor=\"end\">\(label)</text>"
            if let value = bar.value {
                let start = min(zero, x(value)), end = max(zero, x(value))
                svg += "<rect x=\"\(fmt(start))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(end - start, 1)))\" height=\"\(fmt(rowHeight - 6))\" fill=\"\(ChartPalette.bar)\"/>"
                svg += "<text x=\"\(fmt(end + 4))\" y=\"\(fmt(y + 13))\">\(ReportHTML.escape(bar.text))</text>"
            } else {
                svg += "<text x=\"\(fmt(zero + 4))\" y=\"\(fmt(y + 13))\" class=\"note\" fill=\"\(ChartPalette.tooFew)\">\(ReportHTML.escape(bar.text))</text>"
            }
            svg += "</g>\n"
        }
        for (offset, note) in notes.enumerated() {
            let y = top + rowHeight * Double(max(bars.count, 1) + offset)
            svg += "<text x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 13))\" class=\"note\" fill=\"\(ChartPalette.tooFew)\">\(ReportHTML.escape(note))</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    /// Long division names would push the bars out of the chart; the full name is in the tooltip.
    static func shortened(_ label: String, to limit: Int = 23) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}

/// A coordinate with at most one decimal, so the SVG stays small and stable.
func fmt(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let magnitude = abs(tenths)
    let sign = tenths < 0 ? "-" : ""
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}
