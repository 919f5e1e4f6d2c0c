/// The admin's page for what every division shares: each division's name
/// and promises (ISO 10001), and the taxonomy's entries.
extension WorkspaceTemplates {
    static let reference = #"""
    {{<layout}}
    {{$main}}
    <h1>Promises and taxonomy</h1>
    {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
    <h2 id="promises">Divisions and their promises</h2>
    <table class="accounts">
    <thead><tr><th scope="col">Division</th><th scope="col">Name, acknowledge within (hours), respond within (days)</th></tr></thead>
    <tbody>
    {{#divisions}}
    <tr><td data-label="Division">{{code}}</td>
    <td data-label="Promises">
    <form method="post" action="/admin/divisions" class="inline">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <input type="hidden" name="code" value="{{code}}">
    <label for="name-{{code}}" class="visually-hidden">Name of {{code}}</label><input id="name-{{code}}" name="name" value="{{name}}" maxlength="200">
    <label for="ack-{{code}}" class="visually-hidden">Acknowledge within (hours)</label><input id="ack-{{code}}" name="ack_hours" type="number" min="1" max="8760" value="{{ackHours}}">
    <label for="respond-{{code}}" class="visually-hidden">Respond within (days)</label><input id="respond-{{code}}" name="respond_days" type="number" min="1" max="3650" value="{{respondDays}}">
    <button type="submit">Save</button>
    </form></td></tr>
    {{/divisions}}
    </tbody>
    </table>
    {{#mayAddDivisions}}
    <h3>Add a division</h3>
    <form method="post" action="/admin/divisions" class="record">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <div class="field"><label for="new-code">Code</label><input id="new-code" name="code" required pattern="[a-z0-9-]+"></div>
    <div class="field"><label for="new-name">Name</label><input id="new-name" name="name" required></div>
    <div class="field"><label for="new-ack">Acknowledge within (hours)</label><input id="new-ack" name="ack_hours" type="number" min="1" value="48"></div>
    <div class="field"><label for="new-respond">Respond within (days)</label><input id="new-respond" name="respond_days" type="number" min="1" value="15"></div>
    <div class="field actions"><button type="submit">Add division</button></div>
    </form>
    {{/mayAddDivisions}}
    <h2 id="taxonomy">Taxonomy</h2>
    {{#kinds}}
    <h3>{{title}}</h3>
    <ul class="taxa">
    {{#entries}}<li><code>{{code}}</code> {{label}}
    {{#mayEditTaxonomy}}<form method="post" action="/admin/taxonomy/retire" class="inline">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}"><input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="code" value="{{code}}">
    <button type="submit" class="link">retire</button></form>{{/mayEditTaxonomy}}</li>{{/entries}}
    </ul>
    {{/kinds}}
    {{#mayEditTaxonomy}}
    <h3>Add or relabel an entry</h3>
    <form method="post" action="/admin/taxonomy" class="record">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <div class="field"><label for="kind">Kind</label><select id="kind" name="kind">{{#kindOptions}}<option value="{{value}}">{{label}}</option>{{/kindOptions}}</select></div>
    <div class="field"><label for="code">Code</label><input id="code" name="code" required pattern="[a-z0-9-]+"></div>
    <div class="field"><label for="label">Label</label><input id="label" name="label" required maxlength="120"></div>
    <div class="field actions"><button type="submit">Save entry</button></div>
    </form>
    {{/mayEditTaxonomy}}
    {{/main}}
    {{/layout}}
    """#
}
