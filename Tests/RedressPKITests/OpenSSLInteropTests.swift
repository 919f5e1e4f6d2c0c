import Foundation
import RedressModel
import RedressPKI
import Testing

/// Where the system OpenSSL is expected; the suite is skipped without it.
private let opensslPath = "/usr/bin/openssl"

/// Checks the files with the system's OpenSSL, which shares no code with
/// swift-certificates: what Redress writes must be ordinary X.509 and PEM.
@Suite("OpenSSL interoperability", .enabled(if: FileManager.default.isExecutableFile(atPath: opensslPath)))
struct OpenSSLInteropTests {
    let now = PKITestSupport.now

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    func openssl(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self)
        )
    }

    @Test("OpenSSL parses the written bundle, sees the node URI, and verifies the chain")
    func openSSLAcceptsTheBundle() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        // Given a CA and a node bundle written to disk
        let ca = try ClusterAuthority.create(now: now)
        try ca.save(to: root.appendingPathComponent("ca"))
        let nodeID = NodeID.random()
        let credentials = try ca.issueNodeCredentials(nodeID: nodeID, nodeName: "lyon", now: now)
        let bundle = try NodeBundle(division: "FR-LYO", credentials: credentials, authorityCertificate: ca.certificate)
        let directory = root.appendingPathComponent("bundle")
        try bundle.write(to: directory)
        let nodePEM = directory.appendingPathComponent("node.pem").path
        let caPEM = directory.appendingPathComponent("ca.pem").path

        // The node certificate, as OpenSSL reads it
        let text = try openssl(["x509", "-in", nodePEM, "-text", "-noout"])
        #expect(text.status == 0, "\(text.errors)")
        #expect(text.output.contains("URI:urn:redress:node:\(nodeID)"))
        #expect(!text.output.contains("DNS:"))
        #expect(text.output.contains("CA:FALSE"))
        #expect(text.output.contains("Digital Signature"))
        #expect(text.output.contains("Subject: CN = lyon\n"))
        #expect(text.output.contains("ecdsa-with-SHA256"))

        // Its serial is the one in the membership record
        let serial = try openssl(["x509", "-in", nodePEM, "-serial", "-noout"])
        #expect(serial.output.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "serial=\(bundle.serialNumber)")

        // The CA certificate
        let caText = try openssl(["x509", "-in", caPEM, "-text", "-noout"])
        #expect(caText.status == 0, "\(caText.errors)")
        #expect(caText.output.contains("CA:TRUE, pathlen:0"))
        #expect(caText.output.contains("Certificate Sign, CRL Sign"))
        #expect(caText.output.contains("O = Redress cluster \(ca.clusterID.uuidString.lowercased()), CN = Redress CA"))

        // The chain verifies for both TLS roles (no extended key usage means any), at the fixed time
        for purpose in ["sslserver", "sslclient"] {
            let verify = try openssl([
                "verify", "-CAfile", caPEM, "-purpose", purpose, "-attime", "\(Int(now.timeIntervalSince1970))", nodePEM,
            ])
            #expect(verify.status == 0, "\(purpose): \(verify.output) \(verify.errors)")
            #expect(verify.output.contains("OK"))
        }

        // The key files parse, and each key matches its certificate (public halves only are printed)
        for (key, certificate) in [
            (directory.appendingPathComponent("node-key.pem").path, nodePEM),
            (root.appendingPathComponent("ca/ca-key.pem").path, root.appendingPathComponent("ca/ca.pem").path),
        ] {
            let fromKey = try openssl(["pkey", "-in", key, "-pubout"])
            let fromCertificate = try openssl(["x509", "-in", certificate, "-pubkey", "-noout"])
            #expect(fromKey.status == 0, "\(fromKey.errors)")
            #expect(fromKey.output.hasPrefix("-----BEGIN PUBLIC KEY-----"))
            #expect(fromKey.output == fromCertificate.output)
        }
    }

    @Test("OpenSSL refuses a node certificate from another CA")
    func openSSLRejectsAForeignCertificate() throws {
        let root = try PKITestSupport.makeDirectory()
        defer { PKITestSupport.removeDirectory(root) }
        let ca = try ClusterAuthority.create(now: now)
        let other = try ClusterAuthority.create(clusterID: ca.clusterID, now: now)
        let foreign = try other.issueNodeCredentials(nodeID: .random(), nodeName: "intruder", now: now)
        let caPEM = root.appendingPathComponent("ca.pem")
        let nodePEM = root.appendingPathComponent("node.pem")
        try Data(ca.certificatePEM.utf8).write(to: caPEM)
        try Data(foreign.certificatePEM.utf8).write(to: nodePEM)
        let verify = try openssl([
            "verify", "-CAfile", caPEM.path, "-attime", "\(Int(now.timeIntervalSince1970))", nodePEM.path,
        ])
        #expect(verify.status != 0)
    }
}
