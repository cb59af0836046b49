package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/server/demo"
	"portal/server/portal"
	"portal/server/store"
	"portal/server/store/storetest"
)

// eachDB runs fn on a fresh database of every engine.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, storetest.Open(t, d))
		})
	}
}

func seeded(t *testing.T, db *store.DB) {
	t.Helper()
	if ok, err := demo.Seed(context.Background(), db); err != nil || !ok {
		t.Fatalf("seed: %v %v", ok, err)
	}
}

func TestUsers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := portal.User{Login: "13800001111", Phone: "13800001111", Name: "张三", Role: portal.RoleApplicant, PasswordHash: "h"}
		if err := db.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		got, err := db.UserByLogin(ctx, "13800001111")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Name != "张三" || got.Role != portal.RoleApplicant || got.Disabled {
			t.Errorf("got %+v, want %+v", got, u)
		}
		if !got.CreatedAt.Equal(u.CreatedAt) {
			t.Errorf("created_at round trip: got %v want %v", got.CreatedAt, u.CreatedAt)
		}
		dup := portal.User{Login: "13800001111", Phone: "13800001111", Name: "李四", Role: portal.RoleApplicant, PasswordHash: "h"}
		if err := db.CreateUser(ctx, &dup); portal.ErrorCode(err) != portal.EPhoneTaken {
			t.Errorf("second account with the phone: got %v, want %s", err, portal.EPhoneTaken)
		}
		// Two staff accounts without a phone do not collide on the phone index.
		for _, login := range []string{"staff.a", "staff.b"} {
			s := portal.User{Login: login, Name: login, Role: portal.RoleStaff, PasswordHash: "h"}
			if err := db.CreateUser(ctx, &s); err != nil {
				t.Fatalf("staff %s: %v", login, err)
			}
		}
		if _, err := db.UserByLogin(ctx, "nobody"); portal.ErrorCode(err) != portal.ENotFound {
			t.Errorf("unknown login: got %v", err)
		}
		n, err := db.CountUsers(ctx)
		if err != nil || n != 3 {
			t.Errorf("count = %d, %v; want 3", n, err)
		}
	})
}

func TestRefreshTokenRotation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := portal.User{Login: "13800002222", Phone: "13800002222", Name: "王五", Role: portal.RoleApplicant, PasswordHash: "h"}
		if err := db.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		first := store.RefreshToken{FamilyID: "fam1", UserID: u.ID, Hash: "hash-1", ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateRefreshToken(ctx, &first); err != nil {
			t.Fatal(err)
		}
		got, err := db.SpendRefreshToken(ctx, "hash-1")
		if err != nil || got.FamilyID != "fam1" || got.UserID != u.ID {
			t.Fatalf("spend: %+v %v", got, err)
		}
		second := store.RefreshToken{FamilyID: "fam1", UserID: u.ID, Hash: "hash-2", ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateRefreshToken(ctx, &second); err != nil {
			t.Fatal(err)
		}
		// Reusing the spent token revokes the family: the fresh token dies with it.
		if _, err := db.SpendRefreshToken(ctx, "hash-1"); !errors.Is(err, store.ErrTokenReused) {
			t.Fatalf("reuse: got %v, want ErrTokenReused", err)
		}
		if _, err := db.SpendRefreshToken(ctx, "hash-2"); portal.ErrorCode(err) != portal.ETokenInvalid {
			t.Fatalf("token of a revoked family: got %v", err)
		}
		expired := store.RefreshToken{FamilyID: "fam2", UserID: u.ID, Hash: "hash-3", ExpiresAt: time.Now().Add(-time.Minute)}
		if err := db.CreateRefreshToken(ctx, &expired); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SpendRefreshToken(ctx, "hash-3"); portal.ErrorCode(err) != portal.ETokenInvalid {
			t.Fatalf("expired token: got %v", err)
		}
	})
}

