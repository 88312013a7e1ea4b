package cyclonedx

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/pkg/model"
)

// comp builds an expected component, filling ID like the decoder does.
func comp(ref, typ, group, name, version, purl string, hashes ...string) model.Component {
	c := model.Component{Ref: ref, Type: typ, Group: group, Name: name, Version: version, PURL: purl, Hashes: hashes}
	model.IdentifyComponent(&c)
	return c
}

func compPtr(c model.Component) *model.Component { return &c }

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *model.Document
	}{
		{
			name: "json nested components, root children, dependencies, hashes",
			in: `{
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "metadata": {
    "component": {"bom-ref": "app", "type": "application", "name": "app", "version": "1.0.0",
      "components": [{"bom-ref": "app-cli", "type": "Application", "name": "app-cli"}]}
  },
  "components": [
    {"bom-ref": "pkg:npm/a@1.0.0", "type": "library", "name": "a", "version": "1.0.0", "purl": "pkg:npm/a@1.0.0",
     "hashes": [{"alg": "SHA-256", "content": "ABCDEF"}, {"alg": "SHA3-256", "content": "00ff"}, {"alg": "BLAKE2b-256", "content": "11"}],
     "components": [
       {"bom-ref": "a/b", "type": "library", "name": "b", "version": "2.0.0", "purl": "pkg:npm/b@2.0.0",
        "components": [{"bom-ref": "a/b/c", "type": "library", "name": "c", "version": "3.0.0"}]}
     ]},
    {"bom-ref": "d", "type": "framework", "name": "D", "version": "4"}
  ],
  "dependencies": [
    {"ref": "app", "dependsOn": ["pkg:npm/a@1.0.0", "d"]},
    {"ref": "pkg:npm/a@1.0.0", "dependsOn": ["a/b", "missing"]},
    {"ref": "d"}
  ]
}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.6",
				Root:        compPtr(comp("app", "application", "", "app", "1.0.0", "")),
				Components: []model.Component{
					comp("app-cli", "application", "", "app-cli", "", ""),
					comp("pkg:npm/a@1.0.0", "library", "", "a", "1.0.0", "pkg:npm/a@1.0.0",
						"sha256:abcdef", "sha3256:00ff", "blake2b256:11"),
					comp("a/b", "library", "", "b", "2.0.0", "pkg:npm/b@2.0.0"),
					comp("a/b/c", "library", "", "c", "3.0.0", ""),
					comp("d", "framework", "", "D", "4", ""),
				},
				Dependencies: []model.Edge{
					{From: "app", To: "pkg:npm/a@1.0.0"}, {From: "app", To: "d"},
					{From: "pkg:npm/a@1.0.0", To: "a/b"}, {From: "pkg:npm/a@1.0.0", To: "missing"},
				},
				Containment: []model.Edge{
					{From: "app", To: "app-cli"},
					{From: "pkg:npm/a@1.0.0", To: "a/b"},
					{From: "a/b", To: "a/b/c"},
				},
			},
		},
		{
			name: "json root without bom-ref, components without bom-ref, duplicate refs",
			in: `{
  "bomFormat": "CycloneDX", "specVersion": "1.4",
  "metadata": {"component": {"type": "container", "name": "img"}},
  "components": [
    {"type": "library", "name": "x"},
    {"bom-ref": "sbomx:component:1", "type": "library", "name": "y"},
    {"type": "library", "name": "z", "components": [{"type": "file", "name": "z.jar"}]},
    {"bom-ref": "dup", "type": "library", "name": "dup", "version": "1"},
    {"bom-ref": "dup", "type": "library", "name": "dup", "version": "2"}
  ]
}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.4",
				Root:        compPtr(comp("sbomx:root", "container", "", "img", "", "")),
				Components: []model.Component{
					comp("sbomx:component:2", "library", "", "x", "", ""),
					comp("sbomx:component:1", "library", "", "y", "", ""),
					comp("sbomx:component:3", "library", "", "z", "", ""),
					comp("sbomx:component:4", "file", "", "z.jar", "", ""),
					comp("dup", "library", "", "dup", "1", ""),
					comp("dup", "library", "", "dup", "2", ""),
				},
				Containment: []model.Edge{{From: "sbomx:component:3", To: "sbomx:component:4"}},
			},
		},
		{
			name: "json root listed again in components",
			in: `{
  "bomFormat": "CycloneDX", "specVersion": "1.5",
  "metadata": {"component": {"bom-ref": "root", "type": "application", "name": "svc"}},
  "components": [
    {"bom-ref": "root", "type": "application", "name": "svc", "components": [{"bom-ref": "inner", "type": "library", "name": "inner"}]},
    {"bom-ref": "lib", "type": "library", "name": "lib"}
  ],
  "dependencies": [{"ref": "root", "dependsOn": ["lib"]}]
}`,
			want: &model.Document{
				Format:       model.CycloneDXJSON,
				SpecVersion:  "1.5",
				Root:         compPtr(comp("root", "application", "", "svc", "", "")),
				Components:   []model.Component{comp("inner", "library", "", "inner", "", ""), comp("lib", "library", "", "lib", "", "")},
				Dependencies: []model.Edge{{From: "root", To: "lib"}},
				Containment:  []model.Edge{{From: "root", To: "inner"}},
			},
		},
		{
			name: "json npm scoped group, no metadata, component without name",
			in: `{"bomFormat": "CycloneDX", "specVersion": "1.3", "components": [
  {"bom-ref": "t", "type": "library", "group": "@types", "name": "lodash", "version": "4.14.0"},
  {"bom-ref": "noname", "type": "library"}
]}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.3",
				Components: []model.Component{
					{Ref: "t", Type: "library", Group: "@types", Name: "lodash", Version: "4.14.0",
						ID: model.PkgID{Namespace: "@types", Name: "lodash"}},
					{Ref: "noname", Type: "library"},
				},
				Warnings: []string{"component noname has no name"},
			},
		},
		{
			name: "json meta 1.6: only metadata.component names an owner; the document's authors, supplier, manufacturer and tools made the SBOM",
			in: `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {
  "tools": {"components": [{"type": "application", "name": "syft", "version": "1.0"}, {"type": "application", "name": "syft", "version": "1.0"}],
            "services": [{"name": "scanner"}]},
  "authors": [{"name": "Alice"}, {"email": "bob@example.com"}, {"name": ""}],
  "supplier": {"name": "Acme Supplier"},
  "manufacturer": {"name": "Acme Manufacturer"},
  "manufacture": {"name": "Old Manufacture"},
  "properties": [{"name": "acme:owner", "value": "team-a"}],
  "component": {"bom-ref": "r", "type": "application", "name": "svc",
    "supplier": {"name": "Component Supplier"}, "manufacturer": {"name": "Component Manufacturer"},
    "authors": [{"name": "Carol"}, {"name": "Alice"}], "author": "Dave",
    "properties": [{"name": "acme:team", "value": "payments"}]}
}}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.6",
				Root:        compPtr(comp("r", "application", "", "svc", "", "")),
				Meta: model.Meta{
					Supplier:     model.Party{Name: "Component Supplier", Field: "metadata.component.supplier"},
					Manufacturer: model.Party{Name: "Component Manufacturer", Field: "metadata.component.manufacturer"},
					Authors: []model.Party{
						{Name: "Carol", Field: "metadata.component.authors"},
						{Name: "Alice", Field: "metadata.component.authors"},
						{Name: "Dave", Field: "metadata.component.author"},
					},
					Creators: []string{"Alice", "bob@example.com", "Acme Manufacturer", "Old Manufacture", "Acme Supplier", "syft@1.0", "scanner"},
					Properties: []model.Property{
						{Name: "acme:owner", Value: "team-a", Field: "metadata.properties"},
						{Name: "acme:team", Value: "payments", Field: "metadata.component.properties"},
					},
				},
			},
		},
		{
			name: "json meta 1.5: the document's manufacture and legacy tools made the SBOM; the component's supplier and author",
			in: `{"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {
  "tools": [{"vendor": "CycloneDX", "name": "cyclonedx-gomod", "version": "v1.10.0"}],
  "manufacture": {"name": "Old Manufacture"},
  "component": {"type": "application", "name": "svc", "supplier": {"name": "Component Supplier"}, "author": "Dave"}
}}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.5",
				Root:        compPtr(comp("sbomx:root", "application", "", "svc", "", "")),
				Meta: model.Meta{
					Supplier: model.Party{Name: "Component Supplier", Field: "metadata.component.supplier"},
					Authors:  []model.Party{{Name: "Dave", Field: "metadata.component.author"}},
					Creators: []string{"Old Manufacture", "cyclonedx-gomod@v1.10.0"},
				},
			},
		},
		{
			name: "json meta: component manufacturer",
			in: `{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {
  "component": {"bom-ref": "r", "type": "application", "name": "svc", "manufacturer": {"name": "Component Manufacturer"}}
}}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.6",
				Root:        compPtr(comp("r", "application", "", "svc", "", "")),
				Meta:        model.Meta{Manufacturer: model.Party{Name: "Component Manufacturer", Field: "metadata.component.manufacturer"}},
			},
		},
		{
			name: "json unknown future specVersion and unknown component type",
			in: "\ufeff" + `{"bomFormat": "CycloneDX", "specVersion": "1.8", "components": [
  {"bom-ref": "m", "type": "quantum-thing", "name": "m"}]}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.8",
				Components:  []model.Component{comp("m", "quantum-thing", "", "m", "", "")},
				Warnings:    []string{`unknown specversion "1.8", read as 1.7`},
			},
		},
		{
			name: "json specVersion as a number",
			in:   `{"bomFormat": "CycloneDX", "specVersion": 1.5, "components": [{"bom-ref": "m", "type": "library", "name": "m"}]}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.5",
				Components:  []model.Component{comp("m", "library", "", "m", "", "")},
				Warnings:    []string{"specversion 1.5 is not a string"},
			},
		},
		{
			name: "json field cyclonedx-go rejects is skipped",
			in: `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": "one",
  "components": [{"bom-ref": "evil", "type": "library", "name": "event-stream", "version": "3.3.6",
    "purl": "pkg:npm/event-stream@3.3.6", "modified": "yes", "hashes": [{"alg": "SHA-1", "content": 42}, {"alg": "SHA-1", "content": "AB"}]}],
  "dependencies": [{"ref": "evil", "dependsOn": ["x", 7]}]}`,
			want: &model.Document{
				Format:      model.CycloneDXJSON,
				SpecVersion: "1.6",
				Components: []model.Component{
					comp("evil", "library", "", "event-stream", "3.3.6", "pkg:npm/event-stream@3.3.6", "sha1:ab"),
				},
				Dependencies: []model.Edge{{From: "evil", To: "x"}},
				Warnings:     []string{"read leniently, skipped fields sbomx does not use: version is a string, not what cyclonedx-go expects"},
			},
		},
		{
			name: "xml nested components and dependencies",
			in: `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <metadata>
    <tools><components><component type="application"><name>cdxgen</name><version>12.8.4</version></component></components></tools>
    <component type="application" bom-ref="root"><name>svc</name>
      <properties><property name="acme:owner">team-x</property></properties>
    </component>
    <manufacturer><name>ACME</name></manufacturer>
  </metadata>
  <components>
    <component type="library" bom-ref="fat">
      <group>com.acme</group><name>fat</name><version>1.0</version>
      <hashes><hash alg="SHA-512">AA</hash></hashes>
      <purl>pkg:maven/com.acme/fat@1.0</purl>
      <components>
        <component type="library" bom-ref="log4j">
          <group>org.apache.logging.log4j</group><name>log4j-core</name><version>2.14.1</version>
          <purl>pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1</purl>
        </component>
      </components>
    </component>
  </components>
  <dependencies>
    <dependency ref="root"><dependency ref="fat"/></dependency>
    <dependency ref="fat"><dependency ref="log4j"/><dependency ref="other"/></dependency>
  </dependencies>
</bom>`,
			want: &model.Document{
				Format:      model.CycloneDXXML,
				SpecVersion: "1.6",
				Root:        compPtr(comp("root", "application", "", "svc", "", "")),
				Components: []model.Component{
					comp("fat", "library", "com.acme", "fat", "1.0", "pkg:maven/com.acme/fat@1.0", "sha512:aa"),
					comp("log4j", "library", "org.apache.logging.log4j", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
				},
				Dependencies: []model.Edge{{From: "root", To: "fat"}, {From: "fat", To: "log4j"}, {From: "fat", To: "other"}},
				Containment:  []model.Edge{{From: "fat", To: "log4j"}},
				Meta: model.Meta{
					Creators:   []string{"ACME", "cdxgen@12.8.4"},
					Properties: []model.Property{{Name: "acme:owner", Value: "team-x", Field: "metadata.component.properties"}},
				},
			},
		},
		{
			name: "xml 1.1 with dependency-graph extension",
			in: `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.1" xmlns:dg="http://cyclonedx.org/schema/ext/dependency-graph/1.0" version="1">
  <components>
    <component type="library" bom-ref="a"><name>a</name><version>1</version></component>
    <component type="library" bom-ref="b"><name>b</name><version>2</version></component>
  </components>
  <dg:dependencies>
    <dg:dependency ref="a"><dg:dependency ref="b"/></dg:dependency>
  </dg:dependencies>
</bom>`,
			want: &model.Document{
				Format:       model.CycloneDXXML,
				SpecVersion:  "1.1",
				Components:   []model.Component{comp("a", "library", "", "a", "1", ""), comp("b", "library", "", "b", "2", "")},
				Dependencies: []model.Edge{{From: "a", To: "b"}},
			},
		},
		{
			name: "xml 1.0 prefixed root",
			in: `<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.0" version="1">
  <cdx:components><cdx:component type="library"><cdx:name>a</cdx:name><cdx:version>1</cdx:version></cdx:component></cdx:components>
</cdx:bom>`,
			want: &model.Document{
				Format:      model.CycloneDXXML,
				SpecVersion: "1.0",
				Components:  []model.Component{comp("sbomx:component:1", "library", "", "a", "1", "")},
			},
		},
		{
			name: "xml element cyclonedx-go rejects is skipped",
			in: `<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="x">
  <components><component type="library" bom-ref="a"><name>a</name><modified>maybe</modified></component></components>
</bom>`,
			want: &model.Document{
				Format:      model.CycloneDXXML,
				SpecVersion: "1.6",
				Components:  []model.Component{comp("a", "library", "", "a", "", "")},
				Warnings:    []string{`read leniently, kept only the elements sbomx reads: strconv.ParseInt: parsing "x": invalid syntax`},
			},
		},
		{
			name: "xml latin-1 encoding",
			in: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">" +
				"<components><component type=\"library\" bom-ref=\"a\"><name>caf\xe9</name></component></components></bom>",
			want: &model.Document{
				Format:      model.CycloneDXXML,
				SpecVersion: "1.4",
				Components:  []model.Component{comp("a", "library", "", "caf\u00e9", "", "")},
				Warnings:    []string{`read leniently, kept only the elements sbomx reads: xml: encoding "ISO-8859-1" declared but Decoder.CharsetReader is nil`},
			},
		},
		{
			name: "xml unknown namespace version",
			in: `<bom xmlns="http://cyclonedx.org/schema/bom/2.0">
  <components><component type="library" bom-ref="a"><name>a</name></component></components>
</bom>`,
			want: &model.Document{
				Format:      model.CycloneDXXML,
				SpecVersion: "2.0",
				Components:  []model.Component{comp("a", "library", "", "a", "", "")},
				Warnings:    []string{`unknown specversion "2.0" in xml namespace, read leniently`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Decode mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		notSBOM  bool
		contains string
	}{
		{name: "package.json", in: `{"name": "left-pad", "version": "1.3.0", "dependencies": {"a": "^1"}}`, notSBOM: true, contains: "no bomFormat"},
		{name: "spdx bomFormat", in: `{"bomFormat": "SPDX"}`, notSBOM: true, contains: `"SPDX"`},
		{name: "bomFormat not a string", in: `{"bomFormat": 3}`, notSBOM: true},
		{name: "json array", in: `[{"bomFormat": "CycloneDX"}]`, notSBOM: true},
		{name: "empty", in: "  \n", notSBOM: true},
		{name: "tag-value", in: "SPDXVersion: SPDX-2.3\n", notSBOM: true},
		{name: "xml pom", in: `<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0"><artifactId>x</artifactId></project>`, notSBOM: true, contains: "<project>"},
		{name: "xml bom foreign namespace", in: `<bom xmlns="http://example.com/bom"><components/></bom>`, notSBOM: true, contains: "namespace"},
		{name: "xml bom without namespace", in: `<bom><components/></bom>`, notSBOM: true},
		{name: "truncated json", in: `{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": "a"`, contains: "malformed json"},
		{name: "truncated xml", in: `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>a</name>`},
		{name: "malformed xml root", in: `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"`, contains: "malformed xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatalf("Decode = %+v, want error", doc)
			}
			if got := errors.Is(err, model.ErrNotSBOM); got != tt.notSBOM {
				t.Errorf("errors.Is(%v, ErrNotSBOM) = %v, want %v", err, got, tt.notSBOM)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   model.Format
		wantOK bool
	}{
		{name: "json", in: ` {"bomFormat":"CycloneDX","specVersion":"1.6"}`, want: model.CycloneDXJSON, wantOK: true},
		{name: "json with utf-8 bom", in: "\ufeff\n{\"bomFormat\": \"CycloneDX\"}", want: model.CycloneDXJSON, wantOK: true},
		{name: "xml", in: `<?xml version="1.0"?>` + "\n" + `<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"/>`, want: model.CycloneDXXML, wantOK: true},
		{name: "xml prefixed", in: `<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.4"/>`, want: model.CycloneDXXML, wantOK: true},
		{name: "spdx json", in: `{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}`},
		{name: "xml not cyclonedx", in: `<project xmlns="http://maven.apache.org/POM/4.0.0"/>`},
		{name: "tag-value", in: "SPDXVersion: SPDX-2.3"},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Sniff([]byte(tt.in))
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Sniff = %q, %v, want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"name":"r","components":[{"name":"c"}]}},` +
		`"components":[{"bom-ref":"a","name":"a","components":[{"name":"b"}]}],"dependencies":[{"ref":"a","dependsOn":["b"]}]}`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"9","version":"x","components":[{"name":1,"hashes":[{"alg":"MD5"}]}]}`))
	f.Add([]byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><metadata><tools><tool><name>t</name></tool></tools>` +
		`<component type="application"><name>r</name></component></metadata><components><component type="library" bom-ref="a">` +
		`<name>a</name><hashes><hash alg="SHA-1">ab</hash></hashes></component></components>` +
		`<dependencies><dependency ref="a"><dependency ref="b"/></dependency></dependencies></bom>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
		if err == nil && doc.Root != nil && doc.Root.Ref == "" {
			t.Fatal("root without Ref")
		}
		for _, c := range components(doc) {
			if c.Ref == "" {
				t.Fatalf("component %q without Ref", c.Name)
			}
		}
	})
}

func components(doc *model.Document) []model.Component {
	if doc == nil {
		return nil
	}
	return doc.Components
}
