package pages

import (
	"context"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Login signs a person in with a mobile number (applicants) or a staff login.
type Login struct {
	base
	next            string // where to go once signed in (?next=), a path of this site
	login, password string
	errText         string
	fields          map[string]string
	busy            bool
}

func (l *Login) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if l.busy {
		return
	}
	l.fields = map[string]string{}
	if strings.TrimSpace(l.login) == "" {
		l.fields["login"] = l.t("field.required")
	}
	if l.password == "" {
		l.fields["password"] = l.t("field.required")
	}
	if len(l.fields) > 0 {
		l.errText = l.t("form.fix_errors")
		return
	}
	l.busy, l.errText = true, ""
	login, pw := strings.TrimSpace(l.login), l.password
	ctx.Async(func() {
		u, err := remote().Login(context.Background(), login, pw)
		ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if err != nil {
				l.errText, l.fields = l.errorText(err), fieldErrors(err)
				return
			}
			l.password = ""
			setUser(ctx, &u)
			ctx.Navigate(afterSignIn(l.next))
		})
	})
}

// OnNav reads where to continue after signing in.
func (l *Login) OnNav(ctx app.Context) {
	l.next = safeNext(ctx.Page().URL().Query().Get("next"))
}

// afterSignIn is where a person lands once signed in: where they were going, else their
// start page.
func afterSignIn(next string) string {
	if next == "" {
		return "/home"
	}
	return next
}

func (l *Login) Render() app.UI {
	register := "/register"
	if l.next != "" {
		register += "?next=" + url.QueryEscape(l.next)
	}
	return l.frame(tabMine, l.t("login.title"),
		app.If(l.next != "", func() app.UI {
			return app.P().Class("notice-block notice-info").ID("login-next").Text(l.t("login.to_continue"))
		}),
		app.Form().Class("form narrow").ID("login-form").OnSubmit(l.submit).Attr("novalidate", true).Body(
			app.If(l.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").ID("login-error").Text(l.errText) }),
			field("login", l.t("login.login"), l.t("login.login_hint"), l.fields["login"],
				textInput(&l.Compo, "login", "text", &l.login, l.fields["login"], "username", true).Attr("autocapitalize", "off")),
			field("password", l.t("login.password"), "", l.fields["password"],
				textInput(&l.Compo, "password", "password", &l.password, l.fields["password"], "current-password", false)),
			app.Button().Type("submit").Class("btn btn-primary btn-block").ID("login-submit").Disabled(l.busy).
				Text(l.t(map[bool]string{true: "login.busy", false: "login.submit"}[l.busy])),
			app.P().Class("center").Body(
				app.Text(l.t("login.no_account")+" "),
				app.A().Href(register).ID("register-link").Text(l.t("login.register")),
			),
		),
	)
}

// Register creates an applicant account with a mobile number.
type Register struct {
	base
	next                           string
	phone, name, password, confirm string
	errText                        string
	fields                         map[string]string
	busy                           bool
}

func (r *Register) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if r.busy {
		return
	}
	r.fields = map[string]string{}
	if r.confirm != r.password {
		r.fields["confirm"] = r.t("field.confirm")
	}
	if len(r.fields) > 0 {
		r.errText = r.t("form.fix_errors")
		return
	}
	r.busy, r.errText = true, ""
	req := api.RegisterRequest{Phone: strings.TrimSpace(r.phone), Name: strings.TrimSpace(r.name), Password: r.password}
	ctx.Async(func() {
		c := context.Background()
		err := remote().Register(c, req)
		var u api.User
		if err == nil {
			u, err = remote().Login(c, req.Phone, req.Password)
		}
		ctx.Dispatch(func(ctx app.Context) {
			r.busy = false
			if err != nil {
				r.errText, r.fields = r.errorText(err), fieldErrors(err)
				return
			}
			r.password, r.confirm = "", ""
			setUser(ctx, &u)
			ctx.Navigate(afterSignIn(r.next))
		})
	})
}

// OnNav reads where to continue after registering.
func (r *Register) OnNav(ctx app.Context) {
	r.next = safeNext(ctx.Page().URL().Query().Get("next"))
}

func (r *Register) Render() app.UI {
	return r.frame(tabMine, r.t("register.title"),
		app.Form().Class("form narrow").ID("register-form").OnSubmit(r.submit).Attr("novalidate", true).Body(
			app.If(r.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").ID("register-error").Text(r.errText) }),
			field("phone", r.t("register.phone"), r.t("register.phone_hint"), r.fields["phone"],
				textInput(&r.Compo, "phone", "tel", &r.phone, r.fields["phone"], "tel", true).Attr("inputmode", "numeric").Attr("maxlength", 11)),
			field("name", r.t("register.name"), "", r.fields["name"],
				textInput(&r.Compo, "name", "text", &r.name, r.fields["name"], "name", false)),
			field("password", r.t("register.password"), r.t("register.password_hint"), r.fields["password"],
				textInput(&r.Compo, "password", "password", &r.password, r.fields["password"], "new-password", true)),
			field("confirm", r.t("register.confirm"), "", r.fields["confirm"],
				textInput(&r.Compo, "confirm", "password", &r.confirm, r.fields["confirm"], "new-password", false)),
			app.Button().Type("submit").Class("btn btn-primary btn-block").ID("register-submit").Disabled(r.busy).
				Text(r.t(map[bool]string{true: "register.busy", false: "register.submit"}[r.busy])),
			app.P().Class("center").Body(
				app.Text(r.t("register.have_account")+" "),
				app.A().Href(map[bool]string{true: loginFor(r.next), false: "/login"}[r.next != ""]).Text(r.t("nav.login")),
			),
		),
	)
}
