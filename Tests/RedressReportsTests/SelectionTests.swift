import RedressModel
import Testing
@testable import RedressReports

/// `Selection.select` finds the value sorting would put at each rank, for
/// random arrays with and without repeated values, sorted and reversed ones,
/// and sub-ranges, and leaves the array a reordering of what it was.
@Suite struct SelectionTests {
    static let seed: UInt64 = 20_261_206

    @Test func everyRankIsTheValueSortingPutsThere() {
        print("SelectionTests seed \(Self.seed)")
        var random = SplitMix64(seed: Self.seed)
        for round in 0..<400 {
            let n = 1 + Int(random.next() % 300)
            let spread = [2, 10, 1_000, UInt64.max][round % 4]
            var values = (0..<n).map { _ in Int64(bitPattern: random.next() % spread) }
            switch round % 5 {
            case 0: values.sort()
            case 1: values.sort(by: >)
            default: break
            }
            let sorted = values.sorted()
            let k = Int(random.next() % UInt64(n))
            var selected = values
            Selection.select(k, in: &selected, within: selected.indices)
            #expect(selected[k] == sorted[k], "seed \(Self.seed), round \(round), rank \(k) of \(n)")
            #expect(selected[..<k].allSatisfy { $0 <= selected[k] } && selected[k...].allSatisfy { $0 >= selected[k] })
            #expect(selected.sorted() == sorted)
            // A second rank within what lies after the first, as the 90th percentile is chosen after the median.
            let p = k + Int(random.next() % UInt64(n - k))
            Selection.select(p, in: &selected, within: k..<n)
            #expect(selected[p] == sorted[p], "seed \(Self.seed), round \(round), rank \(p) after \(k) of \(n)")
        }
    }

    @Test func theQuantilesAreTheNearestRankOnes() {
        var values: [Int64] = Array((1...20).reversed())
        let quantiles = KPIReporter.quantiles(&values)
        // ⌈0.5·20⌉ = 10th and ⌈0.9·20⌉ = 18th of 1…20.
        #expect(quantiles?.median == 10 && quantiles?.p90 == 18 && quantiles?.count == 20)
        var none: [Int64] = []
        #expect(KPIReporter.quantiles(&none) == nil)
    }
}
