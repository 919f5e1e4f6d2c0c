import RedressKeys
import RedressModel

/// A complaint's personal texts to seal and the writer key that seals them.
///
/// Planned inside the transaction (the key may need reading or making), but
/// carried out anywhere: sealing is pure, so `LocalTransaction.createComplaints`
/// seals a batch's texts on every core before it inserts them in order.
struct PersonalSealing: Sendable {
    struct Job: Sendable {
        /// Where in the complaint's writes the text is.
        var position: Int
        var text: String
        /// The associated data the ciphertext is bound to (`SealContext`).
        var context: String
    }

    /// Nil when every personal field written is cleared (nothing to seal).
    let key: DataKey?
    let jobs: [Job]

    /// The ciphertexts, in the order of `jobs`.
    func sealedTexts() -> [String] {
        guard let key else { return [] }
        return jobs.map { key.seal($0.text, context: $0.context) }
    }

    /// Puts `sealed` (from `sealedTexts()`) in place of the plain texts.
    func apply(_ sealed: [String], to writes: inout [FieldWrite]) {
        precondition(sealed.count == jobs.count, "one ciphertext per personal text")
        for (job, text) in zip(jobs, sealed) { writes[job.position].value = .text(text) }
    }
}
