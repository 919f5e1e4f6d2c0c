/// The inbox: queues with counts, filters, the list, paging and bulk actions.
/// The filter form is a GET (a view can be bookmarked); the bulk form a
/// CSRF-protected POST around the rows' check boxes.
extension WorkspaceTemplates {
    static let inbox = #"""
    {{<layout}}
    {{$main}}
    <h1 class="visually-hidden">Inbox</h1>
    <nav class="queues" aria-label="Queues">
    {{#queues}}<a href="{{href}}" {{#current}}aria-current="page"{{/current}} data-queue="{{name}}">{{title}} <span class="count">{{count}}</span></a>{{/queues}}
    </nav>
    <form method="get" action="/" class="filters" role="search">
    <input type="hidden" name="queue" value="{{queue}}">
    <div class="field wide"><label for="q">Search</label><input id="q" name="q" type="search" value="{{filters.q}}" maxlength="200" placeholder="name, contact, description, notes"></div>
    {{#filters.hasDivisions}}
    <div class="field"><label for="division">Division</label><select id="division" name="division">{{#filters.divisions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/filters.divisions}}</select></div>
    {{/filters.hasDivisions}}
    <div class="field"><label for="stage">Stage</label><select id="stage" name="stage">{{#filters.stages}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/filters.stages}}</select></div>
    <div class="field"><label for="category">Category</label><select id="category" name="category">{{#filters.categories}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/filters.categories}}</select></div>
    <div class="field"><label for="channel">Channel</label><select id="channel" name="channel">{{#filters.channels}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/filters.channels}}</select></div>
    <div class="field"><label for="assignee">Assignee</label><input id="assignee" name="assignee" value="{{filters.assignee}}" list="colleagues"></div>
    <div class="field"><label for="from">Received from</label><input id="from" name="from" type="date" value="{{filters.from}}"></div>
    <div class="field"><label for="to">Received to</label><input id="to" name="to" type="date" value="{{filters.to}}"></div>
    <div class="field"><label for="sort">Order</label><select id="sort" name="sort">{{#filters.sorts}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/filters.sorts}}</select></div>
    <div class="field actions"><button type="submit">Show</button> <a href="/?queue={{queue}}">Clear</a></div>
    {{#filterError}}<p class="error" role="alert">{{filterError}}</p>{{/filterError}}
    </form>
    <datalist id="colleagues">{{#colleagues}}<option value="{{value}}">{{label}}</option>{{/colleagues}}</datalist>
    <form method="post" action="/bulk" class="bulk" id="bulk">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <p class="summary">{{summary}}</p>
    {{#hasRows}}
    <fieldset class="bulk-actions"><legend>With the selected complaints</legend>
    <label for="bulk-action">Action</label>
    <select id="bulk-action" name="action"><option value="assign">Assign to</option><option value="acknowledge">Acknowledge</option><option value="tag">Add tags</option></select>
    <label for="bulk-value">Assignee or tags</label><input id="bulk-value" name="value" list="colleagues">
    <button type="submit">Apply</button>
    </fieldset>
    <table class="inbox">
    <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Complaint</th><th scope="col">Complainant</th><th scope="col">Category</th><th scope="col">Stage</th><th scope="col">Assignee</th><th scope="col">Promise</th><th scope="col">Time left</th></tr></thead>
    <tbody>
    {{{rows}}}
    </tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="empty">No complaints here.</p>{{/hasRows}}
    </form>
    <nav class="pages" aria-label="Pages">
    {{#firstHref}}<a href="{{firstHref}}">First page</a>{{/firstHref}}
    {{#nextHref}}<a href="{{nextHref}}" rel="next">Next page</a>{{/nextHref}}
    </nav>
    {{/main}}
    {{/layout}}
    """#
}
