import NIOCore
import Synchronization

/// Bounds the connections a sync server holds, so that a flood of
/// connections that never finish their TLS handshake (idle sockets, garbage)
/// cannot use up the node's file descriptors or keep a real peer out.
///
/// A connection is *pending* until its TLS handshake has verified the peer.
/// When the server is full, or one address has too many pending, the oldest
/// pending connection (of that address) makes room for the new one: a real
/// peer's handshake takes milliseconds, so it completes before a flood can
/// push it out, while idle floods only ever push out each other. Verified
/// peers are never pushed out; if every slot holds one, the newcomer is refused.
final class ConnectionGate: Sendable {
    struct Limits: Sendable, Hashable {
        /// Connections held at once, pending or verified: well under the common
        /// 1,024 file descriptors, which the store and the HTTP listener share.
        var maxConnections = 512
        /// Pending connections from one address at once.
        var maxPendingPerAddress = 64
    }

    enum Admission: Sendable, Equatable {
        case admitted
        /// Admitted after closing this many older pending connections.
        case admittedEvicting(Int)
        case refused
    }

    private struct Entry {
        var channel: any Channel
        var address: String
        var pending = true
        var sequence: UInt64
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var nextSequence: UInt64 = 0
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits = Limits()) { self.limits = limits }

    /// Counts a new connection in, closing older pending ones if it needs their room.
    func admit(_ channel: any Channel, address: String) -> Admission {
        let id = ObjectIdentifier(channel)
        let (admission, victims): (Admission, [any Channel]) = state.withLock { state in
            var victims: [any Channel] = []
            func evictOldestPending(where matches: (Entry) -> Bool) -> Bool {
                guard let oldest = state.entries.filter({ $0.value.pending && matches($0.value) }).min(by: { $0.value.sequence < $1.value.sequence })
                else { return false }
                victims.append(oldest.value.channel)
                state.entries[oldest.key] = nil
                return true
            }
            let pendingHere = state.entries.values.filter { $0.pending && $0.address == address }.count
            if pendingHere >= limits.maxPendingPerAddress { _ = evictOldestPending { $0.address == address } }
            if state.entries.count >= limits.maxConnections, !evictOldestPending(where: { _ in true }) {
                return (.refused, victims)
            }
            state.nextSequence += 1
            state.entries[id] = Entry(channel: channel, address: address, sequence: state.nextSequence)
            return (victims.isEmpty ? .admitted : .admittedEvicting(victims.count), victims)
        }
        for victim in victims { victim.close(promise: nil) }
        return admission
    }

    /// The connection's TLS handshake verified the peer: it is no longer pushed out.
    func verified(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.pending = false }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { state.withLock { $0.entries.count } }
}

/// The server was full of verified peers: the new connection was closed at once.
struct ConnectionRefused: Error, CustomStringConvertible {
    var address: String
    var description: String { "refused a connection from \(address): the node holds its maximum of connections" }
}
