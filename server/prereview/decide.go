package prereview

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"

	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/store"
)

// Verdict is a reviewer's judgement of one material.
type Verdict struct {
	MaterialID string
	OK         bool
	Reason     string
}

// Decisions.
const (
	DecisionPass    = "pass"
	DecisionCorrect = "correct"
	DecisionReject  = "reject"
)

// Decide records a pre-review decision on an application in pre-review, with a verdict for
// materials, and issues the notice: a pass, ONE correction notice listing every deficient
// material with its reason, or a non-acceptance with reasons. version is the version the
// reviewer saw: when a colleague decided first the answer is EInvalidState and nothing is
// overwritten. A retry of a decision this reviewer already made answers that decision.
func (s *Service) Decide(ctx context.Context, a portal.Actor, appID, decision string, verdicts []Verdict, note string, version int) (portal.Application, portal.Notice, error) {
	app, err := s.Get(ctx, a, appID)
	if err != nil {
		return app, portal.Notice{}, err
	}
	if !a.Is(portal.RoleStaff, portal.RoleChief) || app.UserID == a.UserID {
		return app, portal.Notice{}, portal.Errorf(portal.EForbidden, "%s may not decide application %s", a.UserID, appID)
	}
	if app.Status != portal.AppPreReview {
		if prev, ok := s.sameDecision(ctx, app, a, decision); ok {
			return app, prev, nil
		}
		return app, portal.Notice{}, portal.Errorf(portal.EInvalidState, "application %s is %s", appID, app.Status)
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, portal.Notice{}, err
	}
	names := map[string]portal.Material{}
	for _, m := range item.Materials {
		names[m.ID] = m
	}
	byID := map[string]Verdict{}
	fields := map[string]string{}
	filed := map[string]bool{}
	for _, am := range app.Materials {
		filed[am.MaterialID] = am.ObjectKey != ""
	}
	for _, v := range verdicts {
		if _, ok := names[v.MaterialID]; !ok {
			fields["materials"] = "field.material_unknown"
			continue
		}
		v.Reason = strings.TrimSpace(v.Reason)
		if !v.OK && v.Reason == "" {
			fields["materials."+v.MaterialID] = "field.reason_required"
		}
		// A material nobody handed in cannot be found fine.
		if v.OK && !filed[v.MaterialID] {
			fields["materials."+v.MaterialID] = "field.ok_without_file"
		}
		byID[v.MaterialID] = v
	}
	var deficient []portal.NoticeLine
	for _, am := range app.Materials {
		if v, ok := byID[am.MaterialID]; ok && !v.OK {
			deficient = append(deficient, portal.NoticeLine{Material: names[am.MaterialID].Name, Reason: v.Reason})
		}
	}
	to, kind, action := "", "", ""
	switch decision {
	case DecisionPass:
		if len(deficient) > 0 {
			fields["decision"] = "field.pass_with_deficiency"
		}
		to, kind, action = portal.AppPassed, portal.NoticePass, "passed"
	case DecisionCorrect:
		if len(deficient) == 0 {
			fields["materials"] = "field.correct_needs_deficiency"
		}
		to, kind, action = portal.AppNeedsCorrection, portal.NoticeCorrection, "correction_requested"
	case DecisionReject:
		if strings.TrimSpace(note) == "" {
			fields["note"] = "field.reason_required"
		}
		to, kind, action = portal.AppNotAccepted, portal.NoticeNotAccepted, "not_accepted"
	default:
		fields["decision"] = "field.oneof"
	}
	if len(fields) > 0 {
		return app, portal.Notice{}, &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	if decision == DecisionPass {
		// A pass says every file given is fine, also those not judged one by one: they
		// are marked ok and typed documents go to the locker like explicitly judged ones.
		for _, am := range app.Materials {
			if _, judged := byID[am.MaterialID]; !judged && am.ObjectKey != "" {
				byID[am.MaterialID] = Verdict{MaterialID: am.MaterialID, OK: true}
			}
		}
	}
	applicant, err := s.DB.UserByID(ctx, app.UserID)
	if err != nil {
		return app, portal.Notice{}, err
	}
	notice := portal.Notice{ID: store.NewID(), Code: s.newNoticeCode(), ApplicationID: app.ID, Kind: kind, IssuedBy: a.UserID,
		Body: portal.NoticeBody{Kind: kind, CaseNo: app.CaseNo, Item: item.Name, Department: item.DepartmentName,
			Site: s.siteName(ctx, app.SiteCode), Applicant: maskName(applicant.Name), Lines: deficient, Note: strings.TrimSpace(note),
			IssuedOn: calendar.DateOf(s.now(), s.Loc).String()}}
	out, err := s.DB.Transition(ctx, app.ID, []string{portal.AppPreReview}, to, version, a.UserID, string(a.Role), action, note,
		func(tx store.Tx, cur portal.Application) error {
			for _, am := range app.Materials {
				v, reviewed := byID[am.MaterialID]
				if !reviewed {
					continue
				}
				status := portal.MatOK
				if !v.OK {
					status = portal.MatDeficient
				}
				if err := tx.SetMaterialReview(ctx, app.ID, am.MaterialID, status, v.Reason); err != nil {
					return err
				}
				// A document staff found fine goes to the applicant's locker for reuse.
				if m := names[am.MaterialID]; v.OK && m.TypeCode != "" && am.ObjectKey != "" && am.LockerID == "" {
					if err := tx.AddToLocker(ctx, portal.LockerEntry{UserID: app.UserID, TypeCode: m.TypeCode, Name: m.Name,
						ObjectKey: am.ObjectKey, Filename: am.Filename, ContentType: am.ContentType, Size: am.Size,
						SHA256: am.SHA256, VerifiedBy: a.UserID, SourceApplicationID: app.ID}); err != nil {
						return err
					}
				}
			}
			if err := tx.IssueNotice(ctx, &notice); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a.UserID, "decide:"+decision, "application:"+app.ID, notice.Code); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: "prereview_" + decision,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name}, Link: "/applications/" + app.ID})
		})
	if err != nil {
		return app, portal.Notice{}, err
	}
	out, err = s.DB.Application(ctx, out.ID)
	return out, notice, err
}

