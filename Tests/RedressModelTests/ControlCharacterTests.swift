import RedressModel
import Testing

/// The byte-level control-character rule against its definition, Unicode's
/// general category Cc, on every scalar of the BMP edges and on random texts.
@Suite struct ControlCharacterTests {
    /// The definition the fast rule must agree with.
    static func reference(_ text: String, allowingLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !(allowingLineBreaks && ["\t", "\n", "\r"].contains(scalar))
        }
    }

    @Test func everyScalarUpToU0800AndTheirNeighboursAgree() {
        // U+0000–U+07FF covers every one- and two-byte UTF-8 sequence, so
        // every lead byte 0xC2 pairing and every ASCII byte is tried, alone
        // and between letters.
        for value in UInt32(0)..<0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a\(scalar)b", "\u{00E9}\(scalar)"] {
                for allowing in [false, true] {
                    #expect(text.containsControlCharacter(allowingLineBreaks: allowing) == Self.reference(text, allowingLineBreaks: allowing),
                            "U+\(String(value, radix: 16)) in \(text.debugDescription), allowing line breaks: \(allowing)")
                }
            }
        }
    }

    @Test func randomTextsAgree() {
        let seed: UInt64 = 20_261_203
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        // Scalars near the interesting edges, and anywhere in Unicode.
        let pools: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x9F, 0xA0...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
        var controls = 0
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let pool = pools.randomElement(using: &random)!
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &random)) { text.append(scalar) }
            }
            let string = String(text)
            let allowing = Bool.random(using: &random)
            let expected = Self.reference(string, allowingLineBreaks: allowing)
            if expected { controls += 1 }
            #expect(string.containsControlCharacter(allowingLineBreaks: allowing) == expected,
                    "\(string.unicodeScalars.map { String($0.value, radix: 16) }), allowing line breaks: \(allowing)")
        }
        // Both answers must have been tried many times for the test to mean anything.
        #expect(controls > 1_000 && controls < 19_000, "\(controls) of 20000 texts held a control character")
    }
}
