/// A complaint's page: its fields, each deadline with its time left, the
/// steps this user may take now (each a small form), and the history as a
/// timeline in which internal notes and communications look different.
extension WorkspaceTemplates {
    static let complaint = #"""
    {{<layout}}
    {{$main}}
    <div class="complaint-head">
    <h1>Complaint <span class="id" title="{{c.id}}">{{shortID}}</span></h1>
    <p class="stage">{{c.stage}}{{#reopened}} (reopened {{reopened}}×){{/reopened}} · {{levelName}}{{#c.on_hold}} · <strong class="on-hold">on hold since {{heldSince}}</strong>{{/c.on_hold}}{{#c.personal_data_erased}} · personal data erased{{/c.personal_data_erased}}</p>
    </div>
    <div class="columns">
    <section class="details" aria-labelledby="details-heading">
    <h2 id="details-heading">Details</h2>
    <dl class="fields">
    <dt>Division</dt><dd>{{c.division}}</dd>
    <dt>Received</dt><dd>{{received}} by {{channelLabel}}</dd>
    <dt>Complainant</dt><dd>{{#c.personal_data_erased}}<em>erased</em>{{/c.personal_data_erased}}{{^c.personal_data_erased}}{{c.complainant.name}}{{#c.complainant.contact}}<br>{{c.complainant.contact}}{{/c.complainant.contact}}{{/c.personal_data_erased}}</dd>
    <dt>Category</dt><dd>{{categoryLabel}}</dd>
    <dt>Product</dt><dd>{{c.product}}</dd>
    <dt>Severity</dt><dd>{{c.severity}}</dd>
    <dt>Asks for</dt><dd>{{c.requested_remedy}}</dd>
    <dt>Assignee</dt><dd>{{c.assignee}}{{^c.assignee}}<em>nobody</em>{{/c.assignee}}</dd>
    <dt>Tags</dt><dd>{{#c.tags}}<span class="tag">{{.}}</span> {{/c.tags}}</dd>
    {{#c.decision}}<dt>Decision</dt><dd>{{c.decision}}</dd>{{/c.decision}}
    {{#c.remedy}}<dt>Remedy</dt><dd>{{c.remedy}}</dd>{{/c.remedy}}
    {{#outcomeLabel}}<dt>Outcome</dt><dd>{{outcomeLabel}}</dd>{{/outcomeLabel}}
    {{#c.redress_paid}}<dt>Redress paid</dt><dd>{{amount}} {{currency}}</dd>{{/c.redress_paid}}
    {{#c.root_cause}}<dt>Root cause</dt><dd>{{c.root_cause}}</dd>{{/c.root_cause}}
    {{#c.csat}}<dt>CSAT</dt><dd>{{c.csat}} of 5</dd>{{/c.csat}}
    {{#nps}}<dt>NPS answer</dt><dd>{{nps}} of 10</dd>{{/nps}}
    {{#c.first_contact}}<dt>First contact</dt><dd>resolved at first contact</dd>{{/c.first_contact}}
    {{#c.scheme}}<dt>Referred to</dt><dd>{{c.scheme}}</dd>{{/c.scheme}}
    {{#c.external_ref}}<dt>Reference</dt><dd>{{c.external_ref}}</dd>{{/c.external_ref}}
    <dt>Recorded by</dt><dd>{{createdBy}}</dd>
    </dl>
    <h3>What happened</h3>
    <p class="description">{{#c.personal_data_erased}}<em>erased</em>{{/c.personal_data_erased}}{{^c.personal_data_erased}}{{c.description}}{{/c.personal_data_erased}}</p>
    <h2>Deadlines</h2>
    <table class="deadlines">
    <thead><tr><th scope="col">Promise</th><th scope="col">Due</th><th scope="col">Kept / time left</th></tr></thead>
    <tbody>
    {{#deadlines}}<tr class="{{#overdue}}overdue{{/overdue}}"><th scope="row">{{name}}{{#promise}}<br><small>{{promise}}</small>{{/promise}}</th><td>{{due}}</td><td>{{#keptAt}}kept {{keptAt}}{{/keptAt}}{{#paused}}paused: on hold{{/paused}}{{#timeLeft}}<span class="countdown {{#overdue}}late{{/overdue}}" data-due="{{dueMillis}}">{{timeLeft}}</span>{{/timeLeft}}</td></tr>{{/deadlines}}
    </tbody>
    </table>
    </section>
    <section class="steps" aria-labelledby="steps-heading">
    <h2 id="steps-heading">Steps</h2>
    {{^steps}}<p>No step is open to you on this complaint now.</p>{{/steps}}
    {{#steps}}
    <form method="post" action="/complaints/{{c.id}}/{{name}}" class="step step-{{name}}" id="step-{{name}}">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <input type="hidden" name="revision" value="{{revision}}">
    {{#hasFields}}<fieldset><legend>{{label}}</legend>{{/hasFields}}
    {{#is.respond}}
    <label for="decision">Decision</label><input id="decision" name="decision" value="{{values.decision}}" maxlength="2000" required>
    {{#errors.decision}}<p class="error">{{errors.decision}}</p>{{/errors.decision}}
    <label for="remedy">Remedy</label><select id="remedy" name="remedy">{{#remedies}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/remedies}}</select>
    {{#errors.remedy}}<p class="error">{{errors.remedy}}</p>{{/errors.remedy}}
    <label for="respond-root_cause">Root cause</label><select id="respond-root_cause" name="root_cause">{{#rootCauses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/rootCauses}}</select>
    {{#errors.root_cause}}<p class="error">{{errors.root_cause}}</p>{{/errors.root_cause}}
    <label for="outcome">Outcome</label><select id="outcome" name="outcome" required>{{#outcomes}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/outcomes}}</select>
    {{#errors.outcome}}<p class="error">{{errors.outcome}}</p>{{/errors.outcome}}
    <label for="redress_amount">Redress paid (leave empty if none was agreed; 0 is an amount)</label>
    <span class="money"><input id="redress_amount" name="redress_amount" value="{{values.redress_amount}}" inputmode="decimal" pattern="[0-9]+([.][0-9]{1,3})?" placeholder="50.00">
    <input id="redress_currency" name="redress_currency" value="{{values.redress_currency}}{{^values.redress_currency}}{{currency}}{{/values.redress_currency}}" maxlength="3" size="4" aria-label="Currency (ISO 4217)" placeholder="GBP"></span>
    {{#errors.redress_amount}}<p class="error">{{errors.redress_amount}}</p>{{/errors.redress_amount}}
    {{#errors.redress_currency}}<p class="error">{{errors.redress_currency}}</p>{{/errors.redress_currency}}
    {{/is.respond}}
    {{#is.hold}}
    <label for="reason">Waiting for</label><input id="reason" name="reason" value="{{values.reason}}" maxlength="2000" placeholder="awaiting information from the complainant" required>
    {{#errors.reason}}<p class="error">{{errors.reason}}</p>{{/errors.reason}}
    {{/is.hold}}
    {{#is.close}}
    <label for="csat">Satisfaction (CSAT, 1–5)</label><select id="csat" name="csat">{{#csatOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/csatOptions}}</select>
    {{#errors.csat}}<p class="error">{{errors.csat}}</p>{{/errors.csat}}
    <label for="nps">Would recommend (NPS, 0–10)</label><select id="nps" name="nps">{{#npsOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/npsOptions}}</select>
    {{#errors.nps}}<p class="error">{{errors.nps}}</p>{{/errors.nps}}
    <label class="check"><input type="checkbox" name="first_contact" value="true" {{#values.first_contact}}checked{{/values.first_contact}}> Resolved at first contact</label>
    <label for="close-root_cause">Root cause</label><select id="close-root_cause" name="root_cause">{{#rootCauses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/rootCauses}}</select>
    {{#errors.root_cause}}<p class="error">{{errors.root_cause}}</p>{{/errors.root_cause}}
    {{/is.close}}
    {{#is.refer}}
    <label for="scheme">External scheme (ISO 10003)</label><input id="scheme" name="scheme" value="{{values.scheme}}" maxlength="200" required>
    {{#errors.scheme}}<p class="error">{{errors.scheme}}</p>{{/errors.scheme}}
    {{/is.refer}}
    {{#is.assign}}
    <label for="to">Assign to</label><select id="to" name="to">{{#colleagues}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/colleagues}}</select>
    {{#errors.to}}<p class="error">{{errors.to}}</p>{{/errors.to}}
    {{/is.assign}}
    {{#is.note}}
    {{#hasTemplates}}
    <label for="template">Reply template (used when the text is left empty)</label>
    <select id="template" name="template"><option value="">none</option>{{#templates}}<option value="{{key}}" data-text="{{text}}">{{name}}</option>{{/templates}}</select>
    {{/hasTemplates}}
    <label for="text">Text</label><textarea id="text" name="text" rows="4" required>{{values.text}}</textarea>
    {{#errors.text}}<p class="error">{{errors.text}}</p>{{/errors.text}}
    <label class="check"><input type="checkbox" name="communication" value="true" {{#values.communication}}checked{{/values.communication}}> This is a communication with the complainant (not an internal note)</label>
    {{/is.note}}
    {{#is.tag}}
    <label for="add">Add tags</label><input id="add" name="add" value="{{values.add}}" placeholder="vip, repeat">
    {{#errors.add}}<p class="error">{{errors.add}}</p>{{/errors.add}}
    <label for="remove">Remove tags</label><input id="remove" name="remove" value="{{values.remove}}">
    {{/is.tag}}
    {{#is.erase}}
    <p>Erasing removes the complainant's name, contact, the description and the text of every note, on every node. It cannot be undone.</p>
    <label class="check"><input type="checkbox" name="confirm" value="yes" required> Yes, erase this complainant's personal data</label>
    {{#errors.confirm}}<p class="error">{{errors.confirm}}</p>{{/errors.confirm}}
    {{/is.erase}}
    {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
    <button type="submit" data-key="{{key}}">{{label}}</button>
    {{#hasFields}}</fieldset>{{/hasFields}}
    </form>
    {{/steps}}
    </section>
    </div>
    <section class="timeline" aria-labelledby="history-heading">
    <h2 id="history-heading">History</h2>
    <ol>
    {{#history}}
    <li class="entry {{cssClass}}">
    <p class="meta"><span class="kind">{{kindLabel}}</span> · <time>{{time}}</time> · <span title="{{login}}">{{who}}</span> · on node {{node}}</p>
    {{#change}}<p>{{change}}</p>{{/change}}
    {{#text}}<p class="text">{{text}}</p>{{/text}}
    </li>
    {{/history}}
    </ol>
    </section>
    {{/main}}
    {{/layout}}
    """#
}
