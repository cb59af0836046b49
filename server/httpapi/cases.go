package httpapi

import (
	"context"
	"net/http"
	"time"

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/cases"
	"portal/server/portal"
)

// caseToAPI is a case's clock and outcome as people read it.
func (s *Server) caseToAPI(ctx context.Context, app portal.Application, v *cases.View, viewer portal.Actor) *api.CaseInfo {
	c := v.Case
	out := &api.CaseInfo{AcceptedAt: c.AcceptedAt, AcceptedOn: c.AcceptedOn, AcceptedBy: s.userName(ctx, c.AcceptedBy),
		Handling: string(c.Handling), LegalDays: c.LegalDays, PromisedDays: c.PromisedDays, DueDate: v.DueDate,
		DaysLeft: v.DaysLeft, Warning: v.Warning, PausedDays: v.PausedDays, Pauses: []api.Pause{}, PendingDue: c.PendingDue,
		CompletedAt: c.CompletedAt, CompletedOn: c.CompletedOn, Outcome: c.Outcome, Reason: c.Reason}
	for _, p := range v.Pauses {
		out.Pauses = append(out.Pauses, api.Pause{Kind: p.Kind, Note: p.Note, StartedOn: p.StartedOn, EndedOn: p.EndedOn, Days: p.Days})
	}
	if len(c.PendingMaterials) > 0 {
		status := map[string]string{}
		for _, m := range app.Materials {
			status[m.MaterialID] = m.Status
		}
		names := map[string]string{}
		if item, err := s.DB.Item(ctx, app.ItemCode); err == nil {
			for _, m := range item.Materials {
				names[m.ID] = m.Name
			}
		}
		for _, id := range c.PendingMaterials {
			out.Pending = append(out.Pending, api.PendingMaterial{MaterialID: id, Name: names[id], Supplied: status[id] != portal.MatPending})
		}
	}
	if c.CompletedOn != "" && c.Outcome != portal.OutcomeTerminated {
		onTime := c.CompletedOn <= v.DueDate
		out.OnTime = &onTime
	}
	if e := v.Evaluation; e != nil {
		out.Evaluation = &api.Evaluation{Level: e.Level, Comment: e.Comment, Channel: e.Channel, CreatedAt: e.CreatedAt}
	}
	out.CanEvaluate = app.Status == portal.AppCompleted && v.Evaluation == nil && viewer.UserID == app.UserID
	return out
}

func (s *Server) userName(ctx context.Context, id string) string {
	if u, err := s.DB.UserByID(ctx, id); err == nil {
		return u.Name
	}
	return id
}

func (s *Server) listCases(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	items, yellow, red, err := s.Cases.List(r.Context(), a, r.URL.Query().Get("view"))
	if err != nil {
		return err
	}
	sites, depts, err := s.placeNames(r.Context())
	if err != nil {
		return err
	}
	out := api.CaseList{Cases: make([]api.Application, 0, len(items)), Yellow: yellow, Red: red}
	for _, it := range items {
		row := it.Row
		x := api.Application{ID: row.App.ID, CaseNo: row.App.CaseNo, Status: row.App.Status, Version: row.App.Version,
			ItemCode: row.App.ItemCode, ItemName: row.Item, SiteCode: row.App.SiteCode, SiteName: sites[row.App.SiteCode],
			DepartmentCode: row.App.DepartmentCode, DepartmentName: depts[row.App.DepartmentCode],
			Applicant: row.Name + " " + accounts.MaskPhone(row.Phone), CreatedAt: row.App.CreatedAt, SubmittedAt: row.App.SubmittedAt,
			Materials: []api.AppMaterial{}}
		if it.View != nil {
			x.Case = s.caseToAPI(r.Context(), row.App, it.View, a)
		}
		out.Cases = append(out.Cases, x)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// placeNames maps site and department codes to their names, for lists.
func (s *Server) placeNames(ctx context.Context) (sites, depts map[string]string, err error) {
	sites, depts = map[string]string{}, map[string]string{}
	ss, err := s.DB.ListSites(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range ss {
		sites[x.Code] = x.Name
	}
	ds, err := s.DB.ListDepartments(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range ds {
		depts[x.Code] = x.Name
	}
	return sites, depts, nil
}

// caseStep answers a step of a case: decode the request, take the step, answer the
// application as it is now.
func caseStep[T any](s *Server, w http.ResponseWriter, r *http.Request,
	step func(ctx context.Context, a portal.Actor, id string, req T) (portal.Application, error)) error {
	var req T
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	app, err := step(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req)
	if err != nil {
		return err
	}
	return s.writeCurrent(w, r, app.ID)
}

func (s *Server) acceptCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.AcceptRequest) (portal.Application, error) {
		return s.Cases.Accept(ctx, a, id, req.Version, req.Pending, req.PendingDue, req.Note, req.CompleteNow)
	})
}

func (s *Server) refuseCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.RefuseRequest) (portal.Application, error) {
		return s.Cases.Refuse(ctx, a, id, req.Version, req.Reason)
	})
}

