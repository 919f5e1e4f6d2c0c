/// Colours for chart series: the Okabe–Ito palette, told apart by people with
/// the common colour-vision deficiencies, with a neutral grey for "others".
enum ChartPalette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    static let bar = "#0072B2"
    static let others = "#999999"
    static let grid = "#dddddd"
    static let tooFew = "#999999"

    static func color(_ index: Int) -> String { series[index % series.count] }
}
