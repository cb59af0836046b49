// Package prereview is online pre-review (网上预审): an applicant starts an application
// for an item, uploads every material straight to storage, and submits; window staff of
// the item's department review each material and pass it, send back one correction notice
// listing every deficiency at once (一次性告知), or refuse it with reasons. Every change is
// recorded, every notice is signed and verifiable, and verified documents go to the
// applicant's locker for reuse.
package prereview

import (
	"context"
	"errors"
	"strings"
	"time"

	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/store"
	"portal/uploads"
)

// Service is the pre-review service.
type Service struct {
	DB    *store.DB
	Files uploads.Store
	Loc   *time.Location
	// NoticeKey signs notice verification codes.
	NoticeKey []byte
	Now       func() time.Time
	// UploadTTL is how long an upload form stays valid (0: the default UploadTTL).
	UploadTTL time.Duration
}

// UploadTTL is how long a presigned upload stays valid: long enough for a slow phone
// network, short enough that a leaked form is soon useless.
const UploadTTL = 15 * time.Minute

// DownloadTTL is how long a presigned download stays valid.
const DownloadTTL = 5 * time.Minute

func (s *Service) uploadTTL() time.Duration {
	if s.UploadTTL > 0 {
		return s.UploadTTL
	}
	return UploadTTL
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// storageErr turns a storage failure into the error people are told about: storage down
// is "unavailable, try again" (503), never a 500.
func storageErr(err error) error {
	if errors.Is(err, uploads.ErrUnavailable) {
		return &portal.Error{Code: portal.EUnavailable, Detail: err.Error()}
	}
	if errors.Is(err, uploads.ErrNotFound) {
		return &portal.Error{Code: portal.EInvalid, Detail: err.Error(), Fields: map[string]string{"file": "field.upload_missing"}}
	}
	return err
}

// Create starts a draft application for an item at a site (default: the county centre).
func (s *Service) Create(ctx context.Context, a portal.Actor, itemCode, siteCode string) (portal.Application, store.ItemRow, error) {
	if !a.Is(portal.RoleApplicant, portal.RoleAgent) {
		return portal.Application{}, store.ItemRow{}, portal.Errorf(portal.EForbidden, "%s may not apply", a.Role)
	}
	item, err := s.DB.Item(ctx, itemCode)
	if err != nil || item.Status != portal.ItemActive {
		return portal.Application{}, item, portal.FieldError("item_code", "field.item_unknown")
	}
	if !item.OnlinePreview {
		return portal.Application{}, item, portal.FieldError("item_code", "field.no_prereview")
	}
	if siteCode == "" {
		siteCode = "county"
	}
	if !contains(item.Sites, siteCode) {
		return portal.Application{}, item, portal.FieldError("site_code", "field.site_not_for_item")
	}
	app := portal.Application{UserID: a.UserID, ItemCode: item.Code, SiteCode: siteCode, DepartmentCode: item.DepartmentCode}
	for _, m := range item.Materials {
		app.Materials = append(app.Materials, portal.AppMaterial{MaterialID: m.ID})
	}
	err = s.DB.CreateApplication(ctx, &app, calendar.DateOf(s.now(), s.Loc).String(), string(a.Role))
	return app, item, err
}

// canSee reports whether the caller may see an application: its owner, staff of the
// department and site it is addressed to, and supervisors.
func canSee(a portal.Actor, app portal.Application) bool {
	return app.UserID == a.UserID || a.Is(portal.RoleSupervisor) ||
		(a.Is(portal.RoleStaff, portal.RoleChief) && a.DepartmentCode == app.DepartmentCode && a.SiteCode == app.SiteCode)
}

// Get returns an application to those who may see it; to anyone else it does not exist.
func (s *Service) Get(ctx context.Context, a portal.Actor, id string) (portal.Application, error) {
	app, err := s.DB.Application(ctx, id)
	if err != nil {
		return app, err
	}
	if !canSee(a, app) {
		return portal.Application{}, portal.Errorf(portal.ENotFound, "application %s hidden from %s", id, a.UserID)
	}
	return app, nil
}

// owned returns the caller's own application.
func (s *Service) owned(ctx context.Context, a portal.Actor, id string) (portal.Application, error) {
	app, err := s.DB.Application(ctx, id)
	if err != nil {
		return app, err
	}
	if app.UserID != a.UserID {
		return portal.Application{}, portal.Errorf(portal.ENotFound, "application %s is not %s's", id, a.UserID)
	}
	return app, nil
}

// Mine lists the caller's applications.
func (s *Service) Mine(ctx context.Context, a portal.Actor) ([]portal.Application, error) {
	return s.DB.UserApplications(ctx, a.UserID)
}

// material finds the item's material definition.
func (s *Service) material(ctx context.Context, app portal.Application, materialID string) (portal.Material, error) {
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return portal.Material{}, err
	}
	for _, m := range item.Materials {
		if m.ID == materialID {
			return m, nil
		}
	}
	return portal.Material{}, portal.Errorf(portal.ENotFound, "material %s not in %s", materialID, app.ItemCode)
}

