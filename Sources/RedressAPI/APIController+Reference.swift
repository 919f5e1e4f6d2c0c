import Foundation
import Hummingbird
import RedressDashboard
import RedressModel
import RedressNode

/// `/api/v1/taxonomy` and `/api/v1/reference-history`: the shared taxonomy,
/// as `redress taxonomy` lists and edits it, and who changed the reference
/// data (divisions and taxonomy), as `redress division history` shows it.
extension APIController {
    struct TaxonJSON: Encodable {
        var kind: String
        var code: String
        var label: String
    }

    /// Every live entry, by kind: reference data, for any signed-in account.
    @Sendable func taxonomy(_ request: Request, context: NodeRequestContext) async throws -> Response {
        _ = try context.requireAccount()
        let entries = try await Blocking.run { [node] in
            try APIError.mapping {
                var entries: [String: [TaxonJSON]] = [:]
                for kind in Taxonomy.Kind.allCases {
                    entries[kind.rawValue] = try node.taxonomy(kind).map { TaxonJSON(kind: kind.rawValue, code: $0.code, label: $0.label) }
                }
                return entries
            }
        }
        return try Response.json(entries)
    }

    /// Adds an entry or relabels it (`redress taxonomy add`).
    @Sendable func saveTaxon(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let kind = try Self.taxonomyKind(context), code = try context.parameters.require("code")
        let body = try await JSONBody.read(request, context: context)
        try body.refuseUnknown(["label"], in: "taxonomy entry")
        let label = try body.string("label", required: true) ?? ""
        let stored = try await Blocking.run { [node] in try APIError.mapping { try node.saveTaxon(kind, code: code, label: label, by: actor) } }
        return try Response.json(TaxonJSON(kind: kind.rawValue, code: code, label: stored))
    }

    /// Retires an entry (`redress taxonomy retire`): no new complaint may use it.
    @Sendable func retireTaxon(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        let kind = try Self.taxonomyKind(context), code = try context.parameters.require("code")
        try await Blocking.run { [node] in try APIError.mapping { try node.retireTaxon(kind, code: code, by: actor) } }
        return Response(status: .noContent)
    }

    /// Who changed which division or taxonomy entry, newest first (admins).
    @Sendable func referenceHistory(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let actor = try context.requireAccount()
        var subject: String?, limit = 200
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "subject": subject = String(value)
            case "limit":
                guard let value = Int(String(value)) else { throw APIError(.invalidInput, "limit must be a whole number from 1 to 1000", field: "limit") }
                limit = value
            default: throw APIError(.invalidInput, "unknown parameter \"\(key)\"; known: limit, subject", field: String(key))
            }
        }
        let changes = try await Blocking.run { [node, subject, limit] in
            try APIError.mapping { try node.referenceHistory(under: subject, limit: limit, by: actor) }
        }
        return try Response.json(changes.map(ReferenceChangeJSON.init))
    }

    private static func taxonomyKind(_ context: NodeRequestContext) throws -> Taxonomy.Kind {
        let text = try context.parameters.require("kind")
        guard let kind = Taxonomy.Kind(rawValue: text) else {
            throw APIError(.notFound, "no taxonomy kind \"\(text)\"; kinds: \(Taxonomy.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}
