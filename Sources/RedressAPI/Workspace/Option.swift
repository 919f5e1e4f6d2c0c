import Mustache

/// One choice of a `<select>`: Mustache sections need the selection as data.
struct Option {
    let value: String
    let label: String
    let selected: Bool

    /// `choices` with the one whose value is `selected` marked; a leading
    /// empty choice labelled `none` when given.
    static func list(_ choices: [(value: String, label: String)], selected: String?, none: String? = nil) -> [Option] {
        var options = none.map { [Option(value: "", label: $0, selected: selected == nil || selected == "")] } ?? []
        options += choices.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        return options
    }
}

/// Pages list dozens of choices: looked up directly (see `TemplateValue`).
extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
