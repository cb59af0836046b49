package portal

import "time"

// Error codes of online pre-review.
const (
	EUploadRejected = "upload_rejected" // 422: the stored file is not what was declared
)

// Application statuses (DESIGN §7). The cases issue adds the statuses after acceptance.
const (
	AppDraft           = "draft"
	AppPreReview       = "pre_review"
	AppNeedsCorrection = "needs_correction"
	AppPassed          = "passed"
	AppNotAccepted     = "not_accepted"
	AppWithdrawn       = "withdrawn"
)

// Material statuses within an application.
const (
	MatMissing   = "missing"
	MatUploaded  = "uploaded"  // verified file, not yet reviewed
	MatOK        = "ok"        // reviewed: fine
	MatDeficient = "deficient" // reviewed: must be replaced (the notice says why)
)

// Application is an applicant's request for an item, with its materials.
type Application struct {
	ID             string
	CaseNo         string
	UserID         string
	ItemCode       string
	SiteCode       string
	DepartmentCode string
	Status         string
	Version        int
	NoticeID       string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SubmittedAt    *time.Time
	Materials      []AppMaterial
}

// AppMaterial is one material of an application and the file given for it.
type AppMaterial struct {
	MaterialID  string
	Status      string
	ObjectKey   string
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	UploadedAt  *time.Time
	LockerID    string
	Reason      string // why it is deficient
}

// Upload is a pending or finished upload of one file.
type Upload struct {
	ID            string
	ApplicationID string
	MaterialID    string
	UserID        string
	ObjectKey     string
	Filename      string
	ContentType   string
	Size          int64
	Status        string // pending, complete, rejected
	Reason        string
	ExpiresAt     time.Time
	CreatedAt     time.Time
}

// AppEvent is an entry of an application's history.
type AppEvent struct {
	ID, ApplicationID, ActorID, ActorRole, Action, From, To, Note string
	At                                                            time.Time
}

// Notice kinds.
const (
	NoticeCorrection  = "correction"   // 一次性告知书
	NoticePass        = "pass"         // 预审通过
	NoticeNotAccepted = "not_accepted" // 不予受理
)

// NoticeLine is one material named on a notice, with the reason it falls short.
type NoticeLine struct {
	Material string `json:"material"`
	Reason   string `json:"reason"`
}

// NoticeBody is what a notice says, as issued and signed.
type NoticeBody struct {
	Kind       string       `json:"kind"`
	CaseNo     string       `json:"case_no"`
	Item       string       `json:"item"`
	Department string       `json:"department"`
	Site       string       `json:"site"`
	Applicant  string       `json:"applicant"` // masked name: 张*
	Lines      []NoticeLine `json:"lines,omitempty"`
	Note       string       `json:"note,omitempty"`
	DueDate    string       `json:"due_date,omitempty"` // of an acceptance notice
	Outcome    string       `json:"outcome,omitempty"`  // of a completion notice: approved or denied
	// PendingDue is the date by which the materials listed on an acceptance with pending
	// materials (容缺受理) must arrive.
	PendingDue string `json:"pending_due,omitempty"`
	IssuedOn   string `json:"issued_on"` // business date
}

// Notice is an issued notice.
type Notice struct {
	ID            string
	Code          string // verification code printed with the QR
	ApplicationID string
	Kind          string
	Body          NoticeBody
	IssuedBy      string
	IssuedAt      time.Time
}

// LockerEntry is a verified document kept for reuse (免于重复提交).
type LockerEntry struct {
	ID, UserID, TypeCode, Name, ObjectKey, Filename, ContentType, SHA256 string
	Size                                                                 int64
	VerifiedAt                                                           time.Time
	VerifiedBy, SourceApplicationID                                      string
}
