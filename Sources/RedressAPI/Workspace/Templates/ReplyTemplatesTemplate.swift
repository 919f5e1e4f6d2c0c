/// The admin's reply templates page: a division's templates, a form to add
/// or rewrite one (same name: rewritten), and retiring one.
extension WorkspaceTemplates {
    static let replyTemplates = #"""
    {{<layout}}
    {{$main}}
    <h1>Reply templates</h1>
    <form method="get" action="/admin/templates" class="filters">
    <div class="field"><label for="division">Division</label><select id="division" name="division">{{#divisions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/divisions}}</select></div>
    <div class="field actions"><button type="submit">Show</button></div>
    </form>
    {{^hasTemplates}}<p class="empty">This division has no reply templates yet.</p>{{/hasTemplates}}
    {{#templates}}
    <section class="template">
    <h2>{{name}}</h2>
    <p class="description">{{text}}</p>
    <form method="post" action="/admin/templates/retire" class="inline">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <input type="hidden" name="key" value="{{key}}">
    <input type="hidden" name="division" value="{{division}}">
    <button type="submit">Retire</button>
    </form>
    </section>
    {{/templates}}
    <h2>Add or rewrite a template</h2>
    {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
    <form method="post" action="/admin/templates" class="record">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <input type="hidden" name="division" value="{{division}}">
    <div class="field"><label for="name">Name</label><input id="name" name="name" value="{{values.name}}" maxlength="80" required>
    {{#errors.name}}<p class="error">{{errors.name}}</p>{{/errors.name}}</div>
    <div class="field wide"><label for="text">Text</label><textarea id="text" name="text" rows="6" required>{{values.text}}</textarea>
    {{#errors.text}}<p class="error">{{errors.text}}</p>{{/errors.text}}</div>
    <div class="field actions wide"><button type="submit">Save template</button></div>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
