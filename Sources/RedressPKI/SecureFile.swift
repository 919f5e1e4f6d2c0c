public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
// `stat` comes from <sys/stat.h>, which CoreFoundation (below Foundation) and
// CDispatch (below Dispatch) include too. Which module the compiler credits
// with it varies between builds (it did between a debug and a release build),
// and under MemberImportVisibility its fields are usable only where that
// module is imported: importing every candidate makes every build agree.
public import CoreFoundation
import CDispatch
#endif

/// The few file operations the PKI needs, done with POSIX calls because the
/// permission of a private key must be right from the moment the file exists.
///
/// Foundation's `Data.write` and `FileManager.createFile(attributes:)` create
/// the file with the umask's permissions and fix them afterwards, which
/// leaves a window in which another user could open the key. Here the file is
/// created with `O_CREAT | O_EXCL` and its final mode, and never overwritten:
/// replacing a CA key or a node key by accident is worse than refusing.
package enum SecureFile {
    /// Mode of private key files: owner read/write only.
    package static let privateFileMode: mode_t = 0o600
    /// Mode of certificates and metadata: public, but only the owner writes.
    package static let publicFileMode: mode_t = 0o644
    /// Mode of directories this module creates.
    package static let privateDirectoryMode: mode_t = 0o700

    private static let typeMask: UInt32 = 0o170000
    private static let directoryType: UInt32 = 0o040000
    private static let regularType: UInt32 = 0o100000

    /// Makes sure `directory` exists; any directory created here (parents
    /// included) is owner-only. An existing directory is left as it is: it
    /// may be a folder the operator chose deliberately.
    package static func ensureDirectory(_ directory: URL) throws {
        let path = directory.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard UInt32(info.st_mode) & typeMask == directoryType else {
                throw PKIError.notADirectory(path: path)
            }
            return
        }
        guard errno == ENOENT else {
            throw PKIError.fileSystem(path: path, operation: "inspect directory", errno: errno)
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path != path && !parent.path.isEmpty {
            try ensureDirectory(parent)
        }
        if mkdir(path, privateDirectoryMode) != 0 && errno != EEXIST {
            throw PKIError.fileSystem(path: path, operation: "create directory", errno: errno)
        }
        // mkdir's mode is filtered by the umask; set it exactly.
        if chmod(path, privateDirectoryMode) != 0 {
            throw PKIError.fileSystem(path: path, operation: "set permissions of", errno: errno)
        }
    }

    package static func exists(_ file: URL) -> Bool {
        var info = stat()
        return lstat(file.path, &info) == 0
    }

    /// Creates `file` with exactly `mode` and writes `contents`; throws
    /// `PKIError.fileExists` rather than replacing an existing file.
    package static func create(_ file: URL, contents: [UInt8], mode: mode_t) throws {
        let path = file.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw PKIError.fileExists(path: path) }
            throw PKIError.fileSystem(path: path, operation: "create", errno: errno)
        }
        var succeeded = false
        defer {
            close(descriptor)
            if !succeeded { unlink(path) }
        }
        // open's mode is filtered by the umask; set it exactly.
        guard fchmod(descriptor, mode) == 0 else {
            throw PKIError.fileSystem(path: path, operation: "set permissions of", errno: errno)
        }
        var written = 0
        while written < contents.count {
            let result = contents.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw PKIError.fileSystem(path: path, operation: "write", errno: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            throw PKIError.fileSystem(path: path, operation: "flush", errno: errno)
        }
        succeeded = true
    }

    /// Reads a whole file. With `secret`, refuses (like ssh) a file that
    /// group or others may access, or that belongs to another user.
    package static func load(_ file: URL, secret: Bool) throws -> [UInt8] {
        let path = file.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw PKIError.fileMissing(path: path) }
            throw PKIError.fileSystem(path: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw PKIError.fileSystem(path: path, operation: "inspect", errno: errno)
        }
        let mode = UInt32(info.st_mode)
        guard mode & typeMask == regularType else {
            throw PKIError.notARegularFile(path: path)
        }
        if secret {
            let owner = UInt32(info.st_uid)
            guard owner == UInt32(geteuid()) || owner == 0 else {
                throw PKIError.keyOwnedByAnotherUser(path: path, owner: owner)
            }
            guard mode & 0o077 == 0 else {
                throw PKIError.keyPermissionsTooOpen(path: path, mode: mode & 0o7777)
            }
        }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress!, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw PKIError.fileSystem(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
        }
        return contents
    }

    /// Reads a text file (PEM or JSON) as UTF-8.
    package static func loadText(_ file: URL, secret: Bool) throws -> String {
        String(decoding: try load(file, secret: secret), as: UTF8.self)
    }
}
