import Foundation
public import NIOSSL
public import RedressPKI

/// The TLS material of a node: its certificate and key, which it presents as
/// server and as client, and the cluster CA, the only root it trusts.
public struct SyncIdentity: Sendable {
    /// The cluster id (lowercase UUID text); peers of another cluster are refused.
    public var clusterID: String
    public var certificateChain: [NIOSSLCertificate]
    /// Secret: never logged.
    public var privateKey: NIOSSLPrivateKey
    public var trustRoots: [NIOSSLCertificate]

    public init(clusterID: String, certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey, trustRoots: [NIOSSLCertificate]) {
        self.clusterID = clusterID
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.trustRoots = trustRoots
    }

    /// The identity in a node bundle (`redress node add … --out DIR`, read with `NodeBundle.read(from:)`).
    public init(bundle: NodeBundle) throws {
        self.init(clusterID: bundle.clusterID.uuidString.lowercased(),
                  certificateChain: [try NIOSSLCertificate(bytes: Array(bundle.credentials.certificatePEM.utf8), format: .pem)],
                  privateKey: try NIOSSLPrivateKey(bytes: Array(bundle.credentials.privateKeyPEM.utf8), format: .pem),
                  trustRoots: [try NIOSSLCertificate(bytes: Array(bundle.authorityCertificatePEM.utf8), format: .pem)])
    }

    /// The server side: TLS 1.3 only, a client certificate required and
    /// verified against the cluster CA. No hostname check (peers connect
    /// from any address); the node id in the certificate is checked instead.
    /// The CertificateRequest names no CA (NIOSSL's `sendCANameList` stays
    /// off): each node has exactly one certificate, so the list would only
    /// add bytes to every handshake.
    func serverTLSConfiguration(keyExchange: TLSKeyExchange = .default) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        applyClusterSettings(to: &configuration, keyExchange: keyExchange)
        configuration.sendCANameList = false
        return configuration
    }

    /// The client side: TLS 1.3 only, presenting this node's certificate,
    /// trusting only the cluster CA, identifying the server by its node id.
    func clientTLSConfiguration(keyExchange: TLSKeyExchange = .default) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        applyClusterSettings(to: &configuration, keyExchange: keyExchange)
        configuration.certificateChain = certificateChain.map { .certificate($0) }
        configuration.privateKey = .privateKey(privateKey)
        return configuration
    }

    /// What both sides share. Only ECDSA P-256 with SHA-256 is offered and
    /// accepted for handshake signatures: every Redress key, old or new, is
    /// P-256 (`ClusterAuthority`), and one algorithm instead of BoringSSL's
    /// list of nine shortens both the ClientHello and the CertificateRequest.
    private func applyClusterSettings(to configuration: inout TLSConfiguration, keyExchange: TLSKeyExchange) {
        configuration.minimumTLSVersion = .tlsv13
        configuration.curves = keyExchange.groups
        configuration.signingSignatureAlgorithms = [.ecdsaSecp256R1Sha256]
        configuration.verifySignatureAlgorithms = [.ecdsaSecp256R1Sha256]
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates(trustRoots)
    }
}
