import Foundation
public import RedressModel
import SwiftASN1
public import X509

/// How a node's id is written in, and read from, its certificate.
///
/// The id is a subject-alternative-name URI `urn:redress:node:<uuid>` with the
/// UUID in canonical lowercase form. A SAN URI rather than the common name
/// because the CN is a free-form, human-chosen node name, while the URI is
/// typed, has one syntax, and is covered by the CA's signature like any SAN.
///
/// Reading is strict so that every reader agrees on which node a certificate
/// names: exactly one URI may start with the prefix (compared
/// case-insensitively, as URN namespace ids are), and it must be exactly the
/// prefix followed by a lowercase UUID. Anything else is refused.
public enum NodeIdentity {
    /// The URI prefix; the node id's canonical text follows it.
    public static let uriPrefix = "urn:redress:node:"

    /// The SAN URI that names `nodeID`.
    public static func uri(for nodeID: NodeID) -> String {
        uriPrefix + nodeID.description
    }

    /// The node id carried by a DER-encoded certificate, e.g. the verified
    /// peer certificate NIOSSL hands out (`NIOSSLCertificate.toDERBytes()`).
    ///
    /// This reads the identity only: it does not verify the certificate,
    /// which the TLS handshake (trusting the cluster CA) must have done.
    public static func nodeID(fromCertificateDER der: [UInt8]) throws -> NodeID {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw PKIError.invalidCertificate(reason: "DER does not decode (\(error))")
        }
        return try nodeID(from: certificate)
    }

    /// The node id carried by `certificate`; throws `PKIError.missingNodeIdentity`,
    /// `.malformedNodeIdentity` or `.ambiguousNodeIdentity`.
    public static func nodeID(from certificate: Certificate) throws -> NodeID {
        let names: SubjectAlternativeNames?
        do {
            names = try certificate.extensions.subjectAlternativeNames
        } catch {
            throw PKIError.invalidCertificate(reason: "subject alternative names do not decode (\(error))")
        }
        let candidates = (names ?? SubjectAlternativeNames()).compactMap { name -> String? in
            guard case .uniformResourceIdentifier(let uri) = name,
                uri.lowercased().hasPrefix(uriPrefix)
            else { return nil }
            return uri
        }
        guard let uri = candidates.first else { throw PKIError.missingNodeIdentity }
        guard candidates.count == 1 else { throw PKIError.ambiguousNodeIdentity(count: candidates.count) }
        guard let nodeID = nodeID(fromURI: uri) else { throw PKIError.malformedNodeIdentity(uri: uri) }
        return nodeID
    }

    /// Parses `urn:redress:node:<lowercase uuid>` exactly; `nil` otherwise.
    public static func nodeID(fromURI uri: String) -> NodeID? {
        guard uri.hasPrefix(uriPrefix) else { return nil }
        let text = String(uri.dropFirst(uriPrefix.count))
        guard let nodeID = NodeID(text), nodeID.description == text else { return nil }
        return nodeID
    }
}
