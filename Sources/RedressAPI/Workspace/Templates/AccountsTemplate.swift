/// The admin's accounts page: every account, a form to add one, and for
/// each a password reset and deactivation (which is final, as in the CLI).
extension WorkspaceTemplates {
    static let accounts = #"""
    {{<layout}}
    {{$main}}
    <h1>Accounts</h1>
    {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
    <table class="accounts">
    <thead><tr><th scope="col">Login</th><th scope="col">Name</th><th scope="col">Division</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Password</th><th scope="col"><span class="visually-hidden">Deactivate</span></th></tr></thead>
    <tbody>
    {{#accounts}}
    <tr>
    <td data-label="Login">{{login}}</td><td data-label="Name">{{name}}</td><td data-label="Division">{{division}}</td><td data-label="Role">{{role}}</td>
    <td data-label="State">{{#active}}active{{/active}}{{^active}}deactivated{{/active}}</td>
    <td data-label="Password">{{#active}}
    <form method="post" action="/admin/accounts/{{login}}/password" class="inline">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <label for="password-{{login}}" class="visually-hidden">New password for {{login}}</label>
    <input id="password-{{login}}" name="password" type="password" autocomplete="new-password" minlength="{{passwordMin}}" required>
    <button type="submit">Reset</button>
    </form>{{/active}}</td>
    <td>{{#active}}{{^isSelf}}
    <form method="post" action="/admin/accounts/{{login}}/deactivate" class="inline">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <label class="check"><input type="checkbox" name="confirm" value="yes" required> sure</label>
    <button type="submit">Deactivate</button>
    </form>{{/isSelf}}{{/active}}</td>
    </tr>
    {{/accounts}}
    </tbody>
    </table>
    <h2>Add an account</h2>
    <form method="post" action="/admin/accounts" class="record">
    <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
    <div class="field"><label for="login">Login</label><input id="login" name="login" value="{{values.login}}" required autocomplete="off">
    {{#errors.login}}<p class="error">{{errors.login}}</p>{{/errors.login}}</div>
    <div class="field"><label for="name">Name</label><input id="name" name="name" value="{{values.name}}" required>
    {{#errors.name}}<p class="error">{{errors.name}}</p>{{/errors.name}}</div>
    <div class="field"><label for="division">Division</label><select id="division" name="division">{{#divisions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/divisions}}</select>
    {{#errors.division}}<p class="error">{{errors.division}}</p>{{/errors.division}}</div>
    <div class="field"><label for="role">Role</label><select id="role" name="role">{{#roles}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/roles}}</select>
    {{#errors.role}}<p class="error">{{errors.role}}</p>{{/errors.role}}</div>
    <div class="field"><label for="password">Password (at least {{passwordMin}} characters)</label><input id="password" name="password" type="password" autocomplete="new-password" required>
    {{#errors.password}}<p class="error">{{errors.password}}</p>{{/errors.password}}</div>
    <div class="field actions wide"><button type="submit">Add account</button></div>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
