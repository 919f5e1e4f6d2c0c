public import RedressModel

/// The redress paid in one currency by one group's complaints: `redress_paid_total`
/// and `redress_paid_median` of docs/KPIS.md, exact in the currency's minor units.
public struct RedressPaid: Sendable, Hashable {
    public let currency: String
    /// Complaints that recorded an amount in this currency (zero included).
    public let complaints: Int
    public let totalMinor: Int64
    /// The nearest-rank median; nil when fewer than `KPI.minimumSample` complaints paid in this currency.
    public let medianMinor: Int64?

    public init(currency: String, complaints: Int, totalMinor: Int64, medianMinor: Int64?) {
        self.currency = currency
        self.complaints = complaints
        self.totalMinor = totalMinor
        self.medianMinor = medianMinor
    }

    public var total: MoneyAmount { MoneyAmount(minorUnits: totalMinor, currency: currency) }
    public var median: MoneyAmount? { medianMinor.map { MoneyAmount(minorUnits: $0, currency: currency) } }
}
