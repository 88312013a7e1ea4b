package spdx

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/pkg/model"
)

// rdfDoc is SPDX 2.3 RDF/XML as spdx/tools-java writes it, with the RDF
// forms a reader meets: a package written inside the relationship that names
// it, one referred to by rdf:resource and defined later, a package given as
// an rdf:Description with an rdf:type, a file, an element of another
// document, a checksum and a purl.
const rdfDoc = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://spdx.org/rdf/terms#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <x:SpdxDocument rdf:about="http://acme.example/doc#SPDXRef-DOCUMENT">
    <x:specVersion>SPDX-2.3</x:specVersion>
    <x:name>app-sbom</x:name>
    <x:creationInfo><x:CreationInfo><x:creator>Tool: spdx-tools-java</x:creator></x:CreationInfo></x:creationInfo>
    <x:relationship>
      <x:Relationship>
        <x:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_describes"/>
        <x:relatedSpdxElement>
          <x:Package rdf:about="http://acme.example/doc#SPDXRef-app">
            <x:name>app</x:name>
            <x:relationship>
              <x:Relationship>
                <x:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependsOn"/>
                <x:relatedSpdxElement rdf:resource="http://acme.example/doc#SPDXRef-log4j"/>
              </x:Relationship>
            </x:relationship>
            <x:relationship>
              <x:Relationship>
                <x:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependsOn"/>
                <x:relatedSpdxElement rdf:resource="http://other.example/doc#SPDXRef-elsewhere"/>
              </x:Relationship>
            </x:relationship>
            <x:hasFile rdf:resource="http://acme.example/doc#SPDXRef-file"/>
            <x:versionInfo>1.0</x:versionInfo>
          </x:Package>
        </x:relatedSpdxElement>
      </x:Relationship>
    </x:relationship>
  </x:SpdxDocument>
  <x:Package rdf:about="http://acme.example/doc#SPDXRef-log4j">
    <x:name>log4j-core</x:name>
    <x:versionInfo>2.14.1</x:versionInfo>
    <x:supplier>Organization: Apache</x:supplier>
    <x:checksum><x:Checksum>
      <x:algorithm rdf:resource="http://spdx.org/rdf/terms#checksumAlgorithm_sha1"/>
      <x:checksumValue>AB12</x:checksumValue>
    </x:Checksum></x:checksum>
    <x:externalRef><x:ExternalRef>
      <x:referenceCategory rdf:resource="http://spdx.org/rdf/terms#referenceCategory_packageManager"/>
      <x:referenceType rdf:resource="http://spdx.org/rdf/references/purl"/>
      <x:referenceLocator>pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1</x:referenceLocator>
    </x:ExternalRef></x:externalRef>
    <x:relationship><x:Relationship>
      <x:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_dependsOn"/>
      <x:relatedSpdxElement rdf:resource="http://acme.example/doc#SPDXRef-api"/>
    </x:Relationship></x:relationship>
  </x:Package>
  <rdf:Description rdf:about="http://acme.example/doc#SPDXRef-api">
    <rdf:type rdf:resource="http://spdx.org/rdf/terms#Package"/>
    <x:name>log4j-api</x:name>
    <x:versionInfo>2.14.1</x:versionInfo>
  </rdf:Description>
  <x:File rdf:about="http://acme.example/doc#SPDXRef-file"><x:fileName>./README</x:fileName></x:File>
</rdf:RDF>`

func TestDecodeRDF(t *testing.T) {
	if f, ok := Sniff([]byte(rdfDoc)); !ok || f != model.SPDXRDF {
		t.Fatalf("Sniff = %q, %v", f, ok)
	}
	doc := mustDecode(t, rdfDoc)
	if doc.Format != model.SPDXRDF || doc.SpecVersion != "SPDX-2.3" {
		t.Errorf("format %q spec %q", doc.Format, doc.SpecVersion)
	}
	if doc.Root == nil || doc.Root.Name != "app" || doc.Root.Version != "1.0" {
		t.Fatalf("root %+v, want app 1.0", doc.Root)
	}
	want := []row{
		{"SPDXRef-log4j", "log4j-core", "", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core"},
		{"SPDXRef-api", "log4j-api", "", "2.14.1", "log4j-api"},
	}
	if diff := cmp.Diff(want, rows(doc)); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"sha1:ab12"}, doc.Components[0].Hashes); diff != "" {
		t.Errorf("hashes (-want +got):\n%s", diff)
	}
	wantEdges := []model.Edge{{From: "SPDXRef-app", To: "SPDXRef-log4j"}, {From: "SPDXRef-log4j", To: "SPDXRef-api"}}
	if diff := cmp.Diff(wantEdges, doc.Dependencies); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"dropped 1 relationship end(s) that are in another document"}, doc.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Tool: spdx-tools-java"}, doc.Meta.Creators); diff != "" {
		t.Errorf("creators (-want +got):\n%s", diff)
	}
}

func TestDecodeRDFErrors(t *testing.T) {
	for name, data := range map[string]string{
		"truncated":             rdfDoc[:len(rdfDoc)/2],
		"no SpdxDocument":       `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:Package rdf:about="#a"/></rdf:RDF>`,
		"rdf of something else": `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="x"/></rdf:RDF>`,
	} {
		t.Run(name, func(t *testing.T) {
			if doc, err := Decode([]byte(data)); err == nil {
				t.Errorf("Decode = %+v, want an error", doc)
			}
		})
	}
}
