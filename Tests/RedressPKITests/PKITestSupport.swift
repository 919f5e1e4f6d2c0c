import Foundation
@_spi(FixedExpiryValidationTime) import X509

/// Shared helpers for the PKI tests.
enum PKITestSupport {
    /// A fixed "now" (2026-01-01T00:00:00Z) so validity checks are deterministic.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// A fresh, empty directory under the system temporary directory; the
    /// caller removes it with `removeDirectory`.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("redress-pki-tests-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeDirectory(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The permission bits of a file or directory.
    static func mode(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    static func setMode(_ mode: Int, of url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    /// Verifies `leaf` against `root` alone, with RFC 5280 rules, at `time`.
    static func verify(_ leaf: Certificate, root: Certificate, at time: Date) async -> CertificateValidationResult {
        var verifier = Verifier(rootCertificates: CertificateStore([root])) {
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        return await verifier.validate(leaf: leaf, intermediates: CertificateStore())
    }

    static func isValid(_ result: CertificateValidationResult) -> Bool {
        if case .validCertificate = result { return true }
        return false
    }

    /// Every policy failure reason of a failed validation, as text.
    static func failureReasons(_ result: CertificateValidationResult) -> [String] {
        guard case .couldNotValidate(let failures) = result else { return [] }
        return failures.map { String(describing: $0.policyFailureReason) }
    }

    /// The base64 body lines of a PEM document: if any of them shows up in
    /// some text, that text leaks the document.
    static func pemBodyLines(_ pem: String) -> [String] {
        pem.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count > 8 }
    }
}
