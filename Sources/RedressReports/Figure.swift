import Foundation

/// One KPI of one group: its value, or `nil` when its sample is too small to
/// mean anything, and the sample size either way.
public struct Figure: Sendable, Hashable {
    public let value: Double?
    public let sample: Int

    public init(value: Double?, sample: Int) {
        self.value = value
        self.sample = sample
    }

    /// Applies the minimum sample and the rounding of `kpi`.
    init(_ kpi: KPI, sample: Int, compute: () -> Double) {
        self.sample = sample
        self.value = sample >= kpi.minimumSample ? Self.round(compute(), decimals: kpi.decimals) : nil
    }

    public var isTooFew: Bool { value == nil }

    static func round(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }
}
