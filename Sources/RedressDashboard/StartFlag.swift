import NIOConcurrencyHelpers

/// Set once the server is listening: tells a bind failure from a later one.
public final class StartFlag: Sendable {
    private let value = NIOLockedValueBox(false)

    public init() {}

    public func set() { value.withLockedValue { $0 = true } }
    public var isSet: Bool { value.withLockedValue { $0 } }
}
