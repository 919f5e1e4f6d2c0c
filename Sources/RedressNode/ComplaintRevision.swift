import Crypto
import Foundation
import RedressKeys
public import RedressModel

/// A short fingerprint of a complaint as a reader saw it: its fields, tags
/// and history. A form carries the revision of the page it was on, so that
/// after a step the node can say that someone else (another user, or a
/// peer's sync) changed the complaint in between. Nothing is refused for
/// it: the step merges with the other change as every change does.
///
/// A SHA-256 over a canonical text, not Swift's `Hasher`, so the revision
/// of a page opened before the node restarted still matches after.
public enum ComplaintRevision {
    public static func of(_ complaint: Complaint) -> String {
        var text = complaint.id.description
        for value in complaint.values { text += "\u{1F}\(value)" }
        text += "\u{1E}" + complaint.tags.joined(separator: "\u{1F}")
        for entry in complaint.history {
            text += "\u{1E}\(entry.node).\(entry.counter).\(entry.event.text ?? "")"
        }
        return Data.hexText(of: SHA256.hash(data: Data(text.utf8)).prefix(8))
    }
}
