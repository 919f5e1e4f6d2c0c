import PropertyBased
import RedressModel
import Testing

/// Each merge rule must be a join: idempotent, commutative and associative,
/// or replicas that see the same writes in different orders would diverge.
@Suite struct MergeRuleTests {
    static let nodes = [NodeID("00000000-0000-4000-8000-000000000001")!, NodeID("00000000-0000-4000-8000-000000000002")!,
                        NodeID("ffffffff-0000-4000-8000-000000000003")!]

    /// Small ranges on purpose: ties in time and value are the interesting cases.
    static let stampedValue = Gen.int(in: 0..<(4 * 4 * 3 * 2)).map { n -> StampedValue in
        let value: FieldValue = n % 2 == 0 ? .integer(Int64(n / 2 % 4)) : .text(["a", "b", "c", "d"][n / 2 % 4])
        let time = HybridTimestamp(millis: 1_000, logical: UInt16(n / 8 % 4))
        return StampedValue(value, WriteStamp(time: time, node: nodes[n / 32 % 3]))
    }

    static let rules: [MergeRule] = [.lastWriterWins, .maximum]

    @Test(arguments: rules)
    func idempotent(rule: MergeRule) async {
        await propertyCheck(input: Self.stampedValue) { a in
            #expect(rule.winner(a, a) == a)
        }
    }

    @Test(arguments: rules)
    func commutative(rule: MergeRule) async {
        await propertyCheck(count: 300, input: Self.stampedValue, Self.stampedValue) { a, b in
            // Two writes with the same stamp are the same write; they never carry different values.
            guard a.stamp != b.stamp || a.value == b.value else { return }
            #expect(rule.winner(a, b) == rule.winner(b, a))
        }
    }

    @Test(arguments: rules)
    func associative(rule: MergeRule) async {
        await propertyCheck(count: 300, input: Self.stampedValue, Self.stampedValue, Self.stampedValue) { a, b, c in
            guard Set([a.stamp, b.stamp, c.stamp]).count == 3 else { return }
            #expect(rule.winner(rule.winner(a, b), c) == rule.winner(a, rule.winner(b, c)))
        }
    }

    @Test func lastWriterWinsBreaksTimeTiesByNodeID() {
        let time = HybridTimestamp(millis: 5, logical: 0)
        let low = StampedValue("low", WriteStamp(time: time, node: Self.nodes[0]))
        let high = StampedValue("high", WriteStamp(time: time, node: Self.nodes[2]))
        #expect(MergeRule.lastWriterWins.winner(low, high) == high)
        #expect(MergeRule.lastWriterWins.winner(high, low) == high)
    }

    @Test func laterTimeWinsWhateverTheNode() {
        let early = StampedValue("early", WriteStamp(time: HybridTimestamp(millis: 5, logical: 0), node: Self.nodes[2]))
        let late = StampedValue("late", WriteStamp(time: HybridTimestamp(millis: 5, logical: 1), node: Self.nodes[0]))
        #expect(MergeRule.lastWriterWins.winner(early, late) == late)
    }

    @Test func stageLatticeClosesOverAConcurrentAcknowledge() {
        // Given an "acknowledge" written later than a concurrent "close"
        let closed = StampedValue(.integer(StageState(stage: .closed).encoded), WriteStamp(time: HybridTimestamp(millis: 1, logical: 0), node: Self.nodes[0]))
        let acknowledged = StampedValue(.integer(StageState(stage: .acknowledged).encoded), WriteStamp(time: HybridTimestamp(millis: 9, logical: 0), node: Self.nodes[1]))
        // Then the lattice keeps the closure either way round
        #expect(MergeRule.maximum.winner(closed, acknowledged) == closed)
        #expect(MergeRule.maximum.winner(acknowledged, closed) == closed)
    }

    @Test func reopenBeatsTheClosureItReopens() {
        let closed = StageState(generation: 0, stage: .closed)
        let reopened = StageState(generation: 1, stage: .received)
        let closedAgain = StageState(generation: 1, stage: .closed)
        #expect(reopened > closed)
        #expect(closedAgain > reopened)
        #expect(reopened.name == "reopened")
        #expect(StageState(encoded: reopened.encoded) == reopened)
    }
}
