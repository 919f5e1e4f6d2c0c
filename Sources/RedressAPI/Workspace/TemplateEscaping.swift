import Mustache
import RedressReports

/// The escaping of every `{{value}}` in the workspace's templates:
/// `HTMLEscaping`, the rule the dashboard and the report's HTML use,
/// instead of Mustache's own HTML escaping. Mustache's compares
/// `Character`s, so a quote followed by a combining mark (one grapheme)
/// reached an attribute value unescaped, and it rebuilt every value
/// character by character (about a fifth of an inbox page's time in `bench web`'s profile).
///
/// Mustache chooses the escaping by a `CONTENT_TYPE` pragma;
/// `WorkspaceTemplates` puts `pragma` at the start of every template it
/// registers, so no template can be registered without it.
struct TemplateEscaping: MustacheContentType {
    static let name = "REDRESS_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    /// Registers the content type with Mustache (once; `WorkspaceTemplates.library` calls it).
    static func register() {
        MustacheContentTypes.register(TemplateEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}
