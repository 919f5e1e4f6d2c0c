/// What a bulk action did: how many complaints it changed, and each refusal with its reason.
extension WorkspaceTemplates {
    static let bulkResult = #"""
    {{<layout}}
    {{$main}}
    <h1>{{heading}}</h1>
    <p>{{summary}}</p>
    {{#hasRefusals}}
    <h2>Not changed</h2>
    <ul class="refusals">{{#refusals}}<li><a href="/complaints/{{id}}">{{shortID}}</a>: {{reason}}</li>{{/refusals}}</ul>
    {{/hasRefusals}}
    <p><a href="/">Back to the inbox</a></p>
    {{/main}}
    {{/layout}}
    """#
}
