package portal

import "time"

// Error codes of the appointments domain.
const (
	ESlotFull         = "slot_full"         // 409: no place left in the slot
	EAlreadyBooked    = "already_booked"    // 409: one active appointment per person per item per day
	EBookingSuspended = "booking_suspended" // 403: too many no-shows lately
	ETooLate          = "too_late"          // 409: past the cancel/reschedule cut-off
	EInvalidState     = "invalid_state"     // 409: the thing is not in a state that allows this
	EOutsideWindow    = "outside_window"    // 422: the day is not bookable (too early, too far, not a working day)
	EGraceNotOver     = "grace_not_over"    // 409: too early to record a no-show
)

// SlotKind tells who may book a slot.
type SlotKind string

const (
	SlotRegular      SlotKind = "regular"
	SlotExtended     SlotKind = "extended"      // 延时服务: lunch time, evenings, Saturday mornings
	SlotGreenChannel SlotKind = "green_channel" // 绿色通道: reserved for major projects, booked by agents and staff
)

func (k SlotKind) String() string { return string(k) }

// Valid reports whether k is a known kind.
func (k SlotKind) Valid() bool {
	return k == SlotRegular || k == SlotExtended || k == SlotGreenChannel
}

// BookingRules are a site's booking rules (DESIGN: book from the next working day up to 5
// working days ahead, cancel until 2 hours before, two no-shows in 30 days suspend booking
// for 30 days).
type BookingRules struct {
	SiteCode            string
	DaysAhead           int // working days
	CancelBeforeMinutes int
	GraceMinutes        int // after the start, a person not checked in is a no-show
	NoShowLimit         int
	NoShowWindowDays    int
	SuspendDays         int
}

// DefaultBookingRules are the rules of a site that has none of its own.
func DefaultBookingRules(site string) BookingRules {
	return BookingRules{SiteCode: site, DaysAhead: 5, CancelBeforeMinutes: 120, GraceMinutes: 15,
		NoShowLimit: 2, NoShowWindowDays: 30, SuspendDays: 30}
}

// SlotTemplate says which slots a department's window opens at a site.
type SlotTemplate struct {
	ID             string
	SiteCode       string
	DepartmentCode string
	Weekdays       []time.Weekday
	Start, End     string // "09:00"
	BreakStart     string // lunch break inside the opening hours, "" for none
	BreakEnd       string
	SlotMinutes    int
	Capacity       int
	Kind           SlotKind
	Active         bool
	UpdatedAt      time.Time
}

// Slot is one bookable period at one window.
type Slot struct {
	ID             string
	TemplateID     string
	SiteCode       string
	DepartmentCode string
	Date           string // business date, YYYY-MM-DD
	Start, End     time.Time
	Capacity       int
	Booked         int
	Kind           SlotKind
}

// Remaining is how many places are left.
func (s Slot) Remaining() int { return max(s.Capacity-s.Booked, 0) }

// Appointment statuses.
const (
	ApptBooked    = "booked"
	ApptCancelled = "cancelled"
	ApptCheckedIn = "checked_in"
	ApptNoShow    = "no_show"
)

// Appointment is a booking of a slot for an item (or a walk-in recorded at the window).
type Appointment struct {
	ID             string
	Code           string // shown to the person and encoded in the QR
	UserID         string
	SlotID         string
	ItemCode       string
	SiteCode       string
	DepartmentCode string
	Date           string
	Start, End     time.Time
	Status         string
	BookedBy       string // the agent or staff member who booked for the person, if any
	WalkIn         bool
	VisitorName    string
	CreatedAt      time.Time
	CancelledAt    *time.Time
	CheckedInAt    *time.Time
	NoShowAt       *time.Time
}

// Waitlist entry statuses.
const (
	WaitWaiting = "waiting"
	WaitBooked  = "booked"
	WaitLeft    = "left"
)

// Home visit statuses (上门服务).
const (
	VisitRequested = "requested"
	VisitAccepted  = "accepted"
	VisitScheduled = "scheduled"
	VisitDeclined  = "declined"
)

// HomeVisit is a request for door-to-door service by someone who cannot come.
type HomeVisit struct {
	ID             string
	UserID         string
	ItemCode       string
	SiteCode       string
	DepartmentCode string
	Address        string
	Reason         string
	ContactPhone   string
	Status         string
	ScheduledAt    *time.Time
	StaffNote      string
	HandledBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Notification is an entry of a person's in-app inbox. Kind names a catalog message
// ("inbox.<kind>") and Params fill it, so it reads in the person's language.
type Notification struct {
	ID        string
	UserID    string
	Kind      string
	Params    map[string]string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}
