package api

import "time"

// Statuses an application reaches after pre-review (DESIGN §3). The path is
// passed → accepted → in_progress ⇄ paused → completed; passed → not_accepted (不予受理);
// passed/accepted/in_progress/paused → withdrawn (撤回); accepted with pending materials
// (容缺受理) whose materials do not arrive in time → terminated (终止办理).
const (
	StatusAccepted   = "accepted"
	StatusInProgress = "in_progress"
	StatusPaused     = "paused"
	StatusCompleted  = "completed"
	StatusTerminated = "terminated"
)

// Outcomes of a completed case.
const (
	OutcomeApproved = "approved" // 准予
	OutcomeDenied   = "denied"   // 不予许可
	// OutcomeTerminated ends a case accepted with pending materials that did not arrive
	// by their date (终止办理).
	OutcomeTerminated = "terminated"
)

// Warning levels of a running case: yellow when the working days left reach the configured
// threshold (1 by default), red when it is overdue.
const (
	WarningYellow = "yellow"
	WarningRed    = "red"
)

// CaseInfo is the clock and outcome of an accepted case, part of Application.
type CaseInfo struct {
	AcceptedAt   time.Time `json:"accepted_at"`
	AcceptedOn   string    `json:"accepted_on"` // business date
	AcceptedBy   string    `json:"accepted_by"` // staff name
	Handling     string    `json:"handling"`    // instant or promise
	LegalDays    int       `json:"legal_days"`
	PromisedDays int       `json:"promised_days"`
	// DueDate is acceptance + promised working days + working days paused so far.
	DueDate string `json:"due_date"`
	// DaysLeft is the working days from today to the due date; negative when overdue.
	// Absent once the case is closed.
	DaysLeft   *int    `json:"days_left,omitempty"`
	Warning    string  `json:"warning,omitempty"`
	PausedDays int     `json:"paused_days"`
	Pauses     []Pause `json:"pauses"`
	// Pending lists the materials accepted as pending (容缺受理) and PendingDue the date by
	// which they must arrive.
	Pending     []PendingMaterial `json:"pending,omitempty"`
	PendingDue  string            `json:"pending_due,omitempty"`
	CompletedAt *time.Time        `json:"completed_at,omitempty"`
	CompletedOn string            `json:"completed_on,omitempty"`
	Outcome     string            `json:"outcome,omitempty"`
	Reason      string            `json:"reason,omitempty"` // of a denial or termination
	OnTime      *bool             `json:"on_time,omitempty"`
	Evaluation  *Evaluation       `json:"evaluation,omitempty"`
	// CanEvaluate tells the owner the case waits for their rating.
	CanEvaluate bool `json:"can_evaluate,omitempty"`
}

// Pause is a stop of the clock (行政许可法 art. 45): kind is correction, expert_review,
// hearing or site_survey. EndedOn is empty while it lasts.
type Pause struct {
	Kind      string `json:"kind"`
	Note      string `json:"note"`
	StartedOn string `json:"started_on"`
	EndedOn   string `json:"ended_on,omitempty"`
	Days      int    `json:"days"` // working days it stopped the clock (so far)
}

// PendingMaterial is a material accepted as pending; Supplied once the file arrived.
type PendingMaterial struct {
	MaterialID string `json:"material_id"`
	Name       string `json:"name"`
	Supplied   bool   `json:"supplied"`
}

// AcceptRequest accepts (受理) a passed application. Pending names materials accepted as
// pending (容缺受理) with PendingDue, the date they must arrive by. CompleteNow, for an
// instant item (即办件), completes it as approved in the same step.
type AcceptRequest struct {
	Version     int      `json:"version" validate:"min=0"`
	Pending     []string `json:"pending" validate:"max=20,dive,max=40"`
	PendingDue  string   `json:"pending_due" validate:"omitempty,date"`
	Note        string   `json:"note" validate:"max=500"`
	CompleteNow bool     `json:"complete_now"`
}

// CaseStepRequest moves a case one step (start handling, resume the clock).
type CaseStepRequest struct {
	Version int    `json:"version" validate:"min=0"`
	Note    string `json:"note" validate:"max=500"`
}

// PauseRequest stops the clock with a reason.
type PauseRequest struct {
	Version int    `json:"version" validate:"min=0"`
	Kind    string `json:"kind" validate:"required,oneof=correction expert_review hearing site_survey"`
	Note    string `json:"note" validate:"required,max=500"`
}

// CompleteRequest completes (办结) a case; a denial needs its reasons.
type CompleteRequest struct {
	Version int    `json:"version" validate:"min=0"`
	Outcome string `json:"outcome" validate:"required,oneof=approved denied"`
	Reason  string `json:"reason" validate:"max=1000"`
}

// RefuseRequest does not accept (不予受理) a passed application, with reasons.
type RefuseRequest struct {
	Version int    `json:"version" validate:"min=0"`
	Reason  string `json:"reason" validate:"required,max=1000"`
}

// CaseList answers GET /cases: the caller's window's cases (supervisors: all), with the
// number of yellow and red warnings among the running ones.
type CaseList struct {
	Cases  []Application `json:"cases"`
	Yellow int           `json:"yellow"`
	Red    int           `json:"red"`
}

