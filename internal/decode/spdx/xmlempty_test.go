package spdx

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sbomx/sbomx/pkg/model"
)

// TestXMLEmptyObjectElement: an empty element whose SPDX JSON field is an
// object (<creationInfo/>) stands for an empty object, as an empty element
// of an array field stands for an empty list. Read as the string "", it
// made decodeJSON2 warn of a field of unexpected JSON type that the
// equivalent JSON and YAML documents do not have.
func TestXMLEmptyObjectElement(t *testing.T) {
	const body = `<spdxVersion>SPDX-2.3</spdxVersion><SPDXID>SPDXRef-DOCUMENT</SPDXID>` +
		`<documentDescribes>SPDXRef-A</documentDescribes>` +
		`<packages><SPDXID>SPDXRef-A</SPDXID><name>a</name><versionInfo>1</versionInfo>%s</packages>`
	jsonDoc := []byte(`{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "creationInfo": {},
		"documentDescribes": ["SPDXRef-A"],
		"packages": [{"SPDXID": "SPDXRef-A", "name": "a", "versionInfo": "1", "packageVerificationCode": {}}]}`)
	want, err := Decode(jsonDoc)
	if err != nil {
		t.Fatal(err)
	}
	want.Format = model.SPDXXML
	for _, xmlDoc := range []string{
		`<Document>` + fmt.Sprintf(body, `<packageVerificationCode/>`) + `<creationInfo/></Document>`,
		`<Document><creationInfo>` + "\n  " + `</creationInfo>` + fmt.Sprintf(body, `<packageVerificationCode></packageVerificationCode>`) + `</Document>`,
	} {
		got, err := Decode([]byte(xmlDoc))
		if err != nil {
			t.Fatalf("%s: %v", xmlDoc, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Decode differs from the JSON document's (-json +xml):\n%s", xmlDoc, diff)
		}
	}
}
