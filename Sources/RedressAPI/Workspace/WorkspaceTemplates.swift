import Foundation
import Mustache

/// The workspace's Mustache templates, compiled once.
///
/// The templates are Swift string constants (one file each under
/// `Templates/`), not resource files: `redress` stays a single binary that
/// a systemd unit can run from anywhere, with no template folder to lose.
/// Every `{{value}}` is escaped for HTML (quotes included) by
/// `TemplateEscaping`. The one unescaped value is the inbox's `{{{rows}}}`,
/// HTML that `InboxRowsHTML` writes with the same escaping of every value;
/// registering any other triple mustache (or `{{&…}}`) fails at once, so no
/// text reaches a page unescaped.
enum WorkspaceTemplates {
    static let library: MustacheLibrary = {
        TemplateEscaping.register()
        var library = MustacheLibrary()
        let templates: [(String, String)] = [
            ("layout", layout), ("error", error), ("inbox", inbox), ("record", record),
            ("complaint", complaint), ("accounts", accounts), ("bulkResult", bulkResult), ("replyTemplates", replyTemplates), ("reference", reference),
        ]
        for (name, text) in templates {
            let unescaped = text.components(separatedBy: "{{{").count - 1 + text.components(separatedBy: "{{&").count - 1
            let allowed = name == "inbox" ? text.components(separatedBy: "{{{rows}}}").count - 1 : 0
            // A programming error that every test run shows at once.
            precondition(unescaped == allowed, "workspace template \(name) has an unescaped value other than the inbox's {{{rows}}}")
            do {
                try library.register(TemplateEscaping.pragma + text, named: name)
            } catch {
                // A template that does not parse is a programming error that every test run shows at once.
                preconditionFailure("workspace template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// Renders `view` with the template `name`.
    static func render(_ view: Any, _ name: String) -> String {
        guard let html = library.render(TemplateValue.make(view), withTemplate: name) else {
            preconditionFailure("no workspace template \(name)")
        }
        return html
    }
}
