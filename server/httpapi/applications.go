package httpapi

import (
	"context"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/skip2/go-qrcode"

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/portal"
	"portal/server/prereview"
)

func (s *Server) createApplication(w http.ResponseWriter, r *http.Request) error {
	var req api.CreateApplicationRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	app, _, err := s.PreReview.Create(r.Context(), actorFrom(r.Context()), req.ItemCode, req.SiteCode)
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusCreated, app)
}

// writeCurrent answers with an application as it is now, with its materials: a state
// change returns the application row only.
func (s *Server) writeCurrent(w http.ResponseWriter, r *http.Request, id string) error {
	full, err := s.DB.Application(r.Context(), id)
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, full)
}

func (s *Server) writeApplication(w http.ResponseWriter, r *http.Request, status int, app portal.Application) error {
	out, err := s.applicationToAPI(r.Context(), app, actorFrom(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, status, out)
	return nil
}

// applicationToAPI adds what people read: names of the item, site, department and
// materials, and, for staff, who applied (phone masked) and whether a file came from the
// locker (verified when and by whom).
func (s *Server) applicationToAPI(ctx context.Context, app portal.Application, viewer portal.Actor) (api.Application, error) {
	out := api.Application{ID: app.ID, CaseNo: app.CaseNo, Status: app.Status, Version: app.Version, ItemCode: app.ItemCode,
		SiteCode: app.SiteCode, DepartmentCode: app.DepartmentCode, CreatedAt: app.CreatedAt, SubmittedAt: app.SubmittedAt,
		NoticeID: app.NoticeID, Materials: []api.AppMaterial{}}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return out, err
	}
	out.ItemName, out.DepartmentName = item.Name, item.DepartmentName
	if sites, err := s.DB.ListSites(ctx); err == nil {
		for _, st := range sites {
			if st.Code == app.SiteCode {
				out.SiteName = st.Name
			}
		}
	}
	if viewer.UserID != app.UserID {
		if u, err := s.DB.UserByID(ctx, app.UserID); err == nil {
			out.Applicant = u.Name + " " + accounts.MaskPhone(u.Phone)
		}
	}
	if app.SubmittedAt != nil && app.Status == portal.AppPreReview {
		out.WaitingMinutes = int(time.Since(*app.SubmittedAt).Minutes())
	}
	defs := map[string]portal.Material{}
	for _, m := range item.Materials {
		defs[m.ID] = m
	}
	for _, am := range app.Materials {
		m := defs[am.MaterialID]
		formats := m.Formats
		if formats == nil {
			formats = []string{}
		}
		x := api.AppMaterial{MaterialID: am.MaterialID, Name: m.Name, Required: m.Required, Formats: formats, MaxBytes: m.MaxBytes,
			Notes: m.Notes, TypeCode: m.TypeCode, Status: am.Status, Filename: am.Filename, ContentType: am.ContentType,
			Size: am.Size, SHA256: am.SHA256, UploadedAt: am.UploadedAt, Reason: am.Reason}
		if m.Name == "" {
			x.Name = am.MaterialID // a material the item no longer asks for
		}
		if am.LockerID != "" {
			if e, err := s.DB.LockerEntry(ctx, am.LockerID); err == nil {
				info := &api.LockerInfo{VerifiedAt: e.VerifiedAt, VerifiedBy: e.VerifiedBy}
				if u, err := s.DB.UserByID(ctx, e.VerifiedBy); err == nil {
					info.VerifiedBy = u.Name
				}
				if src, err := s.DB.Application(ctx, e.SourceApplicationID); err == nil {
					info.CaseNo = src.CaseNo
				}
				x.FromLocker = info
			}
		}
		out.Materials = append(out.Materials, x)
	}
	if s.Cases != nil {
		out.MayDecide = s.Cases.MayDecide(ctx, viewer, app)
		v, err := s.Cases.ViewOf(ctx, app)
		if err != nil {
			return out, err
		}
		if v != nil {
			out.Case = s.caseToAPI(ctx, app, v, viewer)
		}
	}
	return out, nil
}

func (s *Server) myApplications(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	list, err := s.PreReview.Mine(r.Context(), a)
	if err != nil {
		return err
	}
	return s.writeApplications(w, r, list)
}

func (s *Server) writeApplications(w http.ResponseWriter, r *http.Request, list []portal.Application) error {
	out := api.ApplicationList{Applications: make([]api.Application, 0, len(list))}
	for _, app := range list {
		full, err := s.DB.Application(r.Context(), app.ID)
		if err != nil {
			return err
		}
		x, err := s.applicationToAPI(r.Context(), full, actorFrom(r.Context()))
		if err != nil {
			return err
		}
		out.Applications = append(out.Applications, x)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) application(w http.ResponseWriter, r *http.Request) error {
	app, err := s.PreReview.Get(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, app)
}

func (s *Server) applicationEvents(w http.ResponseWriter, r *http.Request) error {
	events, err := s.PreReview.Events(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := api.AppEventList{Events: make([]api.AppEvent, 0, len(events))}
	for _, e := range events {
		actor := e.ActorID
		if u, err := s.DB.UserByID(r.Context(), e.ActorID); err == nil {
			actor = u.Name
		}
		out.Events = append(out.Events, api.AppEvent{Action: e.Action, From: e.From, To: e.To, Actor: actor, Role: e.ActorRole, Note: e.Note, At: e.At})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) startUpload(w http.ResponseWriter, r *http.Request) error {
	var req api.UploadRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	u, form, err := s.PreReview.StartUpload(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("material_id"),
		req.Filename, req.ContentType, req.Size)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.UploadForm{UploadID: u.ID, URL: form.URL, Method: form.Method, Fields: form.Fields, ExpiresAt: form.ExpiresAt})
	return nil
}

func (s *Server) completeUpload(w http.ResponseWriter, r *http.Request) error {
	app, err := s.PreReview.CompleteUpload(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("material_id"), r.PathValue("upload_id"))
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, app)
}

func (s *Server) removeMaterial(w http.ResponseWriter, r *http.Request) error {
	app, err := s.PreReview.Remove(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("material_id"))
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, app)
}

