/// The admin's page for what every division shares: each division's name
/// and promises (ISO 10001), the taxonomy's entries, and who changed them.
extension WorkspaceTemplates {
    static let reference = #"""
    {{<layout}}
    {{$main}}
    <h1>Promises and taxonomy</h1>
    {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
    <h2 id="promises">Divisions and their promises</h2>
    <p>Promises take a number and a unit: hours, days, weeks, working hours or working days ("2 working days", "8 weeks").
    Working time counts in the division's working days and hours, in its time zone, without its public holidays.
    A change applies to complaints received from then on.</p>
    {{#divisions}}
    <form method="post" action="/admin/divisions" class="record division" id="division-{{code}}">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <input type="hidden" name="code" value="{{code}}">
    <fieldset><legend>{{code}}</legend>
    <div class="field"><label for="name-{{code}}">Name</label><input id="name-{{code}}" name="name" value="{{name}}" maxlength="200"></div>
    <div class="field"><label for="ack-{{code}}">Acknowledge within</label><input id="ack-{{code}}" name="acknowledge" value="{{acknowledge}}"></div>
    <div class="field"><label for="respond-{{code}}">Respond within</label><input id="respond-{{code}}" name="respond" value="{{respond}}"></div>
    <div class="field"><label for="sup-{{code}}">At supervisor level, respond within</label><input id="sup-{{code}}" name="supervisor_respond" value="{{supervisor_respond}}" placeholder="no promise"></div>
    <div class="field"><label for="mgmt-{{code}}">At management level, respond within</label><input id="mgmt-{{code}}" name="management_respond" value="{{management_respond}}" placeholder="no promise"></div>
    <div class="field"><label for="tz-{{code}}">Time zone</label><input id="tz-{{code}}" name="time_zone" value="{{time_zone}}"></div>
    <div class="field"><label for="days-{{code}}">Working days</label><input id="days-{{code}}" name="working_days" value="{{working_days}}"></div>
    <div class="field"><label for="hours-{{code}}">Working hours</label><input id="hours-{{code}}" name="working_hours" value="{{working_hours}}"></div>
    <div class="field"><label for="hol-{{code}}">Public holidays</label><output id="hol-{{code}}">{{#holidays}}{{.}} {{/holidays}}{{^holidays}}none{{/holidays}}</output></div>
    <div class="field"><label for="hol-add-{{code}}">Add holidays (YYYY-MM-DD, comma-separated)</label><input id="hol-add-{{code}}" name="holidays_add"></div>
    <div class="field"><label for="hol-remove-{{code}}">Remove holidays</label><input id="hol-remove-{{code}}" name="holidays_remove"></div>
    <div class="field actions"><button type="submit">Save {{code}}</button></div>
    </fieldset>
    </form>
    {{/divisions}}
    {{#mayAddDivisions}}
    <h3>Add a division</h3>
    <form method="post" action="/admin/divisions" class="record">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <div class="field"><label for="new-code">Code</label><input id="new-code" name="code" required pattern="[a-z0-9-]+"></div>
    <div class="field"><label for="new-name">Name</label><input id="new-name" name="name" required></div>
    <div class="field"><label for="new-ack">Acknowledge within</label><input id="new-ack" name="acknowledge" value="48 hours"></div>
    <div class="field"><label for="new-respond">Respond within</label><input id="new-respond" name="respond" value="15 days"></div>
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
    <h2 id="changes">Recent changes</h2>
    {{#hasChanges}}
    <table class="changes">
    <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Change</th></tr></thead>
    <tbody>
    {{#changes}}<tr><td><time datetime="{{at}}">{{at}}</time></td><td>{{user}}</td><td><code>{{subject}}</code></td><td>{{summary}}</td></tr>
    {{/changes}}
    </tbody>
    </table>
    {{/hasChanges}}
    {{^hasChanges}}<p>No changes recorded yet.</p>{{/hasChanges}}
    {{/main}}
    {{/layout}}
    """#
}
