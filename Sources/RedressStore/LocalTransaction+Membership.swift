public import RedressModel

/// The cluster's membership list as local writes: `member` records replicate
/// like every other record, so every node learns of additions and retirements
/// by syncing, whatever the topology.
extension LocalTransaction {
    /// Records `node` as a member of the cluster, or updates its name,
    /// division and certificate serial. Its division is added with the default
    /// promises if this node does not know it yet, so that the new node can
    /// record complaints for it. Writes no retirement: adding never un-retires.
    public func addMember(_ node: NodeID, name: String, division: String, certificateSerial: String?) throws {
        guard let name = try Validation.text(name, field: "node name", required: true, maxLength: 64) else {
            throw StoreError.missingField("node name")
        }
        try Validation.code(division, field: "division")
        if try record(.division, key: division) == nil {
            try upsertDivision(code: division, name: division, conduct: .default)
        }
        var values: [MemberField: FieldValue] = [.name: .text(name), .division: .text(division)]
        if let certificateSerial { values[.certificateSerial] = .text(certificateSerial) }
        try write(key: node.description, values)
    }

    /// Retires `node`: every node that learns it refuses that node's
    /// connections from then on; its data and history stay. `retired` merges
    /// by maximum, so no concurrent or later write can undo it.
    ///
    /// Its division gets a new key (`rotateDivisionKey`).
    ///
    /// - Throws: `StoreError.invalidValue` for this node itself (a node that
    ///   retired itself could no longer sync the news) or a node that is not a member.
    public func retireMember(_ node: NodeID) throws {
        guard node != self.node else {
            throw StoreError.invalidValue(field: "node", value: node.description,
                                          reason: "that is this node: retire it from another node of the cluster")
        }
        guard let member = try record(.member, key: node.description) else {
            throw StoreError.invalidValue(field: "node", value: node.description,
                                          reason: "not a member of this cluster (see `redress node list`)")
        }
        try write(key: node.description, [MemberField.retired: 1])
        // What the division writes from now on is sealed for a key the retired node never gets.
        if let division = member[MemberField.division].text { try rotateDivisionKey(division) }
    }
}
