package pages

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// AdminUsers lists accounts and creates staff, chief, agent, supervisor and admin accounts.
type AdminUsers struct {
	base
	users       []api.User
	departments []api.Department
	sites       []api.Site
	in          api.CreateUserRequest
	fields      map[string]string
	errText     string
	okText      string
	busy        bool
}

func (a *AdminUsers) OnMount(ctx app.Context) {
	a.mountBase(ctx)
	a.in.Role = "staff"
	ctx.ObserveState(stateUser, &a.user).OnChange(func() { a.load(ctx) })
	a.load(ctx)
}

func (a *AdminUsers) load(ctx app.Context) {
	if a.user == nil {
		return
	}
	ctx.Async(func() {
		c := context.Background()
		var list api.UserList
		err := remote().Do(c, "GET", "/admin/users", nil, &list)
		deps, _ := catalog().Departments(c)
		sites, _ := catalog().Sites(c)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.users, a.departments, a.sites = list.Users, deps, sites
			if a.in.DepartmentCode == "" && len(deps) > 0 {
				a.in.DepartmentCode = deps[0].Code
			}
			if a.in.SiteCode == "" && len(sites) > 0 {
				a.in.SiteCode = sites[0].Code
			}
		})
	})
}

func (a *AdminUsers) create(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.busy {
		return
	}
	a.busy, a.errText, a.okText, a.fields = true, "", "", nil
	in := a.in
	ctx.Async(func() {
		var u api.User
		err := remote().Do(context.Background(), "POST", "/admin/users", in, &u)
		ctx.Dispatch(func(ctx app.Context) {
			a.busy = false
			if err != nil {
				a.errText, a.fields = a.errorText(err), fieldErrors(err)
				return
			}
			a.okText = a.t("users.created", u.Name, u.Login)
			a.in.Login, a.in.Password, a.in.Name, a.in.Phone = "", "", "", ""
			clearInputs("u-login", "u-password", "u-name")
			a.load(ctx)
		})
	})
}

func (a *AdminUsers) Render() app.UI {
	if a.user == nil {
		return a.frame("admin-users", a.t("nav.admin_users"), signInFirst(&a.base))
	}
	opt := func(v, label, cur string) app.UI { return app.Option().Value(v).Selected(v == cur).Text(label) }
	return a.frame("admin-users", a.t("nav.admin_users"),
		app.Section().Class("panel").Body(
			app.H2().Text(a.t("users.new")),
			// Always there, so a message does not shift (and remount) the form: see AdminItem.
			app.Div().Body(
				app.If(a.okText != "", func() app.UI { return app.P().Class("form-ok").Role("status").Text(a.okText) }),
				app.If(a.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").Text(a.errText) }),
			),
			app.Form().Class("form").ID("user-form").OnSubmit(a.create).Attr("novalidate", true).Body(
				field("u-login", a.t("users.login"), a.t("users.login_hint"), a.fields["login"],
					textInput(&a.Compo, "u-login", "text", &a.in.Login, a.fields["login"], "off", true)),
				field("u-name", a.t("register.name"), "", a.fields["name"],
					textInput(&a.Compo, "u-name", "text", &a.in.Name, a.fields["name"], "off", false)),
				field("u-password", a.t("users.password"), a.t("register.password_hint"), a.fields["password"],
					textInput(&a.Compo, "u-password", "password", &a.in.Password, a.fields["password"], "new-password", true)),
				field("u-role", a.t("users.role"), "", a.fields["role"],
					app.Select().ID("u-role").Class("input").OnChange(a.ValueTo(&a.in.Role)).Body(
						opt("staff", a.t("role.staff"), a.in.Role),
						opt("chief", a.t("role.chief"), a.in.Role),
						opt("agent", a.t("role.agent"), a.in.Role),
						opt("supervisor", a.t("role.supervisor"), a.in.Role),
						opt("admin", a.t("role.admin"), a.in.Role),
					)),
				field("u-department", a.t("admin.col_department"), "", a.fields["department_code"],
					app.Select().ID("u-department").Class("input").OnChange(a.ValueTo(&a.in.DepartmentCode)).Body(
						app.Range(a.departments).Slice(func(i int) app.UI {
							return opt(a.departments[i].Code, a.departments[i].Name, a.in.DepartmentCode)
						}),
					)),
				field("u-site", a.t("catalog.site"), "", a.fields["site_code"],
					app.Select().ID("u-site").Class("input").OnChange(a.ValueTo(&a.in.SiteCode)).Body(
						app.Range(a.sites).Slice(func(i int) app.UI { return opt(a.sites[i].Code, a.sites[i].Name, a.in.SiteCode) }),
					)),
				app.Button().Type("submit").Class("btn btn-primary").ID("create-user").Disabled(a.busy).Text(a.t("users.create")),
			),
		),
		app.Section().Class("panel").Body(
			app.H2().Text(a.t("users.list")),
			app.Div().Class("table-wrap").Body(app.Table().Class("table").Body(
				app.Caption().Class("visually-hidden").Text(a.t("users.list")),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text(a.t("users.login")),
					app.Th().Scope("col").Text(a.t("register.name")),
					app.Th().Scope("col").Text(a.t("users.role")),
					app.Th().Scope("col").Text(a.t("admin.col_department")),
				)),
				app.TBody().Body(app.Range(a.users).Slice(func(i int) app.UI {
					u := a.users[i]
					return app.Tr().Body(
						app.Td().Class("mono").Text(u.Login),
						app.Td().Text(u.Name),
						app.Td().Text(a.t("role."+u.Role)),
						app.Td().Text(u.DepartmentCode+" "+u.SiteCode),
					)
				})),
			)),
		),
	)
}