// Two requests presenting one refresh token at once: exactly one wins, and the loser's
// attempt counts as reuse.
func TestRefreshTokenConcurrentSpend(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := portal.User{Login: "13800003333", Phone: "13800003333", Name: "赵六", Role: portal.RoleApplicant, PasswordHash: "h"}
		if err := db.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		tok := store.RefreshToken{FamilyID: "famc", UserID: u.ID, Hash: "hash-c", ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateRefreshToken(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		const n = 8
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.SpendRefreshToken(ctx, "hash-c")
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		ok := 0
		for err := range errs {
			if err == nil {
				ok++
			} else if portal.ErrorCode(err) != portal.ETokenInvalid {
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d of %d concurrent spends succeeded, want 1", ok, n)
		}
	})
}

func TestCatalogSearch(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		ctx := context.Background()
		all, total, err := db.ListItems(ctx, portal.ItemQuery{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		if total < 40 || len(all) != total {
			t.Fatalf("active items: %d listed, total %d; want at least 40", len(all), total)
		}
		for _, it := range all {
			if it.Status != portal.ItemActive {
				t.Errorf("public list has %s item %s", it.Status, it.Code)
			}
		}
		withRetired, totalAll, err := db.ListItems(ctx, portal.ItemQuery{Limit: 200, IncludeRetired: true})
		if err != nil {
			t.Fatal(err)
		}
		if totalAll <= total || len(withRetired) != totalAll {
			t.Errorf("with retired: %d, active %d", totalAll, total)
		}

		// Exact name ranks first, then names that start with the query.
		rows, _, err := db.ListItems(ctx, portal.ItemQuery{Q: "食品经营许可"})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || rows[0].Name != "食品经营许可" {
			t.Fatalf("exact match not first: %+v", names(rows))
		}
		// A keyword finds an item whose name does not contain it.
		rows, _, err = db.ListItems(ctx, portal.ItemQuery{Q: "餐饮"})
		if err != nil {
			t.Fatal(err)
		}
		if !contains(names(rows), "食品经营许可") {
			t.Errorf("keyword 餐饮 did not find 食品经营许可: %v", names(rows))
		}
		// A department name finds its items; every term must match.
		rows, n, err := db.ListItems(ctx, portal.ItemQuery{Q: "市场监督 登记"})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatal("市场监督 登记 found nothing")
		}
		for _, r := range rows {
			if r.DepartmentCode != "scjgj" && !strings.Contains(r.Name+r.DepartmentName, "市场监督") {
				t.Errorf("%s (%s) does not match 市场监督", r.Name, r.DepartmentCode)
			}
		}
		// LIKE wildcards in the query are literal.
		if _, n, err := db.ListItems(ctx, portal.ItemQuery{Q: "%"}); err != nil || n != 0 {
			t.Errorf("q=%%: %d results, %v; want none", n, err)
		}
		// Filters combine.
		rows, n, err = db.ListItems(ctx, portal.ItemQuery{DepartmentCode: "scjgj", Handling: portal.HandlingInstant, Limit: 200})
		if err != nil || n == 0 {
			t.Fatalf("filter: %d %v", n, err)
		}
		for _, r := range rows {
			if r.DepartmentCode != "scjgj" || r.Handling != portal.HandlingInstant {
				t.Errorf("filter leaked %s %s %s", r.Code, r.DepartmentCode, r.Handling)
			}
		}
		township := demo.Sites()[1].Code
		rows, n, err = db.ListItems(ctx, portal.ItemQuery{SiteCode: township, Limit: 200})
		if err != nil || n == 0 || n >= total {
			t.Fatalf("site filter %s: %d of %d, %v", township, n, total, err)
		}
		for _, r := range rows {
			it, err := db.Item(ctx, r.Code)
			if err != nil || !contains(it.Sites, township) {
				t.Errorf("%s listed for %s but handled at %v", r.Code, township, it.Sites)
			}
		}
		// Paging walks the whole list without repeats.
		seen := map[string]bool{}
		for off := 0; off < total; off += 7 {
			page, _, err := db.ListItems(ctx, portal.ItemQuery{Limit: 7, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page {
				if seen[r.Code] {
					t.Errorf("item %s on two pages", r.Code)
				}
				seen[r.Code] = true
			}
		}
		if len(seen) != total {
			t.Errorf("paging saw %d of %d", len(seen), total)
		}
	})
}

func TestItemEditing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		ctx := context.Background()
		row, err := db.Item(ctx, "SCJGJ-001")
		if err != nil {
			t.Fatal(err)
		}
		if len(row.Materials) < 2 || row.Version != 1 {
			t.Fatalf("seeded item: %d materials, version %d", len(row.Materials), row.Version)
		}
		it := row.Item
		it.Name = "公司设立登记（一网通办）"
		removed := it.Materials[len(it.Materials)-1]
		it.Materials = append([]portal.Material{{Name: "新增材料", Required: false, Form: portal.FormCopy, Copies: 1,
			Formats: []string{"pdf"}, MaxBytes: 1 << 20}}, it.Materials[:len(it.Materials)-1]...)
		if err := db.UpdateItem(ctx, &it, "admin-1", "按新规调整"); err != nil {
			t.Fatal(err)
		}
		if it.Version != 2 {
			t.Errorf("version after edit = %d, want 2", it.Version)
		}
		got, err := db.Item(ctx, "SCJGJ-001")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "公司设立登记（一网通办）" || got.Materials[0].Name != "新增材料" || got.Materials[0].ID == "" {
			t.Errorf("edit not stored: %s, first material %+v", got.Name, got.Materials[0])
		}
		for _, m := range got.Materials {
			if m.ID == removed.ID {
				t.Errorf("removed material %s still listed", removed.Name)
			}
		}
		if got.Materials[1].ID != row.Materials[0].ID {
			t.Errorf("kept material lost its id: %s vs %s", got.Materials[1].ID, row.Materials[0].ID)
		}

		// An editor who loaded version 1 cannot overwrite version 2.
		stale := row.Item
		stale.Name = "过时的修改"
		if err := db.UpdateItem(ctx, &stale, "admin-2", ""); portal.ErrorCode(err) != portal.EStale {
			t.Fatalf("stale edit: got %v, want %s", err, portal.EStale)
		}
		// Retiring hides the item from the public list but keeps it and its history.
		if _, err := db.SetItemStatus(ctx, "SCJGJ-001", portal.ItemCancelled, 2, "admin-1", "县政府公告取消"); err != nil {
			t.Fatal(err)
		}
		_, n, err := db.ListItems(ctx, portal.ItemQuery{Q: "公司设立登记（一网通办）"})
		if err != nil || n != 0 {
			t.Errorf("cancelled item still public: %d %v", n, err)
		}
		kept, err := db.Item(ctx, "SCJGJ-001")
		if err != nil || kept.Status != portal.ItemCancelled {
			t.Errorf("cancelled item: %v %v", kept.Status, err)
		}
		hist, err := db.ItemHistory(ctx, "SCJGJ-001")
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, h := range hist {
			actions = append(actions, h.Action)
		}
		want := []string{"created", "updated", "cancelled"}
		if len(actions) != len(want) || actions[0] != want[0] || actions[1] != want[1] || actions[2] != want[2] {
			t.Errorf("history %v, want %v", actions, want)
		}
		if _, err := db.SetItemStatus(ctx, "NOPE-404", portal.ItemCancelled, 1, "a", "n"); portal.ErrorCode(err) != portal.ENotFound {
			t.Errorf("unknown item: %v", err)
		}
		// A new item with a taken code is a conflict.
		dup := portal.Item{Code: "SCJGJ-002", Name: "x", DepartmentCode: "scjgj", Kind: portal.KindLicensing, Handling: portal.HandlingInstant, Sites: []string{"county"}}
		if err := db.CreateItem(ctx, &dup, "a", ""); portal.ErrorCode(err) != portal.EConflict {
			t.Errorf("duplicate code: %v", err)
		}
	})
}

