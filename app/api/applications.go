package api

import "time"

// CreateApplicationRequest starts an application (default site: the county centre).
type CreateApplicationRequest struct {
	ItemCode string `json:"item_code" validate:"required,max=40"`
	SiteCode string `json:"site_code" validate:"max=32"`
}

// Application is an application as its owner and the reviewing window see it.
type Application struct {
	ID             string        `json:"id"`
	CaseNo         string        `json:"case_no"`
	Status         string        `json:"status"`
	Version        int           `json:"version"`
	ItemCode       string        `json:"item_code"`
	ItemName       string        `json:"item_name"`
	SiteCode       string        `json:"site_code"`
	SiteName       string        `json:"site_name"`
	DepartmentCode string        `json:"department_code"`
	DepartmentName string        `json:"department_name"`
	Applicant      string        `json:"applicant,omitempty"` // for staff: name, phone masked
	CreatedAt      time.Time     `json:"created_at"`
	SubmittedAt    *time.Time    `json:"submitted_at,omitempty"`
	WaitingMinutes int           `json:"waiting_minutes,omitempty"` // in the review queue
	NoticeID       string        `json:"notice_id,omitempty"`
	Materials      []AppMaterial `json:"materials"`
	// MayDecide tells window staff whether they may accept and decide it themselves (its
	// chief may; staff where the department allows).
	MayDecide bool `json:"may_decide,omitempty"`
	// Case is the clock and outcome once the application was accepted.
	Case *CaseInfo `json:"case,omitempty"`
}

// AppMaterial is one material of an application with the file given for it.
type AppMaterial struct {
	MaterialID  string     `json:"material_id"`
	Name        string     `json:"name"`
	Required    bool       `json:"required"`
	Formats     []string   `json:"formats"`
	MaxBytes    int64      `json:"max_bytes"`
	Notes       string     `json:"notes,omitempty"`
	TypeCode    string     `json:"type_code,omitempty"`
	Status      string     `json:"status"`
	Filename    string     `json:"filename,omitempty"`
	ContentType string     `json:"content_type,omitempty"`
	Size        int64      `json:"size,omitempty"`
	SHA256      string     `json:"sha256,omitempty"`
	UploadedAt  *time.Time `json:"uploaded_at,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	// FromLocker tells staff the file was reused from the locker: verified when and by whom.
	FromLocker *LockerInfo `json:"from_locker,omitempty"`
}

// LockerInfo says when and by whom a reused document was verified.
type LockerInfo struct {
	VerifiedAt time.Time `json:"verified_at"`
	VerifiedBy string    `json:"verified_by"`
	CaseNo     string    `json:"case_no,omitempty"`
}

// ApplicationList answers GET /applications and GET /review/queue.
type ApplicationList struct {
	Applications []Application `json:"applications"`
}

// UploadRequest announces a file the browser is about to upload.
type UploadRequest struct {
	Filename    string `json:"filename" validate:"required,max=255"`
	ContentType string `json:"content_type" validate:"required,max=100"`
	Size        int64  `json:"size" validate:"required,min=1"`
}

// UploadForm tells the browser how to upload: POST a multipart form with Fields, then the
// file as "file", to URL.
type UploadForm struct {
	UploadID  string            `json:"upload_id"`
	URL       string            `json:"url"`
	Method    string            `json:"method"`
	Fields    map[string]string `json:"fields"`
	ExpiresAt time.Time         `json:"expires_at"`
}

// ReuseRequest attaches a locker document to a material.
type ReuseRequest struct {
	LockerID string `json:"locker_id" validate:"required,max=40"`
}

// WithdrawRequest withdraws an application.
type WithdrawRequest struct {
	Note string `json:"note" validate:"max=500"`
}

// Download is a short-lived link to a material's file.
type Download struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// MaterialVerdict is a reviewer's judgement of one material.
type MaterialVerdict struct {
	MaterialID string `json:"material_id" validate:"required,max=40"`
	Verdict    string `json:"verdict" validate:"required,oneof=ok deficient"`
	Reason     string `json:"reason" validate:"max=500"`
}

// DecisionRequest is a pre-review decision. Version is the application's version the
// reviewer saw (0: do not check).
type DecisionRequest struct {
	Decision  string            `json:"decision" validate:"required,oneof=pass correct reject"`
	Materials []MaterialVerdict `json:"materials" validate:"max=60,dive"`
	Note      string            `json:"note" validate:"max=1000"`
	Version   int               `json:"version" validate:"min=0"`
}

// Decision answers a decision with the application and the notice issued.
type Decision struct {
	Application Application `json:"application"`
	Notice      Notice      `json:"notice"`
}

// NoticeLine is one deficiency on a notice.
type NoticeLine struct {
	Material string `json:"material"`
	Reason   string `json:"reason"`
}

// Notice is an issued notice: correction (一次性告知书), pass, or not accepted.
type Notice struct {
	ID         string       `json:"id,omitempty"`
	Code       string       `json:"code"`
	Kind       string       `json:"kind"`
	CaseNo     string       `json:"case_no"`
	Item       string       `json:"item"`
	Department string       `json:"department"`
	Site       string       `json:"site"`
	Applicant  string       `json:"applicant"`
	Lines      []NoticeLine `json:"lines"`
	Note       string       `json:"note,omitempty"`
	DueDate    string       `json:"due_date,omitempty"` // acceptance notice: the promised date
	Outcome    string       `json:"outcome,omitempty"`  // completion notice: approved or denied
	// PendingDue: an acceptance with pending materials (容缺受理) lists them in Lines, due by
	// this date.
	PendingDue string    `json:"pending_due,omitempty"`
	IssuedOn   string    `json:"issued_on"`
	IssuedAt   time.Time `json:"issued_at"`
	VerifyPath string    `json:"verify_path"`
	QRPNG      string    `json:"qr_png,omitempty"`
}

// NoticeList lists an application's notices.
type NoticeList struct {
	Notices []Notice `json:"notices"`
}

// Verification answers GET /verify/{code}: what the genuine notice says.
type Verification struct {
	Genuine bool   `json:"genuine"`
	Notice  Notice `json:"notice"`
}

// LockerEntry is a verified document kept for reuse.
type LockerEntry struct {
	ID         string    `json:"id"`
	TypeCode   string    `json:"type_code"`
	Name       string    `json:"name"`
	Filename   string    `json:"filename"`
	Size       int64     `json:"size"`
	VerifiedAt time.Time `json:"verified_at"`
}

// Locker answers GET /locker.
type Locker struct {
	Entries []LockerEntry `json:"entries"`
}

// AppEvent is an entry of an application's history.
type AppEvent struct {
	Action string    `json:"action"`
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Actor  string    `json:"actor"`
	Role   string    `json:"role"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"at"`
}

// AppEventList answers GET /applications/{id}/events.
type AppEventList struct {
	Events []AppEvent `json:"events"`
}
