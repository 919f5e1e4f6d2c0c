import Foundation
import RedressModel
import RedressTestSupport
import RedressWire
import Testing
@testable @_spi(Testing) import RedressSync

private let opensslPath = "/usr/bin/openssl"

/// The system's OpenSSL as the misbehaving client: a TLS stack that shares no
/// code with the one Redress links (BoringSSL inside swift-nio-ssl).
@Suite("openssl s_client as a misbehaving peer", .enabled(if: FileManager.default.isExecutableFile(atPath: opensslPath)),
       .timeLimit(.minutes(2)), .ownThreads)
struct OpenSSLClientRefusalTests {
    /// Runs `openssl s_client` against `port`, writes `input` to it, and waits until the server closes.
    private func sClient(port: Int, arguments: [String], input: [UInt8]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        // -ign_eof: keep reading after stdin ends, until the server closes the connection.
        process.arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-ign_eof", "-verify_return_error"] + arguments
        let stdin = Pipe(), output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        // Read on a thread of its own: blocking one of Swift concurrency's few
        // threads until the server closes could starve the server itself.
        let text = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            }
        }
        var statuses = exited.stream.makeAsyncIterator()
        let status = await statuses.next() ?? -1
        return (status, text)
    }

    @Test func aClientWithoutACertificateIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), good = try cluster.node("good")
        let files = try cluster.writePEMFiles(for: good)
        try await withServer(server) { listening, log in
            // When OpenSSL connects trusting the CA but presenting no certificate
            let run = try await sClient(port: listening.port, arguments: ["-CAfile", files.ca], input: Array("hello\n".utf8))
            // Then the server aborts the handshake (TLS 1.3: alert "certificate required")
            #expect(run.output.contains("alert"), "\(run.output.suffix(400))")
            guard case .failure(let refusal) = await log.next() else { Issue.record("the server accepted it"); return }
            #expect(refusal.code == .tlsHandshake)
            // And serves a good peer afterwards
            let report = try await good.sync(with: listening)
            #expect(report.isComplete)
        }
    }

    @Test func aClientWithAGoodCertificateSendingGarbageIsRefused() async throws {
        let cluster = try TestCluster()
        let server = try cluster.node("server"), peer = try cluster.node("peer"), good = try cluster.node("good")
        let files = try cluster.writePEMFiles(for: peer)
        try await withServer(server) { listening, log in
            // When OpenSSL completes mutual TLS as a member, then sends text
            let run = try await sClient(port: listening.port,
                                        arguments: ["-CAfile", files.ca, "-cert", files.certificate, "-key", files.key],
                                        input: Array("this is not a sync frame\n".utf8))
            // Then the handshake verified the server ("Verification: OK") and the server refused the bytes
            #expect(run.output.contains("Verification: OK"))
            #expect(run.output.contains("frame"), "the error frame's message names the oversized frame")
            #expect(await log.nextRefusal() == .frameTooLarge)
            let report = try await good.sync(with: listening)
            #expect(report.isComplete)
        }
    }
}
