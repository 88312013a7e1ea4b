package model_test

import (
	"testing"

	"github.com/sbomx/sbomx/pkg/model"
)

func TestDisplayName(t *testing.T) {
	tests := []struct {
		name string
		c    model.Component
		want string
	}{
		{
			name: "maven group from SBOM",
			c:    model.Component{Group: "org.apache.logging.log4j", Name: "log4j-core", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
			want: "org.apache.logging.log4j:log4j-core",
		},
		{
			name: "maven group from purl only",
			c:    model.Component{Name: "log4j-core", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
			want: "org.apache.logging.log4j:log4j-core",
		},
		{
			name: "npm scope via group",
			c:    model.Component{Group: "@angular", Name: "core", PURL: "pkg:npm/%40angular/core@16.0.0"},
			want: "@angular/core",
		},
		{
			name: "go module prefix via group",
			c:    model.Component{Group: "golang.org/x", Name: "net", PURL: "pkg:golang/golang.org/x/net@v0.5.0"},
			want: "golang.org/x/net",
		},
		{
			name: "plain",
			c:    model.Component{Name: "torchtriton", PURL: "pkg:pypi/torchtriton@2.0.0"},
			want: "torchtriton",
		},
		{
			name: "plain without purl keeps spelling",
			c:    model.Component{Name: "Torch_Triton"},
			want: "Torch_Triton",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			model.IdentifyComponent(&c)
			if got := c.DisplayName(); got != tt.want {
				t.Errorf("DisplayName() = %q, want %q", got, tt.want)
			}
		})
	}
}
