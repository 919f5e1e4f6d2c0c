import Foundation
import RedressAPI
import RedressNode
import RedressTestSupport
import Testing

/// The real listener on 127.0.0.1: a taken port, and HTTPS.
@Suite(.ownThreads) struct NodeHTTPServerTests {
    @Test func aTakenPortIsAClearError() async throws {
        let api = try APIFixture(accounts: false)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let first = try NodeHTTPServer(node: api.node, host: "127.0.0.1", port: 0, tls: nil)
        let running = Task { try await first.run { port in continuation.yield(port) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let second = try NodeHTTPServer(node: api.node, host: "127.0.0.1", port: port, tls: nil)
        await #expect {
            try await second.run()
        } throws: { error in
            guard case .cannotListen(let address, _) = error as? HTTPServerError else { return false }
            return address == "127.0.0.1:\(port)" && "\(error)".contains("--http HOST:PORT") && "\(error)".contains("Address already in use")
        }
    }

    @Test func itServesHTTPSWithTheGivenCertificateAndRefusesPlainHTTPThere() async throws {
        let api = try APIFixture(accounts: false)
        let folder = api.fixture.folder.url
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let made = try await Self.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                   "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"])
        #expect(made.status == 0, "\(made.output)")
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try NodeHTTPServer(node: api.node, host: "127.0.0.1", port: 0, tls: .init(certificatePath: cert, keyPath: key))
        let running = Task { try await server.run { port in continuation.yield(port) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let tls = try await Self.run("/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-quiet", "-verify_quiet"],
                               input: "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        #expect(tls.output.contains("HTTP/1.1 200") && tls.output.contains("ok"), "\(tls.output)")
        // Plain HTTP to the HTTPS port gets no HTTP answer.
        let plain = try await Self.plainRequest(port: port)
        #expect(!plain.contains("HTTP/1.1 200"))
    }

    /// Runs a program to its end on a thread of its own: waiting for it on one of
    /// Swift concurrency's few threads could starve the server it talks to.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, input: input) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], input: String?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Sends a plaintext HTTP request and reads whatever comes back until the server closes.
    static func plainRequest(port: Int) async throws -> String {
        let result = try await run("/usr/bin/timeout", ["5", "/bin/bash", "-c",
            "exec 3<>/dev/tcp/127.0.0.1/\(port); printf 'GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' >&3; cat <&3"])
        return result.output
    }
}
