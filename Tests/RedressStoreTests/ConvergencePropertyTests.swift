import Foundation
import PropertyBased
import RedressModel
import RedressStore
import Testing

/// Convergence, the core promise: random operations on 3–5 replicas, random
/// exchanges with drops, duplicates, delays and interrupted syncs, then one
/// full exchange: every replica ends with the same data.
@Suite struct ConvergencePropertyTests {
    @Test func replicasConvergeWhateverTheDeliveryOrder() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 3...5)) { seed, replicas in
            var scenario = try Scenario(seed: UInt64(seed), replicas: replicas)
            try scenario.run(steps: 90)
            try scenario.exchangeEverything()
            try scenario.expectConverged()
        }
    }

    /// The same with sealed personal data read by every replica: all are
    /// member nodes of one division, so each grants its keys to the others
    /// as it learns of them, whatever order the exchanges take.
    @Test func membersOfOneDivisionConvergeAndReadEverythingWhateverTheDeliveryOrder() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 2...4)) { seed, replicas in
            var scenario = try Scenario(seed: UInt64(seed), replicas: replicas, membersOfOneDivision: true)
            try scenario.run(steps: 60)
            try scenario.exchangeEverything()
            try scenario.expectConverged()
            let views = try scenario.stores.map { try $0.complaints() }
            #expect(Set(views.map { $0.map(\.values) }).count == 1, "every member reads the same values")
            #expect(views.allSatisfy { $0.allSatisfy(\.personalDataReadable) })
            #expect(try scenario.stores.allSatisfy { try $0.canReadPersonalData(of: "d0") })
        }
    }

    @Test func applyingTheSameChangesInAnyOrderAndGroupingGivesTheSameState() async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            // Given three replicas that wrote concurrently and never met
            var scenario = try Scenario(seed: UInt64(seed), replicas: 3, exchangeRate: 0)
            try scenario.run(steps: 40)
            let (a, b, c) = (scenario.stores[0], scenario.stores[1], scenario.stores[2])
            let fresh = { (name: String) in try scenario.makeStore(name, division: "d0") }
            // Commutativity and idempotence: every order, some batches twice
            var digests: Set<String> = []
            for (index, order) in [[a, b, c], [c, b, a], [b, c, a], [b, a, b, c, a]].enumerated() {
                let target = try fresh("order\(index)")
                for source in order { try Fixture.sync(from: source, to: target, maxFields: 7) }
                digests.insert(try target.digest())
            }
            // Associativity: (a ⊔ b) ⊔ c against a ⊔ (b ⊔ c)
            let left = try fresh("left"), middle = try fresh("middle"), right = try fresh("right")
            for source in [a, b] { try Fixture.sync(from: source, to: middle) }
            try Fixture.sync(from: middle, to: left)
            try Fixture.sync(from: c, to: left)
            let inner = try fresh("inner")
            for source in [b, c] { try Fixture.sync(from: source, to: inner) }
            try Fixture.sync(from: a, to: right)
            try Fixture.sync(from: inner, to: right)
            digests.insert(try left.digest())
            digests.insert(try right.digest())
            #expect(digests.count == 1)
        }
    }
}

/// One randomised run over several replicas.
struct Scenario {
    var random: SplitMix64
    let directory = TemporaryDirectory()
    let clock: ManualClock
    var stores: [RedressStore] = []
    var complaintIDs: [ComplaintID] = []
    var erasedNames: [String] = []
    /// Batches held back to deliver late, out of order.
    var delayed: [(batch: ChangeBatch, to: Int)] = []
    let exchangeRate: Int

    /// - Parameter membersOfOneDivision: every replica a member node of
    ///   division `d0` (as a cluster's nodes are), rather than standalone
    ///   nodes of divisions of their own.
    init(seed: UInt64, replicas: Int, exchangeRate: Int = 25, membersOfOneDivision: Bool = false) throws {
        random = SplitMix64(seed: seed)
        clock = ManualClock()
        self.exchangeRate = exchangeRate
        for index in 0..<replicas {
            stores.append(try makeStore("r\(index)", division: membersOfOneDivision ? "d0" : "d\(index)", member: membersOfOneDivision))
        }
    }

    func makeStore(_ name: String, division: String, member: Bool = false) throws -> RedressStore {
        let node = NodeID.random()
        return try RedressStore.create(at: directory.subdirectory(name), division: division, nodeName: name, node: node, user: name,
                                       configuration: clock.configuration) { tx in
            if member { try tx.addMember(node, name: name, division: division, certificateSerial: nil) }
        }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: Int) -> Bool { Int(random.next() % 100) < percent }

