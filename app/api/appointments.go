package api

import "time"

// Slot is a bookable period at a window. Remaining is live: the number of places left when
// the answer was made.
type Slot struct {
	ID             string    `json:"id"`
	Site           string    `json:"site"`
	Department     string    `json:"department"`
	Date           string    `json:"date"`
	Start          time.Time `json:"start"`
	End            time.Time `json:"end"`
	Capacity       int       `json:"capacity"`
	Booked         int       `json:"booked"`
	Remaining      int       `json:"remaining"`
	Kind           string    `json:"kind"`
	Bookable       bool      `json:"bookable"` // inside the booking window and open to the caller's role
	WaitlistLength int       `json:"waitlist_length,omitempty"`
}

// SlotList answers GET /slots. Days lists the bookable days of the window, so a page can show
// days without slots too.
type SlotList struct {
	Slots []Slot   `json:"slots"`
	Days  []string `json:"days"`
}

// BookRequest books a place. An Idempotency-Key header makes a retry safe.
type BookRequest struct {
	SlotID   string `json:"slot_id" validate:"required,max=40"`
	ItemCode string `json:"item_code" validate:"required,max=40"`
}

// RescheduleRequest moves an appointment to another slot.
type RescheduleRequest struct {
	SlotID string `json:"slot_id" validate:"required,max=40"`
}

// Appointment is a booking as its owner and the window see it.
type Appointment struct {
	ID             string     `json:"id"`
	Code           string     `json:"code"`
	Status         string     `json:"status"`
	Slot           *Slot      `json:"slot,omitempty"`
	ItemCode       string     `json:"item_code"`
	ItemName       string     `json:"item_name"`
	SiteCode       string     `json:"site_code"`
	SiteName       string     `json:"site_name"`
	SiteAddress    string     `json:"site_address"`
	DepartmentCode string     `json:"department_code"`
	DepartmentName string     `json:"department_name"`
	Date           string     `json:"date"`
	Start          time.Time  `json:"start"`
	End            time.Time  `json:"end"`
	WalkIn         bool       `json:"walk_in,omitempty"`
	Person         string     `json:"person,omitempty"` // for staff: the name, phone masked
	CancelUntil    time.Time  `json:"cancel_until"`
	CreatedAt      time.Time  `json:"created_at"`
	CheckedInAt    *time.Time `json:"checked_in_at,omitempty"`
	// QRPNG is the check-in QR code (the appointment code) as a base64 PNG, on the detail
	// answer only.
	QRPNG string `json:"qr_png,omitempty"`
}

// AppointmentList answers GET /appointments.
type AppointmentList struct {
	Appointments []Appointment `json:"appointments"`
	// SuspendedUntil is set while the person may not book online (too many no-shows).
	SuspendedUntil *time.Time     `json:"suspended_until,omitempty"`
	Waitlist       []WaitlistInfo `json:"waitlist,omitempty"`
}

// WaitlistRequest joins a full slot's waitlist.
type WaitlistRequest struct {
	ItemCode string `json:"item_code" validate:"required,max=40"`
}

// WaitlistInfo is a place on a slot's waitlist.
type WaitlistInfo struct {
	ID       string `json:"id"`
	SlotID   string `json:"slot_id"`
	Position int    `json:"position"`
}

// StaffDay answers GET /staff/appointments: a window's day in time order, with a summary.
type StaffDay struct {
	Date         string         `json:"date"`
	Appointments []Appointment  `json:"appointments"`
	Summary      map[string]int `json:"summary"`
}

// WalkInRequest records a person served without an appointment.
type WalkInRequest struct {
	ItemCode    string `json:"item_code" validate:"required,max=40"`
	VisitorName string `json:"visitor_name" validate:"required,max=40"`
}

// HomeVisitRequest asks for door-to-door service (上门服务).
type HomeVisitRequest struct {
	ItemCode     string `json:"item_code" validate:"required,max=40"`
	SiteCode     string `json:"site_code" validate:"max=32"`
	Address      string `json:"address" validate:"required,max=200"`
	Reason       string `json:"reason" validate:"required,max=500"`
	ContactPhone string `json:"contact_phone" validate:"required,cnmobile"`
}