func editable(app portal.Application) error {
	if app.Status != portal.AppDraft && app.Status != portal.AppNeedsCorrection {
		return portal.Errorf(portal.EInvalidState, "application %s is %s", app.ID, app.Status)
	}
	return nil
}

// takesFile reports whether a material of an application may get a file now: any material
// while the application is editable, and a material accepted as pending (容缺受理) while
// its case runs.
func takesFile(app portal.Application, materialID string) error {
	if contains(portal.Running, app.Status) {
		for _, m := range app.Materials {
			if m.MaterialID == materialID && m.Status == portal.MatPending {
				return nil
			}
		}
	}
	return editable(app)
}

// StartUpload checks a file the applicant is about to upload against the material's rules
// and presigns its upload to a key the server chooses (the file's own name is kept as data
// only).
func (s *Service) StartUpload(ctx context.Context, a portal.Actor, appID, materialID, filename, contentType string, size int64) (portal.Upload, uploads.UploadForm, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return portal.Upload{}, uploads.UploadForm{}, err
	}
	if err := takesFile(app, materialID); err != nil {
		return portal.Upload{}, uploads.UploadForm{}, err
	}
	m, err := s.material(ctx, app, materialID)
	if err != nil {
		return portal.Upload{}, uploads.UploadForm{}, err
	}
	// Only the canonical bare type (application/pdf, image/jpeg, image/png): the value goes
	// into a signed storage policy, where anything more is an injection risk.
	format := uploads.FormatOf(contentType)
	if format == "" || contentType != uploads.ContentTypeOf(format) || !contains(m.Formats, format) {
		return portal.Upload{}, uploads.UploadForm{}, portal.FieldError("content_type", "field.format_not_allowed")
	}
	if size <= 0 || size > m.MaxBytes {
		return portal.Upload{}, uploads.UploadForm{}, portal.FieldError("size", "field.file_too_large")
	}
	id := store.NewID()
	u := portal.Upload{ID: id, ApplicationID: app.ID, MaterialID: m.ID, UserID: a.UserID,
		ObjectKey: stagingPrefix + app.ID + "/" + m.ID + "/" + id, Filename: cleanName(filename), ContentType: contentType,
		Size: size, ExpiresAt: s.now().Add(s.uploadTTL())}
	form, err := s.Files.UploadForm(ctx, u.ObjectKey, contentType, m.MaxBytes, s.uploadTTL())
	if err != nil {
		return u, form, storageErr(err)
	}
	if err := s.DB.CreateUpload(ctx, &u); err != nil {
		return u, form, err
	}
	return u, form, nil
}

// Uploads land under a staging key; complete moves them to their final key before
// verifying. An upload form can be used again until it expires, so without the move an
// applicant could replace verified bytes after the check; the form cannot write to the
// final key.
const (
	stagingPrefix = "staging/"
	finalPrefix   = "materials/"
)