// sameDecision finds this reviewer's decision when a decided application is decided again
// the same way (a retry after a dropped connection).
func (s *Service) sameDecision(ctx context.Context, app portal.Application, a portal.Actor, decision string) (portal.Notice, bool) {
	if app.NoticeID == "" {
		return portal.Notice{}, false
	}
	n, err := s.DB.Notice(ctx, app.NoticeID)
	if err != nil || n.IssuedBy != a.UserID {
		return portal.Notice{}, false
	}
	want := map[string]string{DecisionPass: portal.NoticePass, DecisionCorrect: portal.NoticeCorrection, DecisionReject: portal.NoticeNotAccepted}[decision]
	return n, n.Kind == want
}

func (s *Service) siteName(ctx context.Context, code string) string {
	sites, err := s.DB.ListSites(ctx)
	if err == nil {
		for _, st := range sites {
			if st.Code == code {
				return st.Name
			}
		}
	}
	return code
}

// maskName keeps the family name and hides the rest: 张三丰 → 张**.
func maskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) <= 1 {
		return string(r)
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewNoticeCode is a new verification code for a notice another service issues.
func (s *Service) NewNoticeCode() string { return s.newNoticeCode() }

// SiteName is a site's name, its code when unknown.
func (s *Service) SiteName(ctx context.Context, code string) string { return s.siteName(ctx, code) }

// MaskName keeps the family name and hides the rest.
func MaskName(name string) string { return maskName(name) }

// newNoticeCode is a verification code: ten random characters and a MAC of them with the
// server's key, so a forged or altered code is recognised without a lookup and a genuine
// one cannot be guessed.
func (s *Service) newNoticeCode() string {
	b := make([]byte, 7)
	rand.Read(b)
	id := b32.EncodeToString(b)[:10]
	return id + "-" + s.mac(id)
}

func (s *Service) mac(id string) string {
	m := hmac.New(sha256.New, s.NoticeKey)
	m.Write([]byte("notice:" + id))
	return b32.EncodeToString(m.Sum(nil))[:8]
}

// VerifyNotice returns the notice a code stands for. A code whose MAC does not match, or
// that no notice carries, is not genuine (ENotFound).
func (s *Service) VerifyNotice(ctx context.Context, code string) (portal.Notice, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	id, mac, ok := strings.Cut(code, "-")
	if !ok || len(id) != 10 || !hmac.Equal([]byte(mac), []byte(s.mac(id))) {
		return portal.Notice{}, portal.Errorf(portal.ENotFound, "notice code %q not genuine", code)
	}
	return s.DB.NoticeByCode(ctx, code)
}

// Notice returns a notice to those who may see its application.
func (s *Service) Notice(ctx context.Context, a portal.Actor, id string) (portal.Notice, error) {
	n, err := s.DB.Notice(ctx, id)
	if err != nil {
		return n, err
	}
	if _, err := s.Get(ctx, a, n.ApplicationID); err != nil {
		return portal.Notice{}, err
	}
	return n, nil
}

// Notices lists an application's notices for those who may see it.
func (s *Service) Notices(ctx context.Context, a portal.Actor, appID string) ([]portal.Notice, error) {
	if _, err := s.Get(ctx, a, appID); err != nil {
		return nil, err
	}
	return s.DB.ApplicationNotices(ctx, appID)
}
