/// Recording a complaint from any channel. On a refusal the page comes back
/// with what was typed and the message next to the field concerned.
extension WorkspaceTemplates {
    static let record = #"""
    {{<layout}}
    {{$main}}
    <h1>New complaint</h1>
    {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
    <form method="post" action="/complaints" class="record" novalidate>
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    {{#divisions.hasChoices}}
    <div class="field"><label for="division">Division</label>
    <select id="division" name="division">{{#divisions.options}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/divisions.options}}</select>
    {{#errors.division}}<p class="error" id="division-error">{{errors.division}}</p>{{/errors.division}}</div>
    {{/divisions.hasChoices}}
    <div class="field"><label for="channel">Channel</label>
    <select id="channel" name="channel" required {{#errors.channel}}aria-invalid="true" aria-describedby="channel-error"{{/errors.channel}}>{{#channels}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/channels}}</select>
    {{#errors.channel}}<p class="error" id="channel-error">{{errors.channel}}</p>{{/errors.channel}}</div>
    <div class="field"><label for="complainant_name">Complainant's name</label>
    <input id="complainant_name" name="complainant_name" value="{{values.complainant_name}}" required maxlength="200" autocomplete="off" {{#errors.complainant_name}}aria-invalid="true" aria-describedby="complainant_name-error"{{/errors.complainant_name}}>
    {{#errors.complainant_name}}<p class="error" id="complainant_name-error">{{errors.complainant_name}}</p>{{/errors.complainant_name}}</div>
    <div class="field"><label for="complainant_contact">Contact (email, phone or address)</label>
    <input id="complainant_contact" name="complainant_contact" value="{{values.complainant_contact}}" maxlength="200" autocomplete="off" {{#errors.complainant_contact}}aria-invalid="true" aria-describedby="complainant_contact-error"{{/errors.complainant_contact}}>
    {{#errors.complainant_contact}}<p class="error" id="complainant_contact-error">{{errors.complainant_contact}}</p>{{/errors.complainant_contact}}</div>
    <div class="field"><label for="category">Category</label>
    <select id="category" name="category" required {{#errors.category}}aria-invalid="true" aria-describedby="category-error"{{/errors.category}}>{{#categories}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/categories}}</select>
    {{#errors.category}}<p class="error" id="category-error">{{errors.category}}</p>{{/errors.category}}</div>
    <div class="field"><label for="product">Product or service</label>
    <input id="product" name="product" value="{{values.product}}" maxlength="200" list="products" {{#errors.product}}aria-invalid="true" aria-describedby="product-error"{{/errors.product}}>
    <datalist id="products">{{#products}}<option value="{{value}}">{{label}}</option>{{/products}}</datalist>
    {{#errors.product}}<p class="error" id="product-error">{{errors.product}}</p>{{/errors.product}}</div>
    <div class="field"><label for="severity">Severity</label>
    <select id="severity" name="severity">{{#severities}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/severities}}</select>
    {{#errors.severity}}<p class="error" id="severity-error">{{errors.severity}}</p>{{/errors.severity}}</div>
    <div class="field wide"><label for="description">What happened</label>
    <textarea id="description" name="description" rows="6" required {{#errors.description}}aria-invalid="true" aria-describedby="description-error"{{/errors.description}}>{{values.description}}</textarea>
    {{#errors.description}}<p class="error" id="description-error">{{errors.description}}</p>{{/errors.description}}</div>
    <div class="field"><label for="requested_remedy">Remedy the complainant asks for</label>
    <select id="requested_remedy" name="requested_remedy">{{#remedies}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/remedies}}</select>
    {{#errors.requested_remedy}}<p class="error" id="requested_remedy-error">{{errors.requested_remedy}}</p>{{/errors.requested_remedy}}</div>
    <div class="field"><label for="received_at">Received (if not now; UTC)</label>
    <input id="received_at" name="received_at" type="datetime-local" value="{{values.received_at}}" {{#errors.received_at}}aria-invalid="true" aria-describedby="received_at-error"{{/errors.received_at}}>
    {{#errors.received_at}}<p class="error" id="received_at-error">{{errors.received_at}}</p>{{/errors.received_at}}</div>
    <div class="field actions wide"><button type="submit">Record complaint</button> <a href="/">Cancel</a></div>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