func (s *Server) startCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.CaseStepRequest) (portal.Application, error) {
		return s.Cases.Start(ctx, a, id, req.Version, req.Note)
	})
}

func (s *Server) pauseCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.PauseRequest) (portal.Application, error) {
		return s.Cases.Pause(ctx, a, id, req.Version, req.Kind, req.Note)
	})
}

func (s *Server) resumeCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.CaseStepRequest) (portal.Application, error) {
		return s.Cases.Resume(ctx, a, id, req.Version, req.Note)
	})
}

func (s *Server) completeCase(w http.ResponseWriter, r *http.Request) error {
	return caseStep(s, w, r, func(ctx context.Context, a portal.Actor, id string, req api.CompleteRequest) (portal.Application, error) {
		return s.Cases.Complete(ctx, a, id, req.Version, req.Outcome, req.Reason)
	})
}

// publicCase answers the public progress query. Its own per-IP limit (shared with notice
// verification) is what stops enumeration of case numbers.
func (s *Server) publicCase(w http.ResponseWriter, r *http.Request) error {
	if !s.limits.publicIP.Allow(clientIP(r)) {
		return portal.Errorf(portal.ERateLimited, "public lookup limit")
	}
	q := r.URL.Query()
	p, err := s.Cases.PublicProgress(r.Context(), r.PathValue("case_no"), q.Get("phone_last4"), q.Get("code"))
	if err != nil {
		return err
	}
	out := api.PublicCase{CaseNo: p.App.CaseNo, Item: p.Item, Department: p.Department, Site: p.Site, Status: p.App.Status,
		Steps: make([]api.PublicStep, 0, len(p.Steps))}
	for _, st := range p.Steps {
		out.Steps = append(out.Steps, api.PublicStep{Action: st.Action, On: st.On})
	}
	if v := p.View; v != nil {
		out.AcceptedOn, out.DueDate, out.DaysLeft = v.Case.AcceptedOn, v.DueDate, v.DaysLeft
		out.Paused = p.App.Status == portal.AppPaused
		out.CompletedOn, out.Outcome = v.Case.CompletedOn, v.Case.Outcome
	}
	// Progress changes; a shared cache must not keep one person's answer.
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) evaluateCase(w http.ResponseWriter, r *http.Request) error {
	return s.evaluation(w, r, s.Cases.Evaluate)
}

func (s *Server) evaluateAtWindow(w http.ResponseWriter, r *http.Request) error {
	return s.evaluation(w, r, s.Cases.EvaluateAtWindow)
}

// evaluation records a rating through rate (online, or on the counter's device).
func (s *Server) evaluation(w http.ResponseWriter, r *http.Request,
	rate func(ctx context.Context, a portal.Actor, id string, level int, comment string) (portal.Evaluation, error)) error {
	var req api.EvaluationRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	e, err := rate(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Level, req.Comment)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.Evaluation{Level: e.Level, Comment: e.Comment, Channel: e.Channel, CreatedAt: e.CreatedAt})
	return nil
}

func (s *Server) lastCompleted(w http.ResponseWriter, r *http.Request) error {
	app, err := s.Cases.LastCompleted(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, app)
}

func (s *Server) rectificationToAPI(ctx context.Context, x portal.Rectification) api.Rectification {
	out := api.Rectification{ID: x.ID, ApplicationID: x.ApplicationID, CaseNo: x.CaseNo, DepartmentCode: x.DepartmentCode,
		Level: x.Level, Comment: x.Comment, Status: x.Status, DueDate: x.DueDate, Overdue: s.Cases.Overdue(x), CreatedAt: x.CreatedAt,
		CallbackNote: x.CallbackNote, CallbackAt: x.CallbackAt, Measures: x.Measures, ClosedAt: x.ClosedAt}
	if x.CallbackBy != "" {
		out.CallbackBy = s.userName(ctx, x.CallbackBy)
	}
	if item, err := s.DB.Item(ctx, x.ItemCode); err == nil {
		out.ItemName, out.DepartmentName = item.Name, item.DepartmentName
	}
	return out
}

func (s *Server) rectifications(w http.ResponseWriter, r *http.Request) error {
	status := r.URL.Query().Get("status")
	switch status {
	case "", "open", "closed":
	case "all":
		status = ""
	default:
		return portal.FieldError("status", "field.oneof")
	}
	// The counts are over all the caller's tasks, whatever the list shows.
	all, err := s.Cases.Rectifications(r.Context(), actorFrom(r.Context()), "")
	if err != nil {
		return err
	}
	out := api.RectificationList{Rectifications: []api.Rectification{}}
	for _, x := range all {
		if x.Status == "open" {
			out.Open++
		}
		if s.Cases.Overdue(x) {
			out.Overdue++
		}
		if status == "" || x.Status == status {
			out.Rectifications = append(out.Rectifications, s.rectificationToAPI(r.Context(), x))
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) callback(w http.ResponseWriter, r *http.Request) error {
	var req api.CallbackRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	x, err := s.Cases.Callback(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Note)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.rectificationToAPI(r.Context(), x))
	return nil
}

func (s *Server) closeRectification(w http.ResponseWriter, r *http.Request) error {
	var req api.CloseRectificationRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	x, err := s.Cases.CloseRectification(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Measures)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.rectificationToAPI(r.Context(), x))
	return nil
}

