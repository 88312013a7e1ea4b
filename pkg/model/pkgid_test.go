package model_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/pkg/model"
)

func TestPEP503(t *testing.T) {
	// Examples from PEP 503 ("Normalized Names"): all of these are the same
	// project, friendly-bar.
	tests := []struct {
		in, want string
	}{
		{"Friendly-Bar", "friendly-bar"},
		{"friendly.bar", "friendly-bar"},
		{"FRIENDLY_BAR", "friendly-bar"},
		{"friendly__bar", "friendly-bar"},
		{"Friendly_-Bar", "friendly-bar"},
		{"friendly-bar", "friendly-bar"},
		{"Torch_Triton", "torch-triton"},
		{"torch.triton", "torch-triton"},
		{"torch-triton", "torch-triton"},
		{"torch._-triton", "torch-triton"},
		{"torchtriton", "torchtriton"},
		{"pytorch-triton", "pytorch-triton"},
		{"zope.interface", "zope-interface"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := model.PEP503(tt.in); got != tt.want {
				t.Errorf("PEP503(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPEP503DistinctProjects(t *testing.T) {
	// torchtriton (the malicious package) is not torch-triton.
	if a, b := model.PEP503("torchtriton"), model.PEP503("torch-triton"); a == b {
		t.Errorf("PEP503(torchtriton) == PEP503(torch-triton) == %q; they are different projects", a)
	}
	if a, b := model.PEP503("pytorch-triton"), model.PEP503("torchtriton"); a == b {
		t.Errorf("PEP503(pytorch-triton) == PEP503(torchtriton) == %q", a)
	}
}

func TestNormalizeType(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"pypi", "pypi"},
		{"PyPI", "pypi"},
		{"dotnet", "nuget"},
		{"go", "golang"},
		{"crates", "cargo"},
		{"pip", "pypi"},
		{"python", "pypi"},
		{"npm", "npm"},
		{"Maven", "maven"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := model.NormalizeType(tt.in); got != tt.want {
				t.Errorf("NormalizeType(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		name             string
		typ, ns, n       string
		wantNS, wantName string
	}{
		{"pypi PEP 503", "pypi", "", "Torch_Triton", "", "torch-triton"},
		{"npm lower case", "npm", "@Angular", "Core", "@angular", "core"},
		{"nuget lower case", "nuget", "", "Newtonsoft.Json", "", "newtonsoft.json"},
		{"golang case kept", "golang", "github.com/Sirupsen", "logrus", "github.com/Sirupsen", "logrus"},
		{"maven case kept", "maven", "org.Example", "Lib", "org.Example", "Lib"},
		{"typeless lower case", "", "Org.Example", "Lib", "org.example", "lib"},
		{"unknown type as written", "conan", "", "OpenSSL", "", "OpenSSL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, n := model.NormalizeName(tt.typ, tt.ns, tt.n)
			if ns != tt.wantNS || n != tt.wantName {
				t.Errorf("NormalizeName(%q, %q, %q) = (%q, %q), want (%q, %q)", tt.typ, tt.ns, tt.n, ns, n, tt.wantNS, tt.wantName)
			}
		})
	}
}

func TestParsePURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want model.PURL
	}{
		{
			name: "pypi PEP 503 and encoded version",
			in:   "pkg:pypi/Torch_Triton.x@2.0.0%2B0d7e753227",
			want: model.PURL{ID: model.PkgID{Type: "pypi", Name: "torch-triton-x"}, Version: "2.0.0+0d7e753227"},
		},
		{
			name: "pypi plain",
			in:   "pkg:pypi/torchtriton@2.0.0",
			want: model.PURL{ID: model.PkgID{Type: "pypi", Name: "torchtriton"}, Version: "2.0.0"},
		},
		{
			name: "npm encoded scope",
			in:   "pkg:npm/%40angular/core@1.0.0",
			want: model.PURL{ID: model.PkgID{Type: "npm", Namespace: "@angular", Name: "core"}, Version: "1.0.0"},
		},
		{
			name: "npm unscoped no version",
			in:   "pkg:npm/lodash",
			want: model.PURL{ID: model.PkgID{Type: "npm", Name: "lodash"}},
		},
		{
			name: "maven with qualifiers",
			in:   "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
			want: model.PURL{
				ID:      model.PkgID{Type: "maven", Namespace: "org.apache.logging.log4j", Name: "log4j-core"},
				Version: "2.14.1",
			},
		},
		{
			name: "golang case preserved",
			in:   "pkg:golang/github.com/Sirupsen/logrus@v1.0.0",
			want: model.PURL{ID: model.PkgID{Type: "golang", Namespace: "github.com/Sirupsen", Name: "logrus"}, Version: "v1.0.0"},
		},
		{
			name: "golang lower case",
			in:   "pkg:golang/github.com/sirupsen/logrus@v1.9.0",
			want: model.PURL{ID: model.PkgID{Type: "golang", Namespace: "github.com/sirupsen", Name: "logrus"}, Version: "v1.9.0"},
		},
		{
			name: "golang subpath and qualifiers ignored",
			in:   "pkg:golang/golang.org/x/net@v0.5.0?type=module#http2",
			want: model.PURL{
				ID:      model.PkgID{Type: "golang", Namespace: "golang.org/x", Name: "net"},
				Version: "v0.5.0",
			},
		},
		{
			name: "type alias dotnet",
			in:   "pkg:dotnet/Foo",
			want: model.PURL{ID: model.PkgID{Type: "nuget", Name: "foo"}},
		},
		{
			name: "type upper case",
			in:   "pkg:NPM/Lodash@4.17.20",
			want: model.PURL{ID: model.PkgID{Type: "npm", Name: "lodash"}, Version: "4.17.20"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := model.ParsePURL(tt.in)
			if !ok {
				t.Fatalf("ParsePURL(%q) not ok", tt.in)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePURL(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParsePURLInvalid(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"scheme only", "pkg:"},
		{"no name", "pkg:npm/"},
		{"type only", "pkg:npm"},
		{"no scheme", "npm/lodash@1.0.0"},
		{"other scheme", "http://example.com/lodash"},
		{"bare name", "lodash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := model.ParsePURL(tt.in); ok {
				t.Errorf("ParsePURL(%q) = %+v, ok; want rejected", tt.in, got)
			}
		})
	}
}

func TestPkgIDString(t *testing.T) {
	tests := []struct {
		name string
		id   model.PkgID
		want string
	}{
		{"typed with namespace", model.PkgID{Type: "maven", Namespace: "org.example", Name: "lib"}, "pkg:maven/org.example/lib"},
		{"typed", model.PkgID{Type: "pypi", Name: "torchtriton"}, "pkg:pypi/torchtriton"},
		{"typeless with namespace", model.PkgID{Namespace: "@types", Name: "lodash"}, "@types/lodash"},
		{"typeless", model.PkgID{Name: "lodash"}, "lodash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.id.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIdentifyComponent(t *testing.T) {
	tests := []struct {
		name string
		c    model.Component
		want model.PkgID
	}{
		{
			name: "from pypi purl",
			c:    model.Component{Name: "Torch_Triton", PURL: "pkg:pypi/Torch_Triton@2.0.0"},
			want: model.PkgID{Type: "pypi", Name: "torch-triton"},
		},
		{
			name: "purl wins over group and name",
			c:    model.Component{Group: "golang.org/x", Name: "net", PURL: "pkg:golang/golang.org/x/net@v0.5.0"},
			want: model.PkgID{Type: "golang", Namespace: "golang.org/x", Name: "net"},
		},
		{
			name: "npm scoped purl",
			c:    model.Component{Group: "@types", Name: "lodash", PURL: "pkg:npm/%40types/lodash@4.14.0"},
			want: model.PkgID{Type: "npm", Namespace: "@types", Name: "lodash"},
		},
		{
			name: "no purl",
			c:    model.Component{Name: "TorchTriton"},
			want: model.PkgID{Name: "torchtriton"},
		},
		{
			name: "no purl with npm scope group",
			c:    model.Component{Group: "@Types", Name: "lodash"},
			want: model.PkgID{Namespace: "@types", Name: "lodash"},
		},
		{
			name: "no purl with maven group",
			c:    model.Component{Group: "org.apache.logging.log4j", Name: "log4j-core"},
			want: model.PkgID{Namespace: "org.apache.logging.log4j", Name: "log4j-core"},
		},
		{
			name: "invalid purl falls back to group and name",
			c:    model.Component{Name: "Foo", PURL: "not-a-purl"},
			want: model.PkgID{Name: "foo"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			model.IdentifyComponent(&c)
			if diff := cmp.Diff(tt.want, c.ID); diff != "" {
				t.Errorf("IdentifyComponent(%+v).ID mismatch (-want +got):\n%s", tt.c, diff)
			}
		})
	}
}
