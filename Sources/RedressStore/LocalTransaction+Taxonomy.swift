public import RedressModel

/// The shared taxonomy, edited: an entry added or relabelled, or retired.
extension LocalTransaction {
    /// Adds the entry `code` of `kind` or changes its label. A retired entry
    /// stays retired (the flag is monotone, so that nodes agree): its code
    /// cannot be brought back, only a new one added. Returns the label as
    /// stored (trimmed).
    @discardableResult
    public func saveTaxon(_ kind: Taxonomy.Kind, code: String, label: String) throws -> String {
        try Validation.code(code, field: "code")
        guard let label = try Validation.text(label, field: "label", required: true, maxLength: 120) else { throw StoreError.missingField("label") }
        let key = Taxonomy.key(kind, code)
        let schema = RecordSchema.taxon
        let earlier = try record(.taxon, key: key)
        if let earlier, (earlier[TaxonField.retired].integer ?? 0) != 0 {
            throw StoreError.invalidValue(field: "code", value: code, reason: "this \(kind.rawValue) was retired and cannot return; choose another code")
        }
        try write(key: key, [TaxonField.kind: .text(kind.rawValue), .code: .text(code), .label: .text(label)])
        let earlierLabel = earlier?[TaxonField.label].text
        try noteReferenceChange(.taxon(kind, code), earlier == nil ? ["added as \"\(label)\""]
                                    : earlierLabel == label ? [] : ["label: \(earlierLabel ?? "none") → \(label)"])
        return label
    }

    /// Retires the entry: new complaints and steps can no longer use it; complaints that did keep it.
    public func retireTaxon(_ kind: Taxonomy.Kind, code: String) throws {
        guard let earlier = try record(.taxon, key: Taxonomy.key(kind, code)) else {
            throw StoreError.invalidValue(field: "code", value: code, reason: "no \(kind.rawValue) has this code")
        }
        try write(key: Taxonomy.key(kind, code), [TaxonField.retired: 1])
        let wasRetired = (earlier[TaxonField.retired].integer ?? 0) != 0
        try noteReferenceChange(.taxon(kind, code), wasRetired ? [] : ["retired"])
    }

    /// A complaint's product is open text (imports name thousands), but the
    /// code of a retired product entry is refused, as a retired category is.
    func refuseRetiredProduct(_ product: String) throws {
        guard let values = try record(.taxon, key: Taxonomy.key(.product, product)),
              (values[TaxonField.retired].integer ?? 0) != 0 else { return }
        throw StoreError.invalidValue(field: "product", value: product, reason: "this product was retired; choose a current one")
    }
}
