// Package catalog serves the public service catalog (事项目录/办事指南) and lets admins create,
// edit and retire items. Retired items keep their history and disappear from public view.
package catalog

import (
	"context"
	"strings"

	"portal/app/api"
	"portal/server/portal"
	"portal/server/store"
)

// Service is the catalog service.
type Service struct {
	DB *store.DB
}

// Sites lists the service centres.
func (s *Service) Sites(ctx context.Context) ([]api.Site, error) {
	sites, err := s.DB.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]api.Site, 0, len(sites))
	for _, x := range sites {
		out = append(out, siteToAPI(x))
	}
	return out, nil
}

// Departments lists the departments.
func (s *Service) Departments(ctx context.Context) ([]api.Department, error) {
	deps, err := s.DB.ListDepartments(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]api.Department, 0, len(deps))
	for _, d := range deps {
		out = append(out, api.Department{Code: d.Code, Name: d.Name})
	}
	return out, nil
}

// Items searches the catalog. Only admins may include retired items.
func (s *Service) Items(ctx context.Context, a portal.Actor, q portal.ItemQuery) (api.ItemList, error) {
	if q.IncludeRetired && !a.Is(portal.RoleAdmin, portal.RoleSupervisor) {
		q.IncludeRetired = false
	}
	if len([]rune(q.Q)) > 50 {
		return api.ItemList{}, portal.FieldError("q", "field.too_long")
	}
	rows, total, err := s.DB.ListItems(ctx, q)
	if err != nil {
		return api.ItemList{}, err
	}
	out := api.ItemList{Items: make([]api.ItemSummary, 0, len(rows)), Total: total}
	for _, r := range rows {
		out.Items = append(out.Items, summaryToAPI(r))
	}
	return out, nil
}

// Item returns one item's guide. The public sees active items only; admins and supervisors
// see retired ones too, with their status.
func (s *Service) Item(ctx context.Context, a portal.Actor, code string) (api.Item, error) {
	row, err := s.DB.Item(ctx, code)
	if err != nil {
		return api.Item{}, err
	}
	if row.Status != portal.ItemActive && !a.Is(portal.RoleAdmin, portal.RoleSupervisor) {
		return api.Item{}, portal.Errorf(portal.ENotFound, "item %s is %s", code, row.Status)
	}
	sites, err := s.DB.ListSites(ctx)
	if err != nil {
		return api.Item{}, err
	}
	return itemToAPI(row, sites), nil
}

// Save creates an item (when create is true) or edits it, for admins only.
func (s *Service) Save(ctx context.Context, a portal.Actor, in api.ItemInput, create bool) (api.Item, error) {
	if !a.Is(portal.RoleAdmin) {
		return api.Item{}, portal.Errorf(portal.EForbidden, "%s may not edit the catalog", a.Role)
	}
	it, err := s.fromInput(ctx, in)
	if err != nil {
		return api.Item{}, err
	}
	if create {
		err = s.DB.CreateItem(ctx, &it, a.UserID, in.Note)
	} else {
		err = s.DB.UpdateItem(ctx, &it, a.UserID, in.Note)
	}
	if err != nil {
		return api.Item{}, err
	}
	return s.Item(ctx, a, it.Code)
}

// SetStatus retires or restores an item, for admins only.
func (s *Service) SetStatus(ctx context.Context, a portal.Actor, code string, req api.ItemStatusRequest) (api.Item, error) {
	if !a.Is(portal.RoleAdmin) {
		return api.Item{}, portal.Errorf(portal.EForbidden, "%s may not edit the catalog", a.Role)
	}
	status := portal.ItemStatus(req.Status)
	if !status.Valid() {
		return api.Item{}, portal.FieldError("status", "field.oneof")
	}
	if _, err := s.DB.SetItemStatus(ctx, code, status, req.Version, a.UserID, req.Note); err != nil {
		return api.Item{}, err
	}
	return s.Item(ctx, a, code)
}

// History lists an item's changes, for admins and supervisors.
func (s *Service) History(ctx context.Context, a portal.Actor, code string) ([]api.ItemChange, error) {
	if !a.Is(portal.RoleAdmin, portal.RoleSupervisor) {
		return nil, portal.Errorf(portal.EForbidden, "%s may not read item history", a.Role)
	}
	if _, err := s.DB.Item(ctx, code); err != nil {
		return nil, err
	}
	changes, err := s.DB.ItemHistory(ctx, code)
	if err != nil {
		return nil, err
	}
	out := make([]api.ItemChange, 0, len(changes))
	for _, c := range changes {
		out = append(out, api.ItemChange{ID: c.ID, Action: c.Action, ActorID: c.ActorID, Note: c.Note, At: c.At})
	}
	return out, nil
}