func (s *Server) ticketToAPI(ctx context.Context, t portal.Ticket, viewer portal.Actor) api.Ticket {
	out := api.Ticket{ID: t.ID, Kind: t.Kind, Subject: t.Subject, Status: t.Status, DepartmentCode: t.DepartmentCode,
		Mine: t.OwnerID != "" && t.OwnerID == viewer.UserID, CreatedAt: t.CreatedAt, ClaimedAt: t.ClaimedAt,
		FirstReplyAt: t.FirstReplyAt, ClosedAt: t.ClosedAt}
	if t.ApplicationID != "" {
		if app, err := s.DB.Application(ctx, t.ApplicationID); err == nil {
			out.CaseNo = app.CaseNo
		}
	}
	if t.DepartmentCode != "" {
		if _, depts, err := s.placeNames(ctx); err == nil {
			out.DepartmentName = depts[t.DepartmentCode]
		}
	}
	if t.OwnerID != "" {
		out.Owner = s.userName(ctx, t.OwnerID)
	}
	applicant := ""
	if viewer.UserID != t.UserID {
		if u, err := s.DB.UserByID(ctx, t.UserID); err == nil {
			applicant = u.Name + " " + accounts.MaskPhone(u.Phone)
		}
		out.Applicant = applicant
	}
	if t.FirstReplyAt != nil {
		m := int(t.FirstReplyAt.Sub(t.CreatedAt) / time.Minute)
		out.ResponseMinutes = &m
	}
	for _, m := range t.Messages {
		author := s.userName(ctx, m.AuthorID)
		if m.FromApplicant && viewer.UserID != t.UserID {
			author = applicant
		}
		out.Messages = append(out.Messages, api.TicketMessage{Author: author, FromApplicant: m.FromApplicant, Body: m.Body, At: m.At})
	}
	return out
}

func (s *Server) openTicket(w http.ResponseWriter, r *http.Request) error {
	var req api.TicketRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	a := actorFrom(r.Context())
	t, err := s.Tickets.Open(r.Context(), a, req.Kind, req.Subject, req.Body, req.CaseNo, req.DepartmentCode)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, s.ticketToAPI(r.Context(), t, a))
	return nil
}

func (s *Server) listTickets(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	list, err := s.Tickets.List(r.Context(), a)
	if err != nil {
		return err
	}
	// status=open: nobody owns them yet; mine: the caller owns them; all (default).
	keep := func(portal.Ticket) bool { return true }
	switch r.URL.Query().Get("status") {
	case "", "all":
	case "open":
		keep = func(t portal.Ticket) bool { return t.Status == portal.TicketOpen }
	case "mine":
		keep = func(t portal.Ticket) bool { return t.OwnerID == a.UserID }
	default:
		return portal.FieldError("status", "field.oneof")
	}
	out := api.TicketList{Tickets: make([]api.Ticket, 0, len(list))}
	for _, t := range list {
		if !keep(t) {
			continue
		}
		x := s.ticketToAPI(r.Context(), t, a)
		x.Messages = nil // the list shows subjects; the ticket page shows the conversation
		out.Tickets = append(out.Tickets, x)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// ticketStep answers a ticket endpoint: take the step, then answer the ticket as it is now.
func (s *Server) ticketStep(w http.ResponseWriter, r *http.Request,
	step func(ctx context.Context, a portal.Actor, id string) (portal.Ticket, error)) error {
	a := actorFrom(r.Context())
	t, err := step(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.ticketToAPI(r.Context(), t, a))
	return nil
}

func (s *Server) ticket(w http.ResponseWriter, r *http.Request) error {
	return s.ticketStep(w, r, s.Tickets.Get)
}

func (s *Server) claimTicket(w http.ResponseWriter, r *http.Request) error {
	return s.ticketStep(w, r, s.Tickets.Claim)
}

func (s *Server) closeTicket(w http.ResponseWriter, r *http.Request) error {
	return s.ticketStep(w, r, s.Tickets.Close)
}

func (s *Server) replyTicket(w http.ResponseWriter, r *http.Request) error {
	var req api.MessageRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	return s.ticketStep(w, r, func(ctx context.Context, a portal.Actor, id string) (portal.Ticket, error) {
		return s.Tickets.Reply(ctx, a, id, req.Body)
	})
}
