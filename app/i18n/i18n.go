// Package i18n is the message catalog. Every string a person reads, in the UI and in API
// error messages, is looked up here by key: Chinese (zh-CN) is the default, English the
// second language. Keys are dotted, grouped by screen ("home.title") or purpose
// ("error.bad_login", "field.cnmobile").
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a language the portal speaks.
type Lang string

const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

// Default is the language used when nothing else is known.
const Default = ZH

var catalogs = map[Lang]map[string]string{ZH: zh, EN: en}

// Parse maps a stored or requested language (an Accept-Language header, a saved
// preference) to one we speak.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, part := range strings.Split(s, ",") {
		tag := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		switch {
		case strings.HasPrefix(tag, "zh"):
			return ZH
		case strings.HasPrefix(tag, "en"):
			return EN
		}
	}
	return Default
}

// T returns the message for key in lang, formatted with args. A key missing from lang falls
// back to Chinese; a key missing everywhere is returned as is, which the catalog tests catch.
func T(lang Lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		msg, ok = zh[key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key is in the catalog of lang.
func Has(lang Lang, key string) bool {
	_, ok := catalogs[lang][key]
	return ok
}

// Keys returns every key of lang's catalog.
func Keys(lang Lang) []string {
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	return keys
}
