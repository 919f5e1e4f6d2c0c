import RedressModel

extension VersionVector {
    /// Entries sorted by node id, so equal vectors encode to equal bytes.
    var wireEntries: [Redress_Sync_V1_VersionEntry] {
        counters.sorted { $0.key < $1.key }.map { node, counter in
            var entry = Redress_Sync_V1_VersionEntry()
            entry.nodeID = node.wireBytes
            entry.counter = counter
            return entry
        }
    }

    /// A vector from its entries; a node listed twice keeps its higher counter.
    init(wireEntries entries: [Redress_Sync_V1_VersionEntry]) throws(WireDecodingError) {
        self.init()
        for entry in entries {
            let node = try NodeID(wireBytes: entry.nodeID, field: "hello.version_vector.node_id")
            self[node] = Swift.max(self[node], entry.counter)
        }
    }
}
