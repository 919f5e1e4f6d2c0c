import NIOConcurrencyHelpers

/// Set once the server is listening: tells a bind failure from a later one.
final class StartFlag: Sendable {
    private let value = NIOLockedValueBox(false)

    func set() { value.withLockedValue { $0 = true } }
    var isSet: Bool { value.withLockedValue { $0 } }
}