// fromInput checks what the validator tags cannot: that the department and sites exist and
// that an instant item promises no days.
func (s *Service) fromInput(ctx context.Context, in api.ItemInput) (portal.Item, error) {
	fields := map[string]string{}
	deps, err := s.DB.ListDepartments(ctx)
	if err != nil {
		return portal.Item{}, err
	}
	sites, err := s.DB.ListSites(ctx)
	if err != nil {
		return portal.Item{}, err
	}
	known := func(code string) bool {
		for _, d := range deps {
			if d.Code == code {
				return true
			}
		}
		return false
	}
	if !known(in.DepartmentCode) {
		fields["department_code"] = "field.department"
	}
	for _, sc := range in.Sites {
		found := false
		for _, x := range sites {
			found = found || x.Code == sc
		}
		if !found {
			fields["sites"] = "field.site"
		}
	}
	if in.Handling == string(portal.HandlingInstant) && in.PromisedDays != 0 {
		fields["promised_days"] = "field.instant_days"
	}
	if in.Handling == string(portal.HandlingPromise) && in.PromisedDays == 0 {
		fields["promised_days"] = "field.promise_days"
	}
	if len(fields) > 0 {
		return portal.Item{}, &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	it := portal.Item{
		Code: strings.ToUpper(in.Code), Name: strings.TrimSpace(in.Name), DepartmentCode: in.DepartmentCode,
		Kind: portal.ItemKind(in.Kind), Handling: portal.Handling(in.Handling), LegalDays: in.LegalDays,
		PromisedDays: in.PromisedDays, Fee: in.Fee, FeeBasis: in.FeeBasis, Conditions: in.Conditions,
		LegalBasis: in.LegalBasis, Trips: in.Trips, OnlinePreview: in.OnlinePreview, Bookable: in.Bookable,
		Keywords: in.Keywords, Sites: in.Sites, Version: in.Version,
	}
	for _, m := range in.Materials {
		it.Materials = append(it.Materials, portal.Material{
			ID: m.ID, Name: strings.TrimSpace(m.Name), Required: m.Required, Form: portal.MaterialForm(m.Form),
			Copies: m.Copies, Formats: m.Formats, MaxBytes: m.MaxBytes, Notes: m.Notes, Sample: m.Sample, TypeCode: m.TypeCode,
		})
	}
	return it, nil
}

func siteToAPI(s portal.Site) api.Site {
	return api.Site{Code: s.Code, Name: s.Name, Kind: s.Kind, Address: s.Address, Hours: s.Hours, Phone: s.Phone}
}

func summaryToAPI(r store.ItemRow) api.ItemSummary {
	return api.ItemSummary{
		Code: r.Code, Name: r.Name, DepartmentCode: r.DepartmentCode, DepartmentName: r.DepartmentName,
		Kind: string(r.Kind), Handling: string(r.Handling), LegalDays: r.LegalDays, PromisedDays: r.PromisedDays,
		Trips: r.Trips, OnlinePreview: r.OnlinePreview, Bookable: r.Bookable, Status: string(r.Status),
	}
}

func itemToAPI(r store.ItemRow, sites []portal.Site) api.Item {
	out := api.Item{
		ItemSummary: summaryToAPI(r), Fee: r.Fee, FeeBasis: r.FeeBasis, Conditions: r.Conditions,
		LegalBasis: r.LegalBasis, Keywords: r.Keywords, Version: r.Version, UpdatedAt: r.UpdatedAt,
		Sites: []api.Site{}, Materials: []api.Material{},
	}
	for _, code := range r.Sites {
		for _, s := range sites {
			if s.Code == code {
				out.Sites = append(out.Sites, siteToAPI(s))
			}
		}
	}
	for _, m := range r.Materials {
		formats := m.Formats
		if formats == nil {
			formats = []string{}
		}
		out.Materials = append(out.Materials, api.Material{
			ID: m.ID, Name: m.Name, Required: m.Required, Form: string(m.Form), Copies: m.Copies, Formats: formats,
			MaxBytes: m.MaxBytes, Notes: m.Notes, Sample: m.Sample, TypeCode: m.TypeCode,
		})
	}
	return out
}