    mutating func run(steps: Int) throws {
        for step in 0..<steps {
            // Time moves a little, sometimes not at all, so HLC ties happen.
            if chance(70) { clock.advance(by: random.next() % 5_000) }
            let index = Int(random.next() % UInt64(stores.count))
            let store = stores[index]
            if complaintIDs.isEmpty || chance(20) {
                let name = "Person\(step)x\(index) Secretname\(random.next() % 1_000_000)"
                let id = try store.write(user: "u\(index)") { try $0.createComplaint(Fixture.complaint(name: name, contact: "\(step)@example.org")) }
                complaintIDs.append(id)
                continue
            }
            if chance(exchangeRate) {
                try exchangeSomething()
                continue
            }
            let id = pick(complaintIDs)
            // Only act on complaints this replica has heard of.
            guard let complaint = try? store.complaint(id) else { continue }
            // Draw every random choice first: the write closure must not capture `self`.
            let roll = Int(random.next() % 100)
            let step = pick(LifecycleStep.allCases)
            let assignee = pick(["sam", "kim", "alex"])
            let tag = pick(["vip", "press", "legal"])
            if roll >= 94, let name = complaint[.complainantName].text { erasedNames.append(name) }
            do {
                try store.write(user: "u\(index)") { tx in
                    switch roll {
                    case 0..<40: try tx.take(step, on: id, .init(decision: "decided \(roll)", remedy: "refund", csat: 3, nps: 7, scheme: "Ombudsman"))
                    case 40..<52: try tx.assign(id, to: assignee)
                    case 52..<60: try tx.escalate(id)
                    case 60..<72: try tx.note(id, text: "note \(roll) about \(complaint[.complainantName].text ?? "someone")")
                    case 72..<82: try tx.tag(id, add: [tag], remove: [])
                    case 82..<90: try tx.tag(id, add: [], remove: [tag])
                    case 90..<94:
                        try tx.upsertDivision(code: "d\(index)", name: "Division \(roll)",
                                              conduct: .init(acknowledgeWithinHours: 1 + roll, respondWithinDays: 1 + roll % 20))
                    default: try tx.erasePersonalData(id)
                    }
                }
            } catch {
                // A refused step (closing a closed complaint, …) is a StoreError and changes nothing: fine.
            }
        }
    }

    /// One exchange between two replicas, delivered faithfully or not.
    mutating func exchangeSomething() throws {
        let from = Int(random.next() % UInt64(stores.count))
        var to = Int(random.next() % UInt64(stores.count))
        if to == from { to = (to + 1) % stores.count }
        if !delayed.isEmpty, chance(20) {
            let late = delayed.remove(at: Int(random.next() % UInt64(delayed.count)))
            try stores[late.to].apply(late.batch)
            return
        }
        // An interrupted sync: only the first few bounded batches arrive.
        var vector = try stores[to].versionVector()
        for _ in 0..<(1 + random.next() % 3) {
            let batch = try stores[from].changes(after: vector, maxFields: 1 + Int(random.next() % 40))
            if batch.isEmpty { break }
            for (node, range) in batch.coverage { vector[node] = max(vector[node], range.upTo) }
            switch random.next() % 100 {
            case 0..<15: continue  // lost on the way
            case 15..<30:
                try stores[to].apply(batch)
                try stores[to].apply(batch)  // delivered twice
            case 30..<45: delayed.append((batch, to))
            default: try stores[to].apply(batch)
            }
        }
    }

    mutating func exchangeEverything() throws {
        for late in delayed { try stores[late.to].apply(late.batch) }
        delayed = []
        for _ in 0..<(stores.count * 2) {
            var moved = 0
            for from in stores.indices {
                for to in stores.indices where to != from {
                    moved += try Fixture.sync(from: stores[from], to: stores[to], maxFields: 50)
                }
            }
            if moved == 0 { return }
        }
    }

    func expectConverged() throws {
        let digests = try stores.map { try $0.digest() }
        #expect(Set(digests).count == 1, "replicas diverged: \(digests)")
        let vectors = try stores.map { try $0.versionVector() }
        #expect(Set(vectors).count == 1)
        for store in stores {
            #expect(try store.complaints().count == complaintIDs.count)
            try store.checkpoint()
            for name in erasedNames {
                #expect(try Fixture.filesContain(name, in: store.directory) == [], "\(store.nodeName) still holds an erased name")
            }
        }
    }
}
