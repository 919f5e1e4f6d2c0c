/// A ranked breakdown (top categories, top root causes, channel mix), or
/// `nil` entries when fewer complaints than the minimum sample have the field.
public struct ParetoList: Sendable, Hashable {
    public let entries: [ParetoEntry]?
    public let sample: Int

    public init(entries: [ParetoEntry]?, sample: Int) {
        self.entries = entries
        self.sample = sample
    }

    /// Ranks `counts` by complaints descending, ties by code, keeping at most `limit`.
    init(counts: [String: Int], limit: Int?) {
        let sample = counts.values.reduce(0, +)
        self.sample = sample
        guard sample >= KPI.minimumSample else {
            entries = nil
            return
        }
        var ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if let limit { ranked = Array(ranked.prefix(limit)) }
        var running = 0
        entries = ranked.map { code, count in
            running += count
            return ParetoEntry(code: code, complaints: count,
                               share: Figure.round(Double(count) / Double(sample), decimals: 4),
                               cumulativeShare: Figure.round(Double(running) / Double(sample), decimals: 4))
        }
    }

    public var isTooFew: Bool { entries == nil }
}
