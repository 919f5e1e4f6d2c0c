import Foundation
import Testing

/// The key-exchange setting on the command line (`--tls-key-exchange` on
/// `serve` and `sync`) and in the configuration file (`tls_key_exchange`).
/// That every pairing of settings syncs is tested in RedressSyncTests.
@Suite struct TLSKeyExchangeOptionTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-kex-\(UUID().uuidString)")
    var cli: CLIRunner { CLIRunner(dataDir: folder.appendingPathComponent("node")) }

    func config(_ json: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("redress-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url
    }

    @Test func bothSettingsAreAcceptedByFlagAndFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for setting in ["x25519", "x25519-mlkem768"] {
            let flag = try cli.run(["serve", "--demo", "--once", "--no-sample-data", "--tls-key-exchange", setting])
            #expect(flag.status == 0, "\(setting): \(flag.stderr)")
            let file = try cli.run(["serve", "--demo", "--once", "--config", try config(#"{"tls_key_exchange": "\#(setting)"}"#).path])
            #expect(file.status == 0, "\(setting): \(file.stderr)")
        }
    }

    @Test func anUnknownSettingIsRefusedWithTheChoices() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let flag = try cli.run(["sync", "--peer", "127.0.0.1:1", "--tls-key-exchange", "kyber"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("x25519-mlkem768"), "\(flag.stderr)")
        let file = try cli.run(["serve", "--demo", "--once", "--config", try config(#"{"tls_key_exchange": "X25519MLKEM768"}"#).path])
        #expect(file.status != 0)
        #expect(file.stderr.contains("tls_key_exchange") && file.stderr.contains("x25519, x25519-mlkem768"), "\(file.stderr)")
    }

    @Test func theHelpNamesTheSettingAndItsDefault() throws {
        for command in ["serve", "sync"] {
            let help = try cli.run([command, "--help"])
            #expect(help.stdout.contains("--tls-key-exchange"), "\(command)")
            #expect(help.stdout.contains("post-quantum"), "\(command)")
        }
    }
}