// cleanName keeps a file name for display: no path, no control characters, bounded.
func cleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == 127 {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 100 {
		name = string(r[len(r)-100:])
	}
	if name == "" {
		name = "file"
	}
	return name
}

// CompleteUpload verifies the stored object (size, declared type, real format, SHA-256)
// and only then attaches it to the material. A refused file is deleted from storage.
func (s *Service) CompleteUpload(ctx context.Context, a portal.Actor, appID, materialID, uploadID string) (portal.Application, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return app, err
	}
	u, err := s.DB.Upload(ctx, uploadID)
	if err != nil || u.ApplicationID != app.ID || u.MaterialID != materialID || u.UserID != a.UserID {
		return app, portal.Errorf(portal.ENotFound, "upload %s", uploadID)
	}
	if u.Status != "pending" {
		return app, portal.Errorf(portal.EInvalidState, "upload %s is %s", uploadID, u.Status)
	}
	if err := takesFile(app, materialID); err != nil {
		return app, err
	}
	m, err := s.material(ctx, app, materialID)
	if err != nil {
		return app, err
	}
	final := finalPrefix + strings.TrimPrefix(u.ObjectKey, stagingPrefix)
	if err := uploads.Move(ctx, s.Files, u.ObjectKey, final); err != nil {
		if errors.Is(err, uploads.ErrNotFound) {
			s.DB.RejectUpload(ctx, u.ID, uploads.ReasonMissing)
			return app, &portal.Error{Code: portal.EUploadRejected, Detail: "no object", Fields: map[string]string{"file": "field.upload_missing"}}
		}
		return app, storageErr(err)
	}
	u.ObjectKey = final
	v, err := uploads.Verify(ctx, s.Files, u.ObjectKey, uploads.Expect{ContentType: u.ContentType, MaxBytes: m.MaxBytes, Formats: m.Formats})
	var verr *uploads.VerifyError
	if errors.As(err, &verr) {
		s.DB.RejectUpload(ctx, u.ID, verr.Reason)
		return app, &portal.Error{Code: portal.EUploadRejected, Detail: verr.Reason, Fields: map[string]string{"file": "field.upload_" + verr.Reason}}
	}
	if err != nil {
		return app, storageErr(err)
	}
	if err := s.DB.CompleteUpload(ctx, u, v.Size, v.SHA256, string(a.Role)); err != nil {
		return app, err
	}
	return s.DB.Application(ctx, app.ID)
}

// Remove takes a file off a material of a draft or an application under correction.
func (s *Service) Remove(ctx context.Context, a portal.Actor, appID, materialID string) (portal.Application, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return app, err
	}
	if _, err := s.material(ctx, app, materialID); err != nil {
		return app, err
	}
	if err := s.DB.SetMaterialFile(ctx, app.ID, materialID, nil, a.UserID, string(a.Role)); err != nil {
		return app, err
	}
	return s.DB.Application(ctx, app.ID)
}

// Reuse attaches a document from the caller's locker to a material of the same kind, with
// no new upload (免于重复提交).
func (s *Service) Reuse(ctx context.Context, a portal.Actor, appID, materialID, lockerID string) (portal.Application, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return app, err
	}
	m, err := s.material(ctx, app, materialID)
	if err != nil {
		return app, err
	}
	e, err := s.DB.LockerEntry(ctx, lockerID)
	if err != nil || e.UserID != a.UserID {
		return app, portal.Errorf(portal.ENotFound, "locker entry %s", lockerID)
	}
	if m.TypeCode == "" || e.TypeCode != m.TypeCode || !contains(m.Formats, uploads.FormatOf(e.ContentType)) || e.Size > m.MaxBytes {
		return app, portal.FieldError("locker_id", "field.locker_mismatch")
	}
	if err := s.DB.SetMaterialFile(ctx, app.ID, materialID, &e, a.UserID, string(a.Role)); err != nil {
		return app, err
	}
	return s.DB.Application(ctx, app.ID)
}

// Locker lists the caller's verified documents.
func (s *Service) Locker(ctx context.Context, a portal.Actor) ([]portal.LockerEntry, error) {
	return s.DB.Locker(ctx, a.UserID)
}

