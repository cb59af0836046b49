package pages

import (
	"strconv"
	"strings"
	"testing"

	"portal/app/api"
	"portal/app/i18n"
)

// The booking setup pages' keys (slots., cal.: prefixes the i18n package's scan does not
// know) are in both catalogs, and so are the keys they build from numbers and API values.
func TestBookingSetupKeysInBothCatalogs(t *testing.T) {
	used := literalKeys(t, []string{"slots.", "cal.", "slot.", "nav.", "field.", "desk."}, "adminslots.go", "admincalendar.go")
	for d := range 7 {
		used["weekday.short."+strconv.Itoa(d)] = "weekdaysText"
	}
	for _, k := range []string{"holiday", "workday"} {
		used["cal.kind."+k] = "kindBadge"
	}
	inBothCatalogs(t, used, 60)
}

func TestWeekdaysText(t *testing.T) {
	zh := &AdminSlots{base: base{lang: i18n.ZH}}
	if got := zh.weekdaysText([]int{5, 1, 2, 3, 4}); got != "一二三四五" {
		t.Errorf("Monday to Friday reads %q", got)
	}
	if got := zh.weekdaysText([]int{0, 6}); got != "六日" {
		t.Errorf("the weekend reads %q (Sunday comes last)", got)
	}
	en := &AdminSlots{base: base{lang: i18n.EN}}
	if got := en.weekdaysText([]int{1, 3}); got != "Mon Wed" {
		t.Errorf("English reads %q", got)
	}
}

func TestTemplateFormRoundTrip(t *testing.T) {
	in := api.SlotTemplate{ID: "x", SiteCode: "county", DepartmentCode: "slj", Weekdays: []int{1, 2, 3, 4, 5},
		Start: "14:00", End: "16:00", SlotMinutes: 60, Capacity: 4, Kind: "extended", Active: true}
	f := tplFormOf(in)
	if f.Minutes != "60" || f.Capacity != "4" || !f.Days[1] || f.Days[0] || f.Days[6] || f.BreakStart != "" {
		t.Errorf("form %+v", f)
	}
	n := newTplForm("slj")
	if n.ID != "" || n.Department != "slj" || !n.Days[5] || n.Days[6] || n.Kind != "regular" || !n.Active {
		t.Errorf("a new form %+v", n)
	}
}

func TestTemplatesGroupedByDepartment(t *testing.T) {
	a := &AdminSlots{
		departments: []api.Department{{Code: "fgj", Name: "A"}, {Code: "slj", Name: "B"}},
		templates: []api.SlotTemplate{
			{ID: "1", DepartmentCode: "slj"}, {ID: "2", DepartmentCode: "gone"}, {ID: "3", DepartmentCode: "fgj"}, {ID: "4", DepartmentCode: "slj"},
		},
	}
	var got []string
	for _, g := range a.groups() {
		var ids []string
		for _, t := range g.list {
			ids = append(ids, t.ID)
		}
		got = append(got, g.name+":"+strings.Join(ids, ","))
	}
	if strings.Join(got, " ") != "A:3 B:1,4 gone:2" {
		t.Errorf("groups %v", got)
	}
}
