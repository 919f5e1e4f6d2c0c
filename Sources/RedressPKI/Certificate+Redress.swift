import Foundation
import SwiftASN1
import X509

/// Small conversions the PKI types share.
extension Certificate {
    /// Parses one PEM certificate; `path` only names the source in errors.
    static func redressParse(pem: String, path: String?) throws -> Certificate {
        do {
            return try Certificate(pemEncoded: pem)
        } catch {
            throw PKIError.invalidPEM(path: path, expected: "an X.509 certificate")
        }
    }

    /// The DER encoding, which is what TLS libraries hand out for a peer.
    func redressDER() throws -> [UInt8] {
        var serializer = DER.Serializer()
        do {
            try serializer.serialize(self)
        } catch {
            throw PKIError.invalidCertificate(reason: "cannot encode as DER (\(error))")
        }
        return serializer.serializedBytes
    }

    /// The PEM text (`-----BEGIN CERTIFICATE-----`).
    func redressPEM() throws -> String {
        do {
            return try serializeAsPEM().pemString
        } catch {
            throw PKIError.invalidCertificate(reason: "cannot encode as PEM (\(error))")
        }
    }

    /// The serial number as lowercase hex, two digits per byte and no
    /// separators, so that it compares as text (X509's own `description`
    /// drops leading zeros of each byte, which is ambiguous).
    var redressSerialHex: String {
        serialNumber.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The text of every subject attribute of the given type, in order.
    func redressSubjectValues(_ type: ASN1ObjectIdentifier) -> [String] {
        subject.flatMap { rdn in
            rdn.compactMap { attribute in
                attribute.type == type ? String(attribute.value) : nil
            }
        }
    }

    /// Whether `issuerCertificate`'s key signed this certificate and its
    /// subject is this certificate's issuer: the one-link chain check that
    /// tells "issued by this CA" without judging validity dates.
    func redressIsIssued(by issuerCertificate: Certificate) -> Bool {
        issuer == issuerCertificate.subject
            && issuerCertificate.publicKey.isValidSignature(signature, for: self)
    }
}