// HomeVisitDecision is staff's answer to a request.
type HomeVisitDecision struct {
	Decision    string     `json:"decision" validate:"required,oneof=accept schedule decline"`
	ScheduledAt *time.Time `json:"scheduled_at"`
	Note        string     `json:"note" validate:"max=500"`
}

// HomeVisit is a door-to-door request.
type HomeVisit struct {
	ID           string     `json:"id"`
	ItemCode     string     `json:"item_code"`
	ItemName     string     `json:"item_name"`
	SiteCode     string     `json:"site_code"`
	Address      string     `json:"address"`
	Reason       string     `json:"reason"`
	ContactPhone string     `json:"contact_phone"`
	Person       string     `json:"person,omitempty"`
	Status       string     `json:"status"`
	ScheduledAt  *time.Time `json:"scheduled_at,omitempty"`
	StaffNote    string     `json:"staff_note,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

// HomeVisitList lists requests.
type HomeVisitList struct {
	Visits []HomeVisit `json:"visits"`
}

// Notification is an inbox entry; Kind selects the message ("inbox.<kind>") and Params
// fill it.
type Notification struct {
	ID        string            `json:"id"`
	Kind      string            `json:"kind"`
	Params    map[string]string `json:"params"`
	Link      string            `json:"link"`
	CreatedAt time.Time         `json:"created_at"`
	Read      bool              `json:"read"`
}

// NotificationList answers GET /notifications.
type NotificationList struct {
	Notifications []Notification `json:"notifications"`
	Unread        int            `json:"unread"`
}

// SlotTemplate is an admin's definition of a window's slots.
type SlotTemplate struct {
	ID             string `json:"id"`
	SiteCode       string `json:"site_code" validate:"required,max=32"`
	DepartmentCode string `json:"department_code" validate:"required,max=32"`
	Weekdays       []int  `json:"weekdays" validate:"required,min=1,max=7,dive,min=0,max=6"`
	Start          string `json:"start" validate:"required,clock"`
	End            string `json:"end" validate:"required,clock"`
	BreakStart     string `json:"break_start" validate:"omitempty,clock"`
	BreakEnd       string `json:"break_end" validate:"omitempty,clock"`
	SlotMinutes    int    `json:"slot_minutes" validate:"min=5,max=240"`
	Capacity       int    `json:"capacity" validate:"min=1,max=500"`
	Kind           string `json:"kind" validate:"required,oneof=regular extended green_channel"`
	Active         bool   `json:"active"`
}

// SlotTemplateList answers GET /admin/slot-templates.
type SlotTemplateList struct {
	Templates []SlotTemplate `json:"templates"`
}

// CalendarDay is an exception to the weekday rule.
type CalendarDay struct {
	Date string `json:"date" validate:"required,len=10"`
	Kind string `json:"kind" validate:"required,oneof=holiday workday"`
	Name string `json:"name" validate:"max=40"`
}

// CalendarList answers GET /admin/calendar.
type CalendarList struct {
	Days     []CalendarDay `json:"days"`
	Closures []Closure     `json:"closures"`
}

// Closure closes a site for a day.
type Closure struct {
	SiteCode string `json:"site_code"`
	Date     string `json:"date" validate:"required,len=10"`
	Reason   string `json:"reason" validate:"required,max=100"`
}

// BookingRules are a site's booking rules.
type BookingRules struct {
	SiteCode            string `json:"site_code"`
	DaysAhead           int    `json:"days_ahead" validate:"min=1,max=30"`
	CancelBeforeMinutes int    `json:"cancel_before_minutes" validate:"min=0,max=2880"`
	GraceMinutes        int    `json:"grace_minutes" validate:"min=0,max=240"`
	NoShowLimit         int    `json:"no_show_limit" validate:"min=1,max=20"`
	NoShowWindowDays    int    `json:"no_show_window_days" validate:"min=1,max=365"`
	SuspendDays         int    `json:"suspend_days" validate:"min=0,max=365"`
}
