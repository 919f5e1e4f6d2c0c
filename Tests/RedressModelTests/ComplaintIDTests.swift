import Foundation
import RedressModel
import Testing

/// A complaint's id parses from text by its bytes (every id a page shows is
/// parsed): exactly the 8-4-4-4-12 hex form, in canonical lower case.
/// Foundation's `UUID(uuidString:)` on Linux is not the oracle: it accepts a
/// dash in place of a hex digit and returns other bytes for it.
@Suite struct ComplaintIDTests {
    nonisolated(unsafe) static let uuidForm = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/

    @Test func parsesWhatUUIDParsesAndNothingElse() {
        let seed: UInt64 = ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_203
        print("ComplaintIDTests seed \(seed)")
        var random = SplitMix64(seed: seed)
        let alphabet = Array("0123456789abcdefABCDEFgz-")
        for _ in 0..<5_000 {
            var text = ComplaintID.make(using: &random).description
            if Bool.random(using: &random) { text = text.uppercased() }
            // Damage some: a changed character, a dropped or added one.
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                var characters = Array(text)
                characters[Int.random(in: 0..<characters.count, using: &random)] = alphabet.randomElement(using: &random)!
                text = String(characters)
            case 1: text.removeLast()
            case 2: text += "0"
            default: break
            }
            let parsed = ComplaintID(text)
            let expected = text.wholeMatch(of: Self.uuidForm) != nil ? text.lowercased() : nil
            #expect(parsed?.description == expected, "\(text)")
        }
    }

    @Test func refusesTextThatIsNotAUUID() {
        #expect(ComplaintID("") == nil)
        #expect(ComplaintID("0190aaaa-0000-7000-8000-00000000000") == nil)
        #expect(ComplaintID("0190aaaa+0000-7000-8000-000000000000") == nil)
        #expect(ComplaintID("0190aaaa-0000-7000-8000-00000000000g") == nil)
        #expect(ComplaintID("0190AAAA-0000-7000-8000-000000000000")?.description == "0190aaaa-0000-7000-8000-000000000000")
        #expect(ComplaintID("0190aaaa-0000-7000-8000-000000000000")?.shortForm == "0190aaaa")
    }
}
