package query_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *query.Query
	}{
		{
			name: "bare name",
			in:   "torchtriton",
			want: &query.Query{Input: "torchtriton", Kind: query.KindName, Name: "torchtriton"},
		},
		{
			name: "bare name surrounded by spaces",
			in:   "  lodash\n",
			want: &query.Query{Input: "  lodash\n", Kind: query.KindName, Name: "lodash"},
		},
		{
			name: "name at version",
			in:   "torchtriton@2.0.0+0d7e753227",
			want: &query.Query{Input: "torchtriton@2.0.0+0d7e753227", Kind: query.KindName, Name: "torchtriton", Version: "2.0.0+0d7e753227"},
		},
		{
			name: "npm scope",
			in:   "@angular/core",
			want: &query.Query{Input: "@angular/core", Kind: query.KindQualified, Namespace: "@angular", Name: "core"},
		},
		{
			name: "npm scope at version",
			in:   "@angular/core@16.0.0",
			want: &query.Query{Input: "@angular/core@16.0.0", Kind: query.KindQualified, Namespace: "@angular", Name: "core", Version: "16.0.0"},
		},
		{
			name: "maven group artifact",
			in:   "org.apache.logging.log4j:log4j-core",
			want: &query.Query{Input: "org.apache.logging.log4j:log4j-core", Kind: query.KindQualified, Namespace: "org.apache.logging.log4j", Name: "log4j-core"},
		},
		{
			name: "maven group artifact version",
			in:   "g:a:1.0",
			want: &query.Query{Input: "g:a:1.0", Kind: query.KindQualified, Namespace: "g", Name: "a", Version: "1.0"},
		},
		{
			name: "maven group artifact at version",
			in:   "org.apache.logging.log4j:log4j-core@2.14.1",
			want: &query.Query{Input: "org.apache.logging.log4j:log4j-core@2.14.1", Kind: query.KindQualified, Namespace: "org.apache.logging.log4j", Name: "log4j-core", Version: "2.14.1"},
		},
		{
			name: "go module path",
			in:   "golang.org/x/net",
			want: &query.Query{Input: "golang.org/x/net", Kind: query.KindQualified, Namespace: "golang.org/x", Name: "net"},
		},
		{
			name: "go module path at version",
			in:   "golang.org/x/net@v0.1.0",
			want: &query.Query{Input: "golang.org/x/net@v0.1.0", Kind: query.KindQualified, Namespace: "golang.org/x", Name: "net", Version: "v0.1.0"},
		},
		{
			name: "purl without version",
			in:   "pkg:pypi/torchtriton",
			want: &query.Query{Input: "pkg:pypi/torchtriton", Kind: query.KindPURL, Type: "pypi", Name: "torchtriton"},
		},
		{
			name: "purl with version",
			in:   "pkg:npm/lodash@4.17.20",
			want: &query.Query{Input: "pkg:npm/lodash@4.17.20", Kind: query.KindPURL, Type: "npm", Name: "lodash", Version: "4.17.20"},
		},
		{
			name: "purl normalised",
			in:   "pkg:pypi/Torch_Triton@2.0.0%2B0d7e753227",
			want: &query.Query{Input: "pkg:pypi/Torch_Triton@2.0.0%2B0d7e753227", Kind: query.KindPURL, Type: "pypi", Name: "torch-triton", Version: "2.0.0+0d7e753227"},
		},
		{
			name: "purl with scope",
			in:   "pkg:npm/%40types/lodash",
			want: &query.Query{Input: "pkg:npm/%40types/lodash", Kind: query.KindPURL, Type: "npm", Namespace: "@types", Name: "lodash"},
		},
		{
			name: "purl golang keeps case",
			in:   "pkg:golang/github.com/Sirupsen/logrus@v1.0.0",
			want: &query.Query{Input: "pkg:golang/github.com/Sirupsen/logrus@v1.0.0", Kind: query.KindPURL, Type: "golang", Namespace: "github.com/Sirupsen", Name: "logrus", Version: "v1.0.0"},
		},
		{
			name: "purl upper case scheme",
			in:   "PKG:pypi/torchtriton",
			want: &query.Query{Input: "PKG:pypi/torchtriton", Kind: query.KindPURL, Type: "pypi", Name: "torchtriton"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := query.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(query.Query{}, "Versions")); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want the input %q", got.String(), tt.in)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string // substring of the error
	}{
		{"empty", "", "empty"},
		{"only white space", " \t\n", "empty"},
		{"inner space", "torch triton", "white space"},
		{"inner tab", "lodash\t@4", "white space"},
		{"scope alone", "@scope", "scope"},
		{"scope alone with version", "@scope@1.0.0", "scope"},
		{"empty artifact", "a:", "group:artifact"},
		{"empty group", ":a", "group:artifact"},
		{"too many colons", "a:b:c:d", "group:artifact"},
		{"two versions", "g:a:1@2", "two versions"},
		{"empty third part", "g:a:", "two versions"},
		{"empty version", "name@", "empty version"},
		{"empty scoped version", "@angular/core@", "empty version"},
		{"empty path element", "golang.org/x/", "empty path"},
		{"leading slash", "/net", "empty path"},
		{"double slash", "golang.org//net", "empty path"},
		{"double slash before name", "golang.org/x//net", "empty path"},
		{"purl scheme only", "pkg:", "package URL"},
		{"purl garbage", "pkg:garbage", "package URL"},
		{"purl no name", "pkg:npm/", "package URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := query.Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error", tt.in, q)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error %q, want it to mention %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

// comp builds a component the way decoders do: as written in the SBOM, with
// its ID filled by model.IdentifyComponent.
func comp(group, name, version, purl string) *model.Component {
	c := &model.Component{Group: group, Name: name, Version: version, PURL: purl}
	model.IdentifyComponent(c)
	return c
}

func TestMatches(t *testing.T) {
	var (
		pypiTorchtriton    = comp("", "torchtriton", "2.0.0+0d7e753227", "pkg:pypi/torchtriton@2.0.0%2B0d7e753227")
		pypiTorchTriton    = comp("", "torch-triton", "2.1.0", "pkg:pypi/torch-triton@2.1.0")
		pypiPytorchTriton  = comp("", "pytorch-triton", "2.1.0", "pkg:pypi/pytorch-triton@2.1.0")
		npmTorchtriton     = comp("", "torchtriton", "1.0.0", "pkg:npm/torchtriton@1.0.0")
		typelessTorch      = comp("", "torchtriton", "2.0.0+0d7e753227", "")
		npmLodash          = comp("", "lodash", "4.17.20", "pkg:npm/lodash@4.17.20")
		npmLodash21        = comp("", "lodash", "4.17.21", "pkg:npm/lodash@4.17.21")
		npmLodashNoVersion = comp("", "lodash", "", "pkg:npm/lodash@4.17.19")
		npmTypesLodash     = comp("@types", "lodash", "4.14.191", "pkg:npm/%40types/lodash@4.14.191")
		npmLodashDebounce  = comp("", "lodash.debounce", "4.0.8", "pkg:npm/lodash.debounce@4.0.8")
		npmLodashES        = comp("", "lodash-es", "4.17.21", "pkg:npm/lodash-es@4.17.21")
		typelessTypesLoda  = comp("@types", "lodash", "4.14.191", "")
		typelessScopedName = comp("", "@types/lodash", "4.14.191", "")
		mavenLog4j         = comp("org.apache.logging.log4j", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
		mavenLog4jNoGroup  = comp("", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar")
		typelessLog4j      = comp("org.apache.logging.log4j", "log4j-core", "2.14.1", "")
		mavenOtherLog4j    = comp("org.example", "log4j-core", "1.0", "pkg:maven/org.example/log4j-core@1.0")
		typelessOtherLog4j = comp("org.example", "log4j-core", "1.0", "")
		golangNet          = comp("", "golang.org/x/net", "v0.5.0", "pkg:golang/golang.org/x/net@v0.5.0")
		cdxgenNet          = comp("golang.org/x", "net", "v0.5.0", "pkg:golang/golang.org/x/net@v0.5.0")
		typelessNet        = comp("", "golang.org/x/net", "v0.5.0", "")
		golangHTTP2        = comp("", "golang.org/x/net/http2", "v0.5.0", "pkg:golang/golang.org/x/net/http2@v0.5.0")
		golangText         = comp("", "golang.org/x/text", "v0.5.0", "pkg:golang/golang.org/x/text@v0.5.0")
		golangLogrusUpper  = comp("", "github.com/Sirupsen/logrus", "v1.0.0", "pkg:golang/github.com/Sirupsen/logrus@v1.0.0")
		golangLogrusLower  = comp("", "github.com/sirupsen/logrus", "v1.9.0", "pkg:golang/github.com/sirupsen/logrus@v1.9.0")
		npmAngularCore     = comp("@angular", "core", "16.0.0", "pkg:npm/%40angular/core@16.0.0")
		// GitHub's dependency-graph export, without a purl: Maven
		// coordinates as the name.
		typelessJunit = comp("", "junit:junit", "4.13.2", "")
		typelessJD    = comp("", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", "")
	)
	tests := []struct {
		name  string
		query string
		c     *model.Component
		want  bool
	}{
		// PyPI, PEP 503.
		{"torchtriton vs pypi torchtriton", "torchtriton", pypiTorchtriton, true},
		{"Torch_Triton vs pypi torch-triton", "Torch_Triton", pypiTorchTriton, true},
		{"torch.triton vs pypi torch-triton", "torch.triton", pypiTorchTriton, true},
		{"Torch_Triton vs pypi torchtriton", "Torch_Triton", pypiTorchtriton, false},
		{"torch.triton vs pypi torchtriton", "torch.triton", pypiTorchtriton, false},
		{"torchtriton vs pypi torch-triton", "torchtriton", pypiTorchTriton, false},
		{"torchtriton vs pypi pytorch-triton", "torchtriton", pypiPytorchTriton, false},
		{"pytorch-triton vs pypi torchtriton", "pytorch-triton", pypiTorchtriton, false},
		{"TorchTriton vs pypi torchtriton", "TorchTriton", pypiTorchtriton, true},
		{"purl pypi vs pypi", "pkg:pypi/torchtriton", pypiTorchtriton, true},
		{"purl pypi normalised vs pypi", "pkg:pypi/Torch.Triton", pypiTorchTriton, true},
		{"purl pypi vs npm same name", "pkg:pypi/torchtriton", npmTorchtriton, false},
		{"purl npm vs pypi same name", "pkg:npm/torchtriton", pypiTorchtriton, false},
		{"bare name vs npm same name", "torchtriton", npmTorchtriton, true},
		{"bare name vs typeless", "torchtriton", typelessTorch, true},
		{"purl pypi vs typeless", "pkg:pypi/torchtriton", typelessTorch, true},
		{"purl pypi at version vs typeless", "pkg:pypi/torchtriton@2.0.0%2B0d7e753227", typelessTorch, true},
		{"purl npm vs typeless", "pkg:npm/torchtriton", typelessTorch, true},
		{"name at version vs pypi", "torchtriton@2.0.0+0d7e753227", pypiTorchtriton, true},
		// PEP 440: a version without a local label matches the candidate's
		// public version (packaging: Specifier("==2.0.0").contains("2.0.0+0d7e753227")).
		{"name at public version vs pypi local", "torchtriton@2.0.0", pypiTorchtriton, true},
		{"name at other version vs pypi", "torchtriton@2.0.1", pypiTorchtriton, false},
		{"name above public version vs pypi local", "torchtriton@>2.0.0", pypiTorchtriton, false},

		// Maven coordinates written as the name: found by artifact, by g:a.
		{"artifact vs typeless g:a name", "junit", typelessJunit, true},
		{"g:a vs typeless g:a name", "junit:junit", typelessJunit, true},
		{"artifact vs typeless jackson", "jackson-databind", typelessJD, true},
		{"g:a vs typeless jackson", "com.fasterxml.jackson.core:jackson-databind", typelessJD, true},
		{"purl vs typeless jackson", "pkg:maven/com.fasterxml.jackson.core/jackson-databind", typelessJD, true},
		{"other group vs typeless jackson", "org.example:jackson-databind", typelessJD, false},

		// npm scopes and look-alikes.
		{"lodash vs npm lodash", "lodash", npmLodash, true},
		{"Lodash vs npm lodash", "Lodash", npmLodash, true},
		{"lodash vs @types/lodash", "lodash", npmTypesLodash, false},
		{"lodash vs lodash.debounce", "lodash", npmLodashDebounce, false},
		{"lodash vs lodash-es", "lodash", npmLodashES, false},
		{"lodash vs typeless @types group", "lodash", typelessTypesLoda, false},
		{"lodash vs typeless @types/lodash name", "lodash", typelessScopedName, false},
		{"@types/lodash vs npm @types/lodash", "@types/lodash", npmTypesLodash, true},
		{"@types/lodash vs typeless @types group", "@types/lodash", typelessTypesLoda, true},
		{"@types/lodash vs typeless @types/lodash name", "@types/lodash", typelessScopedName, true},
		{"@types/lodash vs npm lodash", "@types/lodash", npmLodash, false},
		{"purl scoped vs npm @types/lodash", "pkg:npm/%40types/lodash", npmTypesLodash, true},
		{"purl unscoped vs npm @types/lodash", "pkg:npm/lodash", npmTypesLodash, false},
		{"@angular/core vs npm", "@angular/core", npmAngularCore, true},
		{"@Angular/Core vs npm", "@Angular/Core", npmAngularCore, true},
		{"@angular/core@16.0.0 vs npm", "@angular/core@16.0.0", npmAngularCore, true},
		{"@angular/core@15.0.0 vs npm", "@angular/core@15.0.0", npmAngularCore, false},

		// Maven.
		{"log4j-core vs maven", "log4j-core", mavenLog4j, true},
		{"log4j-core vs maven without group field", "log4j-core", mavenLog4jNoGroup, true},
		{"log4j-core vs typeless", "log4j-core", typelessLog4j, true},
		{"log4j-core vs other group", "log4j-core", mavenOtherLog4j, true},
		{"g:a vs maven", "org.apache.logging.log4j:log4j-core", mavenLog4j, true},
		{"g:a vs maven without group field", "org.apache.logging.log4j:log4j-core", mavenLog4jNoGroup, true},
		{"g:a vs typeless", "org.apache.logging.log4j:log4j-core", typelessLog4j, true},
		{"g:a vs maven other group", "org.apache.logging.log4j:log4j-core", mavenOtherLog4j, false},
		{"g:a vs typeless other group", "org.apache.logging.log4j:log4j-core", typelessOtherLog4j, false},
		{"g:a:v vs maven", "org.apache.logging.log4j:log4j-core:2.14.1", mavenLog4j, true},
		{"g:a:v other version vs maven", "org.apache.logging.log4j:log4j-core:2.17.0", mavenLog4j, false},
		{"g:a@v vs maven", "org.apache.logging.log4j:log4j-core@2.14.1", mavenLog4j, true},
		{"purl maven vs maven", "pkg:maven/org.apache.logging.log4j/log4j-core", mavenLog4j, true},
		{"purl maven at version vs maven", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", mavenLog4j, true},
		{"purl maven other group", "pkg:maven/org.example/log4j-core", mavenLog4j, false},
		{"maven case-sensitive group", "org.Apache.Logging.Log4j:log4j-core", mavenLog4j, false},

		// Go modules.
		{"golang.org/x/net vs golang", "golang.org/x/net", golangNet, true},
		{"golang.org/x/net vs cdxgen-style", "golang.org/x/net", cdxgenNet, true},
		{"golang.org/x/net vs typeless", "golang.org/x/net", typelessNet, true},
		{"golang.org/x/net vs http2", "golang.org/x/net", golangHTTP2, false},
		{"golang.org/x/net vs text", "golang.org/x/net", golangText, false},
		{"golang.org/x/net/http2 vs net", "golang.org/x/net/http2", golangNet, false},
		{"purl golang vs golang", "pkg:golang/golang.org/x/net", golangNet, true},
		{"purl golang vs cdxgen-style", "pkg:golang/golang.org/x/net@v0.5.0", cdxgenNet, true},
		{"module path lower vs Sirupsen", "github.com/sirupsen/logrus", golangLogrusUpper, false},
		{"module path upper vs Sirupsen", "github.com/Sirupsen/logrus", golangLogrusUpper, true},
		{"module path lower vs sirupsen", "github.com/sirupsen/logrus", golangLogrusLower, true},
		{"module path upper vs sirupsen", "github.com/Sirupsen/logrus", golangLogrusLower, false},
		{"purl lower vs Sirupsen", "pkg:golang/github.com/sirupsen/logrus", golangLogrusUpper, false},
		{"bare logrus vs Sirupsen", "logrus", golangLogrusUpper, true},

		// Versions.
		{"lodash@4.17.20 vs 4.17.20", "lodash@4.17.20", npmLodash, true},
		{"lodash@4.17.20 vs 4.17.21", "lodash@4.17.20", npmLodash21, false},
		{"lodash@4.17.2 vs 4.17.20", "lodash@4.17.2", npmLodash, false},
		{"lodash@4.17.19 vs version only in purl", "lodash@4.17.19", npmLodashNoVersion, true},
		{"purl lodash@4.17.20 vs 4.17.20", "pkg:npm/lodash@4.17.20", npmLodash, true},
		{"purl lodash@4.17.20 vs 4.17.21", "pkg:npm/lodash@4.17.20", npmLodash21, false},
		{"golang without v vs v", "golang.org/x/net@0.5.0", golangNet, true},
		{"golang with v vs v", "golang.org/x/net@v0.5.0", golangNet, true},
		{"golang other version", "golang.org/x/net@v0.6.0", golangNet, false},
		{"golang without v vs typeless", "pkg:golang/golang.org/x/net@0.5.0", typelessNet, true},
		// node-semver reads "v4.17.20" as 4.17.20 (semver.valid("v1.2.3") is "1.2.3").
		{"npm v prefix is semver-equal", "lodash@v4.17.20", npmLodash, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := query.Parse(tt.query)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.query, err)
			}
			if got := q.Matches(tt.c); got != tt.want {
				t.Errorf("Parse(%q).Matches(%+v) = %v, want %v", tt.query, *tt.c, got, tt.want)
			}
		})
	}
}

func TestMatchesNameIgnoresVersion(t *testing.T) {
	c := comp("", "lodash", "4.17.21", "pkg:npm/lodash@4.17.21")
	q, err := query.Parse("lodash@4.17.20")
	if err != nil {
		t.Fatal(err)
	}
	if !q.MatchesName(c) {
		t.Errorf("MatchesName(lodash@4.17.21) = false, want true")
	}
	if q.Matches(c) {
		t.Errorf("Matches(lodash@4.17.21) = true, want false")
	}
}
