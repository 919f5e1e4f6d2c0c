/// A refusal or failure shown as a page, in plain words.
extension WorkspaceTemplates {
    static let error = #"""
    {{<layout}}
    {{$main}}
    <h1>{{heading}}</h1>
    <p>{{message}}</p>
    <p><a href="/">Back to the inbox</a></p>
    {{/main}}
    {{/layout}}
    """#
}