// Seeding twice does not duplicate anything: restarts of `make run` keep the data.
func TestSeedOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		again, err := demo.Seed(context.Background(), db)
		if err != nil || again {
			t.Fatalf("second seed: %v %v", again, err)
		}
		n, _ := db.CountUsers(context.Background())
		if n != len(demo.Accounts) {
			t.Errorf("users = %d, want %d", n, len(demo.Accounts))
		}
	})
}

func names(rows []store.ItemRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Two replicas recording the second no-show at once suspend the person once and tell them
// once.
func TestSuspendBookingOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := portal.User{Login: "13800004444", Phone: "13800004444", Name: "周八", Role: portal.RoleApplicant, PasswordHash: "h"}
		if err := db.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		n := portal.Notification{UserID: u.ID, Kind: "booking_suspended"}
		var changed []bool
		for range 2 {
			c, err := db.SuspendBooking(ctx, u.ID, now, now.AddDate(0, 0, 30), "2 no-shows", n)
			if err != nil {
				t.Fatal(err)
			}
			changed = append(changed, c)
		}
		if !changed[0] || changed[1] {
			t.Errorf("changed = %v, want [true false]", changed)
		}
		inbox, _ := db.Notifications(ctx, u.ID, 10)
		if len(inbox) != 1 {
			t.Errorf("%d notifications, want 1", len(inbox))
		}
		until, _, _ := db.BookingSuspension(ctx, u.ID)
		if until.Before(now.AddDate(0, 0, 29)) {
			t.Errorf("suspended until %v", until)
		}
	})
}
