package portal

import "time"

// Error codes of cases, evaluations and tickets.
const (
	ECaseNotFound      = "case_not_found"     // 404: the public query's one answer for a wrong number or wrong digits
	EAlreadyEvaluated  = "already_evaluated"  // 409
	ETicketOwned       = "ticket_owned"       // 409: a colleague took it first (首问负责制)
	ECallbackRequired  = "callback_required"  // 409: a rectification closes only after the call-back
	ENotYetEvaluable   = "not_evaluable"      // 409: the case is not completed
	EPendingIncomplete = "pending_incomplete" // 409: pending materials have not all arrived
)

// Statuses of an application after pre-review (see app/api/cases.go for the path).
const (
	AppAccepted   = "accepted"
	AppInProgress = "in_progress"
	AppPaused     = "paused"
	AppCompleted  = "completed"
	AppTerminated = "terminated"
)

// Running lists the statuses of a case whose clock runs or is paused.
var Running = []string{AppAccepted, AppInProgress, AppPaused}

// MatPending is a material accepted as pending (容缺): it may arrive after acceptance.
const MatPending = "pending"

// Outcomes of a completed or terminated case.
const (
	OutcomeApproved   = "approved"   // 准予
	OutcomeDenied     = "denied"     // 不予许可
	OutcomeTerminated = "terminated" // 终止办理: pending materials never arrived
)

// Pause kinds: the reasons the law lets the clock stop.
const (
	PauseCorrection   = "correction"    // waiting for the applicant's correction
	PauseExpertReview = "expert_review" // 专家评审
	PauseHearing      = "hearing"       // 听证
	PauseSiteSurvey   = "site_survey"   // 现场勘查
)

// Notice kinds issued by the window after pre-review.
const (
	NoticeAccepted  = "accepted"  // 受理通知书
	NoticeCompleted = "completed" // 办结通知书 / 不予许可决定书
)

// Warning levels of a running case.
const (
	WarningYellow = "yellow"
	WarningRed    = "red"
)

// Case is what an application has once a window accepted it: the terms copied from the
// item, the clock and the outcome. Dates are business dates (YYYY-MM-DD).
type Case struct {
	ApplicationID    string
	AcceptedAt       time.Time
	AcceptedOn       string
	AcceptedBy       string
	Handling         Handling
	LegalDays        int
	PromisedDays     int
	DueDate          string
	PausedDays       int
	Warning          string
	PendingMaterials []string
	PendingDue       string
	PendingReminded  bool
	CompletedAt      *time.Time
	CompletedOn      string
	CompletedBy      string
	Outcome          string
	Reason           string
}

// Pause is a stop of a case's clock. EndedOn is empty while it lasts.
type Pause struct {
	ID, ApplicationID, Kind, Note string
	StartedOn, StartedBy          string
	StartedAt                     time.Time
	EndedOn, EndedBy              string
	Days                          int
}

// Evaluation is an applicant's rating of a completed case (好差评).
type Evaluation struct {
	ApplicationID string
	UserID        string
	Level         int
	Comment       string
	Channel       string // online or window
	RecordedBy    string
	CreatedAt     time.Time
}

// Evaluation channels.
const (
	ChannelOnline = "online"
	ChannelWindow = "window"
)

// BadReview reports whether a level is a bad review (差评) that needs rectification.
func BadReview(level int) bool { return level <= 2 }

// Rectification is the task a bad review opens for the department (整改) with the call-back
// to the applicant (回访).
type Rectification struct {
	ID, ApplicationID, DepartmentCode, SiteCode string
	Level                                       int
	Comment                                     string
	DueDate                                     string
	Status                                      string // open or closed
	CallbackNote                                string
	CallbackAt                                  *time.Time
	CallbackBy                                  string
	Measures                                    string
	ClosedAt                                    *time.Time
	ClosedBy                                    string
	CreatedAt                                   time.Time
	// Joined for lists.
	CaseNo, ItemCode string
}

// Ticket kinds and statuses.
const (
	TicketConsultation = "consultation" // 咨询
	TicketComplaint    = "complaint"    // 投诉

	TicketOpen     = "open"     // nobody owns it yet
	TicketClaimed  = "claimed"  // owned, not answered
	TicketAnswered = "answered" // the owner replied
	TicketClosed   = "closed"
)

// Ticket is a consultation or complaint. OwnerID is empty until someone claims it.
type Ticket struct {
	ID, Kind, UserID, ApplicationID, DepartmentCode, Subject, Status, OwnerID string
	CreatedAt                                                                 time.Time
	ClaimedAt, FirstReplyAt, ClosedAt                                         *time.Time
	Messages                                                                  []TicketMessage
}

// TicketMessage is one message of a ticket.
type TicketMessage struct {
	ID, TicketID, AuthorID string
	FromApplicant          bool
	Body                   string
	At                     time.Time
}