// Download presigns a short-lived link to a material's file for its owner or the staff of
// the window the application is addressed to. Every download is audited.
func (s *Service) Download(ctx context.Context, a portal.Actor, appID, materialID string) (string, error) {
	app, err := s.Get(ctx, a, appID)
	if err != nil {
		return "", err
	}
	for _, am := range app.Materials {
		if am.MaterialID != materialID {
			continue
		}
		if am.ObjectKey == "" {
			return "", portal.Errorf(portal.ENotFound, "material %s has no file", materialID)
		}
		// Presigning is local: ask the storage first, so that an outage answers 503 now
		// rather than a link that cannot work.
		if _, err := s.Files.Stat(ctx, am.ObjectKey); err != nil {
			if errors.Is(err, uploads.ErrNotFound) {
				return "", portal.Errorf(portal.ENotFound, "material %s: object gone: %v", materialID, err)
			}
			return "", storageErr(err)
		}
		url, err := s.Files.DownloadURL(ctx, am.ObjectKey, am.Filename, am.ContentType, DownloadTTL)
		if err != nil {
			return "", storageErr(err)
		}
		if err := s.DB.Audit(ctx, a.UserID, "download", "application:"+app.ID, materialID+" "+am.Filename); err != nil {
			return "", err
		}
		return url, nil
	}
	return "", portal.Errorf(portal.ENotFound, "material %s", materialID)
}

// Submit sends a draft, or an application whose deficiencies were put right, to
// pre-review. Every required material must have a file, and none may still be deficient.
func (s *Service) Submit(ctx context.Context, a portal.Actor, appID string) (portal.Application, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return app, err
	}
	if app.Status == portal.AppPreReview {
		return app, nil // a retried submit after a dropped connection
	}
	// The state first: a passed or withdrawn application is not "missing a file".
	if err := editable(app); err != nil {
		return app, err
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	required := map[string]bool{}
	for _, m := range item.Materials {
		required[m.ID] = m.Required
	}
	fields := map[string]string{}
	for _, am := range app.Materials {
		switch {
		case am.Status == portal.MatDeficient:
			fields["materials."+am.MaterialID] = "field.material_deficient"
		case am.Status == portal.MatMissing && required[am.MaterialID]:
			fields["materials."+am.MaterialID] = "field.material_missing"
		}
	}
	if len(fields) > 0 {
		return app, &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	action := "submitted"
	if app.Status == portal.AppNeedsCorrection {
		action = "resubmitted"
	}
	return s.DB.Transition(ctx, app.ID, []string{portal.AppDraft, portal.AppNeedsCorrection}, portal.AppPreReview, 0,
		a.UserID, string(a.Role), action, "", nil)
}

// Withdraw withdraws an application before its case is decided: a draft, one in pre-review,
// one passed and waiting at the window, or a running case (撤回). Under correction it
// cannot be withdrawn (the notice waits for an answer).
func (s *Service) Withdraw(ctx context.Context, a portal.Actor, appID, note string) (portal.Application, error) {
	app, err := s.owned(ctx, a, appID)
	if err != nil {
		return app, err
	}
	from := append([]string{portal.AppDraft, portal.AppPreReview, portal.AppPassed}, portal.Running...)
	return s.DB.Transition(ctx, app.ID, from, portal.AppWithdrawn, 0,
		a.UserID, string(a.Role), "withdrawn", note, nil)
}

// Queue lists the applications waiting for the caller's window, oldest first.
func (s *Service) Queue(ctx context.Context, a portal.Actor) ([]portal.Application, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return nil, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	return s.DB.ReviewQueue(ctx, a.DepartmentCode, a.SiteCode)
}

// Events lists an application's history for those who may see it.
func (s *Service) Events(ctx context.Context, a portal.Actor, appID string) ([]portal.AppEvent, error) {
	if _, err := s.Get(ctx, a, appID); err != nil {
		return nil, err
	}
	return s.DB.AppEvents(ctx, appID)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