func (s *Server) reuseMaterial(w http.ResponseWriter, r *http.Request) error {
	var req api.ReuseRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	app, err := s.PreReview.Reuse(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("material_id"), req.LockerID)
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, http.StatusOK, app)
}

func (s *Server) downloadMaterial(w http.ResponseWriter, r *http.Request) error {
	url, err := s.PreReview.Download(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("material_id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Download{URL: url, ExpiresAt: time.Now().Add(prereview.DownloadTTL)})
	return nil
}

func (s *Server) submitApplication(w http.ResponseWriter, r *http.Request) error {
	app, err := s.PreReview.Submit(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.writeCurrent(w, r, app.ID)
}

func (s *Server) withdrawApplication(w http.ResponseWriter, r *http.Request) error {
	var req api.WithdrawRequest
	if r.ContentLength != 0 {
		if err := s.decode(w, r, &req); err != nil {
			return err
		}
	}
	app, err := s.PreReview.Withdraw(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Note)
	if err != nil {
		return err
	}
	return s.writeCurrent(w, r, app.ID)
}

func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) error {
	list, err := s.PreReview.Queue(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	return s.writeApplications(w, r, list)
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request) error {
	var req api.DecisionRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	var verdicts []prereview.Verdict
	for _, m := range req.Materials {
		verdicts = append(verdicts, prereview.Verdict{MaterialID: m.MaterialID, OK: m.Verdict == "ok", Reason: m.Reason})
	}
	app, notice, err := s.PreReview.Decide(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Decision, verdicts, req.Note, req.Version)
	if err != nil {
		return err
	}
	out, err := s.applicationToAPI(r.Context(), app, actorFrom(r.Context()))
	if err != nil {
		return err
	}
	n, err := noticeToAPI(notice, origin(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.Decision{Application: out, Notice: n})
	return nil
}

// noticeToAPI shows a notice; origin, when given, puts the QR code of its verification
// page (an absolute address a phone camera can open) on it.
func noticeToAPI(n portal.Notice, origin string) (api.Notice, error) {
	out := api.Notice{ID: n.ID, Code: n.Code, Kind: n.Kind, CaseNo: n.Body.CaseNo, Item: n.Body.Item, Department: n.Body.Department,
		Site: n.Body.Site, Applicant: n.Body.Applicant, Note: n.Body.Note, DueDate: n.Body.DueDate, Outcome: n.Body.Outcome, PendingDue: n.Body.PendingDue, IssuedOn: n.Body.IssuedOn, IssuedAt: n.IssuedAt,
		VerifyPath: "/verify/" + n.Code, Lines: []api.NoticeLine{}}
	for _, l := range n.Body.Lines {
		out.Lines = append(out.Lines, api.NoticeLine{Material: l.Material, Reason: l.Reason})
	}
	if origin != "" {
		png, err := qrcode.Encode(origin+out.VerifyPath, qrcode.Medium, 256)
		if err != nil {
			return out, err
		}
		out.QRPNG = base64.StdEncoding.EncodeToString(png)
	}
	return out, nil
}

// origin is the address people reach the portal at, as the request shows it (a proxy in
// front passes X-Forwarded-Proto for the scheme).
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) notice(w http.ResponseWriter, r *http.Request) error {
	n, err := s.PreReview.Notice(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out, err := noticeToAPI(n, origin(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) applicationNotices(w http.ResponseWriter, r *http.Request) error {
	list, err := s.PreReview.Notices(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := api.NoticeList{Notices: make([]api.Notice, 0, len(list))}
	for _, n := range list {
		x, err := noticeToAPI(n, "")
		if err != nil {
			return err
		}
		out.Notices = append(out.Notices, x)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// verifyNotice is public: anyone holding a notice may check what the genuine one says.
func (s *Server) verifyNotice(w http.ResponseWriter, r *http.Request) error {
	if !s.limits.publicIP.Allow(clientIP(r)) {
		return portal.Errorf(portal.ERateLimited, "verify rate limit")
	}
	n, err := s.PreReview.VerifyNotice(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	out, err := noticeToAPI(n, "")
	if err != nil {
		return err
	}
	out.ID = "" // the public answer names no internal ids
	writeJSON(w, http.StatusOK, api.Verification{Genuine: true, Notice: out})
	return nil
}

func (s *Server) locker(w http.ResponseWriter, r *http.Request) error {
	entries, err := s.PreReview.Locker(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := api.Locker{Entries: make([]api.LockerEntry, 0, len(entries))}
	for _, e := range entries {
		out.Entries = append(out.Entries, api.LockerEntry{ID: e.ID, TypeCode: e.TypeCode, Name: e.Name, Filename: e.Filename,
			Size: e.Size, VerifiedAt: e.VerifiedAt})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
