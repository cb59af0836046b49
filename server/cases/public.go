package cases

import (
	"context"
	"crypto/subtle"

	"portal/server/calendar"
	"portal/server/portal"
)

// Public is what anyone holding a case number and the applicant's phone digits (or a notice
// of the case) may see: no names, no phone, no materials.
type Public struct {
	App        portal.Application
	Item       string
	Department string
	Site       string
	Steps      []PublicStep
	View       *View
}

// PublicStep is a step done and its business date.
type PublicStep struct{ Action, On string }

// publicActions are the history entries the public sees; uploads, reviews of single files
// and warnings are internal.
var publicActions = map[string]bool{
	"submitted": true, "resubmitted": true, "passed": true, "correction_requested": true, "not_accepted": true,
	"accepted": true, "accepted_pending": true, "started": true, "paused": true, "resumed": true,
	"completed_approved": true, "completed_denied": true, "terminated": true, "withdrawn": true,
}

// ValidCaseNo reports whether s looks like a case number: 14 digits.
func ValidCaseNo(s string) bool { return len(s) == 14 && digits(s) }

// ValidLast4 reports whether s is four digits.
func ValidLast4(s string) bool { return len(s) == 4 && digits(s) }

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// PublicProgress answers the public query (办件查询). A wrong number and right digits, a
// right number and wrong digits, and a code of another case all give ECaseNotFound after
// the same work: one indexed read and one constant-time comparison.
func (s *Service) PublicProgress(ctx context.Context, caseNo, last4, code string) (Public, error) {
	if !ValidCaseNo(caseNo) || (code == "" && !ValidLast4(last4)) {
		return Public{}, portal.Errorf(portal.EBadRequest, "malformed query")
	}
	row, err := s.DB.CaseByNo(ctx, caseNo)
	if err != nil && portal.ErrorCode(err) != portal.ECaseNotFound {
		return Public{}, err
	}
	found := err == nil
	ok := false
	if code != "" {
		n, verr := s.Notices.VerifyNotice(ctx, code)
		ok = verr == nil && found && n.ApplicationID == row.App.ID
	} else {
		phone := row.Phone
		if len(phone) < 4 {
			phone = "\x00\x00\x00\x00" // no row: compare against something that never matches
		}
		ok = subtle.ConstantTimeCompare([]byte(phone[len(phone)-4:]), []byte(last4)) == 1 && found
	}
	if !ok {
		return Public{}, portal.Errorf(portal.ECaseNotFound, "case %s: no match", caseNo)
	}
	item, err := s.DB.Item(ctx, row.App.ItemCode)
	if err != nil {
		return Public{}, err
	}
	events, err := s.DB.AppEvents(ctx, row.App.ID)
	if err != nil {
		return Public{}, err
	}
	p := Public{App: row.App, Item: item.Name, Department: item.DepartmentName, Site: s.Notices.SiteName(ctx, row.App.SiteCode)}
	for _, e := range events {
		if publicActions[e.Action] {
			p.Steps = append(p.Steps, PublicStep{Action: e.Action, On: calendar.DateOf(e.At, s.Loc).String()})
		}
	}
	if row.Case != nil {
		cal, err := s.calendar(ctx)
		if err != nil {
			return Public{}, err
		}
		var pauses []portal.Pause
		if row.App.Status == portal.AppPaused {
			if pauses, err = s.DB.Pauses(ctx, row.App.ID); err != nil {
				return Public{}, err
			}
		}
		p.View = s.clock(cal, row.App.Status, *row.Case, pauses)
	}
	return p, nil
}
