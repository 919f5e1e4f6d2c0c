public import Foundation

/// A complaint's globally unique id: a UUIDv7.
///
/// UUIDv7 carries its creation time in the leading 48 bits, so ids made on
/// different nodes without coordination never collide and still sort roughly
/// by time, which keeps SQLite's primary-key index appends cheap.
public struct ComplaintID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Canonical lowercase text form.
    public let description: String

    /// Parses and normalises `text` (a UUID in its 36-character form, any
    /// case); `nil` if it is not one.
    public init?(_ text: String) {
        guard let canonical = UUIDText.canonical(text) else { return nil }
        self.description = canonical
    }

    private init(canonical: String) { self.description = canonical }

    /// Its first 8 characters, as people quote it ("search for 0190ab12"):
    /// `resolveComplaintID` finds a complaint by such a prefix.
    public var shortForm: String { String(description.prefix(8)) }

    /// Makes a new UUIDv7 for the given wall-clock time.
    public static func make<G: RandomNumberGenerator>(at date: Date = Date(), using generator: inout G) -> ComplaintID {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        let random = (UInt64.random(in: .min ... .max, using: &generator), UInt64.random(in: .min ... .max, using: &generator))
        for i in 6..<16 {
            let source = i < 14 ? random.0 : random.1
            bytes[i] = UInt8(truncatingIfNeeded: source >> (8 * UInt64(i % 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return ComplaintID(canonical: uuid.uuidString.lowercased())
    }

    /// Makes a new UUIDv7 with the system's random number generator.
    public static func make(at date: Date = Date()) -> ComplaintID {
        var generator = SystemRandomNumberGenerator()
        return make(at: date, using: &generator)
    }

    public static func < (lhs: ComplaintID, rhs: ComplaintID) -> Bool { lhs.description < rhs.description }
}
