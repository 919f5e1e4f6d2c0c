import Mustache

/// A view model as the templates read it: each struct's stored properties in
/// a dictionary, made with one `Mirror` pass when the page is rendered.
///
/// Mustache finds a name by walking its context stack and, for a plain Swift
/// value, builds a `Mirror` and scans its children at every level of every
/// lookup: with fifty inbox rows that was most of a page's time (`bench
/// web`). A `MustacheParent` answers each lookup with one hash lookup instead.
/// Values keep their meaning for Mustache: `nil` properties are absent
/// (falsy), arrays stay sections, `Bool`s stay flags.
struct TemplateValue: MustacheParent {
    let children: [String: Any]

    func child(named name: String) -> Any? { children[name] }

    /// `value` with every struct inside it (properties, array elements,
    /// dictionary values) turned into a `TemplateValue`.
    static func make(_ value: Any) -> Any {
        // The hot values of a page (a choice) answer lookups themselves; the
        // inbox's rows are written out already (`InboxRowsHTML`).
        if value is any MustacheParent || value is any MustacheCustomRenderable { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return Optional<Any>.none as Any }
            return make(wrapped)
        case .struct, .class:
            var children: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let converted = make(child.value)
                if case Optional<Any>.none = converted { continue }
                children[label] = converted
            }
            return TemplateValue(children: children)
        case .collection:
            return mirror.children.map { make($0.value) }
        default:
            return value
        }
    }
}