// PublicCase answers GET /public/cases/{case_no}: progress without personal data.
type PublicCase struct {
	CaseNo      string       `json:"case_no"`
	Item        string       `json:"item"`
	Department  string       `json:"department"`
	Site        string       `json:"site"`
	Status      string       `json:"status"`
	Steps       []PublicStep `json:"steps"`
	AcceptedOn  string       `json:"accepted_on,omitempty"`
	DueDate     string       `json:"due_date,omitempty"`
	DaysLeft    *int         `json:"days_left,omitempty"`
	Paused      bool         `json:"paused,omitempty"`
	CompletedOn string       `json:"completed_on,omitempty"`
	Outcome     string       `json:"outcome,omitempty"`
}

// PublicStep is one step done: what (an event action such as submitted, passed,
// accepted, paused, completed) and on which date. Who is not said.
type PublicStep struct {
	Action string `json:"action"`
	On     string `json:"on"`
}

// EvaluationRequest rates a completed case (好差评): 5 非常满意 … 1 非常不满意.
type EvaluationRequest struct {
	Level   int    `json:"level" validate:"required,min=1,max=5"`
	Comment string `json:"comment" validate:"max=500"`
}

// Evaluation is a case's rating; channel is online or window (the counter's device).
type Evaluation struct {
	Level     int       `json:"level"`
	Comment   string    `json:"comment,omitempty"`
	Channel   string    `json:"channel"`
	CreatedAt time.Time `json:"created_at"`
}

// Rectification is the task a bad review (1–2) opens for the department (整改), with a
// call-back (回访) to the applicant.
type Rectification struct {
	ID             string     `json:"id"`
	ApplicationID  string     `json:"application_id"`
	CaseNo         string     `json:"case_no"`
	ItemName       string     `json:"item_name"`
	DepartmentCode string     `json:"department_code"`
	DepartmentName string     `json:"department_name"`
	Level          int        `json:"level"`
	Comment        string     `json:"comment,omitempty"`
	Status         string     `json:"status"` // open or closed
	DueDate        string     `json:"due_date"`
	Overdue        bool       `json:"overdue"`
	CreatedAt      time.Time  `json:"created_at"`
	CallbackNote   string     `json:"callback_note,omitempty"`
	CallbackAt     *time.Time `json:"callback_at,omitempty"`
	CallbackBy     string     `json:"callback_by,omitempty"`
	Measures       string     `json:"measures,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
}

// RectificationList answers GET /rectifications.
type RectificationList struct {
	Rectifications []Rectification `json:"rectifications"`
	Open           int             `json:"open"`
	Overdue        int             `json:"overdue"`
}

// CallbackRequest records the call-back to the applicant who gave a bad review.
type CallbackRequest struct {
	Note string `json:"note" validate:"required,max=1000"`
}

// CloseRectificationRequest closes a rectification with what was done.
type CloseRectificationRequest struct {
	Measures string `json:"measures" validate:"required,max=2000"`
}

// TicketRequest opens a consultation (咨询) or complaint (投诉), optionally about one of
// the caller's cases or a department.
type TicketRequest struct {
	Kind           string `json:"kind" validate:"required,oneof=consultation complaint"`
	Subject        string `json:"subject" validate:"required,max=100"`
	Body           string `json:"body" validate:"required,max=2000"`
	CaseNo         string `json:"case_no" validate:"max=20"`
	DepartmentCode string `json:"department_code" validate:"max=32"`
}

// Ticket is a consultation or complaint with its conversation. Status is open (nobody
// owns it yet), claimed (an owner, no reply yet), answered, or closed. The first person
// who claims it owns it until it is closed (首问负责制).
type Ticket struct {
	ID             string     `json:"id"`
	Kind           string     `json:"kind"`
	Subject        string     `json:"subject"`
	Status         string     `json:"status"`
	CaseNo         string     `json:"case_no,omitempty"`
	DepartmentCode string     `json:"department_code,omitempty"`
	DepartmentName string     `json:"department_name,omitempty"`
	Applicant      string     `json:"applicant,omitempty"` // for staff: masked
	Owner          string     `json:"owner,omitempty"`     // name of the person who owns it
	Mine           bool       `json:"mine,omitempty"`      // the caller owns it
	CreatedAt      time.Time  `json:"created_at"`
	ClaimedAt      *time.Time `json:"claimed_at,omitempty"`
	FirstReplyAt   *time.Time `json:"first_reply_at,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
	// ResponseMinutes is from opening to the first reply.
	ResponseMinutes *int            `json:"response_minutes,omitempty"`
	Messages        []TicketMessage `json:"messages,omitempty"`
}

// TicketMessage is one message of a ticket's conversation.
type TicketMessage struct {
	Author        string    `json:"author"`
	FromApplicant bool      `json:"from_applicant"`
	Body          string    `json:"body"`
	At            time.Time `json:"at"`
}

// TicketList answers GET /tickets.
type TicketList struct {
	Tickets []Ticket `json:"tickets"`
}

// MessageRequest adds a message to a ticket.
type MessageRequest struct {
	Body string `json:"body" validate:"required,max=2000"`
}
