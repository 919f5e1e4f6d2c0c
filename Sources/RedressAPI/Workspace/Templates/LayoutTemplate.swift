/// The frame of every workspace page: the header with the signed-in
/// account, the navigation and sign-out, and the keyboard help. Pages fill
/// `{{$main}}` (Mustache template inheritance).
extension WorkspaceTemplates {
    static let layout = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Redress</title>
    <link rel="stylesheet" href="/static/workspace.css">
    <script src="/static/workspace.js" defer></script>
    </head>
    <body data-page="{{page}}">
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
    <nav aria-label="Workspace">
    <a href="/" class="brand">Redress</a>
    {{#frame}}
    {{#handlesComplaints}}<a href="/" {{#onInbox}}aria-current="page"{{/onInbox}}>Inbox</a>{{/handlesComplaints}}
    {{#mayRecord}}<a href="/complaints/new" {{#onNew}}aria-current="page"{{/onNew}}>New complaint</a>{{/mayRecord}}
    {{#mayViewReports}}<a href="{{dashboardLink}}">Dashboard</a>{{/mayViewReports}}
    {{#mayAdminister}}<a href="/admin/accounts" {{#onAdmin}}aria-current="page"{{/onAdmin}}>Accounts</a>{{/mayAdminister}}
    {{#mayEditTemplates}}<a href="/admin/templates" {{#onTemplates}}aria-current="page"{{/onTemplates}}>Reply templates</a>
    <a href="/admin/reference" {{#onReference}}aria-current="page"{{/onReference}}>Promises and taxonomy</a>{{/mayEditTemplates}}
    {{/frame}}
    </nav>
    {{#frame}}
    <div class="who">
    <span title="{{login}}">{{name}}</span> · {{role}} · {{division}}
    <form method="post" action="/signout" class="inline">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <button type="submit" class="link">Sign out</button>
    </form>
    <button type="button" class="link" id="keys-button" hidden aria-controls="keys">Keys (?)</button>
    </div>
    {{/frame}}
    </header>
    <main id="main">
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#warning}}<p class="warning" role="alert">{{warning}}</p>{{/warning}}
    {{$main}}{{/main}}
    </main>
    <div id="keys" class="keys" hidden role="dialog" aria-label="Keyboard shortcuts">
    <h2>Keyboard</h2>
    <dl>
    <dt>j / k</dt><dd>next / previous complaint in the inbox</dd>
    <dt>o or Enter</dt><dd>open the selected complaint</dd>
    <dt>x</dt><dd>select the complaint for a bulk action</dd>
    <dt>/</dt><dd>search</dd>
    <dt>n</dt><dd>record a new complaint</dd>
    <dt>g i</dt><dd>go to the inbox</dd>
    <dt>a</dt><dd>acknowledge (on a complaint's page)</dd>
    <dt>c</dt><dd>write a note or communication</dd>
    <dt>e</dt><dd>escalate</dd>
    <dt>?</dt><dd>show or hide this list</dd>
    <dt>Esc</dt><dd>close this list, leave a field</dd>
    </dl>
    </div>
    </body>
    </html>
    """#
}
